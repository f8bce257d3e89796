//! `Client::from_env` reads `BRAZE_REST_ENDPOINT` and `BRAZE_API_KEY`. This file holds a single
//! test because it changes the process environment.

use braze_dsl::{Client, Error};

#[test]
fn from_env_reads_the_endpoint_and_the_key_and_names_what_is_missing() {
    // SAFETY: this test binary runs this one test on one thread; nothing else reads the
    // environment concurrently.
    unsafe {
        std::env::remove_var("BRAZE_API_KEY");
        std::env::set_var("BRAZE_REST_ENDPOINT", "EU-01");
    }
    let err = Client::from_env().unwrap_err();
    assert!(matches!(err, Error::Config(_)));
    assert_eq!(err.to_string(), "client configuration: the environment variable BRAZE_API_KEY is not set");

    // SAFETY: as above.
    unsafe { std::env::set_var("BRAZE_API_KEY", "sk-env-secret") };
    let client = Client::from_env().unwrap();
    assert_eq!(client.base_url(), "https://rest.fra-01.braze.eu");
    assert!(!format!("{client:?}").contains("sk-env-secret"));

    // SAFETY: as above.
    unsafe { std::env::set_var("BRAZE_REST_ENDPOINT", "http://rest.fra-01.braze.eu") };
    assert!(Client::from_env().unwrap_err().to_string().contains("plain http:// is refused"));
}

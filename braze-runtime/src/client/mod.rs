//! The async client: submits any [`Endpoint`] over HTTPS with the key in the `Authorization`
//! header, and returns the typed answer or an [`Error`] that keeps what was sent and received.

mod api_key;
mod body;
mod error;
mod instance;
mod rate_limit;

pub use api_key::ApiKey;
pub use body::BodyText;
pub use error::{ApiError, DecodeError, Error};
pub use instance::{Instance, UnknownInstance};
pub use rate_limit::{RateBucket, RateLimit};

use std::fmt;
use std::net::IpAddr;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, LOCATION};

use crate::endpoint::{Endpoint, Method};
use crate::responses::ErrorBody;
use crate::validate::{InvalidRequest, Problem, ProblemKind};

/// How long to wait for a connection, by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for a whole request, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The most of an answer the client reads. Braze's answers are a few hundred bytes; a longer
/// one (a proxy's page, a broken server) is cut here, and the error keeps what was read.
pub const MAX_ANSWER_BYTES: usize = 256 * 1024;

/// A typed answer with its status and rate-limit state. Dereferences to the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T> {
    /// The typed body.
    pub body: T,
    /// The HTTP status (any 2XX).
    pub status: u16,
    /// The rate-limit state after this request.
    pub rate_limit: RateLimit,
}

impl<T> Deref for Reply<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.body
    }
}

/// A Braze REST client. Cheap to clone; clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    key: ApiKey,
    /// `Bearer <key>`, built once and marked sensitive so no HTTP-level log shows it.
    authorization: HeaderValue,
    timeout: Duration,
    /// The clock of the rules that depend on time.
    clock: Clock,
}

/// A source of the current time.
type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("key", &self.inner.key)
            .field("timeout", &self.inner.timeout)
            .finish()
    }
}

/// Where the client sends requests: a documented [`Instance`] or a base URL.
pub trait IntoBaseUrl {
    /// The base URL, without a trailing slash.
    fn into_base_url(self) -> Result<String, Error>;
}

impl IntoBaseUrl for Instance {
    fn into_base_url(self) -> Result<String, Error> {
        Ok(self.rest_url().to_owned())
    }
}

impl IntoBaseUrl for &str {
    /// An instance name such as `US-01`, or a URL such as `https://rest.iad-01.braze.com`.
    fn into_base_url(self) -> Result<String, Error> {
        if let Ok(instance) = self.parse::<Instance>() {
            return instance.into_base_url();
        }
        check_base_url(self)
    }
}

impl IntoBaseUrl for String {
    fn into_base_url(self) -> Result<String, Error> {
        self.as_str().into_base_url()
    }
}

impl IntoBaseUrl for &String {
    fn into_base_url(self) -> Result<String, Error> {
        self.as_str().into_base_url()
    }
}

/// Accepts `https://` anywhere and `http://` only on loopback, so the key never travels in clear.
fn check_base_url(text: &str) -> Result<String, Error> {
    let url = reqwest::Url::parse(text.trim())
        .map_err(|e| Error::Config(format!("\"{text}\" is neither a Braze instance name nor a URL: {e}")))?;
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return Err(Error::Config(format!(
                "plain http:// is refused for {host}: the API key would travel unencrypted; use https:// \
                 (http is allowed only for loopback hosts such as 127.0.0.1)"
            )));
        }
        other => return Err(Error::Config(format!("unsupported URL scheme \"{other}\"; use https://"))),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "the base URL must not carry a query, a fragment (`#…`) or credentials; give it as \
             https://rest.iad-01.braze.com"
                .to_owned(),
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Builds a [`Client`] with non-default timeouts or clock.
pub struct ClientBuilder {
    base_url: Result<String, Error>,
    key: ApiKey,
    connect_timeout: Duration,
    timeout: Duration,
    clock: Clock,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("key", &self.key)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// How long to wait for a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long to wait for a whole request, answer included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The clock of the rules that depend on time (a local-time schedule already past, a
    /// content card expiring too far out); the system clock by default. Tests against an
    /// embedded server whose clock they set pass `braze.clock()`.
    pub fn clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url?;
        if self.key.is_empty() {
            return Err(Error::Config("the API key is empty".to_owned()));
        }
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", self.key.expose()))
            .map_err(|_| Error::Config("the API key contains characters not allowed in a header".to_owned()))?;
        authorization.set_sensitive(true);
        install_crypto_provider();
        let http = reqwest::Client::builder()
            // A redirect would turn a POST into a GET (reported as a success), or carry the body
            // to another host: Braze's API never redirects, so a 3XX is an error, kept as such.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(concat!("braze-dsl/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))?;
        let inner = Inner { http, base_url, key: self.key, authorization, timeout: self.timeout, clock: self.clock };
        Ok(Client { inner: Arc::new(inner) })
    }
}

impl Client {
    /// A client for `base` (an [`Instance`], an instance name or a URL) with `key`.
    pub fn new(base: impl IntoBaseUrl, key: impl Into<ApiKey>) -> Result<Client, Error> {
        Client::builder(base, key).build()
    }

    /// A builder, to set timeouts.
    pub fn builder(base: impl IntoBaseUrl, key: impl Into<ApiKey>) -> ClientBuilder {
        ClientBuilder {
            base_url: base.into_base_url(),
            key: key.into(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            clock: Arc::new(Utc::now),
        }
    }

    /// A client from `BRAZE_REST_ENDPOINT` (a URL or an instance name such as `US-01`) and
    /// `BRAZE_API_KEY`.
    pub fn from_env() -> Result<Client, Error> {
        let var = |name: &str| {
            std::env::var(name).map_err(|_| Error::Config(format!("the environment variable {name} is not set")))
        };
        let endpoint = var("BRAZE_REST_ENDPOINT")?;
        let key = var("BRAZE_API_KEY")?;
        Client::new(endpoint, key)
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Checks `request` against the rulebook and submits it to its endpoint.
    ///
    /// Any 2XX is success; the typed body keeps non-fatal `errors` and Canvas `notice`s.
    pub async fn send<E: Endpoint>(&self, request: &E) -> Result<Reply<E::Response>, Error> {
        request.validate_at((self.inner.clock)())?;
        let endpoint = request.path().into_owned();
        let url = format!("{}{}", self.inner.base_url, endpoint);
        let (builder, request_body) = match E::METHOD {
            Method::Post => {
                let body = serialize(request, &endpoint)?;
                check_body_size(&body)?;
                check_no_key_in_body(&body)?;
                // `Bytes` clones share the buffer: the body is kept for errors without a copy.
                let builder = self.inner.http.post(&url).header(CONTENT_TYPE, "application/json").body(body.clone());
                (builder, body)
            }
            Method::Get => (self.inner.http.get(&url).query(request), Bytes::new()),
        };
        tracing::debug!(target: "braze", endpoint = %endpoint, bytes = request_body.len(), "sending request");
        let response =
            builder.header(AUTHORIZATION, self.inner.authorization.clone()).send().await.map_err(|source| {
                classify_transport_error::<E>(source, endpoint.clone(), text_of(&request_body), self.inner.timeout)
            })?;
        let status = response.status().as_u16();
        let rate_limit = RateLimit::from_headers(response.headers());
        let location = response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let raw = match read_capped(response).await {
            Ok(raw) => raw,
            Err(source) => {
                let request_body = text_of(&request_body);
                return Err(classify_transport_error::<E>(source, endpoint, request_body, self.inner.timeout));
            }
        };
        tracing::debug!(target: "braze", endpoint = %endpoint, status, remaining = ?rate_limit.remaining, "answer");
        if (200..300).contains(&status) {
            let text = if raw.trim().is_empty() { "{}" } else { raw.as_str() };
            let parsed = if raw.is_truncated() {
                Err(format!("the answer is longer than {MAX_ANSWER_BYTES} bytes; its start was kept"))
            } else {
                serde_json::from_str::<E::Response>(text).map_err(|e| e.to_string())
            };
            match parsed {
                Ok(body) => Ok(Reply { body, status, rate_limit }),
                Err(message) => Err(Error::Decode(Box::new(DecodeError {
                    endpoint,
                    status,
                    message,
                    raw_body: raw,
                    rate_limit,
                    request_body: text_of(&request_body),
                }))),
            }
        } else {
            let body = serde_json::from_str::<ErrorBody>(&raw).unwrap_or_default();
            Err(Error::Api(Box::new(ApiError {
                endpoint,
                status,
                body,
                raw_body: raw,
                rate_limit,
                request_body: text_of(&request_body),
                idempotent: E::IDEMPOTENT,
                location,
            })))
        }
    }
}

/// Reads at most [`MAX_ANSWER_BYTES`] of an answer, as text (Braze answers UTF-8 JSON; anything
/// else is kept lossily decoded).
async fn read_capped(mut response: reqwest::Response) -> Result<BodyText, reqwest::Error> {
    let mut bytes = Vec::new();
    let mut truncated = false;
    while let Some(chunk) = response.chunk().await? {
        let room = MAX_ANSWER_BYTES - bytes.len();
        if chunk.len() > room {
            bytes.extend_from_slice(&chunk[..room]);
            truncated = true;
            break;
        }
        bytes.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(if truncated { BodyText::truncated(text) } else { BodyText::new(text) })
}

/// Installs rustls's ring provider as the process default, unless the application installed one
/// (or another crate's reqwest brought aws-lc): reqwest needs one to build a client.
pub fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // An error means another thread installed one meanwhile: that one is used, as intended.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// Serializes a request body; the buffer starts at a typical body's size to avoid regrowing.
fn serialize<E: Endpoint>(request: &E, endpoint: &str) -> Result<Bytes, Error> {
    let mut body = Vec::with_capacity(2048);
    serde_json::to_writer(&mut body, request)
        .map_err(|e| Error::Config(format!("{endpoint}: the request could not be serialized: {e}")))?;
    Ok(Bytes::from(body))
}

/// The body as text, for errors. It was serialized by serde_json, so it is UTF-8.
fn text_of(body: &Bytes) -> BodyText {
    BodyText::new(String::from_utf8_lossy(body).into_owned())
}

/// Braze refuses bodies over 4 MB (413); refuse them here, before they travel.
fn check_body_size(body: &[u8]) -> Result<(), Error> {
    let max = braze_rules::MAX_REQUEST_BYTES;
    if body.len() > max {
        let violation = braze_rules::Violation::TooLarge { field: "request body", bytes: body.len(), max };
        return Err(Error::Invalid(InvalidRequest::new(vec![Problem::new("", ProblemKind::Rule(violation))])));
    }
    Ok(())
}

/// The key travels in the `Authorization` header only (FACTS §1.2, §8.20): a legacy `api_key`
/// field, which Braze would still read, is refused before the body leaves or lands in an error.
fn check_no_key_in_body(body: &[u8]) -> Result<(), Error> {
    if has_top_level_key(body, "api_key") {
        let problem = Problem::new("api_key", ProblemKind::Rule(braze_rules::Violation::ApiKeyInBody));
        return Err(Error::Invalid(InvalidRequest::new(vec![problem])));
    }
    Ok(())
}

/// Whether the keys of a JSON object (its own, not those of nested values) include `key`, which
/// needs no escaping. `json` is serde_json's output, so it is well formed.
fn has_top_level_key(json: &[u8], key: &str) -> bool {
    // Nearly every body lacks the key anywhere: a vectorised search settles those at once.
    if memchr::memmem::find(json, key.as_bytes()).is_none() {
        return false;
    }
    let mut depth = 0usize;
    let mut expect_key = false;
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                if depth == 1 && expect_key && json.get(start..i) == Some(key.as_bytes()) {
                    return true;
                }
                expect_key = false;
            }
            b'{' => {
                depth += 1;
                expect_key = depth == 1;
            }
            b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' => expect_key = depth == 1,
            _ => {}
        }
        i += 1;
    }
    false
}

fn classify_transport_error<E: Endpoint>(
    source: reqwest::Error,
    endpoint: String,
    request_body: BodyText,
    after: Duration,
) -> Error {
    if source.is_connect() {
        Error::Connect { endpoint, source }
    } else if source.is_timeout() {
        Error::Timeout { endpoint, after, request_body, idempotent: E::IDEMPOTENT }
    } else {
        Error::Transport { endpoint, source, request_body, idempotent: E::IDEMPOTENT }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_refused_except_on_loopback() {
        for ok in ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "https://rest.iad-01.braze.com/"] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        let err = check_base_url("http://rest.iad-01.braze.com").unwrap_err();
        assert!(err.to_string().contains("plain http:// is refused for rest.iad-01.braze.com"), "{err}");
        assert!(check_base_url("http://10.0.0.1").is_err());
        assert!(check_base_url("ftp://x").is_err());
    }

    #[test]
    fn instance_names_and_urls_both_work() {
        assert_eq!("EU-01".into_base_url().unwrap(), "https://rest.fra-01.braze.eu");
        assert_eq!("https://rest.iad-01.braze.com/".into_base_url().unwrap(), "https://rest.iad-01.braze.com");
    }

    #[test]
    fn debug_never_shows_the_key() {
        let client = Client::new(Instance::Us01, "sk-very-secret-123").unwrap();
        let shown = format!("{client:?} {:?}", ApiKey::new("sk-very-secret-123"));
        assert!(!shown.contains("sk-very-secret-123"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn only_top_level_api_keys_are_found() {
        assert!(has_top_level_key(br#"{"a":1,"api_key":"k"}"#, "api_key"));
        assert!(has_top_level_key(br#"{"api_key":"k"}"#, "api_key"));
        assert!(!has_top_level_key(br#"{"trigger_properties":{"api_key":"k"}}"#, "api_key"), "nested");
        assert!(!has_top_level_key(br#"{"a":"api_key","b":["api_key"]}"#, "api_key"), "values");
        assert!(!has_top_level_key(br#"{"a":"x\"api_key\"","b":1}"#, "api_key"), "inside an escaped string");
        assert!(!has_top_level_key(br#"{"api_keys":1}"#, "api_key"));
    }

    #[test]
    fn quoted_keys_are_unquoted() {
        assert_eq!(ApiKey::new("\"abc\" ").expose(), "abc");
    }
}

//! Sends one message and prints what was sent and what came back.
//!
//! With `BRAZE_API_KEY` and `BRAZE_REST_ENDPOINT` set, it sends to Braze (set `QUICKSTART_USER`
//! to the external id of a user of your workspace). Without them, it starts the embedded
//! Braze-compatible server and sends there.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use braze_dsl::endpoints::MessagesSend;
use braze_dsl::model::{ApplePush, Email, Messages};
use braze_dsl::testing::BrazeServer;
use braze_dsl::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keep the server alive for the whole run when we use it.
    let (client, _server) = if std::env::var_os("BRAZE_API_KEY").is_some() {
        let client = Client::from_env()?;
        println!("sending to Braze at {}", std::env::var("BRAZE_REST_ENDPOINT").unwrap_or_default());
        (client, None)
    } else {
        let server = BrazeServer::start().await?;
        println!("BRAZE_API_KEY is not set: sending to the embedded Braze-compatible server at {}", server.url());
        (Client::new(server.url(), BrazeServer::API_KEY)?, Some(server))
    };

    let user = std::env::var("QUICKSTART_USER").unwrap_or_else(|_| "quickstart-user".to_owned());
    let messages = Messages {
        apple_push: Some(ApplePush { badge: Some(1), ..ApplePush::new("Welcome aboard") }),
        email: Some(Email {
            subject: Some("Welcome".to_owned()),
            body: Some("<p>Glad you're here</p>".to_owned()),
            ..Email::new("5f1e0c54-aaaa-bbbb-cccc-0123456789ab", "Acme <hello@acme.example>")
        }),
        ..Messages::default()
    };
    let welcome = MessagesSend::to_users([user], messages);

    println!("sent:\n{}", serde_json::to_string_pretty(&welcome)?);
    match client.send(&welcome).await {
        Ok(reply) => {
            println!("came back: HTTP {}\n{}", reply.status, serde_json::to_string_pretty(&reply.body)?);
            println!("rate limit: {:?}", reply.rate_limit);
            Ok(())
        }
        Err(Error::Api(refused)) => {
            println!("Braze refused it: {refused}\nbody: {}", refused.raw_body);
            Err(Error::Api(refused).into())
        }
        Err(other) => Err(other.into()),
    }
}

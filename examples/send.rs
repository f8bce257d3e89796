//! Sends a message declared with `message!` to the embedded Braze-compatible server.
//!
//! ```text
//! cargo run --example send
//! ```

use braze_dsl::testing::BrazeServer;
use braze_dsl::{Client, message};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let braze = BrazeServer::start().await?;
    let client = Client::new(braze.url(), BrazeServer::API_KEY)?;

    let users = vec!["user-1".to_string(), "user-2".to_string()];
    let welcome = message! {
        external_user_ids: users,
        messages: {
            apple_push: { alert: { title: "Welcome aboard", body: "Glad you're here" }, badge: 1 },
            email: {
                app_id: "5f1e0c54-aaaa-bbbb-cccc-0123456789ab",
                from: "Acme <hello@acme.example>",
                subject: "Welcome",
                body: "<p>Glad you're here</p>",
            },
        },
    };
    let sent = client.send(&welcome).await?;
    println!("sent {}\ndispatch {:?}", serde_json::to_string_pretty(&welcome)?, sent.dispatch_id);
    Ok(())
}

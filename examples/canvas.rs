//! Enters users into an API-triggered Canvas whose `context` is an application struct.
//!
//! ```text
//! cargo run --example canvas
//! ```

use braze_dsl::testing::BrazeServer;
use braze_dsl::{Canvas, Client, braze_canvas};
use serde::Serialize;

#[braze_canvas(id = "0nb0a4d1-1111-2222-3333-444455556666", broadcast = true)]
#[derive(Serialize)]
struct Onboarding {
    product_name: String,
    product_price: f64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let braze = BrazeServer::start().await?;
    let client = Client::new(braze.url(), BrazeServer::API_KEY)?;

    let entry = Onboarding { product_name: "shoes".into(), product_price: 79.99 };
    let sent = client.send(&entry.to_users(["user-1", "user-2"])).await?;
    println!("entered 2 users: dispatch {:?}", sent.dispatch_id);

    // Declared `broadcast = true`, so the whole entry audience may be entered.
    client.send(&entry.to_everyone()).await?;

    // A paused Canvas answers "success" but sends nothing; the notice says so.
    braze.pause_canvas("0nb0a4d1-1111-2222-3333-444455556666");
    let paused = client.send(&entry.to_user("user-3")).await?;
    println!("paused Canvas: {:?}", paused.notice);
    Ok(())
}

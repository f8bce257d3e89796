//! Triggers an API-triggered campaign whose `trigger_properties` are an application struct.
//!
//! ```text
//! cargo run --example campaign
//! ```

use braze_dsl::model::Schedule;
use braze_dsl::testing::BrazeServer;
use braze_dsl::{Campaign, Client, Timestamp, braze_campaign, recipients};
use serde::Serialize;

#[braze_campaign(id = "c0ffee00-1111-2222-3333-444455556666")]
#[derive(Serialize)]
struct OrderShipped {
    order_id: String,
    carrier: String,
    #[serde(rename = "eta")]
    arrives: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let braze = BrazeServer::start().await?;
    let client = Client::new(braze.url(), BrazeServer::API_KEY)?;

    let event = OrderShipped { order_id: "A-17".into(), carrier: "DHL".into(), arrives: "2031-05-02".into() };
    let sent = client.send(&event.to_user("user-1")).await?;
    println!("triggered for user-1: dispatch {:?}", sent.dispatch_id);

    // Each recipient can carry properties of its own, overriding the struct's.
    let two = recipients![
        { external_user_id: "user-2" },
        { email: "ops@acme.example", prioritization: ["identified", "most_recently_updated"], trigger_properties: { carrier: "UPS" } },
    ];
    client.send(&event.to_recipients(two)).await?;

    let tomorrow = Schedule::at(Timestamp::parse("2031-05-01T09:00:00Z")?);
    let scheduled = client.send(&event.to_user("user-3").schedule(tomorrow)).await?;
    println!("scheduled for user-3: {}", scheduled.schedule_id);

    // `event.to_everyone()` would not compile: `OrderShipped` is not declared `broadcast = true`.
    println!("{} requests reached the server", braze.all_requests().len());
    Ok(())
}

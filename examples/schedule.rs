//! Schedules a message in each user's local time, moves it, then cancels it.
//!
//! ```text
//! cargo run --example schedule
//! ```

use braze_dsl::endpoints::{MessagesScheduleDelete, MessagesScheduleUpdate, ScheduledBroadcastsList};
use braze_dsl::model::Schedule;
use braze_dsl::testing::BrazeServer;
use braze_dsl::{Client, Timestamp, message};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let braze = BrazeServer::start().await?;
    let client = Client::new(braze.url(), BrazeServer::API_KEY)?;

    // A `schedule` key makes this a /messages/schedule/create body.
    let reminder = message! {
        broadcast: true,
        segment_id: "trial-users",
        schedule: { time: "2031-05-01T09:30:00", in_local_time: true },
        messages: {
            sms: { subscription_group_id: "sms-marketing", body: "Your trial ends tomorrow", app_id: "app" },
        },
    };
    let scheduled = client.send(&reminder).await?;
    println!("scheduled {}", scheduled.schedule_id);

    let until = Timestamp::parse("2031-12-31T00:00:00Z")?;
    let upcoming = client.send(&ScheduledBroadcastsList::until(until)).await?;
    println!("upcoming: {:?}", upcoming.scheduled_broadcasts);

    let later = chrono::NaiveDateTime::parse_from_str("2031-05-02T09:30:00", "%Y-%m-%dT%H:%M:%S")?;
    client.send(&MessagesScheduleUpdate::reschedule(&scheduled.schedule_id, Schedule::in_local_time(later))).await?;
    client.send(&MessagesScheduleDelete::new(&scheduled.schedule_id)).await?;
    println!("moved, then cancelled; {} schedules left", braze.scheduled().len());
    Ok(())
}

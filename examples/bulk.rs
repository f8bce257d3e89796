//! Sends one message to 100,000 users through the embedded server, 50 per request, with a
//! progress bar, a few injected faults, and the exact account at the end.
//!
//! ```text
//! cargo run --example bulk
//! ```

use std::sync::Arc;
use std::time::Duration;

use braze_dsl::bulk::{RateLimiter, RetryPolicy};
use braze_dsl::testing::{BrazeServer, Fault};
use braze_dsl::{Client, message};
use indicatif::{ProgressBar, ProgressStyle};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let braze = BrazeServer::start().await?;
    braze.inject_randomly(
        42,
        vec![(Fault::Status(503), 0.01), (Fault::RateLimited { reset_in: Duration::from_millis(100) }, 0.002)],
    );
    let client = Client::new(braze.url(), BrazeServer::API_KEY)?;

    // The template: everything but the users.
    let template = message! {
        external_user_ids: ["placeholder"],
        messages: { sms: { subscription_group_id: "sms-marketing", body: "Spring sale: 20% off", app_id: "app" } },
    };
    const USERS: u64 = 100_000;
    let bar = ProgressBar::new(USERS);
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} users, {per_sec} ({eta})")?);

    let progress_bar = bar.clone();
    let report = client
        .bulk(&template)
        .users((0..USERS).map(|n| format!("user-{n}")))
        .concurrency(8)
        .limiter(Arc::new(RateLimiter::new()))
        .retry(RetryPolicy::default())
        .on_progress(move |p| progress_bar.set_position(p.done))
        .run()
        .await?;
    bar.finish();

    println!(
        "delivered {} / rejected {} / unknown {} of {} users in {} requests",
        report.delivered(),
        report.rejected(),
        report.unknown(),
        report.total(),
        report.requests
    );
    for batch in report.unknown.iter().take(3) {
        println!("unknown outcome for batch {} ({} users): {}", batch.index, batch.users.len(), batch.error);
    }
    Ok(())
}

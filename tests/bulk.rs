//! Bulk delivery against the embedded server's faults. In every case the account is exact
//! (each user delivered, rejected, unknown or skipped), no user is sent twice unless the policy
//! allows it, what the report calls delivered is what the server dispatched, and nothing panics.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use braze_dsl::bulk::{Batch, BulkReport, Checkpoint, RateLimiter, RetryPolicy};
use braze_dsl::endpoints::MessagesSend;
use braze_dsl::model::{Messages, Sms};
use braze_dsl::testing::{BrazeServer, Fault};
use braze_dsl::{Client, braze_campaign};

fn template() -> MessagesSend {
    let sms = Sms::new("subscription-group", "Spring sale: 20% off", "app-id");
    MessagesSend { messages: Some(Messages { sms: Some(sms), ..Messages::default() }), ..MessagesSend::default() }
}

fn users(n: usize) -> impl Iterator<Item = String> {
    (0..n).map(|i| format!("user-{i:06}"))
}

async fn setup(timeout: Duration) -> (BrazeServer, Client) {
    let braze = BrazeServer::start().await.expect("the server starts");
    let client = Client::builder(braze.url(), BrazeServer::API_KEY).timeout(timeout).build().expect("a client");
    (braze, client)
}

/// How many times the server dispatched each user.
fn dispatched(braze: &BrazeServer) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for dispatch in braze.dispatches() {
        for user in dispatch.users {
            *counts.entry(user).or_insert(0) += 1;
        }
    }
    counts
}

/// The invariants every run must keep.
fn assert_account(report: &BulkReport<String>, total: u64, delivered_users: &HashSet<String>, braze: &BrazeServer) {
    assert_eq!(report.total(), total, "every user offered is counted");
    assert_eq!(
        report.delivered() + report.rejected() + report.unknown() + report.skipped,
        total,
        "every user is delivered, rejected, unknown or skipped"
    );
    let sent = dispatched(braze);
    assert!(sent.values().all(|n| *n == 1), "a user was sent twice: {:?}", sent.iter().find(|(_, n)| **n > 1));
    let unknown: HashSet<&String> = report.unknown.iter().flat_map(|b| &b.users).collect();
    let rejected: HashSet<&String> = report.rejected.iter().flat_map(|b| &b.users).collect();
    for user in delivered_users {
        assert_eq!(sent.get(user), Some(&1), "{user} is reported delivered but was not dispatched");
    }
    for user in sent.keys() {
        assert!(
            delivered_users.contains(user) || unknown.contains(user),
            "{user} was dispatched but reported otherwise"
        );
    }
    for user in rejected {
        assert!(!sent.contains_key(user), "{user} is reported rejected but was dispatched");
    }
}

/// Runs a bulk job, collecting the users reported delivered.
async fn run(
    client: &Client,
    total: usize,
    configure: impl FnOnce(
        braze_dsl::bulk::Bulk<'_, MessagesSend, std::iter::Empty<String>>,
    ) -> braze_dsl::bulk::Bulk<'_, MessagesSend, std::iter::Empty<String>>,
) -> (BulkReport<String>, HashSet<String>) {
    let template = template();
    let delivered = Arc::new(Mutex::new(HashSet::new()));
    let sink = Arc::clone(&delivered);
    let report = configure(client.bulk(&template))
        .on_batch(move |outcome| {
            if matches!(outcome.result, braze_dsl::bulk::BatchResult::Delivered { .. }) {
                sink.lock().unwrap().extend(outcome.users.iter().cloned());
            }
        })
        .users(users(total))
        .run()
        .await;
    let delivered = delivered.lock().unwrap().clone();
    (report, delivered)
}

#[tokio::test]
async fn batches_of_fifty_deliver_everyone_once() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let (report, delivered) = run(&client, 1_234, |b| b.concurrency(4)).await;
    assert_account(&report, 1_234, &delivered, &braze);
    assert_eq!(report.delivered(), 1_234);
    assert_eq!(report.delivered_batches, 25, "ceil(1234 / 50) requests");
    assert!(braze.dispatches().iter().all(|d| d.users.len() <= 50));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report.is_complete());
}

#[tokio::test]
async fn a_429_storm_waits_for_the_reset_and_loses_no_one() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    for _ in 0..6 {
        braze.inject(Fault::RateLimited { reset_in: Duration::from_millis(300) });
    }
    let (report, delivered) = run(&client, 500, |b| b.concurrency(3)).await;
    assert_account(&report, 500, &delivered, &braze);
    assert_eq!(report.delivered(), 500, "429s are retried after the reset");
    assert_eq!(report.requests, 10 + 6, "each 429 costs one extra request");
}

#[tokio::test]
async fn five_hundreds_on_sends_are_unknown_unless_the_policy_accepts_duplicates() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    braze.inject(Fault::StatusAfterProcessing(500)); // Braze sent it, then failed
    braze.inject(Fault::Status(503)); // failed before sending
    braze.inject(Fault::Status(502));
    let (report, delivered) = run(&client, 300, |b| b.concurrency(1)).await;
    assert_account(&report, 300, &delivered, &braze);
    assert_eq!(report.unknown.len(), 3, "three batches have an unknown outcome");
    assert_eq!(report.unknown(), 150);
    assert_eq!(report.delivered(), 150);
    assert!(report.unknown.iter().all(|b| b.error.contains("Braze answered 50")));

    // Opting in retries them: everyone is reached, and the one Braze had sent goes out twice.
    let (braze, client) = setup(Duration::from_secs(5)).await;
    braze.inject(Fault::StatusAfterProcessing(500));
    braze.inject(Fault::Status(503));
    let policy =
        RetryPolicy { base_delay: Duration::from_millis(5), ..RetryPolicy::default() }.retry_unknown_outcomes();
    let (report, _) = run(&client, 300, |b| b.concurrency(1).retry(policy)).await;
    assert_eq!(report.delivered(), 300);
    let twice: Vec<usize> = dispatched(&braze).into_values().filter(|n| *n > 1).collect();
    assert_eq!(twice.len(), 50, "only the batch Braze had processed is duplicated");
}

#[tokio::test]
async fn slow_answers_dropped_connections_and_malformed_bodies() {
    let (braze, client) = setup(Duration::from_millis(300)).await;
    braze.inject(Fault::Delay(Duration::from_millis(700))); // processed, answered too late
    braze.inject(Fault::DropConnection); // not processed, but the client cannot know
    braze.inject(Fault::MalformedBody); // processed, answer unreadable
    braze.inject(Fault::Html(502)); // a gateway page
    braze.inject(Fault::Status(413)); // refused
    let (report, delivered) = run(&client, 400, |b| b.concurrency(1)).await;
    tokio::time::sleep(Duration::from_millis(800)).await; // let the slow request finish server-side
    assert_account(&report, 400, &delivered, &braze);
    assert_eq!(report.unknown.len(), 3, "timeout, dropped connection and 502: {:?}", report.unknown);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].status, Some(413));
    assert_eq!(report.delivered(), 200, "the malformed answer counts as delivered");
    assert_eq!(report.warnings.len(), 1, "only the malformed answer needs a look");
    let malformed = report.warnings.iter().find(|b| b.dispatch_id.is_none()).expect("the malformed batch");
    assert!(malformed.errors[0].contains("could not be read"));
}

#[tokio::test]
async fn a_resumed_job_sends_exactly_the_batches_not_yet_acknowledged() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let template = template();
    // The first run "crashes" after 7 batches: its input stops there.
    let saved = Arc::new(Mutex::new(Checkpoint::default()));
    let sink = Arc::clone(&saved);
    let first = client
        .bulk(&template)
        .users(users(1_000).take(7 * 50))
        .on_checkpoint(move |c| *sink.lock().unwrap() = c.clone())
        .run()
        .await;
    assert_eq!(first.delivered(), 350);
    let mut checkpoint = saved.lock().unwrap().clone();
    assert_eq!(checkpoint.contiguous, 7);
    // Pretend batch 9 was also acknowledged before the crash (out of order, as concurrency does).
    checkpoint.mark(9);
    let checkpoint = serde_json::from_str(&serde_json::to_string(&checkpoint).unwrap()).unwrap(); // persisted

    let before = braze.dispatches().len();
    let resent = Arc::new(Mutex::new(HashSet::new()));
    let sink = Arc::clone(&resent);
    let second = client
        .bulk(&template)
        .users(users(1_000))
        .resume(checkpoint)
        .on_batch(move |outcome| {
            sink.lock().unwrap().insert(outcome.index);
        })
        .run()
        .await;
    assert_eq!(second.skipped, 8 * 50);
    assert_eq!(second.delivered(), 600);
    assert_eq!(second.total(), 1_000);
    assert_eq!(second.delivered_batches, 12);
    let resent = resent.lock().unwrap().clone();
    assert_eq!(resent, (7..20).filter(|i| *i != 9).collect::<HashSet<u64>>(), "exactly the missing batches");
    assert_eq!(braze.dispatches().len() - before, 12);
    let sent = dispatched(&braze);
    assert_eq!(sent.len(), 1_000 - 50, "batch 9 was trusted to the checkpoint");
    assert!(sent.values().all(|n| *n == 1));
}

#[tokio::test]
async fn a_shared_limiter_keeps_to_its_budget_and_the_servers() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    braze.set_rate_limit(8, Duration::from_secs(1));
    let limiter = Arc::new(RateLimiter::new());
    let (report, delivered) = run(&client, 800, |b| b.concurrency(4).limiter(Arc::clone(&limiter))).await;
    assert_account(&report, 800, &delivered, &braze);
    assert_eq!(report.delivered(), 800);
    let refused = braze.all_requests().iter().filter(|r| r.status == 429).count();
    assert!(refused <= 4, "pacing from the headers avoids most 429s; got {refused}");
}

#[braze_campaign(id = "campaign-bulk")]
#[derive(serde::Serialize, Clone)]
struct Restock {
    sku: String,
}

#[tokio::test]
async fn campaign_triggers_are_batched_by_recipient_with_their_own_properties() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let event = Restock { sku: "shoe-42".into() };
    let template = event.to_recipients(Vec::new());
    let recipients = (0..120).map(|i| {
        braze_dsl::model::Recipient::external_user_id(format!("u{i}")).with_trigger_properties(
            braze_dsl::model::Properties::from_serialize("trigger_properties", &serde_json::json!({"n": i})).unwrap(),
        )
    });
    let report = client.bulk(&template).users(recipients).run().await;
    assert_eq!(report.delivered(), 120);
    let bodies = braze.requests("/campaigns/trigger/send");
    assert_eq!(bodies.len(), 3);
    assert_eq!(bodies[0].json()["trigger_properties"]["sku"], "shoe-42");
    assert_eq!(bodies[2].json()["recipients"].as_array().map(Vec::len), Some(20));
}

/// 100,000 recipients with mixed faults: the account stays exact and nobody is sent twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak_one_hundred_thousand_recipients_with_mixed_faults() {
    let (braze, client) = setup(Duration::from_millis(500)).await;
    braze.inject_randomly(
        7,
        vec![
            (Fault::RateLimited { reset_in: Duration::from_millis(50) }, 0.002),
            (Fault::Status(503), 0.01),
            (Fault::StatusAfterProcessing(500), 0.005),
            (Fault::DropConnection, 0.005),
            (Fault::MalformedBody, 0.005),
            (Fault::Html(502), 0.005),
            (Fault::Delay(Duration::from_millis(20)), 0.01),
        ],
    );
    let policy = RetryPolicy { base_delay: Duration::from_millis(2), ..RetryPolicy::default() };
    let (report, delivered) = run(&client, 100_000, |b| b.concurrency(8).retry(policy)).await;
    braze.stop_random_faults();
    assert_account(&report, 100_000, &delivered, &braze);
    assert!(report.delivered() > 95_000, "most batches get through: {}", report.delivered());
    assert!(!report.unknown.is_empty(), "the faults did happen");
}

#[tokio::test]
async fn single_requests_retry_only_where_it_is_safe() {
    use braze_dsl::endpoints::MessagesScheduleDelete;
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let policy = RetryPolicy { base_delay: Duration::from_millis(5), ..RetryPolicy::default() };
    let scheduled = client
        .send(&braze_dsl::message! {
            external_user_ids: ["u1"],
            schedule: { time: "2031-05-01T09:30:00Z" },
            messages: { sms: { subscription_group_id: "sg", body: "b", app_id: "a" } },
        })
        .await
        .unwrap();
    braze.inject(Fault::Status(503));
    braze.inject(Fault::RateLimited { reset_in: Duration::from_millis(100) });
    braze.inject(Fault::Status(504));
    let deleted = client.send_retrying(&MessagesScheduleDelete::new(&scheduled.schedule_id), &policy).await;
    assert!(deleted.is_ok(), "a delete is idempotent: {deleted:?}");
    assert_eq!(braze.requests("/messages/schedule/delete").len(), 4);

    braze.inject(Fault::Status(503));
    let sent = client.send_retrying(&template().with_users(vec!["u2".into()]), &policy).await;
    assert_eq!(sent.unwrap_err().status(), Some(503), "a send is not retried after a 5XX");
    assert_eq!(braze.requests("/messages/send").len(), 1);
}

//! What the bulk and hostile-network tests share: the template, the users, a server and client
//! on loopback, and the account every run must keep.
#![allow(dead_code)] // each test file uses its own part

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use braze_dsl::Client;
use braze_dsl::bulk::BulkReport;
use braze_dsl::endpoints::MessagesSend;
use braze_dsl::model::{Messages, Sms};
use braze_dsl::testing::BrazeServer;

pub fn template() -> MessagesSend {
    let sms = Sms::new("subscription-group", "Spring sale: 20% off", "app-id");
    MessagesSend { messages: Some(Messages { sms: Some(sms), ..Messages::default() }), ..MessagesSend::default() }
}

pub fn users(n: usize) -> impl Iterator<Item = String> {
    (0..n).map(|i| format!("user-{i:06}"))
}

pub async fn setup(timeout: Duration) -> (BrazeServer, Client) {
    let braze = BrazeServer::start().await.expect("the server starts");
    let client = Client::builder(braze.url(), BrazeServer::API_KEY).timeout(timeout).build().expect("a client");
    (braze, client)
}

/// How many times the server dispatched each user.
pub fn dispatched(braze: &BrazeServer) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for dispatch in braze.dispatches() {
        for user in dispatch.users {
            *counts.entry(user).or_insert(0) += 1;
        }
    }
    counts
}

/// The invariants every run must keep.
pub fn assert_account(report: &BulkReport<String>, total: u64, delivered_users: &HashSet<String>, braze: &BrazeServer) {
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

/// A bulk job of the template, before its users are given.
pub type Job<'a> = braze_dsl::bulk::Bulk<'a, MessagesSend, std::iter::Empty<String>>;

/// Runs a bulk job to `total` users, collecting the users reported delivered.
pub async fn run(
    client: &Client,
    total: usize,
    configure: impl FnOnce(Job<'_>) -> Job<'_>,
) -> (BulkReport<String>, HashSet<String>) {
    run_with(client, users(total), configure).await
}

/// Runs a bulk job to `input`, collecting the users reported delivered.
pub async fn run_with(
    client: &Client,
    input: impl Iterator<Item = String>,
    configure: impl FnOnce(Job<'_>) -> Job<'_>,
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
        .users(input)
        .run()
        .await
        .expect("no checkpoint is resumed, so the job runs");
    let delivered = delivered.lock().unwrap().clone();
    (report, delivered)
}

/// A plain HTTP client for posting raw bodies, with the TLS provider the client library uses.
pub fn http() -> reqwest::Client {
    braze_dsl::install_crypto_provider();
    reqwest::Client::new()
}

/// Behaviour every [`Pacing`](braze_dsl::bulk::Pacing) limiter shares, run against the
/// in-process one (tests/bulk.rs) and the Redis one (tests/redis.rs), so the two agree.
pub mod pacing {
    use std::time::Duration;

    use braze_dsl::bulk::{Pacing, Permit};
    use braze_dsl::{RateBucket, RateLimit};

    fn rate(remaining: u64, reset: chrono::DateTime<chrono::Utc>) -> RateLimit {
        RateLimit { limit: Some(10), remaining: Some(remaining), reset: Some(reset) }
    }

    /// Every scenario below, each on a fresh limiter from `fresh` (given the scenario's name),
    /// with `after` checked once it has run. Both limiters go through this one list.
    pub async fn every_rule<L: Pacing>(fresh: impl Fn(&str) -> L, after: impl Fn(&L)) {
        let limiter = fresh("in-flight");
        requests_in_flight_are_not_spent_twice(&limiter).await;
        after(&limiter);
        let limiter = fresh("probe");
        one_request_probes_a_new_window(&limiter).await;
        after(&limiter);
        let limiter = fresh("below-zero");
        a_count_below_the_requests_in_flight_stays_below_zero(&limiter).await;
        after(&limiter);
        let limiter = fresh("no-reset");
        a_budget_spent_without_a_reset_probes_again(&limiter).await;
        after(&limiter);
        let limiter = fresh("blocked");
        a_429_is_not_lifted_by_an_older_answer(&limiter).await;
        after(&limiter);
    }

    async fn acquire(limiter: &dyn Pacing) -> Option<Permit> {
        let acquire = limiter.acquire(RateBucket::Shared);
        tokio::time::timeout(Duration::from_millis(200), acquire).await.ok().map(|p| p.expect("a bounded wait"))
    }

    /// Braze's `remaining` leaves out the requests still on their way: 9 left, four sent, the
    /// first answered with 8 means 5 may still go, not 8; older answers (7, 6) are not news.
    pub async fn requests_in_flight_are_not_spent_twice(limiter: &dyn Pacing) {
        let reset = chrono::Utc::now() + chrono::TimeDelta::seconds(60);
        let probe = acquire(limiter).await.expect("the first request probes at once");
        limiter.observe(probe, rate(9, reset)).await;
        let mut out = Vec::new();
        for _ in 0..4 {
            out.push(acquire(limiter).await.expect("9 left"));
        }
        let mut out = out.into_iter();
        limiter.observe(out.next().unwrap(), rate(8, reset)).await;
        for (permit, remaining) in out.zip([5, 7, 6]) {
            limiter.observe(permit, rate(remaining, reset)).await;
        }
        let mut sent = 0;
        while let Some(permit) = acquire(limiter).await {
            sent += 1;
            limiter.release(permit).await;
            assert!(sent <= 5, "more than Braze's 5 left");
        }
        assert_eq!(sent, 5, "every one of the 5 left is used");
    }

    /// Braze had 1 left after the third of four requests: with three on their way that is two
    /// below zero, not zero; the answers counted before it give their share back only up to
    /// what Braze has left (none).
    pub async fn a_count_below_the_requests_in_flight_stays_below_zero(limiter: &dyn Pacing) {
        let reset = chrono::Utc::now() + chrono::TimeDelta::seconds(60);
        let probe = acquire(limiter).await.expect("the first request probes at once");
        limiter.observe(probe, rate(4, reset)).await;
        let mut out = Vec::new();
        for _ in 0..4 {
            out.push(acquire(limiter).await.expect("4 left"));
        }
        let [a, b, c, d] = <[Permit; 4]>::try_from(out).unwrap();
        limiter.observe(b, rate(1, reset)).await; // Braze counted a, c or d first
        limiter.observe(a, rate(2, reset)).await; // a it had: its share comes back, still below zero
        assert!(acquire(limiter).await.is_none(), "nothing left: Braze will count c or d");
        limiter.observe(d, rate(0, reset)).await;
        limiter.observe(c, rate(3, reset)).await;
        assert!(acquire(limiter).await.is_none(), "Braze has none left");
    }

    /// A count without a reset that can be read, spent, with nothing in flight: the limiter
    /// probes again after a short backoff instead of waiting for a reset that never comes.
    pub async fn a_budget_spent_without_a_reset_probes_again(limiter: &dyn Pacing) {
        let probe = acquire(limiter).await.expect("the first request probes at once");
        limiter.observe(probe, RateLimit { limit: Some(10), remaining: Some(1), reset: None }).await;
        let last = acquire(limiter).await.expect("1 left");
        limiter.release(last).await;
        let again = tokio::time::timeout(Duration::from_secs(3), limiter.acquire(RateBucket::Shared)).await;
        let again = again.expect("no wait for a reset that never comes").expect("a bounded wait");
        limiter.release(again).await;
    }

    /// After a 429, an answer still on its way, counted before it, does not lift the block:
    /// the bucket waits out the 429's backoff, then probes.
    pub async fn a_429_is_not_lifted_by_an_older_answer(limiter: &dyn Pacing) {
        let reset = chrono::Utc::now() + chrono::TimeDelta::seconds(60);
        let probe = acquire(limiter).await.expect("the first request probes at once");
        limiter.observe(probe, rate(5, reset)).await;
        let (older, refused) = (acquire(limiter).await.unwrap(), acquire(limiter).await.unwrap());
        limiter.exhausted_until(refused, None, Duration::from_millis(600)).await;
        let later = chrono::Utc::now() + chrono::TimeDelta::minutes(30);
        limiter.observe(older, rate(4, later)).await; // looks like a later window, with 4 left
        assert!(acquire(limiter).await.is_none(), "the 429 holds");
        let probe = tokio::time::timeout(Duration::from_secs(3), limiter.acquire(RateBucket::Shared)).await;
        let probe = probe.expect("the block ends").expect("a bounded wait");
        assert!(acquire(limiter).await.is_none(), "one request probes the window afresh");
        limiter.release(probe).await;
    }

    /// One request probes a window the limiter knows nothing of; the rest follow its answer.
    pub async fn one_request_probes_a_new_window(limiter: &dyn Pacing) {
        let probe = acquire(limiter).await.expect("the first request probes at once");
        assert!(acquire(limiter).await.is_none(), "the second waits for the probe's answer");
        let reset = chrono::Utc::now() + chrono::TimeDelta::seconds(60);
        limiter.observe(probe, rate(3, reset)).await;
        for _ in 0..3 {
            let permit = acquire(limiter).await.expect("3 left");
            limiter.release(permit).await;
        }
        assert!(acquire(limiter).await.is_none(), "then none");
    }
}

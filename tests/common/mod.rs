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

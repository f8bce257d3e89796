//! Delivery against a hostile network and a broken server (issue 10), on real sockets on
//! loopback. Every bulk run checks the exact account (`delivered + rejected + unknown + skipped
//! == total`, and each user in the bucket the server's record allows), how many requests the
//! server received, and that no user was dispatched twice unless the caller opted in.

mod common;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use braze_dsl::bulk::{BatchResult, Checkpoint, RateLimiter, RetryPolicy};
use braze_dsl::model::{Messages, Sms};
use braze_dsl::testing::{BrazeServer, Fault};
use braze_dsl::{Client, Error, MAX_ANSWER_BYTES};

use common::{assert_account, dispatched, run, run_with, setup, template, users};

/// An injected answer, processed by the server first or not.
fn answer(process: bool, status: u16, headers: &[(&str, &str)], body: &str) -> Fault {
    Fault::Answer {
        process,
        status,
        headers: headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        body: body.to_owned(),
    }
}

const SUCCESS: &str = r#"{"message": "success", "dispatch_id": "dispatch-injected"}"#;

#[tokio::test]
async fn redirects_are_errors_and_never_followed() {
    // Found 1: a 302 to /login was followed as a GET and reported as delivered; a 307 re-sent
    // the body to another host.
    let (braze, client) = setup(Duration::from_secs(5)).await;
    for _ in 0..3 {
        braze.inject(answer(false, 302, &[("location", "/login")], ""));
    }
    let (report, delivered) = run(&client, 150, |b| b.concurrency(1)).await;
    assert_account(&report, 150, &delivered, &braze);
    assert_eq!((report.delivered(), report.rejected()), (0, 150), "nothing was sent, and nothing is called delivered");
    assert!(report.rejected[0].error.contains("a redirect to /login, which the client does not follow"));
    let seen = braze.all_requests();
    assert_eq!(seen.len(), 3, "one request per batch");
    assert!(seen.iter().all(|r| r.method == "POST" && r.path == "/messages/send"), "no GET /login");

    let elsewhere = BrazeServer::start().await.unwrap();
    let location = format!("{}/messages/send", elsewhere.url());
    braze.inject(answer(false, 307, &[("location", &location)], ""));
    let err = client.send(&template_to("u1")).await.unwrap_err();
    let Error::Api(api) = &err else { panic!("a redirect is an answer: {err:?}") };
    assert_eq!((api.status, api.location.as_deref()), (307, Some(location.as_str())));
    assert!(!err.outcome_unknown() && !err.is_retryable(), "Braze did not process it");
    assert!(elsewhere.all_requests().is_empty(), "the body never went to the other host");
    assert!(dispatched(&braze).is_empty());
}

fn template_to(user: &str) -> braze_dsl::endpoints::MessagesSend {
    use braze_dsl::bulk::Batch;
    template().with_users(vec![user.to_owned()])
}

#[tokio::test]
async fn an_unreadable_reset_is_a_short_backoff_and_an_absurd_one_fails_fast() {
    // Found 2: `X-RateLimit-Remaining: 0` with a reset the limiter could not read made every job
    // sharing the limiter wait forever; a reset far in the future waited for it.
    for reset in ["", "soon", "1.5"] {
        let (braze, client) = setup(Duration::from_secs(5)).await;
        braze.inject(answer(true, 201, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset)], SUCCESS));
        let job = run(&client, 150, |b| b.concurrency(1));
        let (report, delivered) = tokio::time::timeout(Duration::from_secs(20), job).await.expect("no hang");
        assert_account(&report, 150, &delivered, &braze);
        assert_eq!(report.delivered(), 150, "reset {reset:?}");
        assert_eq!(braze.all_requests().len(), 3);
    }
    let now_ms = chrono::Utc::now().timestamp_millis().to_string(); // milliseconds read as seconds
    for reset in ["8000000000000", now_ms.as_str()] {
        let (braze, client) = setup(Duration::from_secs(5)).await;
        braze.inject(answer(true, 201, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset)], SUCCESS));
        let job = run(&client, 150, |b| b.concurrency(1));
        let (report, delivered) = tokio::time::timeout(Duration::from_secs(20), job).await.expect("no hang");
        assert_account(&report, 150, &delivered, &braze);
        assert_eq!((report.delivered(), report.rejected()), (50, 100), "reset {reset}");
        assert!(report.rejected.iter().all(|b| b.error.contains("more than the hour")), "{:?}", report.rejected);
        assert_eq!(braze.all_requests().len(), 1, "the rejected batches were never sent");
    }
}

#[tokio::test]
async fn a_429_with_a_past_reset_waits_the_minimum_and_max_rate_limited_gives_up() {
    // Found 3: a 429 whose reset had passed was retried at once, 408 requests in 0.5 s for 4
    // batches.
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let past = (chrono::Utc::now().timestamp() - 30).to_string();
    for _ in 0..100 {
        braze.inject(answer(false, 429, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", &past)], "{}"));
    }
    let delay = Duration::from_millis(300);
    let policy = RetryPolicy { max_rate_limited: 2, rate_limited_delay: delay, ..RetryPolicy::default() };
    let started = std::time::Instant::now();
    let job = tokio::spawn(async move {
        let result = run(&client, 200, |b| b.concurrency(4).retry(policy)).await;
        (result, client)
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The window is unknown, so one request probes it; its 429 holds the other batches back.
    assert_eq!(braze.all_requests().len(), 1, "one request before the first backoff ends");
    let ((report, delivered), _client) = job.await.unwrap();
    // After each 429, one request probes again, no sooner than the backoff.
    assert!(started.elapsed() >= delay * 11, "{:?}", started.elapsed());
    assert_account(&report, 200, &delivered, &braze);
    assert_eq!(report.rejected(), 200);
    assert!(report.rejected.iter().all(|b| b.status == Some(429) && b.error.contains("given up after 2")));
    assert_eq!(braze.all_requests().len(), 12, "each batch met exactly max_rate_limited + 1 429s");
}

/// A small deterministic mix, for choosing where to drop a job.
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[tokio::test]
async fn a_job_dropped_at_random_points_and_resumed_sends_no_one_twice() {
    // Found 4: resuming from the last checkpoint after a crash sent 200 users twice. The job is
    // dropped (a crash) at a seeded random moment, then resumed from what it persisted.
    const TOTAL: usize = 600; // 12 batches
    let template = template();
    let (mut crashed, mut in_flight_at_crash) = (0, 0);
    for seed in 0..24 {
        let (braze, client) = setup(Duration::from_secs(5)).await;
        braze.inject_randomly(seed, vec![(Fault::Delay(Duration::from_millis(15)), 0.5)]);
        let saved: Arc<Mutex<Option<Checkpoint>>> = Arc::default();
        let sink = Arc::clone(&saved);
        let job = client
            .bulk(&template)
            .users(users(TOTAL))
            .concurrency(3)
            .on_checkpoint(move |c| *sink.lock().unwrap() = Some(c.clone()))
            .run();
        let crash_after = Duration::from_millis(splitmix(seed) % 60);
        let finished = tokio::time::timeout(crash_after, job).await.is_ok();
        tokio::time::sleep(Duration::from_millis(40)).await; // requests already on the wire land
        braze.stop_random_faults();
        let persisted = saved.lock().unwrap().clone().unwrap_or_default();
        crashed += usize::from(!finished);
        in_flight_at_crash += persisted.unacknowledged().count();
        let checkpoint: Checkpoint = serde_json::from_str(&serde_json::to_string(&persisted).unwrap()).unwrap();

        let outcomes = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&outcomes);
        let resumed = client
            .bulk(&template)
            .users(users(TOTAL))
            .resume(checkpoint.clone())
            .on_batch(move |o| sink.lock().unwrap().push((o.users.clone(), o.result.clone())))
            .run()
            .await
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));

        let mut buckets: Vec<(String, &str)> = Vec::new();
        for (users, result) in outcomes.lock().unwrap().iter() {
            let bucket = match result {
                BatchResult::Delivered { .. } => "delivered",
                BatchResult::Rejected { .. } => "rejected",
                _ => "unknown",
            };
            buckets.extend(users.iter().map(|u| (u.clone(), bucket)));
        }
        let all: Vec<String> = users(TOTAL).collect();
        for (i, user) in all.iter().enumerate() {
            if checkpoint.is_done((i / 50) as u64) {
                buckets.push((user.clone(), "skipped"));
            }
        }
        let counted: HashSet<&String> = buckets.iter().map(|(u, _)| u).collect();
        assert_eq!(buckets.len(), TOTAL, "seed {seed}: every user in exactly one bucket");
        assert_eq!(counted.len(), TOTAL, "seed {seed}: no user in two buckets");
        assert_eq!(
            resumed.delivered() + resumed.rejected() + resumed.unknown() + resumed.skipped,
            TOTAL as u64,
            "seed {seed}"
        );
        let sent = dispatched(&braze);
        assert!(sent.values().all(|n| *n == 1), "seed {seed} (finished first: {finished}): a user was sent twice");
        for (user, bucket) in &buckets {
            if *bucket == "delivered" {
                assert_eq!(sent.get(user), Some(&1), "seed {seed}: {user} delivered but not dispatched");
            }
            if *bucket == "rejected" {
                assert!(!sent.contains_key(user), "seed {seed}: {user} rejected but dispatched");
            }
        }
    }
    assert!(crashed >= 12, "most runs are dropped before they finish: {crashed} of 24");
    assert!(in_flight_at_crash > 0, "some drops land with requests in flight");
}

#[tokio::test]
async fn one_bad_user_is_rejected_alone_and_the_rest_of_its_batch_is_sent() {
    // Found 5: a blank user id made Braze refuse its whole batch of 50.
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let input: Vec<String> = users(100)
        .enumerate()
        .flat_map(|(i, u)| match i {
            10 => vec![String::new(), u],
            60 => vec!["   ".to_owned(), u],
            _ => vec![u],
        })
        .collect();
    let (report, delivered) = run_with(&client, input.into_iter(), |b| b.concurrency(2)).await;
    assert_account(&report, 102, &delivered, &braze);
    assert_eq!((report.delivered(), report.rejected()), (100, 2));
    assert!(report.rejected.iter().all(|b| b.users.len() == 1 && b.error.contains("cannot be empty")));
    assert_eq!(braze.all_requests().len(), 2, "two full batches of valid users");
    assert!(braze.dispatches().iter().all(|d| d.users.len() == 50));
}

#[tokio::test]
async fn answers_are_read_up_to_a_cap_and_errors_show_bounded_bodies() {
    // Found 6 and 7: a 200 MB answer was read whole and kept; `Debug` of an error printed the
    // whole request body (user ids, emails) into logs.
    let (braze, client) = setup(Duration::from_secs(20)).await;
    let huge = "x".repeat(20 * 1024 * 1024);
    braze.inject(answer(false, 502, &[], &huge));
    let err = client.send(&template_to("u1")).await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.raw_body.len(), MAX_ANSWER_BYTES, "only the cap was read");
    assert!(api.raw_body.is_truncated());

    braze.inject(answer(true, 200, &[], &huge));
    let (report, delivered) = run(&client, 50, |b| b).await;
    assert_account(&report, 50, &delivered, &braze);
    assert_eq!(report.delivered(), 50, "accepted, though the answer was cut");
    assert!(report.warnings[0].errors[0].contains("longer than"), "{:?}", report.warnings);

    let people: Vec<String> = (0..50).map(|i| format!("person{i}@example.com")).collect();
    let request = braze_dsl::endpoints::MessagesSend::to_users(
        people.clone(),
        Messages { sms: Some(Sms::new("sg", "Your code is 1234", "app")), ..Messages::default() },
    );
    braze.inject(Fault::StatusAfterProcessing(500));
    let err = client.send(&request).await.unwrap_err();
    let shown = format!("{err:?}");
    assert!(shown.len() < 1_000, "bounded: {shown}");
    assert!(!shown.contains(&people[5]), "no recipient past the excerpt: {shown}");
    assert!(people.iter().all(|p| err.request_body().is_some_and(|b| b.contains(p.as_str()))), "all kept");
}

#[tokio::test]
async fn small_holes_are_closed() {
    // Found 8: a 200 without `dispatch_id` counted as clean; a base URL with a fragment sent
    // requests to `/`; `RateLimiter::with_limit(n, Duration::MAX)` panicked in `run()`.
    let (braze, client) = setup(Duration::from_secs(5)).await;
    braze.inject(answer(true, 201, &[], r#"{"message": "success"}"#));
    let (report, delivered) = run(&client, 50, |b| b).await;
    assert_account(&report, 50, &delivered, &braze);
    assert_eq!(report.delivered(), 50);
    assert!(report.warnings[0].errors[0].contains("no dispatch_id"), "{:?}", report.warnings);

    let err = Client::new("https://rest.iad-01.braze.com/#messages", "key").unwrap_err();
    assert!(err.to_string().contains("fragment"), "{err}");

    let (braze, client) = setup(Duration::from_secs(5)).await;
    let limiter = Arc::new(RateLimiter::with_limit(1, Duration::MAX));
    let (report, delivered) = run(&client, 150, |b| b.concurrency(2).limiter(limiter)).await;
    assert_account(&report, 150, &delivered, &braze);
    assert_eq!((report.delivered(), report.rejected()), (50, 100));
    assert!(report.rejected[0].error.contains("an unbounded time"), "{}", report.rejected[0].error);
    assert_eq!(braze.requests("/messages/send").len(), 1, "only the request within the budget");

    // Timeouts of `Duration::MAX` mean "never time out": no overflow where they meet the clock.
    let (braze, _) = setup(Duration::from_secs(5)).await;
    let patient = Client::builder(braze.url(), BrazeServer::API_KEY)
        .timeout(Duration::MAX)
        .connect_timeout(Duration::MAX)
        .build()
        .expect("a client");
    let (report, delivered) = run(&patient, 120, |b| b.concurrency(2)).await;
    assert_account(&report, 120, &delivered, &braze);
    assert_eq!(report.delivered(), 120);
    assert_eq!(braze.requests("/messages/send").len(), 3);
}

#[tokio::test]
async fn the_embedded_server_keeps_its_own_promises() {
    // Found 9: faults were used up by unauthenticated requests; `Debug` showed the key; a large
    // body got a reset instead of 413; extreme durations panicked the handler.
    let braze = BrazeServer::builder().api_key("sk-server-secret").start().await.unwrap();
    let http = common::http();
    let url = format!("{}/messages/send", braze.url());
    let body = json!({"external_user_ids": ["u1"], "messages": {"sms": {"subscription_group_id": "s", "body": "b", "app_id": "a"}}});
    braze.inject(Fault::Status(503));
    let anonymous = http.post(&url).bearer_auth("wrong").json(&body).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
    assert_eq!(braze.pending_faults(), 1, "the unauthenticated request used up no fault");
    let faulted = http.post(&url).bearer_auth("sk-server-secret").json(&body).send().await.unwrap();
    assert_eq!(faulted.status().as_u16(), 503);

    let shown = format!("{braze:?} {:?}", braze.all_requests());
    assert!(!shown.contains("sk-server-secret"), "{shown}");
    assert!(shown.contains("Bearer <redacted>"), "{shown}");

    let big = "x".repeat(10 * 1024 * 1024);
    for _ in 0..8 {
        let answer = http.post(&url).bearer_auth("sk-server-secret").body(big.clone()).send().await;
        assert_eq!(answer.expect("an answer, not a reset").status().as_u16(), 413);
    }

    let client = Client::builder(braze.url(), "sk-server-secret").timeout(Duration::from_millis(200)).build().unwrap();
    braze.inject(Fault::Delay(Duration::MAX));
    assert!(matches!(client.send(&template_to("u2")).await, Err(Error::Timeout { .. })));
    braze.inject(Fault::RateLimited { reset_in: Duration::MAX });
    let limited = client.send(&template_to("u3")).await.unwrap_err();
    assert_eq!(limited.status(), Some(429));
    braze.set_rate_limit(1, Duration::MAX);
    braze.advance(Duration::MAX);
    assert!(braze.now() > chrono::Utc::now());
    braze.set_rate_limit(250_000, Duration::from_secs(3600));
    braze.set_now(chrono::Utc::now());
    assert!(client.send(&template_to("u4")).await.is_ok(), "the server still serves");
}

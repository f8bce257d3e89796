//! Bulk delivery against the embedded server's faults. In every case the account is exact
//! (each user delivered, rejected, unknown or skipped), no user is sent twice unless the policy
//! allows it, what the report calls delivered is what the server dispatched, and nothing panics.

mod common;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use braze_dsl::bulk::{Batch, Checkpoint, RateLimiter, RetryPolicy};
use braze_dsl::testing::{BrazeServer, Fault};
use braze_dsl::{Campaign, Client, braze_campaign};

use common::{assert_account, dispatched, run, setup, template, users};

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

/// Runs a job until batch `stop_after` has been started and its request reached the server,
/// then drops it (a crash), and returns the last checkpoint it persisted.
async fn crash_after_starting(client: &Client, braze: &BrazeServer, total: usize, stop_after: u64) -> Checkpoint {
    let template = template();
    let saved = Arc::new(Mutex::new(Checkpoint::default()));
    let sink = Arc::clone(&saved);
    let job = client
        .bulk(&template)
        .users(users(total))
        .concurrency(1)
        .on_checkpoint(move |c| *sink.lock().unwrap() = c.clone())
        .run();
    let reached = async {
        while braze.all_requests().len() as u64 <= stop_after {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::select! {
        _ = job => panic!("the job should not finish before the crash"),
        _ = reached => {}
    }
    let checkpoint = saved.lock().unwrap().clone();
    serde_json::from_str(&serde_json::to_string(&checkpoint).unwrap()).unwrap() // persisted
}

#[tokio::test]
async fn a_resumed_job_skips_what_was_acknowledged_and_does_not_resend_what_was_in_flight() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    for _ in 0..7 {
        braze.inject(Fault::Delay(Duration::ZERO));
    }
    braze.inject(Fault::Delay(Duration::from_secs(2))); // batch 7: processed, answered late
    let checkpoint = crash_after_starting(&client, &braze, 1_000, 7).await;
    assert_eq!(checkpoint.contiguous(), 7);
    assert_eq!(checkpoint.unacknowledged().collect::<Vec<_>>(), [7], "written ahead of the request");

    let template = template();
    let before = braze.dispatches().len();
    let sent = Arc::new(Mutex::new(HashSet::new()));
    let sink = Arc::clone(&sent);
    let second = client
        .bulk(&template)
        .users(users(1_000))
        .resume(checkpoint.clone())
        .on_batch(move |outcome| {
            if outcome.attempts > 0 {
                sink.lock().unwrap().insert(outcome.index);
            }
        })
        .run()
        .await
        .expect("the checkpoint belongs to this job");
    assert_eq!(second.skipped, 7 * 50);
    assert_eq!(second.unknown.len(), 1, "batch 7 may have been sent: {:?}", second.unknown);
    assert_eq!(second.unknown[0].index, 7);
    assert!(second.unknown[0].error.contains("resend_unacknowledged"), "{}", second.unknown[0].error);
    assert_eq!(second.delivered(), 600);
    assert_eq!(second.total(), 1_000);
    assert_eq!(second.delivered() + second.rejected() + second.unknown() + second.skipped, 1_000, "one bucket each");
    assert_eq!(braze.all_requests().len(), 8 + 12, "eight before the crash, then only the batches never started");
    assert_eq!(sent.lock().unwrap().clone(), (8..20).collect::<HashSet<u64>>(), "exactly the batches never started");
    assert_eq!(braze.dispatches().len() - before, 12);
    let twice = dispatched(&braze).into_values().filter(|n| *n > 1).count();
    assert_eq!(twice, 0, "nobody got the message twice");

    // Opting in sends the unacknowledged batch again: its users may get it twice.
    let (braze, client) = setup(Duration::from_secs(5)).await;
    braze.inject(Fault::Delay(Duration::from_secs(2)));
    let checkpoint = crash_after_starting(&client, &braze, 200, 0).await;
    let third =
        client.bulk(&template).users(users(200)).resume(checkpoint).resend_unacknowledged().run().await.unwrap();
    assert_eq!(third.delivered(), 200);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let twice = dispatched(&braze).into_values().filter(|n| *n > 1).count();
    assert_eq!(twice, 50, "the opted-in resend duplicated exactly batch 0");
}

#[tokio::test]
async fn a_checkpoint_of_another_job_or_an_edited_one_is_refused_before_sending() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let template = template();
    let first = client.bulk(&template).users(users(300)).run().await.unwrap();
    let checkpoint = first.checkpoint.clone();
    let requests = braze.all_requests().len();

    let other_input = client.bulk(&template).users(users(300).skip(1)).resume(checkpoint.clone()).run().await;
    let err = other_input.unwrap_err();
    assert!(matches!(err, braze_dsl::Error::Checkpoint(_)), "{err}");
    assert!(err.to_string().contains("the input differs"), "{err}");

    let longer = client.bulk(&template).users(users(301)).resume(checkpoint.clone()).run().await.unwrap_err();
    assert!(longer.to_string().contains("had 300 users, this input has 301"), "{longer}");

    let mut other = template.clone();
    other.campaign_id = Some("another-campaign".into());
    let other_template = client.bulk(&other).users(users(300)).resume(checkpoint.clone()).run().await.unwrap_err();
    assert!(other_template.to_string().contains("another template"), "{other_template}");

    let mut edited = serde_json::to_value(&checkpoint).unwrap();
    edited["contiguous"] = serde_json::json!(2);
    let edited: Checkpoint = serde_json::from_value(edited).unwrap();
    let tampered = client.bulk(&template).users(users(300)).resume(edited).run().await.unwrap_err();
    assert!(tampered.to_string().contains("edited or corrupted"), "{tampered}");

    assert_eq!(braze.all_requests().len(), requests, "nothing was sent by a refused resume");
    let again = client.bulk(&template).users(users(300)).resume(checkpoint).run().await.unwrap();
    assert_eq!((again.skipped, again.requests), (300, 0), "the job's own checkpoint skips everything");
}

#[tokio::test]
async fn a_shared_limiter_keeps_to_its_budget_and_the_servers() {
    let (braze, client) = setup(Duration::from_secs(5)).await;
    braze.set_rate_limit(8, Duration::from_secs(1));
    let limiter = Arc::new(RateLimiter::new());
    let (report, delivered) = run(&client, 800, |b| b.concurrency(4).limiter(limiter.clone())).await;
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
    let report = client.bulk(&template).users(recipients).run().await.unwrap();
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
    let policy = RetryPolicy {
        base_delay: Duration::from_millis(2),
        rate_limited_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
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

#[tokio::test]
async fn single_requests_paced_by_a_limiter_keep_to_braze_limit() {
    // Three requests per 1 s window on the server, eight single sends from four tasks sharing
    // one limiter: it learns the window from the answers and no request meets a 429.
    let braze = BrazeServer::builder().rate_limit(3, Duration::from_secs(1)).start().await.expect("the server starts");
    let client = Client::new(braze.url(), BrazeServer::API_KEY).expect("a client");
    let limiter = RateLimiter::new();
    let policy = RetryPolicy { base_delay: Duration::from_millis(5), ..RetryPolicy::default() };
    let send = |user: String| {
        let (client, limiter, policy) = (&client, &limiter, &policy);
        async move { client.send_paced(&template().with_users(vec![user]), policy, limiter).await }
    };
    let task = |task: usize| async move {
        let mut replies = Vec::new();
        for n in 0..2 {
            replies.push(send(format!("user-{task}-{n}")).await);
        }
        replies
    };
    let (a, b, c, d) = tokio::join!(task(0), task(1), task(2), task(3));
    let replies: Vec<_> = [a, b, c, d].into_iter().flatten().collect();
    assert!(replies.iter().all(Result::is_ok), "{replies:?}");
    let stats = braze.stats();
    assert_eq!((stats.requests, stats.rate_limited, stats.users_dispatched), (8, 0, 8));
    assert!(dispatched(&braze).values().all(|times| *times == 1), "no one twice");

    // A 429 is waited out through the limiter, then the send goes through once.
    braze.inject(Fault::RateLimited { reset_in: Duration::from_millis(200) });
    let reply = send("late".to_owned()).await;
    assert!(reply.is_ok(), "{reply:?}");
    assert_eq!(braze.requests("/messages/send").iter().filter(|r| r.body.contains("\"late\"")).count(), 2);
    assert_eq!(dispatched(&braze).get("late"), Some(&1));
}

#[tokio::test]
async fn shards_split_the_input_and_a_file_store_resumes_each() {
    use braze_dsl::bulk::{CheckpointStore, FileCheckpointStore};
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let dir = std::env::temp_dir().join(format!("braze-shards-{}", std::process::id()));
    let store: Arc<dyn CheckpointStore> = Arc::new(FileCheckpointStore::new(&dir));
    let template = template();
    let mut total = 0;
    for shard in 0..3 {
        let report =
            client.bulk(&template).users(users(1_000)).shard(shard, 3).checkpoints(Arc::clone(&store), "split").run();
        let report = report.await.unwrap();
        assert_eq!(report.delivered(), report.total(), "shard {shard}");
        assert!(report.total() > 200, "a fair share: {}", report.total());
        total += report.total();
    }
    assert_eq!(total, 1_000, "the shards split the input");
    let sent = dispatched(&braze);
    assert_eq!(sent.len(), 1_000);
    assert!(sent.values().all(|n| *n == 1), "no user in two shards");
    let again = client.bulk(&template).users(users(1_000)).shard(1, 3).checkpoints(store, "split").run().await.unwrap();
    assert_eq!((again.requests, again.skipped), (0, again.total()), "the stored checkpoint resumes the shard");
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_shard_that_does_not_exist_fails_before_sending() {
    // Clamped to the last shard, `shard(4, 4)` (counting from 1) would send that shard twice.
    let (braze, client) = setup(Duration::from_secs(5)).await;
    let template = template();
    for (index, count, words) in
        [(4, 4, "bulk shard 4 of 4 does not exist: shards count from 0 to 3"), (0, 0, "at least one shard")]
    {
        let error = client.bulk(&template).users(users(10)).shard(index, count).run().await.unwrap_err();
        assert!(matches!(error, braze_dsl::Error::Config(_)), "{error:?}");
        assert!(error.to_string().contains(words), "{error}");
    }
    assert!(braze.requests("/messages/send").is_empty(), "nothing was sent");
}

#[tokio::test]
async fn the_in_process_limiter_spends_no_share_twice_and_probes_new_windows() {
    // tests/redis.rs runs the same against the limiter shared through Redis.
    common::pacing::every_rule(|_| braze_dsl::bulk::RateLimiter::new(), |_| ()).await;
}

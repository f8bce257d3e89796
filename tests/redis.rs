//! One Braze rate limit, many processes (issue 13), against a real Redis server: pacing shared
//! by limiters in separate tasks and in separate processes, a Redis restarted mid-job, and a
//! crashed worker's shard resumed by another worker.
//!
//! Needs `REDIS_URL` (`.ci/run` starts Debian's `redis-server` and sets it), `redis-server` on
//! PATH for the restart, and the fleet example built. Run:
//! `cargo build --features redis --example fleet && cargo test --features redis --test redis`.

mod common;

use std::collections::HashMap;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use braze_dsl::bulk::{CheckpointStore, Pacing, PacingMode, RedisCheckpointStore, RedisRateLimiter};
use braze_dsl::testing::{BrazeServer, Fault};
use braze_dsl::{Client, RateBucket};

use common::{dispatched, pacing, template, users};

fn redis_url() -> String {
    std::env::var("REDIS_URL").expect("REDIS_URL names a Redis server (`.ci/run` starts one)")
}

/// A namespace of its own for each test run, so runs never share state.
fn namespace(test: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos();
    format!("braze-test:{test}:{}:{nanos}", std::process::id())
}

#[tokio::test]
async fn the_shared_limiter_paces_as_the_in_process_one() {
    // The same behaviour tests/bulk.rs checks of `RateLimiter`: one rulebook, two stores. Each
    // limiter must stay on Redis throughout, or its local fallback would have passed instead.
    let fresh = |name: &str| RedisRateLimiter::new(&redis_url(), namespace(name)).unwrap();
    pacing::every_rule(fresh, |limiter| assert_eq!(limiter.mode(), PacingMode::Shared)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limiters_in_separate_tasks_keep_one_budget_together() {
    const LIMIT: u64 = 25;
    let ns = namespace("tasks");
    let stamps = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let limiter = RedisRateLimiter::new(&redis_url(), &ns).unwrap().with_limit(LIMIT, Duration::from_secs(1));
        let stamps = Arc::clone(&stamps);
        tasks.push(tokio::spawn(async move {
            while started.elapsed() < Duration::from_millis(2_500) {
                let permit = limiter.acquire(RateBucket::Shared).await.expect("a bounded wait");
                limiter.release(permit).await;
                stamps.lock().unwrap().push(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs());
            }
            limiter.mode()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), PacingMode::Shared);
    }
    let mut per_second: HashMap<u64, u64> = HashMap::new();
    for second in stamps.lock().unwrap().iter() {
        *per_second.entry(*second).or_default() += 1;
    }
    // A stamp taken just after a window turns may land in the next second: one of slack.
    assert!(per_second.values().all(|n| *n <= LIMIT + 1), "four limiters, one budget: {per_second:?}");
    let total: u64 = per_second.values().sum();
    assert!(total >= 2 * LIMIT, "the budget is used, not wasted: {total} in {} windows", per_second.len());
}

#[test]
fn worker_processes_share_one_limit_and_send_no_one_twice() {
    // The fleet example: three processes, one shard each, against one server limit.
    let exe = std::env::current_exe().unwrap();
    let examples = exe.parent().and_then(|deps| deps.parent()).unwrap().join("examples/fleet");
    let output = Command::new(&examples)
        .args(["--workers", "3", "--users", "9000", "--limit", "60", "--job", &namespace("processes")])
        .env("REDIS_URL", redis_url())
        .output()
        .expect("the fleet example is built: cargo build --features redis --example fleet");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let summary = stdout.lines().last().unwrap_or_default();
    assert!(summary.contains("3 workers, shared limiter: 9000 users delivered"), "{stdout}");
    assert!(summary.contains(" 0 refused by the rate limit, 0 sent twice"), "{stdout}");
}

/// A Redis server of this test's own, to stop and start again.
struct RedisProcess {
    child: Child,
    port: u16,
}

impl RedisProcess {
    fn start(port: u16) -> RedisProcess {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server is on PATH (Debian package redis-server)");
        // Owned from here on, so that Drop stops it whether or not it comes up.
        let process = RedisProcess { child, port };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return process;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("redis-server did not start on port {port}");
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }
}

impl Drop for RedisProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_restart_mid_job_falls_back_to_local_pacing_and_recovers() {
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).unwrap().port();
    let redis = RedisProcess::start(port);
    let url = redis.url();
    let braze = BrazeServer::start().await.unwrap();
    braze.set_rate_limit(30, Duration::from_secs(1));
    let client = Client::new(braze.url(), BrazeServer::API_KEY).unwrap();
    let limiter =
        Arc::new(RedisRateLimiter::new(&url, namespace("restart")).unwrap().with_limit(30, Duration::from_secs(1)));
    let modes = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&modes);
    let template = template();
    let restart = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(700)).await;
        drop(redis); // Redis goes away mid-job…
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        RedisProcess::start(port) // …and comes back on the same port.
    });
    let report = client
        .bulk(&template)
        .users(users(6_000)) // at least four of the server's windows: the outage falls mid-job
        .concurrency(4)
        .limiter(limiter.clone())
        .on_progress(move |p| seen.lock().unwrap().push(p.pacing))
        .run()
        .await
        .unwrap();
    let _redis = restart.await.unwrap();
    let modes = modes.lock().unwrap().clone();
    assert!(modes.contains(&PacingMode::LocalFallback), "the outage was reported: {modes:?}");
    assert_eq!(modes.first(), Some(&PacingMode::Shared));
    assert_eq!(modes.last(), Some(&PacingMode::Shared), "back to the shared budget: {modes:?}");
    assert_eq!(report.delivered(), 6_000);
    assert_eq!(braze.stats().rate_limited, 0, "never sent unpaced");
    assert!(dispatched(&braze).values().all(|n| *n == 1));
}

#[tokio::test]
async fn a_crashed_workers_shard_is_resumed_by_another_without_sending_twice() {
    let braze = BrazeServer::start().await.unwrap();
    let client = Client::new(braze.url(), BrazeServer::API_KEY).unwrap();
    let ns = namespace("shards");
    let store: Arc<dyn CheckpointStore> = Arc::new(RedisCheckpointStore::new(&redis_url(), &ns).unwrap());
    let template = template();
    // Worker A takes shard 0 of 2 and crashes with a batch in flight (answered late).
    for _ in 0..3 {
        braze.inject(Fault::Delay(Duration::ZERO));
    }
    braze.inject(Fault::Delay(Duration::from_secs(2)));
    let job = client
        .bulk(&template)
        .users(users(1_000))
        .shard(0, 2)
        .concurrency(1)
        .checkpoints(Arc::clone(&store), "job")
        .run();
    let crashed = tokio::select! {
        _ = job => false,
        _ = async { while braze.all_requests().len() < 4 { tokio::time::sleep(Duration::from_millis(5)).await } } => true,
    };
    assert!(crashed, "worker A was stopped mid-job");
    // Worker B, another client, picks the shard up from the store; worker C does shard 1.
    let other = Client::new(braze.url(), BrazeServer::API_KEY).unwrap();
    let b = other
        .bulk(&template)
        .users(users(1_000))
        .shard(0, 2)
        .checkpoints(Arc::clone(&store), "job")
        .run()
        .await
        .unwrap();
    let c = other
        .bulk(&template)
        .users(users(1_000))
        .shard(1, 2)
        .checkpoints(Arc::clone(&store), "job")
        .run()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(2_100)).await; // the late batch lands
    assert_eq!(b.skipped, 150, "A's three acknowledged batches");
    assert_eq!(b.unknown(), 50, "A's batch in flight is not sent again");
    assert_eq!(b.total() + c.total(), 1_000, "the shards split the input");
    let sent = dispatched(&braze);
    assert!(sent.values().all(|n| *n == 1), "no one twice");
    assert_eq!(sent.len(), 1_000, "everyone once, the batch in flight included");
    let again = other.bulk(&template).users(users(1_000)).shard(0, 2).checkpoints(store, "job").run().await.unwrap();
    assert_eq!((again.skipped, again.requests), (again.total(), 0), "a finished shard sends nothing");
}

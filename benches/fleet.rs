//! One Braze limit, many processes: N = 4 worker processes share a limit L that the embedded
//! server enforces (1-second windows, aligned to the clock as Braze's are), 200,000 recipients in
//! all, one shard per worker. Run twice in the same run: with the shared Redis limiter, and with
//! today's per-process limiters. Printed: the share of the allowed rate actually used (requests
//! accepted / L, over the windows the job spans entirely: it starts and ends inside one, which no
//! limiter can fill), 429s, recipients lost (offered − dispatched, by the server's count),
//! recipients sent twice, and the requests accepted in each window.
//!
//! `REDIS_URL=redis://127.0.0.1:6379/ cargo bench -p braze-benches --bench fleet --features redis`
//! (or `scripts/fleet.sh`, which starts a Redis of its own).

use std::collections::{BTreeMap, HashMap};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use braze_dsl::Client;
use braze_dsl::bulk::{Pacing, RateLimiter, RedisCheckpointStore, RedisRateLimiter};
use braze_dsl::endpoints::MessagesSend;
use braze_dsl::model::{Messages, Sms};
use braze_dsl::testing::BrazeServer;

const ROLE: &str = "BRAZE_FLEET_ROLE";
const WORKERS: u64 = 4;
const RECIPIENTS: u64 = 200_000;
const LIMIT: u64 = 500;
const CONCURRENCY: usize = 8;

fn main() {
    braze_dsl::install_crypto_provider();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    match std::env::var(ROLE).as_deref() {
        Ok("worker") => runtime.block_on(worker()),
        _ => runtime.block_on(orchestrate()),
    }
}

fn redis_url() -> String {
    std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/".to_owned())
}

struct Run {
    share: f64,
    rate_limited: u64,
    lost: u64,
    twice: usize,
    seconds: f64,
    /// Requests accepted in each window, first to last.
    per_window: Vec<u64>,
}

async fn orchestrate() {
    println!("fleet: {WORKERS} worker processes, limit {LIMIT} requests per 1 s window, {RECIPIENTS} recipients");
    let shared = run(true).await;
    let local = run(false).await;
    println!("| limiter | share of the limit | 429s | lost | sent twice | wall time | accepted per window |");
    println!("|---|---|---|---|---|---|---|");
    for (name, r) in [("shared (Redis)", &shared), ("per-process", &local)] {
        println!(
            "| {name} | {:.1} % | {} | {} | {} | {:.1} s | {:?} |",
            r.share * 100.0,
            r.rate_limited,
            r.lost,
            r.twice,
            r.seconds,
            r.per_window
        );
    }
    println!(
        "fleet: {WORKERS} processes, shared limiter: {:.1}% of the limit, {} 429s, lost {}, duplicates {}; \
         per-process limiters: {:.1}% of the limit, {} 429s",
        shared.share * 100.0,
        shared.rate_limited,
        shared.lost,
        shared.twice,
        local.share * 100.0,
        local.rate_limited
    );
}

/// One run: a fresh server, `WORKERS` processes, one shard each.
async fn run(shared: bool) -> Run {
    let braze = BrazeServer::start().await.expect("the server starts");
    braze.set_rate_limit(LIMIT, Duration::from_secs(1));
    let job = format!("fleet-bench-{}-{}", std::process::id(), if shared { "shared" } else { "local" });
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|shard| {
            Command::new(std::env::current_exe().expect("this executable"))
                .env(ROLE, "worker")
                .env("BRAZE_FLEET_URL", braze.url())
                .env("BRAZE_FLEET_SHARD", shard.to_string())
                .env("BRAZE_FLEET_SHARED", if shared { "1" } else { "0" })
                .env("BRAZE_FLEET_JOB", &job)
                .spawn()
                .expect("a worker starts")
        })
        .collect();
    for mut worker in workers {
        let status = tokio::task::spawn_blocking(move || worker.wait()).await.unwrap().unwrap();
        assert!(status.success(), "a worker failed");
    }
    let seconds = started.elapsed().as_secs_f64();
    let requests = braze.all_requests();
    let mut per_window: BTreeMap<i64, u64> = BTreeMap::new();
    for request in requests.iter().filter(|r| r.status == 201) {
        *per_window.entry(request.received_at.timestamp()).or_default() += 1;
    }
    // The job starts and ends inside a window, which no limiter can fill: the share is taken
    // over the windows it spans entirely (empty ones, a stalled fleet, included).
    let (first, last) = match (per_window.first_key_value(), per_window.last_key_value()) {
        (Some((first, _)), Some((last, _))) => (*first, *last),
        _ => (0, 0),
    };
    let full_windows = (last - first - 1).max(1) as f64;
    let in_full_windows: u64 = per_window.range(first + 1..last).map(|(_, n)| n).sum();
    let mut sent: HashMap<String, u32> = HashMap::new();
    for dispatch in braze.dispatches() {
        for user in dispatch.users {
            *sent.entry(user).or_default() += 1;
        }
    }
    let stats = braze.stats();
    Run {
        share: in_full_windows as f64 / (LIMIT as f64 * full_windows),
        per_window: per_window.into_values().collect(),
        rate_limited: stats.rate_limited,
        lost: RECIPIENTS - sent.len() as u64,
        twice: sent.values().filter(|n| **n > 1).count(),
        seconds,
    }
}

async fn worker() {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is set by the orchestrator"));
    let shard: u64 = var("BRAZE_FLEET_SHARD").parse().unwrap();
    let job = var("BRAZE_FLEET_JOB");
    let client = Client::new(var("BRAZE_FLEET_URL"), BrazeServer::API_KEY).unwrap();
    let limiter: Arc<dyn Pacing> = if var("BRAZE_FLEET_SHARED") == "1" {
        Arc::new(RedisRateLimiter::new(&redis_url(), &job).unwrap())
    } else {
        Arc::new(RateLimiter::new())
    };
    let store = Arc::new(RedisCheckpointStore::new(&redis_url(), &job).unwrap());
    let sms = Sms::new("subscription-group", "Spring sale: 20% off", "app-id");
    let template =
        MessagesSend { messages: Some(Messages { sms: Some(sms), ..Messages::default() }), ..MessagesSend::default() };
    let report = client
        .bulk(&template)
        .users((0..RECIPIENTS).map(|n| format!("user-{n:07}")))
        .shard(shard, WORKERS)
        .concurrency(CONCURRENCY)
        .limiter(limiter)
        .checkpoints(store, &job)
        .run()
        .await
        .expect("the job runs");
    assert!(report.is_complete(), "rejected {:?}, unknown {:?}", report.rejected.first(), report.unknown.first());
}

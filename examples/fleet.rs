//! One bulk job over several worker processes that share one Braze rate limit through Redis.
//!
//! ```sh
//! redis-server --port 6379 --save '' &                 # any Redis will do
//! cargo run --example fleet --features redis -- --workers 4 --users 20000
//! ```
//!
//! The example starts an embedded Braze server that allows `--limit` requests a second (200 by
//! default; its window aligned to the clock, as Braze's are), then starts `--workers` copies of
//! itself. Each worker takes a shard of the same input (`bulk(…).shard(i, n)`), keeps
//! `--concurrency` requests in flight (8), paces with a `RedisRateLimiter` that all of them share
//! (`--limiter local` gives each its own `RateLimiter` instead, to compare), and keeps its
//! checkpoint in Redis, so a crashed worker's shard is resumed by the next worker that takes it
//! (run again with the same `--job`). Environment: `REDIS_URL` (default
//! `redis://127.0.0.1:6379/`).
//!
//! Each worker prints its report; the last line sums up what the server saw, e.g.
//! `fleet: 4 workers, shared limiter: 20000 users delivered, 0 refused by the rate limit, 0 sent twice`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use braze_dsl::bulk::{Pacing, RateLimiter, RedisCheckpointStore, RedisRateLimiter};
use braze_dsl::endpoints::MessagesSend;
use braze_dsl::model::{Messages, Sms};
use braze_dsl::testing::BrazeServer;
use braze_dsl::{Client, Error};

const ROLE: &str = "BRAZE_FLEET_ROLE";

/// What the command line says.
#[derive(Debug, Clone)]
struct Options {
    workers: u64,
    users: u64,
    shared: bool,
    /// Requests a second the embedded server allows.
    limit: u64,
    /// Requests each worker keeps in flight.
    concurrency: usize,
    job: String,
}

/// The command line, or what is wrong with it.
fn options() -> Result<Options, String> {
    // Workers are given the orchestrator's job name, so that they share one namespace.
    let job = std::env::var("BRAZE_FLEET_JOB").unwrap_or_else(|_| format!("fleet-{}", std::process::id()));
    let mut options = Options { workers: 4, users: 20_000, shared: true, limit: 200, concurrency: 8, job };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).map(String::as_str).unwrap_or_default();
        let number = || value.parse::<u64>().map_err(|_| format!("{} takes a number, not {value:?}", pair[0]));
        match pair[0].as_str() {
            "--workers" => options.workers = number()?.max(1),
            "--users" => options.users = number()?,
            "--limit" => options.limit = number()?.max(1),
            "--concurrency" => options.concurrency = usize::try_from(number()?).unwrap_or(usize::MAX).max(1),
            "--limiter" => options.shared = value != "local",
            "--job" => options.job = value.to_owned(),
            other => {
                return Err(format!(
                    "unknown option {other}; the options are --workers N, --users N, --limit N, --concurrency N, \
                     --limiter shared|local and --job NAME"
                ));
            }
        }
    }
    Ok(options)
}

fn redis_url() -> String {
    std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/".to_owned())
}

fn template() -> MessagesSend {
    let sms = Sms::new("subscription-group", "Spring sale: 20% off", "app-id");
    MessagesSend { messages: Some(Messages { sms: Some(sms), ..Messages::default() }), ..MessagesSend::default() }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    match std::env::var(ROLE).as_deref() {
        Ok("worker") => worker(options()?).await,
        _ => orchestrate(options()?).await,
    }
}

/// Starts the server and the workers, and sums up what the server saw.
async fn orchestrate(options: Options) -> Result<(), Box<dyn std::error::Error>> {
    let braze = BrazeServer::start().await?;
    braze.set_rate_limit(options.limit, Duration::from_secs(1));
    let mut workers = Vec::new();
    for shard in 0..options.workers {
        let child = Command::new(std::env::current_exe()?)
            .args(std::env::args().skip(1))
            .env(ROLE, "worker")
            .env("BRAZE_FLEET_URL", braze.url())
            .env("BRAZE_FLEET_SHARD", shard.to_string())
            .env("BRAZE_FLEET_JOB", &options.job)
            .stdout(Stdio::piped())
            .spawn()?;
        workers.push(child);
    }
    let mut lines = Vec::new();
    for mut child in workers {
        let stdout = child.stdout.take().expect("piped");
        let waited = tokio::task::spawn_blocking(move || {
            let lines: Vec<String> = BufReader::new(stdout).lines().map_while(Result::ok).collect();
            (lines, child.wait())
        })
        .await?;
        lines.extend(waited.0);
    }
    for line in &lines {
        println!("{line}");
    }
    let mut sent = std::collections::HashMap::new();
    for dispatch in braze.dispatches() {
        for user in dispatch.users {
            *sent.entry(user).or_insert(0u32) += 1;
        }
    }
    let stats = braze.stats();
    let twice = sent.values().filter(|n| **n > 1).count();
    let limiter = if options.shared { "shared limiter" } else { "per-process limiters" };
    println!(
        "fleet: {} workers, {limiter}: {} users delivered, {} refused by the rate limit, {twice} sent twice",
        options.workers, stats.users_dispatched, stats.rate_limited
    );
    Ok(())
}

/// One worker: its shard of the input, paced with the others through Redis.
async fn worker(options: Options) -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("BRAZE_FLEET_URL")?;
    let shard: u64 = std::env::var("BRAZE_FLEET_SHARD")?.parse()?;
    let client = Client::new(url, BrazeServer::API_KEY)?;
    let namespace = format!("braze-fleet:{}", options.job);
    let limiter: Arc<dyn Pacing> = if options.shared {
        Arc::new(RedisRateLimiter::new(&redis_url(), &namespace)?)
    } else {
        Arc::new(RateLimiter::new())
    };
    let store = Arc::new(RedisCheckpointStore::new(&redis_url(), &namespace)?);
    let template = template();
    let report = client
        .bulk(&template)
        .users((0..options.users).map(|n| format!("user-{n:07}")))
        .shard(shard, options.workers)
        .concurrency(options.concurrency)
        .limiter(limiter)
        .checkpoints(store, &options.job)
        .run()
        .await
        .map_err(|e: Error| format!("worker {shard}: {e}"))?;
    println!(
        "worker {shard}: {} users, {} delivered, {} rejected, {} unknown, {} skipped, {} requests",
        report.total(),
        report.delivered(),
        report.rejected(),
        report.unknown(),
        report.skipped,
        report.requests
    );
    Ok(())
}

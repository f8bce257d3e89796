//! `braze-emulator`: the embedded Braze-compatible server of `braze-dsl` as a program, for
//! clients in any language. It answers every messaging endpoint as Braze does, shows what each
//! user would receive in a web inbox at `/`, and takes test commands under `/_emulator/`.
//!
//! The first line it prints is the base URL to give a client; then one line per request.

use std::net::SocketAddr;
use std::time::Duration;

use braze_runtime::testing::{BrazeServer, RateBucket};
use clap::Parser;

/// A local Braze REST API for tests: every messaging endpoint, a web inbox at `/`, and a control
/// API under `/_emulator/`.
#[derive(Debug, Parser)]
#[command(name = "braze-emulator", version)]
struct Args {
    /// The address to listen on; port 0 picks a free one.
    #[arg(long, env = "BRAZE_EMULATOR_LISTEN", default_value = "127.0.0.1:4100")]
    listen: SocketAddr,

    /// The REST API key clients must send (as `Authorization: Bearer <key>`).
    #[arg(long, env = "BRAZE_EMULATOR_API_KEY", default_value = BrazeServer::API_KEY, hide_env_values = true)]
    api_key: String,

    /// A rate limit, `BUCKET=REQUESTS/SECONDS` (repeatable): buckets `shared` (250000/3600),
    /// `broadcast` (250/60), `broadcast_per_audience` (10/60), `send_ids` (100/86400),
    /// `duplicate` (100/60).
    #[arg(long = "rate-limit", env = "BRAZE_EMULATOR_RATE_LIMIT", value_delimiter = ',', value_parser = parse_limit)]
    rate_limits: Vec<(RateBucket, u64, Duration)>,

    /// Listen on an address other than loopback. The emulator is a test tool with no security
    /// of its own: anyone who reaches it can read every message sent to it.
    #[arg(long, env = "BRAZE_EMULATOR_ALLOW_REMOTE")]
    allow_remote: bool,
}

fn parse_limit(text: &str) -> Result<(RateBucket, u64, Duration), String> {
    let usage = || format!("\"{text}\": expected BUCKET=REQUESTS/SECONDS, e.g. shared=1000/60");
    let (bucket, limit) = text.split_once('=').ok_or_else(usage)?;
    let (requests, seconds) = limit.split_once('/').ok_or_else(usage)?;
    let bucket: RateBucket = bucket.parse()?;
    let requests = requests.trim().parse().map_err(|_| usage())?;
    let seconds: f64 = seconds.trim().parse().map_err(|_| usage())?;
    let window = Duration::try_from_secs_f64(seconds).ok().filter(|w| !w.is_zero()).ok_or_else(usage)?;
    Ok((bucket, requests, window))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt().with_writer(std::io::stderr).with_target(false).init();
    if !args.listen.ip().is_loopback() {
        if !args.allow_remote {
            eprintln!(
                "error: {} is not a loopback address; the emulator is a test tool that anyone who reaches it can \
                 read. Pass --allow-remote to listen there anyway.",
                args.listen
            );
            return std::process::ExitCode::from(2);
        }
        eprintln!("warning: listening on {}: anyone who reaches it can read every message sent to it", args.listen);
    }
    let server = match BrazeServer::builder().bind(args.listen).api_key(args.api_key).start().await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.listen);
            return std::process::ExitCode::from(1);
        }
    };
    for (bucket, limit, window) in &args.rate_limits {
        server.set_bucket_limit(*bucket, *limit, *window);
    }
    // The first line is the base URL, for scripts that start the emulator on port 0.
    println!("{}", server.url());
    eprintln!("inbox: {}/ · control API: {}/_emulator/ · Ctrl-C to stop", server.url(), server.url());
    shutdown_signal().await;
    eprintln!("stopping");
    drop(server);
    std::process::ExitCode::SUCCESS
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}

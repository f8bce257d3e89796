//! Bulk delivery against the embedded server, each side in its own process so that CPU time and
//! memory are the sender's alone:
//!
//! 1. Pacing: the server allows 1,000 requests per 1-second window (clock-aligned, like Braze's
//!    hourly windows); the job is exactly 10 windows' worth (500,000 recipients). The share of
//!    the allowed rate is `requests accepted / (limit × windows the job touched)`; a job that
//!    wastes a whole window scores 10/11 = 91 %.
//! 2. Memory: the same job, unthrottled, for 10,000 up to 3,000,000 recipients; peak heap (a
//!    counting allocator) and peak RSS of the sender process.
//!
//! Recipients lost = users offered − users the server dispatched, from the server's own count.
//! The baseline of each ratio is measured in the same run.
//!
//! `cargo bench -p braze-benches --bench bulk`

#[path = "fixture.rs"]
mod fixture;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use braze_dsl::Client;
use braze_dsl::testing::BrazeServer;

/// Counts live heap bytes and their peak, to show that memory does not grow with the job.
struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const ROLE: &str = "BRAZE_BENCH_ROLE";
const LIMIT_PER_SECOND: u64 = 1_000;
const PACED_WINDOWS: u64 = 10;
const CONCURRENCY: usize = 8;

fn main() {
    match std::env::var(ROLE).as_deref() {
        Ok("server") => serve(),
        Ok("sender") => send(),
        _ => orchestrate(),
    }
}

// ----- the orchestrator -------------------------------------------------------------------

fn orchestrate() {
    let paced_users = LIMIT_PER_SECOND * PACED_WINDOWS * 50;
    println!("bulk: {CONCURRENCY} requests in flight, 50 users per request, server and sender in separate processes");

    let mut server = Server::start(Some(LIMIT_PER_SECOND));
    let paced = server.run_sender(paced_users, true);
    let stats = server.stats();
    let windows = paced.windows_touched(Duration::from_secs(1));
    let share = stats.accepted() as f64 / (LIMIT_PER_SECOND * windows) as f64;
    println!();
    println!("pacing: limit {LIMIT_PER_SECOND} requests per 1 s window, {paced_users} recipients");
    println!("  requests accepted      {}", stats.accepted());
    println!("  requests refused (429) {}", stats.rate_limited);
    println!("  windows touched        {windows} (ideal {PACED_WINDOWS})");
    println!("  share of allowed rate  {:.1} %", share * 100.0);
    println!("  recipients lost        {}", paced_users - stats.users_dispatched);
    println!("  reported delivered     {} of {}", paced.delivered, paced.total);
    println!("  sender CPU per million {:.2} s", paced.cpu_seconds / paced_users as f64 * 1e6);
    drop(server);

    let mut server = Server::start(None);
    let small = server.run_sender(10_000, false);
    let middle = server.run_sender(100_000, false);
    let large = server.run_sender(1_000_000, false);
    let huge = server.run_sender(3_000_000, false);
    let stats = server.stats();
    println!();
    println!("memory: unthrottled, 10,000 to 3,000,000 recipients");
    println!(
        "  {:>12} {:>12} {:>12} {:>14} {:>16}",
        "recipients", "peak heap", "peak RSS", "elapsed", "CPU per million"
    );
    for run in [&small, &middle, &large, &huge] {
        println!(
            "  {:>12} {:>9} KiB {:>8} KiB {:>12.2} s {:>14.2} s",
            run.total,
            run.peak_heap / 1024,
            run.max_rss_kib,
            run.elapsed_seconds,
            run.cpu_seconds / run.total as f64 * 1e6
        );
    }
    println!(
        "  ratio 1,000,000 / 10,000: peak heap {:.2}x, peak RSS {:.2}x",
        large.peak_heap as f64 / small.peak_heap as f64,
        large.max_rss_kib as f64 / small.max_rss_kib as f64
    );
    let offered = small.total + middle.total + large.total + huge.total;
    println!("  recipients lost        {}", offered - stats.users_dispatched);
    assert_eq!(stats.users_dispatched, 4_110_000, "every recipient reached the server");
    let delivered = (small.delivered, middle.delivered, large.delivered, huge.delivered);
    assert_eq!(delivered, (10_000, 100_000, 1_000_000, 3_000_000), "every recipient reported delivered");
}

/// The server child process, talked to over its stdin and stdout.
struct Server {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    url: String,
}

impl Server {
    fn start(limit_per_second: Option<u64>) -> Server {
        let mut command = Command::new(std::env::current_exe().expect("this executable"));
        command.env(ROLE, "server").stdin(Stdio::piped()).stdout(Stdio::piped());
        if let Some(limit) = limit_per_second {
            command.env("BRAZE_BENCH_LIMIT", limit.to_string());
        }
        let mut child = command.spawn().expect("the server process starts");
        let input = child.stdin.take().expect("its stdin");
        let mut output = BufReader::new(child.stdout.take().expect("its stdout"));
        let url = read_line(&mut output);
        Server { child, input, output, url }
    }

    fn stats(&mut self) -> ServerCounts {
        writeln!(self.input, "stats").expect("the server listens");
        let line = read_line(&mut self.output);
        let numbers: Vec<u64> = line.split_whitespace().map(|n| n.parse().expect("a count")).collect();
        ServerCounts { processed: numbers[0], rate_limited: numbers[1], users_dispatched: numbers[2] }
    }

    fn run_sender(&self, users: u64, align_to_window: bool) -> SenderRun {
        let output = Command::new(std::env::current_exe().expect("this executable"))
            .env(ROLE, "sender")
            .env("BRAZE_BENCH_URL", &self.url)
            .env("BRAZE_BENCH_USERS", users.to_string())
            .env("BRAZE_BENCH_ALIGN", if align_to_window { "1" } else { "0" })
            .stderr(Stdio::inherit())
            .output()
            .expect("the sender runs");
        assert!(output.status.success(), "the sender failed");
        SenderRun::parse(&String::from_utf8_lossy(&output.stdout))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = writeln!(self.input, "quit");
        let _ = self.child.wait();
    }
}

fn read_line(output: &mut impl BufRead) -> String {
    let mut line = String::new();
    output.read_line(&mut line).expect("a line from the child");
    line.trim().to_owned()
}

struct ServerCounts {
    processed: u64,
    rate_limited: u64,
    users_dispatched: u64,
}

impl ServerCounts {
    fn accepted(&self) -> u64 {
        self.processed
    }
}

/// What a sender process measured, as one line of `key=value` pairs.
#[derive(Debug, Default)]
struct SenderRun {
    total: u64,
    delivered: u64,
    started_ms: u64,
    finished_ms: u64,
    elapsed_seconds: f64,
    cpu_seconds: f64,
    peak_heap: usize,
    max_rss_kib: u64,
}

impl SenderRun {
    fn parse(line: &str) -> SenderRun {
        let mut run = SenderRun::default();
        for pair in line.split_whitespace() {
            let (key, value) = pair.split_once('=').expect("key=value");
            match key {
                "total" => run.total = value.parse().expect("a number"),
                "delivered" => run.delivered = value.parse().expect("a number"),
                "started_ms" => run.started_ms = value.parse().expect("a number"),
                "finished_ms" => run.finished_ms = value.parse().expect("a number"),
                "elapsed" => run.elapsed_seconds = value.parse().expect("a number"),
                "cpu" => run.cpu_seconds = value.parse().expect("a number"),
                "peak_heap" => run.peak_heap = value.parse().expect("a number"),
                "max_rss_kib" => run.max_rss_kib = value.parse().expect("a number"),
                _ => {}
            }
        }
        run
    }

    /// The clock-aligned windows between the first request and the last answer.
    fn windows_touched(&self, window: Duration) -> u64 {
        let window = window.as_millis() as u64;
        self.finished_ms / window - self.started_ms / window + 1
    }
}

// ----- the server process -----------------------------------------------------------------

fn serve() {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("a runtime");
    let limit = std::env::var("BRAZE_BENCH_LIMIT").ok().and_then(|l| l.parse().ok()).unwrap_or(u64::MAX);
    let braze = runtime
        .block_on(BrazeServer::builder().keep_history(false).rate_limit(limit, Duration::from_secs(1)).start())
        .expect("the server starts");
    println!("{}", braze.url());
    for line in std::io::stdin().lock().lines() {
        match line.as_deref() {
            Ok("stats") => {
                let stats = braze.stats();
                println!("{} {} {}", stats.processed, stats.rate_limited, stats.users_dispatched);
            }
            _ => break,
        }
    }
}

// ----- the sender process -----------------------------------------------------------------

fn send() {
    let url = std::env::var("BRAZE_BENCH_URL").expect("BRAZE_BENCH_URL");
    let users: u64 = std::env::var("BRAZE_BENCH_USERS").expect("BRAZE_BENCH_USERS").parse().expect("a number");
    let align = std::env::var("BRAZE_BENCH_ALIGN").as_deref() == Ok("1");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let client = Client::new(url, BrazeServer::API_KEY).expect("a client");
    let template = fixture::with_message_macro(&fixture::Input::new());

    if align {
        // Start on a window boundary, so that the ideal is exactly the job's number of windows.
        let into_second = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().subsec_nanos();
        std::thread::sleep(Duration::from_nanos(u64::from(1_000_000_000 - into_second)));
    }
    let cpu_before = process_cpu_seconds();
    let started_ms = epoch_ms();
    let started = Instant::now();
    let report = runtime
        .block_on(
            client.bulk(&template).users((0..users).map(|n| format!("user-{n:07}"))).concurrency(CONCURRENCY).run(),
        )
        .expect("no checkpoint is resumed, so the job runs");
    let elapsed = started.elapsed().as_secs_f64();
    let finished_ms = epoch_ms();
    let cpu = process_cpu_seconds() - cpu_before;
    assert!(report.is_complete(), "rejected {:?}, unknown {:?}", report.rejected.first(), report.unknown.first());
    println!(
        "total={} delivered={} started_ms={started_ms} finished_ms={finished_ms} elapsed={elapsed} cpu={cpu} peak_heap={} max_rss_kib={}",
        report.total(),
        report.delivered(),
        PEAK.load(Ordering::Relaxed),
        max_rss_kib()
    );
}

fn epoch_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as u64
}

fn usage() -> libc::rusage {
    // SAFETY: an all-zero rusage is a valid value for getrusage to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is valid and writable; RUSAGE_SELF is always accepted.
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    assert_eq!(status, 0, "getrusage works");
    usage
}

/// User and system CPU time of this process so far.
fn process_cpu_seconds() -> f64 {
    let usage = usage();
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Peak resident memory of this process (Linux reports KiB).
fn max_rss_kib() -> u64 {
    usage().ru_maxrss as u64
}

//! Client overhead on loopback: 64 sends of the same /messages/send body to the embedded server,
//! 8 in flight at a time, through `Client::send` (rulebook check, serialization, typed answer,
//! rate-limit headers) vs plain reqwest posting the same bytes with the same headers and reading
//! the answer's bytes (the baseline), the same with the client's default timeouts, and (CPU only)
//! with those timeouts, serializing the request for each post as any client must.
//!
//! The server runs on its own runtime thread and the client side on the bench thread, so each
//! side has one of the machine's two cores.
//!
//! `cargo bench -p braze-benches --bench loopback`

#[path = "fixture.rs"]
mod fixture;
#[path = "ratios.rs"]
mod ratios;

use std::time::Duration;

use braze_dsl::Client;
use braze_dsl::endpoints::MessagesSend;
use braze_dsl::testing::BrazeServer;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures_util::{StreamExt, stream};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};

const REQUESTS: usize = 64;
const CONCURRENCY: usize = 8;

struct Raw {
    http: reqwest::Client,
    url: String,
    bytes: Vec<u8>,
}

impl Raw {
    async fn post(&self) -> usize {
        self.post_bytes(self.bytes.clone()).await
    }

    async fn post_bytes(&self, bytes: Vec<u8>) -> usize {
        let response = self
            .http
            .post(&self.url)
            .header(CONTENT_TYPE, "application/json")
            .header(AUTHORIZATION, concat!("Bearer ", "test-key"))
            .body(bytes)
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), 201);
        response.bytes().await.expect("a body").len()
    }
}

async fn through_client(client: &Client, request: &MessagesSend) {
    let sends = stream::iter(0..REQUESTS).map(|_| client.send(request)).buffer_unordered(CONCURRENCY);
    let replies: Vec<_> = sends.collect().await;
    assert!(replies.iter().all(|r| r.as_ref().is_ok_and(|reply| reply.dispatch_id.is_some())));
}

async fn through_reqwest(raw: &Raw) {
    let posts = stream::iter(0..REQUESTS).map(|_| raw.post()).buffer_unordered(CONCURRENCY);
    let lengths: Vec<usize> = posts.collect().await;
    assert!(lengths.iter().all(|n| *n > 0));
}

/// Plain reqwest serializing the request for each post, as any client must: what `Client::send`
/// adds beyond that is its own cost (rulebook check, key check, typed answer, rate-limit headers).
async fn through_reqwest_serializing(raw: &Raw, request: &MessagesSend) {
    let posts = stream::iter(0..REQUESTS)
        .map(|_| raw.post_bytes(serde_json::to_vec(request).expect("the body serializes")))
        .buffer_unordered(CONCURRENCY);
    let lengths: Vec<usize> = posts.collect().await;
    assert!(lengths.iter().all(|n| *n > 0));
}

/// The CPU time this thread spends running `f` `iters` times.
fn thread_cpu_time(iters: u64, mut f: impl FnMut()) -> Duration {
    let started = thread_cpu_now();
    for _ in 0..iters {
        f();
    }
    thread_cpu_now().saturating_sub(started)
}

fn thread_cpu_now() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec; the call only writes into it.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the thread CPU clock is available");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

fn loopback(c: &mut Criterion) {
    let server_runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("a runtime");
    let braze = server_runtime
        .block_on(BrazeServer::builder().keep_history(false).rate_limit(u64::MAX, Duration::from_secs(3600)).start())
        .expect("the server starts");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");

    let request = fixture::with_message_macro(&fixture::Input::new());
    let client = Client::new(braze.url(), BrazeServer::API_KEY).expect("a client");
    let bytes = serde_json::to_vec(&request).expect("the body serializes");
    let url = format!("{}/messages/send", braze.url());
    braze_dsl::install_crypto_provider();
    let raw = Raw { http: reqwest::Client::new(), url: url.clone(), bytes: bytes.clone() };
    // The same, with the timeouts `Client` sets by default (each request then arms a timer).
    let with_timeouts = reqwest::Client::builder()
        .connect_timeout(braze_dsl::DEFAULT_CONNECT_TIMEOUT)
        .timeout(braze_dsl::DEFAULT_TIMEOUT)
        .build()
        .expect("a reqwest client");
    let timed = Raw { http: with_timeouts, url, bytes };

    // Both sides send what the server accepts and dispatches to the 50 users.
    runtime.block_on(async {
        through_client(&client, &request).await;
        through_reqwest(&raw).await;
        through_reqwest(&timed).await;
    });
    let stats = braze.stats();
    assert_eq!((stats.dispatches, stats.users_dispatched), (3 * REQUESTS as u64, 3 * 50 * REQUESTS as u64));

    let mut group = c.benchmark_group("loopback_64_sends_8_in_flight");
    group.throughput(Throughput::Elements(REQUESTS as u64));
    group.sample_size(30).measurement_time(Duration::from_secs(10));
    group.bench_function("plain_reqwest", |b| b.to_async(&runtime).iter(|| through_reqwest(&raw)));
    group.bench_function("plain_reqwest_with_timeouts", |b| b.to_async(&runtime).iter(|| through_reqwest(&timed)));
    group.bench_function("client_send", |b| b.to_async(&runtime).iter(|| through_client(&client, &request)));
    group.finish();

    // The server is the bottleneck of the wall-clock comparison, so also count what the client
    // side costs: the CPU time of the bench thread, which runs every client task.
    let mut group = c.benchmark_group("loopback_client_cpu_64_sends");
    group.throughput(Throughput::Elements(REQUESTS as u64));
    group.sample_size(30).measurement_time(Duration::from_secs(10));
    group.bench_function("plain_reqwest", |b| {
        b.iter_custom(|iters| thread_cpu_time(iters, || runtime.block_on(through_reqwest(&raw))))
    });
    group.bench_function("plain_reqwest_with_timeouts", |b| {
        b.iter_custom(|iters| thread_cpu_time(iters, || runtime.block_on(through_reqwest(&timed))))
    });
    group.bench_function("client_send", |b| {
        b.iter_custom(|iters| thread_cpu_time(iters, || runtime.block_on(through_client(&client, &request))))
    });
    group.finish();

    ratios::print(
        "loopback_64_sends_8_in_flight (wall time)",
        200,
        1,
        ratios::wall_clock,
        &mut [
            ("plain_reqwest", &mut || runtime.block_on(through_reqwest(&raw))),
            ("plain_reqwest_with_timeouts", &mut || runtime.block_on(through_reqwest(&timed))),
            ("client_send", &mut || runtime.block_on(through_client(&client, &request))),
        ],
    );
    ratios::print(
        "loopback_client_cpu_64_sends (CPU time of the client thread)",
        200,
        1,
        thread_cpu_now,
        &mut [
            ("plain_reqwest", &mut || runtime.block_on(through_reqwest(&raw))),
            ("plain_reqwest_with_timeouts", &mut || runtime.block_on(through_reqwest(&timed))),
            ("plain_reqwest_serializing_each", &mut || runtime.block_on(through_reqwest_serializing(&timed, &request))),
            ("client_send", &mut || runtime.block_on(through_client(&client, &request))),
        ],
    );
    drop(braze);
}

criterion_group!(benches, loopback);
criterion_main!(benches);

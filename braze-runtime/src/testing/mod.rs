//! An embedded Braze-compatible server for examples and tests (feature `testing`).
//!
//! A real HTTP server on 127.0.0.1 that answers every messaging endpoint as Braze does: it
//! checks the key (Bearer header, or the legacy `api_key`), validates bodies with the rulebook
//! (refusing what Braze refuses, with Braze's status and words, and accepting what Braze accepts,
//! guards included), keeps Braze's separate rate limits with their `X-RateLimit-*` headers,
//! keeps schedules, records every request and dispatch, runs on a clock tests can set, and
//! injects faults on demand.
//!
//! Enable it for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! braze-dsl = { version = "0.1", features = ["testing"] }
//! ```
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use braze_dsl::testing::{BrazeServer, Fault};
//! use braze_dsl::{Client, message};
//!
//! let braze = BrazeServer::start().await?;
//! let client = Client::new(braze.url(), BrazeServer::API_KEY)?;
//! braze.inject(Fault::Status(503));
//! let request = message! { external_user_ids: ["u1"], messages: { apple_push: { alert: "Hi" } } };
//! assert!(client.send(&request).await.unwrap_err().outcome_unknown());
//! client.send(&request).await?;
//! assert_eq!(braze.requests("/messages/send").len(), 2);
//! assert_eq!(braze.dispatches().len(), 1);
//! # Ok(()) }
//! ```

mod control;
mod faults;
mod http;
mod inbox;
mod rates;
mod routes;
mod state;

pub use faults::Fault;
pub use rates::RateBucket;
pub use state::{Dispatch, RecordedRequest, ScheduledEntry, ServerStats};

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::net::TcpListener;

use crate::responses::ScheduledBroadcast;
use tokio::sync::watch;

use state::State;

/// A running embedded server. It stops when dropped. Its `Debug` shows its address and counts,
/// never its key or the recorded `Authorization` headers.
pub struct BrazeServer {
    addr: SocketAddr,
    state: Arc<State>,
    shutdown: watch::Sender<bool>,
}

impl BrazeServer {
    /// The API key the server accepts unless told otherwise.
    pub const API_KEY: &'static str = "test-key";

    /// Starts a server on a free port of 127.0.0.1 that accepts [`BrazeServer::API_KEY`] and
    /// allows Braze's default 250,000 requests per hour.
    pub async fn start() -> std::io::Result<BrazeServer> {
        BrazeServer::builder().start().await
    }

    /// A builder, to set the key or the rate limit.
    pub fn builder() -> BrazeServerBuilder {
        BrazeServerBuilder {
            api_key: crate::client::ApiKey::new(BrazeServer::API_KEY),
            limit: 250_000,
            window: Duration::from_secs(3600),
            keep_history: true,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
        }
    }

    /// The web inbox and the control API (`/_emulator/…`) are served at the same address; see
    /// the `braze-emulator` binary.
    ///
    /// The base URL to give the client, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Counts of requests, 429s and dispatches since the server started (kept even when the
    /// history is not).
    pub fn stats(&self) -> ServerStats {
        self.state.lock().stats
    }

    /// Every request received, in order (empty if the server was built without history).
    pub fn all_requests(&self) -> Vec<RecordedRequest> {
        self.state.lock().requests.clone()
    }

    /// The requests received on `path`, in order.
    pub fn requests(&self, path: &str) -> Vec<RecordedRequest> {
        self.state.lock().requests.iter().filter(|r| r.path == path).cloned().collect()
    }

    /// Every send the server processed (what Braze would have sent), in order.
    pub fn dispatches(&self) -> Vec<Dispatch> {
        self.state.lock().dispatches.clone()
    }

    /// The scheduled messages and triggers the server holds.
    pub fn scheduled(&self) -> Vec<ScheduledEntry> {
        self.state.lock().schedules.values().cloned().collect()
    }

    /// Queues a fault for the next request (faults apply one per request, in order).
    pub fn inject(&self, fault: Fault) {
        self.state.lock().faults.push_back(fault);
    }

    /// Answers the next request with `status` (without processing it).
    pub fn fail_next(&self, status: u16) {
        let fault =
            if status == 429 { Fault::RateLimited { reset_in: Duration::from_secs(1) } } else { Fault::Status(status) };
        self.inject(fault);
    }

    /// Draws a fault for each request that has no queued one: `faults` lists each fault with its
    /// chance (0.0 to 1.0); the draw is seeded, so a run can be replayed.
    pub fn inject_randomly(&self, seed: u64, faults: Vec<(Fault, f64)>) {
        self.state.lock().random_faults = Some((seed.max(1), faults));
    }

    /// Stops drawing random faults.
    pub fn stop_random_faults(&self) {
        self.state.lock().random_faults = None;
    }

    /// Faults still queued.
    pub fn pending_faults(&self) -> usize {
        self.state.lock().faults.len()
    }

    /// Allows `limit` requests per `window` in the shared bucket (Braze's 250,000 per hour for
    /// calls that name users, schedules and the rest); past that the server answers 429.
    pub fn set_rate_limit(&self, limit: u64, window: Duration) {
        self.set_bucket_limit(RateBucket::Shared, limit, window);
    }

    /// Allows `limit` requests per `window` in `bucket`, one of Braze's limits (FACTS §2.1).
    pub fn set_bucket_limit(&self, bucket: RateBucket, limit: u64, window: Duration) {
        self.state.lock().rates.set(bucket, limit, window);
    }

    /// The server's clock, which decides the rules that depend on time (a local-time schedule
    /// already past, a content card expiring too far out) and what is upcoming.
    pub fn now(&self) -> DateTime<Utc> {
        self.state.lock().now()
    }

    /// Sets the server's clock to `now`; it runs on from there.
    pub fn set_now(&self, now: DateTime<Utc>) {
        let mut s = self.state.lock();
        s.clock_offset = now.signed_duration_since(Utc::now());
    }

    /// Moves the server's clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut s = self.state.lock();
        let by = chrono::TimeDelta::from_std(by).unwrap_or(chrono::TimeDelta::MAX);
        s.clock_offset = s.clock_offset.checked_add(&by).unwrap_or(chrono::TimeDelta::MAX);
    }

    /// Adds a campaign or Canvas scheduled in Braze's dashboard: GET
    /// /messages/scheduled_broadcasts lists only these, never schedules created through the API.
    ///
    /// Its `next_send_time` must be an ISO 8601 date-time (without a zone for local or
    /// intelligent delivery), or the item is refused: the list filters on it.
    pub fn schedule_in_dashboard(&self, item: ScheduledBroadcast) -> Result<(), braze_rules::Violation> {
        braze_rules::parse_instant("next_send_time", &item.next_send_time)?;
        self.state.lock().dashboard_schedules.push(item);
        Ok(())
    }

    /// The server's clock as a function, for [`ClientBuilder::clock`](crate::ClientBuilder::clock):
    /// a client built with it checks the clock rules by the server's time.
    pub fn clock(&self) -> impl Fn() -> DateTime<Utc> + Send + Sync + 'static {
        let state = Arc::clone(&self.state);
        move || state.lock().now()
    }

    /// Holds `entry` as if it had been created through a schedule endpoint, under its own
    /// `schedule_id`, e.g. to update or delete a schedule named by a documented example.
    pub fn insert_schedule(&self, entry: ScheduledEntry) {
        self.state.lock().schedules.insert(entry.schedule_id.clone(), entry);
    }

    /// Marks a Canvas as paused: triggers answer success with a `notice` and send nothing.
    pub fn pause_canvas(&self, canvas_id: &str) {
        self.state.lock().paused_canvases.insert(canvas_id.to_owned());
    }
}

impl std::fmt::Debug for BrazeServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrazeServer").field("url", &self.url()).field("stats", &self.stats()).finish()
    }
}

impl Drop for BrazeServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// Configures a [`BrazeServer`].
#[derive(Debug, Clone)]
pub struct BrazeServerBuilder {
    api_key: crate::client::ApiKey,
    limit: u64,
    window: Duration,
    keep_history: bool,
    bind: SocketAddr,
}

impl BrazeServerBuilder {
    /// The API key the server accepts.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = crate::client::ApiKey::new(key);
        self
    }

    /// Allows `limit` requests per `window`.
    pub fn rate_limit(mut self, limit: u64, window: Duration) -> Self {
        self.limit = limit;
        self.window = window;
        self
    }

    /// Whether to keep every request and dispatch (default `true`). Turn it off for long runs,
    /// such as millions of recipients: memory then stays flat and only [`BrazeServer::stats`]
    /// counts; [`BrazeServer::requests`] and [`BrazeServer::dispatches`] stay empty.
    pub fn keep_history(mut self, keep: bool) -> Self {
        self.keep_history = keep;
        self
    }

    /// The address to listen on; 127.0.0.1 on a free port (port 0) by default. The server is a
    /// test tool: bind another interface only on purpose.
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        self
    }

    /// Binds its address and starts serving on the current tokio runtime.
    pub async fn start(self) -> std::io::Result<BrazeServer> {
        let listener = TcpListener::bind(self.bind).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::new(self.api_key.expose().to_owned(), self.limit, self.window, self.keep_history));
        let (shutdown, receiver) = watch::channel(false);
        tokio::spawn(http::serve(listener, Arc::clone(&state), receiver));
        Ok(BrazeServer { addr, state, shutdown })
    }
}

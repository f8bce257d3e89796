//! What the embedded server remembers: requests, dispatches, schedules, faults, rate limit.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use crate::model::Schedule;
use crate::responses::ScheduledBroadcast;
use crate::testing::Fault;
use crate::testing::rates::Rates;

/// One request the server received. Its `Debug` does not show the `Authorization` header's key.
#[derive(Clone, PartialEq)]
pub struct RecordedRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, e.g. `/messages/send`.
    pub path: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The `Authorization` header as received.
    pub authorization: Option<String>,
    /// The `Content-Type` header as received.
    pub content_type: Option<String>,
    /// The body as received.
    pub body: String,
    /// The status the server answered (0 when the connection was dropped).
    pub status: u16,
    /// Whether the server processed the request (a send was dispatched, a schedule changed).
    pub processed: bool,
    /// When it arrived, by the server's clock.
    pub received_at: DateTime<Utc>,
    /// The body the server answered (its first 64 KiB).
    pub answer: String,
}

impl std::fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let authorization = self.authorization.as_deref().map(|value| match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} <redacted>"),
            None => "<redacted>".to_owned(),
        });
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("authorization", &authorization)
            .field("content_type", &self.content_type)
            .field("body", &self.body)
            .field("status", &self.status)
            .field("processed", &self.processed)
            .field("received_at", &self.received_at)
            .field("answer", &self.answer)
            .finish()
    }
}

impl RecordedRequest {
    /// The body as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// A message the server dispatched: one processed send.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispatch {
    /// The endpoint.
    pub path: String,
    /// The dispatch id it answered.
    pub dispatch_id: String,
    /// The users named (external ids, alias names, recipient identifiers), in request order.
    pub users: Vec<String>,
    /// The request body.
    pub body: serde_json::Value,
    /// When it went out, by the server's clock: at the request, or at a schedule's time.
    pub at: DateTime<Utc>,
}

/// A scheduled message, campaign trigger or Canvas trigger the server holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledEntry {
    /// The schedule id it answered.
    pub schedule_id: String,
    /// `"Campaign"`, `"Canvas"` or `"Message"` (ad-hoc /messages/schedule/create).
    pub kind: &'static str,
    /// The campaign or Canvas id (the schedule id for ad-hoc messages).
    pub id: String,
    /// The current schedule.
    pub schedule: Schedule,
    /// The request body that created it (with later updates applied to `schedule`).
    pub body: serde_json::Value,
}

impl ScheduledEntry {
    /// When the server sends it: the instant, or a local or optimal time read as UTC.
    pub fn due_at(&self) -> DateTime<Utc> {
        match &self.schedule.time {
            crate::model::ScheduleTime::At(t) => t.instant().with_timezone(&Utc),
            crate::model::ScheduleTime::InLocalTime(t) | crate::model::ScheduleTime::AtOptimalTime(t) => t.and_utc(),
        }
    }

    /// The endpoint that created it.
    pub fn create_path(&self) -> &'static str {
        match self.kind {
            "Campaign" => "/campaigns/trigger/schedule/create",
            "Canvas" => "/canvas/trigger/schedule/create",
            _ => "/messages/schedule/create",
        }
    }
}

/// The users a request body names: external ids, alias names and recipients' identifiers, in
/// order.
pub fn users_of(body: &serde_json::Value) -> Vec<String> {
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    let list = |key: &str| body.get(key).and_then(serde_json::Value::as_array).cloned().unwrap_or_default();
    let mut users: Vec<String> = list("external_user_ids").iter().filter_map(text).collect();
    users.extend(list("user_aliases").iter().filter_map(|a| a.get("alias_name").and_then(text)));
    for recipient in list("recipients") {
        let id = ["external_user_id", "braze_id", "email"]
            .iter()
            .find_map(|key| recipient.get(*key).and_then(text))
            .or_else(|| recipient.get("user_alias").and_then(|a| a.get("alias_name")).and_then(text));
        users.extend(id);
    }
    users
}

/// Counts the server keeps for its whole life, whether or not it keeps the history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServerStats {
    /// Requests received, dropped connections included.
    pub requests: u64,
    /// Requests processed (a send dispatched, a schedule changed).
    pub processed: u64,
    /// Requests answered 429.
    pub rate_limited: u64,
    /// Sends dispatched.
    pub dispatches: u64,
    /// Users named by the dispatched sends, counted once per send.
    pub users_dispatched: u64,
}

#[derive(Debug)]
pub(crate) struct Inner {
    /// Whether requests and dispatches are kept (off for long runs, where only `stats` grow).
    pub keep_history: bool,
    pub stats: ServerStats,
    pub requests: Vec<RecordedRequest>,
    pub dispatches: Vec<Dispatch>,
    pub schedules: BTreeMap<String, ScheduledEntry>,
    pub faults: VecDeque<Fault>,
    /// Faults drawn at random for requests with no queued fault: (rng state, [(fault, chance)]).
    pub random_faults: Option<(u64, Vec<(Fault, f64)>)>,
    pub rates: Rates,
    /// How far the server's clock is ahead of the system clock (negative: behind).
    pub clock_offset: TimeDelta,
    /// Campaigns and Canvases scheduled in the dashboard, for /messages/scheduled_broadcasts.
    pub dashboard_schedules: Vec<ScheduledBroadcast>,
    pub paused_canvases: HashSet<String>,
    pub send_ids: HashSet<(String, String)>,
    pub transactional: HashMap<String, String>,
    pub next_id: u64,
}

#[derive(Debug)]
pub(crate) struct State {
    pub api_key: crate::client::ApiKey,
    inner: Mutex<Inner>,
}

impl State {
    pub fn new(api_key: String, limit: u64, window: Duration, keep_history: bool) -> Self {
        State {
            api_key: crate::client::ApiKey::new(api_key),
            inner: Mutex::new(Inner {
                keep_history,
                stats: ServerStats::default(),
                requests: Vec::new(),
                dispatches: Vec::new(),
                schedules: BTreeMap::new(),
                faults: VecDeque::new(),
                random_faults: None,
                rates: Rates::new((limit, window)),
                clock_offset: TimeDelta::zero(),
                dashboard_schedules: Vec::new(),
                paused_canvases: HashSet::new(),
                send_ids: HashSet::new(),
                transactional: HashMap::new(),
                next_id: 1,
            }),
        }
    }

    /// The state, even if a panicking test thread poisoned the lock.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Inner {
    /// The server's clock: the system clock moved by what tests set.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now().checked_add_signed(self.clock_offset).unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// The server's clock as a `SystemTime`, for the rate windows.
    pub fn system_now(&self) -> std::time::SystemTime {
        self.now().into()
    }
}

impl Inner {
    /// The next queued fault, or one drawn at random if random faults are set.
    pub fn next_fault(&mut self) -> Option<Fault> {
        if let Some(fault) = self.faults.pop_front() {
            return Some(fault);
        }
        let (rng, faults) = self.random_faults.as_mut()?;
        // xorshift64*: deterministic for a seed, so a failing soak run can be replayed.
        *rng ^= *rng >> 12;
        *rng ^= *rng << 25;
        *rng ^= *rng >> 27;
        let draw = (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64;
        let mut edge = 0.0;
        for (fault, chance) in faults.iter() {
            edge += chance;
            if draw < edge {
                return Some(fault.clone());
            }
        }
        None
    }

    /// Counts a request and keeps it if the server keeps history.
    pub fn record_request(&mut self, request: RecordedRequest) {
        self.stats.requests += 1;
        self.stats.processed += u64::from(request.processed);
        self.stats.rate_limited += u64::from(request.status == 429);
        if self.keep_history {
            self.requests.push(request);
        }
    }

    /// Counts a dispatch and keeps it if the server keeps history. `body` is parsed only then.
    pub fn record_dispatch(&mut self, path: String, dispatch_id: String, users: Vec<String>, body: &str) {
        self.stats.dispatches += 1;
        self.stats.users_dispatched += users.len() as u64;
        if self.keep_history {
            let body = serde_json::from_str(body).unwrap_or(serde_json::Value::Null);
            let at = self.now();
            self.dispatches.push(Dispatch { path, dispatch_id, users, body, at });
        }
    }

    /// Sends the scheduled messages whose time has come by the server's clock: each becomes a
    /// dispatch of its users, and leaves the schedules. A local or optimal time is read as UTC
    /// (the server has no users' time zones).
    pub fn deliver_due(&mut self) {
        let now = self.now();
        let due: Vec<String> =
            self.schedules.iter().filter(|(_, entry)| entry.due_at() <= now).map(|(id, _)| id.clone()).collect();
        for schedule_id in due {
            let Some(entry) = self.schedules.remove(&schedule_id) else { continue };
            let dispatch_id = self.new_id("dispatch");
            let users = users_of(&entry.body);
            self.stats.dispatches += 1;
            self.stats.users_dispatched += users.len() as u64;
            if self.keep_history {
                let path = entry.create_path().to_owned();
                self.dispatches.push(Dispatch { path, dispatch_id, users, body: entry.body, at: now });
            }
        }
    }

    pub fn new_id(&mut self, prefix: &str) -> String {
        let n = self.next_id;
        self.next_id += 1;
        format!("{prefix}_{n:012x}")
    }
}

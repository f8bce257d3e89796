//! Braze's rate limits, as the embedded server keeps them (FACTS §2.1): one bucket per limit,
//! each with clock-aligned windows, and the `X-RateLimit-*` headers of the bucket that decided.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

pub use crate::client::RateBucket;

/// The endpoints whose broadcast calls have limits of their own (FACTS §2.1, newest wording).
const BROADCAST_ENDPOINTS: &[&str] = &[
    "/messages/send",
    "/campaigns/trigger/send",
    "/canvas/trigger/send",
    "/campaigns/trigger/schedule/create",
    "/canvas/trigger/schedule/create",
];

/// Which buckets a request counts against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Traffic {
    Shared,
    /// A broadcast call, with its audience's key.
    Broadcast(String),
    /// A send id creation, with its `campaign_id` and `send_id`: each pair counts once a day.
    SendIds(String),
    Duplicate,
}

impl Traffic {
    /// Classifies a request by its endpoint and, for the send endpoints, by whether its body
    /// names users. A body that is not JSON counts as the shared kind.
    pub(crate) fn of(path: &str, body: &str) -> Traffic {
        let parsed = || match serde_json::from_str::<Value>(body) {
            Ok(Value::Object(body)) => body,
            _ => serde_json::Map::new(),
        };
        let part =
            |body: &serde_json::Map<String, Value>, key: &str| body.get(key).map(Value::to_string).unwrap_or_default();
        match path {
            "/sends/id/create" => {
                let body = parsed();
                return Traffic::SendIds(format!("{}|{}", part(&body, "campaign_id"), part(&body, "send_id")));
            }
            "/campaigns/duplicate" | "/canvas/duplicate" => return Traffic::Duplicate,
            p if !BROADCAST_ENDPOINTS.contains(&p) => return Traffic::Shared,
            _ => {}
        }
        let body = parsed();
        if body.is_empty() {
            return Traffic::Shared;
        }
        let names = |key: &str| body.get(key).and_then(Value::as_array).is_some_and(|list| !list.is_empty());
        if names("external_user_ids") || names("user_aliases") || names("recipients") {
            return Traffic::Shared;
        }
        // FACTS §2.1: the same campaign or Canvas, segment and `audience` object, on any of the
        // endpoints, is one audience.
        let keys = ["campaign_id", "canvas_id", "segment_id", "audience"];
        Traffic::Broadcast(keys.map(|key| part(&body, key)).join("|"))
    }

    fn buckets(&self) -> &'static [RateBucket] {
        match self {
            Traffic::Shared => &[RateBucket::Shared],
            Traffic::Broadcast(_) => &[RateBucket::Broadcast, RateBucket::BroadcastPerAudience],
            Traffic::SendIds(_) => &[RateBucket::SendIds],
            Traffic::Duplicate => &[RateBucket::Duplicate],
        }
    }
}

/// The `X-RateLimit-*` values of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RateHeaders {
    pub limit: u64,
    pub remaining: u64,
    /// Epoch seconds, rounded up.
    pub reset: u64,
}

/// One bucket's current window.
#[derive(Debug, Clone)]
pub(crate) struct RateWindow {
    pub limit: u64,
    pub window: Duration,
    pub started: SystemTime,
    pub used: u64,
}

impl RateWindow {
    pub fn new(limit: u64, window: Duration) -> Self {
        let window = window.clamp(Duration::from_millis(1), MAX_WINDOW);
        // Aligned on the first request, by the server's clock.
        RateWindow { limit, window, started: UNIX_EPOCH, used: 0 }
    }

    /// Starts a new window if the current one has passed.
    fn roll(&mut self, now: SystemTime) {
        if now >= self.end() {
            self.started = aligned_start(now, self.window);
            self.used = 0;
        }
    }

    fn end(&self) -> SystemTime {
        self.started.checked_add(self.window).unwrap_or(self.started)
    }

    pub fn remaining(&self) -> u64 {
        self.limit.saturating_sub(self.used)
    }

    fn headers(&self) -> RateHeaders {
        let d = self.end().duration_since(UNIX_EPOCH).unwrap_or_default();
        RateHeaders {
            limit: self.limit,
            remaining: self.remaining(),
            reset: d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0)),
        }
    }
}

/// The longest window a bucket takes (a year): longer ones would overflow clock arithmetic.
const MAX_WINDOW: Duration = Duration::from_secs(366 * 86_400);

/// The start of the window holding `now`. Windows are aligned to the clock, as Braze's hourly
/// windows reset on the clock hour, so a reset in whole epoch seconds is exact.
fn aligned_start(now: SystemTime, window: Duration) -> SystemTime {
    let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos();
    let into_window = since_epoch % window.as_nanos().max(1);
    now - Duration::from_nanos(u64::try_from(into_window).unwrap_or(0))
}

/// Every bucket of the server.
#[derive(Debug)]
pub(crate) struct Rates {
    buckets: BTreeMap<RateBucket, RateWindow>,
    /// One window per unique audience, all with the limit of `BroadcastPerAudience`.
    audiences: HashMap<String, RateWindow>,
    /// The send id pairs counted in the current `SendIds` window, and when that window started.
    send_ids: (SystemTime, HashSet<String>),
}

/// Per-audience windows kept before the ones that have rolled over are dropped.
const MAX_AUDIENCES: usize = 4096;

impl Rates {
    /// Braze's defaults, with the shared bucket set to `shared`.
    pub fn new(shared: (u64, Duration)) -> Self {
        let mut buckets: BTreeMap<RateBucket, RateWindow> = RateBucket::ALL
            .iter()
            .map(|b| {
                let (limit, window) = b.default_limit();
                (*b, RateWindow::new(limit, window))
            })
            .collect();
        buckets.insert(RateBucket::Shared, RateWindow::new(shared.0, shared.1));
        Rates { buckets, audiences: HashMap::new(), send_ids: (UNIX_EPOCH, HashSet::new()) }
    }

    pub fn set(&mut self, bucket: RateBucket, limit: u64, window: Duration) {
        self.buckets.insert(bucket, RateWindow::new(limit, window));
        if bucket == RateBucket::BroadcastPerAudience {
            self.audiences.clear();
        }
    }

    /// The window of `bucket` for this traffic (its audience's own window for the per-audience
    /// bucket), rolled over to `now`.
    fn window(&mut self, bucket: RateBucket, traffic: &Traffic, now: SystemTime) -> &mut RateWindow {
        let window = match (bucket, traffic) {
            (RateBucket::BroadcastPerAudience, Traffic::Broadcast(audience)) => {
                if self.audiences.len() >= MAX_AUDIENCES {
                    self.audiences.retain(|_, w| now < w.end());
                }
                let template = &self.buckets[&RateBucket::BroadcastPerAudience];
                let (limit, length) = (template.limit, template.window);
                self.audiences.entry(audience.clone()).or_insert_with(|| RateWindow::new(limit, length))
            }
            _ => self.buckets.get_mut(&bucket).expect("every bucket has a window"),
        };
        window.roll(now);
        window
    }

    /// The headers of the bucket `traffic` would spend from first, without spending.
    pub fn peek(&mut self, traffic: &Traffic, now: SystemTime) -> RateHeaders {
        traffic
            .buckets()
            .iter()
            .map(|bucket| self.window(*bucket, traffic, now).headers())
            .min_by_key(|h| h.remaining)
            .expect("every kind of traffic has a bucket")
    }

    /// Spends one request from every bucket `traffic` counts against. `Ok` with the headers of
    /// the bucket with the fewest requests left; `Err` with the headers of an exhausted bucket,
    /// and nothing spent. A send id pair already counted in this window is not counted again.
    pub fn spend(&mut self, traffic: &Traffic, now: SystemTime) -> Result<RateHeaders, RateHeaders> {
        if let Traffic::SendIds(pair) = traffic {
            let started = self.window(RateBucket::SendIds, traffic, now).started;
            if self.send_ids.0 != started {
                self.send_ids = (started, HashSet::new());
            }
            if self.send_ids.1.contains(pair) {
                return Ok(self.peek(traffic, now));
            }
        }
        for bucket in traffic.buckets() {
            let window = self.window(*bucket, traffic, now);
            if window.remaining() == 0 {
                return Err(window.headers());
            }
        }
        let mut tightest: Option<RateHeaders> = None;
        for bucket in traffic.buckets() {
            let window = self.window(*bucket, traffic, now);
            window.used += 1;
            let headers = window.headers();
            if tightest.is_none_or(|t| headers.remaining < t.remaining) {
                tightest = Some(headers);
            }
        }
        if let Traffic::SendIds(pair) = traffic {
            self.send_ids.1.insert(pair.clone());
        }
        Ok(tightest.expect("every kind of traffic has a bucket"))
    }

    /// Each bucket's window length and current headers (per-audience windows excluded).
    pub fn snapshot(&mut self, now: SystemTime) -> Vec<(RateBucket, Duration, RateHeaders)> {
        self.buckets
            .iter_mut()
            .map(|(bucket, window)| {
                window.roll(now);
                (*bucket, window.window, window.headers())
            })
            .collect()
    }

    /// Uses up the first bucket of `traffic` until `reset_in` from now (an injected 429).
    pub fn exhaust(&mut self, traffic: &Traffic, reset_in: Duration, now: SystemTime) -> RateHeaders {
        let window = self.window(traffic.buckets()[0], traffic, now);
        let reset_in = reset_in.min(MAX_WINDOW);
        window.started = (now + reset_in).checked_sub(window.window).unwrap_or(now);
        window.used = window.limit;
        window.headers()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_on_the_clock_so_the_reported_reset_is_exact() {
        let mut rate = RateWindow::new(2, Duration::from_secs(1));
        rate.roll(SystemTime::now());
        let since_epoch = rate.started.duration_since(UNIX_EPOCH).unwrap();
        assert_eq!(since_epoch.subsec_nanos(), 0, "a 1 s window starts on a whole second");
        assert_eq!(rate.headers().reset, since_epoch.as_secs() + 1);
        rate.started -= Duration::from_secs(1);
        rate.used = 2;
        rate.roll(SystemTime::now());
        assert_eq!(rate.remaining(), 2, "a passed window rolls over");
    }

    #[test]
    fn requests_are_classified_as_braze_counts_them() {
        // FACTS §2.1: broadcast calls have their own limits; calls naming users share the pool.
        assert_eq!(Traffic::of("/messages/send", r#"{"external_user_ids":["u1"]}"#), Traffic::Shared);
        assert!(matches!(
            Traffic::of("/messages/send", r#"{"segment_id":"s","broadcast":true}"#),
            Traffic::Broadcast(_)
        ));
        assert!(matches!(Traffic::of("/campaigns/trigger/send", r#"{"campaign_id":"c"}"#), Traffic::Broadcast(_)));
        assert!(matches!(Traffic::of("/sends/id/create", "{}"), Traffic::SendIds(_)));
        assert_eq!(Traffic::of("/canvas/duplicate", "{}"), Traffic::Duplicate);
        assert_eq!(Traffic::of("/messages/schedule/create", r#"{"segment_id":"s"}"#), Traffic::Shared);
        assert_ne!(
            Traffic::of("/messages/send", r#"{"segment_id":"a"}"#),
            Traffic::of("/messages/send", r#"{"segment_id":"b"}"#),
            "each audience is its own"
        );
        assert_eq!(
            Traffic::of("/campaigns/trigger/send", r#"{"campaign_id":"c"}"#),
            Traffic::of("/campaigns/trigger/schedule/create", r#"{"campaign_id":"c","schedule":{}}"#),
            "one campaign's segment is one audience on every endpoint"
        );
    }

    #[test]
    fn a_broadcast_spends_both_of_its_buckets_and_reports_the_tighter() {
        let mut rates = Rates::new(RateBucket::Shared.default_limit());
        let vip = Traffic::of("/messages/send", r#"{"segment_id":"vip","broadcast":true}"#);
        let all = Traffic::of("/messages/send", r#"{"segment_id":"all","broadcast":true}"#);
        for left in (0..10).rev() {
            assert_eq!(rates.spend(&vip, SystemTime::now()).map(|h| (h.limit, h.remaining)), Ok((10, left)));
        }
        let refused = rates.spend(&vip, SystemTime::now()).unwrap_err();
        assert_eq!((refused.limit, refused.remaining), (10, 0), "the audience's own limit decides");
        assert_eq!(rates.spend(&all, SystemTime::now()).map(|h| h.remaining), Ok(9), "another audience has its own");
        assert_eq!(rates.buckets[&RateBucket::Broadcast].used, 11, "both counted in the 250 per minute");
        assert_eq!(rates.buckets[&RateBucket::Shared].used, 0, "broadcasts leave the shared pool alone");
    }
}

//! The rate-limit state Braze reports on every response.

use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;

/// One of Braze's rate limits. Every request counts against the buckets of its kind, and its
/// answer's `X-RateLimit-*` headers describe the bucket that decided it (FACTS §2.1, §2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RateBucket {
    /// 250,000 requests per hour, shared by calls that name users on the send and trigger
    /// endpoints, the schedule endpoints, live activities, the scheduled-broadcasts list and
    /// transactional sends.
    Shared,
    /// Broadcast calls (a segment, an audience, or a whole campaign or Canvas segment) of the
    /// send and trigger endpoints: 250 per minute across all audiences.
    Broadcast,
    /// The same broadcast calls, 10 per minute per unique audience (the campaign or Canvas, the
    /// segment and the `audience` object together).
    BroadcastPerAudience,
    /// /sends/id/create: 100 per day.
    SendIds,
    /// /campaigns/duplicate and /canvas/duplicate: 100 per minute.
    Duplicate,
}

impl RateBucket {
    /// Braze's documented default: (requests, window).
    pub fn default_limit(self) -> (u64, Duration) {
        const MINUTE: Duration = Duration::from_secs(60);
        match self {
            RateBucket::Shared => (250_000, Duration::from_secs(3600)),
            RateBucket::Broadcast => (250, MINUTE),
            RateBucket::BroadcastPerAudience => (10, MINUTE),
            RateBucket::SendIds => (100, Duration::from_secs(86_400)),
            RateBucket::Duplicate => (100, MINUTE),
        }
    }

    /// Every bucket.
    pub const ALL: [RateBucket; 5] = [
        RateBucket::Shared,
        RateBucket::Broadcast,
        RateBucket::BroadcastPerAudience,
        RateBucket::SendIds,
        RateBucket::Duplicate,
    ];

    /// The bucket's name, as the emulator's flags and control API write it: `shared`,
    /// `broadcast`, `broadcast_per_audience`, `send_ids`, `duplicate`.
    pub fn name(self) -> &'static str {
        match self {
            RateBucket::Shared => "shared",
            RateBucket::Broadcast => "broadcast",
            RateBucket::BroadcastPerAudience => "broadcast_per_audience",
            RateBucket::SendIds => "send_ids",
            RateBucket::Duplicate => "duplicate",
        }
    }
}

impl std::str::FromStr for RateBucket {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        RateBucket::ALL.into_iter().find(|b| b.name() == name.trim()).ok_or_else(|| {
            let names: Vec<&str> = RateBucket::ALL.iter().map(|b| b.name()).collect();
            format!("unknown rate-limit bucket \"{name}\"; one of {}", names.join(", "))
        })
    }
}

/// `X-RateLimit-Limit`, `-Remaining` and `-Reset` of one response. Each is `None` when the header
/// is absent or unreadable; header names are matched case-insensitively.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: Option<u64>,
    /// Requests left in the window.
    pub remaining: Option<u64>,
    /// When the window resets.
    pub reset: Option<DateTime<Utc>>,
}

impl RateLimit {
    /// Reads the headers of a response.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let number =
            |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
        RateLimit {
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            reset: number("x-ratelimit-reset")
                .and_then(|secs| i64::try_from(secs).ok())
                .and_then(|secs| DateTime::from_timestamp(secs, 0)),
        }
    }

    /// Whether the window is used up.
    pub fn is_exhausted(&self) -> bool {
        self.remaining == Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderName, HeaderValue};

    #[test]
    fn reads_headers_in_any_case_and_tolerates_garbage() {
        let mut headers = HeaderMap::new();
        headers.insert(HeaderName::from_static("x-ratelimit-limit"), HeaderValue::from_static("250000"));
        headers.insert(HeaderName::from_bytes(b"X-RateLimit-Remaining").unwrap(), HeaderValue::from_static("0"));
        headers.insert(HeaderName::from_static("x-ratelimit-reset"), HeaderValue::from_static("soon"));
        let rl = RateLimit::from_headers(&headers);
        assert_eq!(rl.limit, Some(250_000));
        assert_eq!(rl.remaining, Some(0));
        assert_eq!(rl.reset, None);
        assert!(rl.is_exhausted());
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), RateLimit::default());
    }
}

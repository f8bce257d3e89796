//! The rate-limit state Braze reports on every response.

use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;

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

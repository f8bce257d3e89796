//! Retries that never send twice by surprise.

use std::time::Duration;

use crate::client::Error;

/// When a failed batch is sent again.
///
/// By default only what cannot have been processed is retried: a connection that never opened
/// and a 429 (after waiting for the reset). A 5XX or timeout on a send may have gone out, so
/// the batch is reported as outcome unknown; [`RetryPolicy::retry_unknown_outcomes`] opts in to
/// retrying those too, for callers who accept duplicates. Idempotent endpoints (schedule update
/// and delete) are retried on 5XX and timeouts anyway.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts per batch, the first included.
    pub max_attempts: u32,
    /// The first backoff; it doubles each attempt, with jitter.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// Also retry 5XX answers and timeouts of sends (may deliver twice).
    pub retry_unknown_outcomes: bool,
    /// How many 429s a batch (or a single request) may meet, each waiting for the reset; the
    /// next one gives it up as rejected (nothing was sent).
    pub max_rate_limited: u32,
    /// The least a 429 waits, jittered up to half again, even when Braze's reset is sooner or
    /// already past (a client clock ahead of Braze's): 429s never turn into a retry storm.
    pub rate_limited_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(30),
            retry_unknown_outcomes: false,
            max_rate_limited: 100,
            rate_limited_delay: Duration::from_secs(1),
        }
    }
}

impl RetryPolicy {
    /// Retries 5XX answers and timeouts of sends too: a batch may then be delivered twice.
    pub fn retry_unknown_outcomes(mut self) -> Self {
        self.retry_unknown_outcomes = true;
        self
    }

    /// Whether `error`, met on attempt `attempt` (1-based), is retried.
    pub fn retries(&self, error: &Error, attempt: u32) -> bool {
        attempt < self.max_attempts
            && (error.is_retryable() || (self.retry_unknown_outcomes && error.outcome_unknown()))
    }

    /// The backoff before attempt `attempt + 1`: exponential, capped, with full jitter.
    pub fn backoff(&self, attempt: u32, seed: u64) -> Duration {
        let exponential = self.base_delay.saturating_mul(1u32 << attempt.min(16));
        let cap = exponential.min(self.max_delay);
        let jitter = splitmix(seed) % 1000;
        cap.mul_f64(0.5 + jitter as f64 / 2000.0)
    }

    /// The least wait after a 429: [`RetryPolicy::rate_limited_delay`], jittered by up to half
    /// again so concurrent batches do not come back together.
    pub fn rate_limited_backoff(&self, seed: u64) -> Duration {
        let jitter = splitmix(seed) % 1000;
        // Past Braze's longest window the wait gives the request up anyway; the cap keeps a
        // configured `Duration::MAX` from overflowing.
        self.rate_limited_delay.min(super::limiter::MAX_WAIT).mul_f64(1.0 + jitter as f64 / 2000.0)
    }

    /// How long to wait after a 429 whose reset is `reset`: until the reset, at least
    /// [`RetryPolicy::rate_limited_backoff`]. `None` when that is more than
    /// [`MAX_WAIT`](super::limiter::MAX_WAIT) (Braze's longest window), so the request is given up.
    pub fn rate_limited_wait(&self, reset: Option<chrono::DateTime<chrono::Utc>>, seed: u64) -> Option<Duration> {
        let until_reset = reset.and_then(|r| (r - chrono::Utc::now()).to_std().ok()).unwrap_or_default();
        let wait = until_reset.max(self.rate_limited_backoff(seed));
        (wait <= super::limiter::MAX_WAIT).then_some(wait)
    }
}

/// A small, well-mixed hash for jitter (SplitMix64), so retries of concurrent batches spread out.
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            ..RetryPolicy::default()
        };
        let first = policy.backoff(0, 1);
        assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100), "{first:?}");
        assert!(policy.backoff(10, 1) <= Duration::from_secs(1));
        assert_ne!(policy.backoff(3, 1), policy.backoff(3, 2), "different batches wait differently");
    }

    #[test]
    fn a_429_waits_for_the_reset_at_least_the_minimum_and_never_past_an_hour() {
        // Issue 10: a reset already past is retried after the minimum, not at once; a reset
        // further than Braze's longest window (an hour) gives the request up.
        let policy = RetryPolicy::default();
        let now = chrono::Utc::now();
        let mut waits = std::collections::HashSet::new();
        for seed in 0..50 {
            let past = policy.rate_limited_wait(Some(now - chrono::TimeDelta::seconds(30)), seed).unwrap();
            assert!(past >= Duration::from_secs(1) && past <= Duration::from_millis(1500), "{past:?}");
            waits.insert(past);
        }
        assert!(waits.len() > 25, "concurrent batches come back at different times: {} distinct waits", waits.len());
        let soon = policy.rate_limited_wait(Some(now + chrono::TimeDelta::seconds(20)), 1).unwrap();
        assert!(soon > Duration::from_secs(18) && soon <= Duration::from_secs(20), "{soon:?}");
        assert_eq!(policy.rate_limited_wait(Some(now + chrono::TimeDelta::hours(2)), 1), None);
        assert!(policy.rate_limited_wait(None, 1).is_some_and(|w| w >= Duration::from_secs(1)));
    }

    #[test]
    fn every_wait_is_bounded_whatever_the_policy_says() {
        // Issue 10: durations meet in checked arithmetic; a policy of extremes neither panics nor
        // waits past what it allows (backoff) or past Braze's longest window (429s).
        let extreme = RetryPolicy {
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
            rate_limited_delay: Duration::MAX,
            ..RetryPolicy::default()
        };
        let tiny = RetryPolicy {
            base_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
            rate_limited_delay: Duration::ZERO,
            ..RetryPolicy::default()
        };
        let far = chrono::DateTime::<chrono::Utc>::MAX_UTC;
        for seed in [0, 1, u64::MAX] {
            for attempt in [0, 1, 16, 17, u32::MAX] {
                assert!(extreme.backoff(attempt, seed) <= extreme.max_delay);
                assert_eq!(tiny.backoff(attempt, seed), Duration::ZERO);
            }
            assert!(extreme.rate_limited_backoff(seed) <= super::super::limiter::MAX_WAIT.mul_f64(1.5));
            for reset in [None, Some(far), Some(chrono::DateTime::<chrono::Utc>::MIN_UTC)] {
                for policy in [&extreme, &tiny] {
                    let wait = policy.rate_limited_wait(reset, seed);
                    assert!(wait.is_none_or(|w| w <= super::super::limiter::MAX_WAIT), "{wait:?}");
                }
            }
        }
    }
}

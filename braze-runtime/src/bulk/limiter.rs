//! Pacing: never spend past the budget Braze reports, plus an optional budget of your own.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::client::RateLimit;

/// Paces requests from the rate-limit headers Braze returns, and optionally to a budget of your
/// own. Share one (in an `Arc`) between every bulk job and client of a workspace in a process:
/// Braze's limits are per workspace.
#[derive(Debug)]
pub struct RateLimiter {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// Requests left in Braze's window, as last reported and spent since.
    remaining: Option<u64>,
    /// When Braze's window resets.
    reset: Option<SystemTime>,
    /// Our own budget: at most `limit` requests per `window`.
    own: Option<(u64, Duration)>,
    own_started: SystemTime,
    own_used: u64,
}

impl Default for RateLimiter {
    fn default() -> Self {
        RateLimiter::new()
    }
}

impl RateLimiter {
    /// Paces from Braze's headers only.
    pub fn new() -> Self {
        RateLimiter {
            state: Mutex::new(State {
                remaining: None,
                reset: None,
                own: None,
                own_started: SystemTime::now(),
                own_used: 0,
            }),
        }
    }

    /// Also keeps to at most `limit` requests per `window` of your own.
    pub fn with_limit(limit: u64, window: Duration) -> Self {
        let limiter = RateLimiter::new();
        limiter.lock().own = Some((limit.max(1), window));
        limiter
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits until a request may be sent, and counts it as spent.
    pub async fn acquire(&self) {
        loop {
            let wait = {
                let mut s = self.lock();
                let now = SystemTime::now();
                if s.reset.is_some_and(|reset| reset <= now) {
                    // Braze's window has rolled over; its next answer tells the new budget.
                    s.remaining = None;
                    s.reset = None;
                }
                if let Some((_, window)) = s.own
                    && now.duration_since(s.own_started).unwrap_or_default() >= window
                {
                    s.own_started = now;
                    s.own_used = 0;
                }
                let braze_wait = match (s.remaining, s.reset) {
                    (Some(0), Some(reset)) => reset.duration_since(now).ok(),
                    (Some(0), None) => Some(Duration::from_secs(1)),
                    _ => None,
                };
                let own_wait = match s.own {
                    Some((limit, window)) if s.own_used >= limit => {
                        (s.own_started + window).duration_since(now).ok().or(Some(Duration::from_millis(1)))
                    }
                    _ => None,
                };
                match braze_wait.max(own_wait) {
                    Some(wait) => wait,
                    None => {
                        s.remaining = s.remaining.map(|r| r.saturating_sub(1));
                        s.own_used += 1;
                        return;
                    }
                }
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// Takes in the state an answer reported.
    pub fn observe(&self, rate: &RateLimit) {
        let mut s = self.lock();
        let reset = rate.reset.map(SystemTime::from);
        match (rate.remaining, reset) {
            // A later window: its numbers replace ours.
            (Some(remaining), Some(reset)) if s.reset.is_none_or(|known| reset > known) => {
                s.remaining = Some(remaining);
                s.reset = Some(reset);
            }
            // The same window: answers arrive out of order, so keep the lower count.
            (Some(remaining), _) => s.remaining = Some(s.remaining.map_or(remaining, |r| r.min(remaining))),
            _ => {}
        }
    }

    /// Marks Braze's budget as spent until `reset` (after a 429).
    pub fn exhausted_until(&self, reset: Option<SystemTime>) {
        let mut s = self.lock();
        s.remaining = Some(0);
        s.reset = Some(reset.unwrap_or_else(|| SystemTime::now() + Duration::from_secs(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_exhausted_budget_waits_for_the_reset() {
        let limiter = RateLimiter::new();
        let reset = SystemTime::now() + Duration::from_millis(150);
        limiter.observe(&RateLimit { limit: Some(10), remaining: Some(0), reset: Some(reset.into()) });
        let started = std::time::Instant::now();
        limiter.acquire().await;
        assert!(started.elapsed() >= Duration::from_millis(100), "waited {:?}", started.elapsed());
    }

    #[tokio::test]
    async fn the_own_budget_spreads_requests_over_windows() {
        let limiter = RateLimiter::with_limit(2, Duration::from_millis(100));
        let started = std::time::Instant::now();
        for _ in 0..5 {
            limiter.acquire().await;
        }
        // 5 requests at 2 per window need the third window to start.
        assert!(started.elapsed() >= Duration::from_millis(200), "took {:?}", started.elapsed());
    }

    #[test]
    fn stale_answers_do_not_raise_the_budget() {
        let limiter = RateLimiter::new();
        let reset: chrono::DateTime<chrono::Utc> = (SystemTime::now() + Duration::from_secs(60)).into();
        limiter.observe(&RateLimit { limit: Some(10), remaining: Some(3), reset: Some(reset) });
        limiter.observe(&RateLimit { limit: Some(10), remaining: Some(7), reset: Some(reset) });
        assert_eq!(limiter.lock().remaining, Some(3));
    }
}

//! Pacing: never spend past the budget Braze reports, plus an optional budget of your own.
//!
//! Every wait is bounded. Braze's longest rate-limit window is an hour (FACTS §2.1, §2.2), so a
//! wait longer than [`MAX_WAIT`] is not waited for: [`RateLimiter::acquire`] fails at once with
//! [`RateLimited`], which the bulk sender reports as a rejected batch. An answer that says
//! nothing is left but gives no reset the limiter can read becomes a short backoff.

use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::time::Instant;

use crate::client::RateLimit;

/// The longest the limiter waits: Braze's longest window, an hour.
pub const MAX_WAIT: Duration = Duration::from_secs(3600);
/// How long to wait when Braze says nothing is left but its reset cannot be read (missing,
/// garbled or already past).
pub const UNREADABLE_RESET_BACKOFF: Duration = Duration::from_secs(1);

/// Paces requests from the rate-limit headers Braze returns, and optionally to a budget of your
/// own. Share one (in an `Arc`) between every bulk job and client of a workspace in a process:
/// Braze's limits are per workspace.
///
/// Time is tokio's clock, so the limiter's waits can be tested with a paused clock.
#[derive(Debug)]
pub struct RateLimiter {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// Requests left in Braze's window, as last reported and spent since.
    remaining: Option<u64>,
    /// When Braze's window resets.
    reset: Option<Instant>,
    /// Our own budget: at most `limit` requests per `window`.
    own: Option<(u64, Duration)>,
    own_started: Instant,
    own_used: u64,
}

/// Why [`RateLimiter::acquire`] did not wait: the budget frees up later than [`MAX_WAIT`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "rate limited: the budget frees up in {}, more than the hour of Braze's longest window, so the \
     request was not sent{}",
    describe(*wait),
    if *braze { " (Braze's X-RateLimit-Reset is that far away, or unreadable as seconds)" } else { " (the limiter's own budget)" }
)]
pub struct RateLimited {
    /// How long the wait would be (`None`: never, e.g. an own budget over `Duration::MAX`).
    pub wait: Option<Duration>,
    /// Whether Braze's reset decided (else the limiter's own budget).
    pub braze: bool,
}

fn describe(wait: Option<Duration>) -> String {
    match wait {
        Some(wait) => format!("{} s", wait.as_secs()),
        None => "an unbounded time".to_owned(),
    }
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
                own_started: Instant::now(),
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

    /// Waits until a request may be sent, and counts it as spent. Fails at once, without
    /// waiting, when the budget frees up later than [`MAX_WAIT`].
    pub async fn acquire(&self) -> Result<(), RateLimited> {
        loop {
            let wait = self.lock().try_spend(Instant::now())?;
            match wait {
                None => return Ok(()),
                Some(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    /// Takes in the state an answer reported.
    pub fn observe(&self, rate: &RateLimit) {
        let now = Instant::now();
        let reset = rate.reset.and_then(|reset| deadline(reset, Utc::now(), now));
        let mut s = self.lock();
        match (rate.remaining, reset) {
            // Nothing left and no reset ahead that can be read: back off briefly, then probe.
            (Some(0), None) => {
                s.remaining = Some(0);
                s.reset = Some(s.reset.filter(|known| *known > now).unwrap_or(now + UNREADABLE_RESET_BACKOFF));
            }
            // A later window: its numbers replace ours. Resets are whole epoch seconds, and two
            // answers of one window map to deadlines a few microseconds apart.
            (Some(remaining), Some(reset)) if s.reset.is_none_or(|known| reset > known + SAME_WINDOW) => {
                s.remaining = Some(remaining);
                s.reset = Some(reset);
            }
            // The same window: answers arrive out of order, so keep the lower count.
            (Some(remaining), _) => s.remaining = Some(s.remaining.map_or(remaining, |r| r.min(remaining))),
            _ => {}
        }
    }

    /// Marks Braze's budget as spent after a 429, until `reset` (the 429's own header), and at
    /// least for `at_least`: a reset already past, by a client clock ahead of Braze's, must not
    /// cause a retry storm.
    pub fn exhausted_until(&self, reset: Option<DateTime<Utc>>, at_least: Duration) {
        let now = Instant::now();
        let floor = now + at_least.min(MAX_WAIT);
        let reset = reset.and_then(|reset| deadline(reset, Utc::now(), now)).map_or(floor, |r| r.max(floor));
        let mut s = self.lock();
        // Already spent (an earlier 429, or an answer that said none are left): wait for the later.
        let reset = match (s.remaining, s.reset) {
            (Some(0), Some(known)) => known.max(reset),
            _ => reset,
        };
        s.remaining = Some(0);
        s.reset = Some(reset);
    }
}

/// How far apart two deadlines may be and still be read as the same window's reset.
const SAME_WINDOW: Duration = Duration::from_millis(500);

/// Braze's reset (wall clock) as a tokio deadline. `None` when it is already past; a reset
/// further than [`MAX_WAIT`] is kept just past it, so `acquire` refuses instead of waiting.
fn deadline(reset: DateTime<Utc>, wall_now: DateTime<Utc>, now: Instant) -> Option<Instant> {
    let ahead = (reset - wall_now).to_std().ok().filter(|d| !d.is_zero())?;
    Some(now + ahead.min(MAX_WAIT + Duration::from_secs(1)))
}

impl State {
    /// Spends one request if the budgets allow it now (`Ok(None)`), else says how long to wait.
    fn try_spend(&mut self, now: Instant) -> Result<Option<Duration>, RateLimited> {
        if self.reset.is_some_and(|reset| reset <= now) {
            // Braze's window has rolled over; its next answer tells the new budget.
            self.remaining = None;
            self.reset = None;
        }
        let own_end = self.own.map(|(_, window)| self.own_started.checked_add(window));
        if let Some(Some(end)) = own_end
            && now >= end
        {
            self.own_started = now;
            self.own_used = 0;
        }
        let braze_wait = match (self.remaining, self.reset) {
            (Some(0), Some(reset)) => Some(reset - now),
            (Some(0), None) => Some(UNREADABLE_RESET_BACKOFF),
            _ => None,
        };
        let own_wait = match self.own {
            // `None` inside: the window never ends (an own budget over `Duration::MAX`).
            Some((limit, _)) if self.own_used >= limit => Some(own_end.flatten().map(|end| end - now)),
            _ => None,
        };
        match (braze_wait, own_wait) {
            (_, Some(None)) => Err(RateLimited { wait: None, braze: false }),
            (Some(braze), Some(Some(own))) if braze.max(own) > MAX_WAIT => {
                Err(RateLimited { wait: Some(braze.max(own)), braze: braze >= own })
            }
            (Some(wait), None) if wait > MAX_WAIT => Err(RateLimited { wait: Some(wait), braze: true }),
            (None, Some(Some(wait))) if wait > MAX_WAIT => Err(RateLimited { wait: Some(wait), braze: false }),
            (Some(a), Some(Some(b))) => Ok(Some(a.max(b).max(Duration::from_millis(1)))),
            (Some(wait), None) | (None, Some(Some(wait))) => Ok(Some(wait.max(Duration::from_millis(1)))),
            (None, None) => {
                self.remaining = self.remaining.map(|r| r.saturating_sub(1));
                self.own_used += 1;
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reported(remaining: u64, reset_in: chrono::TimeDelta) -> RateLimit {
        RateLimit { limit: Some(10), remaining: Some(remaining), reset: Some(Utc::now() + reset_in) }
    }

    #[tokio::test(start_paused = true)]
    async fn an_exhausted_budget_waits_for_the_reset_and_no_longer() {
        let limiter = RateLimiter::new();
        limiter.observe(&reported(0, chrono::TimeDelta::minutes(30)));
        let started = Instant::now();
        limiter.acquire().await.unwrap();
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(29 * 60) && waited <= Duration::from_secs(30 * 60 + 1), "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_missing_or_garbled_reset_is_a_short_backoff_not_a_hang() {
        // Issue 10: `X-RateLimit-Remaining: 0` with a reset that cannot be read.
        let limiter = RateLimiter::new();
        limiter.observe(&RateLimit { limit: Some(10), remaining: Some(0), reset: None });
        let started = Instant::now();
        limiter.acquire().await.unwrap();
        assert!(started.elapsed() <= UNREADABLE_RESET_BACKOFF, "{:?}", started.elapsed());
        // A reset already past (the client's clock is ahead) is unreadable too.
        limiter.observe(&reported(0, chrono::TimeDelta::seconds(-30)));
        let started = Instant::now();
        limiter.acquire().await.unwrap();
        assert!(started.elapsed() <= UNREADABLE_RESET_BACKOFF, "{:?}", started.elapsed());
    }

    #[tokio::test(start_paused = true)]
    async fn a_reset_beyond_an_hour_fails_at_once() {
        // Issue 10: a reset in the year 255,000, or milliseconds read as seconds.
        for far in [chrono::TimeDelta::days(365 * 250_000), chrono::TimeDelta::seconds(1_733_000_000_000 / 1000 * 999)]
        {
            let limiter = RateLimiter::new();
            limiter.observe(&reported(0, far));
            let started = Instant::now();
            let err = limiter.acquire().await.unwrap_err();
            assert_eq!(started.elapsed(), Duration::ZERO, "no wait at all");
            assert!(err.braze && err.wait.is_some_and(|w| w > MAX_WAIT), "{err:?}");
            assert!(err.to_string().contains("more than the hour"), "{err}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_with_a_past_reset_still_waits_the_minimum() {
        // Issue 10: a 429 whose reset is already past must not be retried at once.
        let limiter = RateLimiter::new();
        limiter.exhausted_until(Some(Utc::now() - chrono::TimeDelta::seconds(5)), Duration::from_secs(1));
        let started = Instant::now();
        limiter.acquire().await.unwrap();
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(1) && waited <= Duration::from_secs(2), "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_own_budget_spreads_requests_over_windows_and_never_overflows() {
        let limiter = RateLimiter::with_limit(2, Duration::from_millis(100));
        let started = Instant::now();
        for _ in 0..5 {
            limiter.acquire().await.unwrap();
        }
        // 5 requests at 2 per window need the third window to start.
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(200) && took < Duration::from_millis(300), "took {took:?}");
        // Issue 10: `with_limit(n, Duration::MAX)` panicked; now the (n+1)th request is refused.
        let forever = RateLimiter::with_limit(1, Duration::MAX);
        forever.acquire().await.unwrap();
        assert_eq!(forever.acquire().await, Err(RateLimited { wait: None, braze: false }));
        let daily = RateLimiter::with_limit(1, Duration::from_secs(86_400));
        daily.acquire().await.unwrap();
        assert!(daily.acquire().await.unwrap_err().wait.is_some_and(|w| w > MAX_WAIT));
    }

    #[test]
    fn stale_answers_do_not_raise_the_budget() {
        let limiter = RateLimiter::new();
        let reset = Utc::now() + chrono::TimeDelta::seconds(60);
        limiter.observe(&RateLimit { limit: Some(10), remaining: Some(3), reset: Some(reset) });
        limiter.observe(&RateLimit { limit: Some(10), remaining: Some(7), reset: Some(reset) });
        assert_eq!(limiter.lock().remaining, Some(3));
    }
}

//! Pacing: never spend past the budget Braze reports, plus an optional budget of your own.
//!
//! Every wait is bounded. Braze's longest rate-limit window is an hour (FACTS §2.1, §2.2), so a
//! wait longer than [`MAX_WAIT`] is not waited for: [`RateLimiter::acquire`] fails at once with
//! [`RateLimited`], which the bulk sender reports as a rejected batch. An answer that says
//! nothing is left but gives no reset the limiter can read becomes a short backoff.
//!
//! Braze counts a request when it arrives, and answers with what is left after it. Requests on
//! their way are not in that number yet, so the limiter counts its permits out and reads an
//! answer's `remaining` less the requests still in flight: it never spends the same share twice,
//! whatever the concurrency. Answers arrive out of order, so only one lower than any before in
//! the window is news. When a window ends, one request probes the next one before the rest
//! follow: the limiter learns the new window's count (and whether its clock runs ahead of
//! Braze's) from one answer instead of a burst of 429s.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::time::Instant;

use crate::client::{RateBucket, RateLimit};

use super::pacing::{BoxFuture, IN_FLIGHT_TTL, Pacing, Permit};

/// The longest the limiter waits: Braze's longest window, an hour.
pub const MAX_WAIT: Duration = Duration::from_secs(3600);
/// How long to wait when Braze says nothing is left but its reset cannot be read (missing,
/// garbled or already past).
pub const UNREADABLE_RESET_BACKOFF: Duration = Duration::from_secs(1);
/// How long the probe of a new window may go unanswered before another request probes.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(3);
/// The farthest reset kept: far enough that a reset past [`MAX_WAIT`] is refused until it
/// passes (Braze's daily limits included), near enough for clock arithmetic.
pub(crate) const FARTHEST: Duration = Duration::from_secs(1000 * 86_400);
/// How often a request waiting for answers in flight (the probe's, or ones that may give a share
/// back) looks again.
pub(crate) const POLL: Duration = Duration::from_millis(2);

/// Paces requests from the rate-limit headers Braze returns, one bucket per Braze limit, and
/// optionally to a budget of your own. Share one (in an `Arc`) between every bulk job and client
/// of a workspace in a process: Braze's limits are per workspace. Processes that share a
/// workspace share a `RedisRateLimiter` (feature `redis`) instead.
///
/// Time is tokio's clock, so the limiter's waits can be tested with a paused clock.
#[derive(Debug)]
pub struct RateLimiter {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// Braze's view of each bucket, from its answers.
    braze: HashMap<RateBucket, BrazeView>,
    /// Our own budget: at most `limit` requests per `window`, every bucket together.
    own: Option<(u64, Duration)>,
    own_started: Instant,
    own_used: u64,
    next_permit: u64,
}

/// What is left of Braze's window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Budget {
    /// Not known yet (a new window): one request probes it.
    #[default]
    Unknown,
    /// Braze's answers carry no count: nothing to pace by.
    Unmetered,
    /// Requests that may still be sent; below zero while more are on their way than Braze
    /// had left when it last answered (some of them it had already counted, and their answers
    /// give their share back).
    Left(i64),
}

#[derive(Debug, Default)]
struct BrazeView {
    budget: Budget,
    /// When Braze's window resets.
    reset: Option<Instant>,
    /// The lowest `remaining` Braze reported in this window: a higher one is an older answer.
    lowest: Option<u64>,
    /// The last permit taken when `budget` was last read from an answer, less the permits out
    /// then (permits are numbered in the order they are taken).
    heard_upto: Option<u64>,
    /// Permits out, and when each was taken.
    in_flight: HashMap<u64, Instant>,
    /// The permit probing a new window, and when another may probe instead.
    probe: Option<(u64, Instant)>,
    /// Until when a 429 holds the bucket: no answer lifts it, as answers still on their way
    /// may have been counted before it.
    blocked_until: Option<Instant>,
}

impl BrazeView {
    fn in_flight(&mut self, now: Instant) -> u64 {
        self.in_flight.retain(|_, taken| *taken + IN_FLIGHT_TTL > now);
        self.in_flight.len() as u64
    }

    /// Hands a permit back, answering whether it was out; a window's probe that comes back
    /// without news lets another probe.
    fn hand_back(&mut self, id: u64) -> bool {
        if self.probe.is_some_and(|(probe, _)| probe == id) {
            self.probe = None;
        }
        self.in_flight.remove(&id).is_some()
    }

    /// Braze reported `remaining` after one of this window's requests: news only if lower than
    /// any before, and then read less the requests still on their way.
    /// `permit`: the answer's, if this limiter's; `last`: the last permit taken so far.
    fn heard(&mut self, remaining: u64, now: Instant, permit: Option<u64>, last: u64) {
        if self.lowest.is_none_or(|lowest| remaining < lowest) || !matches!(self.budget, Budget::Left(_)) {
            self.lowest = Some(remaining);
            let remaining = i64::try_from(remaining).unwrap_or(i64::MAX);
            self.budget = Budget::Left(remaining.saturating_sub(self.in_flight(now) as i64));
            self.heard_upto = Some(last);
            self.probe = None;
        } else {
            self.not_news(permit);
        }
    }

    /// An answer that is not news: Braze counted its request before the lowest count heard. If
    /// the request was on its way then, its share was taken off the budget once too often.
    fn not_news(&mut self, permit: Option<u64>) {
        let subtracted = matches!((permit, self.heard_upto), (Some(id), Some(upto)) if id <= upto);
        if let (true, Budget::Left(left), Some(lowest)) = (subtracted, &mut self.budget, self.lowest) {
            *left = (*left + 1).min(i64::try_from(lowest).unwrap_or(i64::MAX));
        }
    }
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
        let state =
            State { braze: HashMap::new(), own: None, own_started: Instant::now(), own_used: 0, next_permit: 0 };
        RateLimiter { state: Mutex::new(state) }
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

    /// Waits until a request of the shared bucket may be sent (see [`RateLimiter::acquire_in`]).
    pub async fn acquire(&self) -> Result<Permit, RateLimited> {
        self.acquire_in(RateBucket::Shared).await
    }

    /// Waits until a request of `bucket` may be sent, and counts it as spent. Fails at once,
    /// without waiting, when the budget frees up later than [`MAX_WAIT`].
    pub async fn acquire_in(&self, bucket: RateBucket) -> Result<Permit, RateLimited> {
        loop {
            let spent = self.lock().try_spend(bucket, Instant::now())?;
            match spent {
                Spent::Now(permit) => return Ok(permit),
                Spent::After(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    /// The request of `permit` was answered (anything but a 429) with `rate`. An answer whose
    /// reset has already passed belongs to an ended window and is ignored; one that says nothing
    /// is left but whose reset cannot be read becomes a short backoff.
    pub fn answered(&self, permit: Permit, rate: &RateLimit) {
        let mut s = self.lock();
        let out = s.braze.entry(permit.bucket()).or_default().hand_back(permit.id());
        s.learn(permit.bucket(), rate, out.then_some(permit.id()));
    }

    /// Takes in what an answer to a request this limiter did not pace says about `bucket`.
    pub fn learn(&self, bucket: RateBucket, rate: &RateLimit) {
        self.lock().learn(bucket, rate, None);
    }

    /// The request of `permit` was answered with a 429: its bucket is spent until `reset` (the
    /// 429's own header), and at least for `at_least`: a reset already past, by a client clock
    /// ahead of Braze's, must not cause a retry storm.
    pub fn rate_limited(&self, permit: Permit, reset: Option<DateTime<Utc>>, at_least: Duration) {
        let mut s = self.lock();
        s.braze.entry(permit.bucket()).or_default().hand_back(permit.id());
        s.exhaust(permit.bucket(), reset, at_least);
    }

    /// Marks `bucket` as spent, as a 429 to a request this limiter did not pace says.
    pub fn exhausted_in(&self, bucket: RateBucket, reset: Option<DateTime<Utc>>, at_least: Duration) {
        self.lock().exhaust(bucket, reset, at_least);
    }

    /// The request of `permit` got no answer: it no longer counts as in flight.
    pub fn unanswered(&self, permit: Permit) {
        self.lock().braze.entry(permit.bucket()).or_default().hand_back(permit.id());
    }
}

impl Pacing for RateLimiter {
    fn acquire(&self, bucket: RateBucket) -> BoxFuture<'_, Result<Permit, RateLimited>> {
        Box::pin(self.acquire_in(bucket))
    }

    fn observe(&self, permit: Permit, rate: RateLimit) -> BoxFuture<'_, ()> {
        self.answered(permit, &rate);
        Box::pin(std::future::ready(()))
    }

    fn exhausted_until(&self, permit: Permit, reset: Option<DateTime<Utc>>, at_least: Duration) -> BoxFuture<'_, ()> {
        self.rate_limited(permit, reset, at_least);
        Box::pin(std::future::ready(()))
    }

    fn release(&self, permit: Permit) -> BoxFuture<'_, ()> {
        self.unanswered(permit);
        Box::pin(std::future::ready(()))
    }
}

/// How far apart two deadlines may be and still be read as the same window's reset.
const SAME_WINDOW: Duration = Duration::from_millis(500);

/// Braze's reset (wall clock) as a tokio deadline: `None` when it has already passed. A reset
/// further than [`FARTHEST`] is kept at it.
fn deadline(reset: DateTime<Utc>, wall_now: DateTime<Utc>, now: Instant) -> Option<Instant> {
    let ahead = (reset - wall_now).to_std().ok().filter(|d| !d.is_zero())?;
    Some(now + ahead.min(FARTHEST))
}

/// What [`State::try_spend`] decided.
enum Spent {
    Now(Permit),
    After(Duration),
}

impl State {
    /// Spends one request of `bucket` if the budgets allow it now, else says how long to wait.
    fn try_spend(&mut self, bucket: RateBucket, now: Instant) -> Result<Spent, RateLimited> {
        let view = self.braze.entry(bucket).or_default();
        if view.reset.is_some_and(|reset| reset <= now) {
            // Braze's window has rolled over: the next answer tells the new budget.
            view.budget = Budget::Unknown;
            view.reset = None;
            view.lowest = None;
            view.heard_upto = None;
            view.probe = None;
        }
        if matches!(view.budget, Budget::Left(..=0)) && view.reset.is_none() {
            // Spent, with no reset ever read: probe again after a short backoff.
            view.reset = Some(now + UNREADABLE_RESET_BACKOFF);
        }
        let probing = view.budget == Budget::Unknown;
        // Braze counted some of the requests out before the lowest count heard: their answers
        // give a share back, so look again soon rather than at the reset.
        let out = view.in_flight(now);
        let lowest = view.lowest.map_or(0, |lowest| i64::try_from(lowest).unwrap_or(i64::MAX));
        let braze_wait = match (view.budget, view.reset, view.probe) {
            _ if view.blocked_until.is_some_and(|until| until > now) => view.blocked_until.map(|until| until - now),
            (Budget::Left(left @ ..=0), Some(reset), _) if out > 0 && left < lowest => Some((reset - now).min(POLL)),
            (Budget::Left(..=0), Some(reset), _) => Some(reset - now),
            // One request probes a new window; the rest wait for its answer.
            (Budget::Unknown, _, Some((_, until))) if until > now => Some(POLL),
            _ => None,
        };
        let own_end = self.own.map(|(_, window)| self.own_started.checked_add(window));
        if let Some(Some(end)) = own_end
            && now >= end
        {
            self.own_started = now;
            self.own_used = 0;
        }
        let own_wait = match self.own {
            // `None` inside: the window never ends (an own budget over `Duration::MAX`).
            Some((limit, _)) if self.own_used >= limit => Some(own_end.flatten().map(|end| end - now)),
            _ => None,
        };
        let wait = match (braze_wait, own_wait) {
            (_, Some(None)) => return Err(RateLimited { wait: None, braze: false }),
            (Some(braze), Some(Some(own))) if braze.max(own) > MAX_WAIT => {
                return Err(RateLimited { wait: Some(braze.max(own)), braze: braze >= own });
            }
            (Some(wait), None) if wait > MAX_WAIT => return Err(RateLimited { wait: Some(wait), braze: true }),
            (None, Some(Some(wait))) if wait > MAX_WAIT => return Err(RateLimited { wait: Some(wait), braze: false }),
            (Some(a), Some(Some(b))) => Some(a.max(b)),
            (Some(wait), None) | (None, Some(Some(wait))) => Some(wait),
            (None, None) => None,
        };
        if let Some(wait) = wait {
            return Ok(Spent::After(wait.max(Duration::from_millis(1))));
        }
        self.own_used += 1;
        self.next_permit += 1;
        let id = self.next_permit;
        let view = self.braze.entry(bucket).or_default();
        if let Budget::Left(left) = &mut view.budget {
            *left -= 1;
        }
        if probing {
            view.probe = Some((id, now + PROBE_TIMEOUT));
        }
        view.in_flight.insert(id, now);
        Ok(Spent::Now(Permit::new(bucket, id)))
    }

    /// Takes in an answer; `permit`: its request's, if this limiter had it out.
    fn learn(&mut self, bucket: RateBucket, rate: &RateLimit, permit: Option<u64>) {
        let last = self.next_permit;
        let now = Instant::now();
        let reset = rate.reset.map(|reset| deadline(reset, Utc::now(), now));
        let view = self.braze.entry(bucket).or_default();
        if view.blocked_until.is_some_and(|until| until > now) {
            // After a 429, answers still on their way may tell of a time before it; a probe
            // learns the window afresh once the block ends.
            return;
        }
        match (rate.remaining, reset) {
            // No count: Braze does not meter this bucket, so nothing to pace by.
            (None, _) => {
                if view.budget == Budget::Unknown {
                    view.budget = Budget::Unmetered;
                    view.probe = None;
                }
            }
            // A window that has ended: its numbers say nothing about the current one.
            (_, Some(None)) => view.not_news(permit),
            // Nothing left and no reset that can be read: back off briefly, then probe.
            (Some(0), None) => {
                view.budget = Budget::Left(0);
                view.lowest = Some(0);
                view.reset = Some(view.reset.filter(|known| *known > now).unwrap_or(now + UNREADABLE_RESET_BACKOFF));
            }
            // A later window: its numbers replace ours. Resets are whole epoch seconds, and two
            // answers of one window map to deadlines a few microseconds apart.
            (Some(remaining), Some(Some(reset))) if view.reset.is_none_or(|known| reset > known + SAME_WINDOW) => {
                view.reset = Some(reset);
                view.lowest = None;
                view.heard(remaining, now, permit, last);
            }
            // An earlier window, answered late.
            (Some(_), Some(Some(reset))) if view.reset.is_some_and(|known| reset + SAME_WINDOW < known) => {
                view.not_news(permit)
            }
            // The same window.
            (Some(remaining), _) => view.heard(remaining, now, permit, last),
        }
    }

    fn exhaust(&mut self, bucket: RateBucket, reset: Option<DateTime<Utc>>, at_least: Duration) {
        let now = Instant::now();
        let floor = now + at_least.min(MAX_WAIT);
        let reset = reset.and_then(|reset| deadline(reset, Utc::now(), now)).map_or(floor, |r| r.max(floor));
        let view = self.braze.entry(bucket).or_default();
        // Already spent (an earlier 429, or an answer that said none are left): wait for the later.
        let reset = match (view.budget, view.reset) {
            (Budget::Left(..=0), Some(known)) => known.max(reset),
            _ => reset,
        };
        view.budget = Budget::Left(0);
        view.lowest = Some(0);
        view.reset = Some(reset);
        view.blocked_until = Some(view.blocked_until.map_or(reset, |until| until.max(reset)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reported(remaining: u64, reset_in: chrono::TimeDelta) -> RateLimit {
        RateLimit { limit: Some(10), remaining: Some(remaining), reset: Some(Utc::now() + reset_in) }
    }

    /// Tells the limiter about an answer, through a permit of its own.
    async fn answer(limiter: &RateLimiter, rate: &RateLimit) {
        let permit = limiter.acquire().await.unwrap();
        limiter.answered(permit, rate);
    }

    fn budget(limiter: &RateLimiter) -> Budget {
        limiter.lock().braze[&RateBucket::Shared].budget
    }

    #[tokio::test(start_paused = true)]
    async fn an_exhausted_budget_waits_for_the_reset_and_no_longer() {
        let limiter = RateLimiter::new();
        answer(&limiter, &reported(0, chrono::TimeDelta::minutes(30))).await;
        let started = Instant::now();
        let _permit = limiter.acquire().await.unwrap();
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(29 * 60) && waited <= Duration::from_secs(30 * 60 + 1), "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_missing_or_garbled_reset_is_a_short_backoff_not_a_hang() {
        // Issue 10: `X-RateLimit-Remaining: 0` with a reset that cannot be read.
        let limiter = RateLimiter::new();
        answer(&limiter, &RateLimit { limit: Some(10), remaining: Some(0), reset: None }).await;
        let started = Instant::now();
        let permit = limiter.acquire().await.unwrap();
        assert!(started.elapsed() <= UNREADABLE_RESET_BACKOFF, "{:?}", started.elapsed());
        // A reset already past belongs to an ended window: ignored.
        limiter.answered(permit, &reported(0, chrono::TimeDelta::seconds(-30)));
        let started = Instant::now();
        let _permit = limiter.acquire().await.unwrap();
        assert!(started.elapsed() <= UNREADABLE_RESET_BACKOFF, "{:?}", started.elapsed());
    }

    #[tokio::test(start_paused = true)]
    async fn a_reset_beyond_an_hour_fails_at_once() {
        // Issue 10: a reset in the year 255,000, or milliseconds read as seconds.
        for far in [chrono::TimeDelta::days(365 * 250_000), chrono::TimeDelta::seconds(1_733_000_000_000 / 1000 * 999)]
        {
            let limiter = RateLimiter::new();
            answer(&limiter, &reported(0, far)).await;
            let started = Instant::now();
            let err = limiter.acquire().await.unwrap_err();
            assert_eq!(started.elapsed(), Duration::ZERO, "no wait at all");
            assert!(err.braze && err.wait.is_some_and(|w| w > MAX_WAIT), "{err:?}");
            assert!(err.to_string().contains("more than the hour"), "{err}");
        }
        // And keeps failing until the reset is within the hour: Braze's daily limits.
        let limiter = RateLimiter::new();
        answer(&limiter, &reported(0, chrono::TimeDelta::hours(24))).await;
        tokio::time::advance(Duration::from_secs(60)).await;
        let started = Instant::now();
        assert!(limiter.acquire().await.is_err(), "a minute later, still refused");
        assert_eq!(started.elapsed(), Duration::ZERO, "no wait at all");
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_with_a_past_reset_still_waits_the_minimum() {
        // Issue 10: a 429 whose reset is already past must not be retried at once.
        let limiter = RateLimiter::new();
        let permit = limiter.acquire().await.unwrap();
        limiter.rate_limited(permit, Some(Utc::now() - chrono::TimeDelta::seconds(5)), Duration::from_secs(1));
        let started = Instant::now();
        let _permit = limiter.acquire().await.unwrap();
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(1) && waited <= Duration::from_secs(2), "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_own_budget_spreads_requests_over_windows_and_never_overflows() {
        let limiter = RateLimiter::with_limit(2, Duration::from_millis(100));
        let started = Instant::now();
        for _ in 0..5 {
            // No answers: Braze's side stays unknown, and only the probe rule would hold these
            // back, so each goes back unanswered.
            let permit = limiter.acquire().await.unwrap();
            limiter.unanswered(permit);
        }
        // 5 requests at 2 per window need the third window to start.
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(200) && took < Duration::from_millis(300), "took {took:?}");
        // Issue 10: `with_limit(n, Duration::MAX)` panicked; now the (n+1)th request is refused.
        let forever = RateLimiter::with_limit(1, Duration::MAX);
        let _permit = forever.acquire().await.unwrap();
        assert_eq!(forever.acquire().await, Err(RateLimited { wait: None, braze: false }));
        let daily = RateLimiter::with_limit(1, Duration::from_secs(86_400));
        let _permit = daily.acquire().await.unwrap();
        assert!(daily.acquire().await.unwrap_err().wait.is_some_and(|w| w > MAX_WAIT));
    }

    #[tokio::test]
    async fn stale_answers_do_not_raise_the_budget() {
        let limiter = RateLimiter::new();
        let reset = Utc::now() + chrono::TimeDelta::seconds(60);
        answer(&limiter, &RateLimit { limit: Some(10), remaining: Some(3), reset: Some(reset) }).await;
        answer(&limiter, &RateLimit { limit: Some(10), remaining: Some(7), reset: Some(reset) }).await;
        // 3 left, then one more spent on the second (older) answer's request.
        assert_eq!(budget(&limiter), Budget::Left(2));
        limiter.learn(RateBucket::Broadcast, &RateLimit { limit: Some(250), remaining: Some(0), reset: Some(reset) });
        assert_eq!(budget(&limiter), Budget::Left(2), "each bucket its own");
    }

    #[tokio::test]
    async fn requests_in_flight_are_not_spent_twice() {
        // Braze answers `remaining` without the requests still on their way; reading it as the
        // budget would spend their share again, and the last of them would meet a 429.
        let limiter = RateLimiter::new();
        let reset = Utc::now() + chrono::TimeDelta::seconds(60);
        answer(&limiter, &RateLimit { limit: Some(10), remaining: Some(9), reset: Some(reset) }).await;
        let permits: Vec<Permit> = futures_util::future::join_all((0..4).map(|_| limiter.acquire()))
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(budget(&limiter), Budget::Left(5));
        let mut permits = permits.into_iter();
        // The first of the four is answered: Braze has counted it, maybe others too.
        limiter
            .answered(permits.next().unwrap(), &RateLimit { limit: Some(10), remaining: Some(8), reset: Some(reset) });
        assert_eq!(budget(&limiter), Budget::Left(5), "8 left less the 3 still in flight");
        // The last arrives with every earlier one counted: the count is exact again.
        // The next says Braze has counted all four: 5 left, less the 2 still out, for now…
        let mut rest = permits;
        limiter.answered(rest.next().unwrap(), &RateLimit { limit: Some(10), remaining: Some(5), reset: Some(reset) });
        assert_eq!(budget(&limiter), Budget::Left(3));
        // …and their older answers (7, 6) give back the share taken off for them.
        for (permit, remaining) in rest.zip([7, 6]) {
            limiter.answered(permit, &RateLimit { limit: Some(10), remaining: Some(remaining), reset: Some(reset) });
        }
        assert_eq!(budget(&limiter), Budget::Left(5), "exactly what Braze has left");
    }

    #[tokio::test(start_paused = true)]
    async fn one_request_probes_a_new_window_before_the_rest() {
        let limiter = std::sync::Arc::new(RateLimiter::new());
        let probe = limiter.acquire().await.unwrap();
        let waiting = tokio::spawn({
            let limiter = std::sync::Arc::clone(&limiter);
            async move { limiter.acquire().await.unwrap() }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "the second request waits for the probe's answer");
        limiter.answered(probe, &reported(9, chrono::TimeDelta::seconds(60)));
        let second = waiting.await.unwrap();
        assert_eq!(budget(&limiter), Budget::Left(8));
        // An unanswered probe lets the next request probe; answers without a count mean no metering.
        let unmetered = RateLimiter::new();
        let probe = unmetered.acquire().await.unwrap();
        unmetered.unanswered(probe);
        let probe = unmetered.acquire().await.unwrap();
        unmetered.answered(probe, &RateLimit::default());
        let (a, b) = (unmetered.acquire().await.unwrap(), unmetered.acquire().await.unwrap());
        assert_eq!(budget(&unmetered), Budget::Unmetered);
        limiter.unanswered(second);
        unmetered.unanswered(a);
        unmetered.unanswered(b);
    }
}

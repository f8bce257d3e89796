//! One Braze rate limit, many processes (feature `redis`): the limiter's state and the bulk
//! jobs' checkpoints kept in Redis, which every process of a workspace shares.
//!
//! The limiter keeps what [`RateLimiter`] keeps in a process (Braze's view of each bucket, learnt
//! from every process's `X-RateLimit-*` answers, and an optional budget of your own in
//! clock-aligned windows), changed only by Lua scripts, so each change is atomic, and timed by
//! the Redis server's clock, so processes with skewed clocks agree.
//!
//! When Redis cannot be reached, nothing is sent unpaced: each process falls back to a
//! conservative local share (by default a tenth of your own budget, or 10 requests per second
//! without one), reports [`PacingMode::LocalFallback`] in the bulk sender's progress, and goes
//! back to Redis as soon as it answers again (it is tried again every second). Meanwhile each
//! process also keeps to what Braze last told it, but not to what other processes spend, so at
//! the end of a window some requests may meet 429s, which the senders wait out. Back on Redis,
//! the first request of each bucket probes Braze's window afresh.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use redis::Script;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::time::Instant;

use crate::client::{Error, RateBucket, RateLimit};

use super::limiter::{FARTHEST, POLL, PROBE_TIMEOUT, UNREADABLE_RESET_BACKOFF};
use super::{
    BoxFuture, Checkpoint, CheckpointStore, IN_FLIGHT_TTL, MAX_WAIT, Pacing, PacingMode, Permit, RateLimited,
    RateLimiter, StoreError,
};

/// How long one call to Redis may take before Redis counts as unreachable.
const REDIS_TIMEOUT: Duration = Duration::from_millis(500);
/// How often Redis is tried again after it failed.
const RETRY_EVERY: Duration = Duration::from_secs(1);

/// The milliseconds of the Redis server's clock, for every script. Before Redis 5, a script
/// that reads the clock may write only after asking for its effects to be replicated.
const NOW: &str = r"
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
";

// The scripts keep, per bucket, what `RateLimiter` keeps in a process (see `limiter.rs`), as a
// hash: `left` (absent: unknown, a probe is due; `u`: unmetered; else a count), `reset` (ms of
// the Redis clock), `lowest` (the lowest count Braze reported in the window), `heard_upto` (the
// last permit taken when `left` was last read from an answer), `probe` (the probing permit),
// `probe_until`, and `blocked` (until when a 429 holds the bucket). Permits out are a sorted set
// scored by when they stop counting; they are numbered by one counter, in the order they are
// taken.

/// Helpers every script has. Needs `now`.
const HELPERS: &str = r"
-- Drops the permits that stopped counting and answers how many are out.
local function in_flight(key)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  return redis.call('ZCARD', key)
end
-- Keeps a bucket two hours, or an hour past a reset further away.
local function keep(key, until_ms)
  local ttl = 7200000
  if until_ms and until_ms - now + 3600000 > ttl then ttl = until_ms - now + 3600000 end
  redis.call('PEXPIRE', key, ttl)
end
";

/// Spends one request, or answers how long to wait and why: `{wait_ms, source, permit}`, source
/// 1 for Braze's budget, 2 for the own budget. KEYS: bucket hash, own-budget counter prefix,
/// permits out, permit counter. ARGV: own limit (0: none), own window in ms, permit lifetime
/// ms, probe timeout ms, poll ms, backoff ms for an unreadable reset, 1 to forget what is known
/// of Braze's window (after an outage, when other processes paced on their own).
const ACQUIRE: &str = r"
local poll, backoff = tonumber(ARGV[5]), tonumber(ARGV[6])
if ARGV[7] == '1' then
  redis.call('HDEL', KEYS[1], 'left', 'reset', 'lowest', 'heard_upto', 'probe', 'probe_until')
end
local reset = tonumber(redis.call('HGET', KEYS[1], 'reset') or '0')
local left = redis.call('HGET', KEYS[1], 'left')
if reset > 0 and reset <= now then
  redis.call('HDEL', KEYS[1], 'left', 'reset', 'lowest', 'heard_upto', 'probe', 'probe_until')
  left = false
  reset = 0
end
local wait, source = 0, 0
local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked') or '0')
if blocked > now then
  wait = blocked - now
  source = 1
elseif not left then
  if tonumber(redis.call('HGET', KEYS[1], 'probe_until') or '0') > now then
    wait = poll
    source = 1
  end
elseif left ~= 'u' and tonumber(left) <= 0 then
  if reset == 0 then
    -- Spent, with no reset ever read: probe again after a short backoff.
    reset = now + backoff
    redis.call('HSET', KEYS[1], 'reset', reset)
  end
  wait = reset - now
  -- Braze counted some of the requests out before the lowest count heard: their answers give
  -- a share back, so look again soon rather than at the reset.
  local lowest = tonumber(redis.call('HGET', KEYS[1], 'lowest') or '0')
  if wait > poll and tonumber(left) < lowest and in_flight(KEYS[3]) > 0 then wait = poll end
  source = 1
end
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local own = nil
if limit > 0 then
  local index = math.floor(now / window)
  own = KEYS[2] .. ':' .. index
  if tonumber(redis.call('GET', own) or '0') >= limit then
    local own_wait = (index + 1) * window - now
    if own_wait > wait then wait = own_wait source = 2 end
  end
end
if wait > 0 then return {wait, source, 0} end
local id = redis.call('INCR', KEYS[4])
redis.call('PEXPIRE', KEYS[4], 7200000)
if not left then
  redis.call('HSET', KEYS[1], 'probe', id, 'probe_until', now + tonumber(ARGV[4]))
elseif left ~= 'u' then
  redis.call('HINCRBY', KEYS[1], 'left', -1)
end
keep(KEYS[1], reset)
if own then
  redis.call('INCR', own)
  redis.call('PEXPIRE', own, window * 2)
end
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), id)
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[3]) * 2)
return {0, 0, id}
";

/// Hands a permit back (KEYS[1] the bucket hash, KEYS[2] the permits out, KEYS[3] the permit
/// counter, ARGV[1] the permit; `out`: whether it was out): a probe that comes back lets another
/// probe. Every script that takes a permit starts with it.
const HAND_BACK: &str = r"
local out = redis.call('ZREM', KEYS[2], ARGV[1]) == 1
if redis.call('HGET', KEYS[1], 'probe') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'probe', 'probe_until')
end
";

/// Takes in an answer (after [`HAND_BACK`]): reads `remaining` (-1: no count) and `reset` (ms,
/// -1 when unreadable). KEYS: as [`HAND_BACK`]. ARGV: permit, remaining, reset, backoff ms for
/// an unreadable reset, the farthest reset kept (ms from now).
const OBSERVE: &str = r"
local remaining, reset = tonumber(ARGV[2]), tonumber(ARGV[3])
local backoff, farthest = tonumber(ARGV[4]), tonumber(ARGV[5])
-- After a 429, answers still on their way may tell of a time before it; a probe learns the
-- window afresh once the block ends.
if tonumber(redis.call('HGET', KEYS[1], 'blocked') or '0') > now then return 0 end
local left = redis.call('HGET', KEYS[1], 'left')
-- Braze counted this request before the lowest count heard: if it was out then, its share was
-- taken off once too often.
local function not_news()
  local upto = tonumber(redis.call('HGET', KEYS[1], 'heard_upto') or '-1')
  local lowest = redis.call('HGET', KEYS[1], 'lowest')
  local now_left = redis.call('HGET', KEYS[1], 'left')
  if out and tonumber(ARGV[1]) <= upto and lowest and now_left and now_left ~= 'u' then
    local credited = tonumber(now_left) + 1
    if credited > tonumber(lowest) then credited = tonumber(lowest) end
    redis.call('HSET', KEYS[1], 'left', credited)
  end
end
local function heard(count)
  local lowest = redis.call('HGET', KEYS[1], 'lowest')
  if (not lowest) or count < tonumber(lowest) or (not left) or left == 'u' then
    -- Below zero while more are on their way than Braze had left: some it had counted already.
    local news = count - in_flight(KEYS[2])
    local upto = redis.call('GET', KEYS[3]) or '0'
    redis.call('HSET', KEYS[1], 'left', news, 'lowest', count, 'heard_upto', upto)
    redis.call('HDEL', KEYS[1], 'probe', 'probe_until')
  else
    not_news()
  end
end
if remaining < 0 then
  if not left then
    redis.call('HSET', KEYS[1], 'left', 'u')
    redis.call('HDEL', KEYS[1], 'probe', 'probe_until')
  end
  keep(KEYS[1], nil)
  return 0
end
if reset >= 0 and reset <= now then
  not_news()
  return 0
end
if reset > now + farthest then reset = now + farthest end
local known_reset = tonumber(redis.call('HGET', KEYS[1], 'reset') or '0')
if reset < 0 then
  if remaining == 0 then
    if known_reset <= now then known_reset = now + backoff end
    redis.call('HSET', KEYS[1], 'left', 0, 'lowest', 0, 'reset', known_reset)
  else
    heard(remaining)
  end
elseif known_reset == 0 or reset > known_reset + 500 then
  redis.call('HSET', KEYS[1], 'reset', reset)
  redis.call('HDEL', KEYS[1], 'lowest')
  left = false
  heard(remaining)
elseif reset + 500 >= known_reset then
  heard(remaining)
else
  not_news()
end
keep(KEYS[1], tonumber(redis.call('HGET', KEYS[1], 'reset') or '0'))
return 0
";

/// Hands a permit back after a 429 and marks its bucket spent and blocked. KEYS: as
/// [`HAND_BACK`]. ARGV: permit, the 429's reset (ms, -1 when unreadable), the least wait in ms,
/// the farthest reset kept (ms from now).
const EXHAUST: &str = r"
local reset, at_least, farthest = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local until_ms = now + at_least
if reset > until_ms then until_ms = reset end
if until_ms > now + farthest then until_ms = now + farthest end
local left = redis.call('HGET', KEYS[1], 'left')
local known_reset = tonumber(redis.call('HGET', KEYS[1], 'reset') or '0')
if left and left ~= 'u' and tonumber(left) <= 0 and known_reset > until_ms then until_ms = known_reset end
local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked') or '0')
if blocked < until_ms then blocked = until_ms end
redis.call('HSET', KEYS[1], 'left', 0, 'lowest', 0, 'reset', until_ms, 'blocked', blocked)
keep(KEYS[1], blocked)
return 0
";

fn script(body: &str) -> Script {
    Script::new(&format!("{NOW}\n{HELPERS}\n{body}"))
}

/// A script that first hands its permit back.
fn handing_back(body: &str) -> Script {
    script(&format!("{HAND_BACK}\n{body}"))
}

/// A connection to Redis that gives up on a call after [`REDIS_TIMEOUT`] and reconnects on its
/// own when Redis comes back.
fn connect(url: &str) -> Result<ConnectionManager, Error> {
    let client = redis::Client::open(url).map_err(|e| Error::Config(format!("the Redis URL is not usable: {e}")))?;
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(REDIS_TIMEOUT))
        .set_response_timeout(Some(REDIS_TIMEOUT))
        .set_number_of_retries(1)
        .set_max_delay(Duration::from_millis(500));
    ConnectionManager::new_lazy_with_config(client, config)
        .map_err(|e| Error::Config(format!("cannot set up the Redis connection: {e}")))
}

/// A [`Pacing`] limiter whose state lives in Redis, shared by every process of a workspace.
///
/// ```no_run
/// # async fn demo(client: braze_dsl::Client, template: braze_dsl::endpoints::MessagesSend)
/// # -> Result<(), braze_dsl::Error> {
/// use std::sync::Arc;
/// use std::time::Duration;
/// use braze_dsl::bulk::RedisRateLimiter;
///
/// // Every worker of the workspace: together at most 1,000 requests a minute.
/// let limiter = RedisRateLimiter::new("redis://127.0.0.1/", "braze:acme-prod")?
///     .with_limit(1_000, Duration::from_secs(60));
/// let report = client.bulk(&template).limiter(Arc::new(limiter)).users(["u1".to_owned()]).run().await?;
/// # Ok(()) }
/// ```
pub struct RedisRateLimiter {
    connection: ConnectionManager,
    namespace: String,
    own: Option<(u64, Duration)>,
    /// Paces while Redis is unreachable; it also hears every answer, so it is warm.
    fallback: RateLimiter,
    /// When Redis last failed, if it has not answered since, and when to try it again.
    down: Mutex<Option<Instant>>,
    /// Buckets whose window Redis is to learn afresh, after an outage in which this process
    /// paced on its own: what Redis holds leaves those requests out.
    forget: Mutex<HashSet<RateBucket>>,
    acquire: Script,
    observe: Script,
    exhaust: Script,
    release: Script,
}

impl std::fmt::Debug for RedisRateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisRateLimiter")
            .field("namespace", &self.namespace)
            .field("own", &self.own)
            .field("mode", &self.mode())
            .finish_non_exhaustive()
    }
}

impl RedisRateLimiter {
    /// A limiter on the Redis server at `url` (e.g. `redis://127.0.0.1:6379/`), keeping its keys
    /// under `namespace` (one per Braze workspace: processes with the same namespace share their
    /// budget). It connects on first use, and paces locally until Redis answers.
    pub fn new(url: &str, namespace: impl Into<String>) -> Result<Self, Error> {
        Ok(RedisRateLimiter {
            connection: connect(url)?,
            namespace: namespace.into(),
            own: None,
            fallback: RateLimiter::with_limit(10, Duration::from_secs(1)),
            down: Mutex::new(None),
            forget: Mutex::new(HashSet::new()),
            acquire: script(ACQUIRE),
            observe: handing_back(OBSERVE),
            exhaust: handing_back(EXHAUST),
            release: handing_back("return 0"),
        })
    }

    /// Also keeps every process together to at most `limit` requests per `window` (windows
    /// aligned to the clock, as Braze's are). While Redis is unreachable, each process keeps to a
    /// tenth of it, unless [`RedisRateLimiter::with_fallback`] says otherwise.
    pub fn with_limit(mut self, limit: u64, window: Duration) -> Self {
        let window = window.clamp(Duration::from_millis(1), MAX_WAIT);
        self.own = Some((limit.max(1), window));
        self.fallback = RateLimiter::with_limit((limit / 10).max(1), window);
        self
    }

    /// What each process keeps to while Redis is unreachable: `limit` requests per `window`.
    pub fn with_fallback(mut self, limit: u64, window: Duration) -> Self {
        self.fallback = RateLimiter::with_limit(limit.max(1), window);
        self
    }

    // Every key of a limiter carries its namespace as a hash tag, so that a Redis Cluster keeps
    // them in one slot, as scripts need.

    fn key(&self, bucket: RateBucket) -> String {
        format!("{{{}}}:bucket:{}", self.namespace, bucket.name())
    }

    fn own_key(&self) -> String {
        format!("{{{}}}:own", self.namespace)
    }

    fn permits_key(&self) -> String {
        format!("{{{}}}:permits", self.namespace)
    }

    fn in_flight_key(&self, bucket: RateBucket) -> String {
        format!("{{{}}}:in-flight:{}", self.namespace, bucket.name())
    }

    /// Whether to ask Redis now: it is up, or it has been down for [`RETRY_EVERY`].
    fn try_redis(&self) -> bool {
        let mut down = self.down.lock().unwrap_or_else(|p| p.into_inner());
        match *down {
            Some(since) if since.elapsed() < RETRY_EVERY => false,
            Some(_) => {
                // One caller at a time probes; the others stay local meanwhile.
                *down = Some(Instant::now());
                true
            }
            None => true,
        }
    }

    /// Marks Redis up (`None`) or down (why).
    fn mark(&self, failure: Option<&dyn std::fmt::Display>) {
        let mut down = self.down.lock().unwrap_or_else(|p| p.into_inner());
        match (failure, down.is_some()) {
            (None, true) => {
                tracing::info!(target: "braze", namespace = %self.namespace, "Redis answers again: pacing is shared");
                *down = None;
                self.forget.lock().unwrap_or_else(|p| p.into_inner()).extend(RateBucket::ALL);
            }
            (Some(failure), false) => {
                tracing::warn!(target: "braze", namespace = %self.namespace, %failure, "Redis is unreachable: pacing locally");
                *down = Some(Instant::now());
            }
            _ => {}
        }
    }

    /// Runs a script, marking Redis up or down by the result.
    async fn run<T: redis::FromRedisValue>(&self, invocation: redis::ScriptInvocation<'_>) -> Option<T> {
        let mut connection = self.connection.clone();
        let result = tokio::time::timeout(REDIS_TIMEOUT, invocation.invoke_async::<T>(&mut connection)).await;
        match result {
            Ok(Ok(value)) => {
                self.mark(None);
                Some(value)
            }
            Ok(Err(error)) => {
                self.mark(Some(&error));
                None
            }
            Err(_) => {
                self.mark(Some(&format!("no answer within {REDIS_TIMEOUT:?}")));
                None
            }
        }
    }

    async fn acquire_in(&self, bucket: RateBucket) -> Result<Permit, RateLimited> {
        loop {
            if !self.try_redis() {
                return self.acquire_locally(bucket).await;
            }
            let (limit, window) = self.own.map_or((0, 1), |(l, w)| (l, w.as_millis().max(1) as u64));
            let forget = self.forget.lock().unwrap_or_else(|p| p.into_inner()).remove(&bucket);
            let mut invocation = self.acquire.key(self.key(bucket));
            invocation
                .key(self.own_key())
                .key(self.in_flight_key(bucket))
                .key(self.permits_key())
                .arg(limit)
                .arg(window)
                .arg(IN_FLIGHT_TTL.as_millis() as u64)
                .arg(PROBE_TIMEOUT.as_millis() as u64)
                .arg(POLL.as_millis() as u64)
                .arg(UNREADABLE_RESET_BACKOFF.as_millis() as u64)
                .arg(if forget { "1" } else { "0" });
            let Some((wait, source, id)) = self.run::<(u64, u8, u64)>(invocation).await else {
                return self.acquire_locally(bucket).await;
            };
            if wait == 0 {
                return Ok(Permit::new(bucket, id));
            }
            let wait = Duration::from_millis(wait);
            if wait > MAX_WAIT {
                return Err(RateLimited { wait: Some(wait), braze: source == 1 });
            }
            tokio::time::sleep(wait).await;
        }
    }

    async fn acquire_locally(&self, bucket: RateBucket) -> Result<Permit, RateLimited> {
        let mut permit = self.fallback.acquire_in(bucket).await?;
        permit.local = true;
        Ok(permit)
    }

    /// Hands a permit of the fallback back to it; answers to the shared store's permits are
    /// learnt by the fallback too, so it is warm when Redis goes away. `None`: the permit was
    /// the shared store's, which is to hear of it if it answers.
    fn hand_back_locally(&self, permit: Permit, rate: Option<&RateLimit>) -> Option<Permit> {
        match (permit.local, rate) {
            (true, Some(rate)) => self.fallback.answered(permit, rate),
            (true, None) => self.fallback.unanswered(permit),
            (false, rate) => {
                if let Some(rate) = rate {
                    self.fallback.learn(permit.bucket(), rate);
                }
                return Some(permit);
            }
        }
        None
    }

    /// A script invocation that hands `permit` back in Redis.
    fn handing<'s>(&self, script: &'s Script, permit: &Permit) -> redis::ScriptInvocation<'s> {
        let mut invocation = script.key(self.key(permit.bucket()));
        invocation.key(self.in_flight_key(permit.bucket())).key(self.permits_key()).arg(permit.id());
        invocation
    }
}

/// A reset as Redis milliseconds, `-1` when unreadable.
fn reset_ms(reset: Option<DateTime<Utc>>) -> i64 {
    reset.map_or(-1, |r| r.timestamp_millis())
}

/// The farthest reset kept, in milliseconds.
fn farthest_ms() -> u64 {
    FARTHEST.as_millis() as u64
}

/// The largest count passed to the scripts: Lua's numbers are doubles, and Redis writes larger
/// ones in a form `HINCRBY` cannot read.
const LARGEST_COUNT: u64 = 1 << 50;

impl Pacing for RedisRateLimiter {
    fn acquire(&self, bucket: RateBucket) -> BoxFuture<'_, Result<Permit, RateLimited>> {
        Box::pin(self.acquire_in(bucket))
    }

    fn observe(&self, permit: Permit, rate: RateLimit) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let Some(permit) = self.hand_back_locally(permit, Some(&rate)) else { return };
            // Even when Redis was marked down since: a permit of the store is handed back to it.
            let mut invocation = self.handing(&self.observe, &permit);
            invocation
                .arg(rate.remaining.map_or(-1, |r| r.min(LARGEST_COUNT) as i64))
                .arg(reset_ms(rate.reset))
                .arg(UNREADABLE_RESET_BACKOFF.as_millis() as u64)
                .arg(farthest_ms());
            self.run::<()>(invocation).await;
        })
    }

    fn exhausted_until(&self, permit: Permit, reset: Option<DateTime<Utc>>, at_least: Duration) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let bucket = permit.bucket();
            // The store's permit to hand back; 0, which no permit has, for one of the fallback.
            let id = if permit.local {
                self.fallback.rate_limited(permit, reset, at_least);
                // Every process should back off, if Redis can be told.
                if !self.try_redis() {
                    return;
                }
                0
            } else {
                self.fallback.exhausted_in(bucket, reset, at_least);
                permit.id()
            };
            let mut invocation = self.handing(&self.exhaust, &Permit::new(bucket, id));
            invocation.arg(reset_ms(reset)).arg(at_least.as_millis() as u64).arg(farthest_ms());
            self.run::<()>(invocation).await;
        })
    }

    fn release(&self, permit: Permit) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let Some(permit) = self.hand_back_locally(permit, None) else { return };
            let invocation = self.handing(&self.release, &permit);
            self.run::<()>(invocation).await;
        })
    }

    fn mode(&self) -> PacingMode {
        if self.down.lock().unwrap_or_else(|p| p.into_inner()).is_some() {
            PacingMode::LocalFallback
        } else {
            PacingMode::Shared
        }
    }
}

/// Checkpoints in Redis, as JSON under `namespace:checkpoint:key`, so a worker on any machine
/// resumes a crashed worker's job or shard.
#[derive(Clone)]
pub struct RedisCheckpointStore {
    connection: ConnectionManager,
    namespace: String,
}

impl std::fmt::Debug for RedisCheckpointStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisCheckpointStore").field("namespace", &self.namespace).finish_non_exhaustive()
    }
}

impl RedisCheckpointStore {
    /// A store on the Redis server at `url`, keeping its keys under `namespace`.
    pub fn new(url: &str, namespace: impl Into<String>) -> Result<Self, Error> {
        Ok(RedisCheckpointStore { connection: connect(url)?, namespace: namespace.into() })
    }

    fn key(&self, key: &str) -> String {
        format!("{}:checkpoint:{key}", self.namespace)
    }

    /// Runs `command` within [`REDIS_TIMEOUT`]; errors name what was being done (`doing`).
    async fn query<T: redis::FromRedisValue>(&self, command: redis::Cmd, doing: &str) -> Result<T, StoreError> {
        let mut connection = self.connection.clone();
        tokio::time::timeout(REDIS_TIMEOUT, command.query_async::<T>(&mut connection))
            .await
            .map_err(|_| StoreError(format!("{doing}: Redis did not answer within {REDIS_TIMEOUT:?}")))?
            .map_err(|e| StoreError(format!("{doing}: Redis: {e}")))
    }
}

impl CheckpointStore for RedisCheckpointStore {
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Checkpoint>, StoreError>> {
        Box::pin(async move {
            let mut command = redis::cmd("GET");
            command.arg(self.key(key));
            let json: Option<String> = self.query(command, &format!("loading checkpoint {}", self.key(key))).await?;
            json.map(|json| serde_json::from_str(&json).map_err(|e| StoreError(format!("checkpoint {key}: {e}"))))
                .transpose()
        })
    }

    fn save<'a>(&'a self, key: &'a str, checkpoint: &'a Checkpoint) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let doing = format!("saving checkpoint {}", self.key(key));
            let json = serde_json::to_string(checkpoint).map_err(|e| StoreError(format!("{doing}: {e}")))?;
            let mut command = redis::cmd("SET");
            command.arg(self.key(key)).arg(json);
            self.query(command, &doing).await
        })
    }
}

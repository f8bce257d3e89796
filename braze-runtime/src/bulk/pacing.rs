//! Pacing through one trait: the in-process [`RateLimiter`](super::RateLimiter) or, with the
//! `redis` feature, the `RedisRateLimiter` that every process of a workspace shares. The bulk
//! sender and [`Client::send_paced`](crate::Client::send_paced) take either.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::client::{RateBucket, RateLimit};

use super::RateLimited;

/// A boxed future, as the methods of [`Pacing`] and [`CheckpointStore`](super::CheckpointStore) return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where a limiter keeps its budget at the moment, as reported in
/// [`Progress::pacing`](super::Progress::pacing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PacingMode {
    /// In this process only.
    #[default]
    InProcess,
    /// In a store every process shares.
    Shared,
    /// The shared store is unreachable: this process paces on its own, on a conservative share
    /// of the budget, until the store answers again.
    LocalFallback,
}

/// One request's claim on a bucket, from [`Pacing::acquire`] until the limiter hears how the
/// request ended ([`Pacing::observe`], [`Pacing::exhausted_until`] or [`Pacing::release`]).
///
/// Limiters count the permits out, so that an answer's `X-RateLimit-Remaining` is read with the
/// requests still on their way subtracted: Braze has not counted them yet, and would refuse the
/// last of them if the limiter spent their share again. A permit never handed back stops
/// counting after [`IN_FLIGHT_TTL`].
#[derive(Debug, PartialEq, Eq)]
#[must_use = "tell the limiter how the request ended: observe, exhausted_until or release"]
pub struct Permit {
    bucket: RateBucket,
    id: u64,
    /// Issued by the fallback of a shared limiter, not by the shared store.
    pub(crate) local: bool,
}

impl Permit {
    /// A permit of `bucket`, numbered `id` by the limiter that issues it (for limiters of your own).
    pub fn new(bucket: RateBucket, id: u64) -> Self {
        Permit { bucket, id, local: false }
    }

    /// The bucket the request is paced in.
    pub fn bucket(&self) -> RateBucket {
        self.bucket
    }

    /// The limiter's number for it.
    pub fn id(&self) -> u64 {
        self.id
    }
}

/// How long a permit that was never handed back (its request's future dropped) keeps counting
/// as in flight: past any sensible request timeout.
pub const IN_FLIGHT_TTL: Duration = Duration::from_secs(60);

/// Paces requests to Braze's rate limits, one bucket per limit (FACTS §2.1).
///
/// A request takes a [`Permit`] before it leaves and hands it back with what happened to it:
/// exactly one of [`Pacing::observe`], [`Pacing::exhausted_until`] or [`Pacing::release`].
pub trait Pacing: Send + Sync + fmt::Debug {
    /// Waits until a request of `bucket` may be sent, and counts it as spent; fails at once when
    /// the budget frees up later than [`MAX_WAIT`](super::MAX_WAIT).
    fn acquire(&self, bucket: RateBucket) -> BoxFuture<'_, Result<Permit, RateLimited>>;

    /// The request was answered (anything but a 429) with these rate-limit headers.
    fn observe(&self, permit: Permit, rate: RateLimit) -> BoxFuture<'_, ()>;

    /// The request was answered with a 429: its bucket is spent until `reset`, and at least for
    /// `at_least`.
    fn exhausted_until(&self, permit: Permit, reset: Option<DateTime<Utc>>, at_least: Duration) -> BoxFuture<'_, ()>;

    /// The request got no answer (not sent, timed out, connection lost): nothing to learn.
    fn release(&self, permit: Permit) -> BoxFuture<'_, ()>;

    /// Where the budget is kept at the moment.
    fn mode(&self) -> PacingMode {
        PacingMode::InProcess
    }
}

/// Hands `permit` back to `limiter` with the outcome of its request: a 429 is left to the caller,
/// which knows how long to back off.
pub(crate) async fn settle(limiter: &dyn Pacing, permit: Permit, rate: Option<RateLimit>) {
    match rate {
        Some(rate) => limiter.observe(permit, rate).await,
        None => limiter.release(permit).await,
    }
}

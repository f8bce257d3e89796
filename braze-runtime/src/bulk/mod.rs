//! Delivery at scale: any number of users, in requests of at most 50, with bounded
//! concurrency, pacing from Braze's rate-limit headers, retries that never send twice by
//! surprise, and an exact account of every user.
//!
//! What is at-most-once, and what a caller can opt in to:
//! - A batch whose outcome is unknown (a 5XX, a timeout, a connection lost after sending) is
//!   not sent again, unless the policy opts in with [`RetryPolicy::retry_unknown_outcomes`].
//! - A crashed job resumed from its last [`Checkpoint`] skips what was acknowledged, and reports
//!   the batches that were started but not acknowledged as outcome unknown, unless the job opts
//!   in with [`Bulk::resend_unacknowledged`].
//! - Redirects are never followed; a 429 waits for the reset (at least a jittered minimum, at
//!   most an hour); a user the rulebook refuses is reported on its own and never sent.
//!
//! ```no_run
//! # async fn demo(client: braze_dsl::Client, template: braze_dsl::endpoints::MessagesSend)
//! # -> Result<(), braze_dsl::Error> {
//! let users = (0..100_000).map(|n| format!("user-{n}"));
//! let report = client.bulk(&template).users(users).concurrency(8).run().await?;
//! assert_eq!(report.delivered() + report.rejected() + report.unknown() + report.skipped, report.total());
//! # Ok(()) }
//! ```

mod batch;
mod checkpoint;
mod limiter;
mod pacing;
#[cfg(feature = "redis")]
mod redis;
mod report;
mod retry;
mod store;

pub use batch::Batch;
pub use checkpoint::{Checkpoint, CheckpointError};
pub use limiter::{MAX_WAIT, PROBE_TIMEOUT, RateLimited, RateLimiter, UNREADABLE_RESET_BACKOFF};
pub use pacing::{BoxFuture, IN_FLIGHT_TTL, Pacing, PacingMode, Permit};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::{RedisCheckpointStore, RedisRateLimiter};
pub use report::{BatchOutcome, BatchResult, BulkReport, DeliveredBatch, Progress, Undelivered};
pub use retry::RetryPolicy;
pub use store::{CheckpointStore, FileCheckpointStore, StoreError};

use std::collections::VecDeque;
use std::sync::Arc;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use crate::client::{Client, Error};
use checkpoint::{combine, fingerprint};
use pacing::settle;

/// A callback on each batch's outcome.
type OnBatch<'a, U> = Box<dyn FnMut(&BatchOutcome<U>) + Send + 'a>;
/// A callback on each new checkpoint.
type OnCheckpoint<'a> = Box<dyn FnMut(&Checkpoint) + Send + 'a>;
/// A callback on progress.
type OnProgress<'a> = Box<dyn FnMut(Progress) + Send + 'a>;

/// A bulk job: a template, the users to send it to, and how. Build it with
/// [`Client::bulk`], then [`Bulk::run`] it.
pub struct Bulk<'a, B: Batch, I> {
    client: &'a Client,
    template: &'a B,
    users: I,
    concurrency: usize,
    retry: RetryPolicy,
    limiter: Arc<dyn Pacing>,
    resume: Option<Checkpoint>,
    resend_unacknowledged: bool,
    shard: Option<(u64, u64)>,
    store: Option<(Arc<dyn CheckpointStore>, String)>,
    on_batch: Option<OnBatch<'a, B::User>>,
    on_progress: Option<OnProgress<'a>>,
    on_checkpoint: Option<OnCheckpoint<'a>>,
}

impl Client {
    /// Starts a bulk job that sends `template` to many users, at most 50 per request.
    pub fn bulk<'a, B: Batch>(&'a self, template: &'a B) -> Bulk<'a, B, std::iter::Empty<B::User>> {
        Bulk {
            client: self,
            template,
            users: std::iter::empty(),
            concurrency: 4,
            retry: RetryPolicy::default(),
            limiter: Arc::new(RateLimiter::new()),
            resume: None,
            resend_unacknowledged: false,
            shard: None,
            store: None,
            on_batch: None,
            on_progress: None,
            on_checkpoint: None,
        }
    }
}

impl<'a, B, I> Bulk<'a, B, I>
where
    B: Batch,
    I: Iterator<Item = B::User>,
{
    /// The users, of any number; they are read lazily, so memory does not grow with them.
    pub fn users<J: IntoIterator<Item = B::User>>(self, users: J) -> Bulk<'a, B, J::IntoIter> {
        Bulk {
            client: self.client,
            template: self.template,
            users: users.into_iter(),
            concurrency: self.concurrency,
            retry: self.retry,
            limiter: self.limiter,
            resume: self.resume,
            resend_unacknowledged: self.resend_unacknowledged,
            shard: self.shard,
            store: self.store,
            on_batch: self.on_batch,
            on_progress: self.on_progress,
            on_checkpoint: self.on_checkpoint,
        }
    }

    /// Requests in flight at once (default 4).
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self
    }

    /// When failed batches are sent again (default: only what cannot double-send).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Paces with this limiter: a [`RateLimiter`] shared by the jobs and clients of a process,
    /// or (feature `redis`) a `RedisRateLimiter` shared by every process of a workspace.
    pub fn limiter(mut self, limiter: Arc<dyn Pacing>) -> Self {
        self.limiter = limiter;
        self
    }

    /// Resumes a job after a crash, with the same template and input: batches `checkpoint` has
    /// done are skipped, and batches it started without an outcome are reported as outcome
    /// unknown (see [`Bulk::resend_unacknowledged`]). A checkpoint of another job, or one that
    /// was edited, makes [`Bulk::run`] fail before anything is sent.
    pub fn resume(mut self, checkpoint: Checkpoint) -> Self {
        self.resume = Some(checkpoint);
        self
    }

    /// On resume, sends again the batches that were started but never acknowledged. Braze may
    /// have received them before the crash, so their users may get the message twice.
    pub fn resend_unacknowledged(mut self) -> Self {
        self.resend_unacknowledged = true;
        self
    }

    /// Takes only shard `index` of `count` of the input: the users whose fingerprint falls in
    /// it, a stable share, so `count` workers given the same input send to every user once
    /// between them. Each shard is a job of its own, with its own checkpoint. Shards count from
    /// 0: an `index` that is not below `count` makes [`Bulk::run`] fail with
    /// [`Error::Config`] before anything is sent (taken as another shard, it would send to
    /// someone twice).
    pub fn shard(mut self, index: u64, count: u64) -> Self {
        self.shard = Some((index, count));
        self
    }

    /// Keeps the job's checkpoint in `store` under `job` (and the shard, if any): loaded when the
    /// job starts, so whichever worker runs it next resumes it; saved before each request
    /// leaves and after each outcome. A store that fails stops the job as a crash would
    /// ([`CheckpointError::Store`]).
    pub fn checkpoints(mut self, store: Arc<dyn CheckpointStore>, job: impl Into<String>) -> Self {
        self.store = Some((store, job.into()));
        self
    }

    /// Called with each batch's outcome and users, e.g. to record every user's dispatch id.
    pub fn on_batch(mut self, f: impl FnMut(&BatchOutcome<B::User>) + Send + 'a) -> Self {
        self.on_batch = Some(Box::new(f));
        self
    }

    /// Called after each batch with the totals so far, e.g. to draw a progress bar.
    pub fn on_progress(mut self, f: impl FnMut(Progress) + Send + 'a) -> Self {
        self.on_progress = Some(Box::new(f));
        self
    }

    /// Called with the checkpoint to persist: before each batch's request leaves (write-ahead),
    /// and after each outcome. Persist it before returning, e.g. write and sync a file.
    pub fn on_checkpoint(mut self, f: impl FnMut(&Checkpoint) + Send + 'a) -> Self {
        self.on_checkpoint = Some(Box::new(f));
        self
    }

    /// Sends every batch and accounts for every user: each ends up delivered, rejected, of
    /// unknown outcome, or skipped (done in an earlier run). Delivery failures are in the
    /// report. The errors: a shard that does not exist ([`Error::Config`]) or a resumed checkpoint
    /// that does not belong to this job ([`Error::Checkpoint`]), both found before anything is
    /// sent, and a checkpoint store that fails to load or save ([`Error::Checkpoint`]; the job
    /// stops, and its last saved checkpoint resumes it).
    ///
    /// Dropping the future stops the job: what was in flight may or may not have reached Braze,
    /// and the last checkpoint records it as started, so a resume does not send it twice.
    pub async fn run(self) -> Result<BulkReport<B::User>, Error> {
        let Bulk {
            client,
            template,
            users,
            concurrency,
            retry,
            limiter,
            resume,
            resend_unacknowledged,
            shard,
            store,
            on_batch,
            on_progress,
            on_checkpoint,
        } = self;
        if let Some((index, count)) = shard
            && index >= count
        {
            return Err(Error::Config(match count {
                0 => "bulk `shard(index, 0)`: a job has at least one shard; pass a count of 1 or more".to_owned(),
                _ => format!("bulk shard {index} of {count} does not exist: shards count from 0 to {}", count - 1),
            }));
        }
        let template_fingerprint = fingerprint(template);
        let mut persist = Persist { on_checkpoint, store, shard };
        let resume = match resume {
            Some(checkpoint) => Some(checkpoint),
            None => persist.load().await?,
        };
        let mut checkpoint = match resume {
            Some(checkpoint) => {
                checkpoint.check(template_fingerprint).map_err(Error::Checkpoint)?;
                checkpoint.for_template(template_fingerprint)
            }
            None => Checkpoint::new(template_fingerprint),
        };
        let mut input =
            Input::<B, _> { users: users.fuse(), read: 0, next_index: 0, shard, batch: std::marker::PhantomData };
        let mut account = Account { report: BulkReport::new(), progress: Progress::default(), on_batch, on_progress };
        let ahead = verify_input(&mut input, &checkpoint, &mut account).map_err(Error::Checkpoint)?;

        let sender = Sender { client, template, retry: &retry, limiter: limiter.as_ref() };
        let mut ahead = VecDeque::from(ahead);
        let mut in_flight = FuturesUnordered::new();
        let mut exhausted = false;
        loop {
            while in_flight.len() < concurrency {
                let Some(formed) = ahead.pop_front().or_else(|| if exhausted { None } else { input.next_batch() })
                else {
                    if !exhausted {
                        exhausted = true;
                        if checkpoint.total().is_none() {
                            checkpoint.set_total(input.read);
                            persist.save(&checkpoint).await?;
                        }
                    }
                    break;
                };
                account.refuse_invalid(&formed);
                if formed.users.is_empty() {
                    continue;
                }
                let (index, size) = (formed.index, formed.users.len() as u64);
                let batch_fingerprint = fingerprint(&formed.users);
                if checkpoint.is_done(index) {
                    account.skip(size);
                    continue;
                }
                if checkpoint.is_started(index) && !resend_unacknowledged {
                    let error = "the batch was started before the job stopped and no answer was recorded: Braze may \
                                 have sent it, so it was not sent again (opt in with `resend_unacknowledged`)";
                    let outcome = BatchOutcome {
                        index,
                        users: formed.users,
                        result: BatchResult::Unknown { error: error.to_owned() },
                        attempts: 0,
                    };
                    checkpoint.finish(index, batch_fingerprint);
                    account.settle(&outcome);
                    persist.save(&checkpoint).await?;
                    continue;
                }
                // Write-ahead: recorded as started before its request can leave.
                checkpoint.start(index, batch_fingerprint);
                persist.save(&checkpoint).await?;
                in_flight.push(sender.send(index, batch_fingerprint, formed.users));
            }
            let Some((outcome, batch_fingerprint)) = in_flight.next().await else { break };
            // Every final outcome is acknowledged, unknown ones included: resuming must not
            // send again what Braze may already have sent.
            checkpoint.finish(outcome.index, batch_fingerprint);
            account.progress.pacing = limiter.mode();
            account.settle(&outcome);
            persist.save(&checkpoint).await?;
        }
        let mut report = account.report;
        report.warnings.sort_by_key(|b| b.index);
        report.rejected.sort_by_key(|b| b.index);
        report.unknown.sort_by_key(|b| b.index);
        report.checkpoint = checkpoint;
        Ok(report)
    }
}

/// Where each new checkpoint goes: the callback, and the store.
struct Persist<'a> {
    on_checkpoint: Option<OnCheckpoint<'a>>,
    store: Option<(Arc<dyn CheckpointStore>, String)>,
    shard: Option<(u64, u64)>,
}

impl Persist<'_> {
    /// The store and its key: the job, and the shard if any. Owned, so no borrow of `self` (whose
    /// callback is not `Sync`) lives across an await.
    fn target(&self) -> Option<(Arc<dyn CheckpointStore>, String)> {
        let (store, job) = self.store.as_ref()?;
        let key = match self.shard {
            Some((index, count)) => format!("{job}/shard-{index}-of-{count}"),
            None => job.clone(),
        };
        Some((Arc::clone(store), key))
    }

    fn load(&self) -> impl std::future::Future<Output = Result<Option<Checkpoint>, Error>> + Send + 'static {
        let target = self.target();
        async move {
            match target {
                Some((store, key)) => store.load(&key).await.map_err(|e| Error::Checkpoint(e.into())),
                None => Ok(None),
            }
        }
    }

    /// Hands `checkpoint` to the callback, and saves it in the store before returning.
    fn save<'c>(
        &mut self,
        checkpoint: &'c Checkpoint,
    ) -> impl std::future::Future<Output = Result<(), Error>> + Send + 'c {
        if let Some(f) = self.on_checkpoint.as_mut() {
            f(checkpoint);
        }
        let target = self.target();
        async move {
            if let Some((store, key)) = target {
                store.save(&key, checkpoint).await.map_err(|e| Error::Checkpoint(e.into()))?;
            }
            Ok(())
        }
    }
}

/// The users of one batch, as read: those to send, and those the rulebook refused.
struct Formed<U> {
    index: u64,
    users: Vec<U>,
    invalid: Vec<(U, String)>,
}

/// The input, read batch by batch. A batch holds up to `B::MAX_USERS` users the rulebook
/// accepts; the same input always forms the same batches.
struct Input<B: Batch, I> {
    users: std::iter::Fuse<I>,
    /// Users read so far, refused ones included.
    read: u64,
    next_index: u64,
    /// Only the users of this shard (index, count).
    shard: Option<(u64, u64)>,
    batch: std::marker::PhantomData<B>,
}

impl<B: Batch, I: Iterator<Item = B::User>> Input<B, I> {
    fn next_batch(&mut self) -> Option<Formed<B::User>> {
        let mut users = Vec::new();
        let mut invalid = Vec::new();
        while users.len() < B::MAX_USERS {
            let Some(user) = self.users.next() else { break };
            if let Some((index, count)) = self.shard
                && fingerprint(&user) % count != index
            {
                continue;
            }
            self.read += 1;
            match B::check_user(&user) {
                Ok(()) => users.push(user),
                Err(problem) => invalid.push((user, problem.to_string())),
            }
        }
        if users.is_empty() && invalid.is_empty() {
            return None;
        }
        let index = self.next_index;
        if !users.is_empty() {
            self.next_index += 1;
        }
        Some(Formed { index, users, invalid })
    }
}

/// On resume, reads the input as far as the checkpoint recorded it and checks that it is the
/// job's own: the done prefix, every recorded batch, and the total if the job had read it all.
/// Batches of the prefix are accounted as skipped here; the ones above it are returned, to be
/// run. Nothing is sent before this check passes.
fn verify_input<B: Batch, I: Iterator<Item = B::User>>(
    input: &mut Input<B, I>,
    checkpoint: &Checkpoint,
    account: &mut Account<'_, B::User>,
) -> Result<Vec<Formed<B::User>>, CheckpointError> {
    let mut ahead = Vec::new();
    let contiguous = checkpoint.contiguous();
    let last = checkpoint.last_recorded();
    let batch_size = B::MAX_USERS as u64;
    let mut prefix = Checkpoint::default().prefix();
    let differs = |first: u64, last: u64| CheckpointError::OtherInput { first, last, batch_size };
    loop {
        let needed = input.next_index < contiguous
            || last.is_some_and(|l| input.next_index <= l)
            || checkpoint.total().is_some();
        if !needed {
            break;
        }
        let Some(formed) = input.next_batch() else { break };
        if formed.users.is_empty() {
            ahead.push(formed);
            continue;
        }
        let batch_fingerprint = fingerprint(&formed.users);
        if formed.index < contiguous {
            prefix = combine(prefix, batch_fingerprint);
            if formed.index + 1 == contiguous && prefix != checkpoint.prefix() {
                return Err(differs(0, contiguous - 1));
            }
            account.refuse_invalid(&formed);
            account.skip(formed.users.len() as u64);
            continue;
        }
        if checkpoint.recorded(formed.index).is_some_and(|recorded| recorded != batch_fingerprint) {
            return Err(differs(formed.index, formed.index));
        }
        ahead.push(formed);
    }
    if input.next_index < contiguous {
        return Err(differs(input.next_index, contiguous - 1));
    }
    if let Some(expected) = checkpoint.total()
        && input.read != expected
    {
        return Err(CheckpointError::OtherTotal { expected, found: input.read });
    }
    Ok(ahead)
}

/// The report and progress of a run, with their callbacks.
struct Account<'a, U> {
    report: BulkReport<U>,
    progress: Progress,
    on_batch: Option<OnBatch<'a, U>>,
    on_progress: Option<OnProgress<'a>>,
}

impl<U: Clone> Account<'_, U> {
    /// Counts users skipped because their batch was done in an earlier run.
    fn skip(&mut self, users: u64) {
        self.report.total += users;
        self.report.skipped += users;
        self.progress.skipped += users;
        self.progress.done += users;
        if let Some(f) = self.on_progress.as_mut() {
            f(self.progress);
        }
    }

    /// Reports each user the rulebook refused, on its own: it was never sent.
    fn refuse_invalid(&mut self, formed: &Formed<U>) {
        for (user, error) in &formed.invalid {
            let result = BatchResult::Rejected { status: None, error: error.clone() };
            self.settle(&BatchOutcome { index: formed.index, users: vec![user.clone()], result, attempts: 0 });
        }
    }

    /// Counts one final outcome.
    fn settle(&mut self, outcome: &BatchOutcome<U>) {
        let report = &mut self.report;
        let size = outcome.users.len() as u64;
        report.total += size;
        report.requests += u64::from(outcome.attempts);
        self.progress.done += size;
        match &outcome.result {
            BatchResult::Delivered { dispatch_id, errors } => {
                self.progress.delivered += size;
                report.delivered_batches += 1;
                report.delivered_users += size;
                if !errors.is_empty() {
                    report.warnings.push(DeliveredBatch {
                        index: outcome.index,
                        dispatch_id: dispatch_id.clone(),
                        users: outcome.users.len(),
                        errors: errors.clone(),
                    });
                }
            }
            BatchResult::Rejected { status, error } => {
                self.progress.rejected += size;
                let users = outcome.users.clone();
                report.rejected.push(Undelivered {
                    index: outcome.index,
                    users,
                    status: *status,
                    error: error.clone(),
                });
            }
            BatchResult::Unknown { error } => {
                self.progress.unknown += size;
                let users = outcome.users.clone();
                report.unknown.push(Undelivered { index: outcome.index, users, status: None, error: error.clone() });
            }
        }
        if let Some(f) = self.on_batch.as_mut() {
            f(outcome);
        }
        if let Some(f) = self.on_progress.as_mut() {
            f(self.progress);
        }
    }
}

/// What every batch of one job shares.
struct Sender<'s, B> {
    client: &'s Client,
    template: &'s B,
    retry: &'s RetryPolicy,
    limiter: &'s dyn Pacing,
}

impl<B: Batch> Sender<'_, B> {
    /// Sends one batch until it has a final outcome. Returns it with the batch's fingerprint.
    async fn send(&self, index: u64, batch_fingerprint: u64, users: Vec<B::User>) -> (BatchOutcome<B::User>, u64) {
        let request = self.template.with_users(users.clone());
        let bucket = crate::Endpoint::rate_bucket(&request);
        let mut attempts = 0u32;
        let mut counted = 0u32; // attempts that count against the policy (429s do not)
        let mut rate_limited = 0u32;
        let result = loop {
            let seed = index.wrapping_mul(0x9E37).wrapping_add(u64::from(attempts));
            let permit = match self.limiter.acquire(bucket).await {
                Ok(permit) => permit,
                Err(limited) => break BatchResult::Rejected { status: None, error: limited.to_string() },
            };
            attempts += 1;
            counted += 1;
            let error = match self.client.send(&request).await {
                Ok(reply) => {
                    self.limiter.observe(permit, reply.rate_limit).await;
                    let dispatch_id = B::dispatch_id(&reply.body).map(str::to_owned);
                    let mut errors = B::warnings(&reply.body);
                    if dispatch_id.is_none() {
                        errors.push(
                            "Braze accepted the batch but its answer carried no dispatch_id, so the send cannot be \
                             traced"
                                .to_owned(),
                        );
                    }
                    break BatchResult::Delivered { dispatch_id, errors };
                }
                Err(error) => error,
            };
            if let Error::Api(api) = &error
                && api.status == 429
            {
                self.limiter.exhausted_until(permit, api.rate_limit.reset, self.retry.rate_limited_backoff(seed)).await;
                if rate_limited >= self.retry.max_rate_limited {
                    let error = format!(
                        "{error}; given up after {rate_limited} rate-limited answers (RetryPolicy::max_rate_limited)"
                    );
                    break BatchResult::Rejected { status: Some(429), error };
                }
                rate_limited += 1;
                counted -= 1;
                continue;
            }
            settle(self.limiter, permit, error.rate_limit().copied()).await;
            // Braze accepted it; only its answer was unreadable.
            if let Error::Decode(decode) = &error {
                let errors = vec![format!("the answer could not be read: {}", decode.message)];
                break BatchResult::Delivered { dispatch_id: None, errors };
            }
            if self.retry.retries(&error, counted) {
                tokio::time::sleep(self.retry.backoff(counted, seed)).await;
                continue;
            }
            break if error.outcome_unknown() {
                BatchResult::Unknown { error: error.to_string() }
            } else {
                BatchResult::Rejected { status: error.status(), error: error.to_string() }
            };
        };
        (BatchOutcome { index, users, result, attempts }, batch_fingerprint)
    }
}

impl Client {
    /// Sends one request, retrying as `policy` allows: after a 429 it waits for the reset (at
    /// least [`RetryPolicy::rate_limited_backoff`], and gives up rather than wait past an hour
    /// or meet more than [`RetryPolicy::max_rate_limited`] 429s); a connection that never
    /// opened is retried with backoff; 5XX answers and timeouts are retried only on idempotent
    /// endpoints (schedule update and delete) or when the policy accepts duplicates.
    pub async fn send_retrying<E: crate::Endpoint>(
        &self,
        request: &E,
        policy: &RetryPolicy,
    ) -> Result<crate::Reply<E::Response>, Error> {
        self.send_with(request, policy, None).await
    }

    /// Like [`Client::send_retrying`], paced by `limiter` (the one a bulk job uses, in this
    /// process or shared through Redis): it waits for the request's bucket before each attempt
    /// and tells the limiter what Braze answered.
    pub async fn send_paced<E: crate::Endpoint>(
        &self,
        request: &E,
        policy: &RetryPolicy,
        limiter: &dyn Pacing,
    ) -> Result<crate::Reply<E::Response>, Error> {
        self.send_with(request, policy, Some(limiter)).await
    }

    async fn send_with<E: crate::Endpoint>(
        &self,
        request: &E,
        policy: &RetryPolicy,
        limiter: Option<&dyn Pacing>,
    ) -> Result<crate::Reply<E::Response>, Error> {
        let bucket = request.rate_bucket();
        let mut attempt = 0u32;
        let mut rate_limited = 0u32;
        loop {
            attempt += 1;
            let permit = match limiter {
                Some(limiter) => Some(limiter.acquire(bucket).await.map_err(Error::RateLimited)?),
                None => None,
            };
            let sent = self.send(request).await;
            // Jitter for a 429's wait: the same for the limiter and the sleep below.
            let seed = u64::from(attempt).wrapping_add(u64::from(rate_limited) << 32);
            let rate_limited_reset = match &sent {
                Err(Error::Api(api)) if api.status == 429 => Some(api.rate_limit.reset),
                _ => None,
            };
            if let (Some(limiter), Some(permit)) = (limiter, permit) {
                match (&sent, rate_limited_reset) {
                    (Ok(reply), _) => limiter.observe(permit, reply.rate_limit).await,
                    // The wait after a 429 is decided below, and the limiter told there.
                    (Err(_), Some(reset)) => {
                        limiter.exhausted_until(permit, reset, policy.rate_limited_backoff(seed)).await
                    }
                    (Err(error), None) => settle(limiter, permit, error.rate_limit().copied()).await,
                }
            }
            let error = match sent {
                Ok(reply) => return Ok(reply),
                Err(error) => error,
            };
            if let Some(reset) = rate_limited_reset {
                match policy.rate_limited_wait(reset, seed) {
                    Some(wait) if rate_limited < policy.max_rate_limited => {
                        rate_limited += 1;
                        attempt -= 1;
                        // With a limiter, its next `acquire` (of every sender) waits instead.
                        if limiter.is_none() {
                            tokio::time::sleep(wait).await;
                        }
                        continue;
                    }
                    _ => return Err(error),
                }
            }
            if !policy.retries(&error, attempt) {
                return Err(error);
            }
            tokio::time::sleep(policy.backoff(attempt, u64::from(attempt))).await;
        }
    }
}

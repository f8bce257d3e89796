//! Delivery at scale: any number of users, in requests of at most 50, with bounded
//! concurrency, pacing from Braze's rate-limit headers, retries that never send twice by
//! surprise, and an exact account of every user.
//!
//! ```no_run
//! # async fn demo(client: braze_runtime::Client, template: braze_runtime::endpoints::MessagesSend) {
//! let users = (0..100_000).map(|n| format!("user-{n}"));
//! let report = client.bulk(&template).users(users).concurrency(8).run().await;
//! assert_eq!(report.delivered() + report.rejected() + report.unknown() + report.skipped, report.total());
//! # }
//! ```

mod batch;
mod limiter;
mod report;
mod retry;

pub use batch::Batch;
pub use limiter::RateLimiter;
pub use report::{BatchOutcome, BatchResult, BulkReport, Checkpoint, DeliveredBatch, Progress, Undelivered};
pub use retry::RetryPolicy;

use std::sync::Arc;
use std::time::SystemTime;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use crate::client::{Client, Error};

/// A callback on each batch's outcome.
type OnBatch<'a, U> = Box<dyn FnMut(&BatchOutcome<U>) + Send + 'a>;
/// A callback on each new checkpoint.
type OnCheckpoint<'a> = Box<dyn FnMut(&Checkpoint) + Send + 'a>;

/// A bulk job: a template, the users to send it to, and how. Build it with
/// [`Client::bulk`], then [`Bulk::run`] it.
pub struct Bulk<'a, B: Batch, I> {
    client: &'a Client,
    template: &'a B,
    users: I,
    concurrency: usize,
    retry: RetryPolicy,
    limiter: Arc<RateLimiter>,
    checkpoint: Checkpoint,
    on_batch: Option<OnBatch<'a, B::User>>,
    on_progress: Option<Box<dyn FnMut(Progress) + Send + 'a>>,
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
            checkpoint: Checkpoint::default(),
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
            checkpoint: self.checkpoint,
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

    /// Paces with this limiter; share one between the jobs and clients of a workspace.
    pub fn limiter(mut self, limiter: Arc<RateLimiter>) -> Self {
        self.limiter = limiter;
        self
    }

    /// Skips the batches `checkpoint` has done: resume a job after a crash with the same input.
    pub fn resume(mut self, checkpoint: Checkpoint) -> Self {
        self.checkpoint = checkpoint;
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

    /// Called after each batch with the checkpoint to persist.
    pub fn on_checkpoint(mut self, f: impl FnMut(&Checkpoint) + Send + 'a) -> Self {
        self.on_checkpoint = Some(Box::new(f));
        self
    }

    /// Sends every batch and accounts for every user. Never panics and never drops a user: each
    /// ends up delivered, rejected, of unknown outcome, or skipped (done in a resumed run).
    pub async fn run(self) -> BulkReport<B::User> {
        let Bulk {
            client,
            template,
            users,
            concurrency,
            retry,
            limiter,
            mut checkpoint,
            mut on_batch,
            mut on_progress,
            mut on_checkpoint,
        } = self;
        let sender = Sender { client, template, retry: &retry, limiter: &limiter };
        let mut report = BulkReport {
            total: 0,
            skipped: 0,
            delivered_batches: 0,
            delivered_users: 0,
            warnings: Vec::new(),
            rejected: Vec::new(),
            unknown: Vec::new(),
            requests: 0,
            checkpoint: Checkpoint::default(),
        };
        let mut progress = Progress::default();
        let mut users = users.fuse();
        let mut next_index = 0u64;
        let mut in_flight = FuturesUnordered::new();
        loop {
            while in_flight.len() < concurrency {
                let batch: Vec<B::User> = users.by_ref().take(B::MAX_USERS).collect();
                if batch.is_empty() {
                    break;
                }
                let index = next_index;
                next_index += 1;
                report.total += batch.len() as u64;
                if checkpoint.is_done(index) {
                    report.skipped += batch.len() as u64;
                    progress.skipped += batch.len() as u64;
                    progress.done += batch.len() as u64;
                    continue;
                }
                in_flight.push(sender.send(index, batch));
            }
            let Some(outcome) = in_flight.next().await else { break };
            report.requests += u64::from(outcome.attempts);
            let size = outcome.users.len() as u64;
            progress.done += size;
            match &outcome.result {
                BatchResult::Delivered { dispatch_id, errors } => {
                    progress.delivered += size;
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
                    progress.rejected += size;
                    let users = outcome.users.clone();
                    report.rejected.push(Undelivered {
                        index: outcome.index,
                        users,
                        status: *status,
                        error: error.clone(),
                    });
                }
                BatchResult::Unknown { error } => {
                    progress.unknown += size;
                    let users = outcome.users.clone();
                    report.unknown.push(Undelivered {
                        index: outcome.index,
                        users,
                        status: None,
                        error: error.clone(),
                    });
                }
            }
            // Every final outcome is acknowledged, unknown ones included: resuming must not
            // send again what Braze may already have sent.
            checkpoint.mark(outcome.index);
            if let Some(f) = on_batch.as_mut() {
                f(&outcome);
            }
            if let Some(f) = on_progress.as_mut() {
                f(progress);
            }
            if let Some(f) = on_checkpoint.as_mut() {
                f(&checkpoint);
            }
        }
        report.warnings.sort_by_key(|b| b.index);
        report.rejected.sort_by_key(|b| b.index);
        report.unknown.sort_by_key(|b| b.index);
        report.checkpoint = checkpoint;
        report
    }
}

/// What every batch of one job shares.
struct Sender<'s, B> {
    client: &'s Client,
    template: &'s B,
    retry: &'s RetryPolicy,
    limiter: &'s RateLimiter,
}

impl<B: Batch> Sender<'_, B> {
    /// Sends one batch until it has a final outcome.
    async fn send(&self, index: u64, users: Vec<B::User>) -> BatchOutcome<B::User> {
        let request = self.template.with_users(users.clone());
        let mut attempts = 0u32;
        let mut counted = 0u32; // attempts that count against the policy (429s do not)
        let mut rate_limited = 0u32;
        let result = loop {
            attempts += 1;
            counted += 1;
            self.limiter.acquire().await;
            let error = match self.client.send(&request).await {
                Ok(reply) => {
                    self.limiter.observe(&reply.rate_limit);
                    let dispatch_id = B::dispatch_id(&reply.body).map(str::to_owned);
                    break BatchResult::Delivered { dispatch_id, errors: B::warnings(&reply.body) };
                }
                Err(error) => error,
            };
            if let Some(rate) = error.rate_limit() {
                self.limiter.observe(rate);
            }
            match &error {
                // Braze accepted it; only its answer was unreadable.
                Error::Decode(decode) => {
                    let errors = vec![format!("the answer could not be read: {}", decode.message)];
                    break BatchResult::Delivered { dispatch_id: None, errors };
                }
                Error::Api(api) if api.status == 429 && rate_limited < self.retry.max_rate_limited => {
                    rate_limited += 1;
                    counted -= 1;
                    self.limiter.exhausted_until(api.rate_limit.reset.map(SystemTime::from));
                    continue;
                }
                _ => {}
            }
            if self.retry.retries(&error, counted) {
                let seed = index.wrapping_mul(0x9E37).wrapping_add(u64::from(attempts));
                tokio::time::sleep(self.retry.backoff(counted, seed)).await;
                continue;
            }
            break if error.outcome_unknown() {
                BatchResult::Unknown { error: error.to_string() }
            } else {
                BatchResult::Rejected { status: error.status(), error: error.to_string() }
            };
        };
        BatchOutcome { index, users, result, attempts }
    }
}

impl Client {
    /// Sends one request, retrying as `policy` allows: after a 429 it waits for the reset; a
    /// connection that never opened is retried with backoff; 5XX answers and timeouts are
    /// retried only on idempotent endpoints (schedule update and delete) or when the policy
    /// accepts duplicates.
    pub async fn send_retrying<E: crate::Endpoint>(
        &self,
        request: &E,
        policy: &RetryPolicy,
    ) -> Result<crate::Reply<E::Response>, Error> {
        let mut attempt = 0u32;
        let mut rate_limited = 0u32;
        loop {
            attempt += 1;
            let error = match self.send(request).await {
                Ok(reply) => return Ok(reply),
                Err(error) => error,
            };
            if let Error::Api(api) = &error
                && api.status == 429
                && rate_limited < policy.max_rate_limited
            {
                rate_limited += 1;
                attempt -= 1;
                let wait = api
                    .rate_limit
                    .reset
                    .and_then(|reset| SystemTime::from(reset).duration_since(SystemTime::now()).ok())
                    .unwrap_or(policy.base_delay);
                tokio::time::sleep(wait).await;
                continue;
            }
            if !policy.retries(&error, attempt) {
                return Err(error);
            }
            tokio::time::sleep(policy.backoff(attempt, u64::from(attempt))).await;
        }
    }
}

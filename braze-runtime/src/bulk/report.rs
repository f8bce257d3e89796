//! The account of a bulk job: every user delivered, rejected or of unknown outcome.

use super::Checkpoint;

/// What happened to one batch.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum BatchResult {
    /// Braze accepted the batch.
    Delivered {
        /// The dispatch id of the request.
        dispatch_id: Option<String>,
        /// Non-fatal errors Braze returned with the success.
        errors: Vec<String>,
    },
    /// Braze refused the batch, or it broke a rule: nothing was sent.
    Rejected {
        /// The HTTP status, if Braze answered.
        status: Option<u16>,
        /// Why, in Braze's or the rulebook's words.
        error: String,
    },
    /// Braze may or may not have sent it (5XX, timeout, connection lost after sending).
    Unknown {
        /// What happened.
        error: String,
    },
}

/// One batch's outcome, with its users, as given to [`Bulk::on_batch`](super::Bulk::on_batch).
///
/// A user the rulebook refuses (a blank id, a recipient without an identifier, …) is never sent
/// in a batch: it gets an outcome of its own, rejected, with `attempts: 0`, and its batch's
/// index.
#[derive(Debug, Clone)]
pub struct BatchOutcome<U> {
    /// The batch's position in the input (0, 1, 2, …), stable across runs of the same input.
    pub index: u64,
    /// Its users, in input order.
    pub users: Vec<U>,
    /// What happened.
    pub result: BatchResult,
    /// Requests made for it (1 without retries; 0 when nothing was sent).
    pub attempts: u32,
}

/// Progress, as given to [`Bulk::on_progress`](super::Bulk::on_progress).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Users with a final outcome (or skipped on resume).
    pub done: u64,
    /// Users delivered.
    pub delivered: u64,
    /// Users rejected.
    pub rejected: u64,
    /// Users of unknown outcome.
    pub unknown: u64,
    /// Users skipped because a checkpoint acknowledged their batch.
    pub skipped: u64,
    /// Where the limiter keeps the budget: a shared limiter that lost its store says
    /// [`PacingMode::LocalFallback`](super::PacingMode::LocalFallback) until the store is back.
    pub pacing: super::PacingMode,
}

/// A batch that was not delivered, with its users, so none goes unaccounted for.
#[derive(Debug, Clone)]
pub struct Undelivered<U> {
    /// The batch's position in the input.
    pub index: u64,
    /// Its users.
    pub users: Vec<U>,
    /// The HTTP status, if Braze answered.
    pub status: Option<u16>,
    /// Why.
    pub error: String,
}

/// A delivered batch that needs a look: Braze's answer carried non-fatal errors, or could not
/// be read. Its users are positions `index * batch size ..` of the input, or see
/// [`Bulk::on_batch`](super::Bulk::on_batch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveredBatch {
    /// The batch's position in the input.
    pub index: u64,
    /// Its dispatch id, if the answer could be read.
    pub dispatch_id: Option<String>,
    /// How many users it held.
    pub users: usize,
    /// Non-fatal errors Braze returned with the success, or why the answer could not be read.
    pub errors: Vec<String>,
}

/// The account of a bulk job. Every user offered is in exactly one of delivered, rejected,
/// unknown or skipped: `delivered + rejected + unknown + skipped == total`.
///
/// Its size grows with the failures, not with the job: delivered batches are counted, and only
/// those with warnings are kept. Each batch's dispatch id and users go to
/// [`Bulk::on_batch`](super::Bulk::on_batch) as they complete.
#[derive(Debug, Clone)]
pub struct BulkReport<U> {
    /// Users offered.
    pub total: u64,
    /// Users skipped because the resumed checkpoint had their batch done.
    pub skipped: u64,
    /// Batches delivered.
    pub delivered_batches: u64,
    /// Users delivered (see [`BulkReport::delivered`]).
    pub(crate) delivered_users: u64,
    /// Delivered batches whose answer carried non-fatal errors or could not be read.
    pub warnings: Vec<DeliveredBatch>,
    /// Rejected batches, with their users.
    pub rejected: Vec<Undelivered<U>>,
    /// Batches of unknown outcome, with their users.
    pub unknown: Vec<Undelivered<U>>,
    /// Requests made, retries included.
    pub requests: u64,
    /// The checkpoint after this run.
    pub checkpoint: Checkpoint,
}

impl<U> BulkReport<U> {
    pub(crate) fn new() -> Self {
        BulkReport {
            total: 0,
            skipped: 0,
            delivered_batches: 0,
            delivered_users: 0,
            warnings: Vec::new(),
            rejected: Vec::new(),
            unknown: Vec::new(),
            requests: 0,
            checkpoint: Checkpoint::default(),
        }
    }

    /// Users delivered.
    pub fn delivered(&self) -> u64 {
        self.delivered_users
    }

    /// Users rejected.
    pub fn rejected(&self) -> u64 {
        self.rejected.iter().map(|b| b.users.len() as u64).sum()
    }

    /// Users of unknown outcome.
    pub fn unknown(&self) -> u64 {
        self.unknown.iter().map(|b| b.users.len() as u64).sum()
    }

    /// Users offered.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Whether every user was delivered (or skipped as done before).
    pub fn is_complete(&self) -> bool {
        self.rejected.is_empty() && self.unknown.is_empty()
    }
}

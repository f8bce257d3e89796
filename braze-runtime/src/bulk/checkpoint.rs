//! A bulk job's write-ahead record, to resume it after a crash without sending twice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a bulk job has done, to persist (from [`Bulk::on_checkpoint`](super::Bulk::on_checkpoint))
/// and pass to [`Bulk::resume`](super::Bulk::resume) after a crash.
///
/// It is written ahead: a batch is recorded as *started* before its request leaves, and as
/// *done* when it has a final outcome. On resume, done batches are skipped, and started batches
/// that never got an outcome are reported as outcome unknown instead of being sent again (Braze
/// may have received them), unless the job opts in with
/// [`Bulk::resend_unacknowledged`](super::Bulk::resend_unacknowledged).
///
/// A checkpoint belongs to one job: it holds fingerprints of the template and of each batch's
/// users, and a seal over its content, so resuming it with another template or other input, or
/// after it was edited or corrupted, is refused before anything is sent. (The seal detects edits
/// and corruption; it is not a signature against someone who recomputes it.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    version: u32,
    /// Fingerprint of the template, `0` until the job starts.
    template: u64,
    /// Every batch below this index is done.
    contiguous: u64,
    /// Fingerprint of the users of batches `0..contiguous`, in order.
    prefix: u64,
    /// Done batches at or above `contiguous`, with the fingerprint of their users.
    done: BTreeMap<u64, u64>,
    /// Started batches without an outcome, with the fingerprint of their users.
    started: BTreeMap<u64, u64>,
    /// Users offered by the whole input, once it has been read to its end.
    total: Option<u64>,
    seal: u64,
}

const VERSION: u32 = 2;

impl Default for Checkpoint {
    fn default() -> Self {
        Checkpoint::new(0)
    }
}

/// Why a checkpoint was refused by [`Bulk::run`](super::Bulk::run). Nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckpointError {
    /// The checkpoint's content does not match its seal: it was edited or corrupted.
    #[error("the checkpoint was edited or corrupted (its seal does not match); nothing was sent")]
    Tampered,
    /// The checkpoint was written by another version of this library.
    #[error("the checkpoint has format version {found}, this library reads {VERSION}; nothing was sent")]
    Version {
        /// The version found.
        found: u32,
    },
    /// The checkpoint belongs to a job with another template.
    #[error("the checkpoint belongs to a job with another template; nothing was sent")]
    OtherTemplate,
    /// The input differs from the job's where the checkpoint recorded it.
    #[error(
        "the input differs from the checkpoint's job within batches {first} to {last} (about users {} to {}); \
         nothing was sent",
        first * batch_size, (last + 1) * batch_size - 1
    )]
    OtherInput {
        /// The first batch that may differ.
        first: u64,
        /// The last batch that may differ.
        last: u64,
        /// Users per batch of the job.
        batch_size: u64,
    },
    /// The checkpoint store could not load or save: the job stopped as after a crash (what was
    /// in flight is recorded as started), and can be resumed.
    #[error("{0}")]
    Store(#[from] super::StoreError),
    /// The input holds another number of users than the job that wrote the checkpoint.
    #[error("the checkpoint's job had {expected} users, this input has {found}; nothing was sent")]
    OtherTotal {
        /// Users of the checkpoint's job.
        expected: u64,
        /// Users of this input (as far as read).
        found: u64,
    },
}

impl Checkpoint {
    /// A blank checkpoint for a job whose template has fingerprint `template`.
    pub(crate) fn new(template: u64) -> Self {
        let mut checkpoint = Checkpoint {
            version: VERSION,
            template,
            contiguous: 0,
            prefix: FNV_OFFSET,
            done: BTreeMap::new(),
            started: BTreeMap::new(),
            total: None,
            seal: 0,
        };
        checkpoint.reseal();
        checkpoint
    }

    /// Every batch below this index is done.
    pub fn contiguous(&self) -> u64 {
        self.contiguous
    }

    /// Whether batch `index` has a final outcome.
    pub fn is_done(&self, index: u64) -> bool {
        index < self.contiguous || self.done.contains_key(&index)
    }

    /// The batches that were started but have no recorded outcome.
    pub fn unacknowledged(&self) -> impl Iterator<Item = u64> + '_ {
        self.started.keys().copied()
    }

    /// Whether the job read its whole input and every batch has an outcome.
    pub fn is_complete(&self) -> bool {
        self.total.is_some() && self.started.is_empty() && self.done.is_empty()
    }

    /// Checks the seal, version and template before a resume.
    pub(crate) fn check(&self, template: u64) -> Result<(), CheckpointError> {
        if self.seal != self.compute_seal() {
            return Err(CheckpointError::Tampered);
        }
        if self.version != VERSION {
            return Err(CheckpointError::Version { found: self.version });
        }
        if self.template != template && !self.is_blank() {
            return Err(CheckpointError::OtherTemplate);
        }
        Ok(())
    }

    /// A checkpoint of a job that never started anything: it fits any job.
    fn is_blank(&self) -> bool {
        self.contiguous == 0 && self.done.is_empty() && self.started.is_empty() && self.total.is_none()
    }

    /// The recorded fingerprint of batch `index`, if it is above the prefix.
    pub(crate) fn recorded(&self, index: u64) -> Option<u64> {
        self.done.get(&index).or_else(|| self.started.get(&index)).copied()
    }

    /// The highest batch index recorded above the prefix.
    pub(crate) fn last_recorded(&self) -> Option<u64> {
        self.done.keys().chain(self.started.keys()).max().copied()
    }

    pub(crate) fn prefix(&self) -> u64 {
        self.prefix
    }

    pub(crate) fn total(&self) -> Option<u64> {
        self.total
    }

    pub(crate) fn is_started(&self, index: u64) -> bool {
        self.started.contains_key(&index)
    }

    /// Adopts a job's template (a blank checkpoint fits any job).
    pub(crate) fn for_template(mut self, template: u64) -> Self {
        self.template = template;
        self.reseal();
        self
    }

    /// Records batch `index` (users fingerprinted as `fingerprint`) as started.
    pub(crate) fn start(&mut self, index: u64, fingerprint: u64) {
        if !self.is_done(index) {
            self.started.insert(index, fingerprint);
            self.reseal();
        }
    }

    /// Records batch `index` as done.
    pub(crate) fn finish(&mut self, index: u64, fingerprint: u64) {
        self.started.remove(&index);
        if index >= self.contiguous {
            self.done.insert(index, fingerprint);
        }
        while let Some(next) = self.done.remove(&self.contiguous) {
            self.prefix = combine(self.prefix, next);
            self.contiguous += 1;
        }
        self.reseal();
    }

    /// Records that the input held `total` users.
    pub(crate) fn set_total(&mut self, total: u64) {
        self.total = Some(total);
        self.reseal();
    }

    fn reseal(&mut self) {
        self.seal = self.compute_seal();
    }

    fn compute_seal(&self) -> u64 {
        let mut h = Fnv::new();
        h.u64(u64::from(self.version));
        h.u64(self.template);
        h.u64(self.contiguous);
        h.u64(self.prefix);
        for map in [&self.done, &self.started] {
            h.u64(map.len() as u64);
            for (k, v) in map {
                h.u64(*k);
                h.u64(*v);
            }
        }
        h.u64(self.total.map_or(u64::MAX, |t| t.wrapping_add(1)));
        h.finish()
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Folds one batch's fingerprint into the prefix fingerprint.
pub(crate) fn combine(prefix: u64, batch: u64) -> u64 {
    let mut h = Fnv { state: prefix };
    h.u64(batch);
    h.finish()
}

/// FNV-1a, 64 bits: small, and stable across builds and platforms, so a checkpoint written by
/// one process is read by another. Not a cryptographic hash.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv {
    state: u64,
}

impl Fnv {
    pub(crate) fn new() -> Self {
        Fnv { state: FNV_OFFSET }
    }

    fn u64(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.state ^= u64::from(*b);
            self.state = self.state.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub(crate) fn finish(self) -> u64 {
        self.state
    }
}

impl std::io::Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.bytes(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprint of a value's JSON (a template, a batch of users).
pub(crate) fn fingerprint<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut h = Fnv::new();
    // Writing JSON into a hasher cannot fail for the library's own types.
    let _ = serde_json::to_writer(&mut h, value);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_grows_in_order_and_stays_compact() {
        let mut c = Checkpoint::new(7);
        for i in 0..6 {
            c.start(i, 100 + i);
        }
        for i in [0, 2, 3, 1, 5] {
            c.finish(i, 100 + i);
        }
        assert_eq!(c.contiguous(), 4);
        assert!(c.is_done(3) && c.is_done(5) && !c.is_done(4));
        assert_eq!(c.unacknowledged().collect::<Vec<_>>(), [4]);
        let expected = (0..4).fold(FNV_OFFSET, |p, i| combine(p, 100 + i));
        assert_eq!(c.prefix(), expected);
        assert_eq!(c.check(7), Ok(()));
    }

    #[test]
    fn edits_other_templates_and_other_versions_are_refused() {
        let mut c = Checkpoint::new(7);
        c.start(0, 1);
        c.finish(0, 1);
        assert_eq!(c.check(8), Err(CheckpointError::OtherTemplate));
        let mut edited = serde_json::to_value(&c).unwrap();
        edited["contiguous"] = 5.into();
        let edited: Checkpoint = serde_json::from_value(edited).unwrap();
        assert_eq!(edited.check(7), Err(CheckpointError::Tampered));
        let mut old = c.clone();
        old.version = 1;
        old.reseal();
        assert_eq!(old.check(7), Err(CheckpointError::Version { found: 1 }));
        assert_eq!(Checkpoint::default().check(8), Ok(()), "a blank checkpoint fits any job");
    }
}

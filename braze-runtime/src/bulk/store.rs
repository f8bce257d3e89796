//! Where a bulk job keeps its checkpoint, so that any worker can resume it: a file, or (feature
//! `redis`) Redis, or a store of your own.

use std::fmt;
use std::path::PathBuf;

use super::{BoxFuture, Checkpoint};

/// A place to keep checkpoints by key. The bulk sender saves the job's checkpoint before each
/// request leaves (write-ahead) and after each outcome, and loads it when a job starts, so a
/// crashed worker's job or shard is resumed by whichever worker runs it next, without sending
/// twice.
pub trait CheckpointStore: Send + Sync + fmt::Debug {
    /// The checkpoint saved under `key`, if any.
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Checkpoint>, StoreError>>;

    /// Saves `checkpoint` under `key`; done only once it is durable.
    fn save<'a>(&'a self, key: &'a str, checkpoint: &'a Checkpoint) -> BoxFuture<'a, Result<(), StoreError>>;
}

/// A checkpoint store failed: the job stops, as after a crash, and can be resumed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the checkpoint store failed: {0}")]
pub struct StoreError(pub String);

/// Checkpoints as JSON files in a folder, one per key, each replaced atomically (written to a
/// temporary file, synced, then renamed over the old one).
#[derive(Debug, Clone)]
pub struct FileCheckpointStore {
    dir: PathBuf,
}

impl FileCheckpointStore {
    /// A store in `dir`, created when first saved to.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        FileCheckpointStore { dir: dir.into() }
    }

    /// The file of `key`: its characters other than letters, digits, `-` and `_` become `_`.
    fn path(&self, key: &str) -> PathBuf {
        let name: String = key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        self.dir.join(format!("{name}.json"))
    }
}

fn failed(what: &str, path: &std::path::Path, e: impl fmt::Display) -> StoreError {
    StoreError(format!("{what} {}: {e}", path.display()))
}

impl CheckpointStore for FileCheckpointStore {
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Checkpoint>, StoreError>> {
        let path = self.path(key);
        Box::pin(async move {
            match std::fs::read(&path) {
                Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| failed("cannot read", &path, e)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(failed("cannot read", &path, e)),
            }
        })
    }

    fn save<'a>(&'a self, key: &'a str, checkpoint: &'a Checkpoint) -> BoxFuture<'a, Result<(), StoreError>> {
        let path = self.path(key);
        Box::pin(async move {
            use std::io::Write;
            std::fs::create_dir_all(&self.dir).map_err(|e| failed("cannot create", &self.dir, e))?;
            let json = serde_json::to_vec(checkpoint).map_err(|e| failed("cannot write", &path, e))?;
            let temporary = path.with_extension("json.tmp");
            let mut file = std::fs::File::create(&temporary).map_err(|e| failed("cannot write", &temporary, e))?;
            file.write_all(&json).and_then(|()| file.sync_all()).map_err(|e| failed("cannot write", &temporary, e))?;
            std::fs::rename(&temporary, &path).map_err(|e| failed("cannot replace", &path, e))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_store_keeps_the_last_checkpoint_of_each_key() {
        let dir = std::env::temp_dir().join(format!("braze-store-{}", std::process::id()));
        let store = FileCheckpointStore::new(&dir);
        assert_eq!(store.load("job/shard-0-of-2").await, Ok(None));
        let mut checkpoint = Checkpoint::new(7);
        checkpoint.start(0, 42);
        store.save("job/shard-0-of-2", &checkpoint).await.unwrap();
        checkpoint.finish(0, 42);
        store.save("job/shard-0-of-2", &checkpoint).await.unwrap();
        assert_eq!(store.load("job/shard-0-of-2").await, Ok(Some(checkpoint)));
        assert_eq!(store.load("job/shard-1-of-2").await, Ok(None), "each key its own");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

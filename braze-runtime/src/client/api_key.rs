//! The REST API key, which never shows up in output.

use std::fmt;

/// A Braze REST API key. Its `Debug` prints `ApiKey(<redacted>)`; it has no `Display`; it is
/// sent only in the `Authorization` header, marked sensitive.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key, trimming whitespace and stray quotes (a quoted key gets 401 from Braze).
    pub fn new(key: impl Into<String>) -> Self {
        let key: String = key.into();
        ApiKey(key.trim().trim_matches(|c| c == '"' || c == '\'').to_owned())
    }

    /// The key itself, for the header. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the key is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        ApiKey::new(key)
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        ApiKey::new(key)
    }
}

//! Bodies kept in errors: the whole text for code, a bounded excerpt for `Debug`, so logs of an
//! error do not carry recipients' personal data or megabytes of an unexpected answer.

use std::fmt;
use std::ops::Deref;

/// A request or response body kept by an error.
///
/// It dereferences to the whole text. Its `Debug` shows at most [`BodyText::EXCERPT`]
/// characters and the size, because errors end up in logs, and request bodies hold user ids,
/// email addresses and properties.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    text: String,
    /// Whether the body was longer than what was read (a response over the client's cap).
    truncated: bool,
}

impl BodyText {
    /// Characters of the body that `Debug` shows.
    pub const EXCERPT: usize = 64;

    pub(crate) fn new(text: String) -> Self {
        BodyText { text, truncated: false }
    }

    pub(crate) fn truncated(text: String) -> Self {
        BodyText { text, truncated: true }
    }

    /// The body as kept.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the body was cut at the client's cap on answers, so `as_str` holds only its start.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The first `max` characters, trimmed, with `…` when there is more.
    pub fn excerpt(&self, max: usize) -> String {
        let trimmed = self.text.trim();
        match trimmed.char_indices().nth(max) {
            Some((cut, _)) => format!("{}…", &trimmed[..cut]),
            None if self.truncated => format!("{trimmed}…"),
            None => trimmed.to_owned(),
        }
    }
}

impl Deref for BodyText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<&str> for BodyText {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

/// The whole text, for code that prints a body on purpose.
impl fmt::Display for BodyText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for BodyText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let more = if self.truncated { "+, truncated" } else { "" };
        write!(f, "{:?} ({} bytes{more})", self.excerpt(Self::EXCERPT), self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_a_bounded_excerpt_and_the_size() {
        let body = BodyText::new(format!("{{\"external_user_ids\":[\"{}\"]}}", "ann@example.com\",\"".repeat(500)));
        let shown = format!("{body:?}");
        assert!(shown.len() < 120, "{shown}");
        assert!(shown.contains(&format!("({} bytes)", body.len())), "{shown}");
        assert_eq!(body.matches("ann@example.com").count(), 500, "the whole body stays available");
    }
}

//! Date-time values that keep the text they were given.
//!
//! Braze writes offsets as `Z`, `+00:00` or `+0000`; a [`Timestamp`] remembers which, so a request
//! read from JSON is written back byte for byte.

use std::fmt;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ISO 8601 instant (UTC when written without an offset).
#[derive(Clone, PartialEq, Eq)]
pub struct Timestamp {
    text: String,
    at: DateTime<FixedOffset>,
}

impl Timestamp {
    /// The Unix epoch with no text, for the macros' blank literals (always replaced).
    pub(crate) fn blank() -> Self {
        Timestamp { text: String::new(), at: DateTime::UNIX_EPOCH.fixed_offset() }
    }

    /// Parses ISO 8601 text, keeping it as written.
    pub fn parse(text: &str) -> Result<Self, braze_rules::Violation> {
        let at = braze_rules::parse_instant("", text)?;
        Ok(Timestamp { text: text.to_owned(), at })
    }

    /// The instant.
    pub fn instant(&self) -> DateTime<FixedOffset> {
        self.at
    }

    /// The text as it is sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<Tz: chrono::TimeZone> From<DateTime<Tz>> for Timestamp {
    fn from(at: DateTime<Tz>) -> Self {
        let at = at.fixed_offset();
        let text = if at.offset().local_minus_utc() == 0 {
            at.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::AutoSi, true)
        } else {
            at.to_rfc3339_opts(SecondsFormat::AutoSi, false)
        };
        Timestamp { text, at }
    }
}

impl std::str::FromStr for Timestamp {
    type Err = braze_rules::Violation;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(s)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({:?})", self.text)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Writes a wall-clock time the way Braze reads it: `2031-05-01T09:30:00`, no offset.
pub(crate) fn format_local(t: &chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_offset_spelling_it_was_given() {
        for text in ["2019-07-22T13:17:55+0000", "2019-07-22T13:17:55Z", "2019-07-22T13:17:55+00:00"] {
            let t = Timestamp::parse(text).unwrap();
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{text}\""));
        }
    }

    #[test]
    fn from_chrono_writes_utc_with_z() {
        let at = DateTime::parse_from_rfc3339("2031-05-01T09:30:00+02:00").unwrap().with_timezone(&Utc);
        assert_eq!(Timestamp::from(at).as_str(), "2031-05-01T07:30:00Z");
    }

    #[test]
    fn refuses_text_that_is_not_a_time() {
        let err = serde_json::from_str::<Timestamp>("\"soon\"").unwrap_err();
        assert!(err.to_string().contains("not an ISO 8601 date-time"), "{err}");
    }

    #[test]
    fn local_times_have_no_offset_and_no_empty_fraction() {
        let t = chrono::NaiveDateTime::parse_from_str("2031-05-01T09:30:00", "%Y-%m-%dT%H:%M:%S").unwrap();
        assert_eq!(format_local(&t), "2031-05-01T09:30:00");
    }
}

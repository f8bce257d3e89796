//! GET /messages/scheduled_broadcasts: upcoming scheduled campaigns and Canvases.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use braze_rules::Violation;

use crate::endpoint::{Endpoint, Method};
use crate::responses::ScheduledBroadcasts;
use crate::time::Timestamp;
use crate::validate::{Validate, Validator};

/// GET /messages/scheduled_broadcasts?end_time=…: everything scheduled in the dashboard from now
/// until `end_time` (read by Braze as midnight UTC of its date, FACTS §4.6, §5.8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledBroadcastsList {
    /// The end of the range.
    pub end_time: EndTime,
}

impl ScheduledBroadcastsList {
    /// Lists what is scheduled until `end_time`: a [`NaiveDate`], a [`Timestamp`] or a chrono
    /// date-time.
    pub fn until(end_time: impl Into<EndTime>) -> Self {
        ScheduledBroadcastsList { end_time: end_time.into() }
    }
}

/// The end of a scheduled-broadcasts range. Braze reads only its date, as midnight UTC, so a
/// date alone says exactly what is meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndTime {
    /// A date, sent as `2031-05-01`.
    Date(NaiveDate),
    /// A date-time, sent as given; only its date counts.
    At(Timestamp),
}

impl EndTime {
    /// Reads `2031-05-01` or an ISO 8601 date-time.
    pub fn parse(text: &str) -> Result<EndTime, Violation> {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => Ok(EndTime::Date(date)),
            Err(_) => Timestamp::parse(text)
                .map(EndTime::At)
                .map_err(|_| Violation::InvalidTime { field: "end_time", value: text.to_owned() }),
        }
    }

    /// Midnight UTC of the date, where the range ends.
    pub fn midnight_utc(&self) -> DateTime<Utc> {
        let date = match self {
            EndTime::Date(date) => *date,
            // The date as written: `2031-05-01T22:00:00-05:00` is May 1.
            EndTime::At(t) => t.instant().naive_local().date(),
        };
        date.and_time(NaiveTime::MIN).and_utc()
    }
}

impl From<NaiveDate> for EndTime {
    fn from(date: NaiveDate) -> Self {
        EndTime::Date(date)
    }
}

impl From<Timestamp> for EndTime {
    fn from(at: Timestamp) -> Self {
        EndTime::At(at)
    }
}

impl<Tz: chrono::TimeZone> From<DateTime<Tz>> for EndTime {
    fn from(at: DateTime<Tz>) -> Self {
        EndTime::At(at.into())
    }
}

impl Serialize for EndTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EndTime::Date(date) => serializer.collect_str(&date.format("%Y-%m-%d")),
            EndTime::At(at) => at.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for EndTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        EndTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Validate for ScheduledBroadcastsList {
    fn validate_into(&self, _: &mut Validator) {}
}

impl Endpoint for ScheduledBroadcastsList {
    type Response = ScheduledBroadcasts;
    const METHOD: Method = Method::Get;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "messages.schedule_broadcasts";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/messages/scheduled_broadcasts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_or_a_date_time_ends_at_midnight_utc_of_its_date() {
        // FACTS §4.6: `end_time` is taken as midnight UTC of that date.
        let date = EndTime::parse("2031-05-01").unwrap();
        assert_eq!(serde_json::to_value(&date).unwrap(), "2031-05-01");
        let at = EndTime::parse("2031-05-01T18:30:00+0000").unwrap();
        assert_eq!(serde_json::to_value(&at).unwrap(), "2031-05-01T18:30:00+0000", "sent as given");
        assert_eq!(date.midnight_utc(), at.midnight_utc());
        assert_eq!(date.midnight_utc().to_rfc3339(), "2031-05-01T00:00:00+00:00");
        let west = EndTime::parse("2031-05-01T22:00:00-05:00").unwrap();
        assert_eq!(west.midnight_utc(), date.midnight_utc(), "the date as written, not the UTC date (May 2)");
        assert!(EndTime::parse("next week").is_err());
    }
}

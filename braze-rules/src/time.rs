//! ISO 8601 date-times as Braze writes them.
//!
//! Braze's own examples write offsets as `Z`, `+00:00` and `+0000` (no colon); all three are
//! accepted wherever an offset is. A time without an offset is read as UTC, except in a schedule
//! with `in_local_time` or `at_optimal_time`, where it is a wall-clock time in each user's zone
//! and an offset is an error.

use chrono::{DateTime, FixedOffset, NaiveDateTime};

use crate::Violation;

/// How a `schedule.time` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// One instant for everyone (UTC unless an offset is given).
    Instant,
    /// A wall-clock time in each user's zone (`in_local_time: true`).
    InLocalTime,
    /// A date (and nominal time) at each user's optimal time (`at_optimal_time: true`).
    AtOptimalTime,
}

impl TimeKind {
    /// The schedule flag that selects this kind, if any.
    pub fn flag(self) -> Option<&'static str> {
        match self {
            TimeKind::Instant => None,
            TimeKind::InLocalTime => Some("in_local_time"),
            TimeKind::AtOptimalTime => Some("at_optimal_time"),
        }
    }
}

const NAIVE_FORMATS: &[&str] = &["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f"];

/// Parses a date-time with an optional offset. Without one, the time is UTC.
pub fn parse_instant(field: &'static str, text: &str) -> Result<DateTime<FixedOffset>, Violation> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t);
    }
    // `+0000` without a colon, as in Braze's examples.
    if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Ok(t);
    }
    if let Ok(naive) = parse_naive(text) {
        return Ok(naive.and_utc().fixed_offset());
    }
    Err(Violation::InvalidTime { field, value: text.to_owned() })
}

/// Parses a wall-clock date-time that must not carry an offset.
pub fn parse_local(flag: &'static str, text: &str) -> Result<NaiveDateTime, Violation> {
    if let Ok(naive) = parse_naive(text) {
        return Ok(naive);
    }
    if parse_instant("time", text).is_ok() {
        return Err(Violation::LocalTimeWithOffset { flag, value: text.to_owned() });
    }
    Err(Violation::InvalidTime { field: "time", value: text.to_owned() })
}

fn parse_naive(text: &str) -> Result<NaiveDateTime, ()> {
    NAIVE_FORMATS.iter().find_map(|format| NaiveDateTime::parse_from_str(text, format).ok()).ok_or(())
}

/// Checks a literal `schedule.time` against the kind of schedule it belongs to.
pub fn check_schedule_time(kind: TimeKind, text: &str) -> Result<(), Violation> {
    match kind.flag() {
        None => parse_instant("time", text).map(|_| ()),
        Some(flag) => parse_local(flag, text).map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_read_in_every_spelling_braze_uses() {
        let z = parse_instant("time", "2019-07-22T13:17:55Z").unwrap();
        let colon = parse_instant("time", "2019-07-22T13:17:55+00:00").unwrap();
        let bare = parse_instant("time", "2019-07-22T13:17:55+0000").unwrap();
        let none = parse_instant("time", "2019-07-22T13:17:55").unwrap();
        assert_eq!(z, colon);
        assert_eq!(z, bare);
        assert_eq!(z, none);
        let east = parse_instant("time", "2018-09-01T00:00:00-04:00").unwrap();
        assert_eq!(east.timestamp(), 1535774400);
    }

    #[test]
    fn garbage_and_empty_are_refused() {
        assert_eq!(parse_instant("time", ""), Err(Violation::InvalidTime { field: "time", value: String::new() }));
        assert!(parse_instant("expire_at", "tomorrow").is_err());
    }

    #[test]
    fn local_times_refuse_offsets() {
        assert!(check_schedule_time(TimeKind::InLocalTime, "2015-02-20T13:14:47").is_ok());
        assert_eq!(
            check_schedule_time(TimeKind::InLocalTime, "2017-05-24T21:30:00Z"),
            Err(Violation::LocalTimeWithOffset { flag: "in_local_time", value: "2017-05-24T21:30:00Z".into() })
        );
        assert!(check_schedule_time(TimeKind::AtOptimalTime, "not a time").is_err());
        assert!(check_schedule_time(TimeKind::Instant, "2017-05-24T21:30:00Z").is_ok());
    }
}

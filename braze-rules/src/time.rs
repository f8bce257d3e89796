//! ISO 8601 date-times as Braze writes them.
//!
//! Braze's own examples write offsets as `Z`, `+00:00` and `+0000` (no colon); all three are
//! accepted wherever an offset is. A time without an offset is read as UTC, except in a schedule
//! with `in_local_time` or `at_optimal_time`, where it is a wall-clock time in each user's zone
//! and an offset is an error.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeDelta, Utc};

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
    Err(Violation::InvalidLocalTime { flag, value: text.to_owned() })
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

/// The hours the westernmost time zone (UTC-12) is behind UTC: a wall-clock time arrives there
/// last.
const WESTERNMOST_HOURS: i64 = 12;
/// The hours the easternmost time zone (UTC+14) is ahead of UTC: a wall-clock time arrives there
/// first.
const EASTERNMOST_HOURS: i64 = 14;

/// A local-time schedule must still be ahead somewhere: Braze refuses an `in_local_time` time
/// that has passed in every time zone (FACTS §6.1, §3.3), that is, once it has passed at UTC-12.
/// `text` is the time as given, for the message.
///
/// FACTS flags a conflict: errors.md words it as "passed in your company's time zone",
/// schedule_object.md as "every time zone". The rulebook takes the reading that refuses less, so
/// it never refuses what Braze would accept.
pub fn check_local_time_not_passed(time: NaiveDateTime, text: &str, now: DateTime<Utc>) -> Result<(), Violation> {
    if time + TimeDelta::hours(WESTERNMOST_HOURS) <= now.naive_utc() {
        return Err(Violation::LocalTimePassed { value: text.to_owned() });
    }
    Ok(())
}

/// A content card expires at most 30 days after it is sent (FACTS §7.8; the docs give the limit,
/// not Braze's reaction to a later time, and issue 9 reads it as a refusal). With
/// `expire_in_local_time` the wall-clock time is read in each user's zone, so only a time that
/// is too far out even where it arrives first (UTC+14) is refused.
pub fn check_card_expiry(
    expire_at: DateTime<FixedOffset>,
    in_local_time: bool,
    text: &str,
    sent_at: DateTime<Utc>,
) -> Result<(), Violation> {
    let earliest = if in_local_time {
        expire_at.naive_local() - TimeDelta::hours(EASTERNMOST_HOURS)
    } else {
        expire_at.naive_utc()
    };
    let latest = (sent_at + TimeDelta::days(crate::MAX_CARD_EXPIRY_DAYS)).naive_utc();
    if earliest > latest {
        let latest = if in_local_time {
            format!(
                "{} in each user's zone",
                (latest + TimeDelta::hours(EASTERNMOST_HOURS)).format("%Y-%m-%dT%H:%M:%S")
            )
        } else {
            latest.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        };
        return Err(Violation::ExpiryTooFar { value: text.to_owned(), latest });
    }
    Ok(())
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
        assert_eq!(
            check_schedule_time(TimeKind::AtOptimalTime, "not a time"),
            Err(Violation::InvalidLocalTime { flag: "at_optimal_time", value: "not a time".into() })
        );
        let help = Violation::InvalidLocalTime { flag: "in_local_time", value: "x".into() }.help();
        assert!(help.contains("\"2031-05-01T09:30:00\"") && !help.contains('Z'), "{help}");
        assert!(check_schedule_time(TimeKind::Instant, "2017-05-24T21:30:00Z").is_ok());
    }

    fn utc(text: &str) -> DateTime<Utc> {
        parse_instant("", text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_local_time_has_passed_everywhere_twelve_hours_after_utc() {
        // FACTS §6.1: in_local_time with a time that has passed in every time zone is an error.
        let time = parse_naive("2031-05-01T09:00:00").unwrap();
        assert!(check_local_time_not_passed(time, "t", utc("2031-05-01T20:59:59Z")).is_ok(), "still ahead at UTC-12");
        assert_eq!(
            check_local_time_not_passed(time, "t", utc("2031-05-01T21:00:00Z")),
            Err(Violation::LocalTimePassed { value: "t".into() })
        );
    }

    #[test]
    fn card_expiry_is_at_most_thirty_days_after_sending() {
        // FACTS §7.8: `expire_at` at most 30 days out.
        let sent = utc("2031-05-01T00:00:00Z");
        let at = |t: &str| parse_instant("", t).unwrap();
        assert!(check_card_expiry(at("2031-05-31T00:00:00Z"), false, "t", sent).is_ok());
        assert_eq!(
            check_card_expiry(at("2031-05-31T00:00:01Z"), false, "t", sent),
            Err(Violation::ExpiryTooFar { value: "t".into(), latest: "2031-05-31T00:00:00Z".into() })
        );
        // Read in each user's zone, 14:00 on day 30 arrives at UTC+14 at midnight UTC.
        assert!(check_card_expiry(at("2031-05-31T14:00:00"), true, "t", sent).is_ok());
        assert!(check_card_expiry(at("2031-05-31T14:00:01"), true, "t", sent).is_err());
    }
}

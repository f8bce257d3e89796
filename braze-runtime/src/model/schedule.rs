//! The schedule object: when a scheduled message goes out.

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use braze_rules::{TimeKind, Violation};

use crate::json::UnknownFields;
use crate::time::{Timestamp, format_local};

/// When a scheduled message is sent.
///
/// A UTC schedule takes an instant; a local-time or optimal-time schedule takes a wall-clock time
/// without an offset, so the two cannot be confused. An update replaces the whole schedule: send
/// the complete schedule you want, flags included.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The time and how it is read.
    pub time: ScheduleTime,
    /// Fields this version does not model, sent as given.
    pub unknown_fields: UnknownFields,
}

/// The time of a [`Schedule`] and how it is read.
#[derive(Debug, Clone, PartialEq)]
pub enum ScheduleTime {
    /// Everyone at one instant.
    At(Timestamp),
    /// That wall-clock time in each user's time zone (`in_local_time: true`).
    InLocalTime(NaiveDateTime),
    /// That date at each user's optimal time (`at_optimal_time: true`).
    AtOptimalTime(NaiveDateTime),
}

impl Schedule {
    /// Everyone at `instant`.
    pub fn at(instant: impl Into<Timestamp>) -> Self {
        Schedule { time: ScheduleTime::At(instant.into()), unknown_fields: UnknownFields::new() }
    }

    /// At `time` in each user's own time zone: a [`NaiveDateTime`], or a [`LocalTime`] read from
    /// text.
    pub fn in_local_time(time: impl Into<NaiveDateTime>) -> Self {
        Schedule { time: ScheduleTime::InLocalTime(time.into()), unknown_fields: UnknownFields::new() }
    }

    /// On the date of `time`, at each user's optimal time.
    pub fn at_optimal_time(time: impl Into<NaiveDateTime>) -> Self {
        Schedule { time: ScheduleTime::AtOptimalTime(time.into()), unknown_fields: UnknownFields::new() }
    }

    /// Reads a schedule as Braze's JSON writes it: `time` plus the two optional flags.
    ///
    /// Both flags at once have no documented meaning; the schedule is then read as a local time
    /// and keeps `at_optimal_time: true` among its unknown fields, sent as given, and validation
    /// refuses it as a guard ([`Violation::ConflictingScheduleFlags`]).
    pub fn parse(time: &str, in_local_time: bool, at_optimal_time: bool) -> Result<Self, Violation> {
        let time = match (in_local_time, at_optimal_time) {
            (true, true) => {
                let mut schedule = Schedule::parse(time, true, false)?;
                schedule.unknown_fields.insert("at_optimal_time".to_owned(), true.into());
                return Ok(schedule);
            }
            (true, false) => ScheduleTime::InLocalTime(braze_rules::parse_local("in_local_time", time)?),
            (false, true) => ScheduleTime::AtOptimalTime(braze_rules::parse_local("at_optimal_time", time)?),
            (false, false) => {
                braze_rules::check_schedule_time(TimeKind::Instant, time)?;
                ScheduleTime::At(
                    Timestamp::parse(time)
                        .map_err(|_| Violation::InvalidTime { field: "time", value: time.to_owned() })?,
                )
            }
        };
        Ok(Schedule { time, unknown_fields: UnknownFields::new() })
    }

    /// How the time is read.
    pub fn kind(&self) -> TimeKind {
        match self.time {
            ScheduleTime::At(_) => TimeKind::Instant,
            ScheduleTime::InLocalTime(_) => TimeKind::InLocalTime,
            ScheduleTime::AtOptimalTime(_) => TimeKind::AtOptimalTime,
        }
    }

    /// Whether `key`, a flag this value keeps among its unknown fields (the other of the two
    /// schedule flags), is `true`.
    fn flag_set(&self, key: &str) -> bool {
        self.unknown_fields.get(key) == Some(&serde_json::Value::Bool(true))
    }

    /// The last instant the message goes out to anyone: the instant itself, or for a local or
    /// optimal time, when that time (or the end of that date) arrives in the westernmost zone,
    /// UTC-12.
    pub fn latest_instant(&self) -> DateTime<Utc> {
        let optimal = |t: &NaiveDateTime| (t.date().and_time(NaiveTime::MIN) + TimeDelta::hours(36)).and_utc();
        match &self.time {
            ScheduleTime::At(t) => t.instant().with_timezone(&Utc),
            // Both flags (kept for the guard): either reading may apply, so the later one.
            ScheduleTime::InLocalTime(t) if self.flag_set("at_optimal_time") => optimal(t),
            ScheduleTime::InLocalTime(t) => (*t + TimeDelta::hours(12)).and_utc(),
            ScheduleTime::AtOptimalTime(t) => optimal(t),
        }
    }

    /// The `time` field as sent.
    pub fn time_text(&self) -> String {
        match &self.time {
            ScheduleTime::At(t) => t.as_str().to_owned(),
            ScheduleTime::InLocalTime(t) | ScheduleTime::AtOptimalTime(t) => format_local(t),
        }
    }
}

/// A wall-clock time without an offset, as local-time and optimal-time schedules take it.
///
/// Read it from text with the parser `message!` uses on literals (`"2031-05-01T09:30:00".parse()`),
/// so a time from configuration or a form needs no chrono of its own:
///
/// ```
/// use braze_dsl::model::{LocalTime, Schedule};
/// let at: LocalTime = "2031-05-01T09:30:00".parse()?;
/// let schedule = Schedule::in_local_time(at);
/// assert!("2031-05-01T09:30:00Z".parse::<LocalTime>().is_err(), "an offset is refused");
/// # Ok::<(), braze_dsl::Violation>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(pub NaiveDateTime);

impl std::str::FromStr for LocalTime {
    type Err = Violation;

    fn from_str(text: &str) -> Result<Self, Violation> {
        braze_rules::parse_local("in_local_time", text).map(LocalTime)
    }
}

impl From<LocalTime> for NaiveDateTime {
    fn from(time: LocalTime) -> Self {
        time.0
    }
}

impl std::fmt::Display for LocalTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_local(&self.0))
    }
}

impl Serialize for Schedule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.time {
            ScheduleTime::At(t) => map.serialize_entry("time", t)?,
            ScheduleTime::InLocalTime(t) => {
                map.serialize_entry("time", &format_local(t))?;
                map.serialize_entry("in_local_time", &true)?;
            }
            ScheduleTime::AtOptimalTime(t) => {
                map.serialize_entry("time", &format_local(t))?;
                map.serialize_entry("at_optimal_time", &true)?;
            }
        }
        for (k, v) in &self.unknown_fields {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Deserialize)]
struct RawSchedule {
    time: String,
    #[serde(default)]
    in_local_time: bool,
    #[serde(default)]
    at_optimal_time: bool,
    #[serde(flatten)]
    unknown_fields: UnknownFields,
}

impl<'de> Deserialize<'de> for Schedule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawSchedule::deserialize(deserializer)?;
        let mut schedule =
            Schedule::parse(&raw.time, raw.in_local_time, raw.at_optimal_time).map_err(serde::de::Error::custom)?;
        schedule.unknown_fields.extend(raw.unknown_fields);
        Ok(schedule)
    }
}

/// A valid time and no offset on local times are enforced by the type; what is left is the
/// clock (a local time already past everywhere) and the guard against both flags.
impl crate::validate::Validate for Schedule {
    fn validate_into(&self, v: &mut crate::validate::Validator) {
        let both = match self.time {
            ScheduleTime::InLocalTime(_) => self.flag_set("at_optimal_time"),
            ScheduleTime::AtOptimalTime(_) => self.flag_set("in_local_time"),
            ScheduleTime::At(_) => false,
        };
        if both {
            v.report_at("at_optimal_time", Violation::ConflictingScheduleFlags);
        }
        if let ScheduleTime::InLocalTime(t) = &self.time {
            v.check_at("time", braze_rules::check_local_time_not_passed(*t, &format_local(t), v.now()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn local_time_serializes_with_its_flag_and_no_offset() {
        let s: Schedule =
            serde_json::from_value(json!({"time": "2015-02-20T13:14:47", "in_local_time": true})).unwrap();
        assert_eq!(s.kind(), TimeKind::InLocalTime);
        assert_eq!(serde_json::to_value(&s).unwrap(), json!({"time": "2015-02-20T13:14:47", "in_local_time": true}));
    }

    #[test]
    fn local_time_with_an_offset_is_refused_with_the_rulebook_words() {
        let err = serde_json::from_value::<Schedule>(json!({"time": "2017-05-24T21:30:00Z", "in_local_time": true}))
            .unwrap_err();
        let expected = Violation::LocalTimeWithOffset { flag: "in_local_time", value: "2017-05-24T21:30:00Z".into() };
        assert_eq!(err.to_string(), expected.to_string());
    }

    #[test]
    fn empty_time_is_refused_and_both_flags_are_kept_for_the_guard() {
        assert!(serde_json::from_value::<Schedule>(json!({"time": ""})).is_err());
        let both = json!({"time": "2031-01-01T00:00:00", "in_local_time": true, "at_optimal_time": true});
        let s: Schedule = serde_json::from_value(both.clone()).unwrap();
        assert_eq!(serde_json::to_value(&s).unwrap(), both, "sent as given");
        let err = crate::validate::Validate::validate(&s).unwrap_err();
        assert!(err.has("at_optimal_time", &Violation::ConflictingScheduleFlags), "{err}");
    }

    #[test]
    fn utc_time_without_offset_is_an_instant() {
        let s: Schedule = serde_json::from_value(json!({"time": "2015-02-20T14:14:47"})).unwrap();
        assert_eq!(s.kind(), TimeKind::Instant);
        assert_eq!(s.time_text(), "2015-02-20T14:14:47");
    }
}

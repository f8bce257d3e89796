//! The schedule object: when a scheduled message goes out.

use chrono::NaiveDateTime;
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

    /// At `time` in each user's own time zone.
    pub fn in_local_time(time: NaiveDateTime) -> Self {
        Schedule { time: ScheduleTime::InLocalTime(time), unknown_fields: UnknownFields::new() }
    }

    /// On the date of `time`, at each user's optimal time.
    pub fn at_optimal_time(time: NaiveDateTime) -> Self {
        Schedule { time: ScheduleTime::AtOptimalTime(time), unknown_fields: UnknownFields::new() }
    }

    /// Reads a schedule as Braze's JSON writes it: `time` plus the two optional flags.
    pub fn parse(time: &str, in_local_time: bool, at_optimal_time: bool) -> Result<Self, Violation> {
        let time = match (in_local_time, at_optimal_time) {
            (true, true) => return Err(Violation::ConflictingScheduleFlags),
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

    /// The `time` field as sent.
    pub fn time_text(&self) -> String {
        match &self.time {
            ScheduleTime::At(t) => t.as_str().to_owned(),
            ScheduleTime::InLocalTime(t) | ScheduleTime::AtOptimalTime(t) => format_local(t),
        }
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
        schedule.unknown_fields = raw.unknown_fields;
        Ok(schedule)
    }
}

/// A schedule's rules (a valid time, no offset on local times, one flag) are enforced by its
/// type: a `Schedule` that exists is valid.
impl crate::validate::Validate for Schedule {
    fn validate_into(&self, _: &mut crate::validate::Validator) {}
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
    fn empty_time_and_both_flags_are_refused() {
        assert!(serde_json::from_value::<Schedule>(json!({"time": ""})).is_err());
        let err = serde_json::from_value::<Schedule>(
            json!({"time": "2031-01-01T00:00:00", "in_local_time": true, "at_optimal_time": true}),
        )
        .unwrap_err();
        assert!(err.to_string().contains("cannot both be true"));
    }

    #[test]
    fn utc_time_without_offset_is_an_instant() {
        let s: Schedule = serde_json::from_value(json!({"time": "2015-02-20T14:14:47"})).unwrap();
        assert_eq!(s.kind(), TimeKind::Instant);
        assert_eq!(s.time_text(), "2015-02-20T14:14:47");
    }
}

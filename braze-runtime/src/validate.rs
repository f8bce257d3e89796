//! Applying the rulebook to values: every problem of one request, each with its field path.

use std::fmt;

use braze_rules::Violation;
use chrono::{DateTime, Utc};

/// One problem found in a request: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    path: String,
    kind: ProblemKind,
}

/// What kind of problem a [`Problem`] is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A rule of Braze's API is broken.
    Rule(Violation),
    /// The JSON does not have the documented shape (wrong type, missing field, bad value).
    Malformed(String),
}

impl Problem {
    /// A problem at `path` (dotted, with `[i]` for array items; empty for the whole request).
    pub fn new(path: impl Into<String>, kind: ProblemKind) -> Self {
        Problem { path: path.into(), kind }
    }

    /// The field path, e.g. `recipients[3].email` (empty for the whole request).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }

    /// The broken rule, if this problem is one.
    pub fn rule(&self) -> Option<&Violation> {
        match &self.kind {
            ProblemKind::Rule(v) => Some(v),
            ProblemKind::Malformed(_) => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what: &dyn fmt::Display = match &self.kind {
            ProblemKind::Rule(v) => v,
            ProblemKind::Malformed(m) => m,
        };
        if self.path.is_empty() { write!(f, "{what}") } else { write!(f, "at `{}`: {what}", self.path) }
    }
}

/// A request that breaks the rulebook or the documented shape. It was not sent.
///
/// Holds every problem found, never none.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct InvalidRequest {
    problems: Vec<Problem>,
}

impl InvalidRequest {
    /// Wraps a non-empty list of problems.
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        InvalidRequest { problems }
    }

    /// Every problem found, in the order of the request's fields.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Whether some problem at `path` broke a rule equal to `violation`.
    pub fn has(&self, path: &str, violation: &Violation) -> bool {
        self.problems.iter().any(|p| p.path == path && p.rule() == Some(violation))
    }

    /// The problems Braze itself refuses: everything but guards ([`Violation::is_guard`]).
    /// `None` when only guards are left, i.e. when Braze would accept the request.
    pub fn refused_by_braze(&self) -> Option<InvalidRequest> {
        let problems: Vec<Problem> =
            self.problems.iter().filter(|p| !p.rule().is_some_and(Violation::is_guard)).cloned().collect();
        (!problems.is_empty()).then(|| InvalidRequest::new(problems))
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "invalid request: {one}"),
            many => {
                write!(f, "invalid request, {} problems:", many.len())?;
                for p in many {
                    write!(f, "\n  - {p}")?;
                }
                Ok(())
            }
        }
    }
}

/// Collects the problems of one value, tracking the path of the field being checked.
///
/// Rules that depend on the clock (a local-time schedule already past everywhere, a content card
/// expiring too far out) read [`Validator::now`]: the time the validator was made with.
#[derive(Debug)]
pub struct Validator {
    /// The names of the fields on the path, end to end; each `Segment::Field` says where its
    /// name ends. The path is only spelled out when a problem is reported, so a valid request is
    /// checked without allocating or formatting per field.
    names: String,
    segments: Vec<Segment>,
    problems: Vec<Problem>,
    now: DateTime<Utc>,
    /// When the message being checked goes out: `now` (`Now`), a schedule's time (`At`), or
    /// not known (`Unknown`: new messages for a schedule whose time the request does not carry).
    sent_at: SendTime,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum SendTime {
    Now,
    At(DateTime<Utc>),
    Unknown,
}

impl Default for Validator {
    fn default() -> Self {
        Validator::at_time(Utc::now())
    }
}

#[derive(Debug, Clone, Copy)]
enum Segment {
    Field { end: usize },
    Index(usize),
}

impl Validator {
    /// A validator whose clock reads `now` (the default reads the system clock).
    pub fn at_time(now: DateTime<Utc>) -> Self {
        Validator { names: String::new(), segments: Vec::new(), problems: Vec::new(), now, sent_at: SendTime::Now }
    }

    /// The time the clock-dependent rules compare with.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// When the message being checked goes out: [`Validator::now`], or a later schedule's time;
    /// `None` when the request does not say (new messages for an existing schedule), and the
    /// rules relative to sending are then left to Braze.
    pub fn send_time(&self) -> Option<DateTime<Utc>> {
        match self.sent_at {
            SendTime::Now => Some(self.now),
            SendTime::At(at) => Some(at),
            SendTime::Unknown => None,
        }
    }

    /// Runs `f` for a message sent at `at` (a schedule's time), for rules relative to sending;
    /// `None` for a time the request does not carry.
    pub fn sending_at(&mut self, at: Option<DateTime<Utc>>, f: impl FnOnce(&mut Self)) {
        let at = at.map_or(SendTime::Unknown, |at| SendTime::At(at.max(self.now)));
        let previous = std::mem::replace(&mut self.sent_at, at);
        f(self);
        self.sent_at = previous;
    }

    /// The current path, dotted, with `[i]` for list items.
    fn current(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let mut start = 0;
        for segment in &self.segments {
            match *segment {
                Segment::Field { end } => {
                    let name = &self.names[start..end];
                    start = end;
                    if !out.is_empty() && !name.starts_with('[') {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                // Writing into a String cannot fail.
                Segment::Index(i) => drop(write!(out, "[{i}]")),
            }
        }
        out
    }

    /// Runs `f` with `segment` on the path, then restores the path to `names_len`.
    fn within(&mut self, segment: Segment, names_len: usize, f: impl FnOnce(&mut Self)) {
        self.segments.push(segment);
        f(self);
        self.segments.pop();
        self.names.truncate(names_len);
    }

    /// Records a violation at the current path.
    pub fn report(&mut self, violation: Violation) {
        let path = self.current();
        self.problems.push(Problem::new(path, ProblemKind::Rule(violation)));
    }

    /// Records a violation at `field` below the current path.
    pub fn report_at(&mut self, field: &str, violation: Violation) {
        self.at(field, |v| v.report(violation));
    }

    /// Records the error of `result`, if any, at the current path.
    pub fn check(&mut self, result: Result<(), Violation>) {
        if let Err(violation) = result {
            self.report(violation);
        }
    }

    /// Records the error of `result`, if any, at `field` below the current path.
    pub fn check_at(&mut self, field: &str, result: Result<(), Violation>) {
        if let Err(violation) = result {
            self.report_at(field, violation);
        }
    }

    /// Runs `f` with `field` pushed onto the path.
    pub fn at(&mut self, field: &str, f: impl FnOnce(&mut Self)) {
        let len = self.names.len();
        self.names.push_str(field);
        self.within(Segment::Field { end: self.names.len() }, len, f);
    }

    /// Runs `f` with the list index `[i]` pushed onto the path.
    pub fn index(&mut self, i: usize, f: impl FnOnce(&mut Self)) {
        self.within(Segment::Index(i), self.names.len(), f);
    }

    /// Validates `value` as the field `field`.
    pub fn nested<T: Validate + ?Sized>(&mut self, field: &str, value: &T) {
        self.at(field, |v| value.validate_into(v));
    }

    /// Validates `value` if present.
    pub fn optional<T: Validate>(&mut self, field: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.nested(field, value);
        }
    }

    /// Validates each item of a list as `field[i]`.
    pub fn each<T: Validate>(&mut self, field: &str, items: &[T]) {
        self.at(field, |v| {
            for (i, item) in items.iter().enumerate() {
                v.index(i, |v| item.validate_into(v));
            }
        });
    }

    /// The problems found so far, as a result.
    pub fn finish(self) -> Result<(), InvalidRequest> {
        if self.problems.is_empty() { Ok(()) } else { Err(InvalidRequest::new(self.problems)) }
    }
}

/// A value the rulebook can check.
pub trait Validate {
    /// Records every problem of `self` into `v`, at paths relative to the current one.
    fn validate_into(&self, v: &mut Validator);

    /// Checks `self` against the rulebook, reporting every problem at once. Rules that depend
    /// on the clock compare with the system clock.
    fn validate(&self) -> Result<(), InvalidRequest> {
        self.validate_at(Utc::now())
    }

    /// Like [`Validate::validate`], with the clock reading `now`.
    fn validate_at(&self, now: DateTime<Utc>) -> Result<(), InvalidRequest> {
        let mut v = Validator::at_time(now);
        self.validate_into(&mut v);
        v.finish()
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, v: &mut Validator) {
        for (i, item) in self.iter().enumerate() {
            v.index(i, |v| item.validate_into(v));
        }
    }
}

/// Checks that a required string is not blank.
pub(crate) fn not_blank(v: &mut Validator, field: &'static str, value: &str) {
    v.check_at(field, braze_rules::check_not_blank(field, value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_fields_with_dots_and_indexes_with_brackets() {
        let mut v = Validator::default();
        v.at("recipients", |v| v.at("[3]", |v| v.report_at("email", Violation::EmailNeedsPrioritization)));
        v.at("recipients", |v| v.index(12, |v| v.report_at("email", Violation::EmailNeedsPrioritization)));
        v.report_at("messages", Violation::NoMessages);
        let err = v.finish().unwrap_err();
        let paths: Vec<&str> = err.problems().iter().map(Problem::path).collect();
        assert_eq!(paths, ["recipients[3].email", "recipients[12].email", "messages"], "the path unwinds");
        assert!(err.to_string().contains("\n  - at `recipients[3].email`: "), "{err}");
    }

    #[test]
    fn no_problem_means_ok() {
        assert!(Validator::default().finish().is_ok());
    }
}

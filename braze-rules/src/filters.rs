//! Connected audience filters: which `value` each `custom_attribute` comparison takes.

use crate::Violation;
use crate::values::comparison_value_kind;

/// What a filter's `value` is, as far as the rule needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind<'a> {
    /// `true` or `false`.
    Bool,
    /// Any number.
    Number,
    /// A string, with its text (date comparisons check it is ISO 8601).
    Str(&'a str),
    /// An object, a list or null.
    Other,
}

/// Whether `value` fits `comparison`. Booleans compare with `does_not_equal`, every other type
/// with `not_equal`; `exists` / `does_not_exist` take no value; the day counts take numbers.
pub fn check_comparison_value(comparison: &str, value: Option<ValueKind<'_>>) -> Result<(), Violation> {
    let expected = comparison_value_kind(comparison);
    let fits = match (expected, value) {
        ("no value", None) => true,
        ("no value", Some(_)) | (_, None) => false,
        ("a boolean", Some(v)) => v == ValueKind::Bool,
        ("a string", Some(v)) => matches!(v, ValueKind::Str(_)),
        ("a number", Some(v)) => v == ValueKind::Number,
        ("an ISO 8601 date-time string", Some(ValueKind::Str(s))) => crate::parse_instant("value", s).is_ok(),
        ("an ISO 8601 date-time string", Some(_)) => false,
        ("a string or a number", Some(v)) => matches!(v, ValueKind::Str(_) | ValueKind::Number),
        (_, Some(v)) => v != ValueKind::Other,
    };
    if !fits {
        if comparison == "does_not_equal" && value.is_some_and(|v| v != ValueKind::Bool) {
            return Err(Violation::InequalitySpelling { found: "does_not_equal", expected: "not_equal" });
        }
        return Err(Violation::ComparisonValue { comparison: comparison.to_owned(), expected });
    }
    if comparison == "not_equal" && value == Some(ValueKind::Bool) {
        return Err(Violation::InequalitySpelling { found: "not_equal", expected: "does_not_equal" });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_are_compared_with_does_not_equal() {
        assert_eq!(
            check_comparison_value("not_equal", Some(ValueKind::Bool)),
            Err(Violation::InequalitySpelling { found: "not_equal", expected: "does_not_equal" })
        );
        assert!(check_comparison_value("does_not_equal", Some(ValueKind::Bool)).is_ok());
        assert!(check_comparison_value("not_equal", Some(ValueKind::Str("blue"))).is_ok());
    }

    #[test]
    fn values_fit_their_comparison() {
        assert!(check_comparison_value("exists", None).is_ok());
        assert!(check_comparison_value("exists", Some(ValueKind::Number)).is_err());
        assert!(check_comparison_value("after", Some(ValueKind::Str("2019-07-22T13:17:55+0000"))).is_ok());
        assert!(check_comparison_value("after", Some(ValueKind::Str("yesterday"))).is_err());
        assert!(check_comparison_value("equals", None).is_err());
    }
}

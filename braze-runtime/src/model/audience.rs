//! The connected audience object: a tree of filters over user attributes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use braze_rules::{ValueKind, Violation};

use crate::json::UnknownFields;
use crate::time::Timestamp;
use crate::validate::{Validate, Validator};

/// A connected audience: one filter, or `AND` / `OR` groups of filters, nested freely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Audience {
    /// Users matching every filter.
    #[serde(rename = "AND")]
    And(Vec<Audience>),
    /// Users matching any filter.
    #[serde(rename = "OR")]
    Or(Vec<Audience>),
    /// A custom attribute comparison.
    #[serde(rename = "custom_attribute")]
    CustomAttribute(CustomAttributeFilter),
    /// Push subscription status.
    #[serde(rename = "push_subscription_status")]
    PushSubscriptionStatus(SubscriptionStatusFilter),
    /// Email subscription status.
    #[serde(rename = "email_subscription_status")]
    EmailSubscriptionStatus(SubscriptionStatusFilter),
    /// When the user last used the app.
    #[serde(rename = "last_used_app")]
    LastUsedApp(LastUsedAppFilter),
}

impl Audience {
    /// Users matching all of `filters`.
    pub fn all(filters: impl IntoIterator<Item = Audience>) -> Self {
        Audience::And(filters.into_iter().collect())
    }

    /// Users matching any of `filters`.
    pub fn any(filters: impl IntoIterator<Item = Audience>) -> Self {
        Audience::Or(filters.into_iter().collect())
    }

    /// A custom attribute filter.
    pub fn custom_attribute(name: impl Into<String>, comparison: Comparison, value: impl Into<Option<Value>>) -> Self {
        Audience::CustomAttribute(CustomAttributeFilter {
            custom_attribute_name: name.into(),
            comparison,
            value: value.into(),
            unknown_fields: UnknownFields::new(),
        })
    }
}

/// A comparison of a `custom_attribute` filter. Which ones apply depends on the attribute's
/// type; note that booleans use `does_not_equal` where other types use `not_equal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the names are Braze's own and say what they do
pub enum Comparison {
    Equals,
    NotEqual,
    DoesNotEqual,
    MatchesRegex,
    DoesNotMatchRegex,
    Exists,
    DoesNotExist,
    IncludesValue,
    DoesNotIncludeValue,
    GreaterThan,
    GreaterThanOrEqualTo,
    LessThan,
    LessThanOrEqualTo,
    LessThanXDaysAgo,
    GreaterThanXDaysAgo,
    LessThanXDaysInTheFuture,
    GreaterThanXDaysInTheFuture,
    After,
    Before,
}

impl Comparison {
    /// Braze's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::Equals => "equals",
            Comparison::NotEqual => "not_equal",
            Comparison::DoesNotEqual => "does_not_equal",
            Comparison::MatchesRegex => "matches_regex",
            Comparison::DoesNotMatchRegex => "does_not_match_regex",
            Comparison::Exists => "exists",
            Comparison::DoesNotExist => "does_not_exist",
            Comparison::IncludesValue => "includes_value",
            Comparison::DoesNotIncludeValue => "does_not_include_value",
            Comparison::GreaterThan => "greater_than",
            Comparison::GreaterThanOrEqualTo => "greater_than_or_equal_to",
            Comparison::LessThan => "less_than",
            Comparison::LessThanOrEqualTo => "less_than_or_equal_to",
            Comparison::LessThanXDaysAgo => "less_than_x_days_ago",
            Comparison::GreaterThanXDaysAgo => "greater_than_x_days_ago",
            Comparison::LessThanXDaysInTheFuture => "less_than_x_days_in_the_future",
            Comparison::GreaterThanXDaysInTheFuture => "greater_than_x_days_in_the_future",
            Comparison::After => "after",
            Comparison::Before => "before",
        }
    }
}

/// `custom_attribute`: compares a custom attribute with a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomAttributeFilter {
    /// The attribute.
    pub custom_attribute_name: String,
    /// How to compare.
    pub comparison: Comparison,
    /// The value to compare with; absent for `exists` / `does_not_exist`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// `is` or `is_not`, for subscription status filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusComparison {
    /// The status is the value.
    Is,
    /// The status is not the value.
    IsNot,
}

/// A subscription status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// Explicitly opted in.
    OptedIn,
    /// Subscribed (the default state).
    Subscribed,
    /// Unsubscribed.
    Unsubscribed,
}

/// `push_subscription_status` / `email_subscription_status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionStatusFilter {
    /// `is` or `is_not`.
    pub comparison: StatusComparison,
    /// The status.
    pub value: SubscriptionStatus,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// `after` or `before`, for `last_used_app`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeComparison {
    /// Later than the value.
    After,
    /// Earlier than the value.
    Before,
}

/// `last_used_app`: when the user last used the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastUsedAppFilter {
    /// `after` or `before`.
    pub comparison: TimeComparison,
    /// The instant.
    pub value: Timestamp,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Validate for Audience {
    fn validate_into(&self, v: &mut Validator) {
        match self {
            Audience::And(items) | Audience::Or(items) => {
                let operator = if matches!(self, Audience::And(_)) { "AND" } else { "OR" };
                if items.is_empty() {
                    v.report_at(operator, Violation::EmptyGroup { operator });
                }
                v.each(operator, items);
            }
            Audience::CustomAttribute(filter) => v.nested("custom_attribute", filter),
            Audience::PushSubscriptionStatus(_) | Audience::EmailSubscriptionStatus(_) | Audience::LastUsedApp(_) => {}
        }
    }
}

impl Validate for CustomAttributeFilter {
    fn validate_into(&self, v: &mut Validator) {
        crate::validate::not_blank(v, "custom_attribute_name", &self.custom_attribute_name);
        if let Err(violation) = check_comparison_value(self.comparison, self.value.as_ref()) {
            v.report_at("value", violation);
        }
    }
}

/// Whether `value` fits `comparison` (the rulebook's rule, which the macros check on literals).
pub fn check_comparison_value(comparison: Comparison, value: Option<&Value>) -> Result<(), Violation> {
    let kind = value.map(|v| match v {
        Value::Bool(_) => ValueKind::Bool,
        Value::Number(_) => ValueKind::Number,
        Value::String(s) => ValueKind::Str(s),
        _ => ValueKind::Other,
    });
    braze_rules::check_comparison_value(comparison.as_str(), kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn comparison_spellings_match_the_rulebook() {
        for name in braze_rules::values::CUSTOM_ATTRIBUTE_COMPARISON {
            let c: Comparison = serde_json::from_value(json!(name)).unwrap();
            assert_eq!(c.as_str(), *name);
            assert_eq!(serde_json::to_value(c).unwrap(), json!(name));
        }
    }

    #[test]
    fn booleans_use_does_not_equal() {
        assert_eq!(
            check_comparison_value(Comparison::NotEqual, Some(&json!(true))),
            Err(Violation::InequalitySpelling { found: "not_equal", expected: "does_not_equal" })
        );
        assert_eq!(check_comparison_value(Comparison::DoesNotEqual, Some(&json!(false))), Ok(()));
        assert_eq!(
            check_comparison_value(Comparison::DoesNotEqual, Some(&json!("blue"))),
            Err(Violation::InequalitySpelling { found: "does_not_equal", expected: "not_equal" })
        );
    }

    #[test]
    fn value_kinds_follow_the_comparison() {
        assert!(check_comparison_value(Comparison::Exists, None).is_ok());
        assert!(check_comparison_value(Comparison::Exists, Some(&json!(1))).is_err());
        assert!(check_comparison_value(Comparison::LessThanXDaysAgo, Some(&json!(2))).is_ok());
        assert!(check_comparison_value(Comparison::LessThanXDaysAgo, Some(&json!("2"))).is_err());
        assert!(check_comparison_value(Comparison::After, Some(&json!("2019-07-22T13:17:55+0000"))).is_ok());
        assert!(check_comparison_value(Comparison::After, Some(&json!("yesterday"))).is_err());
        assert!(check_comparison_value(Comparison::Equals, None).is_err());
    }
}

//! The `kindle_push` channel object.

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::validate::{Validate, Validator};

/// A Kindle / FireOS push notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindlePush {
    /// The text.
    pub alert: String,
    /// The title.
    pub title: String,
    /// Braze's `extra` object: key-value pairs delivered to the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// The message variation, required when the send carries `campaign_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// The notification priority, from -2 to 2 (Braze sends 0 for anything else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// Notifications with the same key replace each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collapse_key: Option<String>,
    /// The sound to play.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    /// A web URL or deep link opened on tap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_uri: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl KindlePush {
    /// A Kindle push with its required fields.
    pub fn new(alert: impl Into<String>, title: impl Into<String>) -> Self {
        KindlePush { alert: alert.into(), title: title.into(), ..Blank::blank() }
    }
}

impl Validate for KindlePush {
    fn validate_into(&self, v: &mut Validator) {
        // FACTS §7.3: out of range → 0, which Braze does silently (a guard).
        if let Some(value) = self.priority
            && !(-2..=2).contains(&value)
        {
            v.report_at("priority", Violation::PriorityRewritten { value });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Validate;
    use serde_json::json;

    #[test]
    fn every_field_round_trips_and_unknown_fields_are_kept() {
        let json = json!({
            "alert": "Your order shipped",
            "title": "Order A-17",
            "extra": {"order_id": "A-17"},
            "message_variation_id": "kindlePush-1",
            "priority": -1,
            "collapse_key": "order-A-17",
            "sound": "chime",
            "custom_uri": "myapp://orders/A-17",
            "future_field": [1, 2]
        });
        let push: KindlePush = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&push).unwrap(), json);
        assert!(push.unknown_fields.contains_key("future_field"));
        assert!(push.validate().is_ok());
    }

    #[test]
    fn priority_is_between_minus_two_and_two() {
        let mut push = KindlePush::new("a", "t");
        push.priority = Some(-3);
        let err = push.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), "priority");
        assert_eq!(err.problems()[0].rule(), Some(&Violation::PriorityRewritten { value: -3 }));
    }
}

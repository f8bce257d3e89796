//! The `android_push` channel object.

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::validate::{Validate, Validator};

use super::ButtonAction;

/// The longest `time_to_live` FCM accepts, in seconds (28 days).
const MAX_TIME_TO_LIVE: u64 = 2_419_200;
/// Why a button's `uri` is required.
const LINK_ACTION: &str = "the button's `action` is \"URI\" or \"DEEP_LINK\"";

/// An Android push notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AndroidPush {
    /// The text; required unless `send_to_sync` is true, refused with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    /// The title; required unless `send_to_sync` is true, refused with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Braze's `extra` object: key-value pairs delivered to the app (`appboy_image_url` shows a Big Picture).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// The message variation, required when the send carries `campaign_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// The notification channel; falls back to the channel set in the dashboard.
    #[serde(alias = "notification_channel", default, skip_serializing_if = "Option::is_none")]
    pub notification_channel_id: Option<String>,
    /// The notification priority, from -2 to 2 (Braze sends 0 for anything else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// The FCM delivery priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub android_priority: Option<AndroidPriority>,
    /// A silent push that syncs the app; Braze refuses it with `alert` or `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_to_sync: Option<bool>,
    /// Notifications with the same key replace each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collapse_key: Option<String>,
    /// The sound to play.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    /// A web URL or deep link opened on tap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_uri: Option<String>,
    /// Whether a web `custom_uri` opens inside the app (defaults to false here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_webview: Option<bool>,
    /// The summary line of an expanded notification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_text: Option<String>,
    /// How long FCM keeps the push for an offline device, in seconds (at most 2,419,200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<u64>,
    /// A notification with the same id replaces an earlier one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_id: Option<i64>,
    /// The small icon image (1:1, at least 40×40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_icon_image_url: Option<String>,
    /// The accent color, an RGB value as an integer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent_color: Option<i64>,
    /// Send only to the user's most recently used device (defaults to false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_to_most_recent_device_only: Option<bool>,
    /// Action buttons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buttons: Option<Vec<AndroidButton>>,
    /// A conversation-style notification (Android SDK 15.0.0 or later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_data: Option<ConversationData>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl AndroidPush {
    /// A visible Android push with its required fields.
    pub fn new(alert: impl Into<String>, title: impl Into<String>) -> Self {
        AndroidPush { alert: Some(alert.into()), title: Some(title.into()), ..Blank::blank() }
    }

    /// A silent push that wakes the app to sync (`send_to_sync: true`): no alert, no title, and
    /// data in `extra`.
    pub fn sync(extra: serde_json::Map<String, serde_json::Value>) -> Self {
        AndroidPush { send_to_sync: Some(true), extra: Some(extra), ..Blank::blank() }
    }

    /// The bytes Braze counts against the 4,000-byte limit: `alert` and `extra`
    /// (see [`braze_rules::check_push_length`]).
    pub fn payload_bytes(&self) -> usize {
        self.alert.as_ref().map_or(0, String::len) + self.extra.as_ref().map_or(0, super::json_len)
    }
}

/// Why `alert` and `title` are required.
const VISIBLE: &str = "`send_to_sync` is not true";

impl Validate for AndroidPush {
    fn validate_into(&self, v: &mut Validator) {
        let silent = self.send_to_sync == Some(true);
        for (field, value) in [("alert", &self.alert), ("title", &self.title)] {
            match (silent, value) {
                (false, None) => v.report_at(field, Violation::RequiredWhen { field, condition: VISIBLE }),
                (true, Some(_)) => v.report_at(field, Violation::SyncPushWithContent { field }),
                _ => {}
            }
        }
        v.check(braze_rules::check_push_length("android_push", self.payload_bytes()));
        if let Some(value) = self.priority
            && !(-2..=2).contains(&value)
        {
            v.report_at("priority", Violation::PriorityRewritten { value });
        }
        if let Some(ttl) = self.time_to_live
            && ttl > MAX_TIME_TO_LIVE
        {
            v.report_at(
                "time_to_live",
                Violation::OutOfRange { field: "time_to_live", value: ttl.to_string(), min: "0", max: "2419200" },
            );
        }
        if let Some(buttons) = &self.buttons {
            v.each("buttons", buttons);
        }
    }
}

/// The FCM delivery priority of an Android push.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AndroidPriority {
    /// Delivered when the device is awake.
    #[serde(rename = "normal")]
    Normal,
    /// Delivered at once, waking the device.
    #[serde(rename = "high")]
    High,
}

impl AndroidPriority {
    /// The spelling Braze accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            AndroidPriority::Normal => "normal",
            AndroidPriority::High => "high",
        }
    }
}

/// An action button of an Android push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AndroidButton {
    /// The label.
    pub text: String,
    /// What a tap does (defaults to `OPEN_APP`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ButtonAction>,
    /// The URL or deep link opened, required when `action` is `URI` or `DEEP_LINK`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Whether a web `uri` opens inside the app (defaults to true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_webview: Option<bool>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl AndroidButton {
    /// A button labelled `text` that opens the app.
    pub fn new(text: impl Into<String>) -> Self {
        AndroidButton { text: text.into(), ..Blank::blank() }
    }
}

impl Validate for AndroidButton {
    fn validate_into(&self, v: &mut Validator) {
        if self.action.is_some_and(ButtonAction::needs_uri) && self.uri.is_none() {
            v.report_at("uri", Violation::RequiredWhen { field: "uri", condition: LINK_ACTION });
        }
    }
}

/// The conversation shown by a conversation-style Android push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationData {
    /// The id of the app shortcut the conversation belongs to.
    pub shortcut_id: String,
    /// The id of the person the user replies to.
    pub reply_person_id: String,
    /// The messages shown.
    pub messages: Vec<ConversationMessage>,
    /// The people taking part.
    pub persons: Vec<ConversationPerson>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ConversationData {
    /// A conversation with its required fields.
    pub fn new(
        shortcut_id: impl Into<String>,
        reply_person_id: impl Into<String>,
        messages: Vec<ConversationMessage>,
        persons: Vec<ConversationPerson>,
    ) -> Self {
        ConversationData {
            shortcut_id: shortcut_id.into(),
            reply_person_id: reply_person_id.into(),
            messages,
            persons,
            unknown_fields: UnknownFields::new(),
        }
    }
}

/// One message of a conversation-style Android push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationMessage {
    /// The text.
    pub text: String,
    /// When it was written, in Unix seconds.
    pub timestamp: i64,
    /// Who wrote it: the `id` of one of the conversation's `persons`.
    pub person_id: String,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ConversationMessage {
    /// A message with its required fields.
    pub fn new(text: impl Into<String>, timestamp: i64, person_id: impl Into<String>) -> Self {
        ConversationMessage {
            text: text.into(),
            timestamp,
            person_id: person_id.into(),
            unknown_fields: UnknownFields::new(),
        }
    }
}

/// One person of a conversation-style Android push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationPerson {
    /// The id messages refer to.
    pub id: String,
    /// The name shown.
    pub name: String,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ConversationPerson {
    /// A person with its required fields.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        ConversationPerson { id: id.into(), name: name.into(), unknown_fields: UnknownFields::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Validate;
    use serde_json::json;

    fn round_trip(json: serde_json::Value) -> AndroidPush {
        let push: AndroidPush = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&push).unwrap(), json);
        push
    }

    fn assert_first(push: &AndroidPush, path: &str, violation: Violation) {
        let err = push.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), path, "{err}");
        assert_eq!(err.problems()[0].rule(), Some(&violation), "{err}");
    }

    #[test]
    fn android_priorities_are_spelled_as_braze_documents() {
        const ALL: [AndroidPriority; 2] = [AndroidPriority::Normal, AndroidPriority::High];
        let spelled: Vec<String> =
            ALL.iter().map(|p| serde_json::to_value(p).unwrap().as_str().unwrap().to_owned()).collect();
        assert_eq!(spelled, braze_rules::values::ANDROID_PRIORITY);
        assert_eq!(ALL.map(AndroidPriority::as_str), braze_rules::values::ANDROID_PRIORITY);
    }

    #[test]
    fn documented_example_round_trips() {
        let push = round_trip(json!({"title": "Updated title!", "alert": "Updated message!"}));
        assert_eq!(push, AndroidPush::new("Updated message!", "Updated title!"));
        assert!(push.validate().is_ok());
    }

    #[test]
    fn every_field_round_trips_and_unknown_fields_are_kept() {
        let push = round_trip(json!({
            "alert": "Your order shipped",
            "title": "Order A-17",
            "extra": {"appboy_image_url": "https://cdn.example.com/box.png"},
            "message_variation_id": "androidPush-1",
            "notification_channel_id": "orders",
            "priority": 1,
            "android_priority": "high",
            "send_to_sync": false,
            "collapse_key": "order-A-17",
            "sound": "chime",
            "custom_uri": "myapp://orders/A-17",
            "use_webview": false,
            "summary_text": "1 new order update",
            "time_to_live": 3600,
            "notification_id": 17,
            "push_icon_image_url": "https://cdn.example.com/icon.png",
            "accent_color": 16711680,
            "send_to_most_recent_device_only": true,
            "buttons": [
                {"text": "Track", "action": "URI", "uri": "https://example.com/track", "use_webview": true},
                {"text": "Dismiss", "action": "CLOSE"}
            ],
            "conversation_data": {
                "shortcut_id": "support",
                "reply_person_id": "agent",
                "messages": [{"text": "Your parcel is on its way", "timestamp": 1_700_000_000, "person_id": "agent"}],
                "persons": [{"id": "agent", "name": "Support"}]
            },
            "future_field": true
        }));
        assert_eq!(push.android_priority, Some(AndroidPriority::High));
        assert!(push.unknown_fields.contains_key("future_field"));
        assert!(push.validate().is_ok());
    }

    #[test]
    fn the_older_channel_key_is_read() {
        let push: AndroidPush =
            serde_json::from_value(json!({"alert": "a", "title": "t", "notification_channel": "orders"})).unwrap();
        assert_eq!(push.notification_channel_id.as_deref(), Some("orders"));
    }

    #[test]
    fn priority_outside_minus_two_to_two_is_refused_as_braze_rewrites_it() {
        // FACTS §7.2: priority −2…2, out of range → 0 (a guard: Braze would not refuse it).
        let mut push = AndroidPush::new("a", "t");
        push.priority = Some(3);
        assert_first(&push, "priority", Violation::PriorityRewritten { value: 3 });
        assert!(Violation::PriorityRewritten { value: 3 }.is_guard());
    }

    #[test]
    fn a_silent_push_has_no_alert_or_title_and_a_visible_one_needs_both() {
        // FACTS §7.2: send_to_sync "if set to true we will throw an error if alert or title is set".
        let mut extra = serde_json::Map::new();
        extra.insert("sync".into(), json!("inbox"));
        let silent = AndroidPush::sync(extra);
        assert!(silent.validate().is_ok(), "{:?}", silent.validate());
        assert_eq!(serde_json::to_value(&silent).unwrap(), json!({"extra": {"sync": "inbox"}, "send_to_sync": true}));
        let noisy = AndroidPush { send_to_sync: Some(true), ..AndroidPush::new("a", "t") };
        let err = noisy.validate().unwrap_err();
        assert!(err.has("alert", &Violation::SyncPushWithContent { field: "alert" }), "{err}");
        assert!(err.has("title", &Violation::SyncPushWithContent { field: "title" }), "{err}");
        let bare = AndroidPush { title: None, ..AndroidPush::new("a", "t") };
        assert_first(&bare, "title", Violation::RequiredWhen { field: "title", condition: VISIBLE });
    }

    #[test]
    fn alert_and_extra_together_are_at_most_4000_bytes() {
        // FACTS §1.4: alert + extra ≤ 4,000 bytes, "Android Push Length Exceeded".
        let mut extra = serde_json::Map::new();
        extra.insert("k".into(), json!("v")); // {"k":"v"}: 9 bytes
        let fits = AndroidPush { extra: Some(extra.clone()), ..AndroidPush::new("x".repeat(3991), "t") };
        assert_eq!(fits.payload_bytes(), 4000);
        assert!(fits.validate().is_ok());
        let over = AndroidPush { extra: Some(extra), ..AndroidPush::new("x".repeat(3992), "t") };
        assert_first(&over, "", Violation::PushTooLong { channel: "android_push", bytes: 4001, max: 4000 });
    }

    #[test]
    fn time_to_live_is_at_most_28_days() {
        let mut push = AndroidPush::new("a", "t");
        push.time_to_live = Some(2_419_201);
        assert_first(
            &push,
            "time_to_live",
            Violation::OutOfRange { field: "time_to_live", value: "2419201".into(), min: "0", max: "2419200" },
        );
    }

    #[test]
    fn link_buttons_need_a_uri() {
        let mut push = AndroidPush::new("a", "t");
        let mut button = AndroidButton::new("Open");
        button.action = Some(ButtonAction::DeepLink);
        push.buttons = Some(vec![button]);
        assert_first(&push, "buttons[0].uri", Violation::RequiredWhen { field: "uri", condition: LINK_ACTION });
    }
}

//! The `apple_push` channel object.

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::time::Timestamp;
use crate::validate::{Validate, Validator};

/// Why `alert` (or the alert's `body`) is required.
const NOT_SILENT: &str = "`content-available` is not true";
/// Keys Braze rejects inside the push's `extra` object.
const RESERVED_EXTRA_KEYS: &[&str] = &["ab", "aps"];
/// Why a button's `uri` is required.
const LINK_ACTION: &str = "the button's `action` is \"URI\" or \"DEEP_LINK\"";

/// An iOS push notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplePush {
    /// The text, or an alert object; required unless `content-available` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<AppleAlert>,
    /// The number shown on the app icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<i64>,
    /// The sound to play; `"default"` is the system sound (for Live Activities, put it in `alert`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    /// Braze's `extra` object: key-value pairs delivered to the app (the keys `ab` and `aps` are rejected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// Wakes the app in the background (JSON key `content-available`); a silent push needs no `alert`.
    #[serde(rename = "content-available", default, skip_serializing_if = "Option::is_none")]
    pub content_available: Option<bool>,
    /// How urgently the notification interrupts the user (iOS 15+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interruption_level: Option<InterruptionLevel>,
    /// Rank of the notification in the notification summary, from 0.0 to 1.0 (iOS 15+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevance_score: Option<f64>,
    /// When the notification expires (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Timestamp>,
    /// A web URL or deep link opened on tap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_uri: Option<String>,
    /// Whether a web `custom_uri` opens inside the app (defaults to true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_webview: Option<bool>,
    /// The message variation, required when the send carries `campaign_id`; must be an iOS push variation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// Groups notifications into one thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_group_thread_id: Option<String>,
    /// The media of a rich notification (iOS 10+); needs `asset_file_type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset_url: Option<String>,
    /// The file type of `asset_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset_file_type: Option<AssetFileType>,
    /// Notifications with the same collapse id replace each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collapse_id: Option<String>,
    /// Lets the app's notification service extension modify the push (forced on for rich notifications).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutable_content: Option<bool>,
    /// Send only to the user's most recently used device (defaults to false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_to_most_recent_device_only: Option<bool>,
    /// The notification category; needed to show action `buttons`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Action buttons (only with `category`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buttons: Option<Vec<AppleButton>>,
    /// APNs priority: 10 immediate, 5 power-aware, 1 lowest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apns_priority: Option<i64>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ApplePush {
    /// An iOS push showing `alert`.
    pub fn new(alert: impl Into<AppleAlert>) -> Self {
        ApplePush::with_alert(Some(alert.into()))
    }

    /// A silent push: `content-available: true` and no alert.
    pub fn silent() -> Self {
        let mut push = ApplePush::with_alert(None);
        push.content_available = Some(true);
        push
    }

    fn with_alert(alert: Option<AppleAlert>) -> Self {
        ApplePush { alert, ..Blank::blank() }
    }

    /// The bytes Braze counts against the 1,912-byte limit: the alert (its text, or the alert
    /// object as JSON), `extra` as JSON, and every other text field but `message_variation_id`
    /// (see [`braze_rules::check_push_length`]).
    pub fn payload_bytes(&self) -> usize {
        let alert = match &self.alert {
            None => 0,
            Some(AppleAlert::Text(text)) => text.len(),
            Some(AppleAlert::Object(object)) => super::json_len(object),
        };
        let texts = [
            &self.sound,
            &self.custom_uri,
            &self.notification_group_thread_id,
            &self.asset_url,
            &self.collapse_id,
            &self.category,
        ];
        alert
            + self.extra.as_ref().map_or(0, super::json_len)
            + texts.iter().map(|t| t.as_ref().map_or(0, String::len)).sum::<usize>()
    }
}

impl Validate for ApplePush {
    fn validate_into(&self, v: &mut Validator) {
        let silent = self.content_available == Some(true);
        match &self.alert {
            None if !silent => v.report_at("alert", Violation::RequiredWhen { field: "alert", condition: NOT_SILENT }),
            Some(AppleAlert::Object(alert)) if alert.body.is_none() && !silent => {
                v.at("alert", |v| v.report_at("body", Violation::RequiredWhen { field: "body", condition: NOT_SILENT }))
            }
            _ => {}
        }
        v.check(braze_rules::check_push_length("apple_push", self.payload_bytes()));
        if let Some(extra) = &self.extra {
            for key in RESERVED_EXTRA_KEYS {
                if extra.contains_key(*key) {
                    v.report_at("extra", Violation::ReservedKey { object: "apple_push", key: (*key).to_owned() });
                }
            }
        }
        if let Some(score) = self.relevance_score
            && !(0.0..=1.0).contains(&score)
        {
            v.report_at(
                "relevance_score",
                Violation::OutOfRange { field: "relevance_score", value: score.to_string(), min: "0.0", max: "1.0" },
            );
        }
        if self.asset_url.is_some() && self.asset_file_type.is_none() {
            v.report_at(
                "asset_file_type",
                Violation::RequiredWhen { field: "asset_file_type", condition: "`asset_url` is set" },
            );
        }
        if self.buttons.is_some() && self.category.is_none() {
            v.report_at("category", Violation::RequiredWhen { field: "category", condition: "`buttons` are set" });
        }
        if let Some(buttons) = &self.buttons {
            v.each("buttons", buttons);
        }
        if let Some(priority) = self.apns_priority
            && !(1..=10).contains(&priority)
        {
            v.report_at(
                "apns_priority",
                Violation::OutOfRange { field: "apns_priority", value: priority.to_string(), min: "1", max: "10" },
            );
        }
    }
}

/// The `alert` of an iOS push: plain text or an alert object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AppleAlert {
    /// The text shown.
    Text(String),
    /// Title, body and localization keys.
    Object(AlertObject),
}

impl From<&str> for AppleAlert {
    fn from(text: &str) -> Self {
        AppleAlert::Text(text.to_owned())
    }
}

impl From<String> for AppleAlert {
    fn from(text: String) -> Self {
        AppleAlert::Text(text)
    }
}

impl From<AlertObject> for AppleAlert {
    fn from(alert: AlertObject) -> Self {
        AppleAlert::Object(alert)
    }
}

/// The alert object of an iOS push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertObject {
    /// The text; required unless `content-available` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The key of a localized title in the app's strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_loc_key: Option<String>,
    /// The arguments of the localized title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_loc_args: Option<Vec<String>>,
    /// The key of a localized action button title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_loc_key: Option<String>,
    /// The key of a localized body in the app's strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loc_key: Option<String>,
    /// The arguments of the localized body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loc_args: Option<Vec<String>>,
    /// The sound to play (Live Activities only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl AlertObject {
    /// An alert object with `body` and nothing else.
    pub fn new(body: impl Into<String>) -> Self {
        AlertObject { body: Some(body.into()), ..Blank::blank() }
    }
}

/// An action button of an iOS push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppleButton {
    /// The button's id in its category, e.g. `ab_pb_accept`.
    pub action_id: String,
    /// What a tap does (required for app-defined categories, where it is `URI` or `DEEP_LINK`).
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

impl AppleButton {
    /// A button with id `action_id` and its default action.
    pub fn new(action_id: impl Into<String>) -> Self {
        AppleButton { action_id: action_id.into(), ..Blank::blank() }
    }
}

impl Validate for AppleButton {
    fn validate_into(&self, v: &mut Validator) {
        if self.action.is_some_and(ButtonAction::needs_uri) && self.uri.is_none() {
            v.report_at("uri", Violation::RequiredWhen { field: "uri", condition: LINK_ACTION });
        }
    }
}

/// How urgently an iOS notification interrupts the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InterruptionLevel {
    /// Added to the list silently.
    #[serde(rename = "passive")]
    Passive,
    /// Shown and heard at once (the system default).
    #[serde(rename = "active")]
    Active,
    /// Breaks through Focus modes.
    #[serde(rename = "time-sensitive")]
    TimeSensitive,
    /// Breaks through Focus and the mute switch (needs an Apple entitlement).
    #[serde(rename = "critical")]
    Critical,
}

impl InterruptionLevel {
    /// The spelling Braze accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            InterruptionLevel::Passive => "passive",
            InterruptionLevel::Active => "active",
            InterruptionLevel::TimeSensitive => "time-sensitive",
            InterruptionLevel::Critical => "critical",
        }
    }
}

/// The file type of a rich notification's `asset_url`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssetFileType {
    /// AIFF audio.
    #[serde(rename = "aif")]
    Aif,
    /// GIF image.
    #[serde(rename = "gif")]
    Gif,
    /// JPEG image.
    #[serde(rename = "jpg")]
    Jpg,
    /// MPEG-4 audio.
    #[serde(rename = "m4a")]
    M4a,
    /// MP3 audio.
    #[serde(rename = "mp3")]
    Mp3,
    /// MPEG-4 video.
    #[serde(rename = "mp4")]
    Mp4,
    /// PNG image.
    #[serde(rename = "png")]
    Png,
    /// WAV audio.
    #[serde(rename = "wav")]
    Wav,
}

impl AssetFileType {
    /// The spelling Braze accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetFileType::Aif => "aif",
            AssetFileType::Gif => "gif",
            AssetFileType::Jpg => "jpg",
            AssetFileType::M4a => "m4a",
            AssetFileType::Mp3 => "mp3",
            AssetFileType::Mp4 => "mp4",
            AssetFileType::Png => "png",
            AssetFileType::Wav => "wav",
        }
    }
}

/// What tapping an iOS or Android push button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ButtonAction {
    /// Opens the app.
    #[serde(rename = "OPEN_APP")]
    OpenApp,
    /// Opens the web URL in `uri`.
    #[serde(rename = "URI")]
    Uri,
    /// Opens the deep link in `uri`.
    #[serde(rename = "DEEP_LINK")]
    DeepLink,
    /// Dismisses the notification.
    #[serde(rename = "CLOSE")]
    Close,
}

impl ButtonAction {
    /// The spelling Braze accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            ButtonAction::OpenApp => "OPEN_APP",
            ButtonAction::Uri => "URI",
            ButtonAction::DeepLink => "DEEP_LINK",
            ButtonAction::Close => "CLOSE",
        }
    }

    /// Whether the button needs a `uri` (`URI` and `DEEP_LINK`).
    pub fn needs_uri(self) -> bool {
        matches!(self, ButtonAction::Uri | ButtonAction::DeepLink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Validate;
    use serde_json::json;

    fn spellings<T: Serialize>(all: &[T]) -> Vec<String> {
        all.iter().map(|x| serde_json::to_value(x).unwrap().as_str().unwrap().to_owned()).collect()
    }

    fn round_trip(json: serde_json::Value) -> ApplePush {
        let push: ApplePush = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&push).unwrap(), json);
        push
    }

    fn assert_first(push: &ApplePush, path: &str, violation: Violation) {
        let err = push.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), path, "{err}");
        assert_eq!(err.problems()[0].rule(), Some(&violation), "{err}");
    }

    #[test]
    fn interruption_levels_are_spelled_as_braze_documents() {
        const ALL: [InterruptionLevel; 4] = [
            InterruptionLevel::Passive,
            InterruptionLevel::Active,
            InterruptionLevel::TimeSensitive,
            InterruptionLevel::Critical,
        ];
        assert_eq!(spellings(&ALL), braze_rules::values::INTERRUPTION_LEVEL);
        assert_eq!(ALL.map(InterruptionLevel::as_str), braze_rules::values::INTERRUPTION_LEVEL);
    }

    #[test]
    fn asset_file_types_are_spelled_as_braze_documents() {
        const ALL: [AssetFileType; 8] = [
            AssetFileType::Aif,
            AssetFileType::Gif,
            AssetFileType::Jpg,
            AssetFileType::M4a,
            AssetFileType::Mp3,
            AssetFileType::Mp4,
            AssetFileType::Png,
            AssetFileType::Wav,
        ];
        assert_eq!(spellings(&ALL), braze_rules::values::ASSET_FILE_TYPE);
        assert_eq!(ALL.map(AssetFileType::as_str), braze_rules::values::ASSET_FILE_TYPE);
    }

    #[test]
    fn button_actions_are_spelled_as_braze_documents() {
        const ALL: [ButtonAction; 4] =
            [ButtonAction::OpenApp, ButtonAction::Uri, ButtonAction::DeepLink, ButtonAction::Close];
        assert_eq!(spellings(&ALL), braze_rules::values::BUTTON_ACTION);
        assert_eq!(ALL.map(ButtonAction::as_str), braze_rules::values::BUTTON_ACTION);
    }

    #[test]
    fn documented_examples_round_trip() {
        let push = round_trip(json!({
            "alert": {"title": "Hello!", "body": "Message here"},
            "message_variation_id": "iosPush-640"
        }));
        assert!(matches!(push.alert, Some(AppleAlert::Object(_))));
        assert!(push.validate().is_ok());
        let push = round_trip(json!({"alert": "Updated Message!", "badge": 1}));
        assert_eq!(push.alert, Some(AppleAlert::from("Updated Message!")));
        assert!(push.validate().is_ok());
    }

    #[test]
    fn every_field_round_trips_and_unknown_fields_are_kept() {
        let push = round_trip(json!({
            "alert": {
                "body": "Your order shipped",
                "title": "Order",
                "title_loc_key": "ORDER_TITLE",
                "title_loc_args": ["A-17"],
                "action_loc_key": "VIEW",
                "loc_key": "ORDER_BODY",
                "loc_args": ["A-17", "DHL"],
                "sound": "chime.aiff",
                "launch-image": "order.png"
            },
            "badge": 3,
            "sound": "default",
            "extra": {"order_id": "A-17", "count": 2},
            "content-available": true,
            "interruption_level": "time-sensitive",
            "relevance_score": 0.5,
            "expiry": "2031-05-01T09:30:00Z",
            "custom_uri": "myapp://orders/A-17",
            "use_webview": false,
            "message_variation_id": "iosPush-1",
            "notification_group_thread_id": "orders",
            "asset_url": "https://cdn.example.com/box.png",
            "asset_file_type": "png",
            "collapse_id": "order-A-17",
            "mutable_content": true,
            "send_to_most_recent_device_only": true,
            "category": "ab_cat_accept_decline",
            "buttons": [
                {"action_id": "ab_pb_accept", "action": "DEEP_LINK", "uri": "myapp://accept", "use_webview": false},
                {"action_id": "ab_pb_decline", "action": "CLOSE"}
            ],
            "apns_priority": 10,
            "future_field": {"a": 1}
        }));
        assert_eq!(push.content_available, Some(true));
        assert_eq!(push.interruption_level, Some(InterruptionLevel::TimeSensitive));
        assert!(push.unknown_fields.contains_key("future_field"));
        assert!(push.validate().is_ok());
    }

    #[test]
    fn silent_push_needs_no_alert() {
        let push = ApplePush::silent();
        assert!(push.validate().is_ok());
        assert_eq!(serde_json::to_value(&push).unwrap(), json!({"content-available": true}));
    }

    #[test]
    fn alert_is_required_unless_content_available() {
        let mut push = ApplePush::new("hi");
        push.alert = None;
        assert_first(&push, "alert", Violation::RequiredWhen { field: "alert", condition: NOT_SILENT });
    }

    #[test]
    fn alert_object_needs_a_body() {
        let mut alert = AlertObject::new("hi");
        alert.body = None;
        alert.title = Some("Title".into());
        let push = ApplePush::new(alert);
        assert_first(&push, "alert.body", Violation::RequiredWhen { field: "body", condition: NOT_SILENT });
    }

    #[test]
    fn extra_cannot_use_reserved_keys() {
        let mut push = ApplePush::new("hi");
        let mut extra = serde_json::Map::new();
        extra.insert("aps".into(), json!({}));
        push.extra = Some(extra);
        assert_first(&push, "extra", Violation::ReservedKey { object: "apple_push", key: "aps".into() });
    }

    #[test]
    fn relevance_score_is_between_zero_and_one() {
        let mut push = ApplePush::new("hi");
        push.relevance_score = Some(1.5);
        assert_first(
            &push,
            "relevance_score",
            Violation::OutOfRange { field: "relevance_score", value: "1.5".into(), min: "0.0", max: "1.0" },
        );
    }

    #[test]
    fn asset_url_needs_a_file_type() {
        let mut push = ApplePush::new("hi");
        push.asset_url = Some("https://cdn.example.com/box.png".into());
        assert_first(
            &push,
            "asset_file_type",
            Violation::RequiredWhen { field: "asset_file_type", condition: "`asset_url` is set" },
        );
    }

    #[test]
    fn buttons_need_a_category() {
        let mut push = ApplePush::new("hi");
        push.buttons = Some(vec![AppleButton::new("ab_pb_accept")]);
        assert_first(&push, "category", Violation::RequiredWhen { field: "category", condition: "`buttons` are set" });
    }

    #[test]
    fn link_buttons_need_a_uri() {
        let mut push = ApplePush::new("hi");
        push.category = Some("ab_cat_more".into());
        let mut button = AppleButton::new("ab_pb_more");
        button.action = Some(ButtonAction::Uri);
        push.buttons = Some(vec![AppleButton::new("ab_pb_close"), button]);
        assert_first(&push, "buttons[1].uri", Violation::RequiredWhen { field: "uri", condition: LINK_ACTION });
    }

    #[test]
    fn apns_priority_is_between_one_and_ten() {
        let mut push = ApplePush::new("hi");
        push.apns_priority = Some(11);
        assert_first(
            &push,
            "apns_priority",
            Violation::OutOfRange { field: "apns_priority", value: "11".into(), min: "1", max: "10" },
        );
    }

    #[test]
    fn alert_extra_and_other_texts_are_at_most_1912_bytes() {
        // FACTS §1.4: alert + extra + other optional fields ≤ 1,912 bytes, "Apple Push Length Exceeded".
        let mut extra = serde_json::Map::new();
        extra.insert("k".into(), serde_json::json!("v")); // {"k":"v"}: 9 bytes
        let push = |alert_len: usize| ApplePush {
            extra: Some(extra.clone()),
            sound: Some("ding".into()),                   // 4 bytes
            message_variation_id: Some("x".repeat(5000)), // not counted
            ..ApplePush::new("a".repeat(alert_len))
        };
        assert_eq!(push(1899).payload_bytes(), 1912);
        assert!(push(1899).validate().is_ok());
        assert_first(&push(1900), "", Violation::PushTooLong { channel: "apple_push", bytes: 1913, max: 1912 });
        let object = ApplePush::new(AlertObject::new("hi")); // {"body":"hi"}: 13 bytes
        assert_eq!(object.payload_bytes(), 13);
    }
}

//! The `web_push` channel object.

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::validate::{Validate, Validator};

/// A web push notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebPush {
    /// The text.
    pub alert: String,
    /// The title.
    pub title: String,
    /// Braze's `extra` object: key-value pairs delivered to the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// The message variation, required when the send carries `campaign_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// The web URL opened on click.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_uri: Option<String>,
    /// The icon image (1:1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// A large image (Chrome on Windows and Android).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_image_url: Option<String>,
    /// Keep the notification on screen until the user acts on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_interaction: Option<bool>,
    /// How long the push service keeps the notification for an offline browser, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<u64>,
    /// Send only to the user's most recently used browser (defaults to false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_to_most_recent_device_only: Option<bool>,
    /// Action buttons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buttons: Option<Vec<WebButton>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl WebPush {
    /// A web push with its required fields.
    pub fn new(alert: impl Into<String>, title: impl Into<String>) -> Self {
        WebPush { alert: alert.into(), title: title.into(), ..Blank::blank() }
    }
}

impl Validate for WebPush {
    fn validate_into(&self, v: &mut Validator) {
        if let Some(buttons) = &self.buttons {
            v.each("buttons", buttons);
        }
    }
}

/// An action button of a web push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebButton {
    /// The label.
    pub text: String,
    /// What a click does (defaults to `OPEN_APP`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<WebButtonAction>,
    /// The web URL opened, required when `action` is `URI`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl WebButton {
    /// A button labelled `text` that opens the site.
    pub fn new(text: impl Into<String>) -> Self {
        WebButton { text: text.into(), action: None, uri: None, unknown_fields: UnknownFields::new() }
    }
}

impl Validate for WebButton {
    fn validate_into(&self, v: &mut Validator) {
        if self.action == Some(WebButtonAction::Uri) && self.uri.is_none() {
            v.report_at("uri", Violation::RequiredWhen { field: "uri", condition: "the button's `action` is \"URI\"" });
        }
    }
}

/// What clicking a web push button does (there are no deep links on the web).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WebButtonAction {
    /// Opens the site.
    #[serde(rename = "OPEN_APP")]
    OpenApp,
    /// Opens the web URL in `uri`.
    #[serde(rename = "URI")]
    Uri,
    /// Dismisses the notification.
    #[serde(rename = "CLOSE")]
    Close,
}

impl WebButtonAction {
    /// The spelling Braze accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            WebButtonAction::OpenApp => "OPEN_APP",
            WebButtonAction::Uri => "URI",
            WebButtonAction::Close => "CLOSE",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Validate;
    use serde_json::json;

    #[test]
    fn web_button_actions_are_spelled_as_braze_documents() {
        const ALL: [WebButtonAction; 3] = [WebButtonAction::OpenApp, WebButtonAction::Uri, WebButtonAction::Close];
        let spelled: Vec<String> =
            ALL.iter().map(|a| serde_json::to_value(a).unwrap().as_str().unwrap().to_owned()).collect();
        assert_eq!(spelled, braze_rules::values::WEB_BUTTON_ACTION);
        assert_eq!(ALL.map(WebButtonAction::as_str), braze_rules::values::WEB_BUTTON_ACTION);
    }

    #[test]
    fn deep_links_are_refused_on_the_web() {
        assert!(serde_json::from_value::<WebButtonAction>(json!("DEEP_LINK")).is_err());
    }

    #[test]
    fn every_field_round_trips_and_unknown_fields_are_kept() {
        let json = json!({
            "alert": "Your order shipped",
            "title": "Order A-17",
            "extra": {"order_id": "A-17"},
            "message_variation_id": "webPush-1",
            "custom_uri": "https://example.com/orders/A-17",
            "image_url": "https://cdn.example.com/icon.png",
            "large_image_url": "https://cdn.example.com/box.png",
            "require_interaction": true,
            "time_to_live": 86400,
            "send_to_most_recent_device_only": false,
            "buttons": [
                {"text": "Track", "action": "URI", "uri": "https://example.com/track"},
                {"text": "Close", "action": "CLOSE"}
            ],
            "future_field": "kept"
        });
        let push: WebPush = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&push).unwrap(), json);
        assert!(push.unknown_fields.contains_key("future_field"));
        assert!(push.validate().is_ok());
    }

    #[test]
    fn uri_buttons_need_a_uri() {
        let mut push = WebPush::new("a", "t");
        let mut button = WebButton::new("Open");
        button.action = Some(WebButtonAction::Uri);
        push.buttons = Some(vec![button]);
        let err = push.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), "buttons[0].uri");
        assert_eq!(
            err.problems()[0].rule(),
            Some(&Violation::RequiredWhen { field: "uri", condition: "the button's `action` is \"URI\"" })
        );
    }
}

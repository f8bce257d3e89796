//! The `content_card` channel object.

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::time::Timestamp;
use crate::validate::{Validate, Validator};

/// The fields of which a content card needs at least one.
const EXPIRY_FIELDS: &[&str] = &["time_to_live", "expire_at"];
/// Why `image_url` is required.
const IMAGE_TYPES: &str = "`type` is \"CAPTIONED_IMAGE\" or \"BANNER\"";

/// A content card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentCard {
    /// The card layout (JSON key `type`).
    #[serde(rename = "type")]
    pub card_type: ContentCardType,
    /// The title.
    pub title: String,
    /// The text.
    pub description: String,
    /// The message variation, required when the send carries `campaign_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// Keep the card at the top of the feed (defaults to false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<bool>,
    /// The image; required for `CAPTIONED_IMAGE` and `BANNER` cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// How long the card stays, in seconds; this or `expire_at` is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<u64>,
    /// When the card expires, at most 30 days out; this or `time_to_live` is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_at: Option<Timestamp>,
    /// Read `expire_at` in each user's time zone (defaults to false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_in_local_time: Option<bool>,
    /// The link opened on iOS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ios_uri: Option<String>,
    /// The link opened on Android.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub android_uri: Option<String>,
    /// The link opened on the web.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_uri: Option<String>,
    /// Whether a web link opens inside the iOS app (defaults to true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ios_use_webview: Option<bool>,
    /// Whether a web link opens inside the Android app (defaults to true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub android_use_webview: Option<bool>,
    /// The text of the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri_text: Option<String>,
    /// Braze's `extra` object: key-value pairs delivered with the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ContentCard {
    /// A content card with its required fields; give it a `time_to_live` or an `expire_at` before sending.
    pub fn new(card_type: ContentCardType, title: impl Into<String>, description: impl Into<String>) -> Self {
        ContentCard { card_type, title: title.into(), description: description.into(), ..Blank::blank() }
    }
}

impl Validate for ContentCard {
    fn validate_into(&self, v: &mut Validator) {
        v.check(braze_rules::check_one_of(
            "content_card",
            EXPIRY_FIELDS,
            &[self.time_to_live.is_some(), self.expire_at.is_some()],
        ));
        if self.card_type.needs_image() && self.image_url.is_none() {
            v.report_at("image_url", Violation::RequiredWhen { field: "image_url", condition: IMAGE_TYPES });
        }
        if let (Some(expire_at), Some(sent_at)) = (&self.expire_at, v.send_time()) {
            let local = self.expire_in_local_time == Some(true);
            let check = braze_rules::check_card_expiry(expire_at.instant(), local, expire_at.as_str(), sent_at);
            v.check_at("expire_at", check);
        }
    }
}

/// The layout of a content card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentCardType {
    /// Title, text and an optional small image.
    #[serde(rename = "CLASSIC")]
    Classic,
    /// A large image above title and text.
    #[serde(rename = "CAPTIONED_IMAGE")]
    CaptionedImage,
    /// An image only.
    #[serde(rename = "BANNER")]
    Banner,
}

impl ContentCardType {
    /// The spelling Braze accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentCardType::Classic => "CLASSIC",
            ContentCardType::CaptionedImage => "CAPTIONED_IMAGE",
            ContentCardType::Banner => "BANNER",
        }
    }

    /// Whether cards of this type need an `image_url`.
    pub fn needs_image(self) -> bool {
        matches!(self, ContentCardType::CaptionedImage | ContentCardType::Banner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Validate;
    use serde_json::json;

    fn april_2031() -> chrono::DateTime<chrono::Utc> {
        Timestamp::parse("2031-04-15T00:00:00Z").unwrap().instant().to_utc()
    }

    fn assert_first(card: &ContentCard, path: &str, violation: Violation) {
        let err = card.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), path, "{err}");
        assert_eq!(err.problems()[0].rule(), Some(&violation), "{err}");
    }

    #[test]
    fn content_card_types_are_spelled_as_braze_documents() {
        const ALL: [ContentCardType; 3] =
            [ContentCardType::Classic, ContentCardType::CaptionedImage, ContentCardType::Banner];
        let spelled: Vec<String> =
            ALL.iter().map(|t| serde_json::to_value(t).unwrap().as_str().unwrap().to_owned()).collect();
        assert_eq!(spelled, braze_rules::values::CONTENT_CARD_TYPE);
        assert_eq!(ALL.map(ContentCardType::as_str), braze_rules::values::CONTENT_CARD_TYPE);
    }

    #[test]
    fn every_field_round_trips_and_unknown_fields_are_kept() {
        let json = json!({
            "type": "CAPTIONED_IMAGE",
            "title": "Spring sale",
            "description": "Everything 20% off",
            "message_variation_id": "card-1",
            "pinned": true,
            "image_url": "https://cdn.example.com/sale.png",
            "time_to_live": 86400,
            "expire_at": "2031-05-01T09:30:00+0000",
            "expire_in_local_time": false,
            "ios_uri": "myapp://sale",
            "android_uri": "myapp://sale",
            "web_uri": "https://example.com/sale",
            "ios_use_webview": true,
            "android_use_webview": false,
            "uri_text": "Shop now",
            "extra": {"sale_id": "spring"},
            "future_field": {"nested": [1]}
        });
        let card: ContentCard = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&card).unwrap(), json);
        assert_eq!(card.card_type, ContentCardType::CaptionedImage);
        assert!(card.unknown_fields.contains_key("future_field"));
        assert!(card.validate_at(april_2031()).is_ok());
    }

    #[test]
    fn an_expiry_is_required() {
        let card = ContentCard::new(ContentCardType::Classic, "t", "d");
        assert_first(
            &card,
            "",
            Violation::MissingOneOf { object: "content_card", fields: &["time_to_live", "expire_at"] },
        );
    }

    #[test]
    fn image_cards_need_an_image() {
        let mut card = ContentCard::new(ContentCardType::Banner, "t", "d");
        card.time_to_live = Some(3600);
        assert_first(
            &card,
            "image_url",
            Violation::RequiredWhen { field: "image_url", condition: "`type` is \"CAPTIONED_IMAGE\" or \"BANNER\"" },
        );
    }

    #[test]
    fn an_expiry_lies_at_most_thirty_days_after_sending() {
        // FACTS §7.8: `expire_at` at most 30 days out.
        let mut card = ContentCard::new(ContentCardType::Classic, "t", "d");
        card.expire_at = Some(Timestamp::parse("2031-05-15T00:00:00Z").unwrap());
        assert!(card.validate_at(april_2031()).is_ok(), "exactly 30 days");
        card.expire_at = Some(Timestamp::parse("2031-05-15T00:00:01Z").unwrap());
        let err = card.validate_at(april_2031()).unwrap_err();
        assert!(
            err.has(
                "expire_at",
                &Violation::ExpiryTooFar {
                    value: "2031-05-15T00:00:01Z".into(),
                    latest: "2031-05-15T00:00:00Z".into()
                }
            ),
            "{err}"
        );
    }
}

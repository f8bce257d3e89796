//! The channel objects under `messages`, one file per channel.

mod android;
mod apple;
mod content_card;
mod email;
mod kindle;
mod sms;
mod web;
mod webhook;
mod whats_app;

pub use android::*;
pub use apple::*;
pub use content_card::*;
pub use email::*;
pub use kindle::*;
pub use sms::*;
pub use web::*;
pub use webhook::*;
pub use whats_app::*;

use serde::{Deserialize, Serialize};

use crate::json::UnknownFields;
use crate::validate::{Validate, Validator};

/// Channels of older docs that Braze may still take, kept as unknown fields.
const LEGACY_CHANNELS: &[&str] = &["windows_phone8_push", "windows_universal_push"];

/// The `messages` object: at most one message object per channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Messages {
    /// iOS push.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apple_push: Option<ApplePush>,
    /// Android push.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub android_push: Option<AndroidPush>,
    /// Kindle / FireOS push.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kindle_push: Option<KindlePush>,
    /// Web push.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_push: Option<WebPush>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// SMS / MMS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<Sms>,
    /// Webhook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<Webhook>,
    /// Content card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_card: Option<ContentCard>,
    /// WhatsApp (not accepted by /messages/schedule/create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whats_app: Option<WhatsApp>,
    /// Channels this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Messages {
    /// Whether no channel object is present. Keys this version does not model do not count
    /// (Braze answers "No message to send" for a `messages` that holds nothing it knows), except
    /// the legacy Windows channels, which older docs list (FACTS §7.10).
    pub fn is_empty(&self) -> bool {
        self.channels().is_empty() && !LEGACY_CHANNELS.iter().any(|key| self.unknown_fields.contains_key(*key))
    }

    /// Each channel present, with its key and `message_variation_id`.
    pub fn channels(&self) -> Vec<(&'static str, Option<&str>)> {
        fn entry<'a>(
            key: &'static str,
            variation: Option<&'a Option<String>>,
        ) -> Option<(&'static str, Option<&'a str>)> {
            variation.map(|v| (key, v.as_deref()))
        }
        [
            entry("apple_push", self.apple_push.as_ref().map(|m| &m.message_variation_id)),
            entry("android_push", self.android_push.as_ref().map(|m| &m.message_variation_id)),
            entry("kindle_push", self.kindle_push.as_ref().map(|m| &m.message_variation_id)),
            entry("web_push", self.web_push.as_ref().map(|m| &m.message_variation_id)),
            entry("email", self.email.as_ref().map(|m| &m.message_variation_id)),
            entry("sms", self.sms.as_ref().map(|m| &m.message_variation_id)),
            entry("webhook", self.webhook.as_ref().map(|m| &m.message_variation_id)),
            entry("content_card", self.content_card.as_ref().map(|m| &m.message_variation_id)),
            entry("whats_app", self.whats_app.as_ref().map(|m| &m.message_variation_id)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The bytes of `value` as compact JSON, as push length limits count `extra`.
pub(crate) fn json_len<T: Serialize + ?Sized>(value: &T) -> usize {
    /// Counts bytes without keeping them.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing JSON of a JSON value into a counter cannot fail.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

impl Validate for Messages {
    fn validate_into(&self, v: &mut Validator) {
        v.optional("apple_push", &self.apple_push);
        v.optional("android_push", &self.android_push);
        v.optional("kindle_push", &self.kindle_push);
        v.optional("web_push", &self.web_push);
        v.optional("email", &self.email);
        v.optional("sms", &self.sms);
        v.optional("webhook", &self.webhook);
        v.optional("content_card", &self.content_card);
        v.optional("whats_app", &self.whats_app);
    }
}

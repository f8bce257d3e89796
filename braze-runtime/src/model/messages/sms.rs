//! The `sms` channel object.

use serde::{Deserialize, Serialize};

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::validate::{Validate, Validator, not_blank};

/// An SMS or MMS message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sms {
    /// The SMS subscription group to send through.
    pub subscription_group_id: String,
    /// The text.
    pub body: String,
    /// Any app of the workspace.
    pub app_id: String,
    /// The message variation, required when the send carries `campaign_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// MMS image URLs (Braze does not document the item shape, so items are kept as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_items: Option<Vec<serde_json::Value>>,
    /// Shorten links and track clicks per campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_shortening_enabled: Option<bool>,
    /// Also track clicks per user (needs link shortening).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_click_tracking_enabled: Option<bool>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Sms {
    /// An SMS with its required fields.
    pub fn new(subscription_group_id: impl Into<String>, body: impl Into<String>, app_id: impl Into<String>) -> Self {
        Sms {
            subscription_group_id: subscription_group_id.into(),
            body: body.into(),
            app_id: app_id.into(),
            ..Blank::blank()
        }
    }
}

impl Validate for Sms {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "subscription_group_id", &self.subscription_group_id);
        not_blank(v, "app_id", &self.app_id);
    }
}

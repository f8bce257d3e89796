//! POST /transactional/v1/campaigns/{campaign_id}/send: one transactional email.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

use crate::endpoint::Endpoint;
use crate::json::UnknownFields;
use crate::model::{Properties, UserAlias};
use crate::responses::TransactionalSent;
use crate::validate::{Validate, Validator, not_blank};

/// POST /transactional/v1/campaigns/{campaign_id}/send.
///
/// The only messaging endpoint with an idempotency key: `external_send_id` deduplicates for 24
/// hours, so a retry with the same key does not send twice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionalSend {
    /// The transactional campaign (sent in the path, not the body).
    #[serde(skip)]
    pub campaign_id: String,
    /// Your Base64-safe deduplication key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_send_id: Option<String>,
    /// Properties for the email's Liquid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_properties: Option<Properties>,
    /// The one recipient.
    pub recipient: TransactionalRecipient,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// The recipient of a transactional email: exactly one of `external_user_id` and `user_alias`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionalRecipient {
    /// The user's external id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_user_id: Option<String>,
    /// The user's alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_alias: Option<UserAlias>,
    /// Attributes to set first (creates the user if the external id is unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl TransactionalSend {
    /// Sends campaign `campaign_id` to the user with external id `external_user_id`.
    pub fn to_user(campaign_id: impl Into<String>, external_user_id: impl Into<String>) -> Self {
        TransactionalSend {
            campaign_id: campaign_id.into(),
            external_send_id: None,
            trigger_properties: None,
            recipient: TransactionalRecipient {
                external_user_id: Some(external_user_id.into()),
                user_alias: None,
                attributes: None,
                unknown_fields: UnknownFields::new(),
            },
            unknown_fields: UnknownFields::new(),
        }
    }
}

fn is_base64_safe(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_+/=".contains(&b))
}

impl Validate for TransactionalSend {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "campaign_id", &self.campaign_id);
        if let Some(id) = &self.external_send_id
            && !is_base64_safe(id)
        {
            v.report_at("external_send_id", Violation::InvalidExternalSendId);
        }
        if let Some(p) = &self.trigger_properties {
            v.check_at("trigger_properties", p.check_size("trigger_properties"));
        }
        let r = &self.recipient;
        let mut found = Vec::new();
        if r.external_user_id.is_some() {
            found.push("external_user_id");
        }
        if r.user_alias.is_some() {
            found.push("user_alias");
        }
        if found.len() != 1 {
            v.report_at("recipient", Violation::RecipientIdentifiers { found });
        }
        v.at("recipient", |v| v.optional("user_alias", &r.user_alias));
    }
}

impl Endpoint for TransactionalSend {
    type Response = TransactionalSent;
    // With an `external_send_id`, Braze deduplicates: a retry cannot send twice.
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "transactional.send";

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(format!("/transactional/v1/campaigns/{}/send", encode_path_segment(&self.campaign_id)))
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so an id cannot change the path.
fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_campaign_id_cannot_escape_its_path_segment() {
        let send = TransactionalSend::to_user("../users/delete?x=1", "u");
        assert_eq!(send.path(), "/transactional/v1/campaigns/..%2Fusers%2Fdelete%3Fx%3D1/send");
    }
}

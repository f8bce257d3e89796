//! POST /sends/id/create: a custom send id for grouping a campaign's sends in analytics.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::client::RateBucket;
use crate::endpoint::Endpoint;
use crate::json::UnknownFields;
use crate::responses::SendIdCreated;
use crate::validate::{Validate, Validator, not_blank};

/// POST /sends/id/create. Braze allows 100 custom send ids per workspace per day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendsIdCreate {
    /// The campaign the send id belongs to.
    pub campaign_id: String,
    /// The id to create (ASCII, at most 64 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_id: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl SendsIdCreate {
    /// Creates `send_id` for `campaign_id`.
    pub fn new(campaign_id: impl Into<String>, send_id: impl Into<String>) -> Self {
        SendsIdCreate {
            campaign_id: campaign_id.into(),
            send_id: Some(send_id.into()),
            unknown_fields: UnknownFields::new(),
        }
    }
}

impl Validate for SendsIdCreate {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "campaign_id", &self.campaign_id);
        if let Some(send_id) = &self.send_id {
            v.check_at("send_id", braze_rules::check_send_id(send_id));
        }
    }
}

impl Endpoint for SendsIdCreate {
    type Response = SendIdCreated;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "sends.id.create";

    fn rate_bucket(&self) -> RateBucket {
        RateBucket::SendIds
    }

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/sends/id/create")
    }
}

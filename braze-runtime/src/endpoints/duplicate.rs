//! POST /campaigns/duplicate and /canvas/duplicate: copy a campaign or Canvas (asynchronous;
//! Braze answers 202 with no body).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::client::RateBucket;
use crate::endpoint::Endpoint;
use crate::json::UnknownFields;
use crate::responses::Acknowledged;
use crate::validate::{Validate, Validator, not_blank};

/// POST /campaigns/duplicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignsDuplicate {
    /// The campaign to copy.
    pub campaign_id: String,
    /// The copy's name.
    pub name: String,
    /// The copy's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Existing tags for the copy (they replace the source's tags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_names: Option<Vec<String>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Validate for CampaignsDuplicate {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "campaign_id", &self.campaign_id);
        not_blank(v, "name", &self.name);
    }
}

impl Endpoint for CampaignsDuplicate {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "campaigns.duplicate";

    fn rate_bucket(&self) -> RateBucket {
        RateBucket::Duplicate
    }

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/campaigns/duplicate")
    }
}

/// POST /canvas/duplicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanvasDuplicate {
    /// The Canvas to copy.
    pub canvas_id: String,
    /// The copy's name.
    pub name: String,
    /// The copy's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Existing tags for the copy (they replace the source's tags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_names: Option<Vec<String>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Validate for CanvasDuplicate {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "canvas_id", &self.canvas_id);
        not_blank(v, "name", &self.name);
    }
}

impl Endpoint for CanvasDuplicate {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "canvas.duplicate";

    fn rate_bucket(&self) -> RateBucket {
        RateBucket::Duplicate
    }

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/canvas/duplicate")
    }
}

//! Success bodies. Braze answers "success" when it accepted a request, which is not delivery: a
//! success can carry non-fatal `errors`, and a Canvas trigger can succeed with a `notice` and send
//! nothing. Both are kept, never dropped.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json::UnknownFields;

fn error_texts(errors: &[Value]) -> Vec<String> {
    errors
        .iter()
        .map(|e| match e {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// The answer to a send: /messages/send, /campaigns/trigger/send, /canvas/trigger/send.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dispatched {
    /// `"success"` (or `"queued"` during maintenance).
    #[serde(default)]
    pub message: String,
    /// Identifies this transmission (one per request, for all its recipients).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch_id: Option<String>,
    /// The send id, when Braze tracks the send (broadcasts of API campaigns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_id: Option<String>,
    /// Non-fatal problems: parts of the request that were not sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Value>,
    /// Set when the Canvas is paused or archived: the request "succeeded" but nothing is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Dispatched {
    /// The non-fatal errors as text.
    pub fn error_messages(&self) -> Vec<String> {
        error_texts(&self.errors)
    }

    /// Whether Braze accepted everything without a notice or non-fatal error.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.notice.is_none()
    }
}

/// The answer to a schedule create: it carries the `schedule_id` to update or delete later.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scheduled {
    /// `"success"`.
    #[serde(default)]
    pub message: String,
    /// Identifies the scheduled message; keep it to update or delete the schedule.
    pub schedule_id: String,
    /// Identifies the transmission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch_id: Option<String>,
    /// Non-fatal problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Value>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Scheduled {
    /// The non-fatal errors as text.
    pub fn error_messages(&self) -> Vec<String> {
        error_texts(&self.errors)
    }
}

/// The generic answer: schedule update and delete, live activities, duplication.
///
/// Duplication answers 202 with no body; that reads as an empty `Acknowledged`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Acknowledged {
    /// `"success"`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Non-fatal problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Value>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Acknowledged {
    /// The non-fatal errors as text.
    pub fn error_messages(&self) -> Vec<String> {
        error_texts(&self.errors)
    }
}

/// The answer to /sends/id/create.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendIdCreated {
    /// `"success"`.
    #[serde(default)]
    pub message: String,
    /// The send id now usable with the campaign.
    pub send_id: String,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// The answer to GET /messages/scheduled_broadcasts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduledBroadcasts {
    /// Upcoming scheduled campaigns and Canvases, next occurrence only.
    pub scheduled_broadcasts: Vec<ScheduledBroadcast>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// One upcoming scheduled campaign or Canvas.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduledBroadcast {
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The campaign or Canvas id.
    pub id: String,
    /// `"Campaign"` or `"Canvas"`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// Its tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When it is next sent (ISO 8601; no zone for local or intelligent delivery).
    #[serde(default)]
    pub next_send_time: String,
    /// `local_time_zones`, `intelligent_delivery`, or the company time zone's name.
    #[serde(default)]
    pub schedule_type: String,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// The answer to the transactional email send.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionalSent {
    /// Identifies the transmission.
    pub dispatch_id: String,
    /// e.g. `"sent"`, `"processed"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Metadata, e.g. `external_send_id` and `campaign_api_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// The body of a refused request, read leniently: most endpoints write `message` and `errors`,
/// live activities write `error`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The fatal error text, e.g. "Invalid Campaign ID".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The live activity endpoints' error text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Further details.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Value>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ErrorBody {
    /// Braze's own text for the error, from whichever key carried it.
    pub fn text(&self) -> Option<&str> {
        self.message.as_deref().or(self.error.as_deref())
    }

    /// The `errors` list as text.
    pub fn error_messages(&self) -> Vec<String> {
        error_texts(&self.errors)
    }
}

/// Banners by placement id, as Braze documents them beside the messaging objects (apps fetch
/// them through the SDK; no messaging endpoint here returns them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Banners {
    /// One entry per placement id.
    pub banners: std::collections::BTreeMap<String, BannerPlacement>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// The banner of one placement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BannerPlacement {
    /// The banner.
    pub banner: Banner,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// One banner.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Banner {
    /// The banner id.
    pub id: String,
    /// Its placement.
    #[serde(default)]
    pub placement_id: String,
    /// Whether it is a test send.
    #[serde(default)]
    pub is_test_send: bool,
    /// Whether the user is in the control group (then `html` is empty).
    #[serde(default)]
    pub is_control: bool,
    /// The banner's HTML.
    #[serde(default)]
    pub html: String,
    /// Expiry in Unix seconds; −1 means never.
    #[serde(default)]
    pub expires_at: i64,
    /// Custom properties by key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<std::collections::BTreeMap<String, BannerProperty>>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

/// A typed banner property.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BannerProperty {
    /// `string`, `number`, `boolean`, `datetime`, `jsonobject` or `image`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The value.
    pub value: Value,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

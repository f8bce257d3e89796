//! API-triggered campaigns: POST /campaigns/trigger/send and /campaigns/trigger/schedule/*.
//! The content lives in the dashboard; the request names the campaign, who gets it, and the
//! `trigger_properties` its Liquid reads.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

use crate::client::RateBucket;
use crate::endpoint::Endpoint;
use crate::endpoints::targeting::TriggerTargeting;
use crate::json::UnknownFields;
use crate::model::{Audience, EmailAttachment, Properties, Recipient, RecipientOf, Schedule};
use crate::responses::{Acknowledged, Dispatched, Scheduled};
use crate::validate::{Validate, Validator, not_blank};

/// POST /campaigns/trigger/send.
///
/// Name `recipients` (at most 50), narrow with an `audience`, or neither to reach the campaign's
/// whole dashboard segment; without recipients, `broadcast: true` is required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignsTriggerSend<P = Properties> {
    /// The API-triggered campaign.
    pub campaign_id: String,
    /// A send id created with /sends/id/create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_id: Option<String>,
    /// Properties for every recipient (`api_trigger_properties.${key}` in Liquid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_properties: Option<P>,
    /// `true` to send to the campaign's whole segment; never with recipients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broadcast: Option<bool>,
    /// Narrows the campaign's segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    /// The users, each with optional properties of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<Recipient>>,
    /// Email attachments (not with `broadcast: true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<EmailAttachment>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl CampaignsTriggerSend {
    /// A trigger of `campaign_id` with nothing else set.
    pub fn new(campaign_id: impl Into<String>) -> Self {
        CampaignsTriggerSend {
            campaign_id: campaign_id.into(),
            send_id: None,
            trigger_properties: None,
            broadcast: None,
            audience: None,
            recipients: None,
            attachments: None,
            unknown_fields: UnknownFields::new(),
        }
    }

    /// A trigger of `campaign_id` for `recipients`.
    pub fn to_recipients(campaign_id: impl Into<String>, recipients: Vec<Recipient>) -> Self {
        CampaignsTriggerSend { recipients: Some(recipients), ..CampaignsTriggerSend::new(campaign_id) }
    }
}

impl<P> CampaignsTriggerSend<P> {
    /// A trigger of `campaign_id` whose trigger_properties are `properties` (a `#[braze_campaign]` struct or any
    /// value serializing to a JSON object), with no audience yet.
    pub fn with_properties(campaign_id: impl Into<String>, properties: P) -> Self {
        CampaignsTriggerSend {
            campaign_id: campaign_id.into(),
            send_id: None,
            trigger_properties: Some(properties),
            broadcast: None,
            audience: None,
            recipients: None,
            attachments: None,
            unknown_fields: UnknownFields::new(),
        }
    }

    /// The same trigger, sent at `schedule` instead of now.
    pub fn schedule(self, schedule: Schedule) -> CampaignsTriggerScheduleCreate<P> {
        let mut unknown_fields = self.unknown_fields;
        // The schedule endpoint has no `attachments` field; keep them rather than drop them.
        if let Some(attachments) = self.attachments {
            unknown_fields.insert("attachments".into(), serde_json::to_value(attachments).unwrap_or_default());
        }
        CampaignsTriggerScheduleCreate {
            campaign_id: self.campaign_id,
            send_id: self.send_id,
            recipients: self.recipients,
            audience: self.audience,
            broadcast: self.broadcast,
            trigger_properties: self.trigger_properties,
            schedule,
            unknown_fields,
        }
    }
}

impl<P: Serialize> Validate for CampaignsTriggerSend<P> {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "campaign_id", &self.campaign_id);
        TriggerTargeting {
            of: RecipientOf::Campaign,
            broadcast: self.broadcast,
            recipients: self.recipients.as_deref(),
            audience: self.audience.as_ref(),
            send_id: self.send_id.as_deref(),
            properties: self
                .trigger_properties
                .as_ref()
                .map(|p| ("trigger_properties", crate::model::check_properties("trigger_properties", p))),
        }
        .validate_into(v);
        if let Some(attachments) = &self.attachments {
            if self.broadcast == Some(true) {
                v.report_at("attachments", Violation::BroadcastWithAttachments);
            }
            v.each("attachments", attachments);
        }
    }
}

impl<P: Serialize> Endpoint for CampaignsTriggerSend<P> {
    type Response = Dispatched;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "campaigns.trigger.send";

    fn rate_bucket(&self) -> RateBucket {
        // Broadcast calls (no recipients named) have limits of their own (FACTS §2.1).
        if self.recipients.as_ref().is_some_and(|r| !r.is_empty()) { RateBucket::Shared } else { RateBucket::Broadcast }
    }

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/campaigns/trigger/send")
    }
}

/// POST /campaigns/trigger/schedule/create: a triggered campaign sent later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignsTriggerScheduleCreate<P = Properties> {
    /// The API-triggered campaign.
    pub campaign_id: String,
    /// A send id created with /sends/id/create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_id: Option<String>,
    /// The users; only those also in the campaign's segment receive it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<Recipient>>,
    /// Narrows the campaign's segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    /// `true` to send to the campaign's whole segment; never with recipients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broadcast: Option<bool>,
    /// Properties for every recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_properties: Option<P>,
    /// When to send.
    pub schedule: Schedule,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl CampaignsTriggerScheduleCreate {
    /// A scheduled trigger of `campaign_id` with nothing else set.
    pub fn new(campaign_id: impl Into<String>, schedule: Schedule) -> Self {
        CampaignsTriggerScheduleCreate {
            campaign_id: campaign_id.into(),
            send_id: None,
            recipients: None,
            audience: None,
            broadcast: None,
            trigger_properties: None,
            schedule,
            unknown_fields: UnknownFields::new(),
        }
    }
}

impl<P: Serialize> Validate for CampaignsTriggerScheduleCreate<P> {
    fn validate_into(&self, v: &mut Validator) {
        v.nested("schedule", &self.schedule);
        not_blank(v, "campaign_id", &self.campaign_id);
        TriggerTargeting {
            of: RecipientOf::Campaign,
            broadcast: self.broadcast,
            recipients: self.recipients.as_deref(),
            audience: self.audience.as_ref(),
            send_id: self.send_id.as_deref(),
            properties: self
                .trigger_properties
                .as_ref()
                .map(|p| ("trigger_properties", crate::model::check_properties("trigger_properties", p))),
        }
        .validate_into(v);
    }
}

impl<P: Serialize> Endpoint for CampaignsTriggerScheduleCreate<P> {
    type Response = Scheduled;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "campaigns.trigger.schedule.create";

    fn rate_bucket(&self) -> RateBucket {
        // Broadcast calls (no recipients named) have limits of their own (FACTS §2.1).
        if self.recipients.as_ref().is_some_and(|r| !r.is_empty()) { RateBucket::Shared } else { RateBucket::Broadcast }
    }

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/campaigns/trigger/schedule/create")
    }
}

/// POST /campaigns/trigger/schedule/update: replace the schedule of a scheduled trigger.
///
/// The new schedule replaces the old one whole (omitting `in_local_time` makes it UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignsTriggerScheduleUpdate {
    /// The campaign.
    pub campaign_id: String,
    /// From the create response.
    pub schedule_id: String,
    /// The complete new schedule.
    pub schedule: Schedule,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Validate for CampaignsTriggerScheduleUpdate {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "campaign_id", &self.campaign_id);
        not_blank(v, "schedule_id", &self.schedule_id);
        v.nested("schedule", &self.schedule);
    }
}

impl Endpoint for CampaignsTriggerScheduleUpdate {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "campaigns.trigger.schedule.update";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/campaigns/trigger/schedule/update")
    }
}

/// POST /campaigns/trigger/schedule/delete: cancel a scheduled trigger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignsTriggerScheduleDelete {
    /// The campaign.
    pub campaign_id: String,
    /// From the create response.
    pub schedule_id: String,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Validate for CampaignsTriggerScheduleDelete {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "campaign_id", &self.campaign_id);
        not_blank(v, "schedule_id", &self.schedule_id);
    }
}

impl Endpoint for CampaignsTriggerScheduleDelete {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "campaigns.trigger.schedule.delete";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/campaigns/trigger/schedule/delete")
    }
}

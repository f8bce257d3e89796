//! API-triggered Canvases: POST /canvas/trigger/send and /canvas/trigger/schedule/*.
//! The content lives in the dashboard; the request names the Canvas, who gets it, and the
//! `context` its Liquid reads (formerly `canvas_entry_properties`, still read as an alias).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::client::RateBucket;
use crate::endpoint::Endpoint;
use crate::endpoints::targeting::TriggerTargeting;
use crate::json::UnknownFields;
use crate::model::{Audience, Properties, Recipient, RecipientOf, Schedule};
use crate::responses::{Acknowledged, Dispatched, Scheduled};
use crate::validate::{Validate, Validator, not_blank};

/// POST /canvas/trigger/send.
///
/// Name `recipients` (at most 50), narrow with an `audience`, or neither to reach the Canvas's
/// whole dashboard segment; without recipients, `broadcast: true` is required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanvasTriggerSend<P = Properties> {
    /// The API-triggered Canvas.
    pub canvas_id: String,
    /// Context for every recipient (`context.${key}` in Liquid).
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "canvas_entry_properties")]
    pub context: Option<P>,
    /// `true` to send to the Canvas's whole segment; never with recipients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broadcast: Option<bool>,
    /// Narrows the Canvas's segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    /// The users, each with optional properties of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<Recipient>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl CanvasTriggerSend {
    /// A trigger of Canvas `canvas_id` with nothing else set.
    pub fn new(canvas_id: impl Into<String>) -> Self {
        CanvasTriggerSend {
            canvas_id: canvas_id.into(),
            context: None,
            broadcast: None,
            audience: None,
            recipients: None,
            unknown_fields: UnknownFields::new(),
        }
    }

    /// A trigger of Canvas `canvas_id` for `recipients`.
    pub fn to_recipients(canvas_id: impl Into<String>, recipients: Vec<Recipient>) -> Self {
        CanvasTriggerSend { recipients: Some(recipients), ..CanvasTriggerSend::new(canvas_id) }
    }
}

impl<P> CanvasTriggerSend<P> {
    /// A trigger of `canvas_id` whose context are `properties` (a `#[braze_canvas]` struct or any
    /// value serializing to a JSON object), with no audience yet.
    pub fn with_properties(canvas_id: impl Into<String>, properties: P) -> Self {
        CanvasTriggerSend {
            canvas_id: canvas_id.into(),
            context: Some(properties),
            broadcast: None,
            audience: None,
            recipients: None,
            unknown_fields: UnknownFields::new(),
        }
    }

    /// The same trigger, sent at `schedule` instead of now.
    pub fn schedule(self, schedule: Schedule) -> CanvasTriggerScheduleCreate<P> {
        let unknown_fields = self.unknown_fields;
        CanvasTriggerScheduleCreate {
            canvas_id: self.canvas_id,
            recipients: self.recipients,
            audience: self.audience,
            broadcast: self.broadcast,
            context: self.context,
            schedule,
            unknown_fields,
        }
    }
}

impl<P: Serialize> Validate for CanvasTriggerSend<P> {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "canvas_id", &self.canvas_id);
        TriggerTargeting {
            of: RecipientOf::Canvas,
            broadcast: self.broadcast,
            recipients: self.recipients.as_deref(),
            audience: self.audience.as_ref(),
            send_id: None,
            properties: self.context.as_ref().map(|p| ("context", crate::model::check_properties("context", p))),
        }
        .validate_into(v);
    }
}

impl<P: Serialize> Endpoint for CanvasTriggerSend<P> {
    type Response = Dispatched;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "canvas.trigger.send";

    fn rate_bucket(&self) -> RateBucket {
        // Broadcast calls (no recipients named) have limits of their own (FACTS §2.1).
        if self.recipients.as_ref().is_some_and(|r| !r.is_empty()) { RateBucket::Shared } else { RateBucket::Broadcast }
    }

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/canvas/trigger/send")
    }
}

/// POST /canvas/trigger/schedule/create: a triggered Canvas entered later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanvasTriggerScheduleCreate<P = Properties> {
    /// The API-triggered Canvas.
    pub canvas_id: String,
    /// The users; only those also in the Canvas's segment receive it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<Recipient>>,
    /// Narrows the Canvas's segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    /// `true` to send to the Canvas's whole segment; never with recipients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broadcast: Option<bool>,
    /// Context for every recipient.
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "canvas_entry_properties")]
    pub context: Option<P>,
    /// When to send.
    pub schedule: Schedule,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl CanvasTriggerScheduleCreate {
    /// A scheduled trigger of `canvas_id` with nothing else set.
    pub fn new(canvas_id: impl Into<String>, schedule: Schedule) -> Self {
        CanvasTriggerScheduleCreate {
            canvas_id: canvas_id.into(),
            recipients: None,
            audience: None,
            broadcast: None,
            context: None,
            schedule,
            unknown_fields: UnknownFields::new(),
        }
    }
}

impl<P: Serialize> Validate for CanvasTriggerScheduleCreate<P> {
    fn validate_into(&self, v: &mut Validator) {
        v.nested("schedule", &self.schedule);
        not_blank(v, "canvas_id", &self.canvas_id);
        TriggerTargeting {
            of: RecipientOf::Canvas,
            broadcast: self.broadcast,
            recipients: self.recipients.as_deref(),
            audience: self.audience.as_ref(),
            send_id: None,
            properties: self.context.as_ref().map(|p| ("context", crate::model::check_properties("context", p))),
        }
        .validate_into(v);
    }
}

impl<P: Serialize> Endpoint for CanvasTriggerScheduleCreate<P> {
    type Response = Scheduled;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "canvas.trigger.schedule.create";

    fn rate_bucket(&self) -> RateBucket {
        // Broadcast calls (no recipients named) have limits of their own (FACTS §2.1).
        if self.recipients.as_ref().is_some_and(|r| !r.is_empty()) { RateBucket::Shared } else { RateBucket::Broadcast }
    }

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/canvas/trigger/schedule/create")
    }
}

/// POST /canvas/trigger/schedule/update: replace the schedule of a scheduled trigger.
///
/// The new schedule replaces the old one whole (omitting `in_local_time` makes it UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanvasTriggerScheduleUpdate {
    /// The Canvas.
    pub canvas_id: String,
    /// From the create response.
    pub schedule_id: String,
    /// The complete new schedule.
    pub schedule: Schedule,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Validate for CanvasTriggerScheduleUpdate {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "canvas_id", &self.canvas_id);
        not_blank(v, "schedule_id", &self.schedule_id);
        v.nested("schedule", &self.schedule);
    }
}

impl Endpoint for CanvasTriggerScheduleUpdate {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "canvas.trigger.schedule.update";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/canvas/trigger/schedule/update")
    }
}

/// POST /canvas/trigger/schedule/delete: cancel a scheduled trigger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanvasTriggerScheduleDelete {
    /// The Canvas.
    pub canvas_id: String,
    /// From the create response.
    pub schedule_id: String,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Validate for CanvasTriggerScheduleDelete {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "canvas_id", &self.canvas_id);
        not_blank(v, "schedule_id", &self.schedule_id);
    }
}

impl Endpoint for CanvasTriggerScheduleDelete {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "canvas.trigger.schedule.delete";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/canvas/trigger/schedule/delete")
    }
}

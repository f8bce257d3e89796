//! POST /messages/schedule/{create,update,delete}: ad-hoc messages sent later.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

use crate::__private::Blank;
use crate::endpoint::Endpoint;
use crate::endpoints::RecipientSubscriptionState;
use crate::endpoints::targeting::{AdHocTargeting, check_misspelled_flag};
use crate::json::UnknownFields;
use crate::model::{Audience, Messages, Schedule, UserAlias};
use crate::responses::{Acknowledged, Scheduled};
use crate::validate::{Validate, Validator, not_blank};

/// POST /messages/schedule/create: the body of /messages/send plus a `schedule`.
///
/// Note the frequency-capping flag is spelled `override_messaging_limits` here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagesScheduleCreate {
    /// `true` to send to a whole segment or audience; never with named users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broadcast: Option<bool>,
    /// Users by external id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_user_ids: Option<Vec<String>>,
    /// Users by alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_aliases: Option<Vec<UserAlias>>,
    /// A dashboard segment's API id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_id: Option<String>,
    /// A connected audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    /// An API campaign, for dashboard statistics; makes `message_variation_id` mandatory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<String>,
    /// A send id created with /sends/id/create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_id: Option<String>,
    /// Ignore frequency capping (this endpoint's spelling of the flag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_messaging_limits: Option<bool>,
    /// Which subscription states receive the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_subscription_state: Option<RecipientSubscriptionState>,
    /// When to send.
    pub schedule: Schedule,
    /// The message objects, one per channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Messages>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl MessagesScheduleCreate {
    /// A scheduled message with nothing but its schedule; set the audience and messages.
    pub fn new(schedule: Schedule) -> Self {
        MessagesScheduleCreate { schedule, ..Blank::blank() }
    }
}

impl Validate for MessagesScheduleCreate {
    fn validate_into(&self, v: &mut Validator) {
        v.nested("schedule", &self.schedule);
        // Rules relative to sending (a content card's expiry) count from the schedule's time.
        v.sending_at(Some(self.schedule.latest_instant()), |v| AdHocTargeting::of_scheduled(self).validate_into(v));
        check_misspelled_flag(
            v,
            &self.unknown_fields,
            "override_frequency_capping",
            "override_messaging_limits",
            "a scheduled message",
        );
    }
}

impl Endpoint for MessagesScheduleCreate {
    type Response = Scheduled;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "messages.schedule.create";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/messages/schedule/create")
    }
}

/// POST /messages/schedule/update: replace the schedule and/or the messages.
///
/// The schedule given replaces the old one whole: send every flag you want to keep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagesScheduleUpdate {
    /// From the create response.
    pub schedule_id: String,
    /// The new schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// The new messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Messages>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl MessagesScheduleUpdate {
    /// Moves the scheduled message `schedule_id` to `schedule`.
    pub fn reschedule(schedule_id: impl Into<String>, schedule: Schedule) -> Self {
        MessagesScheduleUpdate {
            schedule_id: schedule_id.into(),
            schedule: Some(schedule),
            messages: None,
            unknown_fields: UnknownFields::new(),
        }
    }
}

impl Validate for MessagesScheduleUpdate {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "schedule_id", &self.schedule_id);
        if self.schedule.is_none() && self.messages.is_none() {
            v.report(Violation::MissingOneOf {
                object: "/messages/schedule/update",
                fields: &["schedule", "messages"],
            });
        }
        v.optional("schedule", &self.schedule);
        // Without a new schedule, the messages go out at the stored one, which is not known here.
        let sent_at = self.schedule.as_ref().map(Schedule::latest_instant);
        v.sending_at(sent_at, |v| v.optional("messages", &self.messages));
    }
}

impl Endpoint for MessagesScheduleUpdate {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "messages.schedule.update";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/messages/schedule/update")
    }
}

/// POST /messages/schedule/delete: cancel a scheduled message before it is sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagesScheduleDelete {
    /// From the create response.
    pub schedule_id: String,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl MessagesScheduleDelete {
    /// Cancels `schedule_id`.
    pub fn new(schedule_id: impl Into<String>) -> Self {
        MessagesScheduleDelete { schedule_id: schedule_id.into(), unknown_fields: UnknownFields::new() }
    }
}

impl Validate for MessagesScheduleDelete {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "schedule_id", &self.schedule_id);
    }
}

impl Endpoint for MessagesScheduleDelete {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "messages.schedule.delete";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/messages/schedule/delete")
    }
}

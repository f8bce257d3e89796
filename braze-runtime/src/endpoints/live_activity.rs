//! iOS Live Activities: POST /messages/live_activity/start and /messages/live_activity/update.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use braze_rules::{AudienceShape, Violation};

use crate::endpoint::Endpoint;
use crate::endpoints::targeting::report_audience;
use crate::json::UnknownFields;
use crate::model::{ApplePush, Audience, UserAlias};
use crate::responses::Acknowledged;
use crate::time::Timestamp;
use crate::validate::{Validate, Validator, not_blank};

type Object = serde_json::Map<String, serde_json::Value>;

/// POST /messages/live_activity/update: update or end a running Live Activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveActivityUpdate {
    /// The app.
    pub app_id: String,
    /// The `pushTokenTag` the app registered the activity with.
    pub activity_id: String,
    /// The new content; must match the app's `ContentState`.
    pub content_state: Object,
    /// `true` ends the activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_activity: Option<bool>,
    /// When an ended activity is removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissal_date: Option<Timestamp>,
    /// When the content is shown as outdated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_date: Option<Timestamp>,
    /// An alert shown with the update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification: Option<ApplePush>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Validate for LiveActivityUpdate {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "app_id", &self.app_id);
        not_blank(v, "activity_id", &self.activity_id);
        v.optional("notification", &self.notification);
    }
}

impl Endpoint for LiveActivityUpdate {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "messages.live_activity.update";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/messages/live_activity/update")
    }
}

/// POST /messages/live_activity/start: start a Live Activity remotely (push-to-start).
///
/// Target users (`external_user_ids` / `user_aliases`, at most 50 together), or a `segment_id`,
/// or a `custom_audience`; do not mix users with the other two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveActivityStart {
    /// The app.
    pub app_id: String,
    /// Your id for the activity, used by later updates.
    pub activity_id: String,
    /// The attributes type the app registered with `registerPushToStart`.
    pub activity_attributes_type: String,
    /// The static attributes.
    pub activity_attributes: Object,
    /// The initial content.
    pub content_state: Object,
    /// The alert shown when the activity starts (give it a title and body).
    pub notification: ApplePush,
    /// When the content is shown as outdated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_date: Option<Timestamp>,
    /// When the activity is removed (older pages only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissal_date: Option<Timestamp>,
    /// Users by external id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_user_ids: Option<Vec<String>>,
    /// Users by alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_aliases: Option<Vec<UserAlias>>,
    /// A segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_id: Option<String>,
    /// A connected audience (note the key: `custom_audience`, not `audience`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_audience: Option<Audience>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

const LIVE_ACTIVITY_AUDIENCE_KEYS: &[&str] = &["external_user_ids", "user_aliases", "segment_id", "custom_audience"];

impl Validate for LiveActivityStart {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "app_id", &self.app_id);
        not_blank(v, "activity_id", &self.activity_id);
        not_blank(v, "activity_attributes_type", &self.activity_attributes_type);
        v.nested("notification", &self.notification);
        let ids = self.external_user_ids.as_ref().map_or(0, Vec::len);
        let aliases = self.user_aliases.as_ref().map_or(0, Vec::len);
        let users = match (ids, aliases) {
            (0, 0) => None,
            (0, _) => Some("user_aliases"),
            _ => Some("external_user_ids"),
        };
        let group = match (&self.segment_id, &self.custom_audience) {
            (Some(_), _) => Some("segment_id"),
            (None, Some(_)) => Some("custom_audience"),
            (None, None) => None,
        };
        if let (Some(users), Some(other)) = (users, group) {
            v.report_at(other, Violation::MixedTargeting { users, other });
        } else if users.is_none() && group.is_none() {
            // Live activities have no `broadcast` flag: a target is always required.
            let shape = AudienceShape {
                users,
                group,
                broadcast: None,
                accepted: LIVE_ACTIVITY_AUDIENCE_KEYS,
                broadcast_alone_allowed: false,
            };
            report_audience(v, &shape);
        }
        v.check_at(users.unwrap_or("external_user_ids"), braze_rules::check_user_count(ids, aliases));
        if let Some(aliases) = &self.user_aliases {
            v.each("user_aliases", aliases);
        }
        v.optional("custom_audience", &self.custom_audience);
    }
}

impl Endpoint for LiveActivityStart {
    type Response = Acknowledged;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "messages.live_activity.start";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/messages/live_activity/start")
    }
}

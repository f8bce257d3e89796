//! POST /messages/send: an ad-hoc message whose content is in the request.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::client::RateBucket;
use crate::endpoint::Endpoint;
use crate::endpoints::targeting::{AdHocTargeting, check_misspelled_flag};
use crate::json::UnknownFields;
use crate::model::{Audience, Messages, UserAlias};
use crate::responses::Dispatched;
use crate::validate::{Validate, Validator};

/// Who receives an ad-hoc message when only some users are subscribed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientSubscriptionState {
    /// Only users who explicitly opted in.
    OptedIn,
    /// Subscribed or opted-in users (Braze's default).
    Subscribed,
    /// Everyone, unsubscribed users included (meant for transactional email).
    All,
}

impl RecipientSubscriptionState {
    /// Braze's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RecipientSubscriptionState::OptedIn => "opted_in",
            RecipientSubscriptionState::Subscribed => "subscribed",
            RecipientSubscriptionState::All => "all",
        }
    }
}

/// POST /messages/send.
///
/// Name users (`external_user_ids`, `user_aliases`, at most 50 together), a `segment_id` or an
/// `audience`; a segment or audience without named users needs `broadcast: true`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessagesSend {
    /// `true` to send to a whole segment or audience; never with named users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broadcast: Option<bool>,
    /// Users by external id (they must already exist).
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
    pub override_frequency_capping: Option<bool>,
    /// Which subscription states receive the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_subscription_state: Option<RecipientSubscriptionState>,
    /// The message objects, one per channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Messages>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl MessagesSend {
    /// A message to the users with these external ids.
    pub fn to_users<I, S>(ids: I, messages: Messages) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        MessagesSend {
            external_user_ids: Some(ids.into_iter().map(Into::into).collect()),
            messages: Some(messages),
            ..MessagesSend::default()
        }
    }

    /// A broadcast to every user of a segment.
    pub fn to_segment(segment_id: impl Into<String>, messages: Messages) -> Self {
        MessagesSend {
            broadcast: Some(true),
            segment_id: Some(segment_id.into()),
            messages: Some(messages),
            ..MessagesSend::default()
        }
    }
}

impl Validate for MessagesSend {
    fn validate_into(&self, v: &mut Validator) {
        AdHocTargeting::of_send(self).validate_into(v);
        check_misspelled_flag(
            v,
            &self.unknown_fields,
            "override_messaging_limits",
            "override_frequency_capping",
            "/messages/send",
        );
    }
}

impl Endpoint for MessagesSend {
    type Response = Dispatched;
    const IDEMPOTENT: bool = false;
    const PERMISSION: &'static str = "messages.send";

    fn rate_bucket(&self) -> RateBucket {
        // Broadcast calls (no users named) have limits of their own (FACTS §2.1).
        let named = |list: Option<usize>| list.is_some_and(|n| n > 0);
        if named(self.external_user_ids.as_ref().map(Vec::len)) || named(self.user_aliases.as_ref().map(Vec::len)) {
            RateBucket::Shared
        } else {
            RateBucket::Broadcast
        }
    }

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/messages/send")
    }
}

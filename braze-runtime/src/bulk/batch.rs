//! Requests that can be split into batches of users.

use serde::Serialize;

use crate::endpoint::Endpoint;
use crate::endpoints::{
    CampaignsTriggerScheduleCreate, CampaignsTriggerSend, CanvasTriggerScheduleCreate, CanvasTriggerSend,
};
use crate::endpoints::{MessagesScheduleCreate, MessagesSend};
use crate::model::{Recipient, RecipientOf};
use crate::responses::{Dispatched, Scheduled};
use crate::validate::{InvalidRequest, Validator};

/// A request template that can be addressed to a batch of users: the bulk sender fills in at
/// most [`Batch::MAX_USERS`] users per request and leaves everything else as it is.
pub trait Batch: Endpoint {
    /// One user: an external id for /messages/send, a [`Recipient`] for the trigger endpoints.
    type User: Clone + Serialize;

    /// Users one request may address.
    const MAX_USERS: usize = braze_rules::MAX_USERS_PER_REQUEST;

    /// A copy of this template addressed to `users` only.
    fn with_users(&self, users: Vec<Self::User>) -> Self;

    /// The rulebook's verdict on one user alone. A user it refuses would make Braze refuse the
    /// whole request, so the bulk sender reports it on its own and sends the others.
    fn check_user(user: &Self::User) -> Result<(), InvalidRequest>;

    /// The dispatch id of a success answer, if Braze gave one.
    fn dispatch_id(response: &Self::Response) -> Option<&str>;

    /// The non-fatal errors of a success answer.
    fn warnings(response: &Self::Response) -> Vec<String>;
}

/// An external user id is not blank.
fn check_external_id(id: &str) -> Result<(), InvalidRequest> {
    let mut v = Validator::default();
    v.check_at("external_user_ids", braze_rules::check_not_blank("external_user_id", id));
    v.finish()
}

/// A recipient passes the rules of its endpoint family.
fn check_recipient(recipient: &Recipient, of: RecipientOf) -> Result<(), InvalidRequest> {
    let mut v = Validator::default();
    v.at("recipients", |v| recipient.validate_for(of, v));
    v.finish()
}

impl Batch for MessagesSend {
    type User = String;

    fn with_users(&self, users: Vec<String>) -> Self {
        MessagesSend { external_user_ids: Some(users), user_aliases: None, ..self.clone() }
    }

    fn check_user(user: &String) -> Result<(), InvalidRequest> {
        check_external_id(user)
    }

    fn dispatch_id(response: &Dispatched) -> Option<&str> {
        response.dispatch_id.as_deref()
    }

    fn warnings(response: &Dispatched) -> Vec<String> {
        response.error_messages()
    }
}

impl Batch for MessagesScheduleCreate {
    type User = String;

    fn with_users(&self, users: Vec<String>) -> Self {
        MessagesScheduleCreate { external_user_ids: Some(users), user_aliases: None, ..self.clone() }
    }

    fn check_user(user: &String) -> Result<(), InvalidRequest> {
        check_external_id(user)
    }

    fn dispatch_id(response: &Scheduled) -> Option<&str> {
        response.dispatch_id.as_deref()
    }

    fn warnings(response: &Scheduled) -> Vec<String> {
        response.error_messages()
    }
}

macro_rules! trigger_batch {
    ($request:ident, $response:ty, $of:expr) => {
        impl<P: Serialize + Clone> Batch for $request<P> {
            type User = Recipient;
            const MAX_USERS: usize = braze_rules::MAX_RECIPIENTS_PER_REQUEST;

            fn with_users(&self, users: Vec<Recipient>) -> Self {
                $request { recipients: Some(users), ..self.clone() }
            }

            fn check_user(user: &Recipient) -> Result<(), InvalidRequest> {
                check_recipient(user, $of)
            }

            fn dispatch_id(response: &$response) -> Option<&str> {
                response.dispatch_id.as_deref()
            }

            fn warnings(response: &$response) -> Vec<String> {
                response.error_messages()
            }
        }
    };
}

trigger_batch!(CampaignsTriggerSend, Dispatched, RecipientOf::Campaign);
trigger_batch!(CampaignsTriggerScheduleCreate, Scheduled, RecipientOf::Campaign);
trigger_batch!(CanvasTriggerSend, Dispatched, RecipientOf::Canvas);
trigger_batch!(CanvasTriggerScheduleCreate, Scheduled, RecipientOf::Canvas);

//! Requests that can be split into batches of users.

use serde::Serialize;

use crate::endpoint::Endpoint;
use crate::endpoints::{
    CampaignsTriggerScheduleCreate, CampaignsTriggerSend, CanvasTriggerScheduleCreate, CanvasTriggerSend,
};
use crate::endpoints::{MessagesScheduleCreate, MessagesSend};
use crate::model::Recipient;
use crate::responses::{Dispatched, Scheduled};

/// A request template that can be addressed to a batch of users: the bulk sender fills in at
/// most [`Batch::MAX_USERS`] users per request and leaves everything else as it is.
pub trait Batch: Endpoint {
    /// One user: an external id for /messages/send, a [`Recipient`] for the trigger endpoints.
    type User: Clone;

    /// Users one request may address.
    const MAX_USERS: usize = braze_rules::MAX_USERS_PER_REQUEST;

    /// A copy of this template addressed to `users` only.
    fn with_users(&self, users: Vec<Self::User>) -> Self;

    /// The dispatch id of a success answer, if Braze gave one.
    fn dispatch_id(response: &Self::Response) -> Option<&str>;

    /// The non-fatal errors of a success answer.
    fn warnings(response: &Self::Response) -> Vec<String>;
}

impl Batch for MessagesSend {
    type User = String;

    fn with_users(&self, users: Vec<String>) -> Self {
        MessagesSend { external_user_ids: Some(users), user_aliases: None, ..self.clone() }
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

    fn dispatch_id(response: &Scheduled) -> Option<&str> {
        response.dispatch_id.as_deref()
    }

    fn warnings(response: &Scheduled) -> Vec<String> {
        response.error_messages()
    }
}

macro_rules! trigger_batch {
    ($request:ident, $response:ty) => {
        impl<P: Serialize + Clone> Batch for $request<P> {
            type User = Recipient;
            const MAX_USERS: usize = braze_rules::MAX_RECIPIENTS_PER_REQUEST;

            fn with_users(&self, users: Vec<Recipient>) -> Self {
                $request { recipients: Some(users), ..self.clone() }
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

trigger_batch!(CampaignsTriggerSend, Dispatched);
trigger_batch!(CampaignsTriggerScheduleCreate, Scheduled);
trigger_batch!(CanvasTriggerSend, Dispatched);
trigger_batch!(CanvasTriggerScheduleCreate, Scheduled);

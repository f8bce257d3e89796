//! GET /messages/scheduled_broadcasts: upcoming scheduled campaigns and Canvases.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::endpoint::{Endpoint, Method};
use crate::responses::ScheduledBroadcasts;
use crate::time::Timestamp;
use crate::validate::{Validate, Validator};

/// GET /messages/scheduled_broadcasts?end_time=…: everything scheduled from now until
/// `end_time` (read by Braze as midnight UTC of that date).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledBroadcastsList {
    /// The end of the range.
    pub end_time: Timestamp,
}

impl ScheduledBroadcastsList {
    /// Lists what is scheduled until `end_time`.
    pub fn until(end_time: impl Into<Timestamp>) -> Self {
        ScheduledBroadcastsList { end_time: end_time.into() }
    }
}

impl Validate for ScheduledBroadcastsList {
    fn validate_into(&self, _: &mut Validator) {}
}

impl Endpoint for ScheduledBroadcastsList {
    type Response = ScheduledBroadcasts;
    const METHOD: Method = Method::Get;
    const IDEMPOTENT: bool = true;
    const PERMISSION: &'static str = "messages.schedule_broadcasts";

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed("/messages/scheduled_broadcasts")
    }
}

//! One request type per endpoint, each serializing to exactly the documented body.

mod campaign_trigger;
mod canvas_trigger;
mod duplicate;
mod live_activity;
mod messages_schedule;
mod messages_send;
mod scheduled_broadcasts;
mod sends_id;
pub(crate) mod targeting;
mod transactional;

pub use campaign_trigger::*;
pub use canvas_trigger::*;
pub use duplicate::*;
pub use live_activity::*;
pub use messages_schedule::*;
pub use messages_send::*;
pub use scheduled_broadcasts::*;
pub use sends_id::*;
pub use transactional::*;

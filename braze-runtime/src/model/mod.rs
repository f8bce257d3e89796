//! The objects requests are made of.

mod audience;
pub mod messages;
mod properties;
mod recipient;
mod schedule;
mod spelling;
mod user_alias;

pub use audience::*;
pub use messages::*;
pub use properties::{Properties, check_properties};
pub(crate) use recipient::RecipientOf;
pub use recipient::{Prioritization, Recipient, RecipientId};
pub use schedule::{LocalTime, Schedule, ScheduleTime};
pub use user_alias::UserAlias;

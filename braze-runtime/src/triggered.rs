//! API-triggered campaigns and Canvases declared with `#[braze_campaign]` / `#[braze_canvas]`.
//!
//! The attribute implements [`Campaign`] (or [`Canvas`]) for the struct and gives it methods
//! that build trigger requests whose `trigger_properties` (or `context`) is the struct itself,
//! serialized as it is sent. Sending to the whole segment needs `broadcast = true` in the
//! attribute: only then is [`BroadcastCampaign`] implemented.

use serde::Serialize;

/// A type that can be the properties of a trigger: anything serializing to a JSON object.
#[diagnostic::on_unimplemented(
    message = "`{Self}` must implement `Serialize` to be sent as trigger properties",
    label = "this type does not implement `serde::Serialize`",
    note = "add `#[derive(serde::Serialize)]` to the struct"
)]
pub trait TriggerProperties {}

impl<T: Serialize + ?Sized> TriggerProperties for T {}

/// The trigger properties of one API-triggered campaign.
///
/// Only [`TriggerProperties`] is a supertrait (not `Serialize` directly), so a struct that does
/// not derive `Serialize` gets that trait's one clear error instead of rustc's generic ones.
pub trait Campaign: TriggerProperties {
    /// The campaign's API identifier.
    const CAMPAIGN_ID: &'static str;
}

/// A campaign declared `broadcast = true`: it may be sent to its whole dashboard segment.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not declared `broadcast = true`, so it cannot be sent to the campaign's whole segment",
    label = "sends to every user of the segment",
    note = "add `broadcast = true` to `#[braze_campaign(…)]` on `{Self}`, or send to named users with `to_user` / `to_recipients`"
)]
pub trait BroadcastCampaign<'a> {}

/// The entry properties (`context`) of one API-triggered Canvas.
pub trait Canvas: TriggerProperties {
    /// The Canvas's API identifier.
    const CANVAS_ID: &'static str;
}

/// A Canvas declared `broadcast = true`: it may be entered by its whole entry audience.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not declared `broadcast = true`, so it cannot be sent to the Canvas's whole entry audience",
    label = "sends to every user of the entry audience",
    note = "add `broadcast = true` to `#[braze_canvas(…)]` on `{Self}`, or send to named users with `to_user` / `to_recipients`"
)]
pub trait BroadcastCanvas<'a> {}

//! API-triggered campaigns and Canvases declared with `#[braze_campaign]` / `#[braze_canvas]`.
//!
//! The attribute implements [`Campaign`] (or [`Canvas`]) for the struct and gives it methods
//! that build trigger requests whose `trigger_properties` (or `context`) is the struct itself,
//! serialized as it is sent. Sending to the whole segment needs `broadcast = true` in the
//! attribute: only then is [`BroadcastCampaign`] implemented.

use serde::Serialize;

use crate::endpoints::{CampaignsTriggerSend, CanvasTriggerSend};
use crate::model::{Audience, Recipient};

/// A type that can be the properties of a trigger: anything serializing to a JSON object.
#[diagnostic::on_unimplemented(
    message = "`{Self}` must implement `Serialize` to be sent as trigger properties",
    label = "this type does not implement `serde::Serialize`",
    note = "add `#[derive(serde::Serialize)]` to the struct"
)]
pub trait TriggerProperties {}

impl<T: Serialize + ?Sized> TriggerProperties for T {}

/// The trigger properties of one API-triggered campaign.
pub trait Campaign: TriggerProperties + Serialize {
    /// The campaign's API identifier.
    const CAMPAIGN_ID: &'static str;
}

/// A campaign declared `broadcast = true`: it may be sent to its whole dashboard segment.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not declared `broadcast = true`, so it cannot be sent to the campaign's whole segment",
    label = "sends to every user of the segment",
    note = "add `broadcast = true` to `#[braze_campaign(…)]` on `{Self}`, or send to named users with `to_user` / `to_recipients`"
)]
pub trait BroadcastCampaign<'a>: Campaign {}

/// The entry properties (`context`) of one API-triggered Canvas.
pub trait Canvas: TriggerProperties + Serialize {
    /// The Canvas's API identifier.
    const CANVAS_ID: &'static str;
}

/// A Canvas declared `broadcast = true`: it may be entered by its whole entry audience.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not declared `broadcast = true`, so it cannot be sent to the Canvas's whole entry audience",
    label = "sends to every user of the entry audience",
    note = "add `broadcast = true` to `#[braze_canvas(…)]` on `{Self}`, or send to named users with `to_user` / `to_recipients`"
)]
pub trait BroadcastCanvas<'a>: Canvas {}

/// A trigger of `campaign` for `recipients`.
pub fn campaign_to_recipients<T: Campaign>(campaign: &T, recipients: Vec<Recipient>) -> CampaignsTriggerSend<&T> {
    CampaignsTriggerSend {
        recipients: Some(recipients),
        ..CampaignsTriggerSend::with_properties(T::CAMPAIGN_ID, campaign)
    }
}

/// A trigger of `campaign` for the users of its segment matching `audience`.
pub fn campaign_to_audience<T: Campaign>(campaign: &T, audience: Audience) -> CampaignsTriggerSend<&T> {
    CampaignsTriggerSend {
        audience: Some(audience),
        broadcast: Some(true),
        ..CampaignsTriggerSend::with_properties(T::CAMPAIGN_ID, campaign)
    }
}

/// A trigger of `campaign` for its whole segment.
pub fn campaign_to_everyone<'a, T: BroadcastCampaign<'a>>(campaign: &'a T) -> CampaignsTriggerSend<&'a T> {
    CampaignsTriggerSend { broadcast: Some(true), ..CampaignsTriggerSend::with_properties(T::CAMPAIGN_ID, campaign) }
}

/// A trigger of `canvas` for `recipients`.
pub fn canvas_to_recipients<T: Canvas>(canvas: &T, recipients: Vec<Recipient>) -> CanvasTriggerSend<&T> {
    CanvasTriggerSend { recipients: Some(recipients), ..CanvasTriggerSend::with_properties(T::CANVAS_ID, canvas) }
}

/// A trigger of `canvas` for the users of its entry audience matching `audience`.
pub fn canvas_to_audience<T: Canvas>(canvas: &T, audience: Audience) -> CanvasTriggerSend<&T> {
    CanvasTriggerSend {
        audience: Some(audience),
        broadcast: Some(true),
        ..CanvasTriggerSend::with_properties(T::CANVAS_ID, canvas)
    }
}

/// A trigger of `canvas` for its whole entry audience.
pub fn canvas_to_everyone<'a, T: BroadcastCanvas<'a>>(canvas: &'a T) -> CanvasTriggerSend<&'a T> {
    CanvasTriggerSend { broadcast: Some(true), ..CanvasTriggerSend::with_properties(T::CANVAS_ID, canvas) }
}

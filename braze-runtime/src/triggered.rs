//! API-triggered campaigns and Canvases declared with `#[braze_campaign]` / `#[braze_canvas]`.
//!
//! The attribute implements [`Campaign`] (or [`Canvas`]) for the struct. The trait's methods
//! build trigger requests whose `trigger_properties` (or `context`) is the struct itself,
//! serialized as it is sent: `to_*` borrow the struct, `into_*` take it, so a request can outlive
//! the function that built it. Sending to the whole segment needs `broadcast = true` in the
//! attribute: only then is [`BroadcastCampaign`] (or [`BroadcastCanvas`]) implemented.
//!
//! The methods live on the traits, not on the struct, so they never clash with the struct's own
//! methods: bring the trait into scope (`use braze_dsl::Campaign;`, or `braze_dsl::prelude::*`).

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

/// The request-building methods of a campaign or Canvas trait: `$request` is the trigger request,
/// `$id` the trait's identifier constant, `$broadcast` the marker trait for whole-segment sends.
macro_rules! trigger_methods {
    ($request:ident, $id:ident, $broadcast:ident, $what:literal, $props:literal) => {
        #[doc = concat!("Triggers the ", $what, " for one user (by external id), with `self` as its ", $props, ".")]
        fn to_user(&self, external_user_id: impl Into<String>) -> $request<&Self> {
            self.to_recipients(vec![Recipient::external_user_id(external_user_id)])
        }

        #[doc = concat!("Triggers the ", $what, " for these users (by external id), with `self` as its ", $props, ".")]
        fn to_users<I, S>(&self, external_user_ids: I) -> $request<&Self>
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.to_recipients(external_user_ids.into_iter().map(Recipient::external_user_id).collect())
        }

        #[doc = concat!(
                    "Triggers the ", $what, " for `recipients`, each optionally with ", $props,
                    " of their own that override `self`'s."
                )]
        fn to_recipients(&self, recipients: Vec<Recipient>) -> $request<&Self> {
            $request { recipients: Some(recipients), ..$request::with_properties(Self::$id, self) }
        }

        #[doc = concat!(
                    "Triggers the ", $what,
                    " for the users matching a connected `audience` (Braze requires `broadcast: true` for this)."
                )]
        fn to_audience(&self, audience: Audience) -> $request<&Self> {
            $request { audience: Some(audience), broadcast: Some(true), ..$request::with_properties(Self::$id, self) }
        }

        #[doc = concat!(
                    "Triggers the ", $what, " for its whole segment. Only for a ", $what,
                    " declared `broadcast = true`; any other is a compile error."
                )]
        fn to_everyone<'a>(&'a self) -> $request<&'a Self>
        where
            Self: $broadcast<'a>,
        {
            $request { broadcast: Some(true), ..$request::with_properties(Self::$id, self) }
        }

        /// Like `to_user`, taking `self`: the request owns its properties.
        fn into_user(self, external_user_id: impl Into<String>) -> $request<Self> {
            self.into_recipients(vec![Recipient::external_user_id(external_user_id)])
        }

        /// Like `to_users`, taking `self`: the request owns its properties.
        fn into_users<I, S>(self, external_user_ids: I) -> $request<Self>
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.into_recipients(external_user_ids.into_iter().map(Recipient::external_user_id).collect())
        }

        /// Like `to_recipients`, taking `self`: the request owns its properties.
        fn into_recipients(self, recipients: Vec<Recipient>) -> $request<Self> {
            $request { recipients: Some(recipients), ..$request::with_properties(Self::$id, self) }
        }

        /// Like `to_audience`, taking `self`: the request owns its properties.
        fn into_audience(self, audience: Audience) -> $request<Self> {
            $request { audience: Some(audience), broadcast: Some(true), ..$request::with_properties(Self::$id, self) }
        }

        /// Like `to_everyone`, taking `self`: the request owns its properties.
        fn into_everyone(self) -> $request<Self>
        where
            Self: $broadcast<'static>,
        {
            $request { broadcast: Some(true), ..$request::with_properties(Self::$id, self) }
        }
    };
}

/// The trigger properties of one API-triggered campaign, with the methods that address it.
///
/// `Serialize` is not a supertrait: the attribute checks [`TriggerProperties`] once, next to the
/// struct, so a struct that does not derive `Serialize` gets one clear error there, not one more
/// at every method call.
pub trait Campaign: Sized {
    /// The campaign's API identifier.
    const CAMPAIGN_ID: &'static str;

    trigger_methods!(CampaignsTriggerSend, CAMPAIGN_ID, BroadcastCampaign, "campaign", "trigger properties");
}

/// A campaign declared `broadcast = true`: it may be sent to its whole dashboard segment.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not declared `broadcast = true`, so it cannot be sent to the campaign's whole segment",
    label = "sends to every user of the segment",
    note = "add `broadcast = true` to `#[braze_campaign(…)]` on `{Self}`, or send to named users with `to_user` / `to_recipients`"
)]
pub trait BroadcastCampaign<'a> {}

/// The entry properties (`context`) of one API-triggered Canvas, with the methods that address it.
/// Like [`Campaign`], it does not require `Serialize` itself; the attribute checks it once.
pub trait Canvas: Sized {
    /// The Canvas's API identifier.
    const CANVAS_ID: &'static str;

    trigger_methods!(CanvasTriggerSend, CANVAS_ID, BroadcastCanvas, "Canvas", "context");
}

/// A Canvas declared `broadcast = true`: it may be entered by its whole entry audience.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not declared `broadcast = true`, so it cannot be sent to the Canvas's whole entry audience",
    label = "sends to every user of the entry audience",
    note = "add `broadcast = true` to `#[braze_canvas(…)]` on `{Self}`, or send to named users with `to_user` / `to_recipients`"
)]
pub trait BroadcastCanvas<'a> {}

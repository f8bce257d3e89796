//! Declare Braze messages and campaigns as checked Rust, and send or schedule them through
//! Braze's REST messaging API.
//!
//! ```toml
//! [dependencies]
//! braze-dsl = "0.1"
//! serde = { version = "1", features = ["derive"] } # for #[braze_campaign] / #[braze_canvas] structs
//! tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
//!
//! [dev-dependencies]
//! braze-dsl = { version = "0.1", features = ["testing"] } # the embedded Braze-compatible server
//! ```
//!
//! ```no_run
//! use braze_dsl::prelude::*;
//! use braze_dsl::Client;
//!
//! # async fn demo() -> Result<(), braze_dsl::Error> {
//! let client = Client::from_env()?; // BRAZE_REST_ENDPOINT, BRAZE_API_KEY
//! let welcome = message! {
//!     external_user_ids: ["user-1", "user-2"],
//!     messages: { apple_push: { alert: "Welcome aboard", badge: 1 } },
//! };
//! let sent = client.send(&welcome).await?;
//! println!("dispatch {:?}", sent.dispatch_id);
//! # Ok(()) }
//! ```
//!
//! - [`message!`] declares a message for /messages/send or /messages/schedule/create in Braze's
//!   own keys, checked at compile time; [`recipients!`] the recipients of a triggered send;
//!   [`braze_campaign`](macro@braze_campaign) and [`braze_canvas`](macro@braze_canvas) turn a
//!   struct into the properties of an API-triggered campaign or Canvas ([`Campaign`], [`Canvas`]).
//! - [`endpoints`] and [`model`]: the typed model of every messaging endpoint, for requests built
//!   in code; [`Validate`] applies the same rulebook to them.
//! - [`Client`]: sends any request, with typed answers and errors that keep what was sent and
//!   what came back; [`bulk`] sends to any number of users, paced and accounted for.
//! - [`testing`] (feature `testing`): an embedded Braze-compatible server for tests.
//!
//! Features: `testing` adds the embedded server (and hyper); `redis` adds the limiter and the
//! checkpoint store that many processes share through Redis (`bulk::RedisRateLimiter`,
//! `bulk::RedisCheckpointStore`). Nothing else is optional.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The macros' expansions name `::braze_dsl::…`; this makes that path resolve inside this crate,
// its examples and its doctests as well.
extern crate self as braze_dsl;

pub use braze_macros::{braze_campaign, braze_canvas, message, recipients};
pub use braze_runtime::*;

/// What code using the DSL needs in scope: the macros, and the traits that give
/// `#[braze_campaign]` / `#[braze_canvas]` structs their `to_user`, `to_everyone`, … methods.
///
/// ```
/// use braze_dsl::prelude::*;
/// ```
pub mod prelude {
    pub use crate::{Campaign, Canvas, braze_campaign, braze_canvas, message, recipients};
}

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

//! Declare Braze messages and campaigns as checked Rust, and send or schedule them through
//! Braze's REST messaging API.
//!
//! This is the package applications depend on. It re-exports the runtime
//! ([`braze_runtime`](https://docs.rs/braze-runtime)): the typed model of every messaging
//! endpoint, the rulebook, and the async [`Client`].
//!
//! ```no_run
//! use braze_dsl::model::{ApplePush, Messages};
//! use braze_dsl::endpoints::MessagesSend;
//! use braze_dsl::Client;
//!
//! # async fn demo() -> Result<(), braze_dsl::Error> {
//! let client = Client::from_env()?; // BRAZE_REST_ENDPOINT, BRAZE_API_KEY
//! let messages = Messages { apple_push: Some(ApplePush::new("Welcome aboard")), ..Messages::default() };
//! let sent = client.send(&MessagesSend::to_users(["user-1", "user-2"], messages)).await?;
//! println!("dispatch {:?}", sent.dispatch_id);
//! # Ok(()) }
//! ```
//!
//! With the `testing` feature, `braze_dsl::testing::BrazeServer` is an embedded Braze-compatible
//! server for tests and examples.

#![forbid(unsafe_code)]

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

//! The runtime of [`braze-dsl`](https://docs.rs/braze-dsl): a typed model of every Braze REST
//! messaging endpoint and object, the rulebook applied to it, and an async client.
//!
//! - [`endpoints`]: one request type per endpoint, serializing to exactly the documented body.
//! - [`model`]: the objects requests are made of (channel messages, recipients, audiences, …).
//! - [`Validate`]: the rulebook, applied to values built in code or read from JSON; a request
//!   that breaks a rule cannot be sent.
//! - [`Client`]: submits any request and returns its typed answer, with the rate-limit state.
//! - `testing` (feature `testing`): an embedded Braze-compatible server for examples and tests.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[rustfmt::skip]
mod blank;
pub mod bulk;
mod client;
mod endpoint;
pub mod endpoints;
mod json;
pub mod model;
pub mod responses;
mod time;
pub mod triggered;
mod validate;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

pub use braze_rules::{self as rules, Violation};
/// The date-time types a request names (`DateTime<Utc>`, `NaiveDateTime`, `NaiveDate`), so an
/// application need not pick a chrono version of its own.
pub use chrono;
pub use client::{
    ApiError, ApiKey, BodyText, Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DecodeError, Error,
    Instance, IntoBaseUrl, MAX_ANSWER_BYTES, RateBucket, RateLimit, Reply, UnknownInstance, install_crypto_provider,
};
pub use endpoint::{Endpoint, Method};
pub use json::{UnknownFields, from_json, parse_shape};
pub use time::Timestamp;
pub use triggered::{Campaign, Canvas};
pub use validate::{InvalidRequest, Problem, ProblemKind, Validate, Validator};

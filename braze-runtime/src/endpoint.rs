//! What the client needs to know to submit a request: method, path, response type, and whether
//! sending it twice is harmless.

use std::borrow::Cow;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::RateBucket;
use crate::validate::Validate;

/// The HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A GET whose request serializes to the query string.
    Get,
    /// A POST whose request serializes to the JSON body.
    Post,
}

/// A request to one Braze endpoint.
///
/// Every request type of this crate implements it, and [`Client::send`](crate::Client::send)
/// submits any of them. The request is checked against the rulebook before it leaves.
pub trait Endpoint: Serialize + Validate {
    /// The typed success body.
    type Response: DeserializeOwned;

    /// GET or POST.
    const METHOD: Method = Method::Post;

    /// Whether submitting the request twice has the effect of submitting it once. Sends are
    /// not idempotent (Braze may deliver twice); schedule updates and deletes are.
    const IDEMPOTENT: bool;

    /// The permission the REST API key needs, e.g. `messages.send`.
    const PERMISSION: &'static str;

    /// The path below the instance's base URL, e.g. `/messages/send`.
    fn path(&self) -> Cow<'static, str>;

    /// The Braze rate limit this request counts against (FACTS §2.1): the shared hourly pool
    /// unless the endpoint or the request's audience says otherwise.
    fn rate_bucket(&self) -> RateBucket {
        RateBucket::Shared
    }
}

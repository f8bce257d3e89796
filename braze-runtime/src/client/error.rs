//! What can go wrong when submitting a request, with everything that was sent and came back.

use std::fmt;
use std::time::Duration;

use crate::client::{BodyText, RateLimit};
use crate::responses::ErrorBody;
use crate::validate::InvalidRequest;

/// An error from [`Client`](crate::Client).
///
/// Every variant after the request left keeps the request body that was sent; answers from Braze
/// keep the raw response body (up to [`MAX_ANSWER_BYTES`](crate::client::MAX_ANSWER_BYTES)),
/// even when it is not JSON, and the rate-limit state. The API key appears in none of them, and
/// `Debug` shows only bounded excerpts of the bodies ([`BodyText`]): errors end up in logs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks the rulebook; it was not sent.
    #[error(transparent)]
    Invalid(#[from] InvalidRequest),
    /// The client is misconfigured (bad URL, missing environment variable, plain `http://`).
    #[error("client configuration: {0}")]
    Config(String),
    /// No connection could be made; the request was not sent, so retrying is safe.
    #[error("{endpoint}: could not connect to Braze, so nothing was sent: {source}")]
    Connect {
        /// The path of the endpoint.
        endpoint: String,
        /// The transport error.
        #[source]
        source: reqwest::Error,
    },
    /// No answer in time. Braze may still have received and processed the request.
    #[error("{endpoint}: no answer within {after:?}; Braze may have processed the request")]
    Timeout {
        /// The path of the endpoint.
        endpoint: String,
        /// The configured total timeout.
        after: Duration,
        /// The request body that was sent.
        request_body: BodyText,
        /// Whether the endpoint is safe to call twice.
        idempotent: bool,
    },
    /// The connection broke after the request was sent; its outcome is unknown.
    #[error("{endpoint}: the connection failed after the request was sent, so its outcome is unknown: {source}")]
    Transport {
        /// The path of the endpoint.
        endpoint: String,
        /// The transport error.
        #[source]
        source: reqwest::Error,
        /// The request body that was sent.
        request_body: BodyText,
        /// Whether the endpoint is safe to call twice.
        idempotent: bool,
    },
    /// Braze answered with an error status (a 3XX included: the client never follows
    /// redirects).
    #[error("{0}")]
    Api(Box<ApiError>),
    /// Braze answered success, but with a body that is not the documented shape.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// The limiter would have to wait past Braze's longest window (an hour); nothing was sent.
    #[error("{0}")]
    RateLimited(#[from] crate::bulk::RateLimited),
    /// A bulk job was resumed with a checkpoint of another job, or one that was edited; nothing
    /// was sent.
    #[error("bulk resume refused: {0}")]
    Checkpoint(#[from] crate::bulk::CheckpointError),
}

/// Braze refused a request: a non-2XX status.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The path of the endpoint.
    pub endpoint: String,
    /// The HTTP status.
    pub status: u16,
    /// The error body, read leniently (empty when the body is not JSON).
    pub body: ErrorBody,
    /// The response body exactly as received.
    pub raw_body: BodyText,
    /// The rate-limit state of the response.
    pub rate_limit: RateLimit,
    /// The request body that was sent.
    pub request_body: BodyText,
    /// Whether the endpoint is safe to call twice.
    pub idempotent: bool,
    /// Where a 3XX answer pointed (its `Location`), which the client does not follow.
    pub location: Option<String>,
}

impl ApiError {
    /// Braze's own text for the error, or the start of the raw body.
    pub fn text(&self) -> String {
        match self.body.text() {
            Some(text) => text.trim().to_owned(),
            None => self.raw_body.excerpt(200),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if (300..400).contains(&self.status) {
            let to = self.location.as_deref().unwrap_or("an unnamed location");
            return write!(
                f,
                "{}: the server answered {}, a redirect to {to}, which the client does not follow (Braze's API \
                 never redirects; check the base URL); Braze did not process the request",
                self.endpoint, self.status
            );
        }
        write!(f, "{}: Braze answered {}", self.endpoint, self.status)?;
        let text = self.text();
        if !text.is_empty() {
            write!(f, ": {text}")?;
        }
        let errors = self.body.error_messages();
        if !errors.is_empty() {
            write!(f, " ({})", errors.join("; "))?;
        }
        Ok(())
    }
}

/// A 2XX answer whose body is not the documented shape. The request was accepted.
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// The path of the endpoint.
    pub endpoint: String,
    /// The HTTP status.
    pub status: u16,
    /// What did not fit.
    pub message: String,
    /// The response body exactly as received.
    pub raw_body: BodyText,
    /// The rate-limit state of the response.
    pub rate_limit: RateLimit,
    /// The request body that was sent.
    pub request_body: BodyText,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: Braze accepted the request ({}) but its answer could not be read: {}; body: {}",
            self.endpoint,
            self.status,
            self.message,
            self.raw_body.excerpt(200)
        )
    }
}

impl Error {
    /// Whether retrying cannot send twice what Braze already processed, or Braze asked for a
    /// retry: a connection that never opened, a 429, and, on idempotent endpoints (schedule
    /// update and delete), server errors and timeouts. A 5XX or timeout on a send is not
    /// retryable: Braze may have sent the message (see [`Error::outcome_unknown`]).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Connect { .. } => true,
            Error::Api(e) if e.status == 429 => true,
            Error::Api(e) => e.idempotent && e.status >= 500,
            Error::Timeout { idempotent, .. } | Error::Transport { idempotent, .. } => *idempotent,
            Error::Invalid(_) | Error::Config(_) | Error::Decode(_) | Error::Checkpoint(_) | Error::RateLimited(_) => {
                false
            }
        }
    }

    /// Whether Braze may have processed the request although it failed: a timeout, a connection
    /// lost after sending, or a 5XX. Nothing else leaves the outcome open.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Transport { .. } => true,
            Error::Api(e) => e.status >= 500,
            _ => false,
        }
    }

    /// The HTTP status, if Braze answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The rate-limit state, if Braze answered.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        match self {
            Error::Api(e) => Some(&e.rate_limit),
            Error::Decode(e) => Some(&e.rate_limit),
            _ => None,
        }
    }

    /// The request body that was sent, if the request left.
    pub fn request_body(&self) -> Option<&str> {
        match self {
            Error::Timeout { request_body, .. } | Error::Transport { request_body, .. } => Some(request_body),
            Error::Api(e) => Some(e.request_body.as_str()),
            Error::Decode(e) => Some(e.request_body.as_str()),
            _ => None,
        }
    }

    /// The raw response body, if Braze answered.
    pub fn response_body(&self) -> Option<&str> {
        match self {
            Error::Api(e) => Some(e.raw_body.as_str()),
            Error::Decode(e) => Some(e.raw_body.as_str()),
            _ => None,
        }
    }
}

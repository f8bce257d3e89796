//! Faults the embedded server can be told to inject, one per request, in order.

use std::time::Duration;

/// One injected fault: the next request that reaches the server gets it instead of (or before)
/// the normal answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer this status with a Braze-shaped error body; the request is not processed.
    Status(u16),
    /// Answer 429 with `X-RateLimit-Remaining: 0` and a reset this far ahead; not processed.
    RateLimited {
        /// Time until the window resets.
        reset_in: Duration,
    },
    /// Process the request, then answer this status anyway (Braze sent, but said it failed).
    StatusAfterProcessing(u16),
    /// Process the request, then wait this long before answering (a client that times out
    /// meanwhile cannot know the request was processed, as with Braze).
    Delay(Duration),
    /// Close the connection without answering; not processed.
    DropConnection,
    /// Process the request, then answer 200 with a body that is not JSON.
    MalformedBody,
    /// Answer this status with an HTML page, as a proxy or gateway would; not processed.
    Html(u16),
    /// Answer exactly this: a redirect, odd rate-limit headers, a success without a dispatch
    /// id. With `process`, the request is processed first (Braze sent it), as a send would be.
    Answer {
        /// Whether the request is processed before this answer.
        process: bool,
        /// The status.
        status: u16,
        /// Headers, e.g. `("location", "/login")` or `("x-ratelimit-reset", "soon")`; given
        /// rate-limit headers replace the server's own.
        headers: Vec<(String, String)>,
        /// The body.
        body: String,
    },
}

impl Fault {
    /// Whether the server processes (and records as dispatched) a request that gets this fault.
    pub fn processes(&self) -> bool {
        matches!(
            self,
            Fault::StatusAfterProcessing(_)
                | Fault::Delay(_)
                | Fault::MalformedBody
                | Fault::Answer { process: true, .. }
        )
    }
}

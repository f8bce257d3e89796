//! The HTTP side of the embedded server: one task per connection, faults applied before routing.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::testing::rates::Traffic;
use crate::testing::routes::{Answer, MAX_BODY_BYTES, percent_decode, route};
use crate::testing::state::{RecordedRequest, State};
use crate::testing::{Fault, control, inbox};

/// Returned by the service to make hyper close the connection without answering.
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for DropConnection {}

pub(crate) async fn serve(listener: TcpListener, state: Arc<State>, mut shutdown: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => return,
        };
        let Ok((stream, _)) = accepted else { continue };
        let state = Arc::clone(&state);
        let mut shutdown = shutdown.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(Arc::clone(&state), request));
            let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = shutdown.changed() => {}
            }
        });
    }
}

async fn handle(state: Arc<State>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, DropConnection> {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let authorization = header("authorization");
    let content_type = header("content-type");
    let (body, too_large) = read_body(request.into_body()).await;
    // Scheduled messages whose time has come go out before anything looks at the state.
    state.lock().deliver_due();

    // The inbox and the control API are the emulator's own, not Braze's: no key, no faults, no
    // rate limits, not recorded.
    if let Some(page) = inbox::page(&state, &method, &path) {
        return Ok(respond(page));
    }
    if let Some(answer) = control::answer(&state, &method, &path, query.as_deref(), &body) {
        return Ok(respond(answer));
    }

    let received_at = state.lock().now();
    let record = RecordedRequest {
        method,
        path,
        query,
        authorization,
        content_type,
        body,
        status: 0,
        processed: false,
        received_at,
        answer: String::new(),
    };

    // A body over the limit is refused first, as Braze's edge would; then an unauthenticated
    // request, before anything else, and without using up a fault.
    let refused = if too_large {
        Some(Answer::error(413, "Payload Too Large: Braze accepts at most 4 MB"))
    } else if !authorized(&state, &record) {
        Some(Answer::error(401, "Unauthorized: unknown or invalid API key"))
    } else {
        None
    };
    if let Some(answer) = refused {
        let traffic = Traffic::of(&record.path, &record.body);
        let rate = {
            let mut s = state.lock();
            let now = s.system_now();
            s.rates.peek(&traffic, now)
        };
        let answer = Answer { rate: Some(rate), ..answer };
        finish(&state, record, &answer);
        return Ok(respond(answer));
    }
    let fault = state.lock().next_fault();
    if let Some(Fault::DropConnection) = fault {
        finish(&state, record, &Answer::error(0, ""));
        return Err(DropConnection);
    }

    let answer = answer(&state, &record, fault.as_ref());
    finish(&state, record, &answer);
    if let Some(Fault::Delay(delay)) = &fault {
        // Processed already: a client that gives up waiting cannot undo it, as with Braze.
        sleep_for(*delay).await;
    }
    Ok(respond(answer))
}

/// Records a request with its answer, and logs it in one line.
fn finish(state: &State, mut record: RecordedRequest, answer: &Answer) {
    const KEPT: usize = 64 * 1024;
    record.status = answer.status;
    record.processed = answer.processed;
    let cut = (0..=answer.body.len().min(KEPT)).rev().find(|i| answer.body.is_char_boundary(*i)).unwrap_or(0);
    record.answer = answer.body[..cut].to_owned();
    tracing::info!(
        target: "braze_emulator",
        method = %record.method,
        path = %record.path,
        status = record.status,
        processed = record.processed,
        bytes = record.body.len(),
        "request"
    );
    state.lock().record_request(record);
}

/// Sleeps for `delay`, or for a day at most: longer delays (up to `Duration::MAX`) mean "never
/// answer" to a test, and must not overflow the timer.
async fn sleep_for(delay: Duration) {
    tokio::time::sleep(delay.min(Duration::from_secs(86_400))).await;
}

/// Reads a body of at most [`MAX_BODY_BYTES`]. A larger one is read to its end and dropped
/// (up to [`MAX_DRAINED_BYTES`]), so the client gets its 413 instead of a reset connection.
async fn read_body(mut body: Incoming) -> (String, bool) {
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { break };
        let Ok(data) = frame.into_data() else { continue };
        seen = seen.saturating_add(data.len());
        if seen <= MAX_BODY_BYTES {
            kept.extend_from_slice(&data);
        } else if seen > MAX_DRAINED_BYTES {
            break;
        }
    }
    if seen > MAX_BODY_BYTES {
        return (String::new(), true);
    }
    (String::from_utf8_lossy(&kept).into_owned(), false)
}

/// The most of an oversized body the server reads before it stops listening.
const MAX_DRAINED_BYTES: usize = 64 * 1024 * 1024;

/// The key in the `Authorization` header (`Bearer`, any case, FACTS §1.2), or the legacy
/// `api_key` in the query string or the JSON body, which Braze still accepts "for now".
fn authorized(state: &State, record: &RecordedRequest) -> bool {
    let key = state.api_key.expose();
    let from_header = record.authorization.as_deref().and_then(|value| {
        let (scheme, token) = value.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    if from_header == Some(key) {
        return true;
    }
    let from_query = record
        .query
        .as_deref()
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.strip_prefix("api_key="))
        .any(|value| percent_decode(value) == key);
    let from_body = || {
        serde_json::from_str::<serde_json::Value>(&record.body)
            .ok()
            .is_some_and(|body| body.get("api_key").and_then(serde_json::Value::as_str) == Some(key))
    };
    from_query || from_body()
}

fn respond(answer: Answer) -> Response<Full<Bytes>> {
    let mut response = Response::builder()
        .status(answer.status)
        .header("content-type", if answer.html { "text/html; charset=utf-8" } else { "application/json" });
    let injected = |name: &str| answer.headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(name));
    if let Some(rate) = answer.rate {
        let headers = [
            ("x-ratelimit-limit", rate.limit),
            ("x-ratelimit-remaining", rate.remaining),
            ("x-ratelimit-reset", rate.reset),
        ];
        for (name, value) in headers {
            if !injected(name) {
                response = response.header(name, value);
            }
        }
    }
    for (name, value) in &answer.headers {
        response = response.header(name.as_str(), value.as_str());
    }
    // Building a response from valid parts cannot fail; answer 500 rather than panic if it does.
    response.body(Full::new(Bytes::from(answer.body))).unwrap_or_else(|_| {
        let mut fallback = Response::new(Full::new(Bytes::new()));
        *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}

fn answer(state: &State, record: &RecordedRequest, fault: Option<&Fault>) -> Answer {
    let traffic = Traffic::of(&record.path, &record.body);
    let now = state.lock().system_now();
    // Every answer carries the rate-limit headers of its bucket (FACTS §2.2); a request that is
    // refused before processing spends nothing.
    let current = state.lock().rates.peek(&traffic, now);
    let unprocessed = |answer: Answer| Answer { rate: Some(current), ..answer };
    match fault {
        Some(Fault::Status(status)) => return unprocessed(Answer::error(*status, &status_text(*status))),
        Some(Fault::RateLimited { reset_in }) => {
            let rate = state.lock().rates.exhaust(&traffic, *reset_in, now);
            return Answer { rate: Some(rate), ..Answer::error(429, "Rate Limited") };
        }
        Some(Fault::Html(status)) => {
            let page =
                format!("<html><head><title>{status}</title></head><body><h1>{status} Bad Gateway</h1></body></html>");
            return unprocessed(Answer { body: page, html: true, ..Answer::error(*status, "") });
        }
        Some(Fault::Answer { process: false, status, headers, body }) => {
            return unprocessed(Answer { body: body.clone(), headers: headers.clone(), ..Answer::error(*status, "") });
        }
        _ => {}
    }
    let rate = match state.lock().rates.spend(&traffic, now) {
        Ok(rate) => rate,
        Err(rate) => return Answer { rate: Some(rate), ..Answer::error(429, "Rate Limited") },
    };
    let answer = route(state, &record.method, &record.path, record.query.as_deref(), &record.body);
    let answer = match fault {
        Some(Fault::StatusAfterProcessing(status)) if answer.processed => {
            Answer { processed: true, ..Answer::error(*status, &status_text(*status)) }
        }
        Some(Fault::MalformedBody) if answer.processed => {
            Answer { body: "{\"dispatch_id\": \"trunc".to_owned(), processed: true, ..Answer::error(200, "") }
        }
        Some(Fault::Answer { process: true, status, headers, body }) if answer.processed => {
            Answer { body: body.clone(), headers: headers.clone(), processed: true, ..Answer::error(*status, "") }
        }
        _ => answer,
    };
    Answer { rate: Some(rate), ..answer }
}

fn status_text(status: u16) -> String {
    let reason = hyper::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
    reason.to_owned()
}

//! The HTTP side of the embedded server: one task per connection, faults applied before routing.

use std::sync::Arc;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::testing::Fault;
use crate::testing::routes::{Answer, MAX_BODY_BYTES, route};
use crate::testing::state::{RecordedRequest, State};

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
    let (body, too_large) = match Limited::new(request.into_body(), MAX_BODY_BYTES).collect().await {
        Ok(collected) => (String::from_utf8_lossy(&collected.to_bytes()).into_owned(), false),
        Err(_) => (String::new(), true),
    };
    let mut record =
        RecordedRequest { method, path, query, authorization, content_type, body, status: 0, processed: false };

    let fault = state.lock().next_fault();
    if let Some(Fault::DropConnection) = fault {
        state.lock().record_request(record);
        return Err(DropConnection);
    }

    let answer = answer(&state, &record, fault.as_ref(), too_large);
    if let Some(Fault::Delay(delay)) = &fault {
        // Processed already: a client that gives up waiting cannot undo it, as with Braze.
        state.lock().record_request(RecordedRequest {
            status: answer.status,
            processed: answer.processed,
            ..record.clone()
        });
        tokio::time::sleep(*delay).await;
        return Ok(respond(&state, answer));
    }
    record.status = answer.status;
    record.processed = answer.processed;
    state.lock().record_request(record);
    Ok(respond(&state, answer))
}

fn respond(state: &State, answer: Answer) -> Response<Full<Bytes>> {
    let response = {
        let s = state.lock();
        let rate = &s.rate;
        Response::builder()
            .status(answer.status)
            .header("content-type", if answer.html { "text/html; charset=utf-8" } else { "application/json" })
            .header("x-ratelimit-limit", rate.limit)
            .header("x-ratelimit-remaining", if answer.status == 429 { 0 } else { rate.remaining() })
            .header("x-ratelimit-reset", rate.reset_epoch())
            .body(Full::new(Bytes::from(answer.body)))
    };
    // Building a response from valid parts cannot fail; answer 500 rather than panic if it does.
    response.unwrap_or_else(|_| {
        let mut fallback = Response::new(Full::new(Bytes::new()));
        *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}

fn answer(state: &State, record: &RecordedRequest, fault: Option<&Fault>, too_large: bool) -> Answer {
    let expected = format!("Bearer {}", state.api_key);
    if record.authorization.as_deref() != Some(expected.as_str()) {
        return Answer::error(401, "Unauthorized: unknown or invalid API key");
    }
    match fault {
        Some(Fault::Status(status)) => return Answer::error(*status, &status_text(*status)),
        Some(Fault::RateLimited { reset_in }) => {
            let mut s = state.lock();
            s.rate.started = std::time::SystemTime::now() + *reset_in - s.rate.window;
            s.rate.used = s.rate.limit;
            return Answer::error(429, "Rate Limited");
        }
        Some(Fault::Html(status)) => {
            let page =
                format!("<html><head><title>{status}</title></head><body><h1>{status} Bad Gateway</h1></body></html>");
            return Answer { status: *status, body: page, html: true, processed: false };
        }
        _ => {}
    }
    if too_large {
        return Answer::error(413, "Payload Too Large: Braze accepts at most 4 MB");
    }
    if !state.lock().rate.spend() {
        return Answer::error(429, "Rate Limited");
    }
    let answer = route(state, &record.method, &record.path, record.query.as_deref(), &record.body);
    match fault {
        Some(Fault::StatusAfterProcessing(status)) if answer.processed => {
            Answer { processed: true, ..Answer::error(*status, &status_text(*status)) }
        }
        Some(Fault::MalformedBody) if answer.processed => {
            Answer { status: 200, body: "{\"dispatch_id\": \"trunc".to_owned(), html: false, processed: true }
        }
        _ => answer,
    }
}

fn status_text(status: u16) -> String {
    let reason = hyper::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
    reason.to_owned()
}

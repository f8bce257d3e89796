//! The client against the embedded server's faults: each failure becomes the right typed error,
//! keeps what was sent and what came back, and says honestly whether a retry is safe. Plus the
//! secrets rules: the key never shows, and plain `http://` is refused off loopback.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use braze_dsl::endpoints::{MessagesScheduleCreate, MessagesScheduleDelete, MessagesSend};
use braze_dsl::model::{Messages, Schedule, Sms};
use braze_dsl::testing::{BrazeServer, Fault};
use braze_dsl::{Client, Error, Instance, Timestamp};

const SECRET: &str = "sk-live-0123456789abcdef";

fn sms_to(user: &str) -> MessagesSend {
    let sms = Sms::new("subscription-group", "Your code is 1234", "app-id");
    MessagesSend::to_users([user], Messages { sms: Some(sms), ..Messages::default() })
}

async fn server_and_client(timeout: Duration) -> (BrazeServer, Client) {
    let braze = BrazeServer::start().await.expect("the server starts");
    let client = Client::builder(braze.url(), BrazeServer::API_KEY).timeout(timeout).build().expect("a client");
    (braze, client)
}

#[tokio::test]
async fn a_429_is_retryable_and_carries_the_reset() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    braze.inject(Fault::RateLimited { reset_in: Duration::from_secs(30) });
    let err = client.send(&sms_to("u1")).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert!(err.is_retryable());
    assert!(!err.outcome_unknown(), "a 429 was not processed");
    let rate = err.rate_limit().expect("rate-limit state");
    assert_eq!(rate.remaining, Some(0));
    let reset = rate.reset.expect("a reset time");
    assert!(reset > chrono::Utc::now() + chrono::Duration::seconds(20), "reset about 30 s ahead: {reset}");
    assert!(braze.dispatches().is_empty());
}

#[tokio::test]
async fn a_5xx_on_a_send_is_outcome_unknown_and_not_retried_but_a_delete_is_retryable() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    braze.inject(Fault::StatusAfterProcessing(500));
    let err = client.send(&sms_to("u1")).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(err.outcome_unknown());
    assert!(!err.is_retryable(), "retrying a send after a 5XX could send twice");
    assert_eq!(braze.dispatches().len(), 1, "and indeed Braze had sent it");
    assert!(err.request_body().is_some_and(|b| b.contains("\"u1\"")), "the error keeps what was sent");

    braze.inject(Fault::Status(503));
    let err = client.send(&MessagesScheduleDelete::new("schedule_x")).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable(), "deleting a schedule twice is harmless");
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout_with_an_unknown_outcome() {
    let (braze, client) = server_and_client(Duration::from_millis(200)).await;
    braze.inject(Fault::Delay(Duration::from_millis(600)));
    let err = client.send(&sms_to("u1")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(err.outcome_unknown() && !err.is_retryable());
    assert!(err.to_string().contains("Braze may have processed the request"), "{err}");
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(braze.dispatches().len(), 1, "the server processed it after the client gave up");
}

#[tokio::test]
async fn a_dropped_connection_after_sending_is_a_transport_error() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    braze.inject(Fault::DropConnection);
    let err = client.send(&sms_to("u1")).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.outcome_unknown());
    assert!(!err.is_retryable());
    assert!(braze.dispatches().is_empty());
    // The next request on a fresh connection goes through.
    assert!(client.send(&sms_to("u2")).await.is_ok());
}

#[tokio::test]
async fn no_server_is_a_connect_error_that_is_safe_to_retry() {
    let braze = BrazeServer::start().await.unwrap();
    let url = braze.url();
    drop(braze);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let client = Client::new(url, BrazeServer::API_KEY).unwrap();
    let err = client.send(&sms_to("u1")).await.unwrap_err();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    assert!(err.is_retryable() && !err.outcome_unknown());
}

#[tokio::test]
async fn a_malformed_success_body_is_a_decode_error_that_keeps_both_bodies() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    braze.inject(Fault::MalformedBody);
    let err = client.send(&sms_to("u1")).await.unwrap_err();
    let Error::Decode(decode) = &err else { panic!("expected a decode error, got {err:?}") };
    assert_eq!(decode.status, 200);
    assert_eq!(decode.raw_body, "{\"dispatch_id\": \"trunc");
    assert!(decode.request_body.contains("subscription-group"));
    assert!(!err.is_retryable(), "Braze accepted it");
}

#[tokio::test]
async fn an_html_gateway_page_is_kept_raw() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    braze.inject(Fault::Html(502));
    let err = client.send(&sms_to("u1")).await.unwrap_err();
    let Error::Api(api) = &err else { panic!("expected an API error, got {err:?}") };
    assert_eq!(api.status, 502);
    assert!(api.raw_body.contains("<h1>502 Bad Gateway</h1>"));
    assert!(api.body.text().is_none(), "an HTML page has no Braze message");
    assert!(err.to_string().contains("Braze answered 502: <html>"), "{err}");
}

#[tokio::test]
async fn a_413_and_a_refusal_keep_brazes_words() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    braze.inject(Fault::Status(413));
    let err = client.send(&sms_to("u1")).await.unwrap_err();
    assert_eq!(err.status(), Some(413));
    assert!(err.to_string().contains("Payload Too Large"), "{err}");

    // The schedule endpoint refuses a key it does not know (the server knows no schedule_x).
    let err = client.send(&MessagesScheduleDelete::new("schedule_x")).await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.status, 404);
    assert_eq!(api.body.error_messages(), ["no scheduled message with schedule_id \"schedule_x\""]);
}

#[tokio::test]
async fn the_server_enforces_a_configured_rate_limit() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    braze.set_rate_limit(2, Duration::from_secs(3600));
    let first = client.send(&sms_to("u1")).await.unwrap();
    assert_eq!((first.rate_limit.limit, first.rate_limit.remaining), (Some(2), Some(1)));
    client.send(&sms_to("u2")).await.unwrap();
    let err = client.send(&sms_to("u3")).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(braze.dispatches().len(), 2);
}

#[tokio::test]
async fn a_server_without_history_still_counts_everything() {
    let braze = BrazeServer::builder()
        .keep_history(false)
        .rate_limit(2, Duration::from_secs(3600))
        .start()
        .await
        .expect("the server starts");
    let client = Client::new(braze.url(), BrazeServer::API_KEY).unwrap();
    let to_two = MessagesSend { external_user_ids: Some(vec!["u1".into(), "u2".into()]), ..sms_to("u0") };
    client.send(&to_two).await.unwrap();
    client.send(&sms_to("u3")).await.unwrap();
    assert_eq!(client.send(&sms_to("u4")).await.unwrap_err().status(), Some(429));
    let stats = braze.stats();
    assert_eq!(
        (stats.requests, stats.processed, stats.rate_limited, stats.dispatches, stats.users_dispatched),
        (3, 2, 1, 2, 3)
    );
    assert!(braze.all_requests().is_empty() && braze.dispatches().is_empty(), "nothing kept");
}

#[tokio::test]
async fn invalid_requests_are_refused_before_anything_is_sent() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    let mut request = sms_to("u1");
    request.external_user_ids = None;
    request.segment_id = Some("vip".into());
    let err = client.send(&request).await.unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    assert!(err.to_string().contains("needs `broadcast: true`"), "{err}");
    assert!(braze.all_requests().is_empty(), "nothing left the client");
}

/// Collects everything tracing writes, at every level.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_api_key_never_appears_in_debug_errors_or_logs() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let braze = BrazeServer::builder().api_key(SECRET).start().await.unwrap();
    let good = Client::new(braze.url(), SECRET).unwrap();
    let ok = good.send(&sms_to("u1")).await.unwrap();
    let wrong = Client::new(braze.url(), format!("{SECRET}-revoked")).unwrap();
    let refused = wrong.send(&sms_to("u1")).await.unwrap_err();
    assert_eq!(refused.status(), Some(401));
    braze.inject(Fault::DropConnection);
    let dropped = good.send(&sms_to("u1")).await.unwrap_err();

    let mut shown = format!("{good:?}\n{wrong:?}\n{ok:?}\n");
    for err in [&refused, &dropped] {
        shown.push_str(&format!("{err}\n{err:?}\n"));
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            shown.push_str(&format!("{s}\n{s:?}\n"));
            source = s.source();
        }
    }
    shown.push_str(&String::from_utf8_lossy(&captured.0.lock().unwrap()));
    assert!(shown.contains("sending request"), "tracing output was captured");
    assert!(!shown.contains("sk-live"), "the key leaked:\n{shown}");
    assert_eq!(braze.requests("/messages/send")[0].authorization.as_deref(), Some(format!("Bearer {SECRET}").as_str()));
}

#[test]
fn plain_http_is_refused_off_loopback() {
    let err = Client::new("http://rest.iad-01.braze.com", SECRET).unwrap_err();
    assert!(matches!(err, Error::Config(_)));
    assert!(err.to_string().contains("plain http:// is refused"), "{err}");
    assert!(!err.to_string().contains(SECRET));
    assert!(Client::new("http://127.0.0.1:9", SECRET).is_ok());
    assert!(Client::new("https://rest.iad-01.braze.com", SECRET).is_ok());
    assert_eq!(Client::new(Instance::Kr01, SECRET).unwrap().base_url(), "https://rest.kr-01.braze.com");
    assert!(Client::new("US-09", SECRET).is_err(), "there is no US-09");
}

#[tokio::test]
async fn a_scheduled_message_answers_its_schedule_id() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    let at = Schedule::at(Timestamp::parse("2031-05-01T09:30:00Z").unwrap());
    let sms = Sms::new("subscription-group", "Reminder", "app-id");
    let request = MessagesScheduleCreate {
        external_user_ids: Some(vec!["u1".into()]),
        messages: Some(Messages { sms: Some(sms), ..Messages::default() }),
        ..MessagesScheduleCreate::new(at)
    };
    let scheduled = client.send(&request).await.unwrap();
    assert_eq!(braze.scheduled()[0].schedule_id, scheduled.schedule_id);
}

#[tokio::test]
async fn a_body_over_four_megabytes_is_refused_before_it_travels() {
    let (braze, client) = server_and_client(Duration::from_secs(5)).await;
    let huge = Sms::new("subscription-group", "x".repeat(4 * 1024 * 1024), "app-id");
    let request = MessagesSend::to_users(["u1"], Messages { sms: Some(huge), ..Messages::default() });
    let err = client.send(&request).await.unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    assert!(err.to_string().contains("Braze accepts at most 4194304"), "{err}");
    assert!(braze.all_requests().is_empty());
}

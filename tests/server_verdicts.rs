//! The embedded server answers as Braze does (issue 9): what Braze refuses it refuses with
//! Braze's status and words; what Braze accepts, including what the rulebook refuses only as a
//! guard, it accepts. Bodies are posted raw, as any client in any language would send them.
//! Each test cites the section of `../shared/braze-api/FACTS.md` it follows.

mod common;

use std::time::Duration;

use chrono::NaiveDate;
use serde_json::{Value, json};

use braze_dsl::endpoints::{MessagesSend, ScheduledBroadcastsList};
use braze_dsl::model::{ApplePush, Messages};
use braze_dsl::responses::ScheduledBroadcast;
use braze_dsl::testing::{BrazeServer, RateBucket};
use braze_dsl::{Client, Error, Timestamp, Violation};

/// Posts `body` to `path` with the Bearer key; returns the status, the JSON answer and the
/// rate-limit headers (limit, remaining).
async fn post(braze: &BrazeServer, path: &str, body: Value) -> (u16, Value, (Option<u64>, Option<u64>)) {
    let request = common::http().post(format!("{}{path}", braze.url())).bearer_auth(BrazeServer::API_KEY).json(&body);
    answer(request).await
}

async fn answer(request: reqwest::RequestBuilder) -> (u16, Value, (Option<u64>, Option<u64>)) {
    let response = request.send().await.expect("the server answers");
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()?.parse().ok());
    let rate = (header("x-ratelimit-limit"), header("x-ratelimit-remaining"));
    let status = response.status().as_u16();
    let body = serde_json::from_str(&response.text().await.unwrap_or_default()).unwrap_or(Value::Null);
    (status, body, rate)
}

fn push() -> Value {
    json!({"apple_push": {"alert": "Hello"}})
}

async fn server() -> BrazeServer {
    BrazeServer::start().await.expect("the server starts")
}

#[tokio::test]
async fn a_bare_broadcast_has_no_recipients_except_on_the_trigger_endpoints() {
    // FACTS §5.1, §3.3: "at least one of segment_id, external_user_ids and audience"; "No Recipients".
    let braze = server().await;
    let (status, body, _) = post(&braze, "/messages/send", json!({"broadcast": true, "messages": push()})).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("No Recipients")), "{body}");
    let scheduled = json!({"broadcast": true, "schedule": {"time": "2031-05-01T09:30:00Z"}, "messages": push()});
    let (status, body, _) = post(&braze, "/messages/schedule/create", scheduled).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("No Recipients")), "{body}");
    // FACTS §4.1: on the trigger endpoints a bare broadcast is the campaign's whole segment.
    let (status, _, _) = post(&braze, "/campaigns/trigger/send", json!({"campaign_id": "c", "broadcast": true})).await;
    assert_eq!(status, 201);
    assert_eq!(braze.dispatches().len(), 1, "only the trigger was sent");
}

#[tokio::test]
async fn an_android_silent_push_carries_no_alert_or_title() {
    // FACTS §7.2: send_to_sync "we will throw an error if alert or title is set".
    let braze = server().await;
    let users = json!(["u1"]);
    let silent = json!({"android_push": {"send_to_sync": true, "extra": {"sync": "inbox"}}});
    let (status, body, _) =
        post(&braze, "/messages/send", json!({"external_user_ids": users, "messages": silent})).await;
    assert_eq!(status, 201, "{body}");
    let noisy = json!({"android_push": {"send_to_sync": true, "alert": "Hi", "title": "T"}});
    let (status, body, _) =
        post(&braze, "/messages/send", json!({"external_user_ids": users, "messages": noisy})).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["errors"][0].as_str().unwrap_or_default().contains("silent push"), "{body}");
}

#[tokio::test]
async fn pushes_over_their_length_limit_get_braze_words() {
    // FACTS §1.4, §3.3: "Apple Push Length Exceeded" over 1,912 bytes, "Android Push Length
    // Exceeded" over 4,000 bytes of alert and extra.
    let braze = server().await;
    let apple = json!({"apple_push": {"alert": "a".repeat(1913)}});
    let (status, body, _) =
        post(&braze, "/messages/send", json!({"external_user_ids": ["u1"], "messages": apple})).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("Apple Push Length Exceeded")), "{body}");
    let android = json!({"android_push": {"alert": "a".repeat(4001), "title": "T"}});
    let (status, body, _) =
        post(&braze, "/messages/send", json!({"external_user_ids": ["u1"], "messages": android})).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("Android Push Length Exceeded")), "{body}");
    let fits = json!({"apple_push": {"alert": "a".repeat(1912)}});
    let (status, _, _) = post(&braze, "/messages/send", json!({"external_user_ids": ["u1"], "messages": fits})).await;
    assert_eq!(status, 201);
    // Apple counts its other text fields; Android counts `extra`.
    let sound = json!({"apple_push": {"alert": "a".repeat(1900), "sound": "s".repeat(13)}});
    let (status, body, _) =
        post(&braze, "/messages/send", json!({"external_user_ids": ["u1"], "messages": sound})).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("Apple Push Length Exceeded")), "{body}");
    let extra = json!({"android_push": {"alert": "a", "title": "T", "extra": {"blob": "x".repeat(3990)}}});
    let (status, body, _) =
        post(&braze, "/messages/send", json!({"external_user_ids": ["u1"], "messages": extra})).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("Android Push Length Exceeded")), "{body}");
}

#[tokio::test]
async fn messages_with_only_unknown_keys_are_no_message_to_send() {
    // FACTS §5.1: omitting the message gives "No message to send".
    let braze = server().await;
    let typo = json!({"apple_psuh": {"alert": "Hello"}});
    let (status, body, _) =
        post(&braze, "/messages/send", json!({"external_user_ids": ["u1"], "messages": typo})).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("No message to send")), "{body}");
}

#[tokio::test]
async fn clock_rules_follow_the_server_clock() {
    // FACTS §6.1 / §3.3: in_local_time already past in every zone is refused; §7.8: a content
    // card expires at most 30 days out.
    let braze = server().await;
    braze.set_now(Timestamp::parse("2031-04-15T00:00:00Z").unwrap().instant().to_utc());
    let local = |time: &str| json!({"external_user_ids": ["u1"], "schedule": {"time": time, "in_local_time": true}, "messages": push()});
    let (status, body, _) = post(&braze, "/messages/schedule/create", local("2031-04-14T12:00:00")).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("Bad Request")), "{body}");
    assert!(body["errors"][0].as_str().unwrap_or_default().contains("already passed in every time zone"), "{body}");
    let (status, _, _) = post(&braze, "/messages/schedule/create", local("2031-04-14T12:00:01")).await;
    assert_eq!(status, 201, "still ahead at UTC-12");

    let card = |expire_at: &str| {
        json!({"external_user_ids": ["u1"], "messages": {"content_card":
            {"type": "CLASSIC", "title": "T", "description": "D", "expire_at": expire_at}}})
    };
    let (status, body, _) = post(&braze, "/messages/send", card("2031-05-15T00:00:01Z")).await;
    assert_eq!(status, 400, "{body}");
    let words = body["errors"][0].as_str().unwrap_or_default();
    assert!(
        words.contains("is more than 30 days after the message is sent") && words.contains("2031-05-15T00:00:00"),
        "{body}"
    );
    let (status, _, _) = post(&braze, "/messages/send", card("2031-05-15T00:00:00Z")).await;
    assert_eq!(status, 201);
    braze.advance(Duration::from_secs(86_400));
    let (status, _, _) = post(&braze, "/messages/send", card("2031-05-15T00:00:01Z")).await;
    assert_eq!(status, 201, "a day later it is within 30 days");

    // Read in each user's zone, an expiry may be 14 hours later (it arrives first at UTC+14);
    // a scheduled card counts from the schedule's time.
    let local = json!({"external_user_ids": ["u1"], "messages": {"content_card": {"type": "CLASSIC",
        "title": "T", "description": "D", "expire_at": "2031-05-16T14:00:00", "expire_in_local_time": true}}});
    assert_eq!(post(&braze, "/messages/send", local).await.0, 201);
    let later = json!({"external_user_ids": ["u1"], "schedule": {"time": "2031-05-10T00:00:00Z"}, "messages":
        {"content_card": {"type": "CLASSIC", "title": "T", "description": "D", "expire_at": "2031-06-01T00:00:00Z"}}});
    assert_eq!(post(&braze, "/messages/schedule/create", later).await.0, 201);

    // A client on the server's clock judges the same way before sending.
    let client = Client::builder(braze.url(), BrazeServer::API_KEY).clock(braze.clock()).build().unwrap();
    let request: MessagesSend = serde_json::from_value(card("2031-05-16T00:00:00Z")).unwrap();
    client.send(&request).await.expect("within 30 days of the server's clock");
    let system = Client::new(braze.url(), BrazeServer::API_KEY).unwrap();
    assert!(matches!(system.send(&request).await, Err(Error::Invalid(_))), "years ahead of the system clock");
}

#[tokio::test]
async fn the_client_never_sends_a_key_in_the_body() {
    // FACTS §1.2, §8.20: the key goes in the Authorization header only.
    let braze = server().await;
    let client = Client::new(braze.url(), BrazeServer::API_KEY).unwrap();
    let mut request =
        MessagesSend::to_users(["u1"], Messages { apple_push: Some(ApplePush::new("Hi")), ..Default::default() });
    request.unknown_fields.insert("api_key".into(), json!("sk-legacy-secret"));
    let err = client.send(&request).await.unwrap_err();
    let Error::Invalid(invalid) = &err else { panic!("refused before sending: {err:?}") };
    assert!(invalid.has("api_key", &Violation::ApiKeyInBody), "{invalid}");
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains("sk-legacy-secret"), "the key is not echoed: {shown}");
    }
    assert!(braze.all_requests().is_empty(), "nothing left");
}

#[tokio::test]
async fn the_server_reads_the_key_as_braze_does() {
    // FACTS §1.2: Bearer header (the scheme is case-insensitive); the legacy `api_key` in the
    // body or the query is still accepted "for now".
    let braze = server().await;
    let url = format!("{}/messages/send", braze.url());
    let body = json!({"external_user_ids": ["u1"], "messages": push()});
    let http = common::http();
    let lower = http.post(&url).header("authorization", "bearer test-key").json(&body);
    assert_eq!(answer(lower).await.0, 201, "lower-case scheme");
    let mut legacy = body.clone();
    legacy["api_key"] = json!(BrazeServer::API_KEY);
    assert_eq!(answer(http.post(&url).json(&legacy)).await.0, 201, "key in the body");
    let query = http.post(format!("{url}?api_key={}", BrazeServer::API_KEY)).json(&body);
    assert_eq!(answer(query).await.0, 201, "key in the query");
    let wrong = http.post(&url).header("authorization", "Bearer nope").json(&body);
    assert_eq!(answer(wrong).await.0, 401);
    assert_eq!(answer(http.post(&url).json(&body)).await.0, 401, "no key at all");
}

#[tokio::test]
async fn what_the_rulebook_refuses_only_as_a_guard_the_server_accepts() {
    // Policy of issue 9: Braze silently ignores or rewrites these (FACTS §4.5, §6.2, §7.2, §7.3, §6.1),
    // so the server accepts them, as Braze does.
    let braze = server().await;
    let users = json!(["u1"]);
    let wrong_flag = json!({"external_user_ids": users, "override_messaging_limits": true, "messages": push()});
    let priority =
        json!({"external_user_ids": users, "messages": {"android_push": {"alert": "a", "title": "t", "priority": 5}}});
    let both_flags = json!({"external_user_ids": users, "messages": push(),
        "schedule": {"time": "2031-05-01T09:30:00", "in_local_time": true, "at_optimal_time": true}});
    let canvas = json!({"canvas_id": "cv", "recipients": [{"external_user_id": "u1", "trigger_properties": {"a": 1}}]});
    let campaign = json!({"campaign_id": "c", "recipients": [{"external_user_id": "u1", "context": {"a": 1}}]});
    let kindle =
        json!({"external_user_ids": users, "messages": {"kindle_push": {"alert": "a", "title": "t", "priority": -3}}});
    let schedule_flag = json!({"external_user_ids": users, "override_frequency_capping": true, "messages": push(),
        "schedule": {"time": "2031-05-01T09:30:00Z"}});
    for (path, body) in [
        ("/messages/send", wrong_flag),
        ("/messages/send", priority),
        ("/messages/send", kindle),
        ("/messages/schedule/create", both_flags),
        ("/messages/schedule/create", schedule_flag),
        ("/canvas/trigger/send", canvas),
        ("/campaigns/trigger/send", campaign),
    ] {
        let (status, answer, _) = post(&braze, path, body).await;
        assert_eq!(status, 201, "{path}: {answer}");
    }
}

#[tokio::test]
async fn each_rate_limit_is_its_own_bucket_with_its_own_headers() {
    // FACTS §2.1, §2.2: broadcast calls 250/minute plus 10/minute per unique audience; calls that
    // name users share 250,000/hour; /sends/id/create 100/day; duplication 100/minute.
    let braze = server().await;
    let broadcast = |segment: &str| json!({"segment_id": segment, "broadcast": true, "messages": push()});
    for left in (0..10).rev() {
        let (status, _, rate) = post(&braze, "/messages/send", broadcast("vip")).await;
        assert_eq!((status, rate), (201, (Some(10), Some(left))), "the audience's own 10 per minute");
    }
    let (status, body, rate) = post(&braze, "/messages/send", broadcast("vip")).await;
    assert_eq!((status, rate), (429, (Some(10), Some(0))), "{body}");
    let (status, _, _) = post(&braze, "/messages/send", broadcast("everyone")).await;
    assert_eq!(status, 201, "another audience has its own budget");
    let named = json!({"external_user_ids": ["u1"], "messages": push()});
    let (status, _, rate) = post(&braze, "/messages/send", named).await;
    assert_eq!((status, rate), (201, (Some(250_000), Some(249_999))), "named users use the shared pool");
    let (status, _, rate) = post(&braze, "/sends/id/create", json!({"campaign_id": "c", "send_id": "s"})).await;
    assert_eq!((status, rate), (201, (Some(100), Some(99))));
    let (status, _, rate) = post(&braze, "/campaigns/duplicate", json!({"campaign_id": "c", "name": "copy"})).await;
    assert_eq!((status, rate), (202, (Some(100), Some(99))));
    let (status, _, rate) = post(&braze, "/canvas/duplicate", json!({"canvas_id": "cv", "name": "copy"})).await;
    assert_eq!((status, rate), (202, (Some(100), Some(98))), "both duplication endpoints share one bucket");

    // One campaign's segment is one audience on the send and the schedule endpoint alike.
    let trigger = json!({"campaign_id": "c", "broadcast": true});
    for _ in 0..5 {
        assert_eq!(post(&braze, "/campaigns/trigger/send", trigger.clone()).await.0, 201);
    }
    let scheduled = json!({"campaign_id": "c", "broadcast": true, "schedule": {"time": "2031-05-01T09:30:00Z"}});
    for left in (0..5).rev() {
        let (status, _, rate) = post(&braze, "/campaigns/trigger/schedule/create", scheduled.clone()).await;
        assert_eq!((status, rate), (201, (Some(10), Some(left))));
    }
    // /sends/id/create counts each campaign and send id pair once.
    braze.set_bucket_limit(RateBucket::SendIds, 2, Duration::from_secs(86_400));
    for send_id in ["a", "a", "b", "a"] {
        let (status, _, _) = post(&braze, "/sends/id/create", json!({"campaign_id": "c", "send_id": send_id})).await;
        assert_eq!(status, 201, "{send_id}");
    }
    let (status, _, rate) = post(&braze, "/sends/id/create", json!({"campaign_id": "c", "send_id": "new"})).await;
    assert_eq!((status, rate), (429, (Some(2), Some(0))));
    // Every answer carries its bucket's headers, a refused key's too.
    let anonymous = common::http().post(format!("{}/messages/send", braze.url())).json(&json!({})).send().await;
    assert!(anonymous.unwrap().headers().contains_key("x-ratelimit-reset"));

    braze.set_bucket_limit(RateBucket::Broadcast, 1, Duration::from_secs(60));
    let (status, _, _) = post(&braze, "/canvas/trigger/send", json!({"canvas_id": "cv", "broadcast": true})).await;
    assert_eq!(status, 201);
    let (status, _, rate) =
        post(&braze, "/campaigns/trigger/send", json!({"campaign_id": "c", "broadcast": true})).await;
    assert_eq!((status, rate), (429, (Some(1), Some(0))), "250 per minute across all audiences, set to 1");
}

#[tokio::test]
async fn scheduled_broadcasts_lists_the_dashboard_schedules_until_a_date() {
    // FACTS §5.8, §4.6: from now to `end_time`, read as midnight UTC of its date; only campaigns
    // and Canvases scheduled in the dashboard.
    let braze = server().await;
    braze.set_now(Timestamp::parse("2031-04-15T00:00:00Z").unwrap().instant().to_utc());
    let item = |id: &str, at: &str| ScheduledBroadcast {
        name: format!("Campaign {id}"),
        id: id.into(),
        kind: "Campaign".into(),
        next_send_time: at.into(),
        schedule_type: "local_time_zones".into(),
        ..ScheduledBroadcast::default()
    };
    braze.schedule_in_dashboard(item("past", "2031-04-14T09:00:00")).unwrap();
    braze.schedule_in_dashboard(item("soon", "2031-04-30T09:00:00")).unwrap();
    braze.schedule_in_dashboard(item("on-the-day", "2031-05-01T09:00:00")).unwrap();
    assert!(braze.schedule_in_dashboard(item("bad", "next week")).is_err(), "a time the list can read");
    let client = Client::new(braze.url(), BrazeServer::API_KEY).unwrap();
    let api_schedule =
        json!({"external_user_ids": ["u1"], "schedule": {"time": "2031-04-20T00:00:00Z"}, "messages": push()});
    assert_eq!(post(&braze, "/messages/schedule/create", api_schedule).await.0, 201);

    let until = NaiveDate::from_ymd_opt(2031, 5, 1).unwrap();
    let listed = client.send(&ScheduledBroadcastsList::until(until)).await.expect("a date is accepted");
    let ids: Vec<&str> = listed.scheduled_broadcasts.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["soon"], "not the past, not past midnight, not the API schedule");
    let query = braze.requests("/messages/scheduled_broadcasts")[0].query.clone().unwrap_or_default();
    assert_eq!(query, "end_time=2031-05-01");
    let listed =
        client.send(&ScheduledBroadcastsList::until(Timestamp::parse("2031-05-02T23:00:00Z").unwrap())).await.unwrap();
    assert_eq!(listed.scheduled_broadcasts.len(), 2, "a date-time counts as midnight of its date");
}

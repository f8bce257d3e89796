//! Every endpoint through the client to the embedded server: the right method, path, headers and
//! body go out, and the typed answer comes back.

mod common;

use serde::Serialize;
use serde_json::{Value, json};

use braze_dsl::endpoints::*;
use braze_dsl::model::*;
use braze_dsl::responses::Acknowledged;
use braze_dsl::testing::{BrazeServer, RecordedRequest};
use braze_dsl::{Client, Endpoint, Reply, Timestamp};

struct Harness {
    braze: BrazeServer,
    client: Client,
}

impl Harness {
    async fn new() -> Harness {
        let braze = BrazeServer::start().await.expect("the embedded server starts");
        let client = Client::new(braze.url(), BrazeServer::API_KEY).expect("a loopback client");
        Harness { braze, client }
    }

    /// Sends `request`, checks what went over the wire, and returns the typed answer.
    async fn exchange<E: Endpoint + Serialize>(&self, request: &E, path: &str) -> Reply<E::Response> {
        let reply = self.client.send(request).await.unwrap_or_else(|e| panic!("{path}: {e}"));
        let seen: RecordedRequest = self.braze.requests(path).pop().unwrap_or_else(|| panic!("nothing reached {path}"));
        assert_eq!(seen.authorization.as_deref(), Some("Bearer test-key"), "{path}: bearer header");
        match E::METHOD {
            braze_dsl::Method::Post => {
                assert_eq!(seen.method, "POST", "{path}");
                assert_eq!(seen.content_type.as_deref(), Some("application/json"), "{path}");
                assert_eq!(seen.json(), serde_json::to_value(request).unwrap(), "{path}: body");
                assert!(!seen.body.contains("api_key"), "{path}: the key never travels in the body");
            }
            braze_dsl::Method::Get => {
                assert_eq!(seen.method, "GET", "{path}");
                assert!(seen.body.is_empty(), "{path}: a GET has no body");
            }
        }
        assert!(seen.processed, "{path}: the server processed it");
        assert!(reply.rate_limit.limit.is_some() && reply.rate_limit.remaining.is_some(), "{path}: rate limit");
        reply
    }
}

fn push() -> Messages {
    Messages { apple_push: Some(ApplePush::new("Hello")), ..Messages::default() }
}

fn local(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").expect("a local time")
}

#[tokio::test]
async fn messages_send() {
    let h = Harness::new().await;
    let request = MessagesSend {
        recipient_subscription_state: Some(RecipientSubscriptionState::OptedIn),
        user_aliases: Some(vec![UserAlias::new("crm-7", "crm_id")]),
        ..MessagesSend::to_users(["u1", "u2"], push())
    };
    let reply = h.exchange(&request, "/messages/send").await;
    assert_eq!(reply.message, "success");
    let dispatch_id = reply.dispatch_id.clone().expect("a dispatch id");
    let dispatched = h.braze.dispatches();
    assert_eq!(dispatched.len(), 1);
    assert_eq!(dispatched[0].dispatch_id, dispatch_id);
    assert_eq!(dispatched[0].users, ["u1", "u2", "crm-7"]);
}

#[tokio::test]
async fn campaigns_trigger_send() {
    let h = Harness::new().await;
    let mut props = Properties::new();
    props.insert("order_id", "A-17");
    let request = CampaignsTriggerSend {
        trigger_properties: Some(props),
        ..CampaignsTriggerSend::to_recipients(
            "campaign-1",
            vec![Recipient::external_user_id("u1"), Recipient::email("a@b.example", vec![Prioritization::Identified])],
        )
    };
    let reply = h.exchange(&request, "/campaigns/trigger/send").await;
    assert!(reply.dispatch_id.is_some());
    assert_eq!(h.braze.dispatches()[0].users, ["u1", "a@b.example"]);
}

#[tokio::test]
async fn canvas_trigger_send_and_the_paused_canvas_notice() {
    let h = Harness::new().await;
    let request = CanvasTriggerSend {
        broadcast: Some(true),
        audience: Some(Audience::custom_attribute("vip", Comparison::Equals, Some(json!(true)))),
        ..CanvasTriggerSend::new("canvas-1")
    };
    let reply = h.exchange(&request, "/canvas/trigger/send").await;
    assert_eq!(reply.status, 201);
    assert!(reply.is_clean());

    h.braze.pause_canvas("canvas-1");
    let paused = h.client.send(&request).await.expect("a paused Canvas still answers success");
    assert!(paused.notice.as_deref().is_some_and(|n| n.contains("paused")), "the notice is surfaced");
    assert!(!paused.is_clean());
    assert_eq!(h.braze.dispatches().len(), 1, "a paused Canvas sends nothing");
}

#[tokio::test]
async fn sends_id_create() {
    let h = Harness::new().await;
    let reply = h.exchange(&SendsIdCreate::new("campaign-1", "spring-sale"), "/sends/id/create").await;
    assert_eq!(reply.send_id, "spring-sale");
}

#[tokio::test]
async fn messages_schedule_create_update_delete_and_the_broadcast_list() {
    let h = Harness::new().await;
    let create = MessagesScheduleCreate {
        external_user_ids: Some(vec!["u1".into()]),
        messages: Some(push()),
        override_messaging_limits: Some(true),
        ..MessagesScheduleCreate::new(Schedule::in_local_time(local("2031-05-01T09:30:00")))
    };
    let created = h.exchange(&create, "/messages/schedule/create").await;
    let schedule_id = created.schedule_id.clone();
    assert!(created.dispatch_id.is_some());

    // FACTS §5.8: the list shows only what was scheduled in the dashboard, never API schedules.
    let until = Timestamp::parse("2031-12-31T00:00:00Z").unwrap();
    let listed = h.exchange(&ScheduledBroadcastsList::until(until), "/messages/scheduled_broadcasts").await;
    assert!(listed.scheduled_broadcasts.is_empty(), "{:?}", listed.scheduled_broadcasts);
    let query = h.braze.requests("/messages/scheduled_broadcasts")[0].query.clone().unwrap_or_default();
    assert!(query.starts_with("end_time=2031-12-31T00"), "end_time travels in the query: {query}");

    let later = Schedule::at(Timestamp::parse("2032-01-02T03:04:05Z").unwrap());
    let update = MessagesScheduleUpdate::reschedule(&schedule_id, later.clone());
    let updated = h.exchange(&update, "/messages/schedule/update").await;
    assert_eq!(updated.message.as_deref(), Some("success"));
    assert_eq!(h.braze.scheduled()[0].schedule, later);

    h.exchange(&MessagesScheduleDelete::new(&schedule_id), "/messages/schedule/delete").await;
    assert!(h.braze.scheduled().is_empty());
    let again = h.client.send(&MessagesScheduleDelete::new(&schedule_id)).await.unwrap_err();
    assert_eq!(again.status(), Some(404), "a deleted schedule is gone");
}

#[tokio::test]
async fn campaigns_trigger_schedule_create_update_delete() {
    let h = Harness::new().await;
    let at = Schedule::at(Timestamp::parse("2031-05-01T09:30:00Z").unwrap());
    let create = CampaignsTriggerScheduleCreate {
        recipients: Some(vec![Recipient::external_user_id("u1")]),
        ..CampaignsTriggerScheduleCreate::new("campaign-1", at)
    };
    let created = h.exchange(&create, "/campaigns/trigger/schedule/create").await;
    let update = CampaignsTriggerScheduleUpdate {
        campaign_id: "campaign-1".into(),
        schedule_id: created.schedule_id.clone(),
        schedule: Schedule::at_optimal_time(local("2031-06-01T00:00:00")),
        unknown_fields: Default::default(),
    };
    h.exchange(&update, "/campaigns/trigger/schedule/update").await;
    assert!(matches!(h.braze.scheduled()[0].schedule.time, ScheduleTime::AtOptimalTime(_)));
    let delete = CampaignsTriggerScheduleDelete {
        campaign_id: "campaign-1".into(),
        schedule_id: created.schedule_id.clone(),
        unknown_fields: Default::default(),
    };
    h.exchange(&delete, "/campaigns/trigger/schedule/delete").await;
    assert!(h.braze.scheduled().is_empty());
}

#[tokio::test]
async fn canvas_trigger_schedule_create_update_delete() {
    let h = Harness::new().await;
    let at = Schedule::at(Timestamp::parse("2031-05-01T09:30:00+0000").unwrap());
    let mut context = Properties::new();
    context.insert("product_name", "shoes");
    let create = CanvasTriggerScheduleCreate {
        recipients: Some(vec![Recipient::external_user_id("u1").with_context(context)]),
        ..CanvasTriggerScheduleCreate::new("canvas-1", at.clone())
    };
    let created = h.exchange(&create, "/canvas/trigger/schedule/create").await;
    assert_eq!(h.braze.scheduled()[0].kind, "Canvas");
    let update = CanvasTriggerScheduleUpdate {
        canvas_id: "canvas-1".into(),
        schedule_id: created.schedule_id.clone(),
        schedule: at,
        unknown_fields: Default::default(),
    };
    h.exchange(&update, "/canvas/trigger/schedule/update").await;
    let wrong_owner = CanvasTriggerScheduleDelete {
        canvas_id: "another-canvas".into(),
        schedule_id: created.schedule_id.clone(),
        unknown_fields: Default::default(),
    };
    assert_eq!(h.client.send(&wrong_owner).await.unwrap_err().status(), Some(404));
    let delete = CanvasTriggerScheduleDelete { canvas_id: "canvas-1".into(), ..wrong_owner };
    h.exchange(&delete, "/canvas/trigger/schedule/delete").await;
    assert!(h.braze.scheduled().is_empty());
}

fn object(value: Value) -> serde_json::Map<String, Value> {
    value.as_object().cloned().expect("an object")
}

#[tokio::test]
async fn live_activity_start_and_update() {
    let h = Harness::new().await;
    let alert = AlertObject { title: Some("Chiefs v. Bills".into()), ..AlertObject::new("The game is starting!") };
    let start = LiveActivityStart {
        app_id: "app".into(),
        activity_id: "game-1".into(),
        activity_attributes_type: "FootballActivity".into(),
        activity_attributes: object(json!({"team1Name": "Chiefs"})),
        content_state: object(json!({"teamOneScore": 0})),
        notification: ApplePush::new(alert),
        stale_date: None,
        dismissal_date: None,
        external_user_ids: Some(vec!["u1".into()]),
        user_aliases: None,
        segment_id: None,
        custom_audience: None,
        unknown_fields: Default::default(),
    };
    let started = h.exchange(&start, "/messages/live_activity/start").await;
    assert_eq!(started.status, 201);
    let update = LiveActivityUpdate {
        app_id: "app".into(),
        activity_id: "game-1".into(),
        content_state: object(json!({"teamOneScore": 7})),
        end_activity: Some(true),
        dismissal_date: Some(Timestamp::parse("2031-02-28T00:00:00+0000").unwrap()),
        stale_date: None,
        notification: None,
        unknown_fields: Default::default(),
    };
    let updated = h.exchange(&update, "/messages/live_activity/update").await;
    assert_eq!(updated.message.as_deref(), Some("success"));
}

#[tokio::test]
async fn campaigns_and_canvas_duplicate_answer_202_without_a_body() {
    let h = Harness::new().await;
    let campaign = CampaignsDuplicate {
        campaign_id: "campaign-1".into(),
        name: "Copy".into(),
        description: None,
        tag_names: Some(vec!["spring".into()]),
        unknown_fields: Default::default(),
    };
    let copied = h.exchange(&campaign, "/campaigns/duplicate").await;
    assert_eq!(copied.status, 202);
    assert_eq!(copied.body, Acknowledged::default());
    let canvas = CanvasDuplicate {
        canvas_id: "canvas-1".into(),
        name: "Copy".into(),
        description: Some("for the spring".into()),
        tag_names: None,
        unknown_fields: Default::default(),
    };
    assert_eq!(h.exchange(&canvas, "/canvas/duplicate").await.status, 202);
}

#[tokio::test]
async fn transactional_send_deduplicates_on_external_send_id() {
    let h = Harness::new().await;
    let request = TransactionalSend {
        external_send_id: Some("b3JkZXItMTc=".into()),
        ..TransactionalSend::to_user("417220e4-5a2a", "u1")
    };
    let path = "/transactional/v1/campaigns/417220e4-5a2a/send";
    let first = h.exchange(&request, path).await;
    assert_eq!(first.body.status.as_deref(), Some("sent"));
    assert!(!h.braze.requests(path)[0].body.contains("417220e4"), "the campaign id travels in the path only");
    let retried = h.client.send(&request).await.unwrap();
    assert_eq!(retried.dispatch_id, first.dispatch_id, "the same key answers the same dispatch");
    assert_eq!(h.braze.dispatches().len(), 1, "and sends once");
}

#[tokio::test]
async fn the_server_refuses_what_the_rulebook_refuses_with_a_braze_shaped_body() {
    let h = Harness::new().await;
    // Bypass the client's own check with a raw request, as another Braze client would send it.
    let body =
        json!({"segment_id": "vip", "messages": {"sms": {"subscription_group_id": "g", "body": "b", "app_id": "a"}}});
    let answer = common::http()
        .post(format!("{}/messages/send", h.braze.url()))
        .bearer_auth(BrazeServer::API_KEY)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let refused: Value = answer.json().await.unwrap();
    assert_eq!(refused["message"], "Bad Request");
    assert!(refused["errors"][0].as_str().unwrap().contains("needs `broadcast: true`"), "{refused}");

    let none = json!({"messages": {"sms": {"subscription_group_id": "g", "body": "b", "app_id": "a"}}});
    let answer = common::http()
        .post(format!("{}/messages/send", h.braze.url()))
        .bearer_auth(BrazeServer::API_KEY)
        .json(&none)
        .send()
        .await
        .unwrap();
    let refused: Value = answer.json().await.unwrap();
    assert_eq!(refused["message"], "No Recipients", "Braze's own words where Braze has them");
    assert!(h.braze.dispatches().is_empty());
}

//! Conformance with Braze's own documented examples (`tests/fixtures/braze-api/`, copied from
//! the shared spec). `EXPECTATIONS.json` says which request examples a strict client accepts;
//! accepted ones must round-trip to equal JSON, refused ones must be refused with an error that
//! says why. Every response example must parse, and every fragment as its object.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use chrono::{DateTime, Utc};

use braze_dsl::endpoints::*;
use braze_dsl::model::*;
use braze_dsl::responses::*;
use braze_dsl::testing::{BrazeServer, ScheduledEntry};
use braze_dsl::{InvalidRequest, Timestamp, Validate, from_json, parse_shape};

fn fixture(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "braze-api", name].iter().collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// The examples are read as of when they were written, before every date they carry, so the
/// rules that depend on the clock (a local time already past everywhere) do not age them.
fn docs_clock() -> DateTime<Utc> {
    Timestamp::parse("2015-01-01T00:00:00Z").expect("a valid instant").instant().to_utc()
}

/// Reads `text` as `T` (shape and rules); on success, returns what it serializes back to.
fn read_and_write<T: DeserializeOwned + Serialize + Validate>(text: &str) -> Result<Value, InvalidRequest> {
    let request: T = parse_shape(text)?;
    request.validate_at(docs_clock())?;
    Ok(serde_json::to_value(&request).expect("a typed request serializes"))
}

/// The campaign of the transactional example, which travels in the path.
const TRANSACTIONAL_CAMPAIGN: &str = "417220e4-5a2a-b634-7f7d-9ec891532368";

/// The typed request of the endpoint an example file belongs to.
fn through_model(file: &str, text: &str) -> Result<Value, InvalidRequest> {
    let endpoint = file.split('.').next().unwrap_or_default();
    match endpoint {
        "messages_send" => read_and_write::<MessagesSend>(text),
        "messages_schedule_create" => read_and_write::<MessagesScheduleCreate>(text),
        "messages_schedule_update" => read_and_write::<MessagesScheduleUpdate>(text),
        "messages_schedule_delete" => read_and_write::<MessagesScheduleDelete>(text),
        "campaigns_trigger_send" => read_and_write::<CampaignsTriggerSend>(text),
        "campaigns_trigger_schedule_create" => read_and_write::<CampaignsTriggerScheduleCreate>(text),
        "campaigns_trigger_schedule_update" => read_and_write::<CampaignsTriggerScheduleUpdate>(text),
        "campaigns_trigger_schedule_delete" => read_and_write::<CampaignsTriggerScheduleDelete>(text),
        "canvas_trigger_send" => read_and_write::<CanvasTriggerSend>(text),
        "canvas_trigger_schedule_create" => read_and_write::<CanvasTriggerScheduleCreate>(text),
        "canvas_trigger_schedule_update" => read_and_write::<CanvasTriggerScheduleUpdate>(text),
        "canvas_trigger_schedule_delete" => read_and_write::<CanvasTriggerScheduleDelete>(text),
        "sends_id_create" => read_and_write::<SendsIdCreate>(text),
        "messages_live_activity_start" => read_and_write::<LiveActivityStart>(text),
        "messages_live_activity_update" => read_and_write::<LiveActivityUpdate>(text),
        "transactional_send" => {
            // The campaign id travels in the path, not the body.
            let mut request: TransactionalSend = parse_shape(text)?;
            request.campaign_id = TRANSACTIONAL_CAMPAIGN.to_owned();
            request.validate_at(docs_clock())?;
            Ok(serde_json::to_value(&request).expect("serializes"))
        }
        other => panic!("no request type mapped for example {file} (endpoint {other})"),
    }
}

/// Why each refused example is refused: the path of the first problem and words of its message.
fn expected_refusals() -> BTreeMap<&'static str, (&'static str, &'static str)> {
    BTreeMap::from([
        ("campaigns_trigger_schedule_create.request.1.json", ("recipients[0].user_alias", "invalid type: string")),
        ("campaigns_trigger_schedule_update.request.1.json", ("schedule", "carries a UTC offset")),
        ("campaigns_trigger_send.request.1.json", ("trigger_properties", "invalid type: string")),
        ("canvas_trigger_schedule_create.request.1.json", ("recipients[0].user_alias", "invalid type: string")),
        ("canvas_trigger_schedule_create.request.2.json", ("recipients[0].user_alias", "invalid type: string")),
        ("canvas_trigger_schedule_update.request.1.json", ("schedule", "carries a UTC offset")),
        ("canvas_trigger_send.request.1.json", ("recipients[0]", "a recipient takes exactly one identifier")),
        (
            "messages_schedule_create.request.1.json",
            ("broadcast", "invalid type: string \"false\", expected a boolean"),
        ),
        ("messages_send.request.1.json", ("broadcast", "invalid type: string \"false\", expected a boolean")),
        (
            "messages_send.request.2.json",
            ("override_frequency_capping", "invalid type: string \"false\", expected a boolean"),
        ),
        ("messages_send.request.3.json", ("messages.email", "missing field `from`")),
    ])
}

#[test]
fn request_examples_get_the_verdicts_of_expectations_json() {
    let expectations: Value = serde_json::from_str(&fixture("EXPECTATIONS.json")).expect("EXPECTATIONS.json parses");
    let refusals = expected_refusals();
    let mut checked = 0;
    for entry in expectations["requests"].as_array().expect("a requests list") {
        let file = entry["file"].as_str().expect("a file name");
        let text = fixture(file);
        let original: Value = serde_json::from_str(&text).expect("fixture is JSON");
        match (entry["verdict"].as_str(), through_model(file, &text)) {
            (Some("accept"), Ok(written)) => assert_eq!(written, original, "{file} does not round-trip"),
            (Some("accept"), Err(err)) => panic!("{file} should be accepted, but: {err}"),
            (Some("refuse"), Ok(_)) => panic!("{file} should be refused ({})", entry["why"]),
            (Some("refuse"), Err(err)) => {
                let (path, words) = refusals.get(file).unwrap_or_else(|| panic!("no expected reason for {file}"));
                let first = &err.problems()[0];
                assert_eq!(first.path(), *path, "{file}: {err}");
                assert!(err.to_string().contains(words), "{file}: expected \"{words}\" in: {err}");
            }
            (verdict, _) => panic!("{file}: unknown verdict {verdict:?}"),
        }
        checked += 1;
    }
    assert_eq!(checked, 21, "every request example is checked");
}

/// The path an example is sent to.
fn endpoint_path(file: &str) -> String {
    if file.starts_with("transactional_send") {
        return format!("/transactional/v1/campaigns/{TRANSACTIONAL_CAMPAIGN}/send");
    }
    let endpoint = file.split('.').next().unwrap_or_default();
    match endpoint {
        "messages_live_activity_start" => "/messages/live_activity/start".to_owned(),
        "messages_live_activity_update" => "/messages/live_activity/update".to_owned(),
        other => format!("/{}", other.replace('_', "/")),
    }
}

/// The schedule an update or delete example names, as if it had been created before.
fn schedule_named_by(file: &str, body: &Value) -> Option<ScheduledEntry> {
    if !(file.contains("schedule_update") || file.contains("schedule_delete")) {
        return None;
    }
    let schedule_id = body["schedule_id"].as_str()?.to_owned();
    let (kind, owner) = match (body["campaign_id"].as_str(), body["canvas_id"].as_str()) {
        (Some(campaign), _) => ("Campaign", campaign.to_owned()),
        (_, Some(canvas)) => ("Canvas", canvas.to_owned()),
        _ => ("Message", schedule_id.clone()),
    };
    let at = Timestamp::parse("2016-01-01T00:00:00Z").expect("a valid instant");
    Some(ScheduledEntry { schedule_id, kind, id: owner, schedule: Schedule::at(at), body: Value::Null })
}

/// Issue 9: the embedded server gives every documented request example the same verdict as the
/// typed model (EXPECTATIONS.json), with Braze's status and words.
#[tokio::test]
async fn the_embedded_server_gives_every_request_example_its_verdict() {
    let braze = BrazeServer::start().await.expect("the server starts");
    braze.set_now(docs_clock());
    let http = common::http();
    let expectations: Value = serde_json::from_str(&fixture("EXPECTATIONS.json")).expect("EXPECTATIONS.json parses");
    let refusals = expected_refusals();
    let mut checked = 0;
    for entry in expectations["requests"].as_array().expect("a requests list") {
        let file = entry["file"].as_str().expect("a file name");
        let text = fixture(file);
        let body: Value = serde_json::from_str(&text).expect("fixture is JSON");
        if let Some(schedule) = schedule_named_by(file, &body) {
            braze.insert_schedule(schedule);
        }
        let url = format!("{}{}", braze.url(), endpoint_path(file));
        let answer = http
            .post(&url)
            .bearer_auth(BrazeServer::API_KEY)
            .header("content-type", "application/json")
            .body(text.clone())
            .send()
            .await
            .expect("the server answers");
        let status = answer.status().as_u16();
        let answer: Value = serde_json::from_str(&answer.text().await.expect("a body")).unwrap_or(Value::Null);
        match entry["verdict"].as_str() {
            Some("accept") => assert!((200..300).contains(&status), "{file} should be accepted: {status} {answer}"),
            Some("refuse") => {
                assert_eq!(status, 400, "{file} should be refused: {answer}");
                let (_, words) = refusals[file];
                let errors = answer["errors"].as_array().cloned().unwrap_or_default();
                let said = |e: &Value| e.as_str().is_some_and(|e| e.contains(words));
                assert!(errors.iter().any(said), "{file}: expected \"{words}\" in {answer}");
                assert_eq!(answer["message"], "Bad Request", "{file}: Braze's word for a malformed body");
            }
            other => panic!("{file}: unknown verdict {other:?}"),
        }
        checked += 1;
    }
    assert_eq!(checked, 21, "every request example is replayed");
}

fn parses<T: DeserializeOwned>(file: &str) -> T {
    serde_json::from_str(&fixture(file)).unwrap_or_else(|e| panic!("{file} does not parse: {e}"))
}

#[test]
fn every_response_example_parses_into_its_type() {
    let ok: Dispatched = parses("api_errors.response.1.json");
    assert_eq!(ok.message, "success");
    assert!(ok.is_clean());

    let partial: Dispatched = parses("api_errors.response.2.json");
    assert_eq!(partial.error_messages(), ["<minor error message>"]);
    assert!(!partial.is_clean());

    let fatal: ErrorBody = parses("api_errors.response.3.json");
    assert_eq!(fatal.text(), Some("<fatal error message>"));
    assert_eq!(fatal.error_messages(), ["<minor error message>"]);

    let tracked: Dispatched = parses("api_errors.response.4.json");
    assert_eq!(tracked.send_id.as_deref(), Some("example_send_id"));

    let queued: Dispatched = parses("api_errors.response.5.json");
    assert_eq!(queued.message, "queued");

    let paused: Dispatched = parses("canvas_trigger_send.response.1.json");
    assert!(paused.notice.as_deref().is_some_and(|n| n.starts_with("The Canvas is paused")));
    assert_eq!(paused.dispatch_id.as_deref(), Some("example_dispatch_id"));

    for file in [
        "campaigns_trigger_schedule_create.response.1.json",
        "canvas_trigger_schedule_create.response.1.json",
        "messages_schedule_create.response.1.json",
    ] {
        let scheduled: Scheduled = parses(file);
        assert_eq!(scheduled.schedule_id, "schedule_identifier", "{file}");
        assert_eq!(scheduled.dispatch_id.as_deref(), Some("dispatch_identifier"), "{file}");
    }
    let schedule_object: Scheduled = parses("schedule_object.response.1.json");
    assert_eq!(schedule_object.schedule_id, "schedule_identifier");

    for file in ["messages_live_activity_start.response.1.json", "messages_live_activity_update.response.1.json"] {
        let ack: Acknowledged = parses(file);
        assert_eq!(ack.message.as_deref(), Some("success"), "{file}");
    }
    for file in ["messages_live_activity_start.response.2.json", "messages_live_activity_update.response.2.json"] {
        let refused: ErrorBody = parses(file);
        assert!(refused.text().is_some_and(|t| t.contains("message body does not match declared format")), "{file}");
    }

    let list: ScheduledBroadcasts = parses("messages_scheduled_broadcasts.response.1.json");
    assert_eq!(list.scheduled_broadcasts.len(), 1);
    assert_eq!(list.scheduled_broadcasts[0].kind, "Campaign");
    assert_eq!(list.scheduled_broadcasts[0].schedule_type, "local_time_zones");

    let send_id: SendIdCreated = parses("sends_id_create.response.1.json");
    assert_eq!(send_id.send_id, "send_identifier");

    let transactional: TransactionalSent = parses("transactional_send.response.1.json");
    assert_eq!(transactional.status.as_deref(), Some("sent"));
    assert_eq!(transactional.dispatch_id, "acf471119f7449d579e8089032003ded");

    let banners: Banners = parses("banners_object.response.1.json");
    assert_eq!(banners.banners.len(), 3);
    assert_eq!(banners.banners["placement_2"].banner.expires_at, -1);
    assert!(banners.banners["placement_3"].banner.is_control);
}

/// Reads a fragment's object, checks it against the rulebook, and writes it back unchanged.
fn fragment<T: DeserializeOwned + Serialize + Validate>(file: &str, key: Option<&str>) -> T {
    let whole: Value = serde_json::from_str(&fixture(file)).expect("fixture is JSON");
    let part = key.map_or(whole.clone(), |k| whole[k].clone());
    let value: T = parse_shape(&part.to_string()).unwrap_or_else(|e| panic!("{file}: {e}"));
    value.validate_at(docs_clock()).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(serde_json::to_value(&value).expect("serializes"), part, "{file} does not round-trip");
    value
}

#[derive(serde::Deserialize, Serialize)]
struct NoRules(Properties);
impl Validate for NoRules {
    fn validate_into(&self, _: &mut braze_dsl::Validator) {}
}

#[test]
fn every_fragment_parses_as_its_object() {
    for file in ["connected_audience.fragment.1.json", "connected_audience.fragment.2.json"] {
        let audience: Audience = fragment(file, None);
        assert!(matches!(audience, Audience::CustomAttribute(_)), "{file}");
    }
    let Audience::CustomAttribute(days) = fragment::<Audience>("connected_audience.fragment.3.json", None) else {
        panic!("a custom attribute filter")
    };
    assert_eq!(days.comparison, Comparison::LessThanXDaysAgo);

    let local: Schedule = fragment("campaigns_trigger_schedule_update.fragment.1.json", Some("schedule"));
    assert!(matches!(local.time, ScheduleTime::InLocalTime(_)));
    let utc: Schedule = fragment("campaigns_trigger_schedule_update.fragment.2.json", Some("schedule"));
    assert!(matches!(utc.time, ScheduleTime::At(_)), "dropping in_local_time makes the schedule UTC");

    let NoRules(context) = fragment("context_object.fragment.1.json", Some("context"));
    assert_eq!(context.0["product_name"], "shoes");
    let NoRules(legacy) = fragment("canvas_entry_properties_object.fragment.1.json", Some("canvas_entry_properties"));
    assert_eq!(legacy, context, "context and canvas_entry_properties carry the same object");
    let NoRules(trigger) = fragment("trigger_properties_object.fragment.1.json", Some("trigger_properties"));
    assert_eq!(trigger.0["related_skus"][2], "789");

    let alias: UserAlias = fragment("user_alias_object.fragment.1.json", Some("user_alias"));
    assert_eq!(alias.alias_label, "crm_id");
    let alias: UserAlias = fragment("user_alias_object.fragment.2.json", Some("user_alias"));
    assert_eq!(alias.alias_name, "a9f3c102");
}

/// The WhatsApp fragments are `message` payloads (or parts of a template's): they are checked
/// inside a whole `whats_app` object of the matching `message_type`.
#[test]
fn every_whats_app_fragment_fits_its_message_type() {
    let whole = |message_type: &str, message: Value| -> WhatsApp {
        let object = serde_json::json!({
            "app_id": "app",
            "subscription_group_id": "whatsapp-group",
            "message_type": message_type,
            "message": message,
        });
        let parsed: WhatsApp = from_json(&object.to_string()).unwrap_or_else(|e| panic!("{message_type}: {e}"));
        assert_eq!(serde_json::to_value(&parsed).expect("serializes"), object, "{message_type} round-trips");
        parsed
    };
    let template = serde_json::json!({
        "template_name": "promo",
        "template_language_code": "en",
        "header_variables": serde_json::from_str::<Value>(&fixture("whats_app_object.fragment.1.json")).unwrap(),
        "body_variables": serde_json::from_str::<Value>(&fixture("whats_app_object.fragment.2.json")).unwrap(),
        "button_variables": serde_json::from_str::<Value>(&fixture("whats_app_object.fragment.3.json")).unwrap(),
    });
    assert_eq!(whole("template_message", template).message.message_type(), "template_message");
    for (n, message_type) in [
        (4, "text_response_message"),
        (5, "text_image_response_message"),
        (6, "quick_reply_response_message"),
        (7, "list_response_message"),
        (8, "flow_response_message"),
    ] {
        let payload: Value = serde_json::from_str(&fixture(&format!("whats_app_object.fragment.{n}.json"))).unwrap();
        assert_eq!(whole(message_type, payload).message.message_type(), message_type);
    }
}

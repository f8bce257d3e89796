//! One test per runtime rule: the smallest request that breaks exactly that rule is refused with
//! that rule's `Violation` at the path of the offending field, and the fixed request passes.
//!
//! Rules checked while reading JSON (recipient identifiers, schedule times, unknown enum values,
//! missing fields) come back as one shape problem; those tests assert its path and its words.
//!
//! Each test cites the section of `../shared/braze-api/FACTS.md` its rule comes from. The
//! requests are dated in 2031 and checked as of [`clock`], so rules that depend on the time do
//! not age.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use braze_dsl::endpoints::*;
use braze_dsl::model::*;
use braze_dsl::{InvalidRequest, ProblemKind, Timestamp, Validate, Violation, parse_shape};
use chrono::{DateTime, Utc};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The time the rules are checked at.
fn clock() -> DateTime<Utc> {
    Timestamp::parse("2031-04-15T00:00:00Z").expect("a valid instant").instant().to_utc()
}

/// Asserts that `request` passes every rule.
#[track_caller]
fn assert_valid(request: &impl Validate) {
    let result = request.validate_at(clock());
    assert!(result.is_ok(), "{:?}", result);
}

/// Validates `request`, which must be refused.
#[track_caller]
fn rejected(request: &impl Validate) -> InvalidRequest {
    request.validate_at(clock()).unwrap_err()
}

/// Asserts that `err` holds exactly one problem: `violation` at `path`.
#[track_caller]
fn assert_only(err: &InvalidRequest, path: &str, violation: Violation) {
    assert!(err.has(path, &violation), "expected {violation:?} at `{path}`, got: {err}");
    assert_eq!(err.problems().len(), 1, "{err}");
}

/// Reads `body` as a `T` (shape first, then the rules), as `from_json` does.
fn read<T: DeserializeOwned + Validate>(body: Value) -> Result<T, InvalidRequest> {
    let value: T = parse_shape(&body.to_string())?;
    value.validate_at(clock())?;
    Ok(value)
}

/// Asserts that `err` is one shape problem at `path` whose words contain `words`.
#[track_caller]
fn assert_malformed(err: &InvalidRequest, path: &str, words: &str) {
    assert_eq!(err.problems().len(), 1, "{err}");
    let problem = &err.problems()[0];
    assert_eq!(problem.path(), path, "{err}");
    assert!(matches!(problem.kind(), ProblemKind::Malformed(_)), "{err}");
    assert!(problem.rule().is_none(), "{err}");
    assert!(problem.to_string().contains(words), "expected {words:?} in: {err}");
}

/// Asserts that reading `body` as a `T` succeeds.
#[track_caller]
fn assert_reads<T: DeserializeOwned + Validate + std::fmt::Debug>(body: Value) {
    let result = read::<T>(body);
    assert!(result.is_ok(), "{:?}", result.err());
}

fn object(value: Value) -> Map<String, Value> {
    value.as_object().cloned().expect("a JSON object")
}

fn properties() -> Properties {
    let mut p = Properties::new();
    p.insert("order_id", "A-17");
    p
}

fn push() -> Messages {
    Messages { apple_push: Some(ApplePush::new("hi")), ..Messages::default() }
}

/// /messages/send of `messages` to one user.
fn send(messages: Messages) -> MessagesSend {
    MessagesSend::to_users(["user-1"], messages)
}

fn send_apple(apple: ApplePush) -> MessagesSend {
    send(Messages { apple_push: Some(apple), ..Messages::default() })
}

fn send_android(android: AndroidPush) -> MessagesSend {
    send(Messages { android_push: Some(android), ..Messages::default() })
}

fn send_card(card: ContentCard) -> MessagesSend {
    send(Messages { content_card: Some(card), ..Messages::default() })
}

fn send_email(email: Email) -> MessagesSend {
    send(Messages { email: Some(email), ..Messages::default() })
}

fn send_whats_app(message: impl Into<WhatsAppMessage>) -> MessagesSend {
    send(Messages { whats_app: Some(WhatsApp::new("app", "group", message)), ..Messages::default() })
}

/// A broadcast of `audience` over /messages/send.
fn send_to_audience(audience: Audience) -> MessagesSend {
    MessagesSend { broadcast: Some(true), audience: Some(audience), messages: Some(push()), ..MessagesSend::default() }
}

fn campaign_to(recipients: Vec<Recipient>) -> CampaignsTriggerSend {
    CampaignsTriggerSend::to_recipients("campaign-1", recipients)
}

fn vip() -> Audience {
    Audience::custom_attribute("vip", Comparison::Equals, Some(json!(true)))
}

fn schedule() -> Schedule {
    Schedule::at(Timestamp::parse("2031-05-01T09:30:00Z").expect("a valid instant"))
}

/// A Live Activity start with no target.
fn live_activity() -> LiveActivityStart {
    LiveActivityStart {
        app_id: "app".into(),
        activity_id: "game-1".into(),
        activity_attributes_type: "FootballActivity".into(),
        activity_attributes: object(json!({"team1Name": "Chiefs"})),
        content_state: object(json!({"teamOneScore": 0})),
        notification: ApplePush::new(AlertObject {
            title: Some("Chiefs v. Bills".into()),
            ..AlertObject::new("The game is starting!")
        }),
        stale_date: None,
        dismissal_date: None,
        external_user_ids: None,
        user_aliases: None,
        segment_id: None,
        custom_audience: None,
        unknown_fields: Default::default(),
    }
}

fn rows(count: usize) -> Vec<ListRow> {
    (0..count).map(|i| ListRow::new(format!("Option {i}"))).collect()
}

// ---------------------------------------------------------------------------------------------
// Audience
// ---------------------------------------------------------------------------------------------

#[test]
fn no_audience_is_refused() {
    let request = MessagesSend { messages: Some(push()), ..MessagesSend::default() };
    assert_only(
        &rejected(&request),
        "",
        Violation::NoAudience { accepted: &["segment_id", "external_user_ids", "user_aliases", "audience"] },
    );
    assert_valid(&send(push()));
}

#[test]
fn segment_without_users_needs_broadcast() {
    let request =
        MessagesSend { segment_id: Some("segment-1".into()), messages: Some(push()), ..MessagesSend::default() };
    assert_only(&rejected(&request), "segment_id", Violation::BroadcastRequired { target: "segment_id" });
    assert_valid(&MessagesSend { broadcast: Some(true), ..request });
}

#[test]
fn audience_without_users_needs_broadcast() {
    let request = MessagesSend { broadcast: None, ..send_to_audience(vip()) };
    assert_only(&rejected(&request), "audience", Violation::BroadcastRequired { target: "audience" });
    assert_valid(&MessagesSend { broadcast: Some(true), ..request });
}

#[test]
fn broadcast_with_users_is_refused() {
    let request = MessagesSend { broadcast: Some(true), ..send(push()) };
    assert_only(&rejected(&request), "broadcast", Violation::BroadcastWithUsers { users: "external_user_ids" });
    assert_valid(&MessagesSend { broadcast: Some(false), ..request });
}

#[test]
fn broadcast_alone_is_refused_on_ad_hoc_sends_and_accepted_on_triggers() {
    // FACTS §5.1, §4.1: "at least one of segment_id, external_user_ids and audience"; Braze
    // answers "No Recipients". A trigger's bare broadcast goes to the campaign's own segment.
    let accepted = &["segment_id", "external_user_ids", "user_aliases", "audience"];
    let request = MessagesSend { broadcast: Some(true), messages: Some(push()), ..MessagesSend::default() };
    assert_only(&rejected(&request), "", Violation::NoAudience { accepted });
    assert_eq!(Violation::NoAudience { accepted }.braze_message(), "No Recipients");
    let scheduled = MessagesScheduleCreate {
        broadcast: Some(true),
        messages: Some(push()),
        ..MessagesScheduleCreate::new(schedule())
    };
    assert_only(&rejected(&scheduled), "", Violation::NoAudience { accepted });
    assert_valid(&CampaignsTriggerSend { broadcast: Some(true), ..CampaignsTriggerSend::new("campaign-1") });
    assert_valid(&CanvasTriggerSend { broadcast: Some(true), ..CanvasTriggerSend::new("canvas-1") });
}

#[test]
fn messages_with_only_unknown_keys_are_no_message() {
    // FACTS §5.1: no message payload → "No message to send".
    let mut messages = Messages::default();
    messages.unknown_fields.insert("apple_psuh".into(), json!({"alert": "hi"}));
    assert_only(&rejected(&send(messages)), "messages", Violation::NoMessages);
    assert_eq!(Violation::NoMessages.braze_message(), "No message to send");
}

#[test]
fn trigger_broadcast_with_recipients_is_refused() {
    let request =
        CampaignsTriggerSend { broadcast: Some(true), ..campaign_to(vec![Recipient::external_user_id("u1")]) };
    assert_only(&rejected(&request), "broadcast", Violation::BroadcastWithUsers { users: "recipients" });
    assert_valid(&CampaignsTriggerSend { broadcast: None, ..request });
}

#[test]
fn trigger_without_recipients_needs_broadcast() {
    let request = CampaignsTriggerSend::new("campaign-1");
    assert_only(&rejected(&request), "", Violation::NoAudience { accepted: &["recipients", "audience"] });
    assert_valid(&CampaignsTriggerSend { broadcast: Some(true), ..request });

    let narrowed = CanvasTriggerSend { audience: Some(vip()), ..CanvasTriggerSend::new("canvas-1") };
    assert_only(&rejected(&narrowed), "audience", Violation::BroadcastRequired { target: "audience" });
    assert_valid(&CanvasTriggerSend { broadcast: Some(true), ..narrowed });
}

#[test]
fn broadcast_with_attachments_is_refused() {
    let attachments = vec![EmailAttachment::new("receipt", "https://files.example.com/receipt.pdf")];
    let request = CampaignsTriggerSend {
        broadcast: Some(true),
        attachments: Some(attachments.clone()),
        ..CampaignsTriggerSend::new("campaign-1")
    };
    assert_only(&rejected(&request), "attachments", Violation::BroadcastWithAttachments);
    assert_valid(&CampaignsTriggerSend {
        attachments: Some(attachments),
        ..campaign_to(vec![Recipient::external_user_id("u1")])
    });
}

// ---------------------------------------------------------------------------------------------
// Caps
// ---------------------------------------------------------------------------------------------

#[test]
fn at_most_50_users_across_ids_and_aliases() {
    let ids: Vec<String> = (0..30).map(|i| format!("user-{i}")).collect();
    let aliases =
        |n: usize| -> Vec<UserAlias> { (0..n).map(|i| UserAlias::new(format!("crm-{i}"), "crm_id")).collect() };
    let request = MessagesSend { user_aliases: Some(aliases(21)), ..MessagesSend::to_users(ids.clone(), push()) };
    assert_only(&rejected(&request), "external_user_ids", Violation::TooManyUsers { count: 51 });
    assert_valid(&MessagesSend { user_aliases: Some(aliases(20)), ..MessagesSend::to_users(ids, push()) });

    // Aliases alone are reported at their own key.
    let aliases_only =
        MessagesSend { user_aliases: Some(aliases(51)), messages: Some(push()), ..MessagesSend::default() };
    assert_only(&rejected(&aliases_only), "user_aliases", Violation::TooManyUsers { count: 51 });
}

#[test]
fn at_most_50_recipients() {
    let recipients =
        |n: usize| -> Vec<Recipient> { (0..n).map(|i| Recipient::external_user_id(format!("u{i}"))).collect() };
    assert_only(&rejected(&campaign_to(recipients(51))), "recipients", Violation::TooManyRecipients { count: 51 });
    assert_valid(&campaign_to(recipients(50)));
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

#[test]
fn messages_need_a_channel() {
    assert_only(&rejected(&send(Messages::default())), "messages", Violation::NoMessages);
    let without = MessagesSend { messages: None, ..send(push()) };
    assert_only(&rejected(&without), "messages", Violation::NoMessages);
    assert_valid(&send(push()));
}

#[test]
fn campaign_id_requires_message_variation_id() {
    let request = MessagesSend { campaign_id: Some("campaign-1".into()), ..send(push()) };
    assert_only(&rejected(&request), "messages.apple_push", Violation::MissingVariation { channel: "apple_push" });
    let varied = ApplePush { message_variation_id: Some("ios-1".into()), ..ApplePush::new("hi") };
    assert_valid(&MessagesSend { campaign_id: Some("campaign-1".into()), ..send_apple(varied) });
}

// ---------------------------------------------------------------------------------------------
// Wrong flag names
// ---------------------------------------------------------------------------------------------

#[test]
fn send_spells_the_flag_override_frequency_capping() {
    // FACTS §4.5, §8.3: "Serializing the wrong one is silently ignored", so it is a guard.
    assert!(Violation::WrongFlagName { found: "a", expected: "b", request: "c" }.is_guard());
    let body = |flag: &str| {
        let mut body = json!({"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}});
        body[flag] = json!(true);
        body
    };
    let err = read::<MessagesSend>(body("override_messaging_limits")).unwrap_err();
    assert_only(
        &err,
        "override_messaging_limits",
        Violation::WrongFlagName {
            found: "override_messaging_limits",
            expected: "override_frequency_capping",
            request: "/messages/send",
        },
    );
    assert_reads::<MessagesSend>(body("override_frequency_capping"));
}

#[test]
fn schedule_create_spells_the_flag_override_messaging_limits() {
    // FACTS §4.5, §5.5, §8.3: /messages/schedule/create names the flag `override_messaging_limits` ("note the
    // name differs from /messages/send"); the other name is silently ignored, so it is a guard.
    let body = |flag: &str| {
        let mut body = scheduled_body(json!({"time": "2031-05-01T09:30:00Z"}));
        body[flag] = json!(true);
        body
    };
    let err = read::<MessagesScheduleCreate>(body("override_frequency_capping")).unwrap_err();
    assert_only(
        &err,
        "override_frequency_capping",
        Violation::WrongFlagName {
            found: "override_frequency_capping",
            expected: "override_messaging_limits",
            request: "a scheduled message",
        },
    );
    assert_reads::<MessagesScheduleCreate>(body("override_messaging_limits"));
}

#[test]
fn campaign_recipient_spells_properties_trigger_properties() {
    // FACTS §6.2: `trigger_properties` for campaigns, `context` for Canvases (a guard: Braze
    // ignores the other one).
    let request = campaign_to(vec![Recipient::external_user_id("u1").with_context(properties())]);
    assert_only(
        &rejected(&request),
        "recipients[0].context",
        Violation::WrongFlagName { found: "context", expected: "trigger_properties", request: "a campaign recipient" },
    );
    assert_valid(&campaign_to(vec![Recipient::external_user_id("u1").with_trigger_properties(properties())]));
}

#[test]
fn canvas_recipient_spells_properties_context() {
    // FACTS §6.2: `trigger_properties` for campaigns, `context` for Canvases; Braze ignores the
    // other one, so it is a guard whose words say so.
    let recipient = Recipient::external_user_id("u1").with_trigger_properties(properties());
    let request = CanvasTriggerSend::to_recipients("canvas-1", vec![recipient]);
    assert_only(
        &rejected(&request),
        "recipients[0].trigger_properties",
        Violation::WrongFlagName { found: "trigger_properties", expected: "context", request: "a Canvas recipient" },
    );
    let words =
        Violation::WrongFlagName { found: "trigger_properties", expected: "context", request: "a Canvas recipient" };
    assert!(words.is_guard());
    assert!(words.message().contains("Braze would silently ignore it"), "{}", words.message());
    let fixed = Recipient::external_user_id("u1").with_context(properties());
    assert_valid(&CanvasTriggerSend::to_recipients("canvas-1", vec![fixed]));
}

// ---------------------------------------------------------------------------------------------
// Recipients
// ---------------------------------------------------------------------------------------------

fn trigger_body(recipient: Value) -> Value {
    json!({"campaign_id": "campaign-1", "recipients": [recipient]})
}

#[test]
fn recipient_takes_exactly_one_identifier() {
    let body = trigger_body(json!({
        "external_user_id": "u1",
        "user_alias": {"alias_name": "ada", "alias_label": "crm_id"}
    }));
    let err = read::<CampaignsTriggerSend>(body).unwrap_err();
    let violation = Violation::RecipientIdentifiers { found: vec!["external_user_id", "user_alias"] };
    assert_malformed(&err, "recipients[0]", &violation.to_string());
    assert_reads::<CampaignsTriggerSend>(trigger_body(json!({"external_user_id": "u1"})));
}

#[test]
fn recipient_needs_an_identifier() {
    let err = read::<CampaignsTriggerSend>(trigger_body(json!({"attributes": {"first_name": "Ada"}}))).unwrap_err();
    let violation = Violation::RecipientIdentifiers { found: vec![] };
    assert_malformed(&err, "recipients[0]", &violation.to_string());
    assert!(err.to_string().contains("a recipient needs one identifier and has none"), "{err}");
    assert_reads::<CampaignsTriggerSend>(trigger_body(json!({"braze_id": "b1", "attributes": {"first_name": "Ada"}})));
}

#[test]
fn email_recipient_needs_prioritization() {
    let request = campaign_to(vec![Recipient::email("ada@example.com", vec![])]);
    assert_only(&rejected(&request), "recipients[0].prioritization", Violation::EmailNeedsPrioritization);
    assert_valid(&campaign_to(vec![Recipient::email("ada@example.com", vec![Prioritization::Identified])]));

    // Read from JSON without the key, the same rule is a shape problem of the recipient.
    let err = read::<CampaignsTriggerSend>(trigger_body(json!({"email": "ada@example.com"}))).unwrap_err();
    assert_malformed(&err, "recipients[0]", &Violation::EmailNeedsPrioritization.to_string());
    assert_reads::<CampaignsTriggerSend>(trigger_body(
        json!({"email": "ada@example.com", "prioritization": ["identified", "most_recently_updated"]}),
    ));
}

#[test]
fn prioritization_cannot_be_identified_and_unidentified() {
    let both = vec![Prioritization::Identified, Prioritization::Unidentified];
    let request = campaign_to(vec![Recipient::email("ada@example.com", both)]);
    assert_only(&rejected(&request), "recipients[0].prioritization", Violation::ConflictingPrioritization);
    let one = vec![Prioritization::Unidentified, Prioritization::MostRecentlyUpdated];
    assert_valid(&campaign_to(vec![Recipient::email("ada@example.com", one)]));
}

#[test]
fn creating_a_user_needs_attributes() {
    let recipient = Recipient { send_to_existing_only: Some(false), ..Recipient::external_user_id("u1") };
    let request = campaign_to(vec![recipient.clone()]);
    assert_only(&rejected(&request), "recipients[0].send_to_existing_only", Violation::CreateNeedsAttributes);
    let fixed = Recipient { attributes: Some(object(json!({"first_name": "Ada"}))), ..recipient };
    assert_valid(&campaign_to(vec![fixed]));
}

#[test]
fn creating_a_user_cannot_use_an_alias() {
    let alias = Recipient::user_alias(UserAlias::new("ada", "crm_id"));
    let request = campaign_to(vec![Recipient { send_to_existing_only: Some(false), ..alias.clone() }]);
    assert_only(&rejected(&request), "recipients[0].send_to_existing_only", Violation::CreateWithAlias);
    assert_valid(&campaign_to(vec![Recipient { send_to_existing_only: Some(true), ..alias }]));
}

#[test]
fn user_alias_name_cannot_be_blank() {
    let request = |name: &str| MessagesSend {
        user_aliases: Some(vec![UserAlias::new(name, "crm_id")]),
        messages: Some(push()),
        ..MessagesSend::default()
    };
    assert_only(&rejected(&request("")), "user_aliases[0].alias_name", Violation::Blank { field: "alias_name" });
    assert_valid(&request("ada"));
}

// ---------------------------------------------------------------------------------------------
// Properties and identifiers
// ---------------------------------------------------------------------------------------------

#[test]
fn properties_are_at_most_50_kb() {
    let mut big = Properties::new();
    big.insert("blob", "x".repeat(50 * 1024));
    let bytes = serde_json::to_string(&big).expect("properties serialize").len();
    let request = CampaignsTriggerSend {
        trigger_properties: Some(big),
        broadcast: Some(true),
        ..CampaignsTriggerSend::new("campaign-1")
    };
    assert_only(
        &rejected(&request),
        "trigger_properties",
        Violation::TooLarge { field: "trigger_properties", bytes, max: 50 * 1024 },
    );
    assert_valid(&CampaignsTriggerSend { trigger_properties: Some(properties()), ..request });
}

#[test]
fn send_id_is_short_ascii() {
    let accented = SendsIdCreate::new("campaign-1", "envío");
    assert_only(&rejected(&accented), "send_id", Violation::InvalidSendId { len: 5, ascii: false });
    let long = SendsIdCreate::new("campaign-1", "x".repeat(65));
    assert_only(&rejected(&long), "send_id", Violation::InvalidSendId { len: 65, ascii: true });
    assert_valid(&SendsIdCreate::new("campaign-1", "x".repeat(64)));
}

#[test]
fn campaign_id_cannot_be_blank() {
    let request = CampaignsTriggerSend { broadcast: Some(true), ..CampaignsTriggerSend::new(" ") };
    assert_only(&rejected(&request), "campaign_id", Violation::Blank { field: "campaign_id" });
    assert_valid(&CampaignsTriggerSend { broadcast: Some(true), ..CampaignsTriggerSend::new("campaign-1") });
}

// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

fn scheduled_body(schedule: Value) -> Value {
    json!({"external_user_ids": ["user-1"], "schedule": schedule, "messages": {"apple_push": {"alert": "hi"}}})
}

#[test]
fn local_time_carries_no_offset() {
    let violation = Violation::LocalTimeWithOffset { flag: "in_local_time", value: "2031-05-01T09:30:00Z".into() };
    assert_eq!(Schedule::parse("2031-05-01T09:30:00Z", true, false), Err(violation.clone()));
    let body = scheduled_body(json!({"time": "2031-05-01T09:30:00Z", "in_local_time": true}));
    let err = read::<MessagesScheduleCreate>(body).unwrap_err();
    assert_malformed(&err, "schedule", &violation.to_string());
    assert_reads::<MessagesScheduleCreate>(scheduled_body(
        json!({"time": "2031-05-01T09:30:00", "in_local_time": true}),
    ));
}

#[test]
fn both_schedule_flags_are_refused_as_a_guard() {
    // FACTS §6.1: both flags appear in one example, "their joint meaning is not documented"; a
    // guard, so the words say Braze accepts them without saying which applies.
    let both = Schedule::parse("2031-05-01T09:30:00", true, true).expect("read, to be judged by the rules");
    assert_eq!(serde_json::to_value(&both).unwrap()["at_optimal_time"], json!(true), "sent as given");
    let body = scheduled_body(json!({"time": "2031-05-01T09:30:00", "in_local_time": true, "at_optimal_time": true}));
    let err = read::<MessagesScheduleCreate>(body).unwrap_err();
    assert_only(&err, "schedule.at_optimal_time", Violation::ConflictingScheduleFlags);
    assert!(Violation::ConflictingScheduleFlags.is_guard());
    assert!(Violation::ConflictingScheduleFlags.message().contains("which one it applies is unknown"));
    assert_reads::<MessagesScheduleCreate>(scheduled_body(
        json!({"time": "2031-05-01T09:30:00", "at_optimal_time": true}),
    ));
}

#[test]
fn a_local_time_already_past_everywhere_is_refused() {
    // FACTS §6.1, §3.3: in_local_time with a time that has passed in every time zone is an error.
    // The clock reads 2031-04-15T00:00Z: 2031-04-14T12:00 local has just passed at UTC-12.
    let past = scheduled_body(json!({"time": "2031-04-14T12:00:00", "in_local_time": true}));
    let err = read::<MessagesScheduleCreate>(past).unwrap_err();
    assert_only(&err, "schedule.time", Violation::LocalTimePassed { value: "2031-04-14T12:00:00".into() });
    assert_reads::<MessagesScheduleCreate>(scheduled_body(
        json!({"time": "2031-04-14T12:00:01", "in_local_time": true}),
    ));
    let update = CampaignsTriggerScheduleUpdate {
        campaign_id: "campaign-1".into(),
        schedule_id: "schedule-1".into(),
        schedule: Schedule::parse("2031-01-01T00:00:00", true, false).unwrap(),
        unknown_fields: Default::default(),
    };
    assert_only(
        &rejected(&update),
        "schedule.time",
        Violation::LocalTimePassed { value: "2031-01-01T00:00:00".into() },
    );
}

#[test]
fn schedule_time_is_iso_8601() {
    let violation = Violation::InvalidTime { field: "time", value: "next tuesday".into() };
    assert_eq!(Schedule::parse("next tuesday", false, false), Err(violation.clone()));
    let err = read::<MessagesScheduleCreate>(scheduled_body(json!({"time": "next tuesday"}))).unwrap_err();
    assert_malformed(&err, "schedule", &violation.to_string());
    assert_reads::<MessagesScheduleCreate>(scheduled_body(json!({"time": "2031-05-01T09:30:00+0000"})));
}

#[test]
fn schedule_update_needs_schedule_or_messages() {
    let request =
        MessagesScheduleUpdate { schedule: None, ..MessagesScheduleUpdate::reschedule("schedule-1", schedule()) };
    assert_only(
        &rejected(&request),
        "",
        Violation::MissingOneOf { object: "/messages/schedule/update", fields: &["schedule", "messages"] },
    );
    assert_valid(&MessagesScheduleUpdate { messages: Some(push()), ..request });
    assert_valid(&MessagesScheduleUpdate::reschedule("schedule-1", schedule()));
}

// ---------------------------------------------------------------------------------------------
// Channel objects
// ---------------------------------------------------------------------------------------------

#[test]
fn email_needs_body_or_template() {
    let email = Email::new("app", "Acme <hello@acme.example>");
    assert_only(
        &rejected(&send_email(email.clone())),
        "messages.email",
        Violation::MissingOneOf { object: "email", fields: &["body", "email_template_id"] },
    );
    assert_valid(&send_email(Email { email_template_id: Some("template-1".into()), ..email.clone() }));
    assert_valid(&send_email(Email { body: Some("<p>Hi</p>".into()), ..email }));
}

#[test]
fn email_needs_from() {
    let body = |email: Value| json!({"external_user_ids": ["user-1"], "messages": {"email": email}});
    let err = read::<MessagesSend>(body(json!({"app_id": "app", "body": "<p>Hi</p>"}))).unwrap_err();
    assert_malformed(&err, "messages.email", "missing field `from`");
    assert_reads::<MessagesSend>(body(
        json!({"app_id": "app", "from": "Acme <hello@acme.example>", "body": "<p>Hi</p>"}),
    ));
}

#[test]
fn apple_alert_is_required_unless_content_available() {
    let request = send_apple(ApplePush { alert: None, ..ApplePush::new("hi") });
    assert_only(
        &rejected(&request),
        "messages.apple_push.alert",
        Violation::RequiredWhen { field: "alert", condition: "`content-available` is not true" },
    );
    assert_valid(&send_apple(ApplePush::silent()));
}

#[test]
fn apple_extra_cannot_use_reserved_keys() {
    let request = send_apple(ApplePush { extra: Some(object(json!({"aps": {}}))), ..ApplePush::new("hi") });
    assert_only(
        &rejected(&request),
        "messages.apple_push.extra",
        Violation::ReservedKey { object: "apple_push", key: "aps".into() },
    );
    assert_valid(&send_apple(ApplePush { extra: Some(object(json!({"order_id": "A-17"}))), ..ApplePush::new("hi") }));
}

#[test]
fn apple_asset_url_needs_file_type() {
    let rich = ApplePush { asset_url: Some("https://cdn.example.com/box.png".into()), ..ApplePush::new("hi") };
    assert_only(
        &rejected(&send_apple(rich.clone())),
        "messages.apple_push.asset_file_type",
        Violation::RequiredWhen { field: "asset_file_type", condition: "`asset_url` is set" },
    );
    assert_valid(&send_apple(ApplePush { asset_file_type: Some(AssetFileType::Png), ..rich }));
}

#[test]
fn apple_buttons_need_category() {
    let buttons = ApplePush { buttons: Some(vec![AppleButton::new("ab_pb_accept")]), ..ApplePush::new("hi") };
    assert_only(
        &rejected(&send_apple(buttons.clone())),
        "messages.apple_push.category",
        Violation::RequiredWhen { field: "category", condition: "`buttons` are set" },
    );
    assert_valid(&send_apple(ApplePush { category: Some("ab_cat_accept_decline".into()), ..buttons }));
}

#[test]
fn apple_relevance_score_is_between_zero_and_one() {
    let request = send_apple(ApplePush { relevance_score: Some(1.5), ..ApplePush::new("hi") });
    assert_only(
        &rejected(&request),
        "messages.apple_push.relevance_score",
        Violation::OutOfRange { field: "relevance_score", value: "1.5".into(), min: "0.0", max: "1.0" },
    );
    assert_valid(&send_apple(ApplePush { relevance_score: Some(1.0), ..ApplePush::new("hi") }));
}

#[test]
fn android_priority_outside_minus_two_to_two_is_refused_as_a_guard() {
    // FACTS §7.2: priority −2…2, "out of range → 0": Braze rewrites it silently.
    let request = send_android(AndroidPush { priority: Some(3), ..AndroidPush::new("hi", "Title") });
    assert_only(&rejected(&request), "messages.android_push.priority", Violation::PriorityRewritten { value: 3 });
    assert!(Violation::PriorityRewritten { value: 3 }.message().contains("Braze would silently send 0"));
    assert_valid(&send_android(AndroidPush { priority: Some(-2), ..AndroidPush::new("hi", "Title") }));
}

#[test]
fn kindle_priority_outside_minus_two_to_two_is_refused_as_a_guard() {
    // FACTS §7.3: Kindle `priority` (int −2…2, out of range → 0): Braze rewrites it silently.
    let send_kindle = |kindle: KindlePush| send(Messages { kindle_push: Some(kindle), ..Messages::default() });
    let request = send_kindle(KindlePush { priority: Some(-3), ..KindlePush::new("hi", "Title") });
    assert_only(&rejected(&request), "messages.kindle_push.priority", Violation::PriorityRewritten { value: -3 });
    assert!(Violation::PriorityRewritten { value: -3 }.is_guard());
    assert!(Violation::PriorityRewritten { value: -3 }.message().contains("Braze would silently send 0"));
    assert_valid(&send_kindle(KindlePush { priority: Some(2), ..KindlePush::new("hi", "Title") }));
}

#[test]
fn android_silent_push_has_neither_alert_nor_title() {
    // FACTS §7.2: send_to_sync "if set to true we will throw an error if alert or title is set".
    let mut extra = Map::new();
    extra.insert("sync".into(), json!("inbox"));
    assert_valid(&send_android(AndroidPush::sync(extra)));
    let noisy = AndroidPush { send_to_sync: Some(true), title: None, ..AndroidPush::new("hi", "Title") };
    assert_only(
        &rejected(&send_android(noisy)),
        "messages.android_push.alert",
        Violation::SyncPushWithContent { field: "alert" },
    );
    let untitled = AndroidPush { title: None, ..AndroidPush::new("hi", "Title") };
    assert_only(
        &rejected(&send_android(untitled)),
        "messages.android_push.title",
        Violation::RequiredWhen { field: "title", condition: "`send_to_sync` is not true" },
    );
}

#[test]
fn push_payloads_have_braze_length_limits() {
    // FACTS §1.4, §3.3: Apple 1,912 bytes ("Apple Push Length Exceeded"), Android 4,000 bytes
    // of alert + extra ("Android Push Length Exceeded").
    let apple = rejected(&send_apple(ApplePush::new("a".repeat(1913))));
    let violation = Violation::PushTooLong { channel: "apple_push", bytes: 1913, max: 1912 };
    assert_eq!(violation.braze_message(), "Apple Push Length Exceeded");
    assert_only(&apple, "messages.apple_push", violation);
    assert_valid(&send_apple(ApplePush::new("a".repeat(1912))));
    let mut extra = Map::new();
    extra.insert("blob".into(), json!("x".repeat(3000))); // {"blob":"x…"}: 3,011 bytes
    let android = AndroidPush { extra: Some(extra), ..AndroidPush::new("a".repeat(991), "Title") };
    let violation = Violation::PushTooLong { channel: "android_push", bytes: 4002, max: 4000 };
    assert_eq!(violation.braze_message(), "Android Push Length Exceeded");
    assert_only(&rejected(&send_android(android)), "messages.android_push", violation);
}

#[test]
fn android_time_to_live_is_at_most_28_days() {
    let request = send_android(AndroidPush { time_to_live: Some(2_419_201), ..AndroidPush::new("hi", "Title") });
    assert_only(
        &rejected(&request),
        "messages.android_push.time_to_live",
        Violation::OutOfRange { field: "time_to_live", value: "2419201".into(), min: "0", max: "2419200" },
    );
    assert_valid(&send_android(AndroidPush { time_to_live: Some(2_419_200), ..AndroidPush::new("hi", "Title") }));
}

#[test]
fn content_card_needs_time_to_live_or_expire_at() {
    let card = ContentCard::new(ContentCardType::Classic, "Title", "Text");
    assert_only(
        &rejected(&send_card(card.clone())),
        "messages.content_card",
        Violation::MissingOneOf { object: "content_card", fields: &["time_to_live", "expire_at"] },
    );
    assert_valid(&send_card(ContentCard { time_to_live: Some(3600), ..card.clone() }));
    let expire_at = Timestamp::parse("2031-05-01T09:30:00Z").expect("a valid instant");
    assert_valid(&send_card(ContentCard { expire_at: Some(expire_at), ..card }));
}

#[test]
fn content_card_expires_at_most_thirty_days_after_sending() {
    // FACTS §7.8: `expire_at` "expiry at most 30 days out". The clock reads 2031-04-15T00:00Z.
    let card = |at: &str| ContentCard {
        expire_at: Some(Timestamp::parse(at).expect("a valid instant")),
        ..ContentCard::new(ContentCardType::Classic, "Title", "Text")
    };
    let far = "2031-05-15T00:00:01Z";
    assert_only(
        &rejected(&send_card(card(far))),
        "messages.content_card.expire_at",
        Violation::ExpiryTooFar { value: far.into(), latest: "2031-05-15T00:00:00Z".into() },
    );
    assert_valid(&send_card(card("2031-05-15T00:00:00Z")));
    // A scheduled card counts from when it is sent.
    let later = MessagesScheduleCreate {
        external_user_ids: Some(vec!["user-1".into()]),
        messages: Some(Messages { content_card: Some(card(far)), ..Messages::default() }),
        ..MessagesScheduleCreate::new(Schedule::at(Timestamp::parse("2031-04-20T00:00:00Z").unwrap()))
    };
    assert_valid(&later);
    // New messages for a stored schedule go out at a time the request does not carry: left to Braze.
    let update = MessagesScheduleUpdate {
        messages: Some(Messages { content_card: Some(card(far)), ..Messages::default() }),
        ..MessagesScheduleUpdate::reschedule("schedule-1", schedule())
    };
    assert_valid(&MessagesScheduleUpdate { schedule: None, ..update });
}

#[test]
fn captioned_image_card_needs_image_url() {
    let card =
        ContentCard { time_to_live: Some(3600), ..ContentCard::new(ContentCardType::CaptionedImage, "Title", "Text") };
    assert_only(
        &rejected(&send_card(card.clone())),
        "messages.content_card.image_url",
        Violation::RequiredWhen { field: "image_url", condition: "`type` is \"CAPTIONED_IMAGE\" or \"BANNER\"" },
    );
    assert_valid(&send_card(ContentCard { image_url: Some("https://cdn.example.com/card.png".into()), ..card }));
}

#[test]
fn webhook_request_method_is_a_documented_method() {
    let body = |method: &str| {
        json!({
            "external_user_ids": ["user-1"],
            "messages": {"webhook": {"url": "https://hooks.example.com/braze", "request_method": method}}
        })
    };
    let err = read::<MessagesSend>(body("PATCH")).unwrap_err();
    assert_malformed(&err, "messages.webhook.request_method", "PATCH");
    assert_reads::<MessagesSend>(body("PUT"));
}

#[test]
fn whats_app_list_holds_at_most_10_rows() {
    let list = |n: usize| {
        ListResponseMessage::new("Pick one", ListMessage::new("Options", vec![ListSection::new("All", rows(n))]))
    };
    assert_only(
        &rejected(&send_whats_app(list(11))),
        "messages.whats_app.message.list",
        Violation::TooManyItems { field: "list_rows", count: 11, max: 10 },
    );
    assert_valid(&send_whats_app(list(10)));
}

#[test]
fn whats_app_flow_caption_is_at_most_20_characters() {
    let flow = |caption: String| FlowResponseMessage::new("Book a table", FlowButton::new(caption, "flow-1"));
    assert_only(
        &rejected(&send_whats_app(flow("x".repeat(21)))),
        "messages.whats_app.message.flow_button.caption",
        Violation::TooLong { field: "caption", len: 21, max: 20, unit: "characters" },
    );
    assert_valid(&send_whats_app(flow("x".repeat(20))));
}

#[test]
fn whats_app_button_variables_hold_exactly_one_entry() {
    let template = |entries: &[(&str, &str)]| TemplateMessage {
        button_variables: Some(entries.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect::<BTreeMap<_, _>>()),
        ..TemplateMessage::new("order_shipped", "en_US")
    };
    assert_only(
        &rejected(&send_whats_app(template(&[("0", "orders/A-17"), ("1", "track/A-17")]))),
        "messages.whats_app.message.button_variables",
        Violation::ItemCount { field: "button_variables", count: 2, expected: "exactly one" },
    );
    assert_valid(&send_whats_app(template(&[("0", "orders/A-17")])));
}

#[test]
fn quick_reply_header_image_excludes_header_text() {
    let reply = QuickReplyResponseMessage {
        header_image_uri: Some("https://cdn.example.com/header.png".into()),
        header_text: Some("Your order".into()),
        ..QuickReplyResponseMessage::new("Did it arrive?", vec![QuickReplyButton::new("Yes")])
    };
    assert_only(
        &rejected(&send_whats_app(reply.clone())),
        "messages.whats_app.message.header_text",
        Violation::Conflict { field: "header_text", other: "header_image_uri" },
    );
    assert_valid(&send_whats_app(QuickReplyResponseMessage { header_text: None, ..reply }));
}

// ---------------------------------------------------------------------------------------------
// Connected audiences
// ---------------------------------------------------------------------------------------------

#[test]
fn booleans_use_does_not_equal() {
    let request = |comparison: Comparison| {
        send_to_audience(Audience::all([Audience::custom_attribute("vip", comparison, Some(json!(true)))]))
    };
    assert_only(
        &rejected(&request(Comparison::NotEqual)),
        "audience.AND[0].custom_attribute.value",
        Violation::InequalitySpelling { found: "not_equal", expected: "does_not_equal" },
    );
    assert_valid(&request(Comparison::DoesNotEqual));
}

#[test]
fn exists_takes_no_value() {
    let request = send_to_audience(Audience::custom_attribute("vip", Comparison::Exists, Some(json!(true))));
    assert_only(
        &rejected(&request),
        "audience.custom_attribute.value",
        Violation::ComparisonValue { comparison: "exists".into(), expected: "no value" },
    );
    assert_valid(&send_to_audience(Audience::custom_attribute("vip", Comparison::Exists, None::<Value>)));
}

#[test]
fn empty_and_group_is_refused() {
    let request = send_to_audience(Audience::And(vec![]));
    assert_only(&rejected(&request), "audience.AND", Violation::EmptyGroup { operator: "AND" });
    assert_valid(&send_to_audience(Audience::And(vec![vip()])));
}

// ---------------------------------------------------------------------------------------------
// Live Activities
// ---------------------------------------------------------------------------------------------

#[test]
fn live_activity_cannot_mix_users_and_segment() {
    let request = LiveActivityStart {
        external_user_ids: Some(vec!["user-1".into()]),
        segment_id: Some("segment-1".into()),
        ..live_activity()
    };
    assert_only(
        &rejected(&request),
        "segment_id",
        Violation::MixedTargeting { users: "external_user_ids", other: "segment_id" },
    );
    assert_valid(&LiveActivityStart { segment_id: None, ..request.clone() });
    assert_valid(&LiveActivityStart { external_user_ids: None, ..request });
}

#[test]
fn live_activity_needs_a_target() {
    assert_only(
        &rejected(&live_activity()),
        "",
        Violation::NoAudience { accepted: &["external_user_ids", "user_aliases", "segment_id", "custom_audience"] },
    );
    assert_valid(&LiveActivityStart { segment_id: Some("segment-1".into()), ..live_activity() });
}

// ---------------------------------------------------------------------------------------------
// Transactional email
// ---------------------------------------------------------------------------------------------

#[test]
fn transactional_external_send_id_is_base64_safe() {
    let request = |id: &str| TransactionalSend {
        external_send_id: Some(id.into()),
        ..TransactionalSend::to_user("campaign-1", "user-1")
    };
    assert_only(&rejected(&request("order 42!")), "external_send_id", Violation::InvalidExternalSendId);
    assert_valid(&request("b3JkZXItNDI="));
}

#[test]
fn transactional_recipient_takes_exactly_one_identifier() {
    let mut both = TransactionalSend::to_user("campaign-1", "user-1");
    both.recipient.user_alias = Some(UserAlias::new("ada", "crm_id"));
    assert_only(
        &rejected(&both),
        "recipient",
        Violation::RecipientIdentifiers { found: vec!["external_user_id", "user_alias"] },
    );

    let mut alias_only = both.clone();
    alias_only.recipient.external_user_id = None;
    assert_valid(&alias_only);

    let mut neither = alias_only;
    neither.recipient.user_alias = None;
    assert_only(&rejected(&neither), "recipient", Violation::RecipientIdentifiers { found: vec![] });
}

// ---------------------------------------------------------------------------------------------
// All problems at once
// ---------------------------------------------------------------------------------------------

#[test]
fn every_problem_is_reported_at_once_in_field_order() {
    let request = MessagesSend {
        broadcast: Some(true),
        send_id: Some("envío".into()),
        ..send_apple(ApplePush { relevance_score: Some(1.5), ..ApplePush::new("hi") })
    };
    let err = rejected(&request);
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path()).collect();
    assert_eq!(paths, ["broadcast", "send_id", "messages.apple_push.relevance_score"], "{err}");
    assert!(err.has("broadcast", &Violation::BroadcastWithUsers { users: "external_user_ids" }), "{err}");
    assert!(err.has("send_id", &Violation::InvalidSendId { len: 5, ascii: false }), "{err}");
    assert!(
        err.has(
            "messages.apple_push.relevance_score",
            &Violation::OutOfRange { field: "relevance_score", value: "1.5".into(), min: "0.0", max: "1.0" },
        ),
        "{err}"
    );
    assert!(err.to_string().starts_with("invalid request, 3 problems:"), "{err}");

    let fixed = MessagesSend { broadcast: None, send_id: Some("envio".into()), ..send(push()) };
    assert_valid(&fixed);
}

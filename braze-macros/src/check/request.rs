//! Rules across the keys of a whole request (`message!`), of schedules, and of recipients.

use braze_rules::{AudienceShape, TimeKind, Violation};

use crate::check::{duplicates, object, unknown_key, value};
use crate::ctxt::Ctxt;
use crate::schema::{
    Kind, MESSAGES_SCHEDULE_CREATE, MESSAGES_SEND, ObjectSchema, PRIORITIZATION_ENUM, RECIPIENT, RECIPIENT_IDS,
    USER_ALIAS,
};
use crate::tree::{Object, Value, call_site};

/// Which endpoint a `message!` body is for: a `schedule` key makes it a scheduled message.
pub(crate) fn message_schema(body: &Object) -> &'static ObjectSchema {
    if body.has("schedule") { &MESSAGES_SCHEDULE_CREATE } else { &MESSAGES_SEND }
}

/// The keys of the other endpoint's frequency-capping flag.
fn misspelled_flag(schema: &ObjectSchema) -> (&'static str, &'static str, &'static str) {
    if std::ptr::eq(schema, &MESSAGES_SEND) {
        ("override_messaging_limits", "override_frequency_capping", "/messages/send")
    } else {
        ("override_frequency_capping", "override_messaging_limits", "a scheduled message")
    }
}

/// Checks a whole `message!` body.
pub(crate) fn check_message(cx: &Ctxt, body: &Object) {
    let schema = message_schema(body);
    let (found, expected, request) = misspelled_flag(schema);
    // The generic walk would call the other endpoint's flag an unknown key; say what it is.
    let mut known = body.clone();
    known.entries.retain(|e| e.key.name != found && e.key.name != "api_key");
    if let Some(entry) = body.get(found) {
        cx.violation(&entry.key.tokens, &Violation::WrongFlagName { found, expected, request });
    }
    // The key belongs in the header the client sends (FACTS §1.2): the client refuses a body
    // with it at run time, in the same words; the error points at the key, never its value.
    if let Some(entry) = body.get("api_key") {
        cx.violation(&entry.key.tokens, &Violation::ApiKeyInBody);
    }
    // A misspelled key is likely the audience or `messages` the rules below would miss.
    if object(cx, schema, &known, "message!") {
        audience(cx, body);
        messages(cx, body);
    }
    for key in ["segment_id", "campaign_id"] {
        if let Some(Value::Str(s)) = body.value(key)
            && let Err(v) = braze_rules::check_not_blank(key, &s.value())
        {
            cx.violation(&body.value(key).map(Value::tokens).unwrap_or_default(), &v);
        }
    }
    if let Some(Value::Str(s)) = body.value("send_id")
        && let Err(v) = braze_rules::check_send_id(&s.value())
    {
        cx.violation(&body.value("send_id").map(Value::tokens).unwrap_or_default(), &v);
    }
}

/// How many users a list names, if it is written out; `None` for an expression.
fn literal_len(value: Option<&Value>) -> Option<usize> {
    match value {
        None => Some(0),
        Some(Value::Array { items, .. }) => Some(items.len()),
        Some(_) => None,
    }
}

/// The audience rule and the 50-user cap, on what the source shows.
fn audience(cx: &Ctxt, body: &Object) {
    let ids = literal_len(body.value("external_user_ids"));
    let aliases = literal_len(body.value("user_aliases"));
    let users = match (ids, aliases) {
        (Some(0), Some(0)) => None,
        (Some(0), _) => Some("user_aliases"),
        _ => Some("external_user_ids"),
    };
    let group = ["segment_id", "audience"].into_iter().find(|k| body.has(k));
    let broadcast = match body.value("broadcast") {
        None => None,
        Some(Value::Bool(b)) => Some(b.value),
        Some(_) => return, // an expression: only the runtime knows
    };
    let shape = AudienceShape {
        users,
        group,
        broadcast,
        accepted: &["segment_id", "external_user_ids", "user_aliases", "audience"],
        // FACTS §5.1: a bare broadcast gets "No Recipients" on /messages/send and schedule create.
        broadcast_alone_allowed: false,
    };
    if let Err(violation) = braze_rules::check_audience(&shape) {
        let tokens = match &violation {
            Violation::BroadcastWithUsers { .. } => body.get("broadcast").map(|e| e.key.tokens.clone()),
            Violation::BroadcastRequired { target } => body.get(target).map(|e| e.key.tokens.clone()),
            // `broadcast: true` alone is the mistake the user can see.
            Violation::NoAudience { .. } => body.get("broadcast").map(|e| e.key.tokens.clone()),
            _ => None,
        };
        cx.violation(&tokens.unwrap_or_else(call_site), &violation);
    }
    if let (Some(ids), Some(aliases)) = (ids, aliases)
        && let Err(violation) = braze_rules::check_user_count(ids, aliases)
    {
        let key = if aliases > 0 { "user_aliases" } else { "external_user_ids" };
        cx.violation(&body.value(key).map(Value::tokens).unwrap_or_else(call_site), &violation);
    }
}

/// `messages` is given and not empty; with `campaign_id`, each message names its variation.
fn messages(cx: &Ctxt, body: &Object) {
    let messages = match body.value("messages") {
        None => return cx.violation(&call_site(), &Violation::NoMessages),
        Some(Value::Object(m)) if m.entries.is_empty() => return cx.violation(&m.tokens, &Violation::NoMessages),
        Some(Value::Object(m)) => m,
        Some(_) => return,
    };
    if !body.has("campaign_id") {
        return;
    }
    for entry in &messages.entries {
        if let Value::Object(channel) = &entry.value
            && !channel.has("message_variation_id")
            && let Some(key) = crate::schema::MESSAGES.field(&entry.key.name).map(|f| f.key)
        {
            cx.violation(&entry.key.tokens, &Violation::MissingVariation { channel: key });
        }
    }
}

/// A schedule: `time` plus literal flags; a literal time fits the flags.
pub(crate) fn schedule(cx: &Ctxt, schedule: &Object) {
    duplicates(cx, schedule);
    let mut flags = Vec::new();
    for entry in &schedule.entries {
        match entry.key.name.as_str() {
            "time" => match &entry.value {
                Value::Str(_) | Value::Expr(_) => {}
                other => cx.error_spanned(
                    &other.tokens(),
                    format!("expected an ISO 8601 date-time string for `time`, found {}", other.describe()),
                ),
            },
            flag @ ("in_local_time" | "at_optimal_time") => match &entry.value {
                Value::Bool(b) if b.value => flags.push((flag, entry.key.tokens.clone())),
                Value::Bool(_) => {}
                other => cx.error_spanned(
                    &other.tokens(),
                    format!("`{flag}` must be a literal `true` or `false`, found {}\n= help: the flag decides how `time` is read, so it must be known here", other.describe()),
                ),
            },
            _ => unknown_key(cx, &entry.key, "schedule", &["time", "in_local_time", "at_optimal_time"]),
        }
    }
    if let [_, (_, second)] = flags.as_slice() {
        cx.violation(second, &Violation::ConflictingScheduleFlags);
    }
    let kind = match flags.first().map(|(flag, _)| *flag) {
        Some("in_local_time") => TimeKind::InLocalTime,
        Some(_) => TimeKind::AtOptimalTime,
        None => TimeKind::Instant,
    };
    match schedule.value("time") {
        None => cx.violation(&schedule.tokens, &Violation::MissingField { object: "schedule", field: "time" }),
        Some(Value::Str(text)) if flags.len() < 2 => {
            if let Err(violation) = braze_rules::check_schedule_time(kind, &text.value()) {
                cx.violation(&quote::ToTokens::to_token_stream(text), &violation);
            }
        }
        Some(_) => {}
    }
}

/// A list of recipients: at most 50 written out, each checked.
pub(crate) fn check_recipient_list(cx: &Ctxt, list: &Value) {
    let Value::Array { items, tokens } = list else { return };
    if let Err(violation) = braze_rules::check_recipient_count(items.len()) {
        cx.violation(tokens, &violation);
    }
    for item in items {
        match item {
            Value::Object(r) => recipient(cx, r),
            Value::Expr(_) => {}
            other => crate::check::mismatch(cx, Kind::Object(&RECIPIENT), other, "recipients"),
        }
    }
}

/// `recipients![…]`: the list itself.
pub(crate) fn check_recipients(cx: &Ctxt, list: &Value) {
    check_recipient_list(cx, list);
}

/// One recipient: exactly one identifier, `email` with `prioritization`, the creation rules.
fn recipient(cx: &Ctxt, recipient: &Object) {
    duplicates(cx, recipient);
    let ids: Vec<&crate::tree::Entry> =
        recipient.entries.iter().filter(|e| RECIPIENT_IDS.contains(&e.key.name.as_str())).collect();
    match ids.as_slice() {
        [] => cx.violation(&recipient.tokens, &Violation::RecipientIdentifiers { found: Vec::new() }),
        [_] => {}
        [_, rest @ ..] => {
            let found = ids.iter().filter_map(|e| RECIPIENT_IDS.iter().find(|k| **k == e.key.name).copied()).collect();
            cx.violation(&rest[0].key.tokens, &Violation::RecipientIdentifiers { found });
        }
    }
    for entry in &recipient.entries {
        match entry.key.name.as_str() {
            "external_user_id" | "braze_id" | "email" => value(cx, Kind::Str, &entry.value, "recipient"),
            "user_alias" => value(cx, Kind::Object(&USER_ALIAS), &entry.value, "user_alias"),
            "prioritization" => prioritization(cx, &entry.value),
            key => match RECIPIENT.field(key) {
                Some(field) => value(cx, field.kind, &entry.value, field.key),
                None => {
                    let mut accepted: Vec<&str> = RECIPIENT_IDS.to_vec();
                    accepted.push("prioritization");
                    accepted.extend(RECIPIENT.keys());
                    unknown_key(cx, &entry.key, "recipient", &accepted);
                }
            },
        }
    }
    if let (Some(email), false) = (recipient.get("email"), recipient.has("prioritization")) {
        cx.violation(&email.key.tokens, &Violation::EmailNeedsPrioritization);
    }
    if let Some(entry) = recipient.get("send_to_existing_only")
        && entry.value.as_bool() == Some(false)
    {
        if recipient.has("user_alias") {
            cx.violation(&entry.key.tokens, &Violation::CreateWithAlias);
        } else if !recipient.has("attributes") {
            cx.violation(&entry.key.tokens, &Violation::CreateNeedsAttributes);
        }
    }
}

fn prioritization(cx: &Ctxt, list: &Value) {
    value(cx, Kind::Strings, list, "prioritization");
    let Value::Array { items, tokens } = list else { return };
    let mut spellings = Vec::new();
    for item in items {
        if let Value::Str(s) = item {
            let text = s.value();
            match braze_rules::check_value("prioritization", &text, PRIORITIZATION_ENUM.values) {
                Ok(()) => spellings.push(text),
                Err(v) => cx.violation(&item.tokens(), &v),
            }
        }
    }
    if items.is_empty() {
        cx.violation(tokens, &Violation::EmailNeedsPrioritization);
    }
    if spellings.iter().any(|s| s == "identified") && spellings.iter().any(|s| s == "unidentified") {
        cx.violation(tokens, &Violation::ConflictingPrioritization);
    }
}

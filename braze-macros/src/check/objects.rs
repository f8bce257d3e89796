//! The rules of single objects, on literal values (the runtime checks the same rules on
//! expressions' values, with the same words).

use braze_rules::Violation;

use crate::check::{audience, whats_app};
use crate::ctxt::Ctxt;
use crate::schema::ObjectSchema;
use crate::tree::{Object, Value};

/// Runs the rules of `schema`'s object, if it has any.
pub(crate) fn rules(cx: &Ctxt, schema: &ObjectSchema, object: &Object) {
    match schema.ty {
        "ApplePush" => apple_push(cx, object),
        "AppleButton" | "AndroidButton" => button(cx, object, &["URI", "DEEP_LINK"]),
        "WebButton" => button(cx, object, &["URI"]),
        "AndroidPush" => {
            android_push(cx, object);
            priority(cx, object);
            range(cx, object, "time_to_live", 0.0, 2_419_200.0, "0", "2419200");
        }
        "KindlePush" => priority(cx, object),
        "Email" => one_of(cx, object, "email", &["body", "email_template_id"]),
        "ContentCard" => content_card(cx, object),
        "WhatsApp" => whats_app::whats_app(cx, object),
        "TemplateMessage" => whats_app::template(cx, object),
        "QuickReplyResponseMessage" => whats_app::quick_reply(cx, object),
        "ListMessage" => whats_app::list(cx, object),
        "FlowButton" => whats_app::flow_button(cx, object),
        "UserAlias" => user_alias(cx, object),
        "CustomAttributeFilter" => audience::custom_attribute(cx, object),
        _ => {}
    }
}

/// Whether a literal `true` is given for `key`; `None` when it is an expression.
fn literal_true(object: &Object, key: &str) -> Option<bool> {
    match object.value(key) {
        None => Some(false),
        Some(Value::Bool(b)) => Some(b.value),
        Some(_) => None,
    }
}

fn apple_push(cx: &Ctxt, push: &Object) {
    let silent = literal_true(push, "content-available");
    match push.value("alert") {
        None if silent == Some(false) => cx.violation(
            &push.tokens,
            &Violation::RequiredWhen { field: "alert", condition: "`content-available` is not true" },
        ),
        Some(Value::Object(alert)) if silent == Some(false) && !alert.has("body") => cx.violation(
            &alert.tokens,
            &Violation::RequiredWhen { field: "body", condition: "`content-available` is not true" },
        ),
        _ => {}
    }
    if let Some(Value::Object(extra)) = push.value("extra") {
        for entry in extra.entries.iter().filter(|e| e.key.name == "ab" || e.key.name == "aps") {
            cx.violation(
                &entry.key.tokens,
                &Violation::ReservedKey { object: "apple_push", key: entry.key.name.clone() },
            );
        }
    }
    if let (Some(url), false) = (push.get("asset_url"), push.has("asset_file_type")) {
        cx.violation(
            &url.key.tokens,
            &Violation::RequiredWhen { field: "asset_file_type", condition: "`asset_url` is set" },
        );
    }
    if let (Some(buttons), false) = (push.get("buttons"), push.has("category")) {
        cx.violation(
            &buttons.key.tokens,
            &Violation::RequiredWhen { field: "category", condition: "`buttons` are set" },
        );
    }
    range(cx, push, "relevance_score", 0.0, 1.0, "0.0", "1.0");
    range(cx, push, "apns_priority", 1.0, 10.0, "1", "10");
    let texts = ["sound", "custom_uri", "notification_group_thread_id", "asset_url", "collapse_id", "category"];
    let alert = match push.value("alert") {
        Some(Value::Str(text)) => text.value().len(),
        Some(object @ Value::Object(_)) => json_len(object).unwrap_or(0),
        _ => 0,
    };
    let others: usize = texts.iter().filter_map(|key| push.value(key)?.as_str()).map(|t| t.len()).sum();
    push_length(cx, push, "apple_push", alert + others);
}

/// `alert` and `title` unless the push is silent (`send_to_sync: true`), and never with it
/// (FACTS §7.2).
fn android_push(cx: &Ctxt, push: &Object) {
    let silent = literal_true(push, "send_to_sync");
    for field in ["alert", "title"] {
        match (silent, push.get(field)) {
            (Some(false), None) => {
                cx.violation(&push.tokens, &Violation::RequiredWhen { field, condition: "`send_to_sync` is not true" })
            }
            (Some(true), Some(entry)) => cx.violation(&entry.key.tokens, &Violation::SyncPushWithContent { field }),
            _ => {}
        }
    }
    let alert = push.value("alert").and_then(Value::as_str).map_or(0, |t| t.len());
    push_length(cx, push, "android_push", alert);
}

/// The push length rule on what the literals show: `known` bytes of text fields, plus `extra`
/// when it is written out. Values written as expressions count at run time.
fn push_length(cx: &Ctxt, push: &Object, channel: &'static str, known: usize) {
    let extra = push.value("extra").and_then(json_len).unwrap_or(0);
    if let Err(violation) = braze_rules::check_push_length(channel, known + extra) {
        let tokens =
            push.get("alert").or_else(|| push.get("extra")).map_or(push.tokens.clone(), |e| e.key.tokens.clone());
        cx.violation(&tokens, &violation);
    }
}

/// The length of a literal value as compact JSON, as serde_json writes it; `None` when some
/// part is an expression or a number with a fraction (whose JSON spelling is serde_json's).
fn json_len(value: &Value) -> Option<usize> {
    Some(match value {
        Value::Str(text) => braze_rules::json_string_len(&text.value()),
        Value::Int { value, .. } => value.to_string().len(),
        Value::Bool(b) => {
            if b.value {
                4
            } else {
                5
            }
        }
        Value::Object(object) => {
            let mut len = 2 + object.entries.len().saturating_sub(1);
            for entry in &object.entries {
                len += braze_rules::json_string_len(&entry.key.name) + 1 + json_len(&entry.value)?;
            }
            len
        }
        Value::Array { items, .. } => {
            let mut len = 2 + items.len().saturating_sub(1);
            for item in items {
                len += json_len(item)?;
            }
            len
        }
        Value::Float { .. } | Value::Expr(_) | Value::TooDeep(_) => return None,
    })
}

/// An Android or Kindle `priority` outside -2..=2, which Braze silently sends as 0 (a guard).
fn priority(cx: &Ctxt, push: &Object) {
    if let Some(Value::Int { value, tokens }) = push.value("priority")
        && !(-2..=2).contains(value)
    {
        let value = i64::try_from(*value).unwrap_or(if *value < 0 { i64::MIN } else { i64::MAX });
        cx.violation(tokens, &Violation::PriorityRewritten { value });
    }
}

/// A button whose literal `action` needs a `uri` has one.
fn button(cx: &Ctxt, button: &Object, need_uri: &[&str]) {
    let Some(action) = button.value("action") else { return };
    if action.as_str().is_some_and(|a| need_uri.contains(&a.as_str())) && !button.has("uri") {
        let condition = if need_uri.len() == 2 {
            "the button's `action` is \"URI\" or \"DEEP_LINK\""
        } else {
            "the button's `action` is \"URI\""
        };
        cx.violation(&action.tokens(), &Violation::RequiredWhen { field: "uri", condition });
    }
}

/// A literal number for `key` lies in `min..=max`.
fn range(cx: &Ctxt, object: &Object, key: &'static str, min: f64, max: f64, low: &'static str, high: &'static str) {
    let (n, tokens) = match object.value(key) {
        Some(Value::Int { value, tokens }) => (*value as f64, tokens),
        Some(Value::Float { value, tokens }) => (*value, tokens),
        _ => return,
    };
    if n < min || n > max {
        let value = tokens.to_string().replace(' ', "");
        cx.violation(tokens, &Violation::OutOfRange { field: key, value, min: low, max: high });
    }
}

/// At least one of `fields` is given.
fn one_of(cx: &Ctxt, object: &Object, name: &'static str, fields: &'static [&'static str]) {
    let present: Vec<bool> = fields.iter().map(|f| object.has(f)).collect();
    if let Err(violation) = braze_rules::check_one_of(name, fields, &present) {
        cx.violation(&object.tokens, &violation);
    }
}

fn content_card(cx: &Ctxt, card: &Object) {
    one_of(cx, card, "content_card", &["time_to_live", "expire_at"]);
    if let Some(kind) = card.value("type")
        && kind.as_str().is_some_and(|t| t == "CAPTIONED_IMAGE" || t == "BANNER")
        && !card.has("image_url")
    {
        cx.violation(
            &kind.tokens(),
            &Violation::RequiredWhen { field: "image_url", condition: "`type` is \"CAPTIONED_IMAGE\" or \"BANNER\"" },
        );
    }
}

fn user_alias(cx: &Ctxt, alias: &Object) {
    for field in ["alias_name", "alias_label"] {
        let Some(Value::Str(text)) = alias.value(field) else { continue };
        let len = text.value().len();
        if len == 0 {
            cx.violation(&alias.value(field).map(Value::tokens).unwrap_or_default(), &Violation::Blank { field });
        } else if len > braze_rules::MAX_ALIAS_BYTES {
            let violation = Violation::TooLong { field, len, max: braze_rules::MAX_ALIAS_BYTES, unit: "bytes" };
            cx.violation(&alias.value(field).map(Value::tokens).unwrap_or_default(), &violation);
        }
    }
}

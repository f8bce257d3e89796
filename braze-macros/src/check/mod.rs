//! The validate phase: every rule that can be known from the source, checked on the parsed tree.
//!
//! Contract: nothing here generates code and nothing stops early. Each problem is recorded in the
//! `Ctxt` at the smallest token that shows it (the later of two duplicate keys, the unknown key,
//! the value of the wrong kind, the braces of an object missing a field), and checking goes on,
//! so one compile shows every mistake of an invocation. Values written as Rust expressions are
//! not known here: rustc checks their types, the runtime rulebook their values.

mod audience;
mod objects;
mod request;
mod whats_app;

pub(crate) use request::{check_message, check_recipients, message_schema};

use std::collections::HashSet;

use braze_rules::Violation;

use crate::ctxt::Ctxt;
use crate::schema::{Kind, ObjectSchema};
use crate::tree::{Object, Value};

/// Keys an object accepts beyond its schema's fields (none but WhatsApp's `message_type`).
fn extra_keys(schema: &ObjectSchema) -> &'static [&'static str] {
    if schema.ty == "WhatsApp" { &["message_type"] } else { &[] }
}

/// Reports a repeated key at its later occurrence.
pub(crate) fn duplicates(cx: &Ctxt, object: &Object) {
    let mut seen = HashSet::new();
    for entry in &object.entries {
        if !seen.insert(entry.key.name.as_str()) {
            cx.error_spanned(
                &entry.key.tokens,
                format!("`{}` is given twice\n= help: remove one of them", entry.key.name),
            );
        }
    }
}

/// The key `key` was probably meant to be: in `messages`, the channel of a name people guess
/// (`ios_push` is `apple_push`, which says it better than spelling does), else the nearest
/// accepted spelling. The error's "did you mean" and the fallback's conversion both use it.
pub(crate) fn meant_key<'a>(in_messages: bool, key: &str, accepted: &[&'a str]) -> Option<&'a str> {
    in_messages.then(|| braze_rules::channel_for(key)).flatten().or_else(|| braze_rules::nearest(key, accepted))
}

/// Reports a key the object does not accept, with the nearest accepted key or the full list.
pub(crate) fn unknown_key(cx: &Ctxt, key: &crate::tree::Key, object: &str, accepted: &[&str]) {
    let help = match meant_key(object == "messages", &key.name, accepted) {
        Some(near) => format!("did you mean `{near}`?"),
        None => {
            format!("`{object}` accepts {}", accepted.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
        }
    };
    cx.error_spanned(&key.tokens, format!("unknown key `{}` in `{object}`\n= help: {help}", key.name));
}

/// Checks an object against its schema: duplicates, unknown keys, each value's kind, required
/// fields, then the object's own rules. `name` is the key the object sits under. Returns
/// whether every key was known (after a misspelled key, rules about what is missing are skipped).
pub(crate) fn object(cx: &Ctxt, schema: &'static ObjectSchema, object: &Object, name: &'static str) -> bool {
    duplicates(cx, object);
    let mut misspelled = false;
    for entry in &object.entries {
        match schema.field(&entry.key.name) {
            Some(field) => value(cx, field.kind, &entry.value, field.key),
            None if extra_keys(schema).contains(&entry.key.name.as_str()) => {}
            None => {
                let mut accepted = schema.keys();
                accepted.extend(extra_keys(schema));
                unknown_key(cx, &entry.key, name, &accepted);
                misspelled = true;
            }
        }
    }
    // Like rustc after an unknown field: a misspelled key is likely the missing one, so do not
    // also report what is missing.
    if misspelled {
        return false;
    }
    for field in schema.fields.iter().filter(|f| f.required && !object.has(f.key)) {
        cx.violation(&object.tokens, &Violation::MissingField { object: name, field: field.key });
    }
    objects::rules(cx, schema, object);
    true
}

/// Reports a value of the wrong kind.
pub(crate) fn mismatch(cx: &Ctxt, kind: Kind, value: &Value, key: &str) {
    cx.error_spanned(&value.tokens(), format!("expected {} for `{key}`, found {}", kind.expected(), value.describe()));
}

/// Checks one value against its kind. Expressions pass: their type is rustc's to check.
pub(crate) fn value(cx: &Ctxt, kind: Kind, value: &Value, key: &'static str) {
    if let Value::Expr(_) | Value::TooDeep(_) = value {
        return;
    }
    match (kind, value) {
        (Kind::Str, Value::Str(_))
        | (Kind::Bool, Value::Bool(_))
        | (Kind::Int, Value::Int { .. })
        | (Kind::Float, Value::Int { .. } | Value::Float { .. }) => {}
        (Kind::UInt, Value::Int { value: n, .. }) if *n >= 0 => {}
        (Kind::UInt, Value::Int { .. }) => {
            cx.error_spanned(&value.tokens(), format!("`{key}` cannot be negative"));
        }
        (Kind::Strings, Value::Array { items, .. }) => {
            for item in items {
                self::value(cx, Kind::Str, item, key);
            }
        }
        (Kind::StrMap, Value::Object(o)) => {
            duplicates(cx, o);
            for entry in &o.entries {
                self::value(cx, Kind::Str, &entry.value, key);
            }
        }
        (Kind::JsonMap | Kind::JsonBTreeMap | Kind::Properties, Value::Object(o)) => {
            json(cx, &Value::Object(o.clone()))
        }
        (Kind::Json, v) => json(cx, v),
        (Kind::JsonArray, Value::Array { .. }) => json(cx, value),
        (Kind::Time, Value::Str(s)) => {
            if let Err(violation) = braze_rules::parse_instant(key, &s.value()) {
                cx.violation(&value.tokens(), &violation);
            }
        }
        (Kind::Enum(e), Value::Str(s)) => {
            if let Err(violation) = braze_rules::check_value(key, &s.value(), e.values) {
                cx.violation(&value.tokens(), &violation);
            }
        }
        (Kind::Object(schema), Value::Object(o)) => {
            object(cx, schema, o, key);
        }
        (Kind::Objects(schema), Value::Array { items, .. }) => {
            for item in items {
                match item {
                    Value::Object(o) => {
                        object(cx, schema, o, key);
                    }
                    Value::Expr(_) | Value::TooDeep(_) => {}
                    other => mismatch(cx, Kind::Object(schema), other, key),
                }
            }
        }
        (Kind::Alert, Value::Str(_)) => {}
        (Kind::Alert, Value::Object(o)) => {
            object(cx, &crate::schema::ALERT_OBJECT, o, "alert");
        }
        (Kind::Schedule, Value::Object(o)) => request::schedule(cx, o),
        (Kind::Audience, Value::Object(o)) => audience::filter(cx, o),
        (Kind::Recipients, Value::Array { .. }) => request::check_recipient_list(cx, value),
        // Checked by the WhatsApp object, which knows `message_type`.
        (Kind::WhatsAppMessage, Value::Object(_)) => {}
        (kind, other) => mismatch(cx, kind, other, key),
    }
}

/// Free-form JSON: any literal, object or list, with no repeated keys.
fn json(cx: &Ctxt, value: &Value) {
    match value {
        Value::Object(o) => {
            duplicates(cx, o);
            for entry in &o.entries {
                json(cx, &entry.value);
            }
        }
        Value::Array { items, .. } => items.iter().for_each(|item| json(cx, item)),
        _ => {}
    }
}

//! WhatsApp: `message_type` decides the shape of `message`.

use braze_rules::Violation;

use crate::check::{mismatch, object};
use crate::ctxt::Ctxt;
use crate::schema::{Kind, whats_app_payload};
use crate::tree::{Object, Value};

pub(crate) fn whats_app(cx: &Ctxt, whats_app: &Object) {
    let message_type = whats_app.value("message_type");
    if let Some(value) = message_type {
        match value {
            Value::Str(s) => {
                if let Err(v) = braze_rules::check_value("message_type", &s.value(), braze_rules::values::WHATSAPP_MESSAGE_TYPE) {
                    cx.violation(&value.tokens(), &v);
                }
            }
            other => cx.error_spanned(
                &other.tokens(),
                format!(
                    "`message_type` must be a string literal, found {}\n= help: the type decides the shape of `message`; to choose it at run time, give `message` a `WhatsAppMessage` value and drop `message_type`",
                    other.describe()
                ),
            ),
        }
    }
    match (whats_app.value("message"), message_type) {
        (Some(Value::Object(message)), Some(Value::Str(kind))) => {
            if let Some((schema, _)) = whats_app_payload(&kind.value()) {
                object(cx, schema, message, "message");
            }
        }
        (Some(Value::Object(message)), None) => cx.violation(
            &message.tokens,
            &Violation::RequiredWhen { field: "message_type", condition: "`message` is written as an object" },
        ),
        (Some(Value::Expr(_)), Some(kind)) => cx.error_spanned(
            &kind.tokens(),
            "`message_type` comes from the `WhatsAppMessage` value given as `message`\n= help: remove `message_type`",
        ),
        (
            Some(
                other
                @ (Value::Str(_) | Value::Array { .. } | Value::Int { .. } | Value::Float { .. } | Value::Bool(_)),
            ),
            _,
        ) => mismatch(cx, Kind::WhatsAppMessage, other, "message"),
        _ => {}
    }
}

/// The number of literal entries of an object-valued `key`, with its tokens.
fn entry_count(object: &Object, key: &str) -> Option<(usize, proc_macro2::TokenStream)> {
    match object.value(key) {
        Some(Value::Object(o)) => Some((o.entries.len(), o.tokens.clone())),
        _ => None,
    }
}

pub(crate) fn template(cx: &Ctxt, template: &Object) {
    if let Some((count, tokens)) = entry_count(template, "button_variables")
        && count != 1
    {
        cx.violation(&tokens, &Violation::ItemCount { field: "button_variables", count, expected: "exactly one" });
    }
    if let Some((count, tokens)) = entry_count(template, "header_variables")
        && count > 1
    {
        cx.violation(&tokens, &Violation::TooManyItems { field: "header_variables", count, max: 1 });
    }
}

pub(crate) fn quick_reply(cx: &Ctxt, message: &Object) {
    if let (true, Some(text)) = (message.has("header_image_uri"), message.get("header_text")) {
        cx.violation(&text.key.tokens, &Violation::Conflict { field: "header_text", other: "header_image_uri" });
    }
    if let Some(Value::Array { items, tokens }) = message.value("buttons")
        && items.is_empty()
    {
        cx.violation(tokens, &Violation::ItemCount { field: "buttons", count: 0, expected: "at least one" });
    }
}

pub(crate) fn list(cx: &Ctxt, list: &Object) {
    let Some(Value::Array { items: sections, tokens }) = list.value("list_sections") else { return };
    if sections.is_empty() {
        cx.violation(tokens, &Violation::ItemCount { field: "list_sections", count: 0, expected: "at least one" });
    }
    let rows: usize = sections
        .iter()
        .filter_map(|s| match s {
            Value::Object(section) => match section.value("list_rows") {
                Some(Value::Array { items, .. }) => Some(items.len()),
                _ => None,
            },
            _ => None,
        })
        .sum();
    if rows > braze_rules::MAX_WHATSAPP_LIST_ROWS {
        let max = braze_rules::MAX_WHATSAPP_LIST_ROWS;
        cx.violation(tokens, &Violation::TooManyItems { field: "list_rows", count: rows, max });
    }
}

pub(crate) fn flow_button(cx: &Ctxt, button: &Object) {
    if let Some(Value::Str(caption)) = button.value("caption") {
        let len = caption.value().chars().count();
        if len > braze_rules::MAX_FLOW_CAPTION_CHARS {
            let max = braze_rules::MAX_FLOW_CAPTION_CHARS;
            let tokens = quote::ToTokens::to_token_stream(caption);
            cx.violation(&tokens, &Violation::TooLong { field: "caption", len, max, unit: "characters" });
        }
    }
}

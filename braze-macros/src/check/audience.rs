//! Connected audience filters: one filter per object, `AND` / `OR` lists, comparisons that fit
//! their values.

use braze_rules::{ValueKind, Violation};

use crate::check::{duplicates, object, unknown_key};
use crate::ctxt::Ctxt;
use crate::schema::AUDIENCE_FILTERS;
use crate::tree::{Object, Value};

/// A filter object: exactly one of `AND`, `OR`, or a filter key.
pub(crate) fn filter(cx: &Ctxt, filter: &Object) {
    duplicates(cx, filter);
    let accepted: Vec<&str> = AUDIENCE_FILTERS.iter().map(|(key, _, _)| *key).collect();
    match filter.entries.as_slice() {
        [] => cx.error_spanned(
            &filter.tokens,
            format!(
                "an audience filter object needs one filter\n= help: use one of {}",
                accepted.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ),
        ),
        [_, second, ..] => cx.error_spanned(
            &second.key.tokens,
            format!(
                "an audience filter object holds exactly one filter, found `{}` and `{}`\n= help: combine filters with `AND: [ … ]` or `OR: [ … ]`",
                filter.entries[0].key.name, second.key.name
            ),
        ),
        [_] => {}
    }
    for entry in &filter.entries {
        let Some((key, _, body)) = AUDIENCE_FILTERS.iter().find(|(key, _, _)| *key == entry.key.name) else {
            unknown_key(cx, &entry.key, "audience", &accepted);
            continue;
        };
        match (body, &entry.value) {
            (_, Value::Expr(_)) => {}
            (None, Value::Array { items, tokens }) => {
                if items.is_empty() {
                    cx.violation(tokens, &Violation::EmptyGroup { operator: key });
                }
                for item in items {
                    match item {
                        Value::Object(o) => self::filter(cx, o),
                        Value::Expr(_) => {}
                        other => cx.error_spanned(
                            &other.tokens(),
                            format!("expected a filter object `{{ … }}` in `{key}`, found {}", other.describe()),
                        ),
                    }
                }
            }
            (None, other) => cx.error_spanned(
                &other.tokens(),
                format!("expected a list of filters `[{{ … }}, …]` for `{key}`, found {}", other.describe()),
            ),
            (Some(schema), Value::Object(body)) => {
                object(cx, schema, body, key);
            }
            (Some(_), other) => cx.error_spanned(
                &other.tokens(),
                format!(
                    "expected a filter body `{{ comparison: …, value: … }}` for `{key}`, found {}",
                    other.describe()
                ),
            ),
        }
    }
}

/// `custom_attribute`: a literal comparison must fit a literal value (or its absence).
pub(crate) fn custom_attribute(cx: &Ctxt, filter: &Object) {
    let Some(comparison) = filter.value("comparison").and_then(Value::as_str) else { return };
    if !braze_rules::values::CUSTOM_ATTRIBUTE_COMPARISON.contains(&comparison.as_str()) {
        return; // reported as an unknown value
    }
    let kind = match filter.value("value") {
        None => None,
        Some(Value::Expr(_)) => return,
        Some(Value::Bool(_)) => Some(ValueKind::Bool),
        Some(Value::Int { .. } | Value::Float { .. }) => Some(ValueKind::Number),
        Some(Value::Str(s)) => {
            let text = s.value();
            return report(cx, filter, braze_rules::check_comparison_value(&comparison, Some(ValueKind::Str(&text))));
        }
        Some(_) => Some(ValueKind::Other),
    };
    report(cx, filter, braze_rules::check_comparison_value(&comparison, kind));
}

fn report(cx: &Ctxt, filter: &Object, result: Result<(), Violation>) {
    if let Err(violation) = result {
        let at = match (&violation, filter.value("value")) {
            (Violation::InequalitySpelling { .. }, _) | (_, None) => filter.value("comparison"),
            (_, value) => value,
        };
        let tokens = at.map_or_else(|| filter.tokens.clone(), Value::tokens);
        cx.violation(&tokens, &violation);
    }
}

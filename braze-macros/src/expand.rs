//! The expand phase: a checked tree becomes plain runtime code (blank values, then the keys written).
//!
//! Contract: called only when checking found nothing, so every required key is present and
//! every literal fits its kind; nothing here reports errors. Every path is absolute through the
//! facade's `__private` module (`::braze_dsl::__private` unless the dependency is renamed or
//! `crate = …` is given, see `krate`), so the code compiles whatever the user has in scope, and
//! each value written as an expression is converted with a call spanned at that expression, so
//! rustc's type errors point at the user's tokens.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::schema::{
    AUDIENCE_FILTERS, EnumSchema, Kind, ObjectSchema, PRIORITIZATION_ENUM, RECIPIENT, USER_ALIAS, whats_app_payload,
};
use crate::tree::{Object, Value};

/// The hidden module of the runtime that generated code names everything through.
pub(crate) fn private() -> TokenStream {
    let facade = crate::krate::facade();
    quote!(#facade::__private)
}

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn first_span(tokens: &TokenStream) -> Span {
    tokens.clone().into_iter().next().map_or_else(Span::call_site, |t| t.span())
}

/// An object as its runtime struct, built in place: a blank value, then each key the user wrote
/// assigned, and nested objects filled where they lie. In place matters: the request types are
/// kilobytes (every channel inline), and nested struct literals would copy them level by level.
/// Only the keys written appear, so rustc reads no more than a hand-written literal.
pub(crate) fn object(schema: &ObjectSchema, object: &Object) -> TokenStream {
    let p = private();
    let ty = ident(schema.ty);
    let place = Ident::new("__braze_object", Span::mixed_site());
    let fills = fill(&quote!(#place), schema, object, 0);
    if fills.is_empty() {
        return quote!(<#p::#ty as #p::Blank>::blank());
    }
    quote!({ let mut #place: #p::#ty = #p::Blank::blank(); #fills #place })
}

/// Statements that assign the keys of `object` into `place` (a `T` or a `&mut T`).
fn fill(place: &TokenStream, schema: &ObjectSchema, object: &Object, depth: usize) -> TokenStream {
    let p = private();
    schema
        .fields
        .iter()
        .filter_map(|field| {
            let name = ident(field.rust);
            let v = object.value(field.key)?;
            Some(match (field.kind, v) {
                (Kind::Object(nested), Value::Object(o)) if !field.required => {
                    let inner = Ident::new(&format!("__braze_object_{depth}"), Span::mixed_site());
                    let fills = fill(&quote!(#inner), nested, o, depth + 1);
                    quote!({ let #inner = #place.#name.insert(#p::Blank::blank()); #fills })
                }
                _ if field.required => {
                    let v = value(field.kind, v, object);
                    quote!(#place.#name = #v;)
                }
                _ => {
                    let v = value(field.kind, v, object);
                    quote!(#place.#name = ::core::option::Option::Some(#v);)
                }
            })
        })
        .collect()
}

/// An object as a struct literal with `more` fields that its schema does not describe (a
/// recipient's `id`, which has no blank value worth building first).
fn object_with(schema: &ObjectSchema, object: &Object, more: TokenStream) -> TokenStream {
    let p = private();
    let ty = ident(schema.ty);
    let fields = schema.fields.iter().filter_map(|field| {
        let name = ident(field.rust);
        let v = value(field.kind, object.value(field.key)?, object);
        Some(if field.required { quote!(#name: #v) } else { quote!(#name: ::core::option::Option::Some(#v)) })
    });
    quote!(#p::#ty { #more #(#fields,)* ..#p::Blank::blank() })
}

/// A value of `kind`. `parent` is the object it sits in (WhatsApp's `message` reads its
/// sibling `message_type`).
pub(crate) fn value(kind: Kind, v: &Value, parent: &Object) -> TokenStream {
    let p = private();
    match (kind, v) {
        (kind, Value::Expr(e)) => expression(kind, e),
        (Kind::Str, Value::Str(s)) => quote!(::std::string::String::from(#s)),
        (Kind::Bool, Value::Bool(b)) => quote!(#b),
        (Kind::Float, Value::Int { value, .. }) => {
            #[allow(clippy::cast_precision_loss)] // an integer literal written where Braze takes a float
            let f = Literal::f64_unsuffixed(*value as f64);
            quote!(#f)
        }
        (Kind::Int | Kind::UInt | Kind::Float, Value::Int { tokens, .. } | Value::Float { tokens, .. }) => {
            tokens.clone()
        }
        (Kind::Strings, Value::Array { items, .. }) => {
            let items = items.iter().map(|item| value(Kind::Str, item, parent));
            quote!(::std::vec![#(#items),*])
        }
        (Kind::StrMap, Value::Object(o)) => {
            let inserts = o.entries.iter().map(|e| {
                let key = &e.key.name;
                let v = value(Kind::Str, &e.value, o);
                quote!(__braze_map.insert(::std::string::String::from(#key), #v);)
            });
            quote!({ let mut __braze_map = ::std::collections::BTreeMap::new(); #(#inserts)* __braze_map })
        }
        (Kind::JsonMap, Value::Object(o)) => json_map(o, quote!(#p::serde_json::Map::new())),
        (Kind::JsonBTreeMap, Value::Object(o)) => json_map(o, quote!(::std::collections::BTreeMap::new())),
        (Kind::Properties, Value::Object(o)) => {
            let map = json_map(o, quote!(#p::serde_json::Map::new()));
            quote!(#p::Properties(#map))
        }
        (Kind::Json, v) => json(v),
        (Kind::JsonArray, Value::Array { items, .. }) => {
            let items = items.iter().map(json);
            quote!(::std::vec![#(#items),*])
        }
        (Kind::Time, Value::Str(s)) => quote!(#p::checked_timestamp(#s)),
        (Kind::Enum(e), Value::Str(s)) => {
            let ty = ident(e.ty);
            let variant = ident(&EnumSchema::variant(&s.value()));
            quote!(#p::#ty::#variant)
        }
        (Kind::Object(schema), Value::Object(o)) => object(schema, o),
        (Kind::Objects(schema), Value::Array { items, .. }) => {
            let items = items.iter().map(|item| value(Kind::Object(schema), item, parent));
            quote!(::std::vec![#(#items),*])
        }
        (Kind::Alert, Value::Str(s)) => quote!(#p::AppleAlert::Text(::std::string::String::from(#s))),
        (Kind::Alert, Value::Object(o)) => {
            let alert = object(&crate::schema::ALERT_OBJECT, o);
            quote!(#p::AppleAlert::Object(#alert))
        }
        (Kind::Schedule, Value::Object(o)) => schedule(o),
        (Kind::Audience, Value::Object(o)) => audience(o),
        (Kind::Recipients, Value::Array { items, .. }) => {
            let items = items.iter().map(|item| match item {
                Value::Object(o) => recipient(o),
                other => expression(Kind::Object(&RECIPIENT), &other.tokens()),
            });
            quote!(::std::vec![#(#items),*])
        }
        (Kind::WhatsAppMessage, Value::Object(o)) => {
            let message_type = parent.value("message_type").and_then(Value::as_str).unwrap_or_default();
            match whats_app_payload(&message_type) {
                Some((schema, variant)) => {
                    let variant = ident(variant);
                    let payload = object(schema, o);
                    quote!(#p::WhatsAppMessage::#variant(#payload))
                }
                None => quote!(::core::compile_error!("braze-macros bug: unchecked `message_type`")),
            }
        }
        // Unreachable after checking; a compile error beats wrong code.
        (_, other) => {
            let tokens = other.tokens();
            quote_spanned!(first_span(&tokens)=> ::core::compile_error!("braze-macros bug: a value of the wrong kind was not reported"))
        }
    }
}

/// A value written as a Rust expression, converted to the field's type at the expression's span.
pub(crate) fn expression(kind: Kind, e: &TokenStream) -> TokenStream {
    let p = private();
    let span = first_span(e);
    match kind {
        // A typed `let` at the expression's span: a type mismatch points at the user's value,
        // not at the generated `Some(…)` around it.
        Kind::Bool => quote_spanned!(span=> { let __braze_value: bool = #e; __braze_value }),
        // Arithmetic on literals (`60 * 60`) takes the field's type, as a literal would.
        Kind::Int if literal_arithmetic(e) => quote_spanned!(span=> { let __braze_value: i64 = #e; __braze_value }),
        Kind::UInt if literal_arithmetic(e) => quote_spanned!(span=> { let __braze_value: u64 = #e; __braze_value }),
        // Any integer type that converts without loss (`u32`, `i8`, …).
        Kind::Int => quote_spanned!(span=> #p::int(#e)),
        Kind::UInt => quote_spanned!(span=> #p::uint(#e)),
        Kind::Float => quote_spanned!(span=> { let __braze_value: f64 = #e; __braze_value }),
        Kind::Str => quote_spanned!(span=> ::core::convert::Into::<::std::string::String>::into(#e)),
        Kind::Strings => quote_spanned!(span=> #p::strings(#e)),
        Kind::Json => quote_spanned!(span=> #p::json(#e)),
        Kind::Time => quote_spanned!(span=> ::core::convert::Into::<#p::Timestamp>::into(#e)),
        Kind::Alert => quote_spanned!(span=> ::core::convert::Into::<#p::AppleAlert>::into(#e)),
        Kind::Properties => quote_spanned!(span=> ::core::convert::Into::<#p::Properties>::into(#e)),
        _ => quote_spanned!(span=> ::core::convert::Into::into(#e)),
    }
}

/// Whether `e` is only integer literals, operators and parentheses, such as `60 * 60`: its type
/// comes from where it is used, so it is given the field's.
fn literal_arithmetic(e: &TokenStream) -> bool {
    e.clone().into_iter().all(|tree| match tree {
        proc_macro2::TokenTree::Literal(lit) => lit.to_string().bytes().all(|b| b.is_ascii_digit() || b == b'_'),
        proc_macro2::TokenTree::Punct(p) => "+-*/%".contains(p.as_char()),
        proc_macro2::TokenTree::Group(g) => {
            matches!(g.delimiter(), proc_macro2::Delimiter::Parenthesis | proc_macro2::Delimiter::None)
                && literal_arithmetic(&g.stream())
        }
        proc_macro2::TokenTree::Ident(_) => false,
    })
}

fn json(v: &Value) -> TokenStream {
    let p = private();
    match v {
        Value::Object(o) => {
            let map = json_map(o, quote!(#p::serde_json::Map::new()));
            quote!(#p::serde_json::Value::Object(#map))
        }
        Value::Array { items, .. } => {
            let items = items.iter().map(json);
            quote!(#p::serde_json::Value::Array(::std::vec![#(#items),*]))
        }
        Value::Str(s) => quote!(#p::serde_json::Value::String(::std::string::String::from(#s))),
        Value::Bool(b) => quote!(#p::serde_json::Value::Bool(#b)),
        Value::Int { tokens, .. } | Value::Float { tokens, .. } => quote!(#p::serde_json::Value::from(#tokens)),
        Value::Expr(e) => expression(Kind::Json, e),
        // Reported while parsing, so never expanded.
        Value::TooDeep(_) => quote!(::core::compile_error!("braze-macros bug: a value nested too deep was expanded")),
    }
}

fn json_map(o: &Object, new: TokenStream) -> TokenStream {
    let inserts = o.entries.iter().map(|e| {
        let key = &e.key.name;
        let v = json(&e.value);
        quote!(__braze_map.insert(::std::string::String::from(#key), #v);)
    });
    quote!({ let mut __braze_map = #new; #(#inserts)* __braze_map })
}

fn schedule(o: &Object) -> TokenStream {
    let p = private();
    let flag = |key: &str| o.value(key).and_then(Value::as_bool).unwrap_or(false);
    let (local, optimal) = (flag("in_local_time"), flag("at_optimal_time"));
    match o.value("time") {
        Some(Value::Str(s)) => quote!(#p::checked_schedule(#s, #local, #optimal)),
        Some(Value::Expr(e)) => {
            let span = first_span(e);
            match (local, optimal) {
                (true, _) => quote_spanned!(span=> #p::Schedule::in_local_time(#e)),
                (_, true) => quote_spanned!(span=> #p::Schedule::at_optimal_time(#e)),
                _ => quote_spanned!(span=> #p::Schedule::at(#e)),
            }
        }
        _ => quote!(::core::compile_error!("braze-macros bug: unchecked schedule")),
    }
}

fn audience(o: &Object) -> TokenStream {
    let p = private();
    let Some(entry) = o.entries.first() else {
        return quote!(::core::compile_error!("braze-macros bug: unchecked audience"));
    };
    let Some((_, variant, body)) = AUDIENCE_FILTERS.iter().find(|(key, _, _)| *key == entry.key.name) else {
        return quote!(::core::compile_error!("braze-macros bug: unchecked audience filter"));
    };
    let variant = ident(variant);
    let inner = match (body, &entry.value) {
        (_, Value::Expr(e)) => expression(Kind::Audience, e),
        (None, Value::Array { items, .. }) => {
            let items = items.iter().map(|item| match item {
                Value::Object(filter) => audience(filter),
                other => expression(Kind::Audience, &other.tokens()),
            });
            quote!(::std::vec![#(#items),*])
        }
        (Some(schema), Value::Object(filter)) => object(schema, filter),
        _ => quote!(::core::compile_error!("braze-macros bug: unchecked audience body")),
    };
    quote!(#p::Audience::#variant(#inner))
}

/// A recipient: its one identifier, then the fields of the recipient object.
pub(crate) fn recipient(o: &Object) -> TokenStream {
    let p = private();
    let text = |key: &str| o.value(key).map(|v| value(Kind::Str, v, o));
    let id = if let Some(id) = text("external_user_id") {
        quote!(#p::RecipientId::ExternalUserId(#id))
    } else if let Some(alias) = o.value("user_alias") {
        let alias = value(Kind::Object(&USER_ALIAS), alias, o);
        quote!(#p::RecipientId::UserAlias(#alias))
    } else if let Some(id) = text("braze_id") {
        quote!(#p::RecipientId::BrazeId(#id))
    } else {
        let email = text("email");
        let prioritization = match o.value("prioritization") {
            Some(Value::Array { items, .. }) => {
                let items = items.iter().map(|item| value(Kind::Enum(&PRIORITIZATION_ENUM), item, o));
                quote!(::std::vec![#(#items),*])
            }
            Some(other) => expression(Kind::Objects(&RECIPIENT), &other.tokens()),
            None => quote!(::std::vec::Vec::new()),
        };
        quote!(#p::RecipientId::Email { email: #email, prioritization: #prioritization })
    };
    object_with(&RECIPIENT, o, quote!(id: #id,))
}

/// `recipients!`: a `Vec<Recipient>`.
pub(crate) fn recipients(list: &Value) -> TokenStream {
    value(Kind::Recipients, list, &Object { tokens: TokenStream::new(), entries: Vec::new() })
}

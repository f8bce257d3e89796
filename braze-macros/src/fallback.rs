//! What an invocation with errors expands to: the errors, a use of every value the user wrote as
//! an expression, and a placeholder of the type the macro would have had.
//!
//! The errors are what the user must fix. The uses keep variables used, so neither rustc nor an
//! IDE reports "unused variable" for a value that sits in a broken invocation; each is converted
//! as the expansion would convert it, inside `if false`, so it is checked like the real code and
//! raises no inference error of its own. The placeholder has the real type (`MessagesSend`,
//! `MessagesScheduleCreate`, `Vec<Recipient>`), so code using the value type-checks and nothing
//! cascades.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::{expression, ident, private};
use crate::schema::{ALERT_OBJECT, Kind, ObjectSchema, RECIPIENT, USER_ALIAS};
use crate::tree::{Object, Value};

/// A failed `message!`: the errors, the uses, and a blank request of the endpoint's type.
pub(crate) fn message(errors: Vec<syn::Error>, schema: &ObjectSchema, body: &Object) -> TokenStream {
    let p = private();
    let ty = ident(schema.ty);
    wrap(errors, object_uses(schema, body), quote!(<#p::#ty as #p::Blank>::blank()))
}

/// A failed `recipients!`: the errors, the uses, and an empty list.
pub(crate) fn recipients(errors: Vec<syn::Error>, list: &Value) -> TokenStream {
    let p = private();
    wrap(errors, uses(Kind::Recipients, list), quote!(::std::vec::Vec::<#p::Recipient>::new()))
}

fn wrap(errors: Vec<syn::Error>, uses: TokenStream, placeholder: TokenStream) -> TokenStream {
    let errors = errors.into_iter().map(syn::Error::into_compile_error);
    quote!({
        #(#errors;)*
        #[allow(unreachable_code, clippy::all)]
        if false { #uses }
        #placeholder
    })
}

/// The uses of an object's values. A key the schema does not know takes the kind of the key it
/// was probably meant to be, as "did you mean" suggests, so its value converts the same way.
fn object_uses(schema: &ObjectSchema, object: &Object) -> TokenStream {
    object
        .entries
        .iter()
        .map(|entry| {
            let field = schema.field(&entry.key.name).or_else(|| {
                let meant = crate::check::meant_key(schema.ty == "Messages", &entry.key.name, &schema.keys());
                meant.and_then(|near| schema.field(near))
            });
            match field {
                Some(field) => uses(field.kind, &entry.value),
                None => raw_uses(&entry.value),
            }
        })
        .collect()
}

/// The uses of one value of `kind`.
fn uses(kind: Kind, value: &Value) -> TokenStream {
    match (kind, value) {
        (_, Value::TooDeep(_)) => TokenStream::new(),
        (kind, Value::Expr(e)) => {
            let converted = expression(kind, e);
            match kind_type(kind) {
                Some(ty) => quote!(let _: #ty = #converted;),
                None => quote!(let _ = #converted;),
            }
        }
        (Kind::Object(schema), Value::Object(o)) => object_uses(schema, o),
        (Kind::Alert, Value::Object(o)) => object_uses(&ALERT_OBJECT, o),
        (Kind::Objects(schema), Value::Array { items, .. }) => {
            items.iter().map(|item| uses(Kind::Object(schema), item)).collect()
        }
        (Kind::Strings, Value::Array { items, .. }) => items.iter().map(|item| uses(Kind::Str, item)).collect(),
        (Kind::StrMap, Value::Object(o)) => o.entries.iter().map(|e| uses(Kind::Str, &e.value)).collect(),
        (Kind::Recipients, Value::Array { items, .. }) => items
            .iter()
            .map(|item| match item {
                Value::Object(o) => recipient_uses(o),
                other => uses(Kind::Object(&RECIPIENT), other),
            })
            .collect(),
        _ => raw_uses(value),
    }
}

fn recipient_uses(recipient: &Object) -> TokenStream {
    recipient
        .entries
        .iter()
        .map(|entry| match entry.key.name.as_str() {
            "external_user_id" | "braze_id" | "email" => uses(Kind::Str, &entry.value),
            "user_alias" => uses(Kind::Object(&USER_ALIAS), &entry.value),
            key => match RECIPIENT.field(key) {
                Some(field) => uses(field.kind, &entry.value),
                None => raw_uses(&entry.value),
            },
        })
        .collect()
}

/// Every expression inside `value`, used as it is: for free-form JSON, audiences, schedules and
/// keys the schema does not know.
fn raw_uses(value: &Value) -> TokenStream {
    match value {
        Value::Expr(e) => quote!(let _ = &(#e);),
        Value::Object(o) => o.entries.iter().map(|e| raw_uses(&e.value)).collect(),
        Value::Array { items, .. } => items.iter().map(raw_uses).collect(),
        _ => TokenStream::new(),
    }
}

/// The Rust type a value of `kind` becomes, where the conversion alone does not say it.
fn kind_type(kind: Kind) -> Option<TokenStream> {
    let p = private();
    let json = quote!(#p::serde_json::Value);
    Some(match kind {
        Kind::Enum(e) => {
            let ty = ident(e.ty);
            quote!(#p::#ty)
        }
        Kind::Object(schema) => {
            let ty = ident(schema.ty);
            quote!(#p::#ty)
        }
        Kind::Objects(schema) => {
            let ty = ident(schema.ty);
            quote!(::std::vec::Vec<#p::#ty>)
        }
        Kind::Audience => quote!(#p::Audience),
        Kind::Recipients => quote!(::std::vec::Vec<#p::Recipient>),
        Kind::Schedule => quote!(#p::Schedule),
        Kind::WhatsAppMessage => quote!(#p::WhatsAppMessage),
        Kind::StrMap => quote!(::std::collections::BTreeMap<::std::string::String, ::std::string::String>),
        Kind::JsonMap => quote!(#p::serde_json::Map<::std::string::String, #json>),
        Kind::JsonBTreeMap => quote!(::std::collections::BTreeMap<::std::string::String, #json>),
        Kind::JsonArray => quote!(::std::vec::Vec<#json>),
        _ => return None,
    })
}

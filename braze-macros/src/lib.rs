//! The compile-time checked DSL of [`braze-dsl`](https://docs.rs/braze-dsl). Use it through
//! `braze_dsl`, which re-exports these macros and the runtime their expansion names.
//!
//! The crate is split into phases, as serde_derive is: `tree` parses tokens into a tree that
//! keeps every span, `check` applies every rule that the source shows and collects all errors,
//! `expand` turns a checked tree into runtime struct literals (`fallback` what a failed one
//! expands to), and `campaign` does the same for the attribute macros. `braze-rules` supplies the
//! rules' predicates and words, shared with the runtime.

#![forbid(unsafe_code)]

mod campaign;
mod check;
mod ctxt;
mod expand;
mod fallback;
mod krate;
mod schema;
mod tree;

use proc_macro::TokenStream;

#[doc = include_str!("../doc/message.md")]
#[proc_macro]
pub fn message(input: TokenStream) -> TokenStream {
    message_tokens(input.into()).into()
}

#[doc = include_str!("../doc/recipients.md")]
#[proc_macro]
pub fn recipients(input: TokenStream) -> TokenStream {
    recipients_tokens(input.into()).into()
}

#[doc = include_str!("../doc/campaign.md")]
#[proc_macro_attribute]
pub fn braze_campaign(args: TokenStream, item: TokenStream) -> TokenStream {
    campaign::expand(campaign::Target::Campaign, args.into(), item.into()).into()
}

#[doc = include_str!("../doc/canvas.md")]
#[proc_macro_attribute]
pub fn braze_canvas(args: TokenStream, item: TokenStream) -> TokenStream {
    campaign::expand(campaign::Target::Canvas, args.into(), item.into()).into()
}

/// `message!` on `proc_macro2` tokens, callable from unit tests.
pub(crate) fn message_tokens(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let cx = ctxt::Ctxt::new();
    let (facade, input) = krate::split_override(&cx, input);
    krate::with_facade(facade, || {
        let body = tree::Object { tokens: tree::call_site(), entries: tree::parse_entries(&cx, input) };
        check::check_message(&cx, &body);
        let schema = check::message_schema(&body);
        match cx.check() {
            Ok(()) => expand::object(schema, &body),
            Err(errors) => fallback::message(errors, schema, &body),
        }
    })
}

/// `recipients!` on `proc_macro2` tokens.
pub(crate) fn recipients_tokens(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let cx = ctxt::Ctxt::new();
    let (facade, input) = krate::split_override(&cx, input);
    krate::with_facade(facade, || {
        let list = tree::parse_list(&cx, input);
        check::check_recipients(&cx, &list);
        match cx.check() {
            Ok(()) => expand::recipients(&list),
            Err(errors) => fallback::recipients(errors, &list),
        }
    })
}

#[cfg(test)]
mod tests;

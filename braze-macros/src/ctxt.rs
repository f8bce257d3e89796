//! Collects every error of one macro invocation, so the user sees them all in one compile.
//! Like serde_derive's `Ctxt`: a dropped `Ctxt` that was never checked is a bug and panics.

use std::cell::RefCell;
use std::fmt::Display;

use braze_rules::Violation;
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

pub(crate) struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt { errors: RefCell::new(Some(Vec::new())) }
    }

    fn push(&self, error: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push(error);
        }
    }

    /// An error at one span.
    pub fn error(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// An error covering `tokens` (their first to last token).
    pub fn error_spanned(&self, tokens: &TokenStream, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// A rule of the rulebook, in its own words, with its help on a second line.
    pub fn violation(&self, tokens: &TokenStream, violation: &Violation) {
        self.error_spanned(tokens, render(violation));
    }

    /// Ends collection: all errors, or none.
    pub fn check(self) -> Result<(), Vec<syn::Error>> {
        let errors = self.errors.borrow_mut().take().unwrap_or_default();
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("braze-macros bug: errors were collected but never checked");
        }
    }
}

/// The rulebook's message, then its help the way rustc prints notes.
pub(crate) fn render(violation: &Violation) -> String {
    format!("{}\n= help: {}", violation.message(), violation.help())
}

/// Tokens for a span, for `error_spanned`.
pub(crate) fn at(span: Span) -> TokenStream {
    proc_macro2::Ident::new("at", span).to_token_stream()
}

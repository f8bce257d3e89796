//! What an invocation with errors expands to: the errors, and nothing that could cascade.
//!
//! In expression position a `compile_error!` is an error expression: rustc reports it and
//! nothing downstream (a `let` with a type, a method call on the result) adds a second error.

use proc_macro2::TokenStream;
use quote::quote;

/// All errors, as one block expression whose value is the last `compile_error!`.
pub(crate) fn expression(errors: Vec<syn::Error>) -> TokenStream {
    let mut statements = TokenStream::new();
    let count = errors.len();
    for (i, error) in errors.into_iter().enumerate() {
        let error = error.into_compile_error();
        if i + 1 < count {
            statements.extend(quote!(#error;));
        } else {
            statements.extend(error);
        }
    }
    quote!({ #statements })
}

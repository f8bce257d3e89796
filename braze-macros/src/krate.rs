//! The path generated code reaches the facade through.
//!
//! In order: the path the user gave (`crate = path` in the attribute, `crate = path;` at the start
//! of `message!` / `recipients!`), for crates that re-export `braze_dsl`; else the name
//! `braze-dsl` has in the calling crate's `Cargo.toml`, so a renamed dependency works; else
//! `::braze_dsl`. The facade declares `extern crate self as braze_dsl`, so the default also works
//! inside the facade itself, its examples and its doctests.

use std::cell::RefCell;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};

use crate::ctxt::Ctxt;

thread_local! {
    /// The facade's path for the invocation being expanded.
    static FACADE: RefCell<Option<TokenStream>> = const { RefCell::new(None) };
}

/// Runs `f` with `explicit` (or the crate's own name for `braze-dsl`) as the facade's path.
pub(crate) fn with_facade<R>(explicit: Option<TokenStream>, f: impl FnOnce() -> R) -> R {
    let path = explicit.unwrap_or_else(lookup);
    let previous = FACADE.with(|facade| facade.replace(Some(path)));
    let result = f();
    FACADE.with(|facade| *facade.borrow_mut() = previous);
    result
}

/// The facade's path, e.g. `::braze_dsl`.
pub(crate) fn facade() -> TokenStream {
    FACADE.with(|facade| facade.borrow().clone()).unwrap_or_else(|| quote!(::braze_dsl))
}

/// The name `braze-dsl` has in the calling crate's manifest, as an absolute path.
fn lookup() -> TokenStream {
    if needs_no_lookup() {
        return quote!(::braze_dsl);
    }
    match proc_macro_crate::crate_name("braze-dsl") {
        Ok(proc_macro_crate::FoundCrate::Name(name)) => {
            let name = Ident::new(&name, Span::call_site());
            quote!(::#name)
        }
        // The facade itself, or a manifest that does not name it (a re-exporting crate, which
        // then passes `crate = …`, or a build without Cargo): the usual name.
        _ => quote!(::braze_dsl),
    }
}

/// Whether the usual name is certainly right: in the facade itself, or when the calling crate's
/// manifest names `braze-dsl` under its own name and renames nothing to it. That settles nearly
/// every crate without `proc-macro-crate`, whose first call in each rustc spawns `cargo
/// locate-project` (measured: twice the rebuild time of a crate with 200 `message!` calls).
/// Anything else (a rename, a table header, a dependency inherited under another key) takes the
/// full lookup.
fn needs_no_lookup() -> bool {
    if std::env::var("CARGO_PKG_NAME").as_deref() == Ok("braze-dsl") {
        return true;
    }
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return false;
    };
    std::fs::read_to_string(std::path::Path::new(&dir).join("Cargo.toml"))
        .is_ok_and(|manifest| names_braze_dsl_plainly(&manifest))
}

/// Whether some line of `manifest` has the key `braze-dsl` (`braze-dsl = …`, `braze-dsl.workspace
/// = true`) and no line could rename it (`package = "braze-dsl"`). TOML puts a key, its `=` and
/// its value on one line, so a rename always shows on one line.
fn names_braze_dsl_plainly(manifest: &str) -> bool {
    let mut keyed = false;
    for line in manifest.lines().map(str::trim_start) {
        if line.contains("package") && line.contains("braze-dsl") {
            return false;
        }
        if let Some(rest) = line.strip_prefix("braze-dsl").or_else(|| line.strip_prefix("\"braze-dsl\"")) {
            keyed |= rest.trim_start().starts_with(['=', '.']);
        }
    }
    keyed
}

/// Splits `crate = path;` off the start of a function-like macro's input.
pub(crate) fn split_override(cx: &Ctxt, input: TokenStream) -> (Option<TokenStream>, TokenStream) {
    let trees: Vec<TokenTree> = input.clone().into_iter().collect();
    let starts = matches!(trees.as_slice(), [TokenTree::Ident(k), TokenTree::Punct(eq), ..] if k == "crate" && eq.as_char() == '=');
    if !starts {
        return (None, input);
    }
    let Some(end) = trees.iter().position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';')) else {
        let key: TokenStream = trees[..2].iter().cloned().collect();
        cx.error_spanned(
            &key,
            "`crate = path` must end with `;`\n= help: write `crate = my_crate::braze_dsl;` before the first key",
        );
        return (None, TokenStream::new());
    };
    let path: TokenStream = trees[2..end].iter().cloned().collect();
    let rest: TokenStream = trees[end + 1..].iter().cloned().collect();
    (checked_path(cx, path), rest)
}

/// A `crate = …` value: a path, absolute so it means the same wherever the code lands.
pub(crate) fn checked_path(cx: &Ctxt, path: TokenStream) -> Option<TokenStream> {
    match syn::parse2::<syn::Path>(path.clone()) {
        Ok(parsed) => {
            let first = parsed.segments.first().map(|s| s.ident.to_string()).unwrap_or_default();
            if parsed.leading_colon.is_none() && !matches!(first.as_str(), "crate" | "$crate") {
                cx.error_spanned(
                    &path,
                    "`crate = …` needs an absolute path\n= help: write `::my_crate::braze_dsl` or `crate::braze_dsl`",
                );
                return None;
            }
            Some(parsed.to_token_stream())
        }
        Err(_) => {
            let tokens = if path.is_empty() { crate::tree::call_site() } else { path };
            cx.error_spanned(&tokens, "`crate = …` takes a path, e.g. `::my_crate::braze_dsl`");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::names_braze_dsl_plainly;

    #[test]
    fn a_plain_dependency_needs_no_lookup() {
        for manifest in [
            "[dependencies]\nbraze-dsl = \"0.1\"\n",
            "[dependencies]\nbraze-dsl = { version = \"0.1\", features = [\"redis\"] }\n",
            "[dependencies]\n  braze-dsl.workspace = true\n",
            "[dependencies]\n\"braze-dsl\" = { path = \"../braze-dsl\" }\nserde = \"1\"\n",
        ] {
            assert!(names_braze_dsl_plainly(manifest), "{manifest}");
        }
    }

    #[test]
    fn anything_that_could_rename_takes_the_full_lookup() {
        for manifest in [
            // A rename, inline or as a table.
            "[dependencies]\nbd = { package = \"braze-dsl\", version = \"0.1\" }\n",
            "[dependencies.bd]\npackage = \"braze-dsl\"\nversion = \"0.1\"\n",
            // The plain name and a rename side by side (say, a dev-dependency renamed).
            "[dependencies]\nbraze-dsl = \"0.1\"\n[dev-dependencies]\nbd = { package = \"braze-dsl\" }\n",
            // Inherited under another key: the workspace may rename it.
            "[dependencies]\nbd.workspace = true\n",
            // A table header, or no mention at all (a re-exporting crate's dependent).
            "[dependencies.braze-dsl]\nversion = \"0.1\"\n",
            "[dependencies]\nacme = \"1\"\n",
            // A key that only starts like it.
            "[dependencies]\nbraze-dsl-extras = \"1\"\n",
        ] {
            assert!(!names_braze_dsl_plainly(manifest), "{manifest}");
        }
    }
}

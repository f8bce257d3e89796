//! `#[braze_campaign(id = "…", broadcast = true)]` and `#[braze_canvas(…)]`: a struct with named
//! fields becomes the `trigger_properties` (or Canvas `context`) of an API-triggered campaign.
//!
//! The struct is emitted unchanged. Next to it: an impl of the runtime's `Campaign` (or `Canvas`)
//! trait carrying the id, and `BroadcastCampaign` only when the attribute says `broadcast = true`.
//! The request-building methods are the trait's own, so they never clash with the struct's
//! methods; `to_everyone` is bounded on the broadcast trait, checked where it is called, with the
//! trait's `#[diagnostic::on_unimplemented]` message.
//!
//! On errors the struct and the trait impl are still emitted, so code using them does not cascade
//! into further errors while the attribute is being fixed.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};

use crate::ctxt::Ctxt;
use crate::expand::private;

/// Which kind of API-triggered message the attribute declares.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Campaign,
    Canvas,
}

impl Target {
    fn attribute(self) -> &'static str {
        match self {
            Target::Campaign => "braze_campaign",
            Target::Canvas => "braze_canvas",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Target::Campaign => "campaign",
            Target::Canvas => "Canvas",
        }
    }
}

/// The attribute's arguments, as far as they are valid.
struct Args {
    id: Option<String>,
    broadcast: bool,
    /// `crate = path`: where the facade is, for crates that re-export it.
    facade: Option<TokenStream>,
}

fn parse_args(cx: &Ctxt, target: Target, args: TokenStream) -> Args {
    let mut parsed = Args { id: None, broadcast: false, facade: None };
    let mut seen: Vec<String> = Vec::new();
    let mut parts: Vec<Vec<TokenTree>> = vec![Vec::new()];
    for tree in args {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ',' => parts.push(Vec::new()),
            _ => parts.last_mut().into_iter().for_each(|part| part.push(tree.clone())),
        }
    }
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        let tokens: TokenStream = part.into_iter().collect();
        // `crate` is a keyword: syn's `MetaNameValue` does not take it as a key.
        if let Some(TokenTree::Ident(key)) = tokens.clone().into_iter().next()
            && key == "crate"
        {
            let path: TokenStream = tokens.clone().into_iter().skip(2).collect();
            if seen.iter().any(|k| k == "crate") {
                cx.error_spanned(&key.to_token_stream(), "`crate` is given twice\n= help: remove one of them");
            }
            seen.push("crate".to_owned());
            parsed.facade = crate::krate::checked_path(cx, path);
            continue;
        }
        let meta = match syn::parse2::<syn::MetaNameValue>(tokens.clone()) {
            Ok(meta) => meta,
            Err(_) => {
                cx.error_spanned(
                    &tokens,
                    format!("expected `key = value`, e.g. `#[{}(id = \"…\")]`", target.attribute()),
                );
                continue;
            }
        };
        let key = meta.path.to_token_stream().to_string();
        let key_tokens = meta.path.to_token_stream();
        if seen.contains(&key) {
            cx.error_spanned(&key_tokens, format!("`{key}` is given twice\n= help: remove one of them"));
            continue;
        }
        seen.push(key.clone());
        let literal = match &meta.value {
            syn::Expr::Lit(lit) => Some(&lit.lit),
            _ => None,
        };
        match (key.as_str(), literal) {
            ("id", Some(syn::Lit::Str(id))) => {
                if let Err(violation) = braze_rules::check_not_blank("id", &id.value()) {
                    cx.violation(&id.to_token_stream(), &violation);
                }
                parsed.id = Some(id.value());
            }
            ("id", _) => cx.error_spanned(
                &meta.value.to_token_stream(),
                format!("`id` must be a string literal: the {}'s API identifier", target.what()),
            ),
            ("broadcast", Some(syn::Lit::Bool(b))) => parsed.broadcast = b.value,
            ("broadcast", _) => {
                cx.error_spanned(&meta.value.to_token_stream(), "`broadcast` must be `true` or `false`")
            }
            _ => {
                let help = match braze_rules::nearest(&key, &["id", "broadcast"]) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "the attribute takes `id`, `broadcast` and `crate`".to_owned(),
                };
                cx.error_spanned(
                    &key_tokens,
                    format!("unknown key `{key}` in `#[{}]`\n= help: {help}", target.attribute()),
                );
            }
        }
    }
    if parsed.id.is_none() && !seen.iter().any(|k| k == "id") {
        cx.error(
            Span::call_site(),
            format!(
                "`#[{}]` needs the {}'s API identifier\n= help: write `#[{}(id = \"…\")]`",
                target.attribute(),
                target.what(),
                target.attribute()
            ),
        );
    }
    parsed
}

/// The struct, if it is one with named fields; otherwise an error at what is wrong.
fn check_item(cx: &Ctxt, target: Target, input: &syn::DeriveInput) -> bool {
    let properties = match target {
        Target::Campaign => "`trigger_properties`",
        Target::Canvas => "`context`",
    };
    let problem = match &input.data {
        syn::Data::Struct(data) => match &data.fields {
            syn::Fields::Named(_) => return true,
            syn::Fields::Unnamed(fields) => Some(fields.to_token_stream()),
            syn::Fields::Unit => Some(input.ident.to_token_stream()),
        },
        syn::Data::Enum(data) => Some(data.enum_token.to_token_stream()),
        syn::Data::Union(data) => Some(data.union_token.to_token_stream()),
    };
    if let Some(tokens) = problem {
        cx.error_spanned(
            &tokens,
            format!(
                "`#[{}]` goes on a struct with named fields: they become the {}'s {properties}",
                target.attribute(),
                target.what()
            ),
        );
    }
    false
}

pub(crate) fn expand(target: Target, args: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let args = parse_args(&cx, target, args);
    let input = match syn::parse2::<syn::DeriveInput>(item.clone()) {
        Ok(input) => input,
        Err(_) => {
            cx.error_spanned(&item, format!("`#[{}]` goes on a struct with named fields", target.attribute()));
            let errors = cx.check().err().unwrap_or_default();
            let errors = errors.into_iter().map(syn::Error::into_compile_error);
            return quote!(#item #(#errors)*);
        }
    };
    let is_struct = check_item(&cx, target, &input);
    let impls = if is_struct {
        crate::krate::with_facade(args.facade.clone(), || impls(target, &args, &input))
    } else {
        TokenStream::new()
    };
    let errors = cx.check().err().unwrap_or_default().into_iter().map(syn::Error::into_compile_error);
    quote!(#item #impls #(#errors)*)
}

/// The trait impls: the id, and the broadcast marker when the attribute allows it.
fn impls(target: Target, args: &Args, input: &syn::DeriveInput) -> TokenStream {
    let p = private();
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let id = args.id.clone().unwrap_or_default();
    let (trait_name, id_const, broadcast_trait) = match target {
        Target::Campaign => (quote!(Campaign), quote!(CAMPAIGN_ID), quote!(BroadcastCampaign)),
        Target::Canvas => (quote!(Canvas), quote!(CANVAS_ID), quote!(BroadcastCanvas)),
    };
    let broadcast = args.broadcast.then(|| {
        let mut generics = input.generics.clone();
        generics.params.insert(0, syn::parse_quote!('__braze));
        let (with_lifetime, _, _) = generics.split_for_impl();
        quote! {
            #[automatically_derived]
            impl #with_lifetime #p::#broadcast_trait<'__braze> for #name #ty_generics #where_clause {}
        }
    });
    // The one check that the struct serializes, spanned at its name: the error is reported here
    // once, and not again at every method call.
    let check = quote_spanned! {name.span()=>
        #[allow(dead_code)]
        const _: () = {
            fn __braze_properties<T: #p::TriggerProperties + ?::core::marker::Sized>() {}
            fn __braze_check #impl_generics () #where_clause {
                __braze_properties::<#name #ty_generics>();
            }
        };
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::#trait_name for #name #ty_generics #where_clause {
            const #id_const: &'static str = #id;
        }

        #broadcast
        #check
    }
}

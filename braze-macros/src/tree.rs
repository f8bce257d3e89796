//! The parse phase: the DSL's tokens become a JSON-like tree that keeps every span.
//!
//! Accepted syntax, mirroring Braze's JSON:
//! - an object is `{ key: value, … }`; keys are identifiers (Rust keywords such as `type`
//!   included), hyphenated identifiers (`content-available`), string literals or integers;
//! - an array is `[ value, … ]`;
//! - a value is a literal, an object, an array, or any Rust expression, taken as the tokens up
//!   to the next comma outside brackets (wrap an expression containing a bare comma, such as a
//!   turbofish with two parameters, in parentheses).
//!
//! Syntax errors stop one entry, never the whole invocation: the next entry is parsed as usual.
//!
//! Tokens forwarded by `macro_rules!` (`$v:literal`, `$v:expr`, …) arrive wrapped in invisible
//! groups (`Delimiter::None`); the parser looks through them, so a forwarded `"opted_in"` is the
//! literal it wraps. Objects and lists nest at most [`MAX_DEPTH`] levels: deeper input is refused
//! with an error, rather than recursing until the compiler's stack runs out.

use proc_macro2::{Delimiter, Group, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;

use crate::ctxt::Ctxt;

/// A `key: value` entry.
#[derive(Clone)]
pub(crate) struct Entry {
    pub key: Key,
    pub value: Value,
}

/// A key as written.
#[derive(Clone)]
pub(crate) struct Key {
    pub name: String,
    pub tokens: TokenStream,
}

/// An object: its braces and entries.
#[derive(Clone)]
pub(crate) struct Object {
    pub tokens: TokenStream,
    pub entries: Vec<Entry>,
}

impl Object {
    /// The entry for `key`, the first if the key is repeated (repeats are errors).
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key.name == key)
    }

    pub fn value(&self, key: &str) -> Option<&Value> {
        self.get(key).map(|e| &e.value)
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// A value.
#[derive(Clone)]
pub(crate) enum Value {
    Object(Object),
    Array {
        tokens: TokenStream,
        items: Vec<Value>,
    },
    Str(syn::LitStr),
    /// An integer, with its sign applied; `tokens` as written.
    Int {
        value: i128,
        tokens: TokenStream,
    },
    Float {
        value: f64,
        tokens: TokenStream,
    },
    Bool(syn::LitBool),
    /// Any other Rust expression.
    Expr(TokenStream),
    /// An object or list nested deeper than [`MAX_DEPTH`], already reported: never expanded.
    TooDeep(TokenStream),
}

impl Value {
    pub fn tokens(&self) -> TokenStream {
        match self {
            Value::Object(o) => o.tokens.clone(),
            Value::Array { tokens, .. } | Value::Int { tokens, .. } | Value::Float { tokens, .. } => tokens.clone(),
            Value::Str(s) => s.to_token_stream(),
            Value::Bool(b) => b.to_token_stream(),
            Value::Expr(e) | Value::TooDeep(e) => e.clone(),
        }
    }

    /// What the value is, in words, for "expected …, found …" messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Object(_) => "an object `{ … }`",
            Value::Array { .. } => "a list `[ … ]`",
            Value::Str(_) => "a string",
            Value::Int { .. } => "an integer",
            Value::Float { .. } => "a number with a fraction",
            Value::Bool(_) => "a boolean",
            Value::Expr(_) => "an expression",
            Value::TooDeep(_) => "a value nested too deep",
        }
    }

    pub fn as_str(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.value()),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(b.value),
            _ => None,
        }
    }
}

/// How deep objects and lists may nest. Braze's deepest documented body (a connected audience
/// of nested `AND` / `OR` groups inside a message) is far below it.
pub(crate) const MAX_DEPTH: usize = 64;

/// The tokens inside invisible groups (`Delimiter::None`, made by `macro_rules!` when it
/// forwards a fragment), peeled until something visible is left.
fn peel(trees: &[TokenTree]) -> Vec<TokenTree> {
    let mut trees = trees.to_vec();
    while let [TokenTree::Group(g)] = trees.as_slice()
        && g.delimiter() == Delimiter::None
    {
        trees = g.stream().into_iter().collect();
    }
    trees
}

/// Splits a stream at commas that are not inside a group.
fn split_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut parts = vec![Vec::new()];
    for tree in tokens {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ',' => parts.push(Vec::new()),
            _ => parts.last_mut().map(|part| part.push(tree)).unwrap_or(()),
        }
    }
    if parts.last().is_some_and(Vec::is_empty) {
        parts.pop();
    }
    parts
}

fn stream(trees: &[TokenTree]) -> TokenStream {
    trees.iter().cloned().collect()
}

fn is_punct(tree: Option<&TokenTree>, c: char) -> bool {
    matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// A lone `:` (not the first half of `::`).
fn is_colon(trees: &[TokenTree], i: usize) -> bool {
    match trees.get(i) {
        Some(TokenTree::Punct(p)) if p.as_char() == ':' => {
            p.spacing() == Spacing::Alone && !(i > 0 && is_punct(trees.get(i - 1), ':'))
        }
        _ => false,
    }
}

/// Parses `key: value, …` (the inside of an object, or a whole macro invocation).
pub(crate) fn parse_entries(cx: &Ctxt, tokens: TokenStream) -> Vec<Entry> {
    entries_at(cx, tokens, 0)
}

fn entries_at(cx: &Ctxt, tokens: TokenStream, depth: usize) -> Vec<Entry> {
    let mut entries = Vec::new();
    for part in split_commas(tokens) {
        if part.is_empty() {
            continue;
        }
        if let Some(entry) = parse_entry(cx, &part, depth) {
            entries.push(entry);
        }
    }
    entries
}

/// Parses a key: an identifier (keywords included), `a-b-c`, a string or an integer literal.
fn parse_key(trees: &[TokenTree]) -> Option<(Key, usize)> {
    let first = trees.first()?;
    // A key forwarded by `macro_rules!` (`$k:literal`): the one token inside the invisible group.
    if let TokenTree::Group(g) = first
        && g.delimiter() == Delimiter::None
    {
        let inner = peel(std::slice::from_ref(first));
        let (key, end) = parse_key(&inner)?;
        return (end == inner.len()).then(|| (Key { name: key.name, tokens: stream(&trees[..1]) }, 1));
    }
    match first {
        TokenTree::Ident(ident) => {
            let mut name = ident.to_string().trim_start_matches("r#").to_owned();
            let mut end = 1;
            while is_punct(trees.get(end), '-') {
                match trees.get(end + 1) {
                    Some(TokenTree::Ident(next)) => {
                        name.push('-');
                        name.push_str(&next.to_string());
                        end += 2;
                    }
                    _ => break,
                }
            }
            Some((Key { name, tokens: stream(&trees[..end]) }, end))
        }
        TokenTree::Literal(lit) => {
            let name = match syn::Lit::new(lit.clone()) {
                syn::Lit::Str(s) => s.value(),
                syn::Lit::Int(i) => i.base10_digits().to_owned(),
                _ => return None,
            };
            Some((Key { name, tokens: stream(&trees[..1]) }, 1))
        }
        _ => None,
    }
}

fn parse_entry(cx: &Ctxt, trees: &[TokenTree], depth: usize) -> Option<Entry> {
    let Some((key, after_key)) = parse_key(trees) else {
        cx.error_spanned(&stream(trees), "expected `key: value`, e.g. `segment_id: \"vip\"`");
        return None;
    };
    let value_start = if is_colon(trees, after_key) {
        after_key + 1
    } else if is_punct(trees.get(after_key), '=') {
        let eq = stream(&trees[after_key..=after_key]);
        cx.error_spanned(&eq, format!("expected `:` after `{}`, found `=`\n= help: write `{}: …`", key.name, key.name));
        after_key + 1
    } else if trees.len() == after_key {
        cx.error_spanned(&key.tokens, format!("`{}` has no value\n= help: write `{}: …`", key.name, key.name));
        return None;
    } else {
        let found = stream(&trees[after_key..=after_key]);
        cx.error_spanned(&found, format!("expected `:` after `{}`", key.name));
        return None;
    };
    let rest = &trees[value_start..];
    if rest.is_empty() {
        cx.error_spanned(&key.tokens, format!("`{}` has no value\n= help: write `{}: …`", key.name, key.name));
        return None;
    }
    // `a: 1 b: 2`: a single-token value followed by `key:` is a missing comma.
    if rest.len() >= 3 && matches!(rest[1], TokenTree::Ident(_)) && is_colon(rest, 2) {
        let next = stream(&rest[1..2]);
        cx.error_spanned(&next, format!("expected `,` before `{}`", rest[1]));
        return Some(Entry { key, value: classify(cx, &rest[..1], depth) });
    }
    Some(Entry { key, value: classify(cx, rest, depth) })
}

/// Whether a brace group holds `key: value` entries rather than a block of Rust code.
fn looks_like_object(group: &Group) -> bool {
    let trees: Vec<TokenTree> = group.stream().into_iter().collect();
    if trees.is_empty() {
        return true;
    }
    match parse_key(&trees) {
        Some((_, end)) => is_colon(&trees, end) || is_punct(trees.get(end), '='),
        None => false,
    }
}

/// Classifies a value written as `trees`, `depth` levels inside the invocation.
fn classify(cx: &Ctxt, trees: &[TokenTree], depth: usize) -> Value {
    let tokens = stream(trees);
    let trees = peel(trees);
    let nests = matches!(trees.as_slice(), [TokenTree::Group(g)] if matches!(g.delimiter(), Delimiter::Brace | Delimiter::Bracket));
    if let [TokenTree::Group(g)] = trees.as_slice()
        && nests
        && depth >= MAX_DEPTH
    {
        cx.error_spanned(
            &crate::ctxt::at(g.span_open()),
            format!(
                "objects and lists nest more than {MAX_DEPTH} levels deep here\n= help: Braze's bodies are far \
                 shallower; build deep values in code and pass them as one expression"
            ),
        );
        return Value::TooDeep(tokens);
    }
    match trees.as_slice() {
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace && looks_like_object(g) => {
            Value::Object(Object { tokens, entries: entries_at(cx, g.stream(), depth + 1) })
        }
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Bracket && !has_semicolon(g) => {
            let parts = split_commas(g.stream());
            let items = parts.iter().filter(|p| !p.is_empty()).map(|p| classify(cx, p, depth + 1)).collect();
            Value::Array { tokens, items }
        }
        [TokenTree::Literal(lit)] => literal(syn::Lit::new(lit.clone()), false, tokens),
        [TokenTree::Punct(minus), TokenTree::Literal(lit)] if minus.as_char() == '-' => {
            literal(syn::Lit::new(lit.clone()), true, tokens)
        }
        [TokenTree::Ident(i)] if i == "true" || i == "false" => Value::Bool(syn::LitBool::new(i == "true", i.span())),
        _ => Value::Expr(tokens),
    }
}

fn has_semicolon(group: &Group) -> bool {
    group.stream().into_iter().any(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';'))
}

fn literal(lit: syn::Lit, negative: bool, tokens: TokenStream) -> Value {
    let sign = if negative { -1 } else { 1 };
    match lit {
        syn::Lit::Str(s) if !negative => Value::Str(s),
        syn::Lit::Int(i) => match i.base10_parse::<i128>() {
            Ok(v) => Value::Int { value: sign * v, tokens },
            Err(_) => Value::Expr(tokens),
        },
        syn::Lit::Float(f) => match f.base10_parse::<f64>() {
            Ok(v) => Value::Float { value: if negative { -v } else { v }, tokens },
            Err(_) => Value::Expr(tokens),
        },
        syn::Lit::Bool(b) if !negative => Value::Bool(b),
        _ => Value::Expr(tokens),
    }
}

/// A span to blame for the whole invocation.
pub(crate) fn call_site() -> TokenStream {
    crate::ctxt::at(Span::call_site())
}

/// Parses `[ … ]` contents or a bare comma-separated list (the input of `recipients!`).
pub(crate) fn parse_list(cx: &Ctxt, tokens: TokenStream) -> Value {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    if let [TokenTree::Group(g)] = trees.as_slice()
        && g.delimiter() == Delimiter::Bracket
    {
        return classify(cx, &trees, 0);
    }
    let items = split_commas(tokens.clone()).iter().filter(|p| !p.is_empty()).map(|p| classify(cx, p, 1)).collect();
    Value::Array { tokens: if tokens.is_empty() { call_site() } else { tokens }, items }
}

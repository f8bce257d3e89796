//! Source generation for the workspace, in the style of rust-analyzer's `sourcegen`: generated
//! files are checked in, and a test (`tests/generated_files.rs`) fails when one is stale and
//! rewrites it when run with `UPDATE_GENERATED=1`.
//!
//! One generator today: the macros cannot depend on the runtime (users would build reqwest at
//! macro-build time), so they carry a table of every object the DSL can write: its JSON keys,
//! Rust fields and kinds (`braze-macros/src/schema/generated.rs`). The runtime gets the `Blank`
//! value of each of those objects that the macros' struct literals end with
//! (`braze-runtime/src/blank.rs`). Both are derived here from the runtime's model, read with
//! `syn`, so the three cannot drift apart.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};

/// One generated file: where it goes and what it holds.
#[derive(Debug)]
pub struct GeneratedFile {
    /// The path, relative to the workspace root.
    pub path: PathBuf,
    /// The full text.
    pub contents: String,
}

/// Every generated file, from the sources under `root` (the workspace root).
pub fn generate(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let model = Model::read(&root.join("braze-runtime/src"))?;
    let reachable = model.reachable()?;
    Ok(vec![
        GeneratedFile { path: "braze-macros/src/schema/generated.rs".into(), contents: model.schema(&reachable)? },
        GeneratedFile { path: "braze-runtime/src/blank.rs".into(), contents: model.blanks(&reachable) },
    ])
}

/// The runtime enums the DSL checks values of, with the `braze_rules::values` table of their
/// spellings.
const ENUMS: &[(&str, &str)] = &[
    ("RecipientSubscriptionState", "RECIPIENT_SUBSCRIPTION_STATE"),
    ("InterruptionLevel", "INTERRUPTION_LEVEL"),
    ("AssetFileType", "ASSET_FILE_TYPE"),
    ("ButtonAction", "BUTTON_ACTION"),
    ("WebButtonAction", "WEB_BUTTON_ACTION"),
    ("AndroidPriority", "ANDROID_PRIORITY"),
    ("RequestMethod", "REQUEST_METHOD"),
    ("ContentCardType", "CONTENT_CARD_TYPE"),
    ("Comparison", "CUSTOM_ATTRIBUTE_COMPARISON"),
    ("StatusComparison", "SUBSCRIPTION_COMPARISON"),
    ("SubscriptionStatus", "SUBSCRIPTION_STATUS"),
    ("TimeComparison", "LAST_USED_APP_COMPARISON"),
    ("Prioritization", "PRIORITIZATION"),
];

/// Types whose shape is not a plain struct: the macros handle each with a kind of its own.
const SPECIAL: &[(&str, &str)] = &[
    ("Schedule", "Schedule"),
    ("Audience", "Audience"),
    ("Properties", "Properties"),
    ("AppleAlert", "Alert"),
    ("Recipient", "Recipients"),
    ("WhatsAppMessage", "WhatsAppMessage"),
];

/// The objects the DSL writes directly; everything they contain is reached from them.
const ROOTS: &[&str] = &[
    "MessagesSend",
    "MessagesScheduleCreate",
    "Recipient",
    "UserAlias",
    "AlertObject",
    "CustomAttributeFilter",
    "SubscriptionStatusFilter",
    "LastUsedAppFilter",
    "TemplateMessage",
    "TextResponseMessage",
    "TextImageResponseMessage",
    "QuickReplyResponseMessage",
    "ListResponseMessage",
    "FlowResponseMessage",
];

/// Scalar and container types, by their written form, and the schema kind of each.
const SCALARS: &[(&str, &str)] = &[
    ("String", "Str"),
    ("bool", "Bool"),
    ("i64", "Int"),
    ("u64", "UInt"),
    ("f64", "Float"),
    ("Timestamp", "Time"),
    ("Vec<String>", "Strings"),
    ("BTreeMap<String, String>", "StrMap"),
    ("serde_json::Value", "Json"),
    ("Object", "JsonMap"),
    ("serde_json::Map<String, serde_json::Value>", "JsonMap"),
    ("BTreeMap<String, serde_json::Value>", "JsonBTreeMap"),
    ("Vec<serde_json::Value>", "JsonArray"),
    ("Value", "Json"),
    ("Vec<Recipient>", "Recipients"),
];

/// One field of a model struct.
#[derive(Debug, Clone)]
struct Field {
    /// The JSON key (`rename` applied).
    key: String,
    /// The Rust field name.
    rust: String,
    /// The type as written, normalized (`Option<Vec<String>>`).
    ty: String,
    /// Whether it is `#[serde(flatten)]`.
    flatten: bool,
}

/// The model structs of the runtime, by name, with their fields in source order.
struct Model {
    structs: BTreeMap<String, Vec<Field>>,
}

impl Model {
    /// Reads every top-level struct of `src/model/**` and `src/endpoints/*`.
    fn read(src: &Path) -> Result<Model, String> {
        let mut files = Vec::new();
        collect_rs(&src.join("model"), true, &mut files)?;
        collect_rs(&src.join("endpoints"), false, &mut files)?;
        files.sort();
        let mut structs = BTreeMap::new();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let parsed = syn::parse_file(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            for item in parsed.items {
                if let syn::Item::Struct(item) = item
                    && matches!(item.vis, syn::Visibility::Public(_))
                    && let syn::Fields::Named(named) = &item.fields
                {
                    let fields = named.named.iter().map(field).collect::<Result<_, _>>()?;
                    structs.insert(item.ident.to_string(), fields);
                }
            }
        }
        Ok(Model { structs })
    }

    /// The structs reachable from [`ROOTS`], in breadth-first order.
    fn reachable(&self) -> Result<Vec<String>, String> {
        let mut reachable: Vec<String> = Vec::new();
        let mut todo: VecDeque<String> = ROOTS.iter().map(|r| (*r).to_owned()).collect();
        while let Some(name) = todo.pop_front() {
            if reachable.contains(&name) {
                continue;
            }
            let fields = self.structs.get(&name).ok_or_else(|| format!("root struct {name} not found"))?;
            reachable.push(name);
            for field in fields.iter().filter(|f| f.in_schema()) {
                for word in words(&field.ty) {
                    let special = SPECIAL.iter().any(|(s, _)| *s == word);
                    if self.structs.contains_key(word) && !special && !reachable.iter().any(|r| r == word) {
                        todo.push_back(word.to_owned());
                    }
                }
            }
        }
        Ok(reachable)
    }

    /// The schema kind of a type, and whether the field is required (not an `Option`).
    fn kind(&self, ty: &str) -> Result<(String, bool), String> {
        let (inner, required) = match ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
            Some(inner) => (inner, false),
            None => (ty, true),
        };
        let kind = if let Some((_, kind)) = SCALARS.iter().find(|(t, _)| *t == inner) {
            (*kind).to_owned()
        } else if ENUMS.iter().any(|(e, _)| *e == inner) {
            format!("Enum(&{}_ENUM)", upper(inner))
        } else if let Some((_, kind)) = SPECIAL.iter().find(|(t, _)| *t == inner) {
            (*kind).to_owned()
        } else if let Some(item) = inner.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>'))
            && self.structs.contains_key(item)
        {
            format!("Objects(&{})", upper(item))
        } else if self.structs.contains_key(inner) {
            format!("Object(&{})", upper(inner))
        } else {
            return Err(format!("no schema kind for type `{ty}`: add it to xtask's tables"));
        };
        Ok((kind, required))
    }

    /// `braze-macros/src/schema/generated.rs`.
    fn schema(&self, reachable: &[String]) -> Result<String, String> {
        let mut out = vec![
            "// @generated by xtask (`UPDATE_GENERATED=1 cargo test -p xtask`) from braze-runtime/src; do not edit by hand.".to_owned(),
            "//! Every object the DSL can write: JSON keys, Rust fields, kinds, required fields.".to_owned(),
            String::new(),
            "use super::{EnumSchema, FieldSchema, Kind, ObjectSchema};".to_owned(),
            "use braze_rules::values;".to_owned(),
            String::new(),
        ];
        for (ty, table) in ENUMS {
            out.push(format!(
                "pub(crate) static {}_ENUM: EnumSchema = EnumSchema {{ ty: \"{ty}\", values: values::{table} }};",
                upper(ty)
            ));
        }
        out.push(String::new());
        for name in reachable {
            out.push(format!("pub(crate) static {}: ObjectSchema = ObjectSchema {{", upper(name)));
            out.push(format!("    ty: \"{name}\","));
            out.push("    fields: &[".to_owned());
            for field in self.structs[name].iter().filter(|f| f.in_schema()) {
                // A recipient's identifier is its own one-of group, checked by hand.
                if field.rust == "unknown_fields" || (name == "Recipient" && field.rust == "id") {
                    continue;
                }
                let (kind, required) = self.kind(&field.ty)?;
                out.push(format!(
                    "        FieldSchema {{ key: \"{}\", rust: \"{}\", kind: Kind::{kind}, required: {required} }},",
                    field.key, field.rust
                ));
            }
            out.push("    ],".to_owned());
            out.push("};".to_owned());
            out.push(String::new());
        }
        Ok(out.join("\n"))
    }

    /// `braze-runtime/src/blank.rs`.
    fn blanks(&self, reachable: &[String]) -> String {
        let mut out = vec![
            "// @generated by xtask (`UPDATE_GENERATED=1 cargo test -p xtask`) from braze-runtime/src; do not edit by hand.".to_owned(),
            "//! A blank value of every object the macros write, for the `..Blank::blank()` that ends their".to_owned(),
            "//! struct literals. The macros always set the required fields, so no blank value is ever sent.".to_owned(),
            String::new(),
            "use crate::__private::*;".to_owned(),
            String::new(),
        ];
        for name in reachable {
            out.push(format!("impl Blank for {name} {{"));
            out.push("    #[inline]".to_owned());
            out.push("    fn blank() -> Self {".to_owned());
            out.push(format!("        {name} {{"));
            for field in &self.structs[name] {
                out.push(format!("            {}: {},", field.rust, blank_value(&field.ty)));
            }
            out.push("        }".to_owned());
            out.push("    }".to_owned());
            out.push("}".to_owned());
            out.push(String::new());
        }
        out.join("\n")
    }
}

impl Field {
    /// Whether the field is a key of the object's own JSON: flattened fields are not, except
    /// WhatsApp's `message`, whose key the macros write.
    fn in_schema(&self) -> bool {
        !self.flatten || self.ty == "WhatsAppMessage"
    }
}

fn field(f: &syn::Field) -> Result<Field, String> {
    let rust = f.ident.as_ref().map(ToString::to_string).ok_or("a named field without a name")?;
    let mut key = rust.clone();
    let mut flatten = false;
    for attr in f.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let Ok(list) = attr.meta.require_list() else { continue };
        let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
        for (i, token) in tokens.iter().enumerate() {
            let TokenTree::Ident(ident) = token else { continue };
            if ident == "flatten" {
                flatten = true;
            }
            if ident == "rename"
                && let (Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(lit))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                && eq.as_char() == '='
            {
                let lit: syn::LitStr = syn::parse_str(&lit.to_string()).map_err(|e| format!("{rust}: {e}"))?;
                key = lit.value();
            }
        }
    }
    Ok(Field { key, rust, ty: type_text(&f.ty), flatten })
}

/// A type as written, spaced the way rustfmt spaces it: `BTreeMap<String, serde_json::Value>`.
fn type_text(ty: &syn::Type) -> String {
    let tokens: TokenStream = quote::ToTokens::to_token_stream(ty);
    let mut out = String::new();
    for token in tokens {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' => out.push_str(", "),
            // A trailing comma in a generic list: `Option<bool,>` is `Option<bool>`.
            TokenTree::Punct(p) if p.as_char() == '>' && out.ends_with(", ") => {
                out.truncate(out.len() - 2);
                out.push('>');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    out
}

/// The identifiers of a type text, for reachability.
fn words(ty: &str) -> impl Iterator<Item = &str> {
    ty.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty())
}

/// `CamelCase` as `SCREAMING_SNAKE`.
fn upper(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The blank value of a field of type `ty`.
fn blank_value(ty: &str) -> &'static str {
    if ty.starts_with("Option<") {
        return "None";
    }
    match ty {
        "String" => "String::new()",
        "bool" => "false",
        "i64" | "u64" => "0",
        "f64" => "0.0",
        _ if ty.starts_with("Vec<") => "Vec::new()",
        "UnknownFields" | "Object" => "Default::default()",
        _ if ty.starts_with("BTreeMap<") || ty.starts_with("serde_json::Map<") => "Default::default()",
        _ => "Blank::blank()",
    }
}

/// The `.rs` files of `dir`, and of its subfolders when `recursive`.
fn collect_rs(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            if recursive {
                collect_rs(&path, true, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_types_are_spelled_as_the_tables_expect() {
        assert_eq!(upper("WhatsAppMessage"), "WHATS_APP_MESSAGE");
        let ty: syn::Type = syn::parse_str("Option<BTreeMap<String,serde_json::Value>>").unwrap();
        assert_eq!(type_text(&ty), "Option<BTreeMap<String, serde_json::Value>>");
        assert_eq!(words("Option<Vec<AppleButton>>").collect::<Vec<_>>(), ["Option", "Vec", "AppleButton"]);
    }

    #[test]
    fn fields_written_over_several_lines_keep_their_key_and_type() {
        let item: syn::ItemStruct = syn::parse_str(
            "pub struct ApplePush {
                #[serde(rename = \"content-available\",
                        default, skip_serializing_if = \"Option::is_none\")]
                pub content_available:
                    Option<
                        bool,
                    >,
                #[serde(flatten)]
                pub unknown_fields: UnknownFields,
            }",
        )
        .unwrap();
        let syn::Fields::Named(named) = &item.fields else { panic!("named fields") };
        let fields: Vec<Field> = named.named.iter().map(|f| field(f).unwrap()).collect();
        assert_eq!((fields[0].key.as_str(), fields[0].ty.as_str()), ("content-available", "Option<bool>"));
        assert!(!fields[0].flatten && fields[1].flatten);
    }
}

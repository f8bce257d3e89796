//! What the DSL accepts: every object's keys, the Rust field each key fills, and its kind.
//! The tables are generated from the runtime's structs (`generated.rs`); this module adds the
//! lookups and the objects whose shape is not a plain struct.

#[rustfmt::skip]
mod generated;

pub(crate) use generated::*;

/// One object of Braze's JSON and the runtime struct it becomes.
pub(crate) struct ObjectSchema {
    /// The runtime type, under `::braze_dsl::__private`.
    pub ty: &'static str,
    pub fields: &'static [FieldSchema],
}

/// One key of an object.
pub(crate) struct FieldSchema {
    /// The JSON key.
    pub key: &'static str,
    /// The Rust field.
    pub rust: &'static str,
    pub kind: Kind,
    /// Whether the Rust field is not an `Option` (the key must be given).
    pub required: bool,
}

/// An enumerated value: the runtime enum and Braze's spellings of its variants.
pub(crate) struct EnumSchema {
    pub ty: &'static str,
    pub values: &'static [&'static str],
}

impl EnumSchema {
    /// The runtime variant of a spelling: `time-sensitive` → `TimeSensitive`, `OPEN_APP` → `OpenApp`.
    pub fn variant(value: &str) -> String {
        value
            .split(['_', '-'])
            .map(|word| {
                let lower = word.to_lowercase();
                let mut chars = lower.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
            })
            .collect()
    }
}

/// What a key's value is.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Str,
    Bool,
    Int,
    UInt,
    Float,
    /// A list of strings.
    Strings,
    /// An object of string values.
    StrMap,
    /// A free-form JSON object (`serde_json::Map`).
    JsonMap,
    /// A free-form JSON object kept as a `BTreeMap<String, Value>`.
    JsonBTreeMap,
    /// Any JSON value.
    Json,
    /// A list of JSON values.
    JsonArray,
    /// An ISO 8601 date-time.
    Time,
    Enum(&'static EnumSchema),
    Object(&'static ObjectSchema),
    Objects(&'static ObjectSchema),
    /// `apple_push.alert`: a string or an alert object.
    Alert,
    Schedule,
    Audience,
    Properties,
    Recipients,
    /// `whats_app.message`, shaped by `whats_app.message_type`.
    WhatsAppMessage,
}

impl Kind {
    /// What the kind expects, in words.
    pub fn expected(self) -> String {
        match self {
            Kind::Str => "a string".into(),
            Kind::Bool => "`true` or `false`".into(),
            Kind::Int => "an integer".into(),
            Kind::UInt => "a non-negative integer".into(),
            Kind::Float => "a number".into(),
            Kind::Strings => "a list of strings `[\"…\", …]`".into(),
            Kind::StrMap | Kind::JsonMap | Kind::JsonBTreeMap | Kind::Properties => {
                "an object `{ key: value, … }`".into()
            }
            Kind::Json => "a JSON value".into(),
            Kind::JsonArray => "a list `[ … ]`".into(),
            Kind::Time => "an ISO 8601 date-time string".into(),
            Kind::Enum(e) => format!("one of {}", quoted(e.values)),
            Kind::Objects(_) => "a list of objects `[{ … }, …]`".into(),
            Kind::Object(_) => "an object `{ … }`".into(),
            Kind::Alert => "a string or an alert object `{ title: …, body: … }`".into(),
            Kind::Schedule => "a schedule object `{ time: \"…\" }`".into(),
            Kind::Audience => "an audience filter object `{ custom_attribute: { … } }`".into(),
            Kind::Recipients => "a list of recipient objects `[{ external_user_id: \"…\" }, …]`".into(),
            Kind::WhatsAppMessage => "a message object `{ … }`".into(),
        }
    }
}

pub(crate) fn quoted(values: &[&str]) -> String {
    values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
}

impl ObjectSchema {
    pub fn field(&self, key: &str) -> Option<&'static FieldSchema> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn keys(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.key).collect()
    }
}

/// The payload schema of each WhatsApp `message_type`.
pub(crate) fn whats_app_payload(message_type: &str) -> Option<(&'static ObjectSchema, &'static str)> {
    Some(match message_type {
        "template_message" => (&TEMPLATE_MESSAGE, "TemplateMessage"),
        "text_response_message" => (&TEXT_RESPONSE_MESSAGE, "TextResponseMessage"),
        "text_image_response_message" => (&TEXT_IMAGE_RESPONSE_MESSAGE, "TextImageResponseMessage"),
        "quick_reply_response_message" => (&QUICK_REPLY_RESPONSE_MESSAGE, "QuickReplyResponseMessage"),
        "list_response_message" => (&LIST_RESPONSE_MESSAGE, "ListResponseMessage"),
        "flow_response_message" => (&FLOW_RESPONSE_MESSAGE, "FlowResponseMessage"),
        _ => return None,
    })
}

/// The filters of a connected audience: key, runtime variant, and body schema (`None` for the
/// `AND` / `OR` groups, whose value is a list of filters).
pub(crate) const AUDIENCE_FILTERS: &[(&str, &str, Option<&ObjectSchema>)] = &[
    ("AND", "And", None),
    ("OR", "Or", None),
    ("custom_attribute", "CustomAttribute", Some(&CUSTOM_ATTRIBUTE_FILTER)),
    ("push_subscription_status", "PushSubscriptionStatus", Some(&SUBSCRIPTION_STATUS_FILTER)),
    ("email_subscription_status", "EmailSubscriptionStatus", Some(&SUBSCRIPTION_STATUS_FILTER)),
    ("last_used_app", "LastUsedApp", Some(&LAST_USED_APP_FILTER)),
];

/// The keys that identify a recipient; exactly one must be given.
pub(crate) const RECIPIENT_IDS: &[&str] = &["external_user_id", "user_alias", "braze_id", "email"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_follow_the_runtime_naming() {
        assert_eq!(EnumSchema::variant("time-sensitive"), "TimeSensitive");
        assert_eq!(EnumSchema::variant("CAPTIONED_IMAGE"), "CaptionedImage");
        assert_eq!(EnumSchema::variant("m4a"), "M4a");
        assert_eq!(EnumSchema::variant("greater_than_x_days_in_the_future"), "GreaterThanXDaysInTheFuture");
    }
}

//! The recipient object of the trigger endpoints.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use braze_rules::Violation;

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::model::{Properties, UserAlias};
use crate::validate::{Validate, Validator};

/// How a recipient is identified: exactly one identifier, so a recipient can never name two.
#[derive(Debug, Clone, PartialEq)]
pub enum RecipientId {
    /// The external id set through the SDK or the user API.
    ExternalUserId(String),
    /// A user alias.
    UserAlias(UserAlias),
    /// Braze's own user id.
    BrazeId(String),
    /// An email address, with the order in which to pick among users sharing it.
    Email {
        /// The address.
        email: String,
        /// How to choose when several users share the address.
        prioritization: Vec<Prioritization>,
    },
}

/// How to choose among users that share an email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prioritization {
    /// Users with an external id first.
    Identified,
    /// Users without an external id first.
    Unidentified,
    /// The most recently updated user.
    MostRecentlyUpdated,
    /// The least recently updated user.
    LeastRecentlyUpdated,
}

/// One user of a trigger request, with optional per-user properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawRecipient")]
pub struct Recipient {
    /// Who.
    #[serde(flatten)]
    pub id: RecipientId,
    /// Per-user campaign properties; they override top-level keys of the same name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_properties: Option<Properties>,
    /// Per-user Canvas context (formerly `canvas_entry_properties`); overrides top-level keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Properties>,
    /// `false` creates the user if missing (then `attributes` is required). Defaults to `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_to_existing_only: Option<bool>,
    /// User attributes written to the profile before the message is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Recipient {
    /// A recipient with identifier `id` and nothing else.
    pub fn new(id: RecipientId) -> Self {
        Recipient { id, ..Blank::blank() }
    }

    /// A recipient named by external user id.
    pub fn external_user_id(id: impl Into<String>) -> Self {
        Recipient::new(RecipientId::ExternalUserId(id.into()))
    }

    /// A recipient named by user alias.
    pub fn user_alias(alias: UserAlias) -> Self {
        Recipient::new(RecipientId::UserAlias(alias))
    }

    /// A recipient named by Braze id.
    pub fn braze_id(id: impl Into<String>) -> Self {
        Recipient::new(RecipientId::BrazeId(id.into()))
    }

    /// A recipient named by email address.
    pub fn email(email: impl Into<String>, prioritization: Vec<Prioritization>) -> Self {
        Recipient::new(RecipientId::Email { email: email.into(), prioritization })
    }

    /// Sets per-user campaign properties.
    pub fn with_trigger_properties(mut self, properties: Properties) -> Self {
        self.trigger_properties = Some(properties);
        self
    }

    /// Sets per-user Canvas context.
    pub fn with_context(mut self, context: Properties) -> Self {
        self.context = Some(context);
        self
    }
}

impl Serialize for RecipientId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self {
            RecipientId::ExternalUserId(id) => map.serialize_entry("external_user_id", id)?,
            RecipientId::UserAlias(alias) => map.serialize_entry("user_alias", alias)?,
            RecipientId::BrazeId(id) => map.serialize_entry("braze_id", id)?,
            RecipientId::Email { email, prioritization } => {
                map.serialize_entry("email", email)?;
                map.serialize_entry("prioritization", prioritization)?;
            }
        }
        map.end()
    }
}

#[derive(Deserialize)]
struct RawRecipient {
    external_user_id: Option<String>,
    user_alias: Option<UserAlias>,
    braze_id: Option<String>,
    email: Option<String>,
    prioritization: Option<Vec<Prioritization>>,
    trigger_properties: Option<Properties>,
    #[serde(alias = "canvas_entry_properties")]
    context: Option<Properties>,
    send_to_existing_only: Option<bool>,
    attributes: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(flatten)]
    unknown_fields: UnknownFields,
}

impl TryFrom<RawRecipient> for Recipient {
    type Error = Violation;

    fn try_from(raw: RawRecipient) -> Result<Self, Violation> {
        let mut found = Vec::new();
        if raw.external_user_id.is_some() {
            found.push("external_user_id");
        }
        if raw.user_alias.is_some() {
            found.push("user_alias");
        }
        if raw.braze_id.is_some() {
            found.push("braze_id");
        }
        if raw.email.is_some() {
            found.push("email");
        }
        if found.len() != 1 {
            return Err(Violation::RecipientIdentifiers { found });
        }
        let mut unknown_fields = raw.unknown_fields;
        let id = if let Some(id) = raw.external_user_id {
            RecipientId::ExternalUserId(id)
        } else if let Some(alias) = raw.user_alias {
            RecipientId::UserAlias(alias)
        } else if let Some(id) = raw.braze_id {
            RecipientId::BrazeId(id)
        } else {
            let email = raw.email.unwrap_or_default();
            let prioritization = raw.prioritization.ok_or(Violation::EmailNeedsPrioritization)?;
            return Ok(Recipient {
                id: RecipientId::Email { email, prioritization },
                trigger_properties: raw.trigger_properties,
                context: raw.context,
                send_to_existing_only: raw.send_to_existing_only,
                attributes: raw.attributes,
                unknown_fields,
            });
        };
        // Only email recipients use `prioritization`; elsewhere it is kept and sent as given.
        if let Some(p) = raw.prioritization {
            unknown_fields.insert("prioritization".into(), serde_json::to_value(p).unwrap_or_default());
        }
        Ok(Recipient {
            id,
            trigger_properties: raw.trigger_properties,
            context: raw.context,
            send_to_existing_only: raw.send_to_existing_only,
            attributes: raw.attributes,
            unknown_fields,
        })
    }
}

/// Which endpoint family a recipient belongs to: it decides the name of the properties field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecipientOf {
    Campaign,
    Canvas,
}

impl Recipient {
    pub(crate) fn validate_for(&self, of: RecipientOf, v: &mut Validator) {
        self.validate_into(v);
        match of {
            RecipientOf::Campaign if self.context.is_some() => v.report_at(
                "context",
                Violation::WrongFlagName {
                    found: "context",
                    expected: "trigger_properties",
                    request: "a campaign recipient",
                },
            ),
            RecipientOf::Canvas if self.trigger_properties.is_some() => v.report_at(
                "trigger_properties",
                Violation::WrongFlagName {
                    found: "trigger_properties",
                    expected: "context",
                    request: "a Canvas recipient",
                },
            ),
            _ => {}
        }
    }
}

impl Validate for Recipient {
    fn validate_into(&self, v: &mut Validator) {
        match &self.id {
            RecipientId::UserAlias(alias) => {
                v.nested("user_alias", alias);
                if self.send_to_existing_only == Some(false) {
                    v.report_at("send_to_existing_only", Violation::CreateWithAlias);
                }
            }
            RecipientId::Email { prioritization, email } => {
                crate::validate::not_blank(v, "email", email);
                if prioritization.is_empty() {
                    v.report_at("prioritization", Violation::EmailNeedsPrioritization);
                }
                if prioritization.contains(&Prioritization::Identified)
                    && prioritization.contains(&Prioritization::Unidentified)
                {
                    v.report_at("prioritization", Violation::ConflictingPrioritization);
                }
            }
            RecipientId::ExternalUserId(id) => crate::validate::not_blank(v, "external_user_id", id),
            RecipientId::BrazeId(id) => crate::validate::not_blank(v, "braze_id", id),
        }
        if self.send_to_existing_only == Some(false)
            && self.attributes.is_none()
            && !matches!(self.id, RecipientId::UserAlias(_))
        {
            v.report_at("send_to_existing_only", Violation::CreateNeedsAttributes);
        }
        if let Some(p) = &self.trigger_properties {
            v.check_at("trigger_properties", p.check_size("trigger_properties"));
        }
        if let Some(p) = &self.context {
            v.check_at("context", p.check_size("context"));
        }
    }
}

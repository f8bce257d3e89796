//! The user alias object.

use braze_rules::Violation;
use serde::{Deserialize, Serialize};

use crate::json::UnknownFields;
use crate::validate::{Validate, Validator};

/// A user named by an alias instead of an external id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserAlias {
    /// The alias value, e.g. a CRM id.
    pub alias_name: String,
    /// What kind of alias it is, e.g. `crm_id`.
    pub alias_label: String,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl UserAlias {
    /// An alias `name` with label `label`.
    pub fn new(name: impl Into<String>, label: impl Into<String>) -> Self {
        UserAlias { alias_name: name.into(), alias_label: label.into(), unknown_fields: UnknownFields::new() }
    }
}

impl Validate for UserAlias {
    fn validate_into(&self, v: &mut Validator) {
        for (field, value) in [("alias_name", &self.alias_name), ("alias_label", &self.alias_label)] {
            if value.is_empty() {
                v.report_at(field, Violation::Blank { field });
            } else if value.len() > braze_rules::MAX_ALIAS_BYTES {
                let max = braze_rules::MAX_ALIAS_BYTES;
                v.report_at(field, Violation::TooLong { field, len: value.len(), max, unit: "bytes" });
            }
        }
    }
}

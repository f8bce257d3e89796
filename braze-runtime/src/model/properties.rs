//! Free-form properties: `trigger_properties` of campaigns, `context` of Canvases.

use serde::{Deserialize, Serialize};

use braze_rules::Violation;

/// A JSON object of properties for Liquid templates (`api_trigger_properties.${key}` or
/// `context.${key}`). At most 50 KB of JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Properties(pub serde_json::Map<String, serde_json::Value>);

impl Properties {
    /// Empty properties.
    pub fn new() -> Self {
        Properties::default()
    }

    /// Properties from any value that serializes to a JSON object, such as a struct deriving
    /// `Serialize`.
    pub fn from_serialize<T: Serialize + ?Sized>(field: &'static str, value: &T) -> Result<Self, Violation> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => Ok(Properties(map)),
            _ => Err(Violation::NotAnObject { field }),
        }
    }

    /// Sets one property.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> &mut Self {
        self.0.insert(key.into(), value.into());
        self
    }

    /// Checks the 50 KB limit.
    pub fn check_size(&self, field: &'static str) -> Result<(), Violation> {
        check_properties(field, self)
    }
}

/// Properties of any type must serialize to a JSON object of at most 50 KB.
pub fn check_properties<P: Serialize + ?Sized>(field: &'static str, properties: &P) -> Result<(), Violation> {
    let json = serde_json::to_vec(properties).map_err(|_| Violation::NotAnObject { field })?;
    if json.first() != Some(&b'{') {
        return Err(Violation::NotAnObject { field });
    }
    if json.len() > braze_rules::MAX_PROPERTIES_BYTES {
        return Err(Violation::TooLarge { field, bytes: json.len(), max: braze_rules::MAX_PROPERTIES_BYTES });
    }
    Ok(())
}

impl From<serde_json::Map<String, serde_json::Value>> for Properties {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        Properties(map)
    }
}

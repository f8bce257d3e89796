//! Reading requests from JSON: the documented shape first, then the rulebook.

use serde::de::DeserializeOwned;

use crate::validate::{InvalidRequest, Problem, ProblemKind, Validate};

/// Fields an object was given that this version of the model does not know. They are kept and
/// sent as they are, so a field Braze adds tomorrow does not block anyone today.
pub type UnknownFields = serde_json::Map<String, serde_json::Value>;

/// Reads a request or object from JSON and checks it against the rulebook.
///
/// Every problem is reported with its field path: a shape error (wrong type, missing field,
/// unknown enum value) stops at the first one, as JSON parsing must; rule violations are all
/// reported together.
pub fn from_json<T: DeserializeOwned + Validate>(json: &str) -> Result<T, InvalidRequest> {
    let value: T = parse_shape(json)?;
    value.validate()?;
    Ok(value)
}

/// Reads JSON into `T` without applying the rulebook, reporting the path of a shape error.
pub fn parse_shape<T: DeserializeOwned>(json: &str) -> Result<T, InvalidRequest> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let path = if path == "." { String::new() } else { path };
        InvalidRequest::new(vec![Problem::new(path, ProblemKind::Malformed(err.into_inner().to_string()))])
    })
}

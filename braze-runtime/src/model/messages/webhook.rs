//! The `webhook` channel object.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::validate::{Validate, Validator, not_blank};

/// A webhook: an HTTP request Braze makes for each user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Webhook {
    /// The URL called.
    pub url: String,
    /// The HTTP method.
    pub request_method: RequestMethod,
    /// Request headers; set `Content-Type` explicitly (Braze infers it otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_headers: Option<BTreeMap<String, String>>,
    /// The request body; a JSON payload is passed as an escaped string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The message variation, required when the send carries `campaign_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Webhook {
    /// A webhook with its required fields.
    pub fn new(url: impl Into<String>, request_method: RequestMethod) -> Self {
        Webhook { url: url.into(), request_method, ..Blank::blank() }
    }
}

impl Validate for Webhook {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "url", &self.url);
    }
}

/// The HTTP method of a webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestMethod {
    /// `POST`.
    #[serde(rename = "POST")]
    Post,
    /// `PUT`.
    #[serde(rename = "PUT")]
    Put,
    /// `DELETE`.
    #[serde(rename = "DELETE")]
    Delete,
    /// `GET`.
    #[serde(rename = "GET")]
    Get,
}

impl RequestMethod {
    /// The spelling Braze accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestMethod::Post => "POST",
            RequestMethod::Put => "PUT",
            RequestMethod::Delete => "DELETE",
            RequestMethod::Get => "GET",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Validate;
    use braze_rules::Violation;
    use serde_json::json;

    #[test]
    fn request_methods_are_spelled_as_braze_documents() {
        const ALL: [RequestMethod; 4] =
            [RequestMethod::Post, RequestMethod::Put, RequestMethod::Delete, RequestMethod::Get];
        let spelled: Vec<String> =
            ALL.iter().map(|m| serde_json::to_value(m).unwrap().as_str().unwrap().to_owned()).collect();
        assert_eq!(spelled, braze_rules::values::REQUEST_METHOD);
        assert_eq!(ALL.map(RequestMethod::as_str), braze_rules::values::REQUEST_METHOD);
    }

    #[test]
    fn every_field_round_trips_and_unknown_fields_are_kept() {
        let json = json!({
            "url": "https://hooks.example.com/braze",
            "request_method": "POST",
            "request_headers": {"Content-Type": "application/json", "Authorization": "Bearer abc"},
            "body": "{\"user\": \"{{${user_id}}}\"}",
            "message_variation_id": "webhook-1",
            "future_field": null
        });
        let hook: Webhook = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&hook).unwrap(), json);
        assert!(hook.unknown_fields.contains_key("future_field"));
        assert!(hook.validate().is_ok());
    }

    #[test]
    fn unknown_methods_are_refused() {
        let json = json!({"url": "https://hooks.example.com", "request_method": "PATCH"});
        assert!(serde_json::from_value::<Webhook>(json).is_err());
    }

    #[test]
    fn url_is_not_blank() {
        let hook = Webhook::new("  ", RequestMethod::Get);
        let err = hook.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), "url");
        assert_eq!(err.problems()[0].rule(), Some(&Violation::Blank { field: "url" }));
    }
}

//! The `email` channel object.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::validate::{Validate, Validator, not_blank};

/// The fields of which an email needs at least one.
const CONTENT_FIELDS: &[&str] = &["body", "email_template_id"];

/// An email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Email {
    /// Any app of the workspace.
    pub app_id: String,
    /// The sender, e.g. `"Display Name <addr@example.com>"`.
    pub from: String,
    /// The subject line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The reply-to address (defaults to the workspace's; `"NO_REPLY_TO"` sets none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// A BCC address configured in the workspace (the BCC feature must be on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bcc: Option<String>,
    /// The HTML body; required unless `email_template_id` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The plain-text body (generated from `body` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plaintext_body: Option<String>,
    /// The preview text shown after the subject (50–100 characters recommended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preheader: Option<String>,
    /// An email template that supplies subject, body and CSS inlining unless they are given here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_template_id: Option<String>,
    /// The message variation, required when the send carries `campaign_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// Values passed to the email provider with the message (SendGrid unique args).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extras: Option<BTreeMap<String, String>>,
    /// Custom email headers (SparkPost, SendGrid, SES).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    /// Whether to inline CSS (defaults to the workspace setting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub should_inline_css: Option<bool>,
    /// Files attached to the email (at most 2 MB each).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<EmailAttachment>>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl Email {
    /// An email with its required fields; give it a `body` or an `email_template_id` before sending.
    pub fn new(app_id: impl Into<String>, from: impl Into<String>) -> Self {
        Email { app_id: app_id.into(), from: from.into(), ..Blank::blank() }
    }
}

impl Validate for Email {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "app_id", &self.app_id);
        not_blank(v, "from", &self.from);
        v.check(braze_rules::check_one_of(
            "email",
            CONTENT_FIELDS,
            &[self.body.is_some(), self.email_template_id.is_some()],
        ));
        if let Some(attachments) = &self.attachments {
            v.each("attachments", attachments);
        }
    }
}

/// A file attached to an email, fetched by Braze from `url`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailAttachment {
    /// The file name shown, without extension (the extension comes from the URL or Content-Type).
    pub file_name: String,
    /// Where Braze downloads the file (avoid Google Drive links; files may be cached for about 24 hours).
    pub url: String,
    /// The name of a basic-auth credential configured in Braze for downloading `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic_auth_credential: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl EmailAttachment {
    /// An attachment with its required fields.
    pub fn new(file_name: impl Into<String>, url: impl Into<String>) -> Self {
        EmailAttachment {
            file_name: file_name.into(),
            url: url.into(),
            basic_auth_credential: None,
            unknown_fields: UnknownFields::new(),
        }
    }
}

impl Validate for EmailAttachment {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "file_name", &self.file_name);
        not_blank(v, "url", &self.url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Validate;
    use braze_rules::Violation;
    use serde_json::json;

    fn assert_first(email: &Email, path: &str, violation: Violation) {
        let err = email.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), path, "{err}");
        assert_eq!(err.problems()[0].rule(), Some(&violation), "{err}");
    }

    fn with_body() -> Email {
        let mut email = Email::new("app", "Acme <hello@acme.example>");
        email.body = Some("<p>Hi</p>".into());
        email
    }

    #[test]
    fn documented_attachment_example_round_trips() {
        let json = json!({
            "app_id": "153e8a29-fd6d-4f77-ade7-1a4ca08d457a",
            "subject": "Basis auth attachment test",
            "from": "mail <mail@e.company.com>",
            "body": "my attachment test",
            "attachments": [{
                "file_name": "checkout_receipt.pdf",
                "url": "https://fileserver.company.com/user123-checkout_receipt.pdf",
                "basic_auth_credential": "company_basic_auth_credential_name"
            }]
        });
        let email: Email = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&email).unwrap(), json);
        assert!(email.validate().is_ok());
    }

    #[test]
    fn every_field_round_trips_and_unknown_fields_are_kept() {
        let json = json!({
            "app_id": "app",
            "from": "Acme <hello@acme.example>",
            "subject": "Welcome",
            "reply_to": "NO_REPLY_TO",
            "bcc": "audit@acme.example",
            "body": "<p>Glad you're here</p>",
            "plaintext_body": "Glad you're here",
            "preheader": "A short welcome",
            "email_template_id": "template-1",
            "message_variation_id": "email-1",
            "extras": {"campaign": "welcome"},
            "headers": {"X-Campaign": "welcome"},
            "should_inline_css": true,
            "attachments": [{"file_name": "guide", "url": "https://acme.example/guide.pdf"}],
            "future_field": 1
        });
        let email: Email = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&email).unwrap(), json);
        assert!(email.unknown_fields.contains_key("future_field"));
        assert!(email.validate().is_ok());
    }

    #[test]
    fn from_is_required_to_read_an_email() {
        let json = json!({"app_id": "app", "attachments": [{"file_name": "f", "url": "https://e.com/f.pdf"}]});
        assert!(serde_json::from_value::<Email>(json).is_err());
    }

    #[test]
    fn app_id_is_not_blank() {
        let mut email = with_body();
        email.app_id = " ".into();
        assert_first(&email, "app_id", Violation::Blank { field: "app_id" });
    }

    #[test]
    fn from_is_not_blank() {
        let mut email = with_body();
        email.from = String::new();
        assert_first(&email, "from", Violation::Blank { field: "from" });
    }

    #[test]
    fn body_or_template_is_required() {
        let mut email = Email::new("app", "Acme <hello@acme.example>");
        assert_first(&email, "", Violation::MissingOneOf { object: "email", fields: &["body", "email_template_id"] });
        email.email_template_id = Some("template-1".into());
        assert!(email.validate().is_ok());
    }

    #[test]
    fn attachments_need_a_url() {
        let mut email = with_body();
        email.attachments = Some(vec![EmailAttachment::new("guide", "")]);
        assert_first(&email, "attachments[0].url", Violation::Blank { field: "url" });
    }
}

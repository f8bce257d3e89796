//! The `whats_app` channel object.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use braze_rules::{MAX_FLOW_CAPTION_CHARS, MAX_WHATSAPP_LIST_ROWS, Violation};

use crate::__private::Blank;
use crate::json::UnknownFields;
use crate::validate::{Validate, Validator, not_blank};

/// A WhatsApp message (not accepted by /messages/schedule/create).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatsApp {
    /// Any app of the workspace.
    pub app_id: String,
    /// The WhatsApp subscription group to send through.
    pub subscription_group_id: String,
    /// The message variation, required when the send carries `campaign_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_variation_id: Option<String>,
    /// The message, written as the `message_type` and `message` keys.
    #[serde(flatten)]
    pub message: WhatsAppMessage,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl WhatsApp {
    /// A WhatsApp message with its required fields.
    pub fn new(
        app_id: impl Into<String>,
        subscription_group_id: impl Into<String>,
        message: impl Into<WhatsAppMessage>,
    ) -> Self {
        WhatsApp {
            app_id: app_id.into(),
            subscription_group_id: subscription_group_id.into(),
            message_variation_id: None,
            message: message.into(),
            unknown_fields: UnknownFields::new(),
        }
    }
}

impl Validate for WhatsApp {
    fn validate_into(&self, v: &mut Validator) {
        not_blank(v, "app_id", &self.app_id);
        not_blank(v, "subscription_group_id", &self.subscription_group_id);
        v.nested("message", &self.message);
    }
}

/// The `message` of a WhatsApp message, its shape chosen by `message_type`.
// The variant names are Braze's `message_type` spellings, which all end in `_message`.
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "message_type", content = "message", rename_all = "snake_case")]
pub enum WhatsAppMessage {
    /// A pre-approved template, the only kind that may open a conversation.
    TemplateMessage(TemplateMessage),
    /// A text reply.
    TextResponseMessage(TextResponseMessage),
    /// An image reply with an optional caption.
    TextImageResponseMessage(TextImageResponseMessage),
    /// A text reply with quick-reply buttons.
    QuickReplyResponseMessage(QuickReplyResponseMessage),
    /// A text reply with a list of options.
    ListResponseMessage(ListResponseMessage),
    /// A text reply with a button that opens a WhatsApp Flow.
    FlowResponseMessage(FlowResponseMessage),
}

impl WhatsAppMessage {
    /// The `message_type` written for this message.
    pub fn message_type(&self) -> &'static str {
        match self {
            WhatsAppMessage::TemplateMessage(_) => "template_message",
            WhatsAppMessage::TextResponseMessage(_) => "text_response_message",
            WhatsAppMessage::TextImageResponseMessage(_) => "text_image_response_message",
            WhatsAppMessage::QuickReplyResponseMessage(_) => "quick_reply_response_message",
            WhatsAppMessage::ListResponseMessage(_) => "list_response_message",
            WhatsAppMessage::FlowResponseMessage(_) => "flow_response_message",
        }
    }
}

impl Validate for WhatsAppMessage {
    fn validate_into(&self, v: &mut Validator) {
        match self {
            WhatsAppMessage::TemplateMessage(m) => m.validate_into(v),
            WhatsAppMessage::TextResponseMessage(m) => m.validate_into(v),
            WhatsAppMessage::TextImageResponseMessage(m) => m.validate_into(v),
            WhatsAppMessage::QuickReplyResponseMessage(m) => m.validate_into(v),
            WhatsAppMessage::ListResponseMessage(m) => m.validate_into(v),
            WhatsAppMessage::FlowResponseMessage(m) => m.validate_into(v),
        }
    }
}

impl From<TemplateMessage> for WhatsAppMessage {
    fn from(message: TemplateMessage) -> Self {
        WhatsAppMessage::TemplateMessage(message)
    }
}

impl From<TextResponseMessage> for WhatsAppMessage {
    fn from(message: TextResponseMessage) -> Self {
        WhatsAppMessage::TextResponseMessage(message)
    }
}

impl From<TextImageResponseMessage> for WhatsAppMessage {
    fn from(message: TextImageResponseMessage) -> Self {
        WhatsAppMessage::TextImageResponseMessage(message)
    }
}

impl From<QuickReplyResponseMessage> for WhatsAppMessage {
    fn from(message: QuickReplyResponseMessage) -> Self {
        WhatsAppMessage::QuickReplyResponseMessage(message)
    }
}

impl From<ListResponseMessage> for WhatsAppMessage {
    fn from(message: ListResponseMessage) -> Self {
        WhatsAppMessage::ListResponseMessage(message)
    }
}

impl From<FlowResponseMessage> for WhatsAppMessage {
    fn from(message: FlowResponseMessage) -> Self {
        WhatsAppMessage::FlowResponseMessage(message)
    }
}

/// A template message (`template_message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateMessage {
    /// The name of the approved template.
    pub template_name: String,
    /// The template's language code, e.g. `en_US`.
    pub template_language_code: String,
    /// The value of a TEXT header's variable, as `{"0": value}` (at most one entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_variables: Option<BTreeMap<String, serde_json::Value>>,
    /// The values of the body's variables, keyed `"0"`, `"1"`, … (required if the body has variables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_variables: Option<BTreeMap<String, serde_json::Value>>,
    /// Exactly one entry: the index of the call-to-action URL button, and the path part of its URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button_variables: Option<BTreeMap<String, serde_json::Value>>,
    /// The image of an IMAGE header (formerly `header_image_uri`, which is read too).
    #[serde(alias = "header_image_uri", default, skip_serializing_if = "Option::is_none")]
    pub header_media_uri: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl TemplateMessage {
    /// A template message with its required fields.
    pub fn new(template_name: impl Into<String>, template_language_code: impl Into<String>) -> Self {
        TemplateMessage {
            template_name: template_name.into(),
            template_language_code: template_language_code.into(),
            ..Blank::blank()
        }
    }
}

impl Validate for TemplateMessage {
    fn validate_into(&self, v: &mut Validator) {
        if let Some(header) = &self.header_variables
            && header.len() > 1
        {
            v.report_at(
                "header_variables",
                Violation::TooManyItems { field: "header_variables", count: header.len(), max: 1 },
            );
        }
        if let Some(buttons) = &self.button_variables
            && buttons.len() != 1
        {
            v.report_at(
                "button_variables",
                Violation::ItemCount { field: "button_variables", count: buttons.len(), expected: "exactly one" },
            );
        }
    }
}

/// A text reply (`text_response_message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextResponseMessage {
    /// The text.
    pub body: String,
    /// Show a preview of the first link in `body`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_url: Option<bool>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl TextResponseMessage {
    /// A text reply with its required fields.
    pub fn new(body: impl Into<String>) -> Self {
        TextResponseMessage { body: body.into(), preview_url: None, unknown_fields: UnknownFields::new() }
    }
}

impl Validate for TextResponseMessage {
    fn validate_into(&self, _: &mut Validator) {}
}

/// An image reply (`text_image_response_message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextImageResponseMessage {
    /// The image.
    pub image_uri: String,
    /// The text under the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl TextImageResponseMessage {
    /// An image reply with its required fields.
    pub fn new(image_uri: impl Into<String>) -> Self {
        TextImageResponseMessage { image_uri: image_uri.into(), caption: None, unknown_fields: UnknownFields::new() }
    }
}

impl Validate for TextImageResponseMessage {
    fn validate_into(&self, _: &mut Validator) {}
}

/// A text reply with quick-reply buttons (`quick_reply_response_message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuickReplyResponseMessage {
    /// The text.
    pub body: String,
    /// A header image (not together with `header_text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_image_uri: Option<String>,
    /// A header text (not together with `header_image_uri`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_text: Option<String>,
    /// The footer text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// The buttons, in the order shown; at least one.
    pub buttons: Vec<QuickReplyButton>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl QuickReplyResponseMessage {
    /// A quick-reply message with its required fields.
    pub fn new(body: impl Into<String>, buttons: Vec<QuickReplyButton>) -> Self {
        QuickReplyResponseMessage { body: body.into(), buttons, ..Blank::blank() }
    }
}

impl Validate for QuickReplyResponseMessage {
    fn validate_into(&self, v: &mut Validator) {
        if self.header_image_uri.is_some() && self.header_text.is_some() {
            v.report_at("header_text", Violation::Conflict { field: "header_text", other: "header_image_uri" });
        }
        if self.buttons.is_empty() {
            v.report_at("buttons", Violation::ItemCount { field: "buttons", count: 0, expected: "at least one" });
        }
    }
}

/// A quick-reply button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuickReplyButton {
    /// The label, sent back as the user's reply.
    pub text: String,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl QuickReplyButton {
    /// A button labelled `text`.
    pub fn new(text: impl Into<String>) -> Self {
        QuickReplyButton { text: text.into(), unknown_fields: UnknownFields::new() }
    }
}

/// A text reply with a list of options (`list_response_message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListResponseMessage {
    /// The header text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The text.
    pub body: String,
    /// The footer text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// The options.
    pub list: ListMessage,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ListResponseMessage {
    /// A list message with its required fields.
    pub fn new(body: impl Into<String>, list: ListMessage) -> Self {
        ListResponseMessage { body: body.into(), list, ..Blank::blank() }
    }
}

impl Validate for ListResponseMessage {
    fn validate_into(&self, v: &mut Validator) {
        v.nested("list", &self.list);
    }
}

/// The options of a list message: sections of rows, at most 10 rows in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListMessage {
    /// The label of the button that opens the list.
    pub list_button_text: String,
    /// The sections; at least one.
    pub list_sections: Vec<ListSection>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ListMessage {
    /// A list with its required fields.
    pub fn new(list_button_text: impl Into<String>, list_sections: Vec<ListSection>) -> Self {
        ListMessage { list_button_text: list_button_text.into(), list_sections, unknown_fields: UnknownFields::new() }
    }
}

impl Validate for ListMessage {
    fn validate_into(&self, v: &mut Validator) {
        if self.list_sections.is_empty() {
            v.report_at(
                "list_sections",
                Violation::ItemCount { field: "list_sections", count: 0, expected: "at least one" },
            );
        }
        let rows: usize = self.list_sections.iter().map(|section| section.list_rows.len()).sum();
        if rows > MAX_WHATSAPP_LIST_ROWS {
            v.report(Violation::TooManyItems { field: "list_rows", count: rows, max: MAX_WHATSAPP_LIST_ROWS });
        }
    }
}

/// A titled section of a list message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListSection {
    /// The section title.
    pub section_title: String,
    /// The options of the section.
    pub list_rows: Vec<ListRow>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ListSection {
    /// A section with its required fields.
    pub fn new(section_title: impl Into<String>, list_rows: Vec<ListRow>) -> Self {
        ListSection { section_title: section_title.into(), list_rows, unknown_fields: UnknownFields::new() }
    }
}

/// One option of a list message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListRow {
    /// The option's title.
    pub row_title: String,
    /// A line under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_description: Option<String>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl ListRow {
    /// An option titled `row_title`.
    pub fn new(row_title: impl Into<String>) -> Self {
        ListRow { row_title: row_title.into(), row_description: None, unknown_fields: UnknownFields::new() }
    }
}

/// A text reply with a button that opens a WhatsApp Flow (`flow_response_message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowResponseMessage {
    /// The header text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_text: Option<String>,
    /// The text.
    pub body: String,
    /// The footer text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// The button that opens the Flow.
    pub flow_button: FlowButton,
    /// Save the Flow's answers as a custom attribute (Braze's example puts it here, its schema in `flow_button`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_custom_attribute: Option<bool>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl FlowResponseMessage {
    /// A Flow message with its required fields.
    pub fn new(body: impl Into<String>, flow_button: FlowButton) -> Self {
        FlowResponseMessage { body: body.into(), flow_button, ..Blank::blank() }
    }
}

impl Validate for FlowResponseMessage {
    fn validate_into(&self, v: &mut Validator) {
        v.nested("flow_button", &self.flow_button);
    }
}

/// The button of a Flow message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowButton {
    /// The label, at most 20 characters.
    pub caption: String,
    /// The id of a published Flow.
    pub flow_id: String,
    /// Save the Flow's answers as a custom attribute (where Braze's schema puts it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_custom_attribute: Option<bool>,
    /// Fields this version does not model, sent as given.
    #[serde(flatten)]
    pub unknown_fields: UnknownFields,
}

impl FlowButton {
    /// A Flow button with its required fields.
    pub fn new(caption: impl Into<String>, flow_id: impl Into<String>) -> Self {
        FlowButton {
            caption: caption.into(),
            flow_id: flow_id.into(),
            generate_custom_attribute: None,
            unknown_fields: UnknownFields::new(),
        }
    }
}

impl Validate for FlowButton {
    fn validate_into(&self, v: &mut Validator) {
        let len = self.caption.chars().count();
        if len > MAX_FLOW_CAPTION_CHARS {
            v.report_at(
                "caption",
                Violation::TooLong { field: "caption", len, max: MAX_FLOW_CAPTION_CHARS, unit: "characters" },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Validate;
    use serde_json::json;

    fn wrap(message_type: &str, message: serde_json::Value) -> serde_json::Value {
        json!({"app_id": "app", "subscription_group_id": "group", "message_type": message_type, "message": message})
    }

    fn round_trip(json: serde_json::Value) -> WhatsApp {
        let whats_app: WhatsApp = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&whats_app).unwrap(), json);
        assert!(whats_app.validate().is_ok(), "{:?}", whats_app.validate());
        whats_app
    }

    fn assert_first(message: impl Into<WhatsAppMessage>, path: &str, violation: Violation) {
        let whats_app = WhatsApp::new("app", "group", message);
        let err = whats_app.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), path, "{err}");
        assert_eq!(err.problems()[0].rule(), Some(&violation), "{err}");
    }

    fn rows(count: usize) -> Vec<ListRow> {
        (0..count).map(|i| ListRow::new(format!("Option {i}"))).collect()
    }

    #[test]
    fn message_types_are_spelled_as_braze_documents() {
        let all: [WhatsAppMessage; 6] = [
            TemplateMessage::new("welcome", "en_US").into(),
            TextResponseMessage::new("Hi").into(),
            TextImageResponseMessage::new("https://braze.com/promotion.jpg").into(),
            QuickReplyResponseMessage::new("Hi", vec![QuickReplyButton::new("Yes")]).into(),
            ListResponseMessage::new("Hi", ListMessage::new("Choose", vec![ListSection::new("S", rows(1))])).into(),
            FlowResponseMessage::new("Hi", FlowButton::new("Start", "1")).into(),
        ];
        let spelled: Vec<String> = all
            .iter()
            .map(|m| {
                let json = serde_json::to_value(WhatsApp::new("app", "group", m.clone())).unwrap();
                json["message_type"].as_str().unwrap().to_owned()
            })
            .collect();
        assert_eq!(spelled, braze_rules::values::WHATSAPP_MESSAGE_TYPE);
        let named: Vec<&str> = all.iter().map(WhatsAppMessage::message_type).collect();
        assert_eq!(named, braze_rules::values::WHATSAPP_MESSAGE_TYPE);
    }

    #[test]
    fn template_example_round_trips() {
        let whats_app = round_trip(wrap(
            "template_message",
            json!({
                "template_name": "spring_promo",
                "template_language_code": "en_US",
                "header_variables": {"0": "Check it out!"},
                "body_variables": {"0": "Check it out!", "1": "It's pretty neat."},
                "button_variables": {"1": "/marketing/promotion123"},
                "header_media_uri": "https://braze.com/header.jpg"
            }),
        ));
        assert_eq!(whats_app.message.message_type(), "template_message");
    }

    #[test]
    fn the_older_header_image_key_is_read() {
        let json = wrap(
            "template_message",
            json!({"template_name": "t", "template_language_code": "en", "header_image_uri": "https://b.com/h.jpg"}),
        );
        let whats_app: WhatsApp = serde_json::from_value(json).unwrap();
        let WhatsAppMessage::TemplateMessage(template) = whats_app.message else { panic!("not a template") };
        assert_eq!(template.header_media_uri.as_deref(), Some("https://b.com/h.jpg"));
    }

    #[test]
    fn text_response_example_round_trips() {
        let whats_app = round_trip(wrap(
            "text_response_message",
            json!({"body": "Check out our new deals at https://braze.com", "preview_url": true}),
        ));
        assert!(matches!(whats_app.message, WhatsAppMessage::TextResponseMessage(_)));
    }

    #[test]
    fn text_image_response_example_round_trips() {
        let whats_app = round_trip(wrap(
            "text_image_response_message",
            json!({
                "image_uri": "https://braze.com/promotion.jpg",
                "caption": "This won't last for long, check it out!"
            }),
        ));
        assert!(matches!(whats_app.message, WhatsAppMessage::TextImageResponseMessage(_)));
    }

    #[test]
    fn quick_reply_response_example_round_trips() {
        let whats_app = round_trip(wrap(
            "quick_reply_response_message",
            json!({
                "body": "Want to keep hearing from us?",
                "buttons": [{"text": "Yes!"}, {"text": "No thanks"}]
            }),
        ));
        assert!(matches!(whats_app.message, WhatsAppMessage::QuickReplyResponseMessage(_)));
    }

    #[test]
    fn list_response_example_round_trips() {
        let whats_app = round_trip(wrap(
            "list_response_message",
            json!({
                "body": "Here is a list of options to choose from:",
                "list": {
                    "list_button_text": "Choose an option",
                    "list_sections": [
                        {
                            "section_title": "Section 1",
                            "list_rows": [
                                {"row_title": "Option 1"},
                                {"row_title": "Option 2", "row_description": "Description for Option 2"}
                            ]
                        },
                        {
                            "section_title": "Section 2",
                            "list_rows": [
                                {"row_title": "Option 3"},
                                {"row_title": "Option 4"},
                                {"row_title": "Option 5"}
                            ]
                        }
                    ]
                }
            }),
        ));
        assert!(matches!(whats_app.message, WhatsAppMessage::ListResponseMessage(_)));
    }

    #[test]
    fn flow_response_example_round_trips() {
        let whats_app = round_trip(wrap(
            "flow_response_message",
            json!({
                "body": "Please complete your order details",
                "flow_button": {"caption": "Start Order", "flow_id": "594425479261596"},
                "generate_custom_attribute": true
            }),
        ));
        let WhatsAppMessage::FlowResponseMessage(flow) = whats_app.message else { panic!("not a flow message") };
        assert_eq!(flow.generate_custom_attribute, Some(true));
    }

    #[test]
    fn unknown_fields_are_kept_at_every_level() {
        let mut json = wrap("text_response_message", json!({"body": "Hi", "future_inner": 1}));
        json["message_variation_id"] = json!("whatsapp-1");
        json["future_outer"] = json!("kept");
        let whats_app = round_trip(json);
        assert!(whats_app.unknown_fields.contains_key("future_outer"));
        let WhatsAppMessage::TextResponseMessage(text) = whats_app.message else { panic!("not a text message") };
        assert!(text.unknown_fields.contains_key("future_inner"));
    }

    #[test]
    fn unknown_message_types_are_refused() {
        let json = wrap("carousel_message", json!({"body": "Hi"}));
        assert!(serde_json::from_value::<WhatsApp>(json).is_err());
    }

    #[test]
    fn button_variables_have_exactly_one_entry() {
        let mut template = TemplateMessage::new("t", "en");
        let variables = BTreeMap::from([("0".to_owned(), json!("/a")), ("1".to_owned(), json!("/b"))]);
        template.button_variables = Some(variables);
        assert_first(
            template,
            "message.button_variables",
            Violation::ItemCount { field: "button_variables", count: 2, expected: "exactly one" },
        );
    }

    #[test]
    fn header_variables_have_at_most_one_entry() {
        let mut template = TemplateMessage::new("t", "en");
        let variables = BTreeMap::from([("0".to_owned(), json!("a")), ("1".to_owned(), json!("b"))]);
        template.header_variables = Some(variables);
        assert_first(
            template,
            "message.header_variables",
            Violation::TooManyItems { field: "header_variables", count: 2, max: 1 },
        );
    }

    #[test]
    fn quick_reply_header_is_an_image_or_a_text() {
        let mut quick = QuickReplyResponseMessage::new("Hi", vec![QuickReplyButton::new("Yes")]);
        quick.header_image_uri = Some("https://braze.com/h.jpg".into());
        quick.header_text = Some("Hello".into());
        assert_first(
            quick,
            "message.header_text",
            Violation::Conflict { field: "header_text", other: "header_image_uri" },
        );
    }

    #[test]
    fn quick_reply_needs_a_button() {
        let quick = QuickReplyResponseMessage::new("Hi", Vec::new());
        assert_first(
            quick,
            "message.buttons",
            Violation::ItemCount { field: "buttons", count: 0, expected: "at least one" },
        );
    }

    #[test]
    fn list_needs_a_section() {
        let list = ListResponseMessage::new("Hi", ListMessage::new("Choose", Vec::new()));
        assert_first(
            list,
            "message.list.list_sections",
            Violation::ItemCount { field: "list_sections", count: 0, expected: "at least one" },
        );
    }

    #[test]
    fn list_holds_at_most_ten_rows_in_all() {
        let sections = vec![ListSection::new("A", rows(6)), ListSection::new("B", rows(5))];
        let list = ListResponseMessage::new("Hi", ListMessage::new("Choose", sections));
        assert_first(
            list,
            "message.list",
            Violation::TooManyItems { field: "list_rows", count: 11, max: MAX_WHATSAPP_LIST_ROWS },
        );
        let sections = vec![ListSection::new("A", rows(5)), ListSection::new("B", rows(5))];
        let list = ListResponseMessage::new("Hi", ListMessage::new("Choose", sections));
        assert!(WhatsApp::new("app", "group", list).validate().is_ok());
    }

    #[test]
    fn flow_caption_is_at_most_20_characters() {
        let flow = FlowResponseMessage::new("Hi", FlowButton::new("Complete your order now", "1"));
        assert_first(
            flow,
            "message.flow_button.caption",
            Violation::TooLong { field: "caption", len: 23, max: MAX_FLOW_CAPTION_CHARS, unit: "characters" },
        );
        let flow = FlowResponseMessage::new("Hi", FlowButton::new("Commandez maintenant", "1"));
        assert!(WhatsApp::new("app", "group", flow).validate().is_ok());
    }

    #[test]
    fn app_id_is_not_blank() {
        let whats_app = WhatsApp::new("", "group", TextResponseMessage::new("Hi"));
        let err = whats_app.validate().unwrap_err();
        assert_eq!(err.problems()[0].path(), "app_id");
        assert_eq!(err.problems()[0].rule(), Some(&Violation::Blank { field: "app_id" }));
    }
}

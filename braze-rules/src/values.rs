//! The accepted spellings of every enumerated value, as Braze documents them.
//!
//! The runtime's enums serialize to exactly these strings (a test in `braze-runtime` checks it),
//! and the macros check literal values against them.

/// `recipient_subscription_state` of /messages/send and /messages/schedule/create.
pub const RECIPIENT_SUBSCRIPTION_STATE: &[&str] = &["opted_in", "subscribed", "all"];
/// `interruption_level` of `apple_push`.
pub const INTERRUPTION_LEVEL: &[&str] = &["passive", "active", "time-sensitive", "critical"];
/// `asset_file_type` of `apple_push`.
pub const ASSET_FILE_TYPE: &[&str] = &["aif", "gif", "jpg", "m4a", "mp3", "mp4", "png", "wav"];
/// `action` of an `apple_push` or `android_push` button.
pub const BUTTON_ACTION: &[&str] = &["OPEN_APP", "URI", "DEEP_LINK", "CLOSE"];
/// `action` of a `web_push` button (no deep links on the web).
pub const WEB_BUTTON_ACTION: &[&str] = &["OPEN_APP", "URI", "CLOSE"];
/// `android_priority` (the FCM priority).
pub const ANDROID_PRIORITY: &[&str] = &["normal", "high"];
/// `request_method` of `webhook`.
pub const REQUEST_METHOD: &[&str] = &["POST", "PUT", "DELETE", "GET"];
/// `type` of `content_card`.
pub const CONTENT_CARD_TYPE: &[&str] = &["CLASSIC", "CAPTIONED_IMAGE", "BANNER"];
/// `message_type` of `whats_app`.
pub const WHATSAPP_MESSAGE_TYPE: &[&str] = &[
    "template_message",
    "text_response_message",
    "text_image_response_message",
    "quick_reply_response_message",
    "list_response_message",
    "flow_response_message",
];
/// `prioritization` entries of a recipient identified by email.
pub const PRIORITIZATION: &[&str] = &["identified", "unidentified", "most_recently_updated", "least_recently_updated"];
/// `value` of `push_subscription_status` and `email_subscription_status` filters.
pub const SUBSCRIPTION_STATUS: &[&str] = &["opted_in", "subscribed", "unsubscribed"];
/// `comparison` of `push_subscription_status` and `email_subscription_status` filters.
pub const SUBSCRIPTION_COMPARISON: &[&str] = &["is", "is_not"];
/// `comparison` of the `last_used_app` filter.
pub const LAST_USED_APP_COMPARISON: &[&str] = &["after", "before"];
/// Every `comparison` a `custom_attribute` filter accepts, over all attribute types.
pub const CUSTOM_ATTRIBUTE_COMPARISON: &[&str] = &[
    "equals",
    "not_equal",
    "does_not_equal",
    "matches_regex",
    "does_not_match_regex",
    "exists",
    "does_not_exist",
    "includes_value",
    "does_not_include_value",
    "greater_than",
    "greater_than_or_equal_to",
    "less_than",
    "less_than_or_equal_to",
    "less_than_x_days_ago",
    "greater_than_x_days_ago",
    "less_than_x_days_in_the_future",
    "greater_than_x_days_in_the_future",
    "after",
    "before",
];

/// What kind of `value` a `custom_attribute` comparison takes, in the words of
/// [`Violation::ComparisonValue`](crate::Violation::ComparisonValue).
pub fn comparison_value_kind(comparison: &str) -> &'static str {
    match comparison {
        "exists" | "does_not_exist" => "no value",
        "does_not_equal" => "a boolean",
        "matches_regex" | "does_not_match_regex" => "a string",
        "greater_than"
        | "greater_than_or_equal_to"
        | "less_than"
        | "less_than_or_equal_to"
        | "less_than_x_days_ago"
        | "greater_than_x_days_ago"
        | "less_than_x_days_in_the_future"
        | "greater_than_x_days_in_the_future" => "a number",
        "after" | "before" => "an ISO 8601 date-time string",
        "includes_value" | "does_not_include_value" => "a string or a number",
        // `equals`, `not_equal`: a string, a number or (for `equals`) a boolean.
        _ => "a string, a number or a boolean",
    }
}

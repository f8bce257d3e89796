//! The rulebook of Braze's REST messaging API.
//!
//! Every rule that `braze-dsl` enforces lives here once: its predicate (where it can be stated
//! over plain values) and its wording. The runtime (`braze-runtime`) applies the rules to values
//! built or deserialized at run time; the macros (`braze-macros`) apply the same predicates to
//! what they can see in the source, and print the same words at the offending token. That is why
//! this crate depends on nothing heavier than `chrono`: it is part of every user's macro build.
//!
//! A broken rule is a [`Violation`]. Its [`Display`](core::fmt::Display) is one rustc-style
//! sentence (lower case, keys in backticks) that says what is wrong and how to fix it;
//! [`Violation::message`] and [`Violation::help`] give the two halves separately for compilers
//! that show them apart.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod audience;
mod filters;
mod push;
mod time;
pub mod values;
mod violation;

pub use audience::{AudienceShape, check_audience, check_recipient_count, check_user_count};
pub use filters::{ValueKind, check_comparison_value};
pub use push::{check_push_length, json_string_len};
pub use time::{
    TimeKind, check_card_expiry, check_local_time_not_passed, check_schedule_time, parse_instant, parse_local,
};
pub use violation::Violation;

/// Users one request may name: `external_user_ids` and `user_aliases` together.
pub const MAX_USERS_PER_REQUEST: usize = 50;
/// Recipient objects one trigger request may carry.
pub const MAX_RECIPIENTS_PER_REQUEST: usize = 50;
/// Largest `trigger_properties` / `context` object Braze accepts, in bytes of JSON.
pub const MAX_PROPERTIES_BYTES: usize = 50 * 1024;
/// Largest request body Braze accepts, in bytes.
pub const MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;
/// Longest custom `send_id`, in characters (ASCII only).
pub const MAX_SEND_ID_LEN: usize = 64;
/// Rows a WhatsApp list message may hold across all sections.
pub const MAX_WHATSAPP_LIST_ROWS: usize = 10;
/// Longest WhatsApp flow button caption, in characters.
pub const MAX_FLOW_CAPTION_CHARS: usize = 20;
/// Longest alias name or label, in bytes.
pub const MAX_ALIAS_BYTES: usize = 236;
/// Longest Apple push, in bytes of alert, extra and the other fields (FACTS §1.4).
pub const MAX_APPLE_PUSH_BYTES: usize = 1912;
/// Longest Android push, in bytes of alert and extra (FACTS §1.4).
pub const MAX_ANDROID_PUSH_BYTES: usize = 4000;
/// Furthest a content card's `expire_at` may lie after the send, in days (FACTS §7.8).
pub const MAX_CARD_EXPIRY_DAYS: i64 = 30;

/// Checks a custom `send_id`: ASCII only, at most [`MAX_SEND_ID_LEN`] characters, not empty.
pub fn check_send_id(send_id: &str) -> Result<(), Violation> {
    if send_id.is_empty() || !send_id.is_ascii() || send_id.len() > MAX_SEND_ID_LEN {
        return Err(Violation::InvalidSendId { len: send_id.chars().count(), ascii: send_id.is_ascii() });
    }
    Ok(())
}

/// Checks that an identifier such as a campaign or Canvas id is not empty or blank.
pub fn check_not_blank(field: &'static str, value: &str) -> Result<(), Violation> {
    if value.trim().is_empty() {
        return Err(Violation::Blank { field });
    }
    Ok(())
}

/// Checks that `value` is one of the accepted spellings in `accepted`.
pub fn check_value(field: &'static str, value: &str, accepted: &'static [&'static str]) -> Result<(), Violation> {
    if accepted.contains(&value) {
        return Ok(());
    }
    Err(Violation::UnknownValue { field, value: value.to_owned(), accepted })
}

/// Checks one field of an object given as (name, present) pairs: exactly the fields of a one-of
/// group, at least one of them present.
pub fn check_one_of(object: &'static str, fields: &'static [&'static str], present: &[bool]) -> Result<(), Violation> {
    if present.iter().any(|p| *p) {
        return Ok(());
    }
    Err(Violation::MissingOneOf { object, fields })
}

/// The `messages` key people mean when they write another name for a channel (`ios_push`,
/// `fcm`, `mail`, `whatsapp`, …), matched without case, `_` or `-`.
pub fn channel_for(guess: &str) -> Option<&'static str> {
    const GUESSES: &[(&str, &[&str])] = &[
        ("apple_push", &["ios", "iospush", "pushios", "apns", "apnspush", "iphone", "apple", "applepush"]),
        ("android_push", &["android", "androidpush", "pushandroid", "fcm", "fcmpush", "gcm", "firebase"]),
        ("kindle_push", &["kindle", "kindlepush", "fire", "fireos", "fireospush", "amazon", "adm"]),
        ("web_push", &["web", "webpush", "browser", "browserpush", "pushweb"]),
        ("email", &["email", "mail", "emails", "emailmessage"]),
        ("sms", &["sms", "text", "textmessage", "mms", "smsmessage"]),
        ("content_card", &["contentcard", "contentcards", "card", "cards", "newsfeed"]),
        ("whats_app", &["whatsapp", "wa", "whatsappmessage"]),
        ("webhook", &["webhook", "webhooks", "hook", "http"]),
    ];
    let normal: String = guess.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect();
    GUESSES.iter().find(|(_, names)| names.contains(&normal.as_str())).map(|(channel, _)| *channel)
}

/// The closest accepted key to `unknown`, for "did you mean" hints (edit distance at most 3).
pub fn nearest<'a>(unknown: &str, accepted: &[&'a str]) -> Option<&'a str> {
    accepted
        .iter()
        .map(|candidate| (edit_distance(unknown, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= 3.min(candidate.len() / 2 + 1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_ignores_unrelated_words() {
        let keys = ["external_user_ids", "user_aliases", "segment_id"];
        assert_eq!(nearest("extrenal_user_ids", &keys), Some("external_user_ids"));
        assert_eq!(nearest("segment", &keys), Some("segment_id"));
        assert_eq!(nearest("banana", &keys), None);
    }

    #[test]
    fn channel_guesses_name_the_channel_meant() {
        assert_eq!(channel_for("ios_push"), Some("apple_push"));
        assert_eq!(channel_for("FCM"), Some("android_push"));
        assert_eq!(channel_for("WhatsApp"), Some("whats_app"));
        assert_eq!(channel_for("push"), None);
    }

    #[test]
    fn send_id_must_be_short_ascii() {
        assert!(check_send_id("campaign-42").is_ok());
        assert!(check_send_id("").is_err());
        assert!(check_send_id("é").is_err());
        assert!(check_send_id(&"x".repeat(65)).is_err());
        assert!(check_send_id(&"x".repeat(64)).is_ok());
    }

    #[test]
    fn check_value_lists_what_is_accepted() {
        let err = check_value("request_method", "PATCH", values::REQUEST_METHOD).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`request_method` cannot be \"PATCH\"; expected one of \"POST\", \"PUT\", \"DELETE\", \"GET\""
        );
    }
}

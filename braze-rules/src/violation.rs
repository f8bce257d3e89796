//! What a broken rule says. One variant per rule; the words are written once, here.

use core::fmt;

/// A broken rule of Braze's messaging API.
///
/// The runtime wraps it with the path of the offending field; the macros put it on the
/// offending token. `message` states what is wrong, `help` how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// Nothing says who receives the message and `broadcast` is not `true`.
    NoAudience {
        /// The keys that name an audience on this endpoint, e.g. `["segment_id", "external_user_ids", …]`.
        accepted: &'static [&'static str],
    },
    /// A segment or audience is named without users, but `broadcast` is not `true`.
    BroadcastRequired {
        /// `segment_id`, `audience` or `custom_audience`.
        target: &'static str,
    },
    /// `broadcast: true` together with named users.
    BroadcastWithUsers {
        /// The key that names users: `external_user_ids`, `user_aliases` or `recipients`.
        users: &'static str,
    },
    /// `broadcast: true` together with `attachments` (/campaigns/trigger/send).
    BroadcastWithAttachments,
    /// More than 50 users in one request.
    TooManyUsers {
        /// How many were named.
        count: usize,
    },
    /// More than 50 recipients in one request.
    TooManyRecipients {
        /// How many were given.
        count: usize,
    },
    /// User lists mixed with a segment or audience where the endpoint forbids it.
    MixedTargeting {
        /// The user list key.
        users: &'static str,
        /// The segment or audience key.
        other: &'static str,
    },
    /// No message object under `messages`.
    NoMessages,
    /// A required field is missing.
    MissingField {
        /// The object, e.g. `email`.
        object: &'static str,
        /// The field it needs.
        field: &'static str,
    },
    /// None of a group of fields, one of which is required, is present.
    MissingOneOf {
        /// The object.
        object: &'static str,
        /// The group.
        fields: &'static [&'static str],
    },
    /// A field is required because another one is present or has some value.
    RequiredWhen {
        /// The missing field.
        field: &'static str,
        /// Why it is needed, e.g. "`asset_url` is set".
        condition: &'static str,
    },
    /// Two fields that exclude each other are both present.
    Conflict {
        /// The later field.
        field: &'static str,
        /// The field it conflicts with.
        other: &'static str,
    },
    /// A value outside the documented set.
    UnknownValue {
        /// The field.
        field: &'static str,
        /// What was given.
        value: String,
        /// The accepted spellings.
        accepted: &'static [&'static str],
    },
    /// A number outside its documented range.
    OutOfRange {
        /// The field.
        field: &'static str,
        /// What was given, as written.
        value: String,
        /// The smallest accepted value.
        min: &'static str,
        /// The largest accepted value.
        max: &'static str,
    },
    /// A string that must not be empty is empty.
    Blank {
        /// The field.
        field: &'static str,
    },
    /// A string longer than Braze accepts.
    TooLong {
        /// The field.
        field: &'static str,
        /// Its length in the unit of `max`.
        len: usize,
        /// The limit.
        max: usize,
        /// The unit: "bytes" or "characters".
        unit: &'static str,
    },
    /// A custom `send_id` that is empty, not ASCII or longer than 64 characters.
    InvalidSendId {
        /// Its length in characters.
        len: usize,
        /// Whether it is ASCII.
        ascii: bool,
    },
    /// `external_send_id` outside the Base64-safe alphabet.
    InvalidExternalSendId,
    /// A free-form properties object over 50 KB.
    TooLarge {
        /// `trigger_properties` or `context`.
        field: &'static str,
        /// Its size in bytes of JSON.
        bytes: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// Properties that do not serialize to a JSON object.
    NotAnObject {
        /// The field.
        field: &'static str,
    },
    /// A key that Braze reserves inside `extra` of an Apple push.
    ReservedKey {
        /// The object.
        object: &'static str,
        /// The reserved key found.
        key: String,
    },
    /// `campaign_id` on a send, but a message object lacks `message_variation_id`.
    MissingVariation {
        /// The channel key, e.g. `apple_push`.
        channel: &'static str,
    },
    /// The frequency-capping flag spelled as another endpoint spells it.
    WrongFlagName {
        /// The key that was used.
        found: &'static str,
        /// The key this endpoint uses.
        expected: &'static str,
        /// What kind of request this is, e.g. "a scheduled message".
        request: &'static str,
    },
    /// A recipient without exactly one identifier.
    RecipientIdentifiers {
        /// The identifiers found (empty for none).
        found: Vec<&'static str>,
    },
    /// A recipient identified by `email` without `prioritization`.
    EmailNeedsPrioritization,
    /// `prioritization` with both `identified` and `unidentified`.
    ConflictingPrioritization,
    /// `send_to_existing_only: false` without `attributes`.
    CreateNeedsAttributes,
    /// `send_to_existing_only: false` on a recipient named by `user_alias`.
    CreateWithAlias,
    /// A date-time that is not ISO 8601.
    InvalidTime {
        /// The field.
        field: &'static str,
        /// What was given.
        value: String,
    },
    /// A local or optimal-time `schedule.time` that is not a date-time at all.
    InvalidLocalTime {
        /// `in_local_time` or `at_optimal_time`.
        flag: &'static str,
        /// What was given.
        value: String,
    },
    /// A local or optimal-time `schedule.time` that carries an offset.
    LocalTimeWithOffset {
        /// `in_local_time` or `at_optimal_time`.
        flag: &'static str,
        /// What was given.
        value: String,
    },
    /// Both `in_local_time` and `at_optimal_time`.
    ConflictingScheduleFlags,
    /// A filter comparison that takes no value was given one, or the reverse.
    ComparisonValue {
        /// The comparison, e.g. `exists`.
        comparison: String,
        /// What it takes: "no value", "a number", "a boolean", "a string",
        /// "a string or a number", "an ISO 8601 date-time string".
        expected: &'static str,
    },
    /// `not_equal` on a boolean, or `does_not_equal` on anything else.
    InequalitySpelling {
        /// The spelling used.
        found: &'static str,
        /// The spelling this value type takes.
        expected: &'static str,
    },
    /// `AND` / `OR` with no filters.
    EmptyGroup {
        /// `AND` or `OR`.
        operator: &'static str,
    },
    /// A list with more entries than Braze accepts.
    TooManyItems {
        /// The list.
        field: &'static str,
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A list that needs a number of entries has another number.
    ItemCount {
        /// The list.
        field: &'static str,
        /// How many there are.
        count: usize,
        /// How many it needs, in words, e.g. "exactly one".
        expected: &'static str,
    },
    /// `alert` or `title` on an Android silent push (`send_to_sync: true`).
    SyncPushWithContent {
        /// `alert` or `title`.
        field: &'static str,
    },
    /// A push payload longer than the channel allows.
    PushTooLong {
        /// `apple_push` or `android_push`.
        channel: &'static str,
        /// Its size in bytes, as [`check_push_length`](crate::check_push_length) counts them.
        bytes: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// A local-time schedule whose time has passed in every time zone.
    LocalTimePassed {
        /// The `time` as given.
        value: String,
    },
    /// A content card `expire_at` more than 30 days after the message is sent.
    ExpiryTooFar {
        /// The `expire_at` as given.
        value: String,
        /// The latest `expire_at` accepted for this send, as Braze writes times.
        latest: String,
    },
    /// An Android or Kindle `priority` outside -2..=2, which Braze silently replaces with 0.
    PriorityRewritten {
        /// What was given.
        value: i64,
    },
    /// A request body that carries an `api_key` field. Braze still reads it, but the client sends
    /// the key in the `Authorization` header only, so a key never travels in a body or a log.
    ApiKeyInBody,
}

fn key_list(keys: &[&str], last: &str) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((only, [])) => only.clone(),
        Some((tail, head)) => format!("{} {last} {tail}", head.join(", ")),
    }
}

fn value_list(values: &[&str]) -> String {
    values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
}

impl Violation {
    /// What is wrong, in one rustc-style clause.
    pub fn message(&self) -> String {
        match self {
            Violation::NoAudience { accepted } => format!(
                "the message names no audience: none of {} is given (Braze answers \"No Recipients\")",
                key_list(accepted, "or")
            ),
            Violation::BroadcastRequired { target } if *target == "segment_id" => {
                "sending to a segment without naming users needs `broadcast: true`".to_owned()
            }
            Violation::BroadcastRequired { target } => {
                format!("sending to `{target}` without naming users needs `broadcast: true`")
            }
            Violation::BroadcastWithUsers { users } => {
                format!("`broadcast: true` cannot be combined with users named in `{users}`")
            }
            Violation::BroadcastWithAttachments => "`broadcast: true` cannot be combined with `attachments`".to_owned(),
            Violation::TooManyUsers { count } => format!(
                "a request can name at most {} users (`external_user_ids` and `user_aliases` together), found {count}",
                crate::MAX_USERS_PER_REQUEST
            ),
            Violation::TooManyRecipients { count } => {
                format!("a request can carry at most {} `recipients`, found {count}", crate::MAX_RECIPIENTS_PER_REQUEST)
            }
            Violation::MixedTargeting { users, other } => {
                format!("`{users}` cannot be combined with `{other}` on this endpoint")
            }
            Violation::NoMessages => "no message to send: `messages` holds no channel object".to_owned(),
            Violation::MissingField { object, field } => format!("`{object}` is missing the required field `{field}`"),
            Violation::MissingOneOf { object, fields } => {
                format!("`{object}` needs {}", key_list(fields, "or"))
            }
            Violation::RequiredWhen { field, condition } => format!("`{field}` is required when {condition}"),
            Violation::Conflict { field, other } => format!("`{field}` cannot be combined with `{other}`"),
            Violation::UnknownValue { field, value, .. } => format!("`{field}` cannot be \"{value}\""),
            Violation::OutOfRange { field, value, min, max } => {
                format!("`{field}` must be between {min} and {max}, found {value}")
            }
            Violation::Blank { field } => format!("`{field}` cannot be empty"),
            Violation::TooLong { field, len, max, unit } => {
                format!("`{field}` is {len} {unit} long; Braze accepts at most {max}")
            }
            Violation::InvalidSendId { len, ascii } => {
                let why = if *len == 0 {
                    "it is empty".to_owned()
                } else if !ascii {
                    "it is not ASCII".to_owned()
                } else {
                    format!("it is {len} characters long")
                };
                format!("`send_id` must be 1 to {} ASCII characters; {why}", crate::MAX_SEND_ID_LEN)
            }
            Violation::InvalidExternalSendId => {
                "`external_send_id` may only use letters, digits and `-_+/=` (Base64-safe)".to_owned()
            }
            Violation::TooLarge { field, bytes, max } => {
                format!("`{field}` is {bytes} bytes of JSON; Braze accepts at most {max}")
            }
            Violation::NotAnObject { field } => format!("`{field}` must serialize to a JSON object"),
            Violation::ReservedKey { object, key } => {
                format!("`extra` of `{object}` cannot use the key `{key}`, which Braze reserves")
            }
            Violation::MissingVariation { channel } => format!(
                "`campaign_id` requires `message_variation_id` in every message object, and `{channel}` has none"
            ),
            Violation::WrongFlagName { found, expected, request } => format!(
                "`{found}` is not a field of {request}, so Braze would silently ignore it; it is spelled `{expected}` there"
            ),
            Violation::RecipientIdentifiers { found } if found.is_empty() => {
                "a recipient needs one identifier and has none".to_owned()
            }
            Violation::RecipientIdentifiers { found } => {
                format!("a recipient takes exactly one identifier, found {}", key_list(found, "and"))
            }
            Violation::EmailNeedsPrioritization => {
                "a recipient identified by `email` needs `prioritization`".to_owned()
            }
            Violation::ConflictingPrioritization => {
                "`prioritization` can hold only one of \"identified\" and \"unidentified\"".to_owned()
            }
            Violation::CreateNeedsAttributes => {
                "`send_to_existing_only: false` needs `attributes` to create the user".to_owned()
            }
            Violation::CreateWithAlias => "`send_to_existing_only: false` cannot be used with `user_alias`".to_owned(),
            Violation::InvalidTime { field: "", value } => {
                format!("\"{value}\" is not an ISO 8601 date-time")
            }
            Violation::InvalidTime { field, value } => {
                format!("`{field}` is not an ISO 8601 date-time: \"{value}\"")
            }
            Violation::InvalidLocalTime { value, .. } => {
                format!("`time` is not an ISO 8601 date-time: \"{value}\"")
            }
            Violation::LocalTimeWithOffset { flag, value } => format!(
                "`time` \"{value}\" carries a UTC offset, but with `{flag}` it is a wall-clock time in each user's time zone"
            ),
            Violation::ConflictingScheduleFlags => "`in_local_time` and `at_optimal_time` cannot both be true: Braze \
                 accepts both but documents no meaning for the pair, so which one it applies is unknown"
                .to_owned(),
            Violation::ComparisonValue { comparison, expected } => {
                format!("the comparison `{comparison}` takes {expected}")
            }
            Violation::InequalitySpelling { found, expected } => {
                format!("`{found}` is the wrong spelling here; this value type uses `{expected}`")
            }
            Violation::EmptyGroup { operator } => format!("`{operator}` needs at least one filter"),
            Violation::TooManyItems { field, count, max } => {
                let entries = if *max == 1 { "entry" } else { "entries" };
                format!("`{field}` can hold at most {max} {entries}, found {count}")
            }
            Violation::ItemCount { field, count, expected } => {
                format!("`{field}` needs {expected} entry, found {count}")
            }
            Violation::SyncPushWithContent { field } => {
                format!("`{field}` cannot be set on a silent push (`send_to_sync: true`); Braze refuses it")
            }
            Violation::PushTooLong { channel, bytes, max } => {
                let (words, counted) = if *channel == "apple_push" {
                    ("Apple", "its alert, `extra` and other text fields")
                } else {
                    ("Android", "its `alert` and `extra`")
                };
                format!(
                    "`{channel}` is too long: {counted} come to {bytes} bytes; Braze accepts at most {max} \
                     (\"{words} Push Length Exceeded\")"
                )
            }
            Violation::LocalTimePassed { value } => format!(
                "`time` \"{value}\" with `in_local_time` has already passed in every time zone; Braze refuses it"
            ),
            Violation::ExpiryTooFar { value, latest } => format!(
                "`expire_at` \"{value}\" is more than {} days after the message is sent (the latest is {latest}); \
                 Braze accepts at most {} days",
                crate::MAX_CARD_EXPIRY_DAYS,
                crate::MAX_CARD_EXPIRY_DAYS
            ),
            Violation::PriorityRewritten { value } => {
                format!("`priority` must be between -2 and 2, found {value}; Braze would silently send 0 instead")
            }
            Violation::ApiKeyInBody => "the request carries an `api_key` field; the client sends the API key \
                                        only in the `Authorization` header, never in a body"
                .to_owned(),
        }
    }

    /// How to fix it, in one clause.
    pub fn help(&self) -> String {
        match self {
            Violation::NoAudience { accepted } if accepted.contains(&"recipients") => {
                "name `recipients` or an `audience`, or add `broadcast: true` to send to the whole segment of the \
                 campaign or Canvas"
                    .to_owned()
            }
            Violation::NoAudience { accepted } if accepted.contains(&"custom_audience") => {
                "name users with `external_user_ids` / `user_aliases`, a `segment_id` or a `custom_audience`".to_owned()
            }
            Violation::NoAudience { .. } => "name users with `external_user_ids` / `user_aliases`, or send to a \
                                             `segment_id` or an `audience` with `broadcast: true`"
                .to_owned(),
            Violation::BroadcastRequired { target } if *target == "segment_id" => {
                "add `broadcast: true` to send to every user of the segment, or name users with `external_user_ids` / `user_aliases`".to_owned()
            }
            Violation::BroadcastRequired { .. } => {
                "add `broadcast: true` to send to every matching user, or name the users".to_owned()
            }
            Violation::BroadcastWithUsers { .. } => {
                "remove `broadcast: true` to send to the named users only".to_owned()
            }
            Violation::BroadcastWithAttachments => "send attachments to named recipients only".to_owned(),
            Violation::TooManyUsers { .. } | Violation::TooManyRecipients { .. } => {
                "split them into requests of at most 50 (the client's bulk sender does this)".to_owned()
            }
            Violation::MixedTargeting { .. } => "send to users and to segments in separate requests".to_owned(),
            Violation::NoMessages => "add at least one channel under `messages`, e.g. `apple_push` or `email`".to_owned(),
            Violation::MissingField { field, .. } => format!("add `{field}`"),
            Violation::MissingOneOf { fields, .. } => format!("add {}", key_list(fields, "or")),
            Violation::RequiredWhen { field, .. } => format!("add `{field}`"),
            Violation::Conflict { field, .. } => format!("remove `{field}` or the field it conflicts with"),
            Violation::UnknownValue { value, accepted, .. } => match crate::nearest(value, accepted) {
                Some(near) => format!("did you mean \"{near}\"? expected one of {}", value_list(accepted)),
                None => format!("expected one of {}", value_list(accepted)),
            },
            Violation::OutOfRange { .. } => "use a value inside the documented range".to_owned(),
            Violation::Blank { field } => format!("give `{field}` a value"),
            Violation::TooLong { .. } => "shorten it".to_owned(),
            Violation::InvalidSendId { .. } => "create send ids with /sends/id/create and use that id".to_owned(),
            Violation::InvalidExternalSendId => "encode the id as Base64 before sending it".to_owned(),
            Violation::TooLarge { .. } => "send less data, or store it elsewhere and send a reference".to_owned(),
            Violation::NotAnObject { .. } => "use a struct or a map with named fields".to_owned(),
            Violation::ReservedKey { key, .. } => format!("rename the key `{key}`"),
            Violation::MissingVariation { channel } => {
                format!("add `message_variation_id` to `{channel}`, or remove `campaign_id`")
            }
            Violation::WrongFlagName { expected, .. } => format!("rename it to `{expected}`"),
            Violation::RecipientIdentifiers { .. } => {
                "use one of `external_user_id`, `user_alias`, `braze_id` or `email`".to_owned()
            }
            Violation::EmailNeedsPrioritization => {
                "add `prioritization`, e.g. [\"identified\", \"most_recently_updated\"]".to_owned()
            }
            Violation::ConflictingPrioritization => "keep one of them".to_owned(),
            Violation::CreateNeedsAttributes => "add `attributes`, or drop `send_to_existing_only: false`".to_owned(),
            Violation::CreateWithAlias => {
                "identify the recipient by `external_user_id` to create it, or drop `send_to_existing_only: false`".to_owned()
            }
            Violation::InvalidTime { .. } => "write it like \"2031-05-01T09:30:00Z\"".to_owned(),
            Violation::InvalidLocalTime { flag, .. } => format!(
                "write a wall-clock time without an offset, like \"2031-05-01T09:30:00\": with `{flag}` it is read in \
                 each user's time zone"
            ),
            Violation::LocalTimeWithOffset { .. } => {
                "drop the offset, e.g. write \"2031-05-01T09:30:00\"".to_owned()
            }
            Violation::ConflictingScheduleFlags => "keep the one you mean".to_owned(),
            Violation::ComparisonValue { expected, .. } if *expected == "no value" => "remove `value`".to_owned(),
            Violation::ComparisonValue { expected, .. } => format!("give `value` as {expected}"),
            Violation::InequalitySpelling { expected, .. } => format!("write `{expected}`"),
            Violation::EmptyGroup { .. } => "add a filter or remove the group".to_owned(),
            Violation::TooManyItems { .. } => "remove entries".to_owned(),
            Violation::ItemCount { .. } => "give the expected number of entries".to_owned(),
            Violation::SyncPushWithContent { field } => {
                format!("remove `{field}`, or drop `send_to_sync` to send a visible notification")
            }
            Violation::PushTooLong { channel, .. } if *channel == "apple_push" => {
                "shorten the alert, or move data out of `extra` and the other fields".to_owned()
            }
            Violation::PushTooLong { .. } => "shorten the alert, or move data out of `extra`".to_owned(),
            Violation::LocalTimePassed { .. } => "pick a time still ahead somewhere (the last time zone is \
                                                  UTC-12), or drop `in_local_time` and give a future UTC time"
                .to_owned(),
            Violation::ExpiryTooFar { .. } => {
                format!("expire the card within {} days, or use `time_to_live`", crate::MAX_CARD_EXPIRY_DAYS)
            }
            Violation::PriorityRewritten { .. } => "use a value from -2 (lowest) to 2 (highest)".to_owned(),
            Violation::ApiKeyInBody => "remove `api_key`: the client already authenticates with the key it was \
                                        built with"
                .to_owned(),
        }
    }

    /// Whether this rule is a guard: Braze would not refuse the request, but silently ignore or
    /// rewrite part of it (or, for [`Violation::ApiKeyInBody`], read a key the client never
    /// sends in a body). The rulebook refuses guards so intent is not lost; a Braze-compatible
    /// server accepts them, as Braze does.
    pub fn is_guard(&self) -> bool {
        matches!(
            self,
            Violation::WrongFlagName { .. }
                | Violation::ConflictingScheduleFlags
                | Violation::PriorityRewritten { .. }
                | Violation::ApiKeyInBody
        )
    }

    /// The error message Braze answers for this rule where its docs give one (FACTS §3.3), else
    /// `"Bad Request"`. Guards have none: Braze accepts what they refuse.
    pub fn braze_message(&self) -> &'static str {
        match self {
            Violation::NoAudience { .. } => "No Recipients",
            Violation::TooManyUsers { .. } => "The max number of external_ids and aliases per request was exceeded",
            Violation::TooManyRecipients { .. } => "The max number of ids per request was exceeded",
            Violation::NoMessages => "No message to send",
            Violation::MissingVariation { .. } => "Message Variant Unspecified",
            Violation::PushTooLong { channel, .. } if *channel == "apple_push" => "Apple Push Length Exceeded",
            Violation::PushTooLong { .. } => "Android Push Length Exceeded",
            _ => "Bad Request",
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message(), self.help())
    }
}

impl std::error::Error for Violation {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_required_reads_like_the_user_view() {
        let v = Violation::BroadcastRequired { target: "segment_id" };
        assert_eq!(v.message(), "sending to a segment without naming users needs `broadcast: true`");
        assert!(v.help().contains("`external_user_ids` / `user_aliases`"));
    }

    #[test]
    fn one_entry_is_singular() {
        let v = Violation::TooManyItems { field: "header_variables", count: 2, max: 1 };
        assert_eq!(v.message(), "`header_variables` can hold at most 1 entry, found 2");
    }

    #[test]
    fn lists_are_joined_like_prose() {
        let v = Violation::RecipientIdentifiers { found: vec!["user_alias", "external_user_id"] };
        assert_eq!(v.message(), "a recipient takes exactly one identifier, found `user_alias` and `external_user_id`");
        let v = Violation::MissingOneOf { object: "email", fields: &["body", "email_template_id"] };
        assert_eq!(v.message(), "`email` needs `body` or `email_template_id`");
    }
}

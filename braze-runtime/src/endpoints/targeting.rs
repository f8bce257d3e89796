//! The audience checks shared by every endpoint that names users, segments or audiences.

use braze_rules::{AudienceShape, Violation, check_audience};

use crate::json::UnknownFields;
use crate::model::{Audience, Messages, UserAlias};
use crate::validate::Validator;

/// The audience part of /messages/send and /messages/schedule/create, borrowed for checking.
pub(crate) struct AdHocTargeting<'a> {
    pub broadcast: Option<bool>,
    pub external_user_ids: Option<&'a [String]>,
    pub user_aliases: Option<&'a [UserAlias]>,
    pub segment_id: Option<&'a str>,
    pub audience: Option<&'a Audience>,
    pub campaign_id: Option<&'a str>,
    pub send_id: Option<&'a str>,
    pub messages: Option<&'a Messages>,
}

/// Borrows the same eight fields from either ad-hoc request.
macro_rules! ad_hoc_targeting {
    ($name:ident, $request:ty) => {
        pub(crate) fn $name(r: &'a $request) -> Self {
            AdHocTargeting {
                broadcast: r.broadcast,
                external_user_ids: r.external_user_ids.as_deref(),
                user_aliases: r.user_aliases.as_deref(),
                segment_id: r.segment_id.as_deref(),
                audience: r.audience.as_ref(),
                campaign_id: r.campaign_id.as_deref(),
                send_id: r.send_id.as_deref(),
                messages: r.messages.as_ref(),
            }
        }
    };
}

impl<'a> AdHocTargeting<'a> {
    ad_hoc_targeting!(of_send, crate::endpoints::MessagesSend);
    ad_hoc_targeting!(of_scheduled, crate::endpoints::MessagesScheduleCreate);
}

pub(crate) const AD_HOC_AUDIENCE_KEYS: &[&str] = &["segment_id", "external_user_ids", "user_aliases", "audience"];

impl AdHocTargeting<'_> {
    pub(crate) fn validate_into(&self, v: &mut Validator) {
        let ids = self.external_user_ids.map_or(0, <[String]>::len);
        let aliases = self.user_aliases.map_or(0, <[UserAlias]>::len);
        let users = if ids > 0 {
            Some("external_user_ids")
        } else if aliases > 0 {
            Some("user_aliases")
        } else {
            None
        };
        let group = if self.segment_id.is_some() {
            Some("segment_id")
        } else if self.audience.is_some() {
            Some("audience")
        } else {
            None
        };
        let shape = AudienceShape {
            users,
            group,
            broadcast: self.broadcast,
            accepted: AD_HOC_AUDIENCE_KEYS,
            // FACTS §5.1: "at least one of segment_id, external_user_ids and audience"; a bare
            // broadcast gets "No Recipients". Only the trigger endpoints have a segment of their own.
            broadcast_alone_allowed: false,
        };
        report_audience(v, &shape);
        v.check_at(
            if ids > 0 { "external_user_ids" } else { "user_aliases" },
            braze_rules::check_user_count(ids, aliases),
        );
        if let Some(ids) = self.external_user_ids {
            v.at("external_user_ids", |v| {
                for (i, id) in ids.iter().enumerate() {
                    v.index(i, |v| v.check(braze_rules::check_not_blank("external_user_id", id)));
                }
            });
        }
        if let Some(aliases) = self.user_aliases {
            v.each("user_aliases", aliases);
        }
        if let Some(segment) = self.segment_id {
            v.check_at("segment_id", braze_rules::check_not_blank("segment_id", segment));
        }
        if let Some(audience) = self.audience {
            v.nested("audience", audience);
        }
        if let Some(campaign) = self.campaign_id {
            v.check_at("campaign_id", braze_rules::check_not_blank("campaign_id", campaign));
        }
        if let Some(send_id) = self.send_id {
            v.check_at("send_id", braze_rules::check_send_id(send_id));
        }
        match self.messages {
            Some(messages) if !messages.is_empty() => {
                v.nested("messages", messages);
                if self.campaign_id.is_some() {
                    check_variations(v, messages);
                }
            }
            _ => v.report_at("messages", Violation::NoMessages),
        }
    }
}

/// `campaign_id` on a send makes `message_variation_id` mandatory in every message object.
fn check_variations(v: &mut Validator, messages: &Messages) {
    v.at("messages", |v| {
        for (channel, variation) in messages.channels() {
            if variation.is_none() {
                v.report_at(channel, Violation::MissingVariation { channel });
            }
        }
    });
}

/// Reports an audience violation at the key a user would change.
pub(crate) fn report_audience(v: &mut Validator, shape: &AudienceShape) {
    if let Err(violation) = check_audience(shape) {
        let at = match &violation {
            Violation::BroadcastWithUsers { .. } => "broadcast",
            Violation::BroadcastRequired { target } => target,
            _ => "",
        };
        if at.is_empty() { v.report(violation) } else { v.report_at(at, violation) }
    }
}

/// A key that belongs to another endpoint, caught in the passthrough map.
pub(crate) fn check_misspelled_flag(
    v: &mut Validator,
    extra: &UnknownFields,
    found: &'static str,
    expected: &'static str,
    request: &'static str,
) {
    if extra.contains_key(found) {
        v.report_at(found, Violation::WrongFlagName { found, expected, request });
    }
}

use crate::model::{Recipient, RecipientOf};

/// The audience part of the trigger endpoints (campaigns and Canvases), borrowed for checking.
pub(crate) struct TriggerTargeting<'a> {
    pub of: RecipientOf,
    pub broadcast: Option<bool>,
    pub recipients: Option<&'a [Recipient]>,
    pub audience: Option<&'a Audience>,
    pub send_id: Option<&'a str>,
    /// The check of the top-level properties, with their key (`trigger_properties` or `context`).
    pub properties: Option<(&'static str, Result<(), Violation>)>,
}

pub(crate) const TRIGGER_AUDIENCE_KEYS: &[&str] = &["recipients", "audience"];

impl TriggerTargeting<'_> {
    pub(crate) fn validate_into(&self, v: &mut Validator) {
        let count = self.recipients.map_or(0, <[Recipient]>::len);
        let shape = AudienceShape {
            users: (count > 0).then_some("recipients"),
            group: self.audience.map(|_| "audience"),
            broadcast: self.broadcast,
            accepted: TRIGGER_AUDIENCE_KEYS,
            broadcast_alone_allowed: true,
        };
        report_audience(v, &shape);
        v.check_at("recipients", braze_rules::check_recipient_count(count));
        if let Some(recipients) = self.recipients {
            v.at("recipients", |v| {
                for (i, r) in recipients.iter().enumerate() {
                    v.index(i, |v| r.validate_for(self.of, v));
                }
            });
        }
        if let Some(audience) = self.audience {
            v.nested("audience", audience);
        }
        if let Some(send_id) = self.send_id {
            v.check_at("send_id", braze_rules::check_send_id(send_id));
        }
        if let Some((key, check)) = &self.properties {
            v.check_at(key, check.clone());
        }
    }
}

//! Who receives a message: the audience/broadcast rule and the per-request caps.

use crate::{MAX_RECIPIENTS_PER_REQUEST, MAX_USERS_PER_REQUEST, Violation};

/// What a request names as its audience, as far as it is known.
///
/// The macros fill it from the keys they see, the runtime from the values it holds. A list that
/// is given but empty counts as not naming users: Braze answers "No Recipients" for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AudienceShape {
    /// The key that names users on this endpoint, if any are named: `external_user_ids`,
    /// `user_aliases` or `recipients`.
    pub users: Option<&'static str>,
    /// The key that names a segment or connected audience, if one is given: `segment_id`,
    /// `audience` or `custom_audience`.
    pub group: Option<&'static str>,
    /// The value of `broadcast`, if given (`None` when absent or not known at compile time).
    pub broadcast: Option<bool>,
    /// The keys that can name an audience on this endpoint, for the "no audience" message.
    pub accepted: &'static [&'static str],
    /// Whether naming nothing is allowed with `broadcast: true` (trigger endpoints send to the
    /// campaign's own segment; /messages/send sends to everyone reachable).
    pub broadcast_alone_allowed: bool,
}

/// The audience rule.
///
/// At least one of segment, users or audience must be given; a segment or audience without
/// named users needs `broadcast: true`; `broadcast: true` with named users is refused. With
/// nothing named at all, `broadcast: true` is what makes the request valid (on the trigger
/// endpoints it means "the campaign's whole dashboard segment").
pub fn check_audience(shape: &AudienceShape) -> Result<(), Violation> {
    let broadcast = shape.broadcast == Some(true);
    match (shape.users, shape.group) {
        (Some(users), _) if broadcast => Err(Violation::BroadcastWithUsers { users }),
        (Some(_), _) => Ok(()),
        (None, Some(target)) if !broadcast => Err(Violation::BroadcastRequired { target }),
        (None, Some(_)) => Ok(()),
        (None, None) if broadcast && shape.broadcast_alone_allowed => Ok(()),
        (None, None) => Err(Violation::NoAudience { accepted: shape.accepted }),
    }
}

/// At most 50 users per request, `external_user_ids` and `user_aliases` counted together.
pub fn check_user_count(external_user_ids: usize, user_aliases: usize) -> Result<(), Violation> {
    let count = external_user_ids + user_aliases;
    if count > MAX_USERS_PER_REQUEST {
        return Err(Violation::TooManyUsers { count });
    }
    Ok(())
}

/// At most 50 recipient objects per request.
pub fn check_recipient_count(count: usize) -> Result<(), Violation> {
    if count > MAX_RECIPIENTS_PER_REQUEST {
        return Err(Violation::TooManyRecipients { count });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEND: &[&str] = &["segment_id", "external_user_ids", "user_aliases", "audience"];

    fn shape(users: Option<&'static str>, group: Option<&'static str>, broadcast: Option<bool>) -> AudienceShape {
        AudienceShape { users, group, broadcast, accepted: SEND, broadcast_alone_allowed: false }
    }

    #[test]
    fn users_alone_are_enough() {
        assert_eq!(check_audience(&shape(Some("external_user_ids"), None, None)), Ok(()));
        assert_eq!(check_audience(&shape(Some("external_user_ids"), Some("segment_id"), Some(false))), Ok(()));
    }

    #[test]
    fn segment_without_users_needs_broadcast() {
        assert_eq!(
            check_audience(&shape(None, Some("segment_id"), None)),
            Err(Violation::BroadcastRequired { target: "segment_id" })
        );
        assert_eq!(check_audience(&shape(None, Some("segment_id"), Some(true))), Ok(()));
    }

    #[test]
    fn broadcast_with_users_is_refused() {
        assert_eq!(
            check_audience(&shape(Some("user_aliases"), None, Some(true))),
            Err(Violation::BroadcastWithUsers { users: "user_aliases" })
        );
    }

    #[test]
    fn nothing_named_is_refused_unless_the_endpoint_allows_a_bare_broadcast() {
        assert_eq!(check_audience(&shape(None, None, None)), Err(Violation::NoAudience { accepted: SEND }));
        let trigger = AudienceShape { broadcast: Some(true), broadcast_alone_allowed: true, ..shape(None, None, None) };
        assert_eq!(check_audience(&trigger), Ok(()));
    }

    #[test]
    fn caps_count_ids_and_aliases_together() {
        assert!(check_user_count(25, 25).is_ok());
        assert_eq!(check_user_count(30, 21), Err(Violation::TooManyUsers { count: 51 }));
        assert!(check_recipient_count(50).is_ok());
        assert_eq!(check_recipient_count(51), Err(Violation::TooManyRecipients { count: 51 }));
    }
}

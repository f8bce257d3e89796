// Values and keys forwarded by `macro_rules!` (`literal`, `expr`, `tt`, `ident`) arrive in
// invisible groups; the DSL reads them as if written in place, so literals are still checked and
// converted as literals.
use braze_dsl::message;

macro_rules! send_state {
    ($state:literal, $alert:expr, $badge:tt, $users:ident, $key:literal) => {
        message! {
            external_user_ids: $users,
            recipient_subscription_state: $state,
            messages: {
                apple_push: { alert: $alert, badge: $badge, $key: true },
            },
        }
    };
}

macro_rules! scheduled {
    ($time:expr, $priority:literal) => {
        message! {
            external_user_ids: ["u1"],
            schedule: { time: $time, in_local_time: true },
            messages: { android_push: { alert: "a", title: "t", priority: $priority } },
        }
    };
}

fn main() {
    let users = vec!["u1".to_owned()];
    let sent = send_state!("opted_in", "Hello", 3, users, "content-available");
    let body = serde_json::to_value(&sent).unwrap();
    assert_eq!(body["recipient_subscription_state"], "opted_in");
    assert_eq!(body["messages"]["apple_push"]["badge"], 3);
    assert_eq!(body["messages"]["apple_push"]["content-available"], true);
    let later = scheduled!("2031-05-01T09:30:00", -1);
    let body = serde_json::to_value(&later).unwrap();
    assert_eq!(body["schedule"]["time"], "2031-05-01T09:30:00");
    assert_eq!(body["messages"]["android_push"]["priority"], -1);
}

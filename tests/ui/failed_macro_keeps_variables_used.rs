// fallback: after a mistake, the variables used inside `message!` still count as used, and the value keeps its type, so the mistake is the only error.
#![deny(unused_variables)]
use braze_dsl::endpoints::MessagesSend;
use braze_dsl::message;

fn build(title: String, users: Vec<String>) -> MessagesSend {
    message! {
        external_user_ids: users,
        messages: {
            apple_push: { alert: title.clone(), interruption_level: "urgent" },
        },
    }
}

fn main() {
    let _ = build("Hi".into(), vec!["u1".into()]);
}

//! The body every benchmark sends: /messages/send to 50 users on three channels (iOS, Android,
//! email), its content taken from run-time values as an application would.

use braze_dsl::endpoints::MessagesSend;
use braze_dsl::message;

/// What the application knows at run time.
pub struct Input {
    pub users: Vec<String>,
    pub title: String,
    pub text: String,
    pub app_id: String,
    pub from: String,
    pub html: String,
}

impl Input {
    pub fn new() -> Self {
        Input {
            users: (0..50).map(|n| format!("user-{n:06}")).collect(),
            title: "Your order has shipped".to_owned(),
            text: "Order A-1717 is on its way and arrives on Thursday".to_owned(),
            app_id: "5f1e0c54-aaaa-bbbb-cccc-0123456789ab".to_owned(),
            from: "Acme <orders@acme.example>".to_owned(),
            html: "<p>Order <b>A-1717</b> is on its way and arrives on Thursday.</p>".to_owned(),
        }
    }
}

/// The body, declared with `message!`.
pub fn with_message_macro(input: &Input) -> MessagesSend {
    message! {
        external_user_ids: input.users.clone(),
        messages: {
            apple_push: { alert: { title: input.title.clone(), body: input.text.clone() }, badge: 1 },
            android_push: { title: input.title.clone(), alert: input.text.clone() },
            email: {
                app_id: input.app_id.clone(),
                from: input.from.clone(),
                subject: input.title.clone(),
                body: input.html.clone(),
            },
        },
    }
}

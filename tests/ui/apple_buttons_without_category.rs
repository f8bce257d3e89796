// conditional field: `apple_push` sets `buttons` without a `category`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: {
                alert: "Did your order arrive?",
                buttons: [{ action_id: "ab_pb_yes", action: "OPEN_APP" }],
            },
        },
    };
}

// messages: the message has an audience but no `messages` at all.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
    };
}

// messages: `messages` is an empty object, so there is no channel to send on.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {},
    };
}

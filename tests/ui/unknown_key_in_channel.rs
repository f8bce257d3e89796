// unknown key in a channel object: `alert` of `apple_push` is misspelled `alrt`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alrt: "x" },
        },
    };
}

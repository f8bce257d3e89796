// value kind: `apple_push` takes an object `{ alert: … }`, but a bare string is given.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: "hi",
        },
    };
}

// required field: `kindle_push` has an `alert` but no `title`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            kindle_push: { alert: "It is on its way." },
        },
    };
}

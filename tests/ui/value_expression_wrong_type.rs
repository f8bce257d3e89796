// expression values: `badge` is a Rust expression of type `&str` where an integer belongs; rustc's type error points at it.
use braze_dsl::message;

fn main() {
    let badge = "3";
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "You have unread messages", badge: badge },
        },
    };
}

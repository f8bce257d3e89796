// value kind: `external_user_ids` takes a list of strings, but a single string is given.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: "u1",
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

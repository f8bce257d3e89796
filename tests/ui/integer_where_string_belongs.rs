// value kind: user ids are strings, but a numeric id is written as an integer literal.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: [1001],
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

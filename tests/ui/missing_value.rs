// syntax: `sound:` in `apple_push` has no value.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Your order has shipped", sound: },
        },
    };
}

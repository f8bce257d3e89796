// unknown key under `messages`: `line` is not a Braze channel (next to a valid `apple_push`).
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Your order has shipped" },
            line: { text: "Your order has shipped" },
        },
    };
}

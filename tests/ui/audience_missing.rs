// audience rule: the message names no audience (no segment, users or audience, and no `broadcast: true`).
use braze_dsl::message;

fn main() {
    let _message = message! {
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

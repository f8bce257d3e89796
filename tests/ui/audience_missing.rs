// audience rule (FACTS §5.1): the message names no segment, users or audience; Braze answers "No Recipients".
use braze_dsl::message;

fn main() {
    let _message = message! {
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

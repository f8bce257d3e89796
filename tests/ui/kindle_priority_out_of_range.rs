// guard (FACTS §7.3): kindle `priority` is -3; Braze silently sends 0 for anything outside -2 to 2.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            kindle_push: { alert: "It is on its way.", title: "Your order has shipped", priority: -3 },
        },
    };
}

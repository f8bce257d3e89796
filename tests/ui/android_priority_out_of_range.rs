// number range: android `priority` is 3; it must be between -2 and 2.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            android_push: { alert: "It is on its way.", title: "Your order has shipped", priority: 3 },
        },
    };
}

// enumerated value: `android_priority` is "max"; the FCM priority is "normal" or "high".
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            android_push: { alert: "It is on its way.", title: "Your order has shipped", android_priority: "max" },
        },
    };
}

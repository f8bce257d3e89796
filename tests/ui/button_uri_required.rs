// conditional field: an Android push button with `action: "URI"` has no `uri`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            android_push: {
                alert: "It is on its way.",
                title: "Your order has shipped",
                buttons: [{ text: "Track", action: "URI" }],
            },
        },
    };
}

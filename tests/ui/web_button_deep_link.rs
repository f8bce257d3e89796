// enumerated value: a `web_push` button uses `action: "DEEP_LINK"`, which web buttons do not support.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            web_push: {
                alert: "It is on its way.",
                title: "Your order has shipped",
                buttons: [{ text: "Track", action: "DEEP_LINK", uri: "acme://orders/A-17" }],
            },
        },
    };
}

// campaign variations: with `campaign_id`, every message needs `message_variation_id`, and `android_push` has none.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        campaign_id: "6f2d8c1e-3b4a-4f5e-9d7c-2a1b0c9d8e7f",
        messages: {
            apple_push: {
                alert: "Your order has shipped",
                message_variation_id: "3c9e1f7a-8b2d-4e6c-a5f0-1d2b3c4e5f6a",
            },
            android_push: { alert: "It is on its way.", title: "Your order has shipped" },
        },
    };
}

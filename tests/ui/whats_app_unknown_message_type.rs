// enumerated value: `message_type` of `whats_app` is "text_message", which is not a WhatsApp message type.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            whats_app: {
                app_id: "app",
                subscription_group_id: "sg",
                message_type: "text_message",
                message: { body: "Your order has shipped" },
            },
        },
    };
}

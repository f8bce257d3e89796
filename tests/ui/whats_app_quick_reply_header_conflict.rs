// conflicting fields: a WhatsApp quick reply sets both `header_image_uri` and `header_text`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            whats_app: {
                app_id: "app",
                subscription_group_id: "sg",
                message_type: "quick_reply_response_message",
                message: {
                    body: "Did your order arrive?",
                    header_image_uri: "https://cdn.example.com/parcel.png",
                    header_text: "Order A-17",
                    buttons: [{ text: "Yes" }, { text: "No" }],
                },
            },
        },
    };
}

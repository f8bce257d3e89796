// text length: the flow button `caption` has 26 characters; Braze accepts at most 20.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            whats_app: {
                app_id: "app",
                subscription_group_id: "sg",
                message_type: "flow_response_message",
                message: {
                    body: "Our stylists are ready for you",
                    flow_button: { caption: "Book your free appointment", flow_id: "1234567890" },
                },
            },
        },
    };
}

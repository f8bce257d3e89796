// entry count: `button_variables` of a WhatsApp template needs exactly one entry, and two are given.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            whats_app: {
                app_id: "app",
                subscription_group_id: "sg",
                message_type: "template_message",
                message: {
                    template_name: "order_shipped",
                    template_language_code: "en_US",
                    button_variables: { "0": "track/A-17", "1": "help/A-17" },
                },
            },
        },
    };
}

// conditional field: `message` of `whats_app` is written as an object, but `message_type` is missing.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            whats_app: {
                app_id: "app",
                subscription_group_id: "sg",
                message: { body: "Your order has shipped" },
            },
        },
    };
}

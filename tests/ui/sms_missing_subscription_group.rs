// required field: `sms` has no `subscription_group_id`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            sms: { body: "Your order has shipped", app_id: "app" },
        },
    };
}

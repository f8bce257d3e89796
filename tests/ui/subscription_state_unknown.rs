// enumerated value: `recipient_subscription_state` is "opted-in" (hyphen); Braze spells it "opted_in".
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        recipient_subscription_state: "opted-in",
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

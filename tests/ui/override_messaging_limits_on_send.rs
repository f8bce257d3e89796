// guard (FACTS §4.5): /messages/send spells the flag `override_frequency_capping`; Braze silently ignores `override_messaging_limits` there.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        override_messaging_limits: true,
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

// audience filters: one filter object holds two filters; they must be combined with `AND` / `OR`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        audience: {
            custom_attribute: { custom_attribute_name: "vip", comparison: "equals", value: true },
            push_subscription_status: { comparison: "is", value: "opted_in" },
        },
        messages: {
            apple_push: { alert: "Members-only sale starts now" },
        },
    };
}

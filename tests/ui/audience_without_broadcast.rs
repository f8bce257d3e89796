// audience rule: a connected `audience` without named users needs `broadcast: true`, and it is not given.
use braze_dsl::message;

fn main() {
    let _message = message! {
        audience: {
            custom_attribute: { custom_attribute_name: "vip", comparison: "equals", value: true },
        },
        messages: {
            apple_push: { alert: "Members-only sale starts now" },
        },
    };
}

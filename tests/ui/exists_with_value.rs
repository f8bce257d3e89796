// filter comparison: "exists" takes no `value`, but one is given.
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        audience: {
            custom_attribute: { custom_attribute_name: "vip", comparison: "exists", value: true },
        },
        messages: {
            apple_push: { alert: "Thanks for being a VIP" },
        },
    };
}

// filter comparison: a boolean attribute is compared with "not_equal"; booleans use "does_not_equal".
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        audience: {
            custom_attribute: { custom_attribute_name: "vip", comparison: "not_equal", value: true },
        },
        messages: {
            apple_push: { alert: "Become a VIP today" },
        },
    };
}

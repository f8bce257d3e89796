// filter comparison: "greater_than" takes a number, but the value is the string "10".
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        audience: {
            custom_attribute: { custom_attribute_name: "orders_count", comparison: "greater_than", value: "10" },
        },
        messages: {
            apple_push: { alert: "Thanks for being a loyal customer" },
        },
    };
}

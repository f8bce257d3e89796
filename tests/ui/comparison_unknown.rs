// enumerated value: the filter `comparison` is "equal"; Braze spells it "equals".
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        audience: {
            custom_attribute: { custom_attribute_name: "tier", comparison: "equal", value: "gold" },
        },
        messages: {
            apple_push: { alert: "Gold members: early access starts now" },
        },
    };
}

// blank value: a user alias has an empty `alias_name`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        user_aliases: [{ alias_name: "", alias_label: "crm" }],
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

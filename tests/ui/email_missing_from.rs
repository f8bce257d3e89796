// required field: `email` has no `from` address.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            email: {
                app_id: "app",
                subject: "Your order has shipped",
                body: "<p>It is on its way.</p>",
            },
        },
    };
}

// syntax: the comma between `from` and `subject` of `email` is missing.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            email: {
                app_id: "app",
                from: "Acme <news@acme.com>"
                subject: "Your order has shipped",
                body: "<p>It is on its way.</p>",
            },
        },
    };
}

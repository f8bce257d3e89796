// one-of rule: `email` has neither `body` nor `email_template_id`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            email: {
                app_id: "app",
                from: "Acme <news@acme.com>",
                subject: "Your order has shipped",
            },
        },
    };
}

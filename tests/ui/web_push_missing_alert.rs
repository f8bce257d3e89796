// required field: `web_push` has a `title` but no `alert`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            web_push: { title: "Your order has shipped" },
        },
    };
}

// conditional field: the Apple `alert` object has a `title` but no `body`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: { title: "Your order has shipped" } },
        },
    };
}

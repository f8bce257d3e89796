// duplicate key: `external_user_ids` is given twice in the same object.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
        external_user_ids: ["u2"],
    };
}

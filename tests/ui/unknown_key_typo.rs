// unknown key: the top-level key `external_user_ids` is misspelled `extrenal_user_ids`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        extrenal_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

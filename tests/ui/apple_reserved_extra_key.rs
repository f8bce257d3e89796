// reserved key: `extra` of `apple_push` uses the key `aps`, which Braze reserves.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Your order has shipped", extra: { aps: 1 } },
        },
    };
}

// audience rule: `broadcast: true` is combined with users named in `external_user_ids`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        external_user_ids: ["u1", "u2"],
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

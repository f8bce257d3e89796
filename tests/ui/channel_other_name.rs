// unknown key: `ios_push` is another name for a channel; the help names the one meant, `apple_push`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            ios_push: { alert: "Your order has shipped" },
        },
    };
}

// number range: `relevance_score` is 1.5; it must be between 0.0 and 1.0.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Your order has shipped", relevance_score: 1.5 },
        },
    };
}

// one-of rule: `content_card` has neither `time_to_live` nor `expire_at`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            content_card: { type: "CLASSIC", title: "Summer sale", description: "20% off everything" },
        },
    };
}

// value kind: content card `time_to_live` is negative; it takes a non-negative number of seconds.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            content_card: { type: "CLASSIC", title: "Summer sale", description: "20% off everything", time_to_live: -3600 },
        },
    };
}

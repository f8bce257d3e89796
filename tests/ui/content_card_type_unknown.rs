// enumerated value: content card `type` is written in lower case ("classic"); Braze spells it "CLASSIC".
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            content_card: { type: "classic", title: "Summer sale", description: "20% off everything", time_to_live: 86400 },
        },
    };
}

// enumerated value: the Apple push button `action` is "OPEN"; Braze spells it "OPEN_APP".
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: {
                alert: "Did your order arrive?",
                category: "ab_cat_yes_no",
                buttons: [{ action_id: "ab_pb_yes", action: "OPEN" }],
            },
        },
    };
}

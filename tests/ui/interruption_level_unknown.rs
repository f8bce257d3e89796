// enumerated value: `interruption_level` is "time_sensitive" (underscore); Braze spells it "time-sensitive".
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Your driver is outside", interruption_level: "time_sensitive" },
        },
    };
}

// no cascade: `badge` is a string where an integer belongs; only the macro's error is reported, not errors where the result is used.
use braze_dsl::message;

fn main() {
    let m = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "You have unread messages", badge: "3" },
        },
    };
    let json = serde_json::to_string(&m).unwrap();
    println!("{json}");
}

// Integer fields take any integer type that converts without loss: a `u32` badge, a `u8` time to
// live, an `i8` priority.
use braze_dsl::message;

fn main() {
    let unread_count: u32 = 7;
    let hours: u8 = 2;
    let priority: i8 = -1;
    let sent = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "You have mail", badge: unread_count },
            android_push: { alert: "a", title: "t", time_to_live: hours, priority: priority },
        },
    };
    let body = serde_json::to_value(&sent).unwrap();
    assert_eq!(body["messages"]["apple_push"]["badge"], 7);
    assert_eq!(body["messages"]["android_push"]["time_to_live"], 2);
    assert_eq!(body["messages"]["android_push"]["priority"], -1);
}

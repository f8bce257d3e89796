// schedule time: `time` is "tomorrow", which is not an ISO 8601 date-time.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        schedule: { time: "tomorrow" },
        messages: {
            apple_push: { alert: "Your order ships today" },
        },
    };
}

// schedule time: "tomorrow" is not a date-time; with `in_local_time` the help shows a wall-clock time, without an offset.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        schedule: { time: "tomorrow", in_local_time: true },
        messages: {
            apple_push: { alert: "Your order ships today" },
        },
    };
}

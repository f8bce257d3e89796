// schedule time: with `in_local_time: true`, `time` is a wall-clock time, but it carries the UTC offset `Z`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        schedule: { time: "2031-05-01T09:30:00Z", in_local_time: true },
        messages: {
            apple_push: { alert: "Good morning! Your order ships today" },
        },
    };
}

// schedule flags: `in_local_time` is a run-time expression; the flag decides how `time` is read, so it must be a literal.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        schedule: {
            time: "2031-05-01T09:30:00",
            in_local_time: std::env::var_os("SEND_IN_LOCAL_TIME").is_some(),
        },
        messages: {
            apple_push: { alert: "Good morning! Your order ships today" },
        },
    };
}

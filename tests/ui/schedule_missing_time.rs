// required field: `schedule` has a flag but no `time`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        schedule: { in_local_time: true },
        messages: {
            apple_push: { alert: "Your order ships today" },
        },
    };
}

// guard (FACTS §6.1): `in_local_time` and `at_optimal_time` are both true; Braze accepts the pair but documents no meaning for it, so which one applies is unknown.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        schedule: { time: "2031-05-01T09:30:00", in_local_time: true, at_optimal_time: true },
        messages: {
            apple_push: { alert: "Your order ships today" },
        },
    };
}

// guard (FACTS §4.5): a scheduled message spells the flag `override_messaging_limits`; Braze silently ignores `override_frequency_capping` there.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        override_frequency_capping: true,
        schedule: { time: "2031-05-01T09:30:00Z" },
        messages: {
            apple_push: { alert: "Your order ships today" },
        },
    };
}

// filter time: the `last_used_app` filter `value` is "last week", which is not an ISO 8601 date-time.
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        audience: {
            last_used_app: { comparison: "before", value: "last week" },
        },
        messages: {
            apple_push: { alert: "We miss you! Here is 10% off" },
        },
    };
}

// audience rule: a segment without named users needs `broadcast: true`, and it is not given.
use braze_dsl::message;

fn main() {
    let _message = message! {
        segment_id: "vip",
        messages: {
            apple_push: { alert: "Members-only sale starts now" },
        },
    };
}

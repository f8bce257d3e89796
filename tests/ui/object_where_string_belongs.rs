// value kind: `segment_id` takes a string, but an object is given.
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        segment_id: { id: 1 },
        messages: {
            apple_push: { alert: "Members-only sale starts now" },
        },
    };
}

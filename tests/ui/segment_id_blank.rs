// blank value: `segment_id` is an empty string.
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        segment_id: "",
        messages: {
            apple_push: { alert: "Members-only sale starts now" },
        },
    };
}

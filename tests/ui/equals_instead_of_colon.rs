// syntax: `segment_id = "vip"` uses `=` where the DSL writes `key: value`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        segment_id = "vip",
        messages: {
            apple_push: { alert: "Members-only sale starts now" },
        },
    };
}

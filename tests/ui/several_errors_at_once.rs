// error collection: three independent mistakes in one `message!` (unknown key `subjet`, unknown `interruption_level` value, segment without `broadcast: true`) are all reported in one compile.
use braze_dsl::message;

fn main() {
    let _message = message! {
        segment_id: "vip",
        messages: {
            apple_push: { alert: "Members-only sale starts now", interruption_level: "urgent" },
            email: {
                app_id: "app",
                from: "Acme <news@acme.com>",
                subjet: "Members-only sale",
                body: "<p>It starts now.</p>",
            },
        },
    };
}

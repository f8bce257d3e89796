// required field (FACTS §7.2): a visible `android_push` (no `send_to_sync: true`) has an `alert` but no `title`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            android_push: { alert: "It is on its way." },
        },
    };
}

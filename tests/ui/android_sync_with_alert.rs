// silent push (FACTS §7.2): `send_to_sync: true` with an `alert`; Braze throws an error if alert or title is set.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            android_push: { send_to_sync: true, alert: "New mail", extra: { "sync": "inbox" } },
        },
    };
}

// conditional field: `apple_push` has only a `badge`; `alert` is required unless `content-available` is true.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { badge: 1 },
        },
    };
}

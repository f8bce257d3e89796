// conditional field: a `CAPTIONED_IMAGE` content card needs `image_url`, and it has none.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            content_card: {
                type: "CAPTIONED_IMAGE",
                title: "Summer sale",
                description: "20% off everything",
                time_to_live: 86400,
            },
        },
    };
}

// conditional field: `apple_push` sets `asset_url` without `asset_file_type`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Summer sale", asset_url: "https://cdn.example.com/sale.png" },
        },
    };
}

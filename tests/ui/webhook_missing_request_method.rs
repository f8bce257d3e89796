// required field: `webhook` has a `url` but no `request_method`.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            webhook: { url: "https://hooks.example.com/order-shipped", body: "{\"order\":\"A-17\"}" },
        },
    };
}

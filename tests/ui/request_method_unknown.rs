// enumerated value: `request_method` of `webhook` is "PATCH", which Braze does not send.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            webhook: { url: "https://hooks.example.com/orders/A-17", request_method: "PATCH" },
        },
    };
}

// guard (FACTS §1.2): the body carries a legacy `api_key` field; Braze still reads it "for now", but the client sends the key in the `Authorization` header only, so it never lands in a body, an error or a log (`Client::send` refuses it at run time too).
use braze_dsl::message;

fn main() {
    let _message = message! {
        api_key: "a-key-that-must-not-travel",
        external_user_ids: ["u1"],
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}

// send id: `send_id` contains non-ASCII characters; Braze accepts 1 to 64 ASCII characters.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        send_id: "soldes-été-2031",
        messages: {
            apple_push: { alert: "Les soldes commencent !" },
        },
    };
}

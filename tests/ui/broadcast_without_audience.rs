// audience rule (FACTS §5.1): `broadcast: true` alone names no one on /messages/send; Braze answers "No Recipients".
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        messages: {
            apple_push: { alert: "Everyone, everywhere" },
        },
    };
}

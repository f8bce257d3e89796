// audience rule (FACTS §4.1, §5.5): `broadcast: true` alone names no one on /messages/schedule/create either; Braze answers "No Recipients".
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        schedule: { time: "2031-05-01T09:30:00Z" },
        messages: {
            apple_push: { alert: "Everyone, everywhere, on Thursday" },
        },
    };
}

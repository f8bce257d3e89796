// audience filters: the `AND` group is empty; it needs at least one filter.
use braze_dsl::message;

fn main() {
    let _message = message! {
        broadcast: true,
        audience: { AND: [] },
        messages: {
            apple_push: { alert: "Members-only sale starts now" },
        },
    };
}

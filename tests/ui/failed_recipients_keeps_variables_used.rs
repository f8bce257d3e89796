// fallback: after a mistake, the variables used inside `recipients!` still count as used, and the value keeps its type (`Vec<Recipient>`), so the mistake is the only error.
#![deny(unused_variables)]
use braze_dsl::model::Recipient;
use braze_dsl::recipients;

fn build(user: String, first_name: String) -> Vec<Recipient> {
    recipients![
        { external_user_id: user, send_to_existing_only: "no", attributes: { first_name: first_name } },
    ]
}

fn main() {
    let _ = build("u1".into(), "Alex".into());
}

// user creation: `send_to_existing_only: false` is used on a recipient identified by `user_alias`.
fn main() {
    let _recipients = braze_dsl::recipients![
        {
            user_alias: { alias_name: "jane", alias_label: "crm" },
            send_to_existing_only: false,
            attributes: { first_name: "Jane" },
        },
    ];
}

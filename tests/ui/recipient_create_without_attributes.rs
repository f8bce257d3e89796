// user creation: `send_to_existing_only: false` asks Braze to create the user, but no `attributes` are given.
fn main() {
    let _recipients = braze_dsl::recipients![
        { external_user_id: "u1", send_to_existing_only: false },
    ];
}

// recipient identifiers: a recipient names both `external_user_id` and `braze_id`; it takes exactly one.
fn main() {
    let _recipients = braze_dsl::recipients![
        { external_user_id: "u1", braze_id: "5f1c3a2b9d8e7f6a5b4c3d2e" },
    ];
}

// email recipients: a recipient identified by `email` has no `prioritization`.
fn main() {
    let _recipients = braze_dsl::recipients![
        { email: "jane@example.com" },
    ];
}

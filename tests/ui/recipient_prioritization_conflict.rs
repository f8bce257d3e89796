// email recipients: `prioritization` holds both "identified" and "unidentified"; only one is allowed.
fn main() {
    let _recipients = braze_dsl::recipients![
        { email: "jane@example.com", prioritization: ["identified", "unidentified"] },
    ];
}

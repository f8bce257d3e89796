// recipient identifiers: a recipient carries trigger properties but no identifier.
fn main() {
    let _recipients = braze_dsl::recipients![
        { trigger_properties: { order_id: "A-17" } },
    ];
}

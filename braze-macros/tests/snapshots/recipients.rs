fn expansion() {
    let _ = ::std::vec![
        ::braze_dsl::__private::Recipient { id :
        ::braze_dsl::__private::RecipientId::ExternalUserId(::std::string::String::from("u1")),
        trigger_properties :
        ::core::option::Option::Some(::braze_dsl::__private::Properties({ let mut
        __braze_map = ::braze_dsl::__private::serde_json::Map::new(); __braze_map
        .insert(::std::string::String::from("size"),
        ::braze_dsl::__private::serde_json::Value::from(10)); __braze_map })), ..
        ::braze_dsl::__private::Blank::blank() }, ::braze_dsl::__private::Recipient { id
        : ::braze_dsl::__private::RecipientId::Email { email :
        ::std::string::String::from("a@b.example"), prioritization :
        ::std::vec![::braze_dsl::__private::Prioritization::Identified,
        ::braze_dsl::__private::Prioritization::MostRecentlyUpdated] }, ..
        ::braze_dsl::__private::Blank::blank() }
    ];
}

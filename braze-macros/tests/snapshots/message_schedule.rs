fn expansion() {
    let _ = ::braze_dsl::__private::MessagesScheduleCreate {
        broadcast: ::core::option::Option::Some(true),
        audience: ::core::option::Option::Some(
            ::braze_dsl::__private::Audience::And(
                ::std::vec![
                    ::braze_dsl::__private::Audience::CustomAttribute(::braze_dsl::__private::CustomAttributeFilter
                    { custom_attribute_name : ::std::string::String::from("eye_color"),
                    comparison : ::braze_dsl::__private::Comparison::Equals, value :
                    ::core::option::Option::Some(::braze_dsl::__private::serde_json::Value::String(::std::string::String::from("blue"))),
                    .. ::braze_dsl::__private::Blank::blank() }),
                    ::braze_dsl::__private::Audience::PushSubscriptionStatus(::braze_dsl::__private::SubscriptionStatusFilter
                    { comparison : ::braze_dsl::__private::StatusComparison::Is, value :
                    ::braze_dsl::__private::SubscriptionStatus::OptedIn, ..
                    ::braze_dsl::__private::Blank::blank() })
                ],
            ),
        ),
        schedule: ::braze_dsl::__private::checked_schedule(
            "2031-05-01T09:30:00",
            true,
            false,
        ),
        messages: ::core::option::Option::Some(::braze_dsl::__private::Messages {
            sms: ::core::option::Option::Some(::braze_dsl::__private::Sms {
                subscription_group_id: ::std::string::String::from("sg"),
                body: ::std::string::String::from("Sale!"),
                app_id: ::std::string::String::from("app"),
                ..::braze_dsl::__private::Blank::blank()
            }),
            ..::braze_dsl::__private::Blank::blank()
        }),
        ..::braze_dsl::__private::Blank::blank()
    };
}

fn expansion() {
    let _ = ::braze_dsl::__private::MessagesScheduleCreate {
        broadcast: ::core::option::Option::Some(true),
        external_user_ids: ::core::option::Option::None,
        user_aliases: ::core::option::Option::None,
        segment_id: ::core::option::Option::None,
        audience: ::core::option::Option::Some(
            ::braze_dsl::__private::Audience::And(
                ::std::vec![
                    ::braze_dsl::__private::Audience::CustomAttribute(::braze_dsl::__private::CustomAttributeFilter
                    { custom_attribute_name : ::std::string::String::from("eye_color"),
                    comparison : ::braze_dsl::__private::Comparison::Equals, value :
                    ::core::option::Option::Some(::braze_dsl::__private::serde_json::Value::String(::std::string::String::from("blue"))),
                    unknown_fields : ::core::default::Default::default() }),
                    ::braze_dsl::__private::Audience::PushSubscriptionStatus(::braze_dsl::__private::SubscriptionStatusFilter
                    { comparison : ::braze_dsl::__private::StatusComparison::Is, value :
                    ::braze_dsl::__private::SubscriptionStatus::OptedIn, unknown_fields :
                    ::core::default::Default::default() })
                ],
            ),
        ),
        campaign_id: ::core::option::Option::None,
        send_id: ::core::option::Option::None,
        override_messaging_limits: ::core::option::Option::None,
        recipient_subscription_state: ::core::option::Option::None,
        schedule: ::braze_dsl::__private::checked_schedule(
            "2031-05-01T09:30:00",
            true,
            false,
        ),
        messages: ::core::option::Option::Some(::braze_dsl::__private::Messages {
            apple_push: ::core::option::Option::None,
            android_push: ::core::option::Option::None,
            kindle_push: ::core::option::Option::None,
            web_push: ::core::option::Option::None,
            email: ::core::option::Option::None,
            sms: ::core::option::Option::Some(::braze_dsl::__private::Sms {
                subscription_group_id: ::std::string::String::from("sg"),
                body: ::std::string::String::from("Sale!"),
                app_id: ::std::string::String::from("app"),
                message_variation_id: ::core::option::Option::None,
                media_items: ::core::option::Option::None,
                link_shortening_enabled: ::core::option::Option::None,
                user_click_tracking_enabled: ::core::option::Option::None,
                unknown_fields: ::core::default::Default::default(),
            }),
            webhook: ::core::option::Option::None,
            content_card: ::core::option::Option::None,
            whats_app: ::core::option::Option::None,
            unknown_fields: ::core::default::Default::default(),
        }),
        unknown_fields: ::core::default::Default::default(),
    };
}

fn expansion() {
    let _ = {
        let mut __braze_object: ::braze_dsl::__private::MessagesScheduleCreate = ::braze_dsl::__private::Blank::blank();
        __braze_object.broadcast = ::core::option::Option::Some(true);
        __braze_object.audience = ::core::option::Option::Some(
            ::braze_dsl::__private::Audience::And(
                ::std::vec![
                    ::braze_dsl::__private::Audience::CustomAttribute({ let mut
                    __braze_object : ::braze_dsl::__private::CustomAttributeFilter =
                    ::braze_dsl::__private::Blank::blank(); __braze_object
                    .custom_attribute_name = ::std::string::String::from("eye_color");
                    __braze_object.comparison =
                    ::braze_dsl::__private::Comparison::Equals; __braze_object.value =
                    ::core::option::Option::Some(::braze_dsl::__private::serde_json::Value::String(::std::string::String::from("blue")));
                    __braze_object }),
                    ::braze_dsl::__private::Audience::PushSubscriptionStatus({ let mut
                    __braze_object : ::braze_dsl::__private::SubscriptionStatusFilter =
                    ::braze_dsl::__private::Blank::blank(); __braze_object.comparison =
                    ::braze_dsl::__private::StatusComparison::Is; __braze_object.value =
                    ::braze_dsl::__private::SubscriptionStatus::OptedIn; __braze_object
                    })
                ],
            ),
        );
        __braze_object.schedule = ::braze_dsl::__private::checked_schedule(
            "2031-05-01T09:30:00",
            true,
            false,
        );
        {
            let __braze_object_0 = __braze_object
                .messages
                .insert(::braze_dsl::__private::Blank::blank());
            {
                let __braze_object_1 = __braze_object_0
                    .sms
                    .insert(::braze_dsl::__private::Blank::blank());
                __braze_object_1.subscription_group_id = ::std::string::String::from(
                    "sg",
                );
                __braze_object_1.body = ::std::string::String::from("Sale!");
                __braze_object_1.app_id = ::std::string::String::from("app");
            }
        }
        __braze_object
    };
}

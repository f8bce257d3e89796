fn expansion() {
    let _ = {
        let mut __braze_object: ::braze_dsl::__private::MessagesSend = ::braze_dsl::__private::Blank::blank();
        __braze_object.external_user_ids = ::core::option::Option::Some(
            ::std::vec![
                ::std::string::String::from("user-1"), ::core::convert::Into:: <
                ::std::string::String > ::into(user_two)
            ],
        );
        __braze_object.recipient_subscription_state = ::core::option::Option::Some(
            ::braze_dsl::__private::RecipientSubscriptionState::OptedIn,
        );
        {
            let __braze_object_0 = __braze_object
                .messages
                .insert(::braze_dsl::__private::Blank::blank());
            {
                let __braze_object_1 = __braze_object_0
                    .apple_push
                    .insert(::braze_dsl::__private::Blank::blank());
                __braze_object_1.alert = ::core::option::Option::Some(
                    ::braze_dsl::__private::AppleAlert::Object({
                        let mut __braze_object: ::braze_dsl::__private::AlertObject = ::braze_dsl::__private::Blank::blank();
                        __braze_object.body = ::core::option::Option::Some(
                            ::std::string::String::from("Welcome"),
                        );
                        __braze_object.title = ::core::option::Option::Some(
                            ::std::string::String::from("Hi"),
                        );
                        __braze_object
                    }),
                );
                __braze_object_1.badge = ::core::option::Option::Some(1);
                __braze_object_1.content_available = ::core::option::Option::Some(false);
            }
            {
                let __braze_object_1 = __braze_object_0
                    .email
                    .insert(::braze_dsl::__private::Blank::blank());
                __braze_object_1.app_id = ::std::string::String::from("app");
                __braze_object_1.from = ::std::string::String::from(
                    "Acme <a@b.example>",
                );
                __braze_object_1.body = ::core::option::Option::Some(
                    ::std::string::String::from("<p>hi</p>"),
                );
                __braze_object_1.extras = ::core::option::Option::Some({
                    let mut __braze_map = ::std::collections::BTreeMap::new();
                    __braze_map
                        .insert(
                            ::std::string::String::from("campaign"),
                            ::std::string::String::from("spring"),
                        );
                    __braze_map
                });
            }
        }
        __braze_object
    };
}

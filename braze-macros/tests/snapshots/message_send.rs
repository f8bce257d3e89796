fn expansion() {
    let _ = ::braze_dsl::__private::MessagesSend {
        external_user_ids: ::core::option::Option::Some(
            ::std::vec![
                ::std::string::String::from("user-1"), ::core::convert::Into:: <
                ::std::string::String > ::into(user_two)
            ],
        ),
        recipient_subscription_state: ::core::option::Option::Some(
            ::braze_dsl::__private::RecipientSubscriptionState::OptedIn,
        ),
        messages: ::core::option::Option::Some(::braze_dsl::__private::Messages {
            apple_push: ::core::option::Option::Some(::braze_dsl::__private::ApplePush {
                alert: ::core::option::Option::Some(
                    ::braze_dsl::__private::AppleAlert::Object(::braze_dsl::__private::AlertObject {
                        body: ::core::option::Option::Some(
                            ::std::string::String::from("Welcome"),
                        ),
                        title: ::core::option::Option::Some(
                            ::std::string::String::from("Hi"),
                        ),
                        ..::braze_dsl::__private::Blank::blank()
                    }),
                ),
                badge: ::core::option::Option::Some(1),
                content_available: ::core::option::Option::Some(false),
                ..::braze_dsl::__private::Blank::blank()
            }),
            email: ::core::option::Option::Some(::braze_dsl::__private::Email {
                app_id: ::std::string::String::from("app"),
                from: ::std::string::String::from("Acme <a@b.example>"),
                body: ::core::option::Option::Some(
                    ::std::string::String::from("<p>hi</p>"),
                ),
                extras: ::core::option::Option::Some({
                    let mut __braze_map = ::std::collections::BTreeMap::new();
                    __braze_map
                        .insert(
                            ::std::string::String::from("campaign"),
                            ::std::string::String::from("spring"),
                        );
                    __braze_map
                }),
                ..::braze_dsl::__private::Blank::blank()
            }),
            ..::braze_dsl::__private::Blank::blank()
        }),
        ..::braze_dsl::__private::Blank::blank()
    };
}

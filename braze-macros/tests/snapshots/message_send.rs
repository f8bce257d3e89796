fn expansion() {
    let _ = ::braze_dsl::__private::MessagesSend {
        broadcast: ::core::option::Option::None,
        external_user_ids: ::core::option::Option::Some(
            ::std::vec![
                ::std::string::String::from("user-1"), ::core::convert::Into:: <
                ::std::string::String > ::into(user_two)
            ],
        ),
        user_aliases: ::core::option::Option::None,
        segment_id: ::core::option::Option::None,
        audience: ::core::option::Option::None,
        campaign_id: ::core::option::Option::None,
        send_id: ::core::option::Option::None,
        override_frequency_capping: ::core::option::Option::None,
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
                        title_loc_key: ::core::option::Option::None,
                        title_loc_args: ::core::option::Option::None,
                        action_loc_key: ::core::option::Option::None,
                        loc_key: ::core::option::Option::None,
                        loc_args: ::core::option::Option::None,
                        sound: ::core::option::Option::None,
                        unknown_fields: ::core::default::Default::default(),
                    }),
                ),
                badge: ::core::option::Option::Some(1),
                sound: ::core::option::Option::None,
                extra: ::core::option::Option::None,
                content_available: ::core::option::Option::Some(false),
                interruption_level: ::core::option::Option::None,
                relevance_score: ::core::option::Option::None,
                expiry: ::core::option::Option::None,
                custom_uri: ::core::option::Option::None,
                use_webview: ::core::option::Option::None,
                message_variation_id: ::core::option::Option::None,
                notification_group_thread_id: ::core::option::Option::None,
                asset_url: ::core::option::Option::None,
                asset_file_type: ::core::option::Option::None,
                collapse_id: ::core::option::Option::None,
                mutable_content: ::core::option::Option::None,
                send_to_most_recent_device_only: ::core::option::Option::None,
                category: ::core::option::Option::None,
                buttons: ::core::option::Option::None,
                apns_priority: ::core::option::Option::None,
                unknown_fields: ::core::default::Default::default(),
            }),
            android_push: ::core::option::Option::None,
            kindle_push: ::core::option::Option::None,
            web_push: ::core::option::Option::None,
            email: ::core::option::Option::Some(::braze_dsl::__private::Email {
                app_id: ::std::string::String::from("app"),
                from: ::std::string::String::from("Acme <a@b.example>"),
                subject: ::core::option::Option::None,
                reply_to: ::core::option::Option::None,
                bcc: ::core::option::Option::None,
                body: ::core::option::Option::Some(
                    ::std::string::String::from("<p>hi</p>"),
                ),
                plaintext_body: ::core::option::Option::None,
                preheader: ::core::option::Option::None,
                email_template_id: ::core::option::Option::None,
                message_variation_id: ::core::option::Option::None,
                extras: ::core::option::Option::Some({
                    let mut __braze_map = ::std::collections::BTreeMap::new();
                    __braze_map
                        .insert(
                            ::std::string::String::from("campaign"),
                            ::std::string::String::from("spring"),
                        );
                    __braze_map
                }),
                headers: ::core::option::Option::None,
                should_inline_css: ::core::option::Option::None,
                attachments: ::core::option::Option::None,
                unknown_fields: ::core::default::Default::default(),
            }),
            sms: ::core::option::Option::None,
            webhook: ::core::option::Option::None,
            content_card: ::core::option::Option::None,
            whats_app: ::core::option::Option::None,
            unknown_fields: ::core::default::Default::default(),
        }),
        unknown_fields: ::core::default::Default::default(),
    };
}

//! The DSL's output serializes to exactly the documented body: every channel object, every
//! endpoint family (send, schedule, triggered campaign, triggered Canvas, their schedules),
//! Braze's own schema-true examples included, and every request passes the runtime rulebook.

use braze_dsl::model::{Comparison, Schedule};
use braze_dsl::{Campaign, Canvas, Timestamp, Validate, braze_campaign, braze_canvas, message, recipients};
use serde::Serialize;
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/braze-api/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture exists")).expect("fixture is JSON")
}

/// Serializes `request` and checks it against the rulebook too, as of 2031-04-15: the requests
/// of these tests are dated in May 2031, and the rules that depend on the clock (a content card
/// expires at most 30 days out) read it.
fn body<T: Serialize + Validate>(request: &T) -> Value {
    let now = Timestamp::parse("2031-04-15T00:00:00Z").unwrap().instant().to_utc();
    request.validate_at(now).unwrap_or_else(|e| panic!("the DSL built an invalid request: {e}"));
    serde_json::to_value(request).expect("serializes")
}

#[test]
fn braze_email_attachment_example_written_in_the_dsl() {
    // messages_send.request.4.json, key for key.
    let request = message! {
        external_user_ids: ["recipient_user_id"],
        messages: {
            email: {
                app_id: "153e8a29-fd6d-4f77-ade7-1a4ca08d457a",
                subject: "Basis auth attachment test",
                from: "mail <mail@e.company.com>",
                body: "my attachment test",
                attachments: [{
                    file_name: "checkout_receipt.pdf",
                    url: "https://fileserver.company.com/user123-checkout_receipt.pdf",
                    basic_auth_credential: "company_basic_auth_credential_name",
                }],
            },
        },
    };
    assert_eq!(body(&request), fixture("messages_send.request.4.json"));
}

#[test]
fn apple_android_kindle_web_push() {
    let thread = String::from("order-17");
    let request = message! {
        external_user_ids: ["u1"],
        messages: {
            apple_push: {
                alert: { title: "Shipped", body: "Your order is on its way" },
                badge: 1,
                sound: "default",
                extra: { order_id: "A-17" },
                interruption_level: "time-sensitive",
                relevance_score: 0.5,
                expiry: "2031-05-01T09:30:00Z",
                notification_group_thread_id: thread,
                asset_url: "https://cdn.example/box.png",
                asset_file_type: "png",
                category: "ab_cat_yes_no",
                buttons: [{ action_id: "ab_pb_yes", action: "DEEP_LINK", uri: "app://orders/17" }],
                apns_priority: 10,
            },
            android_push: {
                alert: "Your order is on its way",
                title: "Shipped",
                android_priority: "high",
                priority: -1,
                time_to_live: 3600,
                buttons: [{ text: "Track", action: "URI", uri: "https://track.example" }],
                conversation_data: {
                    shortcut_id: "s",
                    reply_person_id: "p1",
                    messages: [{ text: "hi", timestamp: 1700000000, person_id: "p1" }],
                    persons: [{ id: "p1", name: "Acme" }],
                },
            },
            kindle_push: { alert: "On its way", title: "Shipped", priority: 2 },
            web_push: {
                alert: "On its way",
                title: "Shipped",
                require_interaction: true,
                buttons: [{ text: "Open", action: "OPEN_APP" }],
            },
        },
    };
    assert_eq!(
        body(&request),
        json!({
            "external_user_ids": ["u1"],
            "messages": {
                "apple_push": {
                    "alert": {"title": "Shipped", "body": "Your order is on its way"},
                    "badge": 1,
                    "sound": "default",
                    "extra": {"order_id": "A-17"},
                    "interruption_level": "time-sensitive",
                    "relevance_score": 0.5,
                    "expiry": "2031-05-01T09:30:00Z",
                    "notification_group_thread_id": "order-17",
                    "asset_url": "https://cdn.example/box.png",
                    "asset_file_type": "png",
                    "category": "ab_cat_yes_no",
                    "buttons": [{"action_id": "ab_pb_yes", "action": "DEEP_LINK", "uri": "app://orders/17"}],
                    "apns_priority": 10
                },
                "android_push": {
                    "alert": "Your order is on its way",
                    "title": "Shipped",
                    "android_priority": "high",
                    "priority": -1,
                    "time_to_live": 3600,
                    "buttons": [{"text": "Track", "action": "URI", "uri": "https://track.example"}],
                    "conversation_data": {
                        "shortcut_id": "s",
                        "reply_person_id": "p1",
                        "messages": [{"text": "hi", "timestamp": 1700000000, "person_id": "p1"}],
                        "persons": [{"id": "p1", "name": "Acme"}]
                    }
                },
                "kindle_push": {"alert": "On its way", "title": "Shipped", "priority": 2},
                "web_push": {
                    "alert": "On its way",
                    "title": "Shipped",
                    "require_interaction": true,
                    "buttons": [{"text": "Open", "action": "OPEN_APP"}]
                }
            }
        })
    );
}

#[test]
fn sms_webhook_content_card_and_silent_push() {
    let request = message! {
        user_aliases: [{ alias_name: "crm-7", alias_label: "crm_id" }],
        recipient_subscription_state: "all",
        override_frequency_capping: true,
        messages: {
            apple_push: { "content-available": true },
            android_push: { send_to_sync: true, extra: { sync: "inbox" } },
            sms: { subscription_group_id: "sg", body: "Code 1234", app_id: "app", link_shortening_enabled: true },
            webhook: {
                url: "https://hooks.example/braze",
                request_method: "POST",
                request_headers: { "Content-Type": "application/json" },
                body: "{\"order\":17}",
            },
            content_card: {
                type: "CAPTIONED_IMAGE",
                title: "Sale",
                description: "Everything half off",
                image_url: "https://cdn.example/sale.png",
                expire_at: "2031-05-01T00:00:00Z",
                pinned: true,
            },
        },
    };
    assert_eq!(
        body(&request),
        json!({
            "user_aliases": [{"alias_name": "crm-7", "alias_label": "crm_id"}],
            "recipient_subscription_state": "all",
            "override_frequency_capping": true,
            "messages": {
                "apple_push": {"content-available": true},
                "android_push": {"send_to_sync": true, "extra": {"sync": "inbox"}},
                "sms": {"subscription_group_id": "sg", "body": "Code 1234", "app_id": "app", "link_shortening_enabled": true},
                "webhook": {
                    "url": "https://hooks.example/braze",
                    "request_method": "POST",
                    "request_headers": {"Content-Type": "application/json"},
                    "body": "{\"order\":17}"
                },
                "content_card": {
                    "type": "CAPTIONED_IMAGE",
                    "title": "Sale",
                    "description": "Everything half off",
                    "image_url": "https://cdn.example/sale.png",
                    "expire_at": "2031-05-01T00:00:00Z",
                    "pinned": true
                }
            }
        })
    );
}

#[test]
fn every_whats_app_message_type_matches_brazes_fragments() {
    let whats_app = |m: Value| {
        json!({"app_id": "app", "subscription_group_id": "wa"}).as_object().cloned().map(|mut o| {
            o.extend(m.as_object().cloned().unwrap_or_default());
            Value::Object(o)
        })
    };
    let cases = [
        (
            serde_json::to_value(message! { external_user_ids: ["u1"], messages: { whats_app: {
                app_id: "app", subscription_group_id: "wa", message_type: "text_response_message",
                message: { body: "Check out our new deals at https://braze.com", preview_url: true },
            } } }),
            json!({"message_type": "text_response_message", "message": fixture("whats_app_object.fragment.4.json")}),
        ),
        (
            serde_json::to_value(message! { external_user_ids: ["u1"], messages: { whats_app: {
                app_id: "app", subscription_group_id: "wa", message_type: "text_image_response_message",
                message: { image_uri: "https://braze.com/promotion.jpg", caption: "This won't last for long, check it out!" },
            } } }),
            json!({"message_type": "text_image_response_message", "message": fixture("whats_app_object.fragment.5.json")}),
        ),
        (
            serde_json::to_value(message! { external_user_ids: ["u1"], messages: { whats_app: {
                app_id: "app", subscription_group_id: "wa", message_type: "quick_reply_response_message",
                message: { body: "Want to keep hearing from us?", buttons: [{ text: "Yes!" }, { text: "No thanks" }] },
            } } }),
            json!({"message_type": "quick_reply_response_message", "message": fixture("whats_app_object.fragment.6.json")}),
        ),
        (
            serde_json::to_value(message! { external_user_ids: ["u1"], messages: { whats_app: {
                app_id: "app", subscription_group_id: "wa", message_type: "list_response_message",
                message: {
                    body: "Here is a list of options to choose from:",
                    list: {
                        list_button_text: "Choose an option",
                        list_sections: [
                            { section_title: "Section 1", list_rows: [
                                { row_title: "Option 1" },
                                { row_title: "Option 2", row_description: "Description for Option 2" },
                            ] },
                            { section_title: "Section 2", list_rows: [
                                { row_title: "Option 3" }, { row_title: "Option 4" }, { row_title: "Option 5" },
                            ] },
                        ],
                    },
                },
            } } }),
            json!({"message_type": "list_response_message", "message": fixture("whats_app_object.fragment.7.json")}),
        ),
        (
            serde_json::to_value(message! { external_user_ids: ["u1"], messages: { whats_app: {
                app_id: "app", subscription_group_id: "wa", message_type: "flow_response_message",
                message: {
                    body: "Please complete your order details",
                    flow_button: { caption: "Start Order", flow_id: "594425479261596" },
                    generate_custom_attribute: true,
                },
            } } }),
            json!({"message_type": "flow_response_message", "message": fixture("whats_app_object.fragment.8.json")}),
        ),
        (
            serde_json::to_value(message! { external_user_ids: ["u1"], messages: { whats_app: {
                app_id: "app", subscription_group_id: "wa", message_type: "template_message",
                message: {
                    template_name: "promo",
                    template_language_code: "en",
                    header_variables: { 0: "Check it out!" },
                    body_variables: { 0: "Check it out!", 1: "It's pretty neat." },
                    button_variables: { 1: "/marketing/promotion123" },
                },
            } } }),
            json!({"message_type": "template_message", "message": {
                "template_name": "promo",
                "template_language_code": "en",
                "header_variables": fixture("whats_app_object.fragment.1.json"),
                "body_variables": fixture("whats_app_object.fragment.2.json"),
                "button_variables": fixture("whats_app_object.fragment.3.json"),
            }}),
        ),
    ];
    for (built, expected) in cases {
        let built = built.expect("serializes");
        assert_eq!(built["messages"]["whats_app"], whats_app(expected).unwrap());
    }
}

#[test]
fn segment_broadcast_with_a_connected_audience_from_brazes_example() {
    let request = message! {
        broadcast: true,
        segment_id: "segment_identifier",
        audience: {
            AND: [
                { custom_attribute: { custom_attribute_name: "eye_color", comparison: "equals", value: "blue" } },
                { custom_attribute: { custom_attribute_name: "favorite_foods", comparison: "includes_value", value: "pizza" } },
                { OR: [
                    { custom_attribute: { custom_attribute_name: "last_purchase_time", comparison: "less_than_x_days_ago", value: 2 } },
                    { push_subscription_status: { comparison: "is", value: "opted_in" } },
                ] },
                { email_subscription_status: { comparison: "is_not", value: "subscribed" } },
                { last_used_app: { comparison: "after", value: "2019-07-22T13:17:55+0000" } },
            ],
        },
        messages: { sms: { subscription_group_id: "sg", body: "Sale!", app_id: "app" } },
    };
    let built = body(&request);
    assert_eq!(built["audience"], fixture("messages_send.request.1.json")["audience"]);
    assert_eq!(built["segment_id"], "segment_identifier");
    assert_eq!(built["broadcast"], true);
}

#[test]
fn a_schedule_key_makes_a_scheduled_message() {
    let when = Timestamp::parse("2031-05-01T09:30:00Z").unwrap();
    let utc = message! {
        external_user_ids: ["u1"],
        override_messaging_limits: true,
        schedule: { time: when },
        messages: { sms: { subscription_group_id: "sg", body: "Reminder", app_id: "app" } },
    };
    let _: &braze_dsl::endpoints::MessagesScheduleCreate = &utc;
    assert_eq!(body(&utc)["schedule"], json!({"time": "2031-05-01T09:30:00Z"}));
    assert_eq!(body(&utc)["override_messaging_limits"], true);

    let local = message! {
        external_user_ids: ["u1"],
        schedule: { time: "2031-05-01T09:30:00", in_local_time: true },
        messages: { sms: { subscription_group_id: "sg", body: "Reminder", app_id: "app" } },
    };
    assert_eq!(body(&local)["schedule"], json!({"time": "2031-05-01T09:30:00", "in_local_time": true}));
    let optimal = message! {
        broadcast: true,
        segment_id: "vip",
        schedule: { time: "2031-05-01T00:00:00", at_optimal_time: true },
        messages: { sms: { subscription_group_id: "sg", body: "Reminder", app_id: "app" } },
    };
    assert_eq!(body(&optimal)["schedule"], json!({"time": "2031-05-01T00:00:00", "at_optimal_time": true}));
}

#[test]
fn campaign_id_with_variations_from_brazes_apple_example() {
    let request = message! {
        broadcast: false,
        external_user_ids: ["PushTest12"],
        campaign_id: "9c2fefcd-9115-3932-f771-c7f43d18d6b6",
        override_frequency_capping: false,
        recipient_subscription_state: "all",
        messages: {
            apple_push: {
                alert: { title: "Hello!", body: "Message here" },
                message_variation_id: "iosPush-640",
            },
        },
    };
    // Braze's own example writes `"override_frequency_capping": "false"`; the spec says boolean.
    let mut expected = fixture("messages_send.request.2.json");
    expected["override_frequency_capping"] = json!(false);
    assert_eq!(body(&request), expected);
}

#[braze_campaign(id = "campaign-1")]
#[derive(Serialize)]
struct OrderShipped {
    order_id: String,
    #[serde(rename = "eta")]
    arrives: String,
}

#[braze_campaign(id = "campaign-2", broadcast = true)]
#[derive(Serialize)]
struct SpringSale {
    discount: u8,
}

#[braze_canvas(id = "canvas-1", broadcast = true)]
#[derive(Serialize)]
struct Onboarding {
    product_name: String,
    product_price: f64,
}

#[test]
fn triggered_campaigns_send_their_struct_as_trigger_properties() {
    let event = OrderShipped { order_id: "A-17".into(), arrives: "2031-05-02".into() };
    assert_eq!(
        body(&event.to_user("u1")),
        json!({
            "campaign_id": "campaign-1",
            "trigger_properties": {"order_id": "A-17", "eta": "2031-05-02"},
            "recipients": [{"external_user_id": "u1"}]
        })
    );
    let audience = braze_dsl::model::Audience::custom_attribute("vip", Comparison::Equals, Some(json!(true)));
    assert_eq!(body(&event.to_audience(audience))["broadcast"], true);
    assert_eq!(body(&event.to_users(["u1", "u2"]))["recipients"].as_array().map(Vec::len), Some(2));

    // Braze's dedupe example: the same user twice, each with properties of their own.
    let recipients = recipients![
        { external_user_id: "userid1", trigger_properties: { name: "Beth Test 1" } },
        { external_user_id: "userid1", trigger_properties: { name: "Beth Test 2" } },
    ];
    let mut built = body(&SpringSale { discount: 50 }.to_recipients(recipients));
    built.as_object_mut().map(|o| o.remove("trigger_properties"));
    let mut expected = fixture("campaigns_trigger_send.request.2.json");
    expected["campaign_id"] = json!("campaign-2");
    assert_eq!(built, expected);

    let everyone = SpringSale { discount: 50 }.to_everyone();
    assert_eq!(
        body(&everyone),
        json!({"campaign_id": "campaign-2", "trigger_properties": {"discount": 50}, "broadcast": true})
    );
}

#[test]
fn triggered_canvases_send_their_struct_as_context_and_can_be_scheduled() {
    let entry = Onboarding { product_name: "shoes".into(), product_price: 79.99 };
    let send = entry.to_user("u1");
    assert_eq!(body(&send)["context"], fixture("context_object.fragment.1.json")["context"]);
    let at = Schedule::at(Timestamp::parse("2031-05-01T09:30:00Z").unwrap());
    let scheduled = entry.to_everyone().schedule(at);
    assert_eq!(
        body(&scheduled),
        json!({
            "canvas_id": "canvas-1",
            "context": {"product_name": "shoes", "product_price": 79.99},
            "broadcast": true,
            "schedule": {"time": "2031-05-01T09:30:00Z"}
        })
    );
}

#[test]
fn recipients_cover_every_identifier() {
    let list = recipients![
        { external_user_id: "u1", send_to_existing_only: false, attributes: { first_name: "Alex" } },
        { user_alias: { alias_name: "crm-7", alias_label: "crm_id" } },
        { braze_id: "5f1e" },
        { email: "a@b.example", prioritization: ["unidentified", "most_recently_updated"], context: { step: 1 } },
    ];
    assert_eq!(
        serde_json::to_value(&list).unwrap(),
        json!([
            {"external_user_id": "u1", "send_to_existing_only": false, "attributes": {"first_name": "Alex"}},
            {"user_alias": {"alias_name": "crm-7", "alias_label": "crm_id"}},
            {"braze_id": "5f1e"},
            {"email": "a@b.example", "prioritization": ["unidentified", "most_recently_updated"], "context": {"step": 1}}
        ])
    );
}

#[test]
fn values_can_be_any_rust_expression() {
    let users: Vec<&str> = vec!["u1", "u2"];
    let title = format!("Hello {}", "Alex");
    let deadline = chrono::DateTime::parse_from_rfc3339("2031-05-01T09:30:00+02:00").unwrap();
    let request = message! {
        external_user_ids: users,
        messages: {
            android_push: { alert: title.clone(), title: title, time_to_live: 60 * 60 },
            content_card: { type: "CLASSIC", title: "t", description: "d", expire_at: deadline },
        },
    };
    let built = body(&request);
    assert_eq!(built["external_user_ids"], json!(["u1", "u2"]));
    assert_eq!(built["messages"]["android_push"]["title"], "Hello Alex");
    assert_eq!(built["messages"]["android_push"]["time_to_live"], 3600);
    assert_eq!(built["messages"]["content_card"]["expire_at"], "2031-05-01T09:30:00+02:00");
}

#[test]
fn expression_values_are_checked_by_the_runtime_rulebook() {
    let nobody: Vec<String> = Vec::new();
    let request = message! {
        external_user_ids: nobody,
        messages: { sms: { subscription_group_id: "sg", body: "x", app_id: "app" } },
    };
    let err = request.validate().unwrap_err();
    assert!(err.to_string().contains("the message names no audience"), "{err}");
}

#[test]
fn run_time_text_is_read_with_the_macros_parser() {
    use braze_dsl::endpoints::RecipientSubscriptionState;
    use braze_dsl::model::LocalTime;
    // From configuration, a form, a database: text, parsed with the same rules as literals.
    let (state, local, instant) = ("opted_in", "2031-05-01T09:30:00", "2031-05-01T09:30:00Z");
    let state: RecipientSubscriptionState = state.parse().expect("a spelling Braze documents");
    let local: LocalTime = local.parse().expect("a wall-clock time");
    let instant: Timestamp = instant.parse().expect("an instant");
    let local_send = message! {
        external_user_ids: ["u1"],
        recipient_subscription_state: state,
        schedule: { time: local, in_local_time: true },
        messages: { sms: { subscription_group_id: "sg", body: "Hi", app_id: "app" } },
    };
    let utc_send = message! {
        external_user_ids: ["u1"],
        schedule: { time: instant },
        messages: { sms: { subscription_group_id: "sg", body: "Hi", app_id: "app" } },
    };
    assert_eq!(body(&local_send)["schedule"], json!({"time": "2031-05-01T09:30:00", "in_local_time": true}));
    assert_eq!(body(&local_send)["recipient_subscription_state"], "opted_in");
    assert_eq!(body(&utc_send)["schedule"], json!({"time": "2031-05-01T09:30:00Z"}));
    let refused = "opted-in".parse::<RecipientSubscriptionState>().unwrap_err();
    assert!(refused.to_string().contains("did you mean \"opted_in\""), "{refused}");
}

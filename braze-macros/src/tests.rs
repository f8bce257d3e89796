//! In-crate tests of the phases: expansion snapshots (`UPDATE_EXPECT=1` rewrites them) and a
//! property test that no input, however broken, makes the macros panic.

use proc_macro2::TokenStream;
use quote::quote;

use crate::campaign::{Target, expand as campaign};
use crate::{message_tokens, recipients_tokens};

/// The expansion, pretty-printed inside a function so it parses as a file.
fn pretty(expansion: TokenStream) -> String {
    let file: syn::File = syn::parse2(quote!(fn expansion() { let _ = #expansion; }))
        .unwrap_or_else(|e| panic!("the expansion does not parse: {e}\n{expansion}"));
    prettyplease::unparse(&file)
}

fn pretty_items(expansion: TokenStream) -> String {
    let file: syn::File =
        syn::parse2(expansion.clone()).unwrap_or_else(|e| panic!("the expansion does not parse: {e}\n{expansion}"));
    prettyplease::unparse(&file)
}

#[test]
fn snapshot_message_send() {
    let expansion = message_tokens(quote! {
        external_user_ids: ["user-1", user_two],
        recipient_subscription_state: "opted_in",
        messages: {
            apple_push: { alert: { title: "Hi", body: "Welcome" }, badge: 1, "content-available": false },
            email: { app_id: "app", from: "Acme <a@b.example>", body: "<p>hi</p>", extras: { campaign: "spring" } },
        },
    });
    expect_test::expect_file!["../tests/snapshots/message_send.rs"].assert_eq(&pretty(expansion));
}

#[test]
fn snapshot_message_schedule_with_audience() {
    let expansion = message_tokens(quote! {
        broadcast: true,
        audience: { AND: [
            { custom_attribute: { custom_attribute_name: "eye_color", comparison: "equals", value: "blue" } },
            { push_subscription_status: { comparison: "is", value: "opted_in" } },
        ] },
        schedule: { time: "2031-05-01T09:30:00", in_local_time: true },
        messages: { sms: { subscription_group_id: "sg", body: "Sale!", app_id: "app" } },
    });
    expect_test::expect_file!["../tests/snapshots/message_schedule.rs"].assert_eq(&pretty(expansion));
}

#[test]
fn snapshot_recipients() {
    let expansion = recipients_tokens(quote! {
        { external_user_id: "u1", trigger_properties: { size: 10 } },
        { email: "a@b.example", prioritization: ["identified", "most_recently_updated"] },
    });
    expect_test::expect_file!["../tests/snapshots/recipients.rs"].assert_eq(&pretty(expansion));
}

#[test]
fn snapshot_campaign() {
    let expansion = campaign(
        Target::Campaign,
        quote!(id = "c0ffee", broadcast = true),
        quote! {
            #[derive(Serialize)]
            struct OrderShipped { order_id: String }
        },
    );
    expect_test::expect_file!["../tests/snapshots/campaign.rs"].assert_eq(&pretty_items(expansion));
}

#[test]
fn errors_of_one_invocation_come_together_in_source_order() {
    let expansion = message_tokens(quote! {
        segment_id: "vip",
        recipient_subscription_state: "everyone",
        messages: {
            sms: { body: "x", app_id: "a" },
            email: { app_id: "a", from: "f", body: "b", subjet: "s" },
        },
    })
    .to_string();
    let errors: Vec<&str> = expansion.match_indices("compile_error").map(|(i, _)| &expansion[i..]).collect();
    assert_eq!(errors.len(), 4, "{expansion}");
    for (error, words) in errors.iter().zip([
        "`recipient_subscription_state` cannot be \\\"everyone\\\"",
        "`sms` is missing the required field `subscription_group_id`",
        "unknown key `subjet` in `email`",
        "sending to a segment without naming users needs `broadcast: true`",
    ]) {
        assert!(error.contains(words), "expected {words} in {error}");
    }
}

mod never_panics {
    use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
    use proptest::prelude::*;

    use super::*;

    /// One token from the DSL's vocabulary (and some that are not in it).
    fn token() -> impl Strategy<Value = TokenTree> {
        let keys = prop::sample::select(vec![
            "external_user_ids",
            "segment_id",
            "broadcast",
            "messages",
            "apple_push",
            "email",
            "sms",
            "schedule",
            "time",
            "in_local_time",
            "audience",
            "AND",
            "OR",
            "custom_attribute",
            "comparison",
            "value",
            "type",
            "content_card",
            "whats_app",
            "message_type",
            "message",
            "recipients",
            "true",
            "false",
            "alert",
            "x",
        ]);
        let leaf = prop_oneof![
            keys.prop_map(|k| TokenTree::Ident(Ident::new(k, Span::call_site()))),
            prop::sample::select(vec![':', ',', '=', '-', ';', '#', '!', '&', '.'])
                .prop_map(|c| TokenTree::Punct(Punct::new(c, Spacing::Alone))),
            ".{0,12}".prop_map(|s| TokenTree::Literal(Literal::string(&s))),
            any::<i64>().prop_map(|n| TokenTree::Literal(Literal::i64_unsuffixed(n.abs()))),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| TokenTree::Literal(Literal::f64_unsuffixed(f.abs()))),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            (
                prop::collection::vec(inner, 0..8),
                prop::sample::select(vec![Delimiter::Brace, Delimiter::Bracket, Delimiter::Parenthesis]),
            )
                .prop_map(|(trees, delimiter)| TokenTree::Group(Group::new(delimiter, trees.into_iter().collect())))
        })
    }

    fn valid() -> Vec<TokenTree> {
        quote! {
            external_user_ids: ["u1"],
            schedule: { time: "2031-05-01T09:30:00Z" },
            audience: { OR: [ { custom_attribute: { custom_attribute_name: "a", comparison: "exists" } } ] },
            messages: {
                apple_push: { alert: "hi" },
                content_card: { type: "CLASSIC", title: "t", description: "d", time_to_live: 60 },
                whats_app: { app_id: "a", subscription_group_id: "g", message_type: "text_response_message", message: { body: "b" } },
            },
        }
        .into_iter()
        .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn random_tokens(tokens in prop::collection::vec(token(), 0..24)) {
            let stream: TokenStream = tokens.into_iter().collect();
            let _ = message_tokens(stream.clone());
            let _ = recipients_tokens(stream.clone());
            let _ = campaign(Target::Campaign, stream.clone(), stream);
        }

        #[test]
        fn mutated_valid_input(edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, token()), 1..6)) {
            let mut tokens = valid();
            for (at, edit, token) in edits {
                let i = at.index(tokens.len().max(1));
                match edit {
                    0 if !tokens.is_empty() => { tokens.remove(i.min(tokens.len() - 1)); }
                    1 => tokens.insert(i.min(tokens.len()), token),
                    _ if !tokens.is_empty() => { let j = i.min(tokens.len() - 1); tokens[j] = token; }
                    _ => {}
                }
            }
            let _ = message_tokens(tokens.into_iter().collect());
        }
    }
}

/// `docs/DSL-KEYS.md` is rendered from the schema tables, so it lists exactly the keys the
/// macros accept (`UPDATE_EXPECT=1` rewrites it).
#[test]
fn key_reference_is_up_to_date() {
    use crate::schema::*;
    let objects: &[(&str, &ObjectSchema)] = &[
        ("message! (POST /messages/send)", &MESSAGES_SEND),
        ("message! with `schedule` (POST /messages/schedule/create)", &MESSAGES_SCHEDULE_CREATE),
        ("messages", &MESSAGES),
        ("apple_push", &APPLE_PUSH),
        ("apple_push.alert (object form)", &ALERT_OBJECT),
        ("apple_push.buttons[]", &APPLE_BUTTON),
        ("android_push", &ANDROID_PUSH),
        ("android_push.buttons[]", &ANDROID_BUTTON),
        ("android_push.conversation_data", &CONVERSATION_DATA),
        ("conversation_data.messages[]", &CONVERSATION_MESSAGE),
        ("conversation_data.persons[]", &CONVERSATION_PERSON),
        ("kindle_push", &KINDLE_PUSH),
        ("web_push", &WEB_PUSH),
        ("web_push.buttons[]", &WEB_BUTTON),
        ("email", &EMAIL),
        ("email.attachments[]", &EMAIL_ATTACHMENT),
        ("sms", &SMS),
        ("webhook", &WEBHOOK),
        ("content_card", &CONTENT_CARD),
        ("whats_app", &WHATS_APP),
        ("whats_app.message (template_message)", &TEMPLATE_MESSAGE),
        ("whats_app.message (text_response_message)", &TEXT_RESPONSE_MESSAGE),
        ("whats_app.message (text_image_response_message)", &TEXT_IMAGE_RESPONSE_MESSAGE),
        ("whats_app.message (quick_reply_response_message)", &QUICK_REPLY_RESPONSE_MESSAGE),
        ("quick_reply_response_message.buttons[]", &QUICK_REPLY_BUTTON),
        ("whats_app.message (list_response_message)", &LIST_RESPONSE_MESSAGE),
        ("list_response_message.list", &LIST_MESSAGE),
        ("list.list_sections[]", &LIST_SECTION),
        ("list_sections[].list_rows[]", &LIST_ROW),
        ("whats_app.message (flow_response_message)", &FLOW_RESPONSE_MESSAGE),
        ("flow_response_message.flow_button", &FLOW_BUTTON),
        ("user_aliases[] / user_alias", &USER_ALIAS),
        ("audience: custom_attribute", &CUSTOM_ATTRIBUTE_FILTER),
        ("audience: push_subscription_status / email_subscription_status", &SUBSCRIPTION_STATUS_FILTER),
        ("audience: last_used_app", &LAST_USED_APP_FILTER),
        (
            "recipients![] (plus one of `external_user_id`, `user_alias`, `braze_id`, `email` + `prioritization`)",
            &RECIPIENT,
        ),
    ];
    let mut out = String::from(
        "<!-- Rendered from braze-macros/src/schema by `key_reference_is_up_to_date`; \
         run `UPDATE_EXPECT=1 cargo test -p braze-macros` after changing the schema. -->\n\n\
         # Every key the DSL accepts\n\n\
         Keys are Braze's JSON keys. **Required** keys must be written; a value of the listed kind can \
         always be replaced by a Rust expression of the field's type.\n",
    );
    for (title, schema) in objects {
        out.push_str(&format!(
            "\n## `{title}`\n\nRust type: `{}`\n\n| key | value | required |\n|---|---|---|\n",
            schema.ty
        ));
        for field in schema.fields {
            let kind = field.kind.expected().replace('|', "\\|");
            out.push_str(&format!("| `{}` | {} | {} |\n", field.key, kind, if field.required { "yes" } else { "" }));
        }
        if schema.ty == "WhatsApp" {
            out.push_str("| `message_type` | one of the six message types; decides the shape of `message` | with an object `message` |\n");
        }
    }
    out.push_str("\n## `schedule`\n\n| key | value | required |\n|---|---|---|\n");
    out.push_str("| `time` | an ISO 8601 date-time string (no offset with either flag), or an expression | yes |\n");
    out.push_str(
        "| `in_local_time` | literal `true` or `false` | |\n| `at_optimal_time` | literal `true` or `false` | |\n",
    );
    out.push_str("\n## `audience`\n\nOne filter per object: `AND: [ … ]`, `OR: [ … ]`, `custom_attribute`, ");
    out.push_str("`push_subscription_status`, `email_subscription_status` or `last_used_app`, nested freely.\n");
    expect_test::expect_file!["../../docs/DSL-KEYS.md"].assert_eq(&out);
}

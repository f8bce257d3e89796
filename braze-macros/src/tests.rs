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
        extrenal_user_ids: ["u1"],
        recipient_subscription_state: "everyone",
        messages: { sms: { body: "x", app_id: "a" } },
    })
    .to_string();
    let errors: Vec<&str> = expansion.match_indices("compile_error").map(|(i, _)| &expansion[i..]).collect();
    assert_eq!(errors.len(), 4, "{expansion}");
    for (error, words) in errors.iter().zip([
        "unknown key `extrenal_user_ids`",
        "`recipient_subscription_state` cannot be \\\"everyone\\\"",
        "`sms` is missing the required field `subscription_group_id`",
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

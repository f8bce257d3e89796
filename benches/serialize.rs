//! Build and serialize one /messages/send body (50 users, three channels), four ways:
//! a hand-written `#[derive(Serialize)]` struct (the baseline), `message!`, `serde_json::json!`,
//! and, with `--features incumbent`, the crates.io `braze` 0.4 crate. `message!` is also
//! measured with the rulebook check that `Client::send` runs before sending.
//!
//! `cargo bench -p braze-benches --bench serialize [--features incumbent]`

#[path = "fixture.rs"]
mod fixture;
#[path = "ratios.rs"]
mod ratios;

use std::hint::black_box;

use braze_dsl::Validate;
use criterion::{Criterion, criterion_group};
use serde::Serialize;

use fixture::Input;

/// The baseline: what a careful developer writes by hand for exactly this body.
mod hand_written {
    use serde::Serialize;

    #[derive(Serialize)]
    pub struct Body {
        pub external_user_ids: Vec<String>,
        pub messages: Messages,
    }

    #[derive(Serialize)]
    pub struct Messages {
        pub apple_push: ApplePush,
        pub android_push: AndroidPush,
        pub email: Email,
    }

    #[derive(Serialize)]
    pub struct ApplePush {
        pub alert: Alert,
        pub badge: i64,
    }

    #[derive(Serialize)]
    pub struct Alert {
        pub title: String,
        pub body: String,
    }

    #[derive(Serialize)]
    pub struct AndroidPush {
        pub title: String,
        pub alert: String,
    }

    #[derive(Serialize)]
    pub struct Email {
        pub app_id: String,
        pub from: String,
        pub subject: String,
        pub body: String,
    }
}

fn with_hand_written_struct(input: &Input) -> hand_written::Body {
    use hand_written::*;
    Body {
        external_user_ids: input.users.clone(),
        messages: Messages {
            apple_push: ApplePush { alert: Alert { title: input.title.clone(), body: input.text.clone() }, badge: 1 },
            android_push: AndroidPush { title: input.title.clone(), alert: input.text.clone() },
            email: Email {
                app_id: input.app_id.clone(),
                from: input.from.clone(),
                subject: input.title.clone(),
                body: input.html.clone(),
            },
        },
    }
}

/// The runtime's types written by hand, as `message!` expands but without the macro.
fn with_runtime_literal(input: &Input) -> braze_dsl::endpoints::MessagesSend {
    use braze_dsl::endpoints::MessagesSend;
    use braze_dsl::model::{AlertObject, AndroidPush, ApplePush, Email, Messages};
    let alert = AlertObject { title: Some(input.title.clone()), ..AlertObject::new(input.text.clone()) };
    let email = Email {
        subject: Some(input.title.clone()),
        body: Some(input.html.clone()),
        ..Email::new(input.app_id.clone(), input.from.clone())
    };
    MessagesSend {
        external_user_ids: Some(input.users.clone()),
        messages: Some(Messages {
            apple_push: Some(ApplePush { badge: Some(1), ..ApplePush::new(alert) }),
            android_push: Some(AndroidPush::new(input.text.clone(), input.title.clone())),
            email: Some(email),
            ..Messages::default()
        }),
        ..MessagesSend::default()
    }
}

fn with_json_macro(input: &Input) -> serde_json::Value {
    serde_json::json!({
        "external_user_ids": input.users,
        "messages": {
            "apple_push": { "alert": { "title": input.title, "body": input.text }, "badge": 1 },
            "android_push": { "title": input.title, "alert": input.text },
            "email": {
                "app_id": input.app_id,
                "from": input.from,
                "subject": input.title,
                "body": input.html,
            },
        },
    })
}

/// The incumbent types its channel objects as JSON maps, and always writes `broadcast` and
/// `override_frequency_capping` (both `false` here), so its body is 50 bytes longer.
#[cfg(feature = "incumbent")]
fn with_braze_0_4(input: &Input) -> braze::messaging::SendMessagesRequest {
    use braze::messaging::{Messages, SendMessagesRequest};
    let mut messages = Messages::default();
    let alert = serde_json::json!({ "title": input.title, "body": input.text });
    messages.apple_push.insert("alert".into(), alert);
    messages.apple_push.insert("badge".into(), 1.into());
    messages.android_push.insert("title".into(), input.title.clone().into());
    messages.android_push.insert("alert".into(), input.text.clone().into());
    messages.email.insert("app_id".into(), input.app_id.clone().into());
    messages.email.insert("from".into(), input.from.clone().into());
    messages.email.insert("subject".into(), input.title.clone().into());
    messages.email.insert("body".into(), input.html.clone().into());
    SendMessagesRequest { external_user_ids: input.users.clone(), messages: Some(messages), ..Default::default() }
}

fn to_bytes(body: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(body).expect("the body serializes")
}

/// Every variant must write the same document, or the comparison means nothing.
fn check_same_document(input: &Input) {
    let expected: serde_json::Value = serde_json::from_slice(&to_bytes(&with_hand_written_struct(input))).unwrap();
    let written = [
        to_bytes(&fixture::with_message_macro(input)),
        to_bytes(&with_runtime_literal(input)),
        to_bytes(&with_json_macro(input)),
    ];
    for bytes in written {
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap(), expected);
    }
    #[cfg(feature = "incumbent")]
    {
        let mut incumbent: serde_json::Value = serde_json::from_slice(&to_bytes(&with_braze_0_4(input))).unwrap();
        let extra = incumbent.as_object_mut().unwrap();
        assert_eq!(extra.remove("broadcast"), Some(false.into()));
        assert_eq!(extra.remove("override_frequency_capping"), Some(false.into()));
        assert_eq!(incumbent, expected);
    }
}

fn send_body(c: &mut Criterion) {
    let input = Input::new();
    check_same_document(&input);
    let mut group = c.benchmark_group("send_body_50_users_3_channels");
    group.bench_function("hand_written_struct", |b| b.iter(|| to_bytes(&with_hand_written_struct(black_box(&input)))));
    group.bench_function("message_macro", |b| b.iter(|| to_bytes(&fixture::with_message_macro(black_box(&input)))));
    group.bench_function("runtime_struct_literal", |b| b.iter(|| to_bytes(&with_runtime_literal(black_box(&input)))));
    group.bench_function("message_macro_and_rulebook", |b| {
        b.iter(|| {
            let body = fixture::with_message_macro(black_box(&input));
            body.validate().expect("the body is valid");
            to_bytes(&body)
        })
    });
    group.bench_function("json_macro", |b| b.iter(|| to_bytes(&with_json_macro(black_box(&input)))));
    #[cfg(feature = "incumbent")]
    group.bench_function("braze_0_4", |b| b.iter(|| to_bytes(&with_braze_0_4(black_box(&input)))));
    group.finish();
}

criterion_group!(benches, send_body);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    let input = Input::new();
    let input = &input;
    ratios::print(
        "send_body_50_users_3_channels",
        200,
        2_000,
        ratios::wall_clock,
        &mut [
            ("hand_written_struct", &mut || {
                black_box(to_bytes(&with_hand_written_struct(black_box(input))));
            }),
            ("message_macro", &mut || {
                black_box(to_bytes(&fixture::with_message_macro(black_box(input))));
            }),
            ("runtime_struct_literal", &mut || {
                black_box(to_bytes(&with_runtime_literal(black_box(input))));
            }),
            ("message_macro_and_rulebook", &mut || {
                let body = fixture::with_message_macro(black_box(input));
                body.validate().expect("the body is valid");
                black_box(to_bytes(&body));
            }),
            ("json_macro", &mut || {
                black_box(to_bytes(&with_json_macro(black_box(input))));
            }),
            #[cfg(feature = "incumbent")]
            ("braze_0_4", &mut || {
                black_box(to_bytes(&with_braze_0_4(black_box(input))));
            }),
        ],
    );
}

//! The macros' output compiles whatever the caller has in scope: this file shadows the prelude
//! (`Result`, `Option`, `Some`, `None`, `Ok`, `Err`, `String`, `Vec`, `Into`, `Default`, `vec!`)
//! and even defines modules named `braze_dsl` and `core`, under `#![deny(warnings)]`.

#![deny(warnings)]
#![allow(non_camel_case_types, dead_code, unused_macros)]

struct Result;
struct Option;
struct Some;
struct None;
struct Ok;
struct Err;
struct String;
struct Vec;
trait Into {}
trait Default {}
macro_rules! vec {
    () => {};
}
mod braze_dsl {}
mod core {}
mod serde_json {}

use ::braze_dsl::{Campaign as _, Canvas as _};

#[::braze_dsl::braze_campaign(id = "campaign-1", broadcast = true)]
#[derive(::serde::Serialize)]
struct OrderShipped {
    order_id: &'static str,
}

#[::braze_dsl::braze_canvas(id = "canvas-1")]
#[derive(::serde::Serialize)]
struct Onboarding {
    step: u8,
}

#[test]
fn generated_code_uses_only_absolute_paths() {
    let message = ::braze_dsl::message! {
        external_user_ids: ["u1"],
        schedule: { time: "2031-05-01T09:30:00Z" },
        audience: { OR: [ { custom_attribute: { custom_attribute_name: "vip", comparison: "equals", value: true } } ] },
        messages: {
            apple_push: { alert: { title: "Hi", body: "there" }, extra: { a: [1, 2.5, "x", true] } },
            email: { app_id: "a", from: "f <f@e.x>", body: "b", headers: { "X-Tag": "t" } },
            whats_app: { app_id: "a", subscription_group_id: "g", message_type: "text_response_message", message: { body: "b" } },
        },
    };
    let recipients = ::braze_dsl::recipients![
        { external_user_id: "u1", trigger_properties: { size: 10 } },
        { email: "a@b.x", prioritization: ["identified"] },
    ];
    let event = OrderShipped { order_id: "A-17" };
    let requests = [
        ::serde_json::to_value(&message),
        ::serde_json::to_value(&recipients),
        ::serde_json::to_value(event.to_everyone()),
        ::serde_json::to_value(Onboarding { step: 1 }.to_recipients(recipients.clone())),
    ];
    for request in requests {
        assert!(request.is_ok_and(|json| json.is_object() || json.is_array()));
    }
}

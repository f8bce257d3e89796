// A crate that re-exports braze-dsl under another path tells the macros where it is with
// `crate = …` (here the re-export is a module of this crate; a dependency works the same way).
mod acme {
    pub use ::braze_dsl as messaging;
}

use acme::messaging::Campaign;

#[acme::messaging::braze_campaign(crate = crate::acme::messaging, id = "campaign-1")]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

fn main() {
    let sent = acme::messaging::message! {
        crate = crate::acme::messaging;
        external_user_ids: ["u1"],
        messages: { apple_push: { alert: "Hi" } },
    };
    let recipients = acme::messaging::recipients![crate = crate::acme::messaging; { external_user_id: "u2" }];
    assert_eq!(serde_json::to_value(&sent).unwrap()["external_user_ids"][0], "u1");
    assert_eq!(recipients.len(), 1);
    assert_eq!(OrderShipped { order_id: "A".into() }.to_user("u3").campaign_id, "campaign-1");
}

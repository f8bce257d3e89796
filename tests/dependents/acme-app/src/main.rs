//! An application that reaches braze-dsl through a re-exporting crate, with `crate = …`.

use acme::messaging::Campaign;

#[acme::messaging::braze_campaign(crate = ::acme::messaging, id = "campaign-1")]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

fn main() {
    let sent = acme::messaging::message! {
        crate = ::acme::messaging;
        external_user_ids: ["u1"],
        messages: { apple_push: { alert: "Hi" } },
    };
    let recipients = acme::messaging::recipients![crate = ::acme::messaging; { external_user_id: "u2" }];
    let campaign = OrderShipped { order_id: "A-17".into() }.into_recipients(recipients);
    assert_eq!(serde_json::to_value(&sent).unwrap()["external_user_ids"][0], "u1");
    assert_eq!(serde_json::to_value(&campaign).unwrap()["campaign_id"], "campaign-1");
    println!("re-exporting crate: ok");
}

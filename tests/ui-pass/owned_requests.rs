// `into_*` requests own their properties, so a function can build the struct and return the
// request.
use braze_dsl::endpoints::{CampaignsTriggerSend, CanvasTriggerSend};
use braze_dsl::{Campaign, Canvas, braze_campaign, braze_canvas};

#[braze_campaign(id = "campaign-1", broadcast = true)]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

#[braze_canvas(id = "canvas-1")]
#[derive(serde::Serialize)]
struct Onboarding {
    step: u8,
}

fn shipped(order_id: &str) -> CampaignsTriggerSend<OrderShipped> {
    OrderShipped { order_id: order_id.into() }.into_users(["ann", "bob"])
}

fn everyone() -> CampaignsTriggerSend<OrderShipped> {
    OrderShipped { order_id: "all".into() }.into_everyone()
}

fn onboarding() -> CanvasTriggerSend<Onboarding> {
    Onboarding { step: 2 }.into_user("ann")
}

fn main() {
    let body = serde_json::to_value(shipped("A-17")).unwrap();
    assert_eq!(body["trigger_properties"]["order_id"], "A-17");
    assert_eq!(body["recipients"][1]["external_user_id"], "bob");
    assert_eq!(serde_json::to_value(everyone()).unwrap()["broadcast"], true);
    assert_eq!(serde_json::to_value(onboarding()).unwrap()["context"]["step"], 2);
}

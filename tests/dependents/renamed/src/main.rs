//! braze-dsl renamed to `bd`: every macro's expansion reaches it under that name.

use bd::Campaign;

#[bd::braze_campaign(id = "campaign-1")]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

#[bd::braze_canvas(id = "canvas-1")]
#[derive(serde::Serialize)]
struct Onboarding {
    step: u8,
}

fn main() {
    let sent = bd::message! {
        external_user_ids: ["u1"],
        schedule: { time: "2031-05-01T09:30:00Z" },
        messages: { apple_push: { alert: "Hi" } },
    };
    let recipients = bd::recipients![{ external_user_id: "u2", trigger_properties: { size: 10 } }];
    let campaign = OrderShipped { order_id: "A-17".into() }.into_recipients(recipients);
    let canvas = bd::Canvas::into_user(Onboarding { step: 1 }, "u3");
    let bodies = [
        serde_json::to_value(&sent).unwrap(),
        serde_json::to_value(&campaign).unwrap(),
        serde_json::to_value(&canvas).unwrap(),
    ];
    assert_eq!(bodies[0]["schedule"]["time"], "2031-05-01T09:30:00Z");
    assert_eq!(bodies[1]["recipients"][0]["trigger_properties"]["size"], 10);
    assert_eq!(bodies[2]["canvas_id"], "canvas-1");
    println!("renamed dependency: ok");
}

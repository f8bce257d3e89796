// trigger properties: the campaign struct does not derive `serde::Serialize`.
use braze_dsl::{Campaign, braze_campaign};

#[braze_campaign(id = "6f2d8c1e-3b4a-4f5e-9d7c-2a1b0c9d8e7f")]
struct OrderShipped {
    order_id: String,
}

fn main() {
    let event = OrderShipped { order_id: "A-17".into() };
    println!("triggering the campaign for order {}", event.order_id);
    let _request = event.to_user("u1");
}

// campaign attribute: `id` is given as a constant; the attribute needs a string literal.
use braze_dsl::{Campaign, braze_campaign};

const ORDER_SHIPPED_CAMPAIGN: &str = "6f2d8c1e-3b4a-4f5e-9d7c-2a1b0c9d8e7f";

#[braze_campaign(id = ORDER_SHIPPED_CAMPAIGN)]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

fn main() {
    println!("triggering campaign {ORDER_SHIPPED_CAMPAIGN}");
    let event = OrderShipped { order_id: "A-17".into() };
    let _request = event.to_user("u1");
}

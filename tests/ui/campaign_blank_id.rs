// campaign attribute: the campaign `id` is an empty string.
use braze_dsl::{Campaign, braze_campaign};

#[braze_campaign(id = "")]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

fn main() {
    let event = OrderShipped { order_id: "A-17".into() };
    let _request = event.to_user("u1");
}

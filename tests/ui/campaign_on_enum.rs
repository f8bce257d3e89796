// campaign attribute: `#[braze_campaign]` is put on an enum; it goes on a struct with named fields.
use braze_dsl::braze_campaign;

#[braze_campaign(id = "6f2d8c1e-3b4a-4f5e-9d7c-2a1b0c9d8e7f")]
#[derive(serde::Serialize)]
enum OrderEvent {
    Shipped,
    Delivered,
}

fn main() {
    let _events = [OrderEvent::Shipped, OrderEvent::Delivered];
}

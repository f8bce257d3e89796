// campaign attribute: `#[braze_campaign]` is put on a tuple struct; its fields need names to become trigger properties.
use braze_dsl::braze_campaign;

#[braze_campaign(id = "6f2d8c1e-3b4a-4f5e-9d7c-2a1b0c9d8e7f")]
#[derive(serde::Serialize)]
struct OrderShipped(String);

fn main() {
    let _event = OrderShipped("A-17".into());
}

// broadcast guard: `to_everyone()` is called on a campaign not declared `broadcast = true`.
use braze_dsl::{Campaign, braze_campaign};

#[braze_campaign(id = "6f2d8c1e-3b4a-4f5e-9d7c-2a1b0c9d8e7f")]
#[derive(serde::Serialize)]
struct FlashSale {
    discount_percent: u8,
}

fn main() {
    let event = FlashSale { discount_percent: 20 };
    let _request = event.to_everyone();
}

// broadcast guard: `to_everyone()` is called on a Canvas not declared `broadcast = true`.
use braze_dsl::{Canvas, braze_canvas};

#[braze_canvas(id = "0b7e4d2a-9c1f-4a3e-8d5b-6f7a8b9c0d1e")]
#[derive(serde::Serialize)]
struct SpringSaleJourney {
    season: String,
}

fn main() {
    let context = SpringSaleJourney { season: "spring".into() };
    let _request = context.to_everyone();
}

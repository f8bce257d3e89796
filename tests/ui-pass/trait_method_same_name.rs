// A trait of the application with a method of the same name does not clash either: each is
// reached through its trait.
use braze_dsl::{Campaign, braze_campaign};

trait Notify {
    fn to_user(&self, user: &str) -> String;
}

#[braze_campaign(id = "campaign-1")]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

impl Notify for OrderShipped {
    fn to_user(&self, user: &str) -> String {
        format!("notify {user}")
    }
}

fn main() {
    let event = OrderShipped { order_id: "A-17".into() };
    assert_eq!(Notify::to_user(&event, "ann"), "notify ann");
    assert_eq!(Campaign::to_user(&event, "ann").campaign_id, "campaign-1");
}

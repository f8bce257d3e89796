// A struct with its own `to_user` keeps it: the campaign's methods live on the `Campaign` trait
// and never clash with the struct's.
use braze_dsl::{Campaign, braze_campaign};

#[braze_campaign(id = "campaign-1")]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

impl OrderShipped {
    fn to_user(&self, user: &str) -> String {
        format!("{user}: {}", self.order_id)
    }
}

fn main() {
    let event = OrderShipped { order_id: "A-17".into() };
    assert_eq!(event.to_user("ann"), "ann: A-17", "the struct's own method wins the plain call");
    let request = Campaign::to_user(&event, "ann");
    assert_eq!(request.campaign_id, "campaign-1");
    assert_eq!(request.recipients.map(|r| r.len()), Some(1));
}

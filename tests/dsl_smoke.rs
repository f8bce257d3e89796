use braze_dsl::{braze_campaign, message};
use serde_json::json;

#[test]
fn smoke() {
    let users = vec!["user-1".to_string(), "user-2".to_string()];
    let m = message! {
        external_user_ids: users,
        messages: {
            apple_push: { alert: "Welcome aboard", badge: 1, "content-available": true },
            email: { app_id: "app", from: "Acme <a@b.c>", subject: "Welcome", body: "<p>hi</p>" },
            content_card: { type: "CLASSIC", title: "t", description: "d", time_to_live: 3600 },
        },
    };
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(
        v,
        json!({
            "external_user_ids": ["user-1", "user-2"],
            "messages": {
                "apple_push": {"alert": "Welcome aboard", "badge": 1, "content-available": true},
                "email": {"app_id": "app", "from": "Acme <a@b.c>", "subject": "Welcome", "body": "<p>hi</p>"},
                "content_card": {"type": "CLASSIC", "title": "t", "description": "d", "time_to_live": 3600}
            }
        })
    );
}

#[braze_campaign(id = "c0ffee")]
#[derive(serde::Serialize)]
struct OrderShipped {
    order_id: String,
}

#[test]
fn campaign_smoke() {
    let e = OrderShipped { order_id: "A-17".into() };
    let r = e.to_user("u1");
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({"campaign_id": "c0ffee", "trigger_properties": {"order_id": "A-17"}, "recipients": [{"external_user_id": "u1"}]})
    );
}

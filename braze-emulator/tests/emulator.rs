//! The emulator as its users run it: the binary in a child process on a free port, its base URL
//! read from the first line it prints, driven over HTTP like any client in any language would.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const KEY: &str = "emulator-key";

/// A running emulator, stopped when dropped.
struct Emulator {
    child: Child,
    url: String,
    http: reqwest::Client,
}

impl Emulator {
    fn start(args: &[&str]) -> Emulator {
        let mut child = Command::new(env!("CARGO_BIN_EXE_braze-emulator"))
            .args(["--listen", "127.0.0.1:0", "--api-key", KEY])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the emulator starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a first line");
        let url = first.trim().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "the first line is the base URL: {url:?}");
        braze_dsl::install_crypto_provider();
        Emulator { child, url, http: reqwest::Client::new() }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.url)).bearer_auth(KEY);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the emulator answers");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, None).await
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn push(alert: &str) -> Value {
    json!({"apple_push": {"alert": alert}})
}

#[tokio::test]
async fn every_messaging_endpoint_answers_as_braze_does() {
    let emulator = Emulator::start(&[]);
    let at = json!({"time": "2031-05-01T09:30:00Z"});
    let calls = [
        ("/messages/send", json!({"external_user_ids": ["u1"], "messages": push("Hi")}), 201),
        ("/campaigns/trigger/send", json!({"campaign_id": "c", "recipients": [{"external_user_id": "u2"}]}), 201),
        ("/canvas/trigger/send", json!({"canvas_id": "cv", "recipients": [{"external_user_id": "u3"}]}), 201),
        ("/sends/id/create", json!({"campaign_id": "c", "send_id": "spring"}), 201),
        (
            "/messages/schedule/create",
            json!({"external_user_ids": ["u4"], "schedule": at, "messages": push("Later")}),
            201,
        ),
        ("/campaigns/trigger/schedule/create", json!({"campaign_id": "c", "broadcast": true, "schedule": at}), 201),
        ("/canvas/trigger/schedule/create", json!({"canvas_id": "cv", "broadcast": true, "schedule": at}), 201),
        (
            "/messages/live_activity/start",
            json!({"app_id": "a", "activity_id": "game", "activity_attributes_type": "Game", "activity_attributes": {},
                   "content_state": {}, "notification": {"alert": {"title": "Kickoff", "body": "Now"}},
                   "external_user_ids": ["u5"]}),
            201,
        ),
        ("/messages/live_activity/update", json!({"app_id": "a", "activity_id": "game", "content_state": {}}), 201),
        ("/campaigns/duplicate", json!({"campaign_id": "c", "name": "copy"}), 202),
        ("/canvas/duplicate", json!({"canvas_id": "cv", "name": "copy"}), 202),
        ("/transactional/v1/campaigns/tx/send", json!({"recipient": {"external_user_id": "u6"}}), 200),
        ("/messages/send", json!({"broadcast": true, "messages": push("Hi")}), 400),
    ];
    for (path, body, expected) in calls {
        let (status, answer) = emulator.post(path, body).await;
        assert_eq!(status, expected, "{path}: {answer}");
    }
    let (_, scheduled) = emulator.get("/_emulator/scheduled").await;
    let scheduled = scheduled["scheduled"].as_array().cloned().unwrap_or_default();
    assert_eq!(scheduled.len(), 3);
    let message = scheduled.iter().find(|s| s["kind"] == "Message").expect("the ad-hoc schedule");
    let id = message["schedule_id"].as_str().unwrap().to_owned();
    let moved = json!({"schedule_id": id, "schedule": {"time": "2031-06-01T09:30:00Z"}});
    assert_eq!(emulator.post("/messages/schedule/update", moved).await.0, 200);
    assert_eq!(emulator.post("/messages/schedule/delete", json!({"schedule_id": id})).await.0, 200);
    let (status, list) = emulator.get("/messages/scheduled_broadcasts?end_time=2031-12-31").await;
    assert_eq!((status, list["scheduled_broadcasts"].as_array().map(Vec::len)), (200, Some(0)));
    let (status, _) = emulator.call(reqwest::Method::POST, "/messages/send", None).await;
    assert_eq!(status, 400, "no body");
    let unauthorized = emulator.http.post(format!("{}/messages/send", emulator.url)).json(&json!({})).send().await;
    assert_eq!(unauthorized.unwrap().status().as_u16(), 401);
}

#[tokio::test]
async fn the_control_api_lists_clears_injects_and_limits() {
    let emulator = Emulator::start(&["--rate-limit", "duplicate=2/60"]);
    for user in ["ann", "bob"] {
        emulator.post("/messages/send", json!({"external_user_ids": [user], "messages": push("Hi")})).await;
    }
    let (_, ann) = emulator.get("/_emulator/requests?user=ann").await;
    assert_eq!(ann["requests"].as_array().map(Vec::len), Some(1));
    assert_eq!(ann["requests"][0]["answer"]["message"], "success");
    let (_, delivered) = emulator.get("/_emulator/deliveries?user=bob").await;
    assert_eq!(delivered["deliveries"][0]["users"], json!(["bob"]));

    let (status, queued) =
        emulator.post("/_emulator/faults", json!({"fault": "status", "status": 503, "count": 2})).await;
    assert_eq!((status, queued["queued"].as_u64()), (200, Some(2)));
    for _ in 0..2 {
        assert_eq!(
            emulator.post("/messages/send", json!({"external_user_ids": ["c"], "messages": push("x")})).await.0,
            503
        );
    }
    let (status, error) = emulator.post("/_emulator/faults", json!({"fault": "teapot"})).await;
    assert_eq!(status, 400, "{error}");

    // The command-line limit holds, and the control API sets another.
    for expected in [202, 202, 429] {
        assert_eq!(emulator.post("/campaigns/duplicate", json!({"campaign_id": "c", "name": "n"})).await.0, expected);
    }
    let limit = json!({"bucket": "shared", "limit": 1, "window_secs": 60});
    assert_eq!(emulator.post("/_emulator/rate_limits", limit).await.0, 200);
    let (_, buckets) = emulator.get("/_emulator/rate_limits").await;
    let shared = buckets["buckets"].as_array().unwrap().iter().find(|b| b["bucket"] == "shared").cloned().unwrap();
    assert_eq!(shared["limit"], 1);
    assert_eq!(
        emulator.post("/messages/send", json!({"external_user_ids": ["d"], "messages": push("x")})).await.0,
        201
    );
    assert_eq!(
        emulator.post("/messages/send", json!({"external_user_ids": ["e"], "messages": push("x")})).await.0,
        429
    );

    let (status, _) = emulator.call(reqwest::Method::DELETE, "/_emulator/requests", None).await;
    assert_eq!(status, 200);
    let (_, all) = emulator.get("/_emulator/requests").await;
    assert_eq!(all["requests"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn the_clock_moves_a_schedule_to_delivered() {
    let emulator = Emulator::start(&[]);
    assert_eq!(emulator.post("/_emulator/clock", json!({"now": "2031-05-01T09:00:00Z"})).await.0, 200);
    let body =
        json!({"external_user_ids": ["ann"], "schedule": {"time": "2031-05-01T09:30:00Z"}, "messages": push("Later")});
    assert_eq!(emulator.post("/messages/schedule/create", body).await.0, 201);
    let (_, waiting) = emulator.get("/_emulator/scheduled").await;
    assert_eq!(waiting["scheduled"][0]["users"], json!(["ann"]));
    assert_eq!(emulator.get("/_emulator/deliveries?user=ann").await.1["deliveries"].as_array().map(Vec::len), Some(0));

    let (_, clock) = emulator.post("/_emulator/clock", json!({"advance_secs": 3600})).await;
    assert!(clock["now"].as_str().unwrap().starts_with("2031-05-01T10:00"), "{clock}");
    assert_eq!(emulator.get("/_emulator/scheduled").await.1["scheduled"].as_array().map(Vec::len), Some(0));
    let (_, delivered) = emulator.get("/_emulator/deliveries?user=ann").await;
    assert_eq!(delivered["deliveries"][0]["path"], "/messages/schedule/create");
    assert!(delivered["deliveries"][0]["at"].as_str().unwrap().starts_with("2031-05-01T10:00"));
}

#[tokio::test]
async fn the_inbox_shows_messages_as_text() {
    let emulator = Emulator::start(&[]);
    let body = json!({"external_user_ids": ["ann"], "messages": push("<script>window.__pwned = 1</script> Sale")});
    emulator.post("/messages/send", body).await;
    let page = emulator.http.get(format!("{}/", emulator.url)).send().await.unwrap();
    let csp =
        page.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(html.contains("&lt;script&gt;window.__pwned = 1&lt;/script&gt; Sale"), "escaped");
    assert!(!html.contains("<script"), "no script element at all");
    let user = emulator.http.get(format!("{}/users/ann", emulator.url)).send().await.unwrap().text().await.unwrap();
    assert!(user.contains("What ann would receive") && user.contains("Sale"));
}

#[test]
fn sigterm_stops_it_cleanly_and_remote_binding_needs_a_flag() {
    let emulator = Emulator::start(&[]);
    let pid = i32::try_from(emulator.child.id()).unwrap();
    // SIGTERM, sent as an operator or a container runtime would.
    let sent = Command::new("kill").args(["-TERM", &pid.to_string()]).status().expect("kill runs");
    assert!(sent.success());
    let mut emulator = emulator;
    let status = (0..100)
        .find_map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            emulator.child.try_wait().ok().flatten()
        })
        .expect("it stops within 5 s");
    assert!(status.success(), "a clean exit: {status:?}");

    let refused = Command::new(env!("CARGO_BIN_EXE_braze-emulator"))
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .expect("the emulator runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--allow-remote"));
}

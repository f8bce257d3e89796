//! The emulator as its users run it: the binary in a child process on a free port, its base URL
//! read from the first line it prints, driven over HTTP like any client in any language would.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const KEY: &str = "emulator-key";
const POST: reqwest::Method = reqwest::Method::POST;

/// A running emulator, stopped when dropped.
struct Emulator {
    child: Child,
    url: String,
    http: reqwest::Client,
    key: String,
}

impl Emulator {
    fn start(args: &[&str]) -> Emulator {
        let mut command = Command::new(env!("CARGO_BIN_EXE_braze-emulator"));
        command.args(["--listen", "127.0.0.1:0", "--api-key", KEY]).args(args).stderr(Stdio::null());
        Emulator::launch(command, KEY)
    }

    /// Runs `command` (the binary, set up as the test needs) and reads the base URL it prints.
    fn launch(mut command: Command, key: &str) -> Emulator {
        let mut child = command.stdout(Stdio::piped()).spawn().expect("the emulator starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a first line");
        let url = first.trim().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "the first line is the base URL: {url:?}");
        braze_dsl::install_crypto_provider();
        // Redirects are answers to look at, not to follow.
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
        Emulator { child, url, http, key: key.to_owned() }
    }

    /// The request as sent, answered or not (a dropped connection is an error), headers included.
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> reqwest::Result<reqwest::Response> {
        let mut request = self.http.request(method, format!("{}{path}", self.url)).bearer_auth(&self.key);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let response = self.send(method, path, body).await.expect("the emulator answers");
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

    /// How many deliveries the emulator recorded for `user`.
    async fn deliveries(&self, user: &str) -> usize {
        let (_, found) = self.get(&format!("/_emulator/deliveries?user={user}")).await;
        found["deliveries"].as_array().map_or(0, Vec::len)
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

/// Starts an emulator, sends it `signal` (as `kill` spells it) and expects a clean exit within 5 s.
fn stops_cleanly_on(signal: &str) {
    let mut emulator = Emulator::start(&[]);
    let pid = emulator.child.id().to_string();
    assert!(Command::new("kill").args([signal, &pid]).status().expect("kill runs").success());
    let status = (0..100)
        .find_map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            emulator.child.try_wait().ok().flatten()
        })
        .expect("it stops within 5 s");
    assert!(status.success(), "a clean exit on {signal}: {status:?}");
}

#[test]
fn sigterm_stops_it_cleanly_and_remote_binding_needs_a_flag() {
    // SIGTERM, sent as an operator or a container runtime would.
    stops_cleanly_on("-TERM");

    let refused = Command::new(env!("CARGO_BIN_EXE_braze-emulator"))
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .expect("the emulator runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--allow-remote"));
}

#[test]
fn ctrl_c_stops_it_cleanly_and_a_remote_binding_is_warned_about() {
    // Ctrl-C in a terminal is SIGINT.
    stops_cleanly_on("-INT");

    // With the flag it listens beyond loopback, and says on stderr what that means.
    let mut remote = Command::new(env!("CARGO_BIN_EXE_braze-emulator"))
        .args(["--listen", "0.0.0.0:0", "--allow-remote"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the emulator starts");
    let mut first = String::new();
    BufReader::new(remote.stdout.take().expect("stdout")).read_line(&mut first).expect("a first line");
    let mut warning = String::new();
    BufReader::new(remote.stderr.take().expect("stderr")).read_line(&mut warning).expect("a warning");
    let _ = remote.kill();
    let _ = remote.wait();
    assert!(first.starts_with("http://"), "the first line is still the base URL: {first:?}");
    assert!(warning.starts_with("warning:") && warning.contains("anyone who reaches it"), "{warning:?}");
}

#[tokio::test]
async fn every_fault_is_injected_over_http() {
    let emulator = Emulator::start(&[]);
    let send = |user: &str| json!({"external_user_ids": [user], "messages": push("Hi")});
    let inject = |fault: Value| emulator.post("/_emulator/faults", fault);

    // Processed, then refused anyway: Braze sent it, and the emulator says so.
    assert_eq!(inject(json!({"fault": "status_after_processing", "status": 500})).await.0, 200);
    assert_eq!(emulator.post("/messages/send", send("after")).await.0, 500);
    assert_eq!(emulator.deliveries("after").await, 1);

    // A gateway's HTML page: not JSON, not processed.
    assert_eq!(inject(json!({"fault": "html", "status": 502})).await.0, 200);
    let (status, page) = emulator.post("/messages/send", send("html")).await;
    assert_eq!(status, 502);
    assert!(page.as_str().is_some_and(|text| text.contains('<')), "an HTML page: {page}");
    assert_eq!(emulator.deliveries("html").await, 0);

    // A 429 with its reset, not processed; the bucket stays spent until then.
    assert_eq!(inject(json!({"fault": "rate_limited", "reset_in_ms": 200})).await.0, 200);
    let limited = emulator.send(POST, "/messages/send", Some(send("limited"))).await.expect("an answer");
    assert_eq!(limited.status().as_u16(), 429);
    assert_eq!(limited.headers().get("x-ratelimit-remaining").and_then(|v| v.to_str().ok()), Some("0"));
    assert_eq!(emulator.deliveries("limited").await, 0);
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Processed, then answered late.
    assert_eq!(inject(json!({"fault": "delay", "ms": 300})).await.0, 200);
    let started = std::time::Instant::now();
    assert_eq!(emulator.post("/messages/send", send("late")).await.0, 201);
    assert!(started.elapsed() >= Duration::from_millis(300), "answered after the delay");
    assert_eq!(emulator.deliveries("late").await, 1);

    // The connection closed without an answer, not processed.
    assert_eq!(inject(json!({"fault": "drop_connection"})).await.0, 200);
    assert!(emulator.send(POST, "/messages/send", Some(send("dropped"))).await.is_err(), "no answer at all");
    assert_eq!(emulator.deliveries("dropped").await, 0);

    // Processed, then a 200 whose body is not JSON.
    assert_eq!(inject(json!({"fault": "malformed_body"})).await.0, 200);
    let (status, body) = emulator.post("/messages/send", send("garbled")).await;
    assert_eq!(status, 200);
    assert!(body.is_string(), "not JSON: {body}");
    assert_eq!(emulator.deliveries("garbled").await, 1);

    // Exactly the answer asked for.
    let answer = json!({"fault": "answer", "status": 302, "headers": {"location": "/login"}, "body": "moved"});
    assert_eq!(inject(answer).await.0, 200);
    let redirected = emulator.send(POST, "/messages/send", Some(send("moved"))).await.expect("an answer");
    assert_eq!(redirected.status().as_u16(), 302);
    assert_eq!(redirected.headers().get("location").and_then(|v| v.to_str().ok()), Some("/login"));
    assert_eq!(emulator.deliveries("moved").await, 0);

    // Nothing left queued: the next request is answered as Braze would.
    assert_eq!(emulator.post("/messages/send", send("normal")).await.0, 201);
    let (status, error) = inject(json!({"fault": "delay"})).await;
    assert_eq!(status, 400, "a delay needs its length: {error}");
}

#[tokio::test]
async fn trigger_schedules_are_updated_and_deleted_and_the_inbox_tells_what_happened() {
    let emulator = Emulator::start(&[]);
    let at = json!({"time": "2031-05-01T09:30:00Z"});
    let later = json!({"time": "2031-06-01T09:30:00Z"});
    for (family, id_key) in [("campaigns", "campaign_id"), ("canvas", "canvas_id")] {
        let create = json!({id_key: "id-1", "recipients": [{"external_user_id": "ann"}], "schedule": at});
        let (status, created) = emulator.post(&format!("/{family}/trigger/schedule/create"), create).await;
        assert_eq!(status, 201, "{family}: {created}");
        let schedule_id = created["schedule_id"].as_str().expect("a schedule id").to_owned();
        let update = json!({id_key: "id-1", "schedule_id": schedule_id, "schedule": later});
        assert_eq!(emulator.post(&format!("/{family}/trigger/schedule/update"), update).await.0, 200, "{family}");
        let delete = json!({id_key: "id-1", "schedule_id": schedule_id});
        assert_eq!(emulator.post(&format!("/{family}/trigger/schedule/delete"), delete).await.0, 200, "{family}");
        // Braze documents no answer for a schedule it does not know; the emulator refuses it.
        let unknown = json!({id_key: "id-1", "schedule_id": "no-such-schedule"});
        assert_eq!(emulator.post(&format!("/{family}/trigger/schedule/delete"), unknown).await.0, 404, "{family}");
    }
    assert_eq!(emulator.get("/_emulator/scheduled").await.1["scheduled"].as_array().map(Vec::len), Some(0));

    // The inbox shows a refusal with Braze's words, the rate-limit buckets and the raw JSON.
    let refused = json!({"broadcast": true, "messages": push("Everyone")});
    let (status, answer) = emulator.post("/messages/send", refused).await;
    assert_eq!(status, 400);
    let words = answer["message"].as_str().expect("Braze's message").to_owned();
    let trigger = json!({"campaign_id": "c", "recipients": [{"external_user_id": "bob"}]});
    assert_eq!(emulator.post("/campaigns/trigger/send", trigger).await.0, 201);
    let scheduled = json!({"external_user_ids": ["bob"], "schedule": at, "messages": push("Thursday sale")});
    assert_eq!(emulator.post("/messages/schedule/create", scheduled).await.0, 201);
    let page = |path: &str| {
        let url = format!("{}{path}", emulator.url);
        let http = emulator.http.clone();
        async move { http.get(url).send().await.expect("a page").text().await.expect("HTML") }
    };
    let inbox = page("/").await;
    let escaped = words.replace('&', "&amp;").replace('"', "&quot;").replace('\'', "&#39;");
    assert!(inbox.contains(&format!("Braze: {escaped}")), "Braze's words: {words}");
    assert!(inbox.contains("<td>shared</td><td>250000</td>"), "the rate-limit buckets");
    assert!(inbox.contains("<summary>JSON</summary><pre>{\n  &quot;broadcast&quot;: true"), "the raw JSON");
    let bob = page("/users/bob").await;
    assert!(bob.contains("/campaigns/trigger/send"), "the trigger send is in bob's view");
    assert!(bob.contains("Thursday sale"), "and so is the schedule");
}

#[test]
fn settings_come_from_the_environment_and_each_request_is_logged() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_braze-emulator"));
    command
        .env("BRAZE_EMULATOR_LISTEN", "127.0.0.1:0")
        .env("BRAZE_EMULATOR_API_KEY", "key-from-env")
        .env("BRAZE_EMULATOR_RATE_LIMIT", "duplicate=1/60")
        .stderr(Stdio::piped());
    let mut emulator = Emulator::launch(command, "key-from-env");
    let stderr = emulator.child.stderr.take().expect("stderr");
    let (lines, logged) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let body = json!({"external_user_ids": ["ann"], "messages": push("Hi")});
        assert_eq!(emulator.post("/messages/send", body).await.0, 201, "the key from the environment");
        let copy = json!({"campaign_id": "c", "name": "n"});
        assert_eq!(emulator.post("/campaigns/duplicate", copy.clone()).await.0, 202);
        assert_eq!(emulator.post("/campaigns/duplicate", copy).await.0, 429, "the limit from the environment");
    });
    let line = std::iter::from_fn(|| logged.recv_timeout(Duration::from_secs(5)).ok())
        .find(|line| line.contains("/messages/send"))
        .expect("a log line for the send");
    assert!(line.contains("201"), "the line gives the status: {line}");
    assert!(!line.contains("key-from-env"), "never the key: {line}");

    // Without a key setting, the documented test key is the key.
    let mut command = Command::new(env!("CARGO_BIN_EXE_braze-emulator"));
    command.env("BRAZE_EMULATOR_LISTEN", "127.0.0.1:0").env_remove("BRAZE_EMULATOR_API_KEY").stderr(Stdio::null());
    let emulator = Emulator::launch(command, braze_dsl::testing::BrazeServer::API_KEY);
    runtime.block_on(async {
        let body = json!({"external_user_ids": ["ann"], "messages": push("Hi")});
        assert_eq!(emulator.post("/messages/send", body).await.0, 201);
    });
}

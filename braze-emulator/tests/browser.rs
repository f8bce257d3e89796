//! The inbox in a real browser (issue 12): headless Chromium, driven through chromedriver's
//! W3C WebDriver protocol, loads the inbox after sends of every channel and checks what a
//! person sees: the alert text, the email subject, the per-user view, and that markup carried by
//! a message (`<script>`, `onerror=`) ran nothing. It writes the screenshot `docs/inbox.png`.
//!
//! Needs Debian's `chromium` and `chromium-driver`; run with
//! `cargo test -p braze-emulator --features browser --test browser`.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};

const KEY: &str = "emulator-key";

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// A WebDriver session against chromedriver.
struct Browser {
    http: reqwest::Client,
    base: String,
    session: String,
}

impl Browser {
    async fn call(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let request = self.http.request(method, url);
        let request = if body.is_null() { request } else { request.json(&body) };
        let response = request.send().await.expect("chromedriver answers");
        let answer: Value = response.json().await.expect("a JSON answer");
        assert!(answer["value"].get("error").is_none(), "WebDriver error on {path}: {answer}");
        answer["value"].clone()
    }

    async fn open(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", json!({ "url": url })).await;
    }

    async fn run(&self, script: &str) -> Value {
        self.call(reqwest::Method::POST, "/execute/sync", json!({ "script": script, "args": [] })).await
    }
}

#[tokio::test]
async fn a_person_sees_every_channel_and_no_message_runs_script() {
    braze_dsl::install_crypto_provider();
    let http = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(60)).build().unwrap();

    let mut emulator = Command::new(env!("CARGO_BIN_EXE_braze-emulator"))
        .args(["--listen", "127.0.0.1:0", "--api-key", KEY])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the emulator starts");
    let mut url = String::new();
    BufReader::new(emulator.stdout.take().unwrap()).read_line(&mut url).unwrap();
    let url = url.trim().to_owned();
    let _emulator = Process(emulator);

    let hostile =
        "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2; fetch('/__pw' + 'ned')\">";
    let sends = [
        json!({"external_user_ids": ["ann"], "messages": {
            "apple_push": {"alert": {"title": "Flash sale", "body": format!("Half off today {hostile}")}},
            "android_push": {"alert": "Your parcel is on its way", "title": "Order A-17"},
            "kindle_push": {"alert": "Read the new chapter", "title": "New chapter"},
            "web_push": {"alert": "Back in stock", "title": "Sneakers"},
            "email": {"app_id": "app", "from": "Acme <hello@acme.example>", "subject": "Your receipt",
                      "body": format!("<h1>Thanks for your order</h1>{hostile}")},
            "sms": {"subscription_group_id": "sg", "body": "Your code is 1234", "app_id": "app"},
            "content_card": {"type": "CLASSIC", "title": "Spring collection", "description": "New arrivals", "time_to_live": 3600},
            "whats_app": {"app_id": "app", "subscription_group_id": "wa", "message_type": "text_response_message",
                          "message": {"body": "Hello from WhatsApp"}},
            "webhook": {"url": "https://hooks.example/orders", "request_method": "POST", "body": "{\"order\":17}"}
        }}),
        json!({"external_user_ids": ["bob"], "schedule": {"time": "2031-05-01T09:30:00Z"},
               "messages": {"sms": {"subscription_group_id": "sg", "body": "See you tomorrow", "app_id": "app"}}}),
    ];
    for (i, body) in sends.iter().enumerate() {
        let path = if i == 0 { "/messages/send" } else { "/messages/schedule/create" };
        let answer = http.post(format!("{url}{path}")).bearer_auth(KEY).json(body).send().await.unwrap();
        assert!(answer.status().is_success(), "{path}: {}", answer.text().await.unwrap_or_default());
    }

    let port = free_port();
    let driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (Debian package chromium-driver)");
    let _driver = Process(driver);
    let base = format!("http://127.0.0.1:{port}");
    let mut ready = false;
    for _ in 0..100 {
        if let Ok(status) = http.get(format!("{base}/status")).send().await
            && let Ok(status) = status.json::<Value>().await
            && status["value"]["ready"] == true
        {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "chromedriver is ready");
    let profile = std::env::temp_dir().join(format!("braze-emulator-chrome-{}", std::process::id()));
    let capabilities = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--window-size=1280,2200", format!("--user-data-dir={}", profile.display())]
        }
    }}});
    let session: Value =
        http.post(format!("{base}/session")).json(&capabilities).send().await.unwrap().json().await.unwrap();
    let session = session["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("a session: {session}")).to_owned();
    let browser = Browser { http: http.clone(), base, session };

    browser.open(&format!("{url}/")).await;
    let text = browser.run("return document.body.innerText;").await;
    let text = text.as_str().unwrap_or_default();
    for seen in [
        "Flash sale",
        "Half off today",
        "Your receipt",
        "Your parcel is on its way",
        "Your code is 1234",
        "Spring collection",
        "Hello from WhatsApp",
        "https://hooks.example/orders",
        "See you tomorrow",
    ] {
        assert!(text.contains(seen), "the inbox shows {seen:?}:\n{text}");
    }
    assert!(text.contains("<script>window.__pwned = 1</script>"), "markup in an alert shows as text");
    assert_eq!(browser.run("return typeof window.__pwned;").await, "undefined", "no script ran in the page");
    assert_eq!(browser.run("return document.scripts.length;").await, 0);
    let frame = browser
        .run(
            "var f = document.querySelector('iframe'); return [f.getAttribute('sandbox'), f.contentDocument === null];",
        )
        .await;
    assert_eq!(frame, json!(["", true]), "the email body is sandboxed, away from the page");

    let png = browser.call(reqwest::Method::GET, "/screenshot", Value::Null).await;
    let png = base64::engine::general_purpose::STANDARD.decode(png.as_str().unwrap_or_default()).expect("a PNG");
    assert!(png.starts_with(b"\x89PNG"), "a PNG image");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/inbox.png");
    std::fs::write(&docs, &png).expect("docs/ is writable");

    browser.open(&format!("{url}/users/ann")).await;
    let user = browser.run("return document.body.innerText;").await;
    let user = user.as_str().unwrap_or_default();
    assert!(user.contains("What ann would receive") && user.contains("Flash sale"), "{user}");
    assert!(!user.contains("See you tomorrow"), "bob's message is not ann's");
    assert_eq!(browser.run("return typeof window.__pwned;").await, "undefined");

    // The email's `onerror` would have fetched /__pwned had it run anywhere.
    let seen: Value =
        http.get(format!("{url}/_emulator/requests?path=/__pwned")).send().await.unwrap().json().await.unwrap();
    assert_eq!(seen["requests"].as_array().map(Vec::len), Some(0), "nothing called home");
    let _ = http.delete(format!("{}/session/{}", browser.base, browser.session)).send().await;
    let _ = std::fs::remove_dir_all(profile);
}

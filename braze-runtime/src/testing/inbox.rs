//! The web inbox: what each request carried and what each user would receive, rendered as plain
//! HTML by the server itself (no JavaScript, nothing to build).
//!
//! Everything a message carries is escaped. An email's HTML is shown in an `<iframe sandbox>`
//! whose `srcdoc` holds it, so it can neither run script nor reach the inbox page, and the page's
//! Content-Security-Policy allows no script at all.

use std::fmt::Write;

use serde_json::Value;

use crate::testing::routes::{Answer, percent_decode};
use crate::testing::state::{Dispatch, RecordedRequest, State, users_of};
use crate::testing::{ScheduledEntry, control};

/// The inbox's headers: no script anywhere, nothing loaded from elsewhere, not framed.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// The page for `path`, or `None` when `path` is not the inbox's.
pub(crate) fn page(state: &State, method: &str, path: &str) -> Option<Answer> {
    if method != "GET" {
        return None;
    }
    let html = if path == "/" {
        overview(state)
    } else {
        let user = percent_decode(path.strip_prefix("/users/")?);
        user_page(state, &user)
    };
    Some(Answer::html_page(html))
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}\
header{background:#1d2330;color:#fff;padding:12px 24px}header a{color:#9cc3ff}\
main{padding:16px 24px;display:grid;gap:16px}section{background:#fff;border-radius:8px;padding:12px 16px;\
box-shadow:0 1px 2px #0002}h2{margin:0 0 8px;font-size:16px}table{border-collapse:collapse;width:100%}\
td,th{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}\
.request{border-top:1px solid #eee;padding:8px 0}.status{font-weight:600;padding:1px 6px;border-radius:4px}\
.ok{background:#d8f5dd;color:#14532d}.err{background:#fde2e1;color:#7f1d1d}.cards{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}\
.card{border:1px solid #dde;border-radius:10px;padding:8px 10px;min-width:220px;max-width:340px;background:#fafbff}\
.card .channel{font-size:11px;text-transform:uppercase;color:#667}.card .title{font-weight:600}\
.bubble{background:#e7f0ff;border-radius:14px;padding:6px 10px;display:inline-block}\
iframe{width:100%;height:160px;border:1px solid #ddd;border-radius:6px;background:#fff}\
pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f8;padding:6px;border-radius:4px;margin:4px 0}\
.error{color:#7f1d1d}.muted{color:#667}";

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head>\
         <body><header><strong>Braze emulator</strong> · <a href=\"/\">inbox</a></header><main>{body}</main></body></html>",
        esc(title)
    )
}

fn overview(state: &State) -> String {
    let (requests, dispatches, scheduled, now) = {
        let s = state.lock();
        let requests: Vec<RecordedRequest> = s.requests.iter().rev().take(200).cloned().collect();
        let scheduled: Vec<ScheduledEntry> = s.schedules.values().cloned().collect();
        (requests, s.dispatches.clone(), scheduled, s.now())
    };
    let mut body = String::new();
    let _ = write!(body, "<section><h2>Clock</h2>{}</section>", esc(&now.to_rfc3339()));

    let mut users: Vec<String> = dispatches.iter().flat_map(|d| d.users.iter().cloned()).collect();
    users.extend(scheduled.iter().flat_map(|e| users_of(&e.body)));
    users.sort();
    users.dedup();
    let _ = write!(body, "<section id=\"users\"><h2>Users ({})</h2>", users.len());
    for user in users.iter().take(500) {
        let _ = write!(body, "<a class=\"user\" href=\"/users/{}\">{}</a> ", esc(&url_escape(user)), esc(user));
    }
    body.push_str("</section>");

    body.push_str("<section id=\"scheduled\"><h2>Scheduled</h2>");
    body.push_str(&schedule_table(&scheduled));
    body.push_str("</section>");

    body.push_str(
        "<section id=\"rate-limits\"><h2>Rate limits</h2><table><tr><th>bucket</th><th>limit</th>\
                   <th>remaining</th><th>window</th><th>reset</th></tr>",
    );
    for bucket in control::rate_limits(state) {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} s</td><td>{}</td></tr>",
            esc(bucket["bucket"].as_str().unwrap_or_default()),
            bucket["limit"],
            bucket["remaining"],
            bucket["window_secs"],
            esc(bucket["reset"].as_str().unwrap_or_default())
        );
    }
    body.push_str("</table></section>");

    let _ = write!(body, "<section id=\"requests\"><h2>Requests ({}), newest first</h2>", requests.len());
    for request in &requests {
        body.push_str(&request_html(request));
    }
    body.push_str("</section>");
    layout("Braze emulator inbox", &body)
}

fn user_page(state: &State, user: &str) -> String {
    let (dispatches, scheduled): (Vec<Dispatch>, Vec<ScheduledEntry>) = {
        let s = state.lock();
        let dispatches = s.dispatches.iter().filter(|d| d.users.iter().any(|u| u == user)).cloned().collect();
        let scheduled = s.schedules.values().filter(|e| users_of(&e.body).iter().any(|u| u == user)).cloned().collect();
        (dispatches, scheduled)
    };
    let mut body = format!("<section id=\"user\"><h2>What {} would receive</h2>", esc(user));
    if dispatches.is_empty() {
        body.push_str("<p class=\"muted\">Nothing sent yet.</p>");
    }
    for dispatch in dispatches.iter().rev() {
        let _ = write!(
            body,
            "<div class=\"request\"><div><strong>{}</strong> <span class=\"muted\">{} · {}</span></div>{}</div>",
            esc(&dispatch.path),
            esc(&dispatch.dispatch_id),
            esc(&dispatch.at.to_rfc3339()),
            previews(&dispatch.body)
        );
    }
    body.push_str("</section><section><h2>Scheduled for this user</h2>");
    body.push_str(&schedule_table(&scheduled));
    body.push_str("</section>");
    layout(&format!("{user} · Braze emulator"), &body)
}

fn schedule_table(entries: &[ScheduledEntry]) -> String {
    if entries.is_empty() {
        return "<p class=\"muted\">Nothing waiting.</p>".to_owned();
    }
    let mut out =
        String::from("<table><tr><th>schedule</th><th>kind</th><th>time</th><th>users</th><th>messages</th></tr>");
    for e in entries {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.schedule_id),
            esc(e.kind),
            esc(&e.id),
            esc(&e.schedule.time_text()),
            esc(&users_of(&e.body).join(", ")),
            previews(&e.body)
        );
    }
    out.push_str("</table>");
    out
}

fn request_html(r: &RecordedRequest) -> String {
    let body = r.json();
    let class = if (200..300).contains(&r.status) { "ok" } else { "err" };
    let mut out = format!(
        "<div class=\"request\"><div><span class=\"status {class}\">{}</span> <strong>{} {}</strong> \
         <span class=\"muted\">{} · {}</span></div>",
        r.status,
        esc(&r.method),
        esc(&r.path),
        esc(&r.received_at.to_rfc3339()),
        esc(&audience(&body))
    );
    if !(200..300).contains(&r.status) {
        let answer: Value = serde_json::from_str(&r.answer).unwrap_or(Value::String(r.answer.clone()));
        let message = answer["message"].as_str().or(answer["error"].as_str()).unwrap_or(&r.answer);
        let _ = write!(out, "<div class=\"error\">Braze: {}</div>", esc(message));
        for error in answer["errors"].as_array().into_iter().flatten() {
            let _ = write!(out, "<div class=\"error\">· {}</div>", esc(error.as_str().unwrap_or_default()));
        }
    }
    out.push_str(&previews(&body));
    let pretty = serde_json::to_string_pretty(&body).unwrap_or_else(|_| r.body.clone());
    let _ = write!(out, "<details><summary>JSON</summary><pre>{}</pre></details></div>", esc(&pretty));
    out
}

/// Who a request addresses, in a few words.
fn audience(body: &Value) -> String {
    let users = users_of(body);
    let mut parts = Vec::new();
    if !users.is_empty() {
        let shown: Vec<&str> = users.iter().take(3).map(String::as_str).collect();
        let more = if users.len() > 3 { format!(" and {} more", users.len() - 3) } else { String::new() };
        parts.push(format!("to {}{more}", shown.join(", ")));
    }
    if let Some(segment) = body["segment_id"].as_str() {
        parts.push(format!("segment {segment}"));
    }
    if body.get("audience").is_some() {
        parts.push("a connected audience".to_owned());
    }
    if body["broadcast"] == Value::Bool(true) {
        parts.push("broadcast".to_owned());
    }
    for key in ["campaign_id", "canvas_id"] {
        if let Some(id) = body[key].as_str() {
            parts.push(format!("{} {id}", key.trim_end_matches("_id")));
        }
    }
    parts.join(" · ")
}

/// A card per channel the request carries, as a person would see it.
fn previews(body: &Value) -> String {
    let Some(messages) = body["messages"].as_object() else {
        let properties = body.get("trigger_properties").or_else(|| body.get("context"));
        return match properties {
            Some(p) => format!(
                "<div class=\"cards\"><div class=\"card\"><div class=\"channel\">properties</div>\
                               <pre>{}</pre></div></div>",
                esc(&p.to_string())
            ),
            None => String::new(),
        };
    };
    let mut out = String::from("<div class=\"cards\">");
    for (channel, message) in messages {
        out.push_str(&card(channel, message));
    }
    out.push_str("</div>");
    out
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

fn card(channel: &str, m: &Value) -> String {
    let inner = match channel {
        "apple_push" => {
            let (title, body) = match &m["alert"] {
                Value::String(alert) => ("", alert.as_str()),
                alert => (text(alert, "title"), text(alert, "body")),
            };
            format!("<div class=\"title\">{}</div><div class=\"alert\">{}</div>", esc(title), esc(body))
        }
        "android_push" | "kindle_push" | "web_push" => {
            format!(
                "<div class=\"title\">{}</div><div class=\"alert\">{}</div>",
                esc(text(m, "title")),
                esc(text(m, "alert"))
            )
        }
        "email" => format!(
            "<div class=\"muted\">From {}</div><div class=\"title subject\">{}</div>\
             <iframe sandbox=\"\" referrerpolicy=\"no-referrer\" title=\"email body\" srcdoc=\"{}\"></iframe>",
            esc(text(m, "from")),
            esc(text(m, "subject")),
            esc(text(m, "body"))
        ),
        "sms" => format!("<div class=\"bubble\">{}</div>", esc(text(m, "body"))),
        "content_card" => format!(
            "<div class=\"title\">{}</div><div>{}</div><div class=\"muted\">{}</div>",
            esc(text(m, "title")),
            esc(text(m, "description")),
            esc(text(m, "image_url"))
        ),
        "whats_app" => {
            let message = &m["message"];
            let shown = [text(message, "template_name"), text(message, "body"), text(message, "caption")]
                .into_iter()
                .find(|t| !t.is_empty())
                .unwrap_or_default();
            format!(
                "<div class=\"muted\">{}</div><div class=\"bubble\">{}</div>",
                esc(text(m, "message_type")),
                esc(shown)
            )
        }
        "webhook" => format!(
            "<div class=\"title\">{} {}</div><pre>{}</pre>",
            esc(text(m, "request_method")),
            esc(text(m, "url")),
            esc(text(m, "body"))
        ),
        _ => format!("<pre>{}</pre>", esc(&m.to_string())),
    };
    format!("<div class=\"card {}\"><div class=\"channel\">{}</div>{inner}</div>", esc(channel), esc(channel))
}

/// A user id as a path segment.
fn url_escape(user: &str) -> String {
    let mut out = String::new();
    for b in user.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_text_everywhere() {
        assert_eq!(
            esc("<script>alert(\"x\")</script>&'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"
        );
        let card = card("email", &serde_json::json!({"subject": "<b>", "body": "<img src=x onerror=\"y()\">"}));
        assert!(card.contains("srcdoc=\"&lt;img src=x onerror=&quot;y()&quot;&gt;\""), "{card}");
        assert!(card.contains("sandbox=\"\""));
        assert!(!card.contains("<b>") && !card.contains("<img"));
    }

    #[test]
    fn user_ids_are_path_safe() {
        assert_eq!(url_escape("ann lee/1"), "ann%20lee%2F1");
    }
}

//! The control API under `/_emulator/`: what [`BrazeServer`](super::BrazeServer)'s methods do,
//! in JSON over HTTP, so tests in any language can drive the server.
//!
//! | Call | Does |
//! |---|---|
//! | `GET /_emulator/requests[?user=…][&path=…]` | the requests received, oldest first |
//! | `DELETE /_emulator/requests` | forgets requests and deliveries |
//! | `GET /_emulator/deliveries[?user=…]` | what was sent (dispatches, and schedules whose time came) |
//! | `GET /_emulator/scheduled` | the schedules waiting for their time |
//! | `POST /_emulator/faults` | queues a fault: `{"fault": "status", "status": 503, "count": 2}` |
//! | `GET`, `POST /_emulator/rate_limits` | each bucket's state; sets one: `{"bucket": "shared", "limit": 10, "window_secs": 60}` |
//! | `GET`, `POST /_emulator/clock` | the clock; sets it: `{"now": "2031-05-01T00:00:00Z"}` or `{"advance_secs": 3600}` |
//! | `POST /_emulator/dashboard_schedules` | adds a dashboard-scheduled campaign for `/messages/scheduled_broadcasts` |

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};

use crate::responses::ScheduledBroadcast;
use crate::testing::rates::RateBucket;
use crate::testing::routes::{Answer, percent_decode};
use crate::testing::state::{Dispatch, RecordedRequest, State, users_of};
use crate::testing::{Fault, ScheduledEntry};

/// Answers a control call, or `None` when `path` is not one.
pub(crate) fn answer(state: &State, method: &str, path: &str, query: Option<&str>, body: &str) -> Option<Answer> {
    let call = path.strip_prefix("/_emulator/")?;
    let param = |name: &str| {
        query
            .unwrap_or_default()
            .split('&')
            .find_map(|pair| pair.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
            .map(percent_decode)
    };
    let body: Value =
        if body.trim().is_empty() { json!({}) } else { serde_json::from_str(body).unwrap_or(Value::Null) };
    Some(match (method, call) {
        ("GET", "requests") => {
            let (user, only_path) = (param("user"), param("path"));
            let s = state.lock();
            let list: Vec<Value> = s
                .requests
                .iter()
                .filter(|r| only_path.as_deref().is_none_or(|p| r.path == p))
                .filter(|r| user.as_deref().is_none_or(|u| users_of(&r.json()).iter().any(|x| x == u)))
                .map(request_json)
                .collect();
            ok(json!({ "requests": list }))
        }
        ("DELETE", "requests") => {
            let mut s = state.lock();
            s.requests.clear();
            s.dispatches.clear();
            ok(json!({ "message": "cleared" }))
        }
        ("GET", "deliveries") => {
            let user = param("user");
            let s = state.lock();
            let list: Vec<Value> = s
                .dispatches
                .iter()
                .filter(|d| user.as_deref().is_none_or(|u| d.users.iter().any(|x| x == u)))
                .map(dispatch_json)
                .collect();
            ok(json!({ "deliveries": list }))
        }
        ("GET", "scheduled") => {
            let s = state.lock();
            let list: Vec<Value> = s.schedules.values().map(schedule_json).collect();
            ok(json!({ "scheduled": list }))
        }
        ("POST", "faults") => match fault(&body) {
            Ok(fault) => {
                let count = body["count"].as_u64().unwrap_or(1).min(10_000);
                let mut s = state.lock();
                for _ in 0..count {
                    s.faults.push_back(fault.clone());
                }
                ok(json!({ "queued": count, "pending": s.faults.len() }))
            }
            Err(why) => bad(&why),
        },
        ("GET", "rate_limits") => ok(json!({ "buckets": rate_limits(state) })),
        ("POST", "rate_limits") => {
            let bucket = body["bucket"].as_str().and_then(|name| name.parse::<RateBucket>().ok());
            match (bucket, body["limit"].as_u64(), body["window_secs"].as_f64()) {
                (Some(bucket), Some(limit), Some(window)) if window > 0.0 && window.is_finite() => {
                    let window = Duration::try_from_secs_f64(window).unwrap_or(Duration::MAX);
                    state.lock().rates.set(bucket, limit, window);
                    ok(json!({ "buckets": rate_limits(state) }))
                }
                _ => bad(
                    "expected {\"bucket\": \"shared\" | \"broadcast\" | \"broadcast_per_audience\" | \"send_ids\" | \
                     \"duplicate\", \"limit\": <requests>, \"window_secs\": <seconds>}",
                ),
            }
        }
        ("GET", "clock") => ok(json!({ "now": state.lock().now().to_rfc3339() })),
        ("POST", "clock") => {
            let mut s = state.lock();
            if let Some(now) = body["now"].as_str().and_then(|t| braze_rules::parse_instant("now", t).ok()) {
                s.clock_offset = now.with_timezone(&Utc).signed_duration_since(Utc::now());
            } else if let Some(secs) = body["advance_secs"].as_f64().filter(|s| s.is_finite()) {
                let by = TimeDelta::try_milliseconds((secs * 1000.0) as i64).unwrap_or(TimeDelta::MAX);
                s.clock_offset = s.clock_offset.checked_add(&by).unwrap_or(TimeDelta::MAX);
            } else {
                return Some(bad("expected {\"now\": \"<ISO 8601>\"} or {\"advance_secs\": <seconds>}"));
            }
            s.deliver_due();
            ok(json!({ "now": s.now().to_rfc3339() }))
        }
        ("POST", "dashboard_schedules") => match serde_json::from_value::<ScheduledBroadcast>(body) {
            Ok(item) if braze_rules::parse_instant("next_send_time", &item.next_send_time).is_ok() => {
                state.lock().dashboard_schedules.push(item);
                ok(json!({ "message": "scheduled" }))
            }
            _ => bad(
                "expected a scheduled broadcast: {\"name\", \"id\", \"type\", \"next_send_time\", \"schedule_type\"}",
            ),
        },
        _ => Answer::error(404, "no such control call; see the `/_emulator/` calls in the README"),
    })
}

fn ok(body: Value) -> Answer {
    Answer::error(200, "").with_body(body)
}

fn bad(why: &str) -> Answer {
    Answer::error(400, "").with_body(json!({ "message": "Bad Request", "errors": [why] }))
}

/// A fault from its JSON form; durations in milliseconds.
fn fault(body: &Value) -> Result<Fault, String> {
    let status = || body["status"].as_u64().and_then(|s| u16::try_from(s).ok()).filter(|s| (100..600).contains(s));
    let ms = |key: &str| body[key].as_u64().map(Duration::from_millis);
    let need_status = || status().ok_or_else(|| "this fault needs \"status\": 100 to 599".to_owned());
    Ok(match body["fault"].as_str().unwrap_or_default() {
        "status" => Fault::Status(need_status()?),
        "status_after_processing" => Fault::StatusAfterProcessing(need_status()?),
        "html" => Fault::Html(need_status()?),
        "rate_limited" => Fault::RateLimited { reset_in: ms("reset_in_ms").unwrap_or(Duration::from_secs(1)) },
        "delay" => Fault::Delay(ms("ms").ok_or("\"delay\" needs \"ms\"")?),
        "drop_connection" => Fault::DropConnection,
        "malformed_body" => Fault::MalformedBody,
        "answer" => Fault::Answer {
            process: body["process"].as_bool().unwrap_or(false),
            status: need_status()?,
            headers: body["headers"]
                .as_object()
                .map(|h| h.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
                .unwrap_or_default(),
            body: body["body"].as_str().unwrap_or_default().to_owned(),
        },
        other => {
            return Err(format!(
                "unknown fault \"{other}\"; one of \"status\", \"status_after_processing\", \"html\", \"rate_limited\", \
                 \"delay\", \"drop_connection\", \"malformed_body\", \"answer\""
            ));
        }
    })
}

/// Each bucket's state: limit, used, remaining, window and reset.
pub(crate) fn rate_limits(state: &State) -> Vec<Value> {
    let mut s = state.lock();
    let now = s.system_now();
    s.rates
        .snapshot(now)
        .into_iter()
        .map(|(bucket, window, headers)| {
            json!({
                "bucket": bucket.name(),
                "limit": headers.limit,
                "remaining": headers.remaining,
                "window_secs": window.as_secs_f64(),
                "reset": DateTime::<Utc>::from_timestamp(i64::try_from(headers.reset).unwrap_or(i64::MAX), 0)
                    .map(|t| t.to_rfc3339()),
            })
        })
        .collect()
}

pub(crate) fn request_json(r: &RecordedRequest) -> Value {
    json!({
        "method": r.method,
        "path": r.path,
        "query": r.query,
        "status": r.status,
        "processed": r.processed,
        "received_at": r.received_at.to_rfc3339(),
        "body": r.json(),
        "answer": serde_json::from_str::<Value>(&r.answer).unwrap_or(Value::String(r.answer.clone())),
    })
}

pub(crate) fn dispatch_json(d: &Dispatch) -> Value {
    json!({ "path": d.path, "dispatch_id": d.dispatch_id, "users": d.users, "at": d.at.to_rfc3339(), "body": d.body })
}

pub(crate) fn schedule_json(e: &ScheduledEntry) -> Value {
    json!({
        "schedule_id": e.schedule_id,
        "kind": e.kind,
        "id": e.id,
        "time": e.schedule.time_text(),
        "due_at": e.due_at().to_rfc3339(),
        "users": users_of(&e.body),
        "body": e.body,
    })
}

//! How the embedded server answers each endpoint. Bodies are checked with the runtime's own
//! types and rulebook, so the server refuses exactly what the client would.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::endpoints::*;
use crate::json::parse_shape;
use crate::model::{Recipient, RecipientId, Schedule};
use crate::testing::rates::RateHeaders;
use crate::testing::state::{Inner, ScheduledEntry, State};
use crate::validate::{InvalidRequest, Problem, Validate};

/// Largest body the server reads (Braze's limit is 4 MB).
pub(crate) const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// An answer before HTTP framing.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: String,
    pub html: bool,
    pub processed: bool,
    /// The `X-RateLimit-*` headers, of the bucket that decided.
    pub rate: Option<RateHeaders>,
    /// Headers of an injected answer; rate-limit ones replace `rate`.
    pub headers: Vec<(String, String)>,
}

impl Answer {
    fn json(status: u16, body: Value) -> Self {
        Answer { status, body: body.to_string(), html: false, processed: false, rate: None, headers: Vec::new() }
    }

    fn done(status: u16, body: Value) -> Self {
        Answer { processed: true, ..Answer::json(status, body) }
    }

    pub(crate) fn error(status: u16, message: &str) -> Self {
        Answer::json(status, json!({ "message": message }))
    }

    /// This answer with a JSON body.
    pub(crate) fn with_body(self, body: Value) -> Self {
        Answer { body: body.to_string(), ..self }
    }

    /// An HTML page of the inbox, with headers that let no script run.
    pub(crate) fn html_page(html: String) -> Self {
        let headers = vec![
            ("content-security-policy".to_owned(), crate::testing::inbox::CSP.to_owned()),
            ("x-content-type-options".to_owned(), "nosniff".to_owned()),
        ];
        Answer { body: html, html: true, headers, ..Answer::json(200, Value::Null) }
    }

    /// 202 with no body: accepted for asynchronous work (the duplicate endpoints).
    fn accepted() -> Self {
        Answer { status: 202, body: String::new(), processed: true, ..Answer::json(202, Value::Null) }
    }
}

/// How an endpoint writes its errors: most use `message`/`errors`, live activities use `error`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ErrorStyle {
    Message,
    Error,
}

/// Braze's own text for the rules it names in its error list; other problems are "Bad Request".
fn braze_text(problem: &Problem) -> &'static str {
    problem.rule().map_or("Bad Request", braze_rules::Violation::braze_message)
}

fn refuse(err: &InvalidRequest, style: ErrorStyle) -> Answer {
    let first = err.problems().first().map_or("Bad Request", braze_text);
    let details: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    match style {
        ErrorStyle::Message => Answer::json(400, json!({ "message": first, "errors": details })),
        ErrorStyle::Error => Answer::json(400, json!({ "error": format!("{first}: {}", details.join("; ")) })),
    }
}

/// Reads a request as Braze would: its shape, then the rules Braze enforces, by the server's
/// clock. Guards of the rulebook (what Braze silently ignores or rewrites) are not refused.
fn parse<T: DeserializeOwned + Validate>(state: &State, body: &str, style: ErrorStyle) -> Result<T, Answer> {
    let request: T = parse_shape(body).map_err(|e| refuse(&e, style))?;
    let now = state.lock().now();
    match request.validate_at(now).err().and_then(|e| e.refused_by_braze()) {
        Some(refused) => Err(refuse(&refused, style)),
        None => Ok(request),
    }
}

/// Answers one request that passed authentication and the rate limit.
pub(crate) fn route(state: &State, method: &str, path: &str, query: Option<&str>, body: &str) -> Answer {
    let result = match (method, path) {
        ("POST", "/messages/send") => parse::<MessagesSend>(state, body, ErrorStyle::Message).map(|r| {
            let users = ad_hoc_users(r.external_user_ids.as_deref(), r.user_aliases.as_deref());
            dispatch(state, path, users, body, r.send_id.as_deref(), 201)
        }),
        ("POST", "/campaigns/trigger/send") => parse::<CampaignsTriggerSend>(state, body, ErrorStyle::Message)
            .map(|r| dispatch(state, path, recipient_users(r.recipients.as_deref()), body, r.send_id.as_deref(), 201)),
        ("POST", "/canvas/trigger/send") => {
            parse::<CanvasTriggerSend>(state, body, ErrorStyle::Message).map(|r| canvas_send(state, &r, body))
        }
        ("POST", "/sends/id/create") => parse::<SendsIdCreate>(state, body, ErrorStyle::Message).map(|r| {
            let mut s = state.lock();
            let send_id = r.send_id.clone().unwrap_or_else(|| s.new_id("send"));
            s.send_ids.insert((r.campaign_id, send_id.clone()));
            Answer::done(201, json!({ "message": "success", "send_id": send_id }))
        }),
        ("POST", "/messages/schedule/create") => parse::<MessagesScheduleCreate>(state, body, ErrorStyle::Message)
            .map(|r| schedule_create(state, "Message", None, r.schedule, body)),
        ("POST", "/messages/schedule/update") => parse::<MessagesScheduleUpdate>(state, body, ErrorStyle::Message)
            .and_then(|r| schedule_update(state, "Message", None, &r.schedule_id, r.schedule)),
        ("POST", "/messages/schedule/delete") => parse::<MessagesScheduleDelete>(state, body, ErrorStyle::Message)
            .and_then(|r| schedule_delete(state, None, &r.schedule_id)),
        ("POST", "/campaigns/trigger/schedule/create") => {
            parse::<CampaignsTriggerScheduleCreate>(state, body, ErrorStyle::Message)
                .map(|r| schedule_create(state, "Campaign", Some(r.campaign_id), r.schedule, body))
        }
        ("POST", "/campaigns/trigger/schedule/update") => {
            parse::<CampaignsTriggerScheduleUpdate>(state, body, ErrorStyle::Message).and_then(|r| {
                schedule_update(state, "Campaign", Some(&r.campaign_id), &r.schedule_id, Some(r.schedule))
            })
        }
        ("POST", "/campaigns/trigger/schedule/delete") => {
            parse::<CampaignsTriggerScheduleDelete>(state, body, ErrorStyle::Message)
                .and_then(|r| schedule_delete(state, Some(&r.campaign_id), &r.schedule_id))
        }
        ("POST", "/canvas/trigger/schedule/create") => {
            parse::<CanvasTriggerScheduleCreate>(state, body, ErrorStyle::Message)
                .map(|r| schedule_create(state, "Canvas", Some(r.canvas_id), r.schedule, body))
        }
        ("POST", "/canvas/trigger/schedule/update") => {
            parse::<CanvasTriggerScheduleUpdate>(state, body, ErrorStyle::Message)
                .and_then(|r| schedule_update(state, "Canvas", Some(&r.canvas_id), &r.schedule_id, Some(r.schedule)))
        }
        ("POST", "/canvas/trigger/schedule/delete") => {
            parse::<CanvasTriggerScheduleDelete>(state, body, ErrorStyle::Message)
                .and_then(|r| schedule_delete(state, Some(&r.canvas_id), &r.schedule_id))
        }
        ("POST", "/messages/live_activity/update") => parse::<LiveActivityUpdate>(state, body, ErrorStyle::Error)
            .map(|_| Answer::done(201, json!({ "message": "success" }))),
        ("POST", "/messages/live_activity/start") => parse::<LiveActivityStart>(state, body, ErrorStyle::Error)
            .map(|_| Answer::done(201, json!({ "message": "success" }))),
        ("POST", "/campaigns/duplicate") => {
            parse::<CampaignsDuplicate>(state, body, ErrorStyle::Message).map(|_| Answer::accepted())
        }
        ("POST", "/canvas/duplicate") => {
            parse::<CanvasDuplicate>(state, body, ErrorStyle::Message).map(|_| Answer::accepted())
        }
        ("GET", "/messages/scheduled_broadcasts") => scheduled_broadcasts(state, query),
        ("POST", p) if transactional_campaign(p).is_some() => {
            transactional(state, transactional_campaign(p).unwrap_or_default(), body)
        }
        (_, p) if known_path(p) => Err(Answer::error(405, "Method Not Allowed")),
        _ => Err(Answer::error(404, "Not Found")),
    };
    result.unwrap_or_else(|answer| answer)
}

fn known_path(path: &str) -> bool {
    const PATHS: &[&str] = &[
        "/messages/send",
        "/campaigns/trigger/send",
        "/canvas/trigger/send",
        "/sends/id/create",
        "/messages/schedule/create",
        "/messages/schedule/update",
        "/messages/schedule/delete",
        "/campaigns/trigger/schedule/create",
        "/campaigns/trigger/schedule/update",
        "/campaigns/trigger/schedule/delete",
        "/canvas/trigger/schedule/create",
        "/canvas/trigger/schedule/update",
        "/canvas/trigger/schedule/delete",
        "/messages/live_activity/update",
        "/messages/live_activity/start",
        "/campaigns/duplicate",
        "/canvas/duplicate",
        "/messages/scheduled_broadcasts",
    ];
    PATHS.contains(&path) || transactional_campaign(path).is_some()
}

fn ad_hoc_users(ids: Option<&[String]>, aliases: Option<&[crate::model::UserAlias]>) -> Vec<String> {
    let mut users: Vec<String> = ids.unwrap_or_default().to_vec();
    users.extend(aliases.unwrap_or_default().iter().map(|a| a.alias_name.clone()));
    users
}

fn recipient_users(recipients: Option<&[Recipient]>) -> Vec<String> {
    recipients
        .unwrap_or_default()
        .iter()
        .map(|r| match &r.id {
            RecipientId::ExternalUserId(id) | RecipientId::BrazeId(id) => id.clone(),
            RecipientId::UserAlias(alias) => alias.alias_name.clone(),
            RecipientId::Email { email, .. } => email.clone(),
        })
        .collect()
}

fn dispatch(state: &State, path: &str, users: Vec<String>, body: &str, send_id: Option<&str>, status: u16) -> Answer {
    let mut s = state.lock();
    let dispatch_id = s.new_id("dispatch");
    s.record_dispatch(path.to_owned(), dispatch_id.clone(), users, body);
    let mut answer = json!({ "dispatch_id": dispatch_id, "message": "success" });
    if let Some(send_id) = send_id {
        answer["send_id"] = json!(send_id);
    }
    Answer::done(status, answer)
}

fn canvas_send(state: &State, request: &CanvasTriggerSend, body: &str) -> Answer {
    let paused = state.lock().paused_canvases.contains(&request.canvas_id);
    if paused {
        // Braze answers success but sends nothing: only the notice tells.
        let dispatch_id = state.lock().new_id("dispatch");
        return Answer::done(
            201,
            json!({
                "notice": "The Canvas is paused. Resume the Canvas to ensure trigger requests will take effect.",
                "dispatch_id": dispatch_id,
                "message": "success"
            }),
        );
    }
    dispatch(state, "/canvas/trigger/send", recipient_users(request.recipients.as_deref()), body, None, 201)
}

fn schedule_create(state: &State, kind: &'static str, id: Option<String>, schedule: Schedule, body: &str) -> Answer {
    let mut s = state.lock();
    let schedule_id = s.new_id("schedule");
    let dispatch_id = s.new_id("dispatch");
    let entry = ScheduledEntry {
        schedule_id: schedule_id.clone(),
        kind,
        id: id.unwrap_or_else(|| schedule_id.clone()),
        schedule,
        body: serde_json::from_str(body).unwrap_or(Value::Null),
    };
    s.schedules.insert(schedule_id.clone(), entry);
    Answer::done(201, json!({ "dispatch_id": dispatch_id, "schedule_id": schedule_id, "message": "success" }))
}

fn find_schedule<'a>(
    s: &'a mut Inner,
    owner: Option<&str>,
    schedule_id: &str,
) -> Result<&'a mut ScheduledEntry, Answer> {
    match s.schedules.get_mut(schedule_id) {
        Some(entry) if owner.is_none_or(|o| o == entry.id) => Ok(entry),
        _ => Err(Answer::json(
            404,
            json!({ "message": "Not Found", "errors": [format!("no scheduled message with schedule_id \"{schedule_id}\"")] }),
        )),
    }
}

fn schedule_update(
    state: &State,
    _kind: &'static str,
    owner: Option<&str>,
    schedule_id: &str,
    schedule: Option<Schedule>,
) -> Result<Answer, Answer> {
    let mut s = state.lock();
    let entry = find_schedule(&mut s, owner, schedule_id)?;
    if let Some(schedule) = schedule {
        entry.schedule = schedule;
    }
    Ok(Answer::done(200, json!({ "message": "success" })))
}

fn schedule_delete(state: &State, owner: Option<&str>, schedule_id: &str) -> Result<Answer, Answer> {
    let mut s = state.lock();
    find_schedule(&mut s, owner, schedule_id)?;
    s.schedules.remove(schedule_id);
    Ok(Answer::done(200, json!({ "message": "success" })))
}

/// GET /messages/scheduled_broadcasts (FACTS §5.8): what was scheduled in the dashboard, from
/// now to `end_time`, which Braze reads as midnight UTC of its date (a date alone is accepted).
/// Schedules created through the API are not listed: Braze lists "only Campaigns and Canvases
/// created and scheduled in Braze".
fn scheduled_broadcasts(state: &State, query: Option<&str>) -> Result<Answer, Answer> {
    let bad = |why: String| Answer::json(400, json!({ "message": "Bad Request", "errors": [why] }));
    let end_time = query
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("end_time="))
        .map(percent_decode)
        .ok_or_else(|| bad("`end_time` is required".to_owned()))?;
    let end = EndTime::parse(&end_time).map_err(|v| bad(v.to_string()))?.midnight_utc();
    let s = state.lock();
    let now = s.now();
    let items: Vec<&crate::responses::ScheduledBroadcast> = s
        .dashboard_schedules
        .iter()
        .filter(|item| {
            // A local or intelligent-delivery time has no zone: read it as UTC, as Braze writes it.
            braze_rules::parse_instant("next_send_time", &item.next_send_time).is_ok_and(|at| at >= now && at < end)
        })
        .collect();
    Ok(Answer::done(200, json!({ "scheduled_broadcasts": items })))
}

fn transactional_campaign(path: &str) -> Option<String> {
    let id = path.strip_prefix("/transactional/v1/campaigns/")?.strip_suffix("/send")?;
    (!id.is_empty() && !id.contains('/')).then(|| percent_decode(id))
}

fn transactional(state: &State, campaign_id: String, body: &str) -> Result<Answer, Answer> {
    let mut request: TransactionalSend = parse_shape(body).map_err(|e| refuse(&e, ErrorStyle::Message))?;
    request.campaign_id = campaign_id.clone();
    let now = state.lock().now();
    if let Some(refused) = request.validate_at(now).err().and_then(|e| e.refused_by_braze()) {
        return Err(refuse(&refused, ErrorStyle::Message));
    }
    let mut s = state.lock();
    // `external_send_id` deduplicates: the same key answers the first dispatch again.
    if let Some(key) = &request.external_send_id
        && let Some(dispatch_id) = s.transactional.get(key).cloned()
    {
        return Ok(Answer::json(200, sent_body(&dispatch_id, &campaign_id, Some(key))));
    }
    let dispatch_id = s.new_id("dispatch");
    let user = request.recipient.external_user_id.clone().or(request
        .recipient
        .user_alias
        .as_ref()
        .map(|a| a.alias_name.clone()));
    let path = format!("/transactional/v1/campaigns/{campaign_id}/send");
    s.record_dispatch(path, dispatch_id.clone(), user.into_iter().collect(), body);
    if let Some(key) = &request.external_send_id {
        s.transactional.insert(key.clone(), dispatch_id.clone());
    }
    Ok(Answer::done(200, sent_body(&dispatch_id, &campaign_id, request.external_send_id.as_deref())))
}

fn sent_body(dispatch_id: &str, campaign_id: &str, external_send_id: Option<&str>) -> Value {
    json!({
        "dispatch_id": dispatch_id,
        "status": "sent",
        "metadata": { "external_send_id": external_send_id, "campaign_api_id": campaign_id }
    })
}

/// Decodes `%XX` escapes and `+` (a space in query strings); a stray `%` stays as it is.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_handles_escapes_plus_and_stray_percents() {
        assert_eq!(percent_decode("2031-05-01T09%3A30%3A00%2B0000"), "2031-05-01T09:30:00+0000");
        assert_eq!(percent_decode("a+b"), "a b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}

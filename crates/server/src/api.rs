//! The JSON API: read-only queries over the store and one authenticated write.
//!
//! | route | answers |
//! |---|---|
//! | `GET /api/events?actor=&dyad=A,B&plover=&cameo=&from=&to=&topic=&limit=` | `{count, limit, more, events}` |
//! | `GET /api/timeline?a=&b=&by=day\|week\|month&from=&to=` | `{a, b, by, rows}` |
//! | `GET /api/ask?q=&events=` | the answer: `verdict`, `all`, `earlier`, `recent`, `months`, `turning_point`, `evidence`, `quotes`, `text`; with `events=N` (up to 1000) also the first N events it counts, and `more` |
//! | `GET /api/documents/{id}` | `{id, date, url, title, text, events, quotes}` |
//! | `GET /api/quotes?doc=` | `{doc, quotes}` |
//! | `GET /api/stats` | row counts and whether writes are enabled |
//! | `POST /api/ingest` | JSON Lines documents in (`Authorization: Bearer TOKEN`), `{read, inserted, replaced, unchanged, events, errors}` out |
//!
//! Dates are `YYYY-MM-DD` (or `YYYYMMDD`). Every failure is JSON `{"error": "..."}` with a
//! status saying whose fault it is: 400 for a bad or missing parameter (an unknown
//! parameter too, so that a typo is not silently ignored), 401 for a missing or wrong token,
//! 403 when the server takes no writes, 404 for an unknown document or route, 413 for a
//! body over [`INGEST_LIMIT`], 414 for a query string over [`QUERY_LIMIT`], 500 for a store
//! failure (also printed on standard error).

use std::sync::Arc;

use axum::extract::{Path, Query, Request, State as AxumState};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use detente_store::ask::{answer, understand, Answer};
use detente_store::{EventFilter, Period, Store, StoredEvent, TimelineQuery};
use serde::Serialize;
use serde_json::json;

use crate::State;

/// Largest `POST /api/ingest` body, in bytes.
pub const INGEST_LIMIT: usize = 10 * 1024 * 1024;
/// The name a posted body goes by in error messages and in the ids of records without
/// one; its extension makes the reader take it as JSON Lines whatever its first bytes.
pub const INGEST_NAME: &str = "api-ingest.jsonl";
/// Longest query string, in bytes.
pub const QUERY_LIMIT: usize = 2048;
/// Longest question for `/api/ask`, in characters.
pub const QUESTION_LIMIT: usize = 500;
/// Longest value of any other parameter (and document id), in characters.
pub const VALUE_LIMIT: usize = 200;
/// Events returned when `limit` is not given.
pub const EVENTS_DEFAULT: usize = 100;
/// The largest `limit` of `/api/events`.
pub const EVENTS_MAX: usize = 1000;

type Shared = Arc<State>;

/// The API's routes (under `/api`).
pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/events", get(events))
        .route("/api/timeline", get(timeline))
        .route("/api/ask", get(ask))
        .route("/api/documents/{id}", get(document))
        .route("/api/quotes", get(quotes))
        .route("/api/stats", get(stats))
        .route("/api/ingest", post(ingest))
}

/// An API failure: a status and a message, answered as `{"error": message}` (plus
/// `suggestions` when there are any).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    suggestions: Vec<String>,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            suggestions: Vec::new(),
        }
    }

    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.message });
        if !self.suggestions.is_empty() {
            body["suggestions"] = json!(self.suggestions);
        }
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("ASCII"));
        }
        response
    }
}

impl From<detente_store::Error> for ApiError {
    fn from(error: detente_store::Error) -> ApiError {
        match error {
            detente_store::Error::Query(message) => ApiError::bad(message),
            detente_store::Error::Missing(_) => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, error.to_string())
            }
            other => {
                eprintln!("detente serve: {other}");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string())
            }
        }
    }
}

/// The answer for a route that does not exist: JSON under `/api`, text elsewhere.
pub(crate) async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no such API route: {}", uri.path()),
        )
        .into_response()
    } else {
        (StatusCode::NOT_FOUND, "Not found. The dashboard is at /.\n").into_response()
    }
}

/// A request's query parameters, checked against the names a route knows.
struct Params(Vec<(String, String)>);

impl Params {
    /// Parses the query of `uri`, refusing one over [`QUERY_LIMIT`], names not in `known`,
    /// a name given twice unless it is in `repeatable`, and values over their length limit.
    fn parse(uri: &Uri, known: &[&str], repeatable: &[&str]) -> Result<Params, ApiError> {
        let raw = uri.query().unwrap_or("");
        if raw.len() > QUERY_LIMIT {
            return Err(ApiError::new(
                StatusCode::URI_TOO_LONG,
                format!(
                    "the query string has {} bytes (at most {QUERY_LIMIT})",
                    raw.len()
                ),
            ));
        }
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map_err(|e| ApiError::bad(format!("the query string cannot be read: {e}")))?;
        for (i, (name, value)) in pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                return Err(ApiError::bad(format!(
                    "unknown parameter {name:?} (this route takes: {})",
                    known.join(", ")
                )));
            }
            if !repeatable.contains(&name.as_str()) && pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(ApiError::bad(format!("parameter {name:?} is given twice")));
            }
            let limit = if name == "q" {
                QUESTION_LIMIT
            } else {
                VALUE_LIMIT
            };
            if value.chars().count() > limit {
                return Err(ApiError::bad(format!(
                    "parameter {name:?} is longer than {limit} characters"
                )));
            }
        }
        Ok(Params(pairs))
    }

    /// The value of `name`, trimmed; `None` when absent or blank.
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every non-blank value of `name`.
    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    }

    fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::bad(format!("parameter {name:?} is required")))
    }

    /// The date parameter `name`, as `YYYYMMDD`.
    fn date(&self, name: &str) -> Result<Option<u32>, ApiError> {
        self.get(name)
            .map(|text| {
                parse_day(text).ok_or_else(|| {
                    ApiError::bad(format!(
                        "parameter {name:?}: {text:?} is not a date (YYYY-MM-DD)"
                    ))
                })
            })
            .transpose()
    }
}

/// `YYYY-MM-DD` or `YYYYMMDD` as `YYYYMMDD`, when it is a day of the calendar.
pub fn parse_day(text: &str) -> Option<u32> {
    let digits: String = match text.len() {
        10 if text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' => {
            [&text[..4], &text[5..7], &text[8..]].concat()
        }
        8 => text.to_string(),
        _ => return None,
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date: u32 = digits.parse().ok()?;
    let (year, month, day) = (date / 10_000, date / 100 % 100, date % 100);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (year >= 1 && (1..=days).contains(&day)).then_some(date)
}

/// Whether `text` is written as an actor code (`USA`, `RUSGOV`, `IGOUNO`) rather than a
/// name ("Lavrov").
fn is_code(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Runs `work` with a store of its own on a blocking thread.
async fn with_store<T, F>(state: Shared, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store, &State) -> Result<T, ApiError> + Send + 'static,
{
    tokio::task::spawn_blocking(move || {
        let store = Store::open_existing(&state.config.db)?;
        work(&store, &state)
    })
    .await
    .map_err(|e| {
        eprintln!("detente serve: a request failed: {e}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the request failed")
    })?
}

async fn events(AxumState(state): AxumState<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let params = Params::parse(
        &uri,
        &[
            "actor", "dyad", "plover", "cameo", "from", "to", "topic", "limit",
        ],
        &["topic"],
    )?;
    let limit = match params.get("limit") {
        None => EVENTS_DEFAULT,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=EVENTS_MAX).contains(&n) => n,
            _ => {
                return Err(ApiError::bad(format!(
                    "parameter \"limit\": {text:?} is not a number from 1 to {EVENTS_MAX}"
                )))
            }
        },
    };
    let mut filter = EventFilter {
        plover: params.get("plover").map(str::to_string),
        cameo: params.get("cameo").map(str::to_string),
        from: params.date("from")?,
        to: params.date("to")?,
        topic: params.all("topic"),
        // One more than asked, to tell whether there are more.
        limit: Some(limit + 1),
        ..EventFilter::default()
    };
    if let Some(actor) = params.get("actor") {
        if is_code(actor) {
            filter.actor = Some(actor.to_string());
        } else {
            filter.actor_name = Some(actor.to_string());
        }
    }
    if let Some(dyad) = params.get("dyad") {
        match dyad.split(',').map(str::trim).collect::<Vec<_>>()[..] {
            [a, b] if !a.is_empty() && !b.is_empty() => {
                filter.dyad = Some((a.to_string(), b.to_string()));
            }
            _ => {
                return Err(ApiError::bad(format!(
                    "parameter \"dyad\": {dyad:?} is not two actor codes separated by a comma (USA,RUS)"
                )))
            }
        }
    }
    let mut found = with_store(state, move |store, _| Ok(store.events(&filter)?)).await?;
    let more = found.len() > limit;
    found.truncate(limit);
    Ok(Json(json!({
        "count": found.len(),
        "limit": limit,
        "more": more,
        "events": found,
    }))
    .into_response())
}

async fn timeline(AxumState(state): AxumState<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let params = Params::parse(&uri, &["a", "b", "by", "from", "to", "topic"], &["topic"])?;
    let by: Period = match params.get("by") {
        None => Period::Month,
        Some(text) => text.parse()?,
    };
    let query = TimelineQuery {
        a: params.required("a")?.to_string(),
        b: params.required("b")?.to_string(),
        by,
        from: params.date("from")?,
        to: params.date("to")?,
        topic: params.all("topic"),
    };
    let by_name = match by {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
    };
    with_store(state, move |store, _| {
        let rows = store.timeline(&query)?;
        Ok(Json(json!({
            "a": query.a.trim().to_ascii_uppercase(),
            "b": query.b.trim().to_ascii_uppercase(),
            "by": by_name,
            "rows": rows,
        }))
        .into_response())
    })
    .await
}

/// `/api/ask`'s answer: [`Answer`] with its text as `detente ask` prints it and, when asked
/// for (`events=N`), the first N of the events it counts.
#[derive(Serialize)]
struct AskResponse {
    #[serde(flatten)]
    answer: Answer,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<Vec<StoredEvent>>,
    /// Whether the answer counts more events than `events` holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    more: Option<bool>,
}

async fn ask(AxumState(state): AxumState<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let params = Params::parse(&uri, &["q", "events"], &[])?;
    let question = params.required("q")?.to_string();
    let wanted = match params.get("events") {
        None => 0,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n <= EVENTS_MAX => n,
            _ => {
                return Err(ApiError::bad(format!(
                    "parameter \"events\": {text:?} is not a number from 0 to {EVENTS_MAX}"
                )))
            }
        },
    };
    with_store(state, move |store, state| {
        let config = &state.config;
        let question =
            understand(&question, &config.dictionaries, config.date).map_err(|not| ApiError {
                status: StatusCode::BAD_REQUEST,
                message: not.message,
                suggestions: not.suggestions,
            })?;
        let answer = answer(store, &question)?;
        let text = answer.render();
        let (events, more) = if wanted > 0 {
            // The events the answer counts: the dyad's, from documents about the topic
            // unless the answer had to drop it (as `ask::answer` selects them).
            let topic = match (&answer.question.topic, answer.topic_dropped) {
                (Some(topic), false) => topic.words.clone(),
                _ => Vec::new(),
            };
            let filter = EventFilter {
                dyad: Some((
                    answer.question.a.code.clone(),
                    answer.question.b.code.clone(),
                )),
                topic,
                limit: Some(wanted + 1),
                ..EventFilter::default()
            };
            let mut events = store.events(&filter)?;
            let more = events.len() > wanted;
            events.truncate(wanted);
            (Some(events), Some(more))
        } else {
            (None, None)
        };
        Ok(Json(AskResponse {
            answer,
            text,
            events,
            more,
        })
        .into_response())
    })
    .await
}

async fn document(
    AxumState(state): AxumState<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if id.chars().count() > 4 * VALUE_LIMIT {
        return Err(ApiError::bad("the document id is too long"));
    }
    with_store(state, move |store, _| match store.document(&id)? {
        Some(document) => Ok(Json(document).into_response()),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no document {id:?} in the store"),
        )),
    })
    .await
}

async fn quotes(AxumState(state): AxumState<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let params = Params::parse(&uri, &["doc"], &[])?;
    let doc = params.required("doc")?.to_string();
    with_store(state, move |store, _| {
        let quotes = store.quotes(std::slice::from_ref(&doc), &[])?;
        Ok(Json(json!({ "doc": doc, "quotes": quotes })).into_response())
    })
    .await
}

async fn stats(AxumState(state): AxumState<Shared>, uri: Uri) -> Result<Response, ApiError> {
    Params::parse(&uri, &[], &[])?;
    with_store(state, move |store, state| {
        let counts = store.counts()?;
        Ok(Json(json!({
            "documents": counts.documents,
            "sentences": counts.sentences,
            "events": counts.events,
            "quotes": counts.quotes,
            "actors": counts.actors,
            "writes": state.config.token.is_some() && state.config.ingester.is_some(),
        }))
        .into_response())
    })
    .await
}

/// Whether `headers` carry `Authorization: Bearer <token>`, compared in constant time.
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (given, token) = (given.trim().as_bytes(), token.as_bytes());
    given.len() == token.len()
        && given
            .iter()
            .zip(token)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

async fn ingest(
    AxumState(state): AxumState<Shared>,
    request: Request,
) -> Result<Response, ApiError> {
    // The token is checked before the body is read.
    let (Some(token), Some(ingester)) = (&state.config.token, &state.config.ingester) else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server takes no writes: start `detente serve` with --token TOKEN (or DETENTE_TOKEN)",
        ));
    };
    if !authorised(request.headers(), token) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "a valid token is required: send `Authorization: Bearer TOKEN`",
        ));
    }
    let ingester = Arc::clone(ingester);
    let body = axum::body::to_bytes(request.into_body(), INGEST_LIMIT)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body is over {INGEST_LIMIT} bytes, or was cut off; post fewer documents at a time"),
            )
        })?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad(
            "the body is empty: post JSON Lines documents {\"id\", \"date\", \"text\"}, one a line",
        ));
    }
    // The body is JSON Lines: a first line that is no JSON object would make the reader take
    // the whole body for another format (text, HTML), so it is refused here.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::bad(format!(
            "{INGEST_NAME} line 1 is not a JSON object: post JSON Lines documents {{\"id\", \"date\", \"text\"}}, one a line"
        )));
    }
    let summary = tokio::task::spawn_blocking(move || {
        let _writing = state
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut store = Store::open_existing(&state.config.db)?;
        ingester
            .ingest(&mut store, body.to_vec(), INGEST_NAME)
            .map_err(|message| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message))
    })
    .await
    .map_err(|e| {
        eprintln!("detente serve: an ingest failed: {e}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the ingest failed")
    })??;
    if summary.read == 0 && !summary.errors.is_empty() {
        return Err(ApiError::bad(format!(
            "no document could be read: {}",
            summary.errors.join("; ")
        )));
    }
    Ok(Json(summary).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days() {
        assert_eq!(parse_day("2013-02-27"), Some(20130227));
        assert_eq!(parse_day("20130227"), Some(20130227));
        assert_eq!(parse_day("2012-02-29"), Some(20120229));
        assert_eq!(parse_day("2013-02-29"), None);
        assert_eq!(parse_day("2013-13-01"), None);
        assert_eq!(parse_day("2013/02/27"), None);
        assert_eq!(parse_day("yesterday"), None);
        assert_eq!(parse_day("2013-02-2x"), None);
        assert_eq!(parse_day("+0130227"), None);
        assert_eq!(parse_day("é013-02-27"), None);
    }

    #[test]
    fn codes_and_names() {
        assert!(is_code("USA") && is_code("RUSGOV") && is_code("IGOUNO"));
        assert!(!is_code("Lavrov") && !is_code("Russia"));
    }

    #[test]
    fn bearer_tokens() {
        let mut headers = HeaderMap::new();
        assert!(!authorised(&headers, "s3cret"));
        headers.insert(header::AUTHORIZATION, "Bearer s3cret".parse().unwrap());
        assert!(authorised(&headers, "s3cret"));
        assert!(!authorised(&headers, "s3cret2"));
        assert!(!authorised(&headers, "s3cre"));
        headers.insert(header::AUTHORIZATION, "Basic s3cret".parse().unwrap());
        assert!(!authorised(&headers, "s3cret"));
    }
}

//! The JSON API and the dashboard's routes, over HTTP.

use std::net::SocketAddr;
use std::sync::OnceLock;

use crate::http::{get, request};
use crate::util::{config, start, store, TempDir};

/// One read-only server over the test corpus, shared by the read tests.
fn server() -> SocketAddr {
    static SERVER: OnceLock<(TempDir, SocketAddr)> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let dir = store();
            let addr = start(config(dir.db(), None));
            (dir, addr)
        })
        .1
}

/// `GET path`, checking the status and that the body is JSON.
fn json(path: &str, status: u16) -> serde_json::Value {
    let response = get(server(), path);
    assert_eq!(response.status, status, "{path}: {}", response.text());
    assert!(
        response
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{path}: {:?}",
        response.headers
    );
    response.json()
}

/// `GET path` must fail with `status` and a JSON error mentioning `words`.
fn refused(path: &str, status: u16, words: &str) {
    let body = json(path, status);
    let error = body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("{path}: {body}"));
    assert!(error.contains(words), "{path}: {error:?} lacks {words:?}");
}

#[test]
fn events_by_dyad_actor_topic_and_date() {
    let body = json("/api/events?dyad=USA,RUS", 200);
    // 6 accusations, 12 consultations and the quoted document's one; not China–Japan.
    assert_eq!(body["count"], 19);
    assert_eq!(body["more"], false);
    assert_eq!(body["limit"], 100);
    let events = body["events"].as_array().unwrap();
    assert_eq!(events[0]["id"], "syria/conflict-1");
    assert_eq!(
        events[0]["text"],
        "Russia accused the United States of arming rebels in Syria."
    );
    assert_eq!(events[0]["spans"]["source"], serde_json::json!([0, 6]));
    assert!(events
        .iter()
        .all(|e| e["id"].as_str().unwrap().starts_with("syria/")));

    let body = json("/api/events?dyad=USA,RUS&limit=5", 200);
    assert_eq!(
        (body["count"].as_u64(), body["more"].as_bool()),
        (Some(5), Some(true))
    );

    let body = json("/api/events?actor=CHN", 200);
    assert_eq!(body["count"], 1);
    assert_eq!(body["events"][0]["id"], "trade/1");
    // A name rather than a code: the names recorded on events.
    let body = json("/api/events?actor=Lavrov", 200);
    assert_eq!(body["count"], 13);

    let body = json(
        "/api/events?dyad=USA,RUS&from=2013-07-01&to=2013-09-30&plover=CONSULT",
        200,
    );
    assert_eq!(body["count"], 6);
    let body = json("/api/events?cameo=11", 200);
    assert_eq!(body["count"], 6);
    let body = json("/api/events?topic=tariffs", 200);
    assert_eq!(body["count"], 1);
    let body = json("/api/events?topic=tariffs&topic=Geneva", 200);
    assert_eq!(body["count"], 13);
}

#[test]
fn bad_event_queries_are_400_with_a_message() {
    refused("/api/events?from=2013-02-30", 400, "\"from\"");
    refused("/api/events?to=tomorrow", 400, "not a date");
    refused("/api/events?from=2013-05-01&to=2013-04-01", 400, "after");
    refused("/api/events?limit=1001", 400, "1 to 1000");
    refused("/api/events?limit=0", 400, "limit");
    refused("/api/events?limit=ten", 400, "limit");
    refused("/api/events?dyad=USA", 400, "two actor codes");
    refused("/api/events?dyad=USA,", 400, "two actor codes");
    refused(
        "/api/events?actors=USA",
        400,
        "unknown parameter \"actors\"",
    );
    refused("/api/events?limit=5&limit=6", 400, "twice");
    refused("/api/events?cameo=0%3B", 400, "CAMEO");
    refused("/api/events?dyad=U%27SA,RUS", 400, "character");
    let long = "A".repeat(300);
    refused(&format!("/api/events?actor={long}"), 400, "longer than");
    let too_long = format!("/api/events?{}", "topic=Syria&".repeat(300));
    let response = get(server(), &too_long);
    assert_eq!(response.status, 414, "{}", response.text());
    assert!(response.json()["error"]
        .as_str()
        .unwrap()
        .contains("at most"));
}

#[test]
fn timeline_by_month_and_week() {
    let body = json("/api/timeline?a=USA&b=RUS&by=month", 200);
    assert_eq!(
        (body["a"].as_str(), body["b"].as_str(), body["by"].as_str()),
        (Some("USA"), Some("RUS"), Some("month"))
    );
    let rows = body["rows"].as_array().unwrap();
    let january: Vec<_> = rows.iter().filter(|r| r["period"] == "2013-01").collect();
    assert_eq!(january.len(), 1);
    assert_eq!(january[0]["direction"], "B->A");
    assert_eq!(january[0]["quad"], serde_json::json!([0, 0, 1, 0]));
    assert_eq!(january[0]["net_cooperation"], -1.0);
    let july: Vec<_> = rows.iter().filter(|r| r["period"] == "2013-07").collect();
    assert_eq!(july.len(), 2, "both directions");

    // Default period: month. Weeks are named by their Monday (2013-07-12 was a Friday).
    assert_eq!(json("/api/timeline?a=USA&b=RUS", 200)["by"], "month");
    let weeks = json(
        "/api/timeline?a=USA&b=RUS&by=week&from=2013-07-01&to=2013-07-31",
        200,
    );
    assert_eq!(weeks["rows"][0]["period"], "2013-07-08");

    refused("/api/timeline?a=USA&b=RUS&by=fortnight", 400, "fortnight");
    refused("/api/timeline?a=USA", 400, "\"b\" is required");
    refused("/api/timeline?a=USA&b=%20", 400, "\"b\" is required");
    refused("/api/timeline?a=USA&b=RUS&from=20131301", 400, "not a date");
}

#[test]
fn ask_answers_with_numbers_months_and_evidence() {
    let q = "Are%20the%20US%20and%20Russia%20bridging%20their%20divide%20over%20Syria%3F";
    let body = json(&format!("/api/ask?q={q}"), 200);
    assert_eq!(body["question"]["a"]["code"], "USA");
    assert_eq!(body["question"]["b"]["code"], "RUS");
    assert_eq!(body["question"]["topic"]["name"], "Syria");
    assert_eq!(body["all"]["events"], 19);
    assert_eq!(body["all"]["quad"], serde_json::json!([13, 0, 6, 0]));
    // Conflict, then cooperation: the second half of 2013 is the closer one.
    assert_eq!(body["verdict"], "Closer");
    assert_eq!(body["turning_point"]["month"], "2013-07");
    assert_eq!(body["months"].as_array().unwrap().len(), 12);
    assert_eq!(body["months"][0]["month"], "2013-01");
    assert_eq!(
        body["months"][0]["both"]["quad"],
        serde_json::json!([0, 0, 1, 0])
    );
    let evidence = body["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    assert!(evidence
        .iter()
        .all(|e| e["text"].as_str().is_some_and(|t| !t.is_empty())));
    assert!(evidence.iter().any(|e| e["cameo"] == "112"));
    assert_eq!(body["quotes"][0]["speaker"], "Sergey Lavrov");
    assert!(body.get("events").is_none(), "events only when asked for");
    let with_events = json(&format!("/api/ask?q={q}&events=1000"), 200);
    let events = with_events["events"].as_array().unwrap();
    assert_eq!(events.len(), 19);
    assert_eq!(with_events["more"], false);
    assert!(events
        .iter()
        .all(|e| e["id"].as_str().unwrap().starts_with("syria/")));
    let first = json(&format!("/api/ask?q={q}&events=3"), 200);
    assert_eq!(
        (
            first["events"].as_array().unwrap().len(),
            first["more"].as_bool()
        ),
        (3, Some(true))
    );
    refused(&format!("/api/ask?q={q}&events=1001"), 400, "\"events\"");
    assert!(body["text"]
        .as_str()
        .unwrap()
        .contains("Turning point: 2013-07"));

    refused("/api/ask", 400, "\"q\" is required");
    refused("/api/ask?q=Is%20it%20raining%3F", 400, "No actor found");
    let body = json("/api/ask?q=Are%20the%20US%20and%20Rusia%20friends%3F", 400);
    assert!(
        body["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Russia"),
        "{body}"
    );
    let long = "a".repeat(501);
    refused(&format!("/api/ask?q={long}"), 400, "longer than 500");
}

#[test]
fn documents_and_quotes() {
    let body = json("/api/documents/syria%2Fquote", 200);
    assert_eq!(body["id"], "syria/quote");
    assert_eq!(body["date"], 20131120);
    assert_eq!(body["title"], "Title of syria/quote");
    assert_eq!(body["url"], "https://example.org/syria/quote");
    let text = body["text"].as_str().unwrap();
    let quote = &body["quotes"][0];
    let (start, end) = (
        quote["start"].as_u64().unwrap() as usize,
        quote["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "We will keep talking about Syria.");
    assert_eq!(body["events"][0]["source_name"], "Lavrov");
    assert_eq!(body["events"].as_array().unwrap().len(), 1);
    refused("/api/documents/nope", 404, "no document \"nope\"");

    let body = json("/api/quotes?doc=syria/quote", 200);
    assert_eq!(body["quotes"][0]["speaker_code"], "RUSGOV");
    assert_eq!(
        json("/api/quotes?doc=trade/1", 200)["quotes"],
        serde_json::json!([])
    );
    refused("/api/quotes", 400, "\"doc\" is required");

    let body = json("/api/stats", 200);
    assert_eq!(
        (body["documents"].as_u64(), body["writes"].as_bool()),
        (Some(14), Some(false))
    );
    refused("/api/nothing", 404, "no such API route");
}

#[test]
fn dashboard_page_and_assets() {
    for path in ["/", "/doc/syria%2Fquote"] {
        let page = get(server(), path);
        assert_eq!(page.status, 200);
        assert!(page
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
        assert!(page
            .header("content-security-policy")
            .unwrap()
            .contains("default-src 'self'"));
        let html = page.text();
        assert!(html.contains("<canvas id=\"chart\""), "{path}");
        assert!(html.contains("src=\"/assets/dashboard.js\""));
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "no outside resources"
        );
    }
    let script = get(server(), "/assets/dashboard.js");
    assert_eq!(script.status, 200);
    assert!(script
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    assert!(script.text().contains("/api/ask?events="));
    let style = get(server(), "/assets/dashboard.css");
    assert!(style
        .header("content-type")
        .unwrap()
        .starts_with("text/css"));
    assert_eq!(get(server(), "/nothing").status, 404);
    // Writes go by POST only.
    assert_eq!(get(server(), "/api/ingest").status, 405);
}

const DOCS: &str = "{\"id\":\"new/1\",\"date\":\"2014-02-01\",\"text\":\"Putin called Obama.\"}\n\
                    {\"id\":\"new/2\",\"date\":\"2014-02-02\",\"text\":\"Obama called Putin.\"}\n";

fn post(addr: SocketAddr, headers: &[(&str, &str)], body: &[u8]) -> crate::http::Response {
    request(addr, "POST", "/api/ingest", headers, body).expect("POST /api/ingest")
}

#[test]
fn ingest_needs_the_token() {
    let dir = store();
    let addr = start(config(dir.db(), Some("s3cret-token")));

    let response = post(addr, &[], DOCS.as_bytes());
    assert_eq!(response.status, 401, "{}", response.text());
    assert_eq!(response.header("www-authenticate"), Some("Bearer"));
    assert!(response.json()["error"].as_str().unwrap().contains("token"));
    let response = post(
        addr,
        &[("Authorization", "Bearer wrong-token")],
        DOCS.as_bytes(),
    );
    assert_eq!(response.status, 401);
    let response = post(addr, &[("Authorization", "s3cret-token")], DOCS.as_bytes());
    assert_eq!(response.status, 401, "the Bearer scheme is required");
    assert_eq!(
        get(addr, "/api/stats").json()["documents"],
        14,
        "nothing written"
    );

    let auth = [("Authorization", "Bearer s3cret-token")];
    let response = post(addr, &auth, DOCS.as_bytes());
    assert_eq!(response.status, 200, "{}", response.text());
    let summary = response.json();
    assert_eq!(
        (summary["read"].as_u64(), summary["inserted"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(get(addr, "/api/stats").json()["documents"], 16);
    assert_eq!(get(addr, "/api/stats").json()["writes"], true);
    let doc = get(addr, "/api/documents/new%2F1").json();
    assert_eq!(doc["text"], "Putin called Obama.");
    // Posting again stores nothing twice.
    assert_eq!(post(addr, &auth, DOCS.as_bytes()).json()["unchanged"], 2);

    // Bad bodies: empty, not JSON Lines, nothing readable, too large.
    let response = post(addr, &auth, b"  \n");
    assert_eq!(response.status, 400);
    assert!(response.json()["error"].as_str().unwrap().contains("empty"));
    let response = post(addr, &auth, b"<html>not JSON</html>");
    assert_eq!(response.status, 400);
    assert!(response.json()["error"]
        .as_str()
        .unwrap()
        .contains("line 1 is not a JSON object"));
    let response = post(addr, &auth, b"{\"id\": \"x\"}\n");
    assert_eq!(response.status, 400);
    assert!(response.json()["error"]
        .as_str()
        .unwrap()
        .contains("no document could be read"));
    let big = vec![b' '; detente_server::api::INGEST_LIMIT + 1];
    let response = post(addr, &auth, &big);
    assert_eq!(response.status, 413, "{}", response.text());
}

#[test]
fn a_server_without_a_token_takes_no_writes() {
    let response = post(
        server(),
        &[("Authorization", "Bearer anything")],
        DOCS.as_bytes(),
    );
    assert_eq!(response.status, 403);
    assert!(response.json()["error"]
        .as_str()
        .unwrap()
        .contains("--token"));
}

#[test]
fn a_missing_store_is_refused_unless_writes_are_allowed() {
    let dir = TempDir::new("missing");
    let missing = dir.path().join("nothing.db");
    let error = detente_server::router(config(missing.clone(), None)).expect_err("refused");
    assert!(error.to_string().contains("no such store"), "{error}");
    assert!(!missing.exists());
    // With a token, an empty store is created to post documents into.
    let _router = detente_server::router(config(missing.clone(), Some("t"))).expect("created");
    assert!(missing.exists());
}

//! `detente serve`: the binary's server with the real pipeline behind `POST /api/ingest`,
//! and the dashboard driven in headless Chromium through chromedriver (WebDriver), skipped
//! with a message when they are not installed (`apt-get install chromium chromium-driver`).

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "../../server/tests/http.rs"]
mod http;

/// A fresh temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("detente-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A child process killed (by its own handle) when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Starts `detente serve` with `args` on a free port; returns the process and its address,
/// read from the line it prints once it listens.
fn serve(args: &[&str]) -> (Running, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_detente"))
        .arg("serve")
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("DETENTE_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("detente serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a first line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (running, addr)
}

#[test]
fn serve_codes_posted_documents_and_queries_them() {
    let dir = TempDir::new("post");
    let db = dir.0.join("detente.db");
    let (_server, addr) = serve(&["--db", db.to_str().unwrap(), "--token", "tok-123"]);
    let body = "{\"id\":\"p1\",\"date\":\"2013-09-01\",\"text\":\"Russia accused the United States of arming the rebels in Syria.\"}\n\
                {\"id\":\"p2\",\"date\":\"2013-09-14\",\"text\":\"Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Geneva.\"}\n\
                {\"id\":\"p3\",\"text\":\"No date here.\"}\n";
    let denied = http::request(addr, "POST", "/api/ingest", &[], body.as_bytes()).unwrap();
    assert_eq!(denied.status, 401, "{}", denied.text());
    let auth = [("Authorization", "Bearer tok-123")];
    let response = http::request(addr, "POST", "/api/ingest", &auth, body.as_bytes()).unwrap();
    assert_eq!(response.status, 200, "{}", response.text());
    let summary = response.json();
    assert_eq!(summary["inserted"], 2, "{summary}");
    let errors = summary["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{summary}");
    assert!(
        errors[0].as_str().unwrap().contains("api-ingest.jsonl:3"),
        "{summary}"
    );

    // Coded by the pipeline: an accusation from Russia to the US, a meeting in Geneva.
    let events = http::get(addr, "/api/events?dyad=USA,RUS").json();
    let events = events["events"].as_array().unwrap();
    assert!(
        events.iter().any(|e| e["id"] == "p1"
            && e["source"] == "RUS"
            && e["cameo"].as_str().unwrap().starts_with("11")),
        "{events:?}"
    );
    assert!(events.iter().any(|e| e["id"] == "p2"), "{events:?}");
    let doc = http::get(addr, "/api/documents/p2").json();
    assert!(
        doc["events"].as_array().is_some_and(|e| !e.is_empty()),
        "{doc}"
    );
}

#[test]
fn serve_refuses_a_missing_store_without_a_token() {
    let dir = TempDir::new("missing");
    let db = dir.0.join("none.db");
    let output = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--db",
            db.to_str().unwrap(),
        ])
        .env_remove("DETENTE_TOKEN")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no such store"), "{stderr}");
    assert!(!db.exists());
}

// ------------------------------------------------------------------ the browser test

/// The first of `names` found on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// A WebDriver session with chromedriver, over the tests' HTTP client.
struct WebDriver {
    addr: SocketAddr,
    session: String,
}

impl WebDriver {
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("/session/{}{path}", self.session);
        let body = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        let headers = [("Content-Type", "application/json")];
        let response = http::request(self.addr, method, &url, &headers, body.as_bytes())
            .unwrap_or_else(|e| panic!("WebDriver {method} {url}: {e}"));
        let value = response.json();
        assert_eq!(response.status, 200, "WebDriver {method} {url}: {value}");
        value["value"].clone()
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn element(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found["element-6066-11e4-a52e-4f735466cecf"]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_string()
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// Polls `script` until it returns true; fails with `what` and the page's error box.
    fn wait_for(&self, script: &str, what: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if self.script(script) == json!(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let error = self.script(
            "const e = document.getElementById('error'); return e && !e.hidden ? e.textContent : '';",
        );
        panic!("timed out waiting for {what}; the page's error box: {error}");
    }

    fn screenshot(&self, path: &Path) {
        let png = self.call("GET", "/screenshot", Value::Null);
        let bytes = base64(png.as_str().expect("base64 PNG"));
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, bytes).expect("screenshot written");
    }
}

/// Standard base64 (as WebDriver returns screenshots) to bytes.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0);
    for digit in text.bytes().filter_map(value) {
        bits = bits << 6 | u32::from(digit);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[test]
fn dashboard_answers_the_headline_question_in_a_browser() {
    let (Some(chromedriver), Some(chromium)) = (
        on_path(&["chromedriver"]),
        on_path(&["chromium", "chromium-browser", "google-chrome"]),
    ) else {
        eprintln!(
            "skipped: dashboard browser test: chromium and chromedriver are not both on PATH \
             (apt-get install -y chromium chromium-driver)"
        );
        return;
    };
    let dir = TempDir::new("browser");
    let db = dir.0.join("detente.db");
    let ingest = Command::new(env!("CARGO_BIN_EXE_detente"))
        .arg("ingest")
        .arg("examples/corpus")
        .args(["--db", db.to_str().unwrap(), "-q"])
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let (_server, addr) = serve(&["--db", db.to_str().unwrap()]);

    let port = free_port();
    let _driver = Running(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let driver_addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let start = Instant::now();
    loop {
        let ready = http::request(driver_addr, "GET", "/status", &[], b"")
            .ok()
            .is_some_and(|r| r.json()["value"]["ready"] == json!(true));
        if ready {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let capabilities = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,2200"]
        }
    }}});
    let body = capabilities.to_string();
    let headers = [("Content-Type", "application/json")];
    let created = http::request(driver_addr, "POST", "/session", &headers, body.as_bytes())
        .expect("a WebDriver session");
    let session = created.json()["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {}", created.text()))
        .to_string();
    let browser = WebDriver {
        addr: driver_addr,
        session,
    };

    // Ask the question as a person would: type it and press the button.
    browser.open(&format!("http://{addr}/"));
    let input = browser.element("#question");
    browser.call("POST", &format!("/element/{input}/clear"), json!({}));
    let question = "Are the US and Russia bridging their divide over Syria?";
    browser.call(
        "POST",
        &format!("/element/{input}/value"),
        json!({ "text": question }),
    );
    let button = browser.element("#ask-button");
    browser.call("POST", &format!("/element/{button}/click"), json!({}));
    browser.wait_for(
        "const r = document.getElementById('results'); return !r.hidden && r.dataset.ready === 'true';",
        "the answer",
    );
    let seen = browser.script(
        "const c = document.getElementById('chart');
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         let painted = 0;
         for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
         const rows = [...document.querySelectorAll('#evidence-table tbody tr')];
         const link = document.querySelector('#evidence-table a');
         return {
           bars: Number(c.dataset.bars || 0), painted,
           rows: rows.length,
           russia: rows.filter((r) => /Russia|RUS/.test(r.textContent)).length,
           marks: document.querySelectorAll('#evidence-table mark').length,
           all: document.querySelectorAll('#all-table tbody tr').length,
           verdict: document.getElementById('verdict').textContent,
           link: link ? link.getAttribute('href') : null,
         };",
    );
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard.png");
    browser.screenshot(&shot);
    eprintln!("dashboard screenshot: {}", shot.display());
    assert!(
        seen["bars"].as_u64().unwrap_or(0) > 0,
        "the chart has bars: {seen}"
    );
    assert!(
        seen["painted"].as_u64().unwrap_or(0) > 1000,
        "the chart is drawn: {seen}"
    );
    assert!(
        seen["rows"].as_u64().unwrap_or(0) > 0,
        "evidence rows: {seen}"
    );
    assert!(
        seen["russia"].as_u64().unwrap_or(0) > 0,
        "rows mention Russia: {seen}"
    );
    assert!(
        seen["marks"].as_u64().unwrap_or(0) > 0,
        "actor names highlighted: {seen}"
    );
    assert!(
        seen["all"].as_u64().unwrap_or(0) > 0,
        "the pair's events: {seen}"
    );
    assert!(
        !seen["verdict"].as_str().unwrap_or("").is_empty(),
        "a verdict: {seen}"
    );

    // Follow the first evidence link to the article, its sentence highlighted.
    let link = seen["link"].as_str().expect("an article link").to_string();
    browser.open(&format!("http://{addr}{link}"));
    browser.wait_for(
        "return document.getElementById('docview').dataset.ready === 'true';",
        "the article",
    );
    let article = browser.script(
        "return { title: document.getElementById('doc-title').textContent,
                  focus: document.querySelectorAll('#doc-text .focus').length,
                  events: document.querySelectorAll('#doc-events tbody tr').length };",
    );
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("document.png");
    browser.screenshot(&shot);
    eprintln!("document screenshot: {}", shot.display());
    assert!(
        !article["title"].as_str().unwrap_or("").is_empty(),
        "{article}"
    );
    assert!(
        article["focus"].as_u64().unwrap_or(0) > 0,
        "the sentence is highlighted: {article}"
    );
    assert!(article["events"].as_u64().unwrap_or(0) > 0, "{article}");
    browser.call("DELETE", "", Value::Null);
}

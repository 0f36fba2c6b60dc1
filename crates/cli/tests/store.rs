//! `detente events` and `detente timeline` over a store written here with `detente-store`.

use std::path::PathBuf;
use std::process::Command;

use detente_store::{content_hash, Batch, NewDocument, NewEvent, NewSentence, Store};

/// A store in a fresh temporary folder, removed on drop.
struct TempStore(PathBuf);

impl TempStore {
    fn new(name: &str) -> TempStore {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("detente-cli-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempStore(dir)
    }
    fn db(&self) -> PathBuf {
        self.0.join("detente.db")
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn event(
    source: &str,
    target: &str,
    cameo: &str,
    plover: &str,
    quad: u8,
    goldstein: f32,
    date: u32,
) -> NewEvent {
    NewEvent {
        source: source.into(),
        target: target.into(),
        cameo: cameo.into(),
        plover: Some(plover.into()),
        goldstein: Some(goldstein),
        quad_class: Some(quad),
        date,
        date_precision: "day".into(),
        mentions: 1,
        ..NewEvent::default()
    }
}

fn filled() -> TempStore {
    let tmp = TempStore::new("store");
    let text = "Lavrov met Kerry in Geneva, and Russia accused the United States.".to_string();
    let doc = NewDocument {
        id: "geneva".into(),
        date: 20130227,
        content_hash: content_hash(&[text.as_bytes()]),
        sentences: vec![NewSentence {
            start: 0,
            end: text.len() as u32,
            text: text.clone(),
        }],
        text,
        events: vec![
            event("RUSGOV", "USAGOV", "040", "CONSULT", 1, 1.0, 20130226),
            event("RUS", "USA", "112", "ACCUSE", 3, -2.0, 20130227),
            event("USA", "CHN", "190", "FIGHT", 4, -10.0, 20130305),
        ],
        ..NewDocument::default()
    };
    let mut store = Store::open(tmp.db()).unwrap();
    store
        .ingest(&Batch {
            documents: vec![doc],
            actors: vec![],
        })
        .unwrap();
    tmp
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn events_by_dyad_as_json_lines() {
    let tmp = filled();
    let db = tmp.db();
    let (ok, out, err) = run(&[
        "events",
        "--db",
        db.to_str().unwrap(),
        "--dyad",
        "usa",
        "rus",
        "--format",
        "jsonl",
    ]);
    assert!(ok, "{err}");
    let events: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 2);
    assert_eq!(
        (events[0]["source"].as_str(), events[0]["cameo"].as_str()),
        (Some("RUSGOV"), Some("040"))
    );
    assert_eq!(events[1]["plover"], "ACCUSE");
    let (ok, out, _) = run(&["events", "--db", db.to_str().unwrap(), "--cameo", "19"]);
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("date") && lines[1].starts_with("2013-03-05  USA"),
        "{out}"
    );
}

#[test]
fn timeline_as_csv() {
    let tmp = filled();
    let db = tmp.db();
    let (ok, out, err) = run(&[
        "timeline",
        "RUS",
        "USA",
        "--db",
        db.to_str().unwrap(),
        "--by",
        "week",
        "--format",
        "csv",
    ]);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "period,direction,source,target,events,qc1,qc2,qc3,qc4,unclassified,mean_goldstein,net_cooperation\n\
         2013-02-25,A->B,RUS,USA,2,1,0,1,0,0,-0.500,0.000\n"
    );
}

#[test]
fn missing_store_and_bad_flags_are_reported() {
    let tmp = TempStore::new("missing");
    let db = tmp.db();
    let (ok, _, err) = run(&["timeline", "RUS", "USA", "--db", db.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("no such store"), "{err}");
    assert!(!db.exists());
    let filled = filled();
    let db = filled.db();
    let (ok, _, err) = run(&[
        "events",
        "--db",
        db.to_str().unwrap(),
        "--from",
        "yesterday",
    ]);
    assert!(!ok);
    assert!(err.contains("--from \"yesterday\" is not a date"), "{err}");
    let (ok, _, err) = run(&[
        "timeline",
        "RUS",
        "USA",
        "--db",
        db.to_str().unwrap(),
        "--by",
        "year",
    ]);
    assert!(!ok);
    assert!(err.contains("not day, week or month"), "{err}");
}

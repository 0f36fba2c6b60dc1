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

fn detente_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run detente")
}

/// The README's main command: `ask` on an empty store ingests the sample corpus, then
/// answers the headline question with numbers and evidence; asked again it reuses the store.
#[test]
fn ask_answers_the_headline_question_from_the_sample_corpus() {
    let tmp = TempStore::new("ask");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let db = tmp.db();
    let args = [
        "ask",
        "--db",
        db.to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
        "Are the US and Russia bridging their divide over Syria?",
    ];
    let out = detente_in(&tmp.0, &args);
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("ingesting"), "{err}");
    assert!(
        text.contains("Reading US as USA and Russia as RUS in documents about Syria."),
        "{text}"
    );
    for part in [
        "events between them in",
        "mean Goldstein",
        "Turning point:",
        "By month (both directions):",
        "Strongest evidence:",
        "examples/corpus/",
        "What they said:",
    ] {
        assert!(text.contains(part), "{part} missing from:\n{text}");
    }
    // The verdict is one of the four, stated first.
    assert!(
        ["Yes:", "No:", "Not clearly:", "Too few"]
            .iter()
            .any(|v| text.contains(v)),
        "{text}"
    );
    // Asked again: the store is not empty, nothing is ingested, the answer is the same.
    let again = detente_in(&tmp.0, &args);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("ingesting"));
    assert_eq!(String::from_utf8_lossy(&again.stdout), text);
}

/// A question without two actors gets a clear message with suggestions, and exit status 1.
#[test]
fn ask_explains_what_it_did_not_understand() {
    let tmp = TempStore::new("ask-unknown");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let db = tmp.db();
    let out = detente_in(
        &tmp.0,
        &[
            "ask",
            "--db",
            db.to_str().unwrap(),
            "--corpus",
            corpus.to_str().unwrap(),
            "Are the US and Rusia bridging their divide?",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Only one actor found"), "{err}");
    assert!(
        err.contains("Did you mean:") && err.contains("Russia"),
        "{err}"
    );
}

/// `detente ingest` twice stores each document once; `events` then reads them back.
#[test]
fn ingest_is_idempotent() {
    let tmp = TempStore::new("ingest");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus/wire.jsonl");
    let db = tmp.db();
    let db = db.to_str().unwrap();
    let first = detente_in(
        &tmp.0,
        &["ingest", "-q", "--db", db, corpus.to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{err}");
    assert!(
        err.contains("10 documents read") && err.contains("10 new"),
        "{err}"
    );
    let second = detente_in(
        &tmp.0,
        &["ingest", "-q", "--db", db, corpus.to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains("0 new") && err.contains("10 unchanged"),
        "{err}"
    );
    let store = Store::open_existing(db).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(counts.documents, 10);
    assert!(counts.events > 0);
}

//! Ingest: idempotence, replacement on a changed hash, refusal of bad documents.

use detente_store::{Batch, EventFilter, NewActor, Store, SCHEMA_VERSION};

use crate::util::{corpus, document, event, TempDir};

#[test]
fn new_store_is_wal_and_current() {
    let dir = TempDir::new("wal");
    let store = Store::open(dir.db()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    store.check_integrity().unwrap();
}

#[test]
fn open_existing_refuses_a_missing_file() {
    let dir = TempDir::new("missing");
    let err = Store::open_existing(dir.path().join("nope.db"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("nope.db"), "{err}");
    assert!(!dir.path().join("nope.db").exists());
}

#[test]
fn same_document_twice_is_stored_once() {
    let dir = TempDir::new("twice");
    let mut store = Store::open(dir.db()).unwrap();
    let docs = corpus(7, 40);
    let batch = Batch {
        documents: docs.clone(),
        actors: vec![],
    };
    let first = store.ingest(&batch).unwrap();
    assert_eq!(first.inserted, 40);
    let counts = store.counts().unwrap();
    let events: usize = docs.iter().map(|d| d.events.len()).sum();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let quotes: usize = docs.iter().map(|d| d.quotes.len()).sum();
    assert_eq!(counts.documents, 40);
    assert_eq!(counts.events as usize, events);
    assert_eq!(counts.sentences as usize, sentences);
    assert_eq!(counts.quotes as usize, quotes);

    // Again, and again inside one batch: nothing changes.
    let mut doubled = batch.clone();
    doubled.documents.extend(docs.iter().take(5).cloned());
    let second = store.ingest(&doubled).unwrap();
    assert_eq!(
        (second.inserted, second.replaced, second.unchanged),
        (0, 0, 45)
    );
    assert_eq!(store.counts().unwrap(), counts);
}

#[test]
fn changed_hash_replaces_the_documents_records() {
    let dir = TempDir::new("replace");
    let mut store = Store::open(dir.db()).unwrap();
    let old = document(
        "a",
        20130227,
        vec![
            event("USA", "RUS", "040", 1, 1.0, 20130227),
            event("RUS", "USA", "111", 3, -2.0, 20130227),
        ],
    );
    store
        .ingest(&Batch {
            documents: vec![old],
            actors: vec![],
        })
        .unwrap();
    let new = document(
        "a",
        20130228,
        vec![event("CHN", "UKR", "057", 2, 6.0, 20130228)],
    );
    let report = store
        .ingest(&Batch {
            documents: vec![new],
            actors: vec![],
        })
        .unwrap();
    assert_eq!((report.inserted, report.replaced), (0, 1));
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.documents, counts.sentences, counts.events),
        (1, 1, 1)
    );
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].source.as_str(), events[0].date),
        ("CHN", 20130228)
    );
}

#[test]
fn bad_documents_are_refused_by_name_and_the_rest_stored() {
    let dir = TempDir::new("refuse");
    let mut store = Store::open(dir.db()).unwrap();
    let good = document(
        "good",
        20130227,
        vec![event("USA", "RUS", "040", 1, 1.0, 20130227)],
    );
    let mut bad_sentence = document(
        "bad-sentence",
        20130227,
        vec![event("USA", "RUS", "040", 1, 1.0, 20130227)],
    );
    bad_sentence.events[0].sentence = 3;
    let bad_date = document("bad-date", 20131399, vec![]);
    let mut bad_quad = document(
        "bad-quad",
        20130227,
        vec![event("USA", "RUS", "040", 7, 1.0, 20130227)],
    );
    bad_quad.events[0].quad_class = Some(7);
    let mut bad_span = document("bad-span", 20130227, vec![]);
    bad_span.sentences[0].end = 10_000;
    let mut bad_code = document(
        "bad-code",
        20130227,
        vec![event("USA GOV", "RUS", "040", 1, 1.0, 20130227)],
    );
    bad_code.events[0].goldstein = Some(1.0);
    let report = store
        .ingest(&Batch {
            documents: vec![bad_sentence, good, bad_date, bad_quad, bad_span, bad_code],
            actors: vec![],
        })
        .unwrap();
    assert_eq!(report.inserted, 1);
    let refused: Vec<String> = report.rejected.iter().map(|r| r.to_string()).collect();
    assert_eq!(refused.len(), 5, "{refused:#?}");
    assert!(
        refused[0].contains("\"bad-sentence\": event 0: sentence index 3"),
        "{}",
        refused[0]
    );
    assert!(
        refused[1].contains("\"bad-date\": document: date 20131399"),
        "{}",
        refused[1]
    );
    assert!(
        refused[2].contains("\"bad-quad\": event 0: QuadClass 7"),
        "{}",
        refused[2]
    );
    assert!(
        refused[3].contains("\"bad-span\": sentence 0: offsets"),
        "{}",
        refused[3]
    );
    assert!(
        refused[4].contains("\"bad-code\": event 0: source code"),
        "{}",
        refused[4]
    );
    assert_eq!(store.counts().unwrap().documents, 1);
}

#[test]
fn actors_are_merged_and_codes_upper_cased() {
    let dir = TempDir::new("actors");
    let mut store = Store::open(dir.db()).unwrap();
    let actors = vec![
        NewActor {
            code: "rus".into(),
            name: "Russia".into(),
        },
        NewActor {
            code: "RUS".into(),
            name: "Russia".into(),
        },
        NewActor {
            code: "RUS".into(),
            name: "Russian Federation".into(),
        },
        NewActor {
            code: "".into(),
            name: "nobody".into(),
        },
    ];
    store
        .ingest(&Batch {
            documents: vec![document(
                "x",
                20130227,
                vec![event("usagov", "rus", "040", 1, 1.0, 20130227)],
            )],
            actors,
        })
        .unwrap();
    assert_eq!(store.counts().unwrap().actors, 2);
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(
        (events[0].source.as_str(), events[0].target.as_str()),
        ("USAGOV", "RUS")
    );
}

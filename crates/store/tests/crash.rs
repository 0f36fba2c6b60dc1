//! Crash safety: a child process ingesting a corpus is killed with SIGKILL at several points;
//! after each kill the store must pass SQLite's integrity check and hold whole documents
//! only, and a final rerun must store everything exactly once.
//!
//! The child is this test executable itself, re-run on the ignored test `crash::child` with
//! `DETENTE_STORE_CRASH_DB` naming the store.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use detente_store::{Batch, NewDocument, Store};

use crate::util::{corpus, Rng, TempDir};

const ENV: &str = "DETENTE_STORE_CRASH_DB";
const SEED: u64 = 42;
const DOCS: usize = 4000;
const BATCH: usize = 40;

fn ingest_all(path: &Path, docs: &[NewDocument]) {
    let mut store = Store::open(path).unwrap();
    for chunk in docs.chunks(BATCH) {
        let report = store
            .ingest(&Batch {
                documents: chunk.to_vec(),
                actors: vec![],
            })
            .unwrap();
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    }
}

/// The child's work: ingest the corpus (skipping what a killed run already stored). Does
/// nothing unless run by [`sigkill_mid_ingest_loses_and_duplicates_nothing`].
#[test]
#[ignore = "child process of crash::sigkill_mid_ingest_loses_and_duplicates_nothing"]
fn child() {
    if let Some(path) = std::env::var_os(ENV) {
        ingest_all(Path::new(&path), &corpus(SEED, DOCS));
    }
}

/// Per document id: (sentences, events, quotes) stored.
fn stored(path: &Path) -> HashMap<String, (usize, usize, usize)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT d.id,
                (SELECT count(*) FROM sentences s WHERE s.doc = d.doc),
                (SELECT count(*) FROM events e WHERE e.doc = d.doc),
                (SELECT count(*) FROM quotes q WHERE q.doc = d.doc)
             FROM documents d",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap();
    rows.map(|r| r.unwrap()).collect()
}

/// Checks integrity, that every stored document is whole, and that no record is orphaned;
/// returns how many documents are stored.
fn check_consistent(path: &Path, expected: &HashMap<String, (usize, usize, usize)>) -> usize {
    let store = Store::open_existing(path).unwrap();
    store.check_integrity().unwrap();
    let counts = store.counts().unwrap();
    let docs = stored(path);
    for (id, got) in &docs {
        assert_eq!(Some(got), expected.get(id), "document {id} is not whole");
    }
    let sum = |f: fn(&(usize, usize, usize)) -> usize| docs.values().map(f).sum::<usize>() as u64;
    // Records whose document is missing would be counted in the tables but not here.
    assert_eq!(counts.sentences, sum(|c| c.0));
    assert_eq!(counts.events, sum(|c| c.1));
    assert_eq!(counts.quotes, sum(|c| c.2));
    docs.len()
}

#[test]
fn sigkill_mid_ingest_loses_and_duplicates_nothing() {
    let dir = TempDir::new("crash");
    let db = dir.db();
    let docs = corpus(SEED, DOCS);
    let expected: HashMap<String, (usize, usize, usize)> = docs
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                (d.sentences.len(), d.events.len(), d.quotes.len()),
            )
        })
        .collect();
    let exe = std::env::current_exe().unwrap();
    let mut rng =
        Rng::new(Instant::now().elapsed().as_nanos() as u64 ^ u64::from(std::process::id()));
    let mut partial_kills = 0;
    let mut outcomes = Vec::new();
    let mut previous = 0;
    // Kill until three kills have interrupted an ingest; when a child gets to finish the
    // whole corpus first (a fast machine, a long random delay), start again on a new store.
    for round in 0..30 {
        if partial_kills >= 3 {
            break;
        }
        if previous == DOCS {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
            }
            previous = 0;
        }
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash::child",
                "--ignored",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(ENV, &db)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join(format!("child-{round}.log"))).unwrap())
            .spawn()
            .unwrap();
        // Wait until the child has committed something new (or has finished), then kill it
        // after a further random delay, most likely inside a batch's transaction.
        let start = Instant::now();
        loop {
            if child.try_wait().unwrap().is_some() || start.elapsed() > Duration::from_secs(60) {
                break;
            }
            if db.exists()
                && Store::open_existing(&db)
                    .and_then(|s| s.counts())
                    .map_or(0, |c| c.documents as usize)
                    > previous
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(rng.below(40)));
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        let killed = {
            use std::os::unix::process::ExitStatusExt;
            status.signal() == Some(9)
        };
        let now = check_consistent(&db, &expected);
        eprintln!("round {round}: {status:?}, {now} of {DOCS} documents stored");
        if !killed && !status.success() {
            let log = std::fs::read_to_string(dir.path().join(format!("child-{round}.log")));
            panic!(
                "round {round}: the child failed by itself ({status:?}):\n{}",
                log.unwrap_or_default()
            );
        }
        outcomes.push(format!("{status:?}: {now}"));
        assert!(
            now >= previous,
            "documents were lost: {previous} then {now}"
        );
        if killed && now < DOCS {
            partial_kills += 1;
        }
        previous = now;
    }
    assert!(
        partial_kills >= 3,
        "only {partial_kills} kills interrupted the ingest: {outcomes:?}"
    );

    // The rerun completes the store: everything once, nothing twice.
    ingest_all(&db, &docs);
    assert_eq!(check_consistent(&db, &expected), DOCS);
    let store = Store::open_existing(&db).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(
        counts.events as usize,
        docs.iter().map(|d| d.events.len()).sum::<usize>()
    );
    assert_eq!(
        counts.sentences as usize,
        docs.iter().map(|d| d.sentences.len()).sum::<usize>()
    );
    // A further rerun changes nothing.
    drop(store);
    let mut store = Store::open(&db).unwrap();
    let report = store
        .ingest(&Batch {
            documents: docs.clone(),
            actors: vec![],
        })
        .unwrap();
    assert_eq!(
        (report.inserted, report.replaced, report.unchanged),
        (0, 0, DOCS)
    );
}

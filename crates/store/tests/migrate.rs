//! Migrations: a version-1 file, written here from the frozen version-1 schema
//! (`tests/data/schema_v1.sql`), is brought to the current version with its data.

use detente_store::{Direction, EventFilter, Period, Store, TimelineQuery, SCHEMA_VERSION};

use crate::util::TempDir;

fn write_v1(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("data/schema_v1.sql"))
        .unwrap();
    conn.execute_batch(
        "INSERT INTO documents (doc, id, date, text, content_hash)
             VALUES (1, 'old-1', 20130227, 'Russia met the United States.', 'h1');
         INSERT INTO sentences VALUES (1, 0, 0, 29, 'Russia met the United States.');
         INSERT INTO events (doc, seq, sentence, date, date_precision, source, target, cameo,
                             plover, goldstein, quad_class, mentions)
             VALUES (1, 0, 0, 20130227, 'document', 'RUSGOV', 'USA', '040', 'CONSULT', 1.0, 1, 1),
                    (1, 1, 0, 20130227, 'document', 'USA', 'RUS', '111', 'ACCUSE', -2.0, 3, 1);
         PRAGMA user_version = 1;",
    )
    .unwrap();
}

#[test]
fn version_1_file_is_migrated_with_its_data() {
    let dir = TempDir::new("migrate");
    write_v1(&dir.db());
    let store = Store::open_existing(dir.db()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    store.check_integrity().unwrap();
    // The old rows got their roots: the timeline (which reads only the new index) sees them.
    let rows = store
        .timeline(&TimelineQuery {
            a: "RUS".into(),
            b: "USA".into(),
            by: Period::Month,
            from: None,
            to: None,
            topic: Vec::new(),
        })
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].direction, rows[0].events, rows[0].quad[0]),
        (Direction::AToB, 1, 1)
    );
    assert_eq!(
        (rows[1].direction, rows[1].events, rows[1].quad[2]),
        (Direction::BToA, 1, 1)
    );
    let events = store
        .events(&EventFilter {
            actor: Some("RUSGOV".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].text, "Russia met the United States.");
    drop(store);
    // Reopening does nothing more.
    let store = Store::open(dir.db()).unwrap();
    assert_eq!(store.counts().unwrap().events, 2);
}

#[test]
fn newer_file_is_refused() {
    let dir = TempDir::new("newer");
    write_v1(&dir.db());
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let err = Store::open(dir.db()).err().unwrap().to_string();
    assert!(err.contains("schema version 99 is newer"), "{err}");
}

//! The store's schema, as an ordered list of forward migrations. The file's version is
//! SQLite's `PRAGMA user_version`: 0 for a new file, then the number of migrations applied.
//! Opening a store applies the missing ones in order, each in its own transaction together
//! with the version bump, so a crash mid-migration leaves the previous version intact.
//! A migration, once released, is never edited: a change is a new migration at the end.
//!
//! - **1**: documents, sentences, events, quotes, actors; events indexed by date and by
//!   full source and target code.
//! - **2**: the timeline index. Events get `source_root`/`target_root`, the first three
//!   characters of the codes (the country or IGO/NGO part in CAMEO), and one covering index
//!   `(source_root, target_root, date, quad_class, goldstein, source, target)` from which a
//!   dyad's timeline is read without touching the table: both leading columns are equality
//!   matches for any actor prefix of three characters or more, and the rows come out in date
//!   order, so the per-day grouping streams.

use rusqlite::Connection;

/// The migrations, oldest first; migration `i` (0-based) takes the store to version `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: the base tables.
pub(crate) const V1: &str = "
CREATE TABLE documents (
    doc          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    date         INTEGER NOT NULL,
    url          TEXT,
    title        TEXT,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE TABLE sentences (
    doc   INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc            INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    sentence       INTEGER NOT NULL,
    date           INTEGER NOT NULL,
    date_precision TEXT NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    source_name    TEXT,
    target_name    TEXT,
    cameo          TEXT NOT NULL,
    plover         TEXT,
    goldstein      REAL,
    quad_class     INTEGER,
    place_name     TEXT,
    place_country  TEXT,
    lat            REAL,
    lon            REAL,
    tone           REAL,
    mentions       INTEGER NOT NULL,
    verb_start     INTEGER,
    verb_end       INTEGER,
    source_start   INTEGER,
    source_end     INTEGER,
    target_start   INTEGER,
    target_end     INTEGER,
    provenance     TEXT,
    UNIQUE (doc, seq)
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_source ON events (source, date);
CREATE INDEX events_target ON events (target, date);
CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    doc          INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    speaker      TEXT NOT NULL,
    speaker_code TEXT,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    UNIQUE (doc, seq)
);
CREATE TABLE actors (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (code, name)
) WITHOUT ROWID;
";

/// Version 2: code roots and the covering timeline index (see the module doc).
pub(crate) const V2: &str = "
ALTER TABLE events ADD COLUMN source_root TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_root TEXT NOT NULL DEFAULT '';
UPDATE events SET source_root = substr(source, 1, 3), target_root = substr(target, 1, 3);
DROP INDEX events_source;
DROP INDEX events_target;
CREATE INDEX events_dyad ON events
    (source_root, target_root, date, quad_class, goldstein, source, target);
CREATE INDEX events_target_root ON events (target_root, date);
";

/// The store's current `user_version`.
pub(crate) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies the migrations after `from`, in order, each in one transaction with its version
/// bump. The caller has checked that `from <= SCHEMA_VERSION`.
pub(crate) fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the write lock.
        if version(&tx)? > index as i64 {
            tx.commit()?;
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

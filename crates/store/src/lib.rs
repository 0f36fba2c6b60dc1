//! `detente-store` owns persistence and queries: the SQLite file (`detente.db` by default),
//! its versioned schema and forward migrations ([`schema`]), idempotent and crash-safe
//! ingest of coded documents ([`Store::ingest`]), and the queries behind `detente events` and
//! `detente timeline` ([`query`], [`timeline`]) with their JSON Lines and CSV writers
//! ([`export`]), and one document with its events and quotes ([`documents`]).
//!
//! It knows nothing of how events are coded: its input is its own plain types ([`model`]),
//! onto which the caller maps the pipeline's documents, events and quotes. Reading input
//! files, coding and printing tables belong to the caller (the `detente` binary).
//!
//! ```
//! use detente_store::{content_hash, Batch, NewDocument, NewEvent, NewSentence, Period,
//!     Store, TimelineQuery};
//!
//! # let dir = std::env::temp_dir().join(format!("detente-store-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! let mut store = Store::open(dir.join("detente.db"))?;
//! let text = "Russia accused the United States.".to_string();
//! let document = NewDocument {
//!     id: "a1".into(),
//!     date: 20130227,
//!     content_hash: content_hash(&[text.as_bytes()]),
//!     sentences: vec![NewSentence { start: 0, end: text.len() as u32, text: text.clone() }],
//!     events: vec![NewEvent {
//!         source: "RUS".into(),
//!         target: "USA".into(),
//!         cameo: "112".into(),
//!         quad_class: Some(3),
//!         goldstein: Some(-2.0),
//!         date: 20130227,
//!         date_precision: "document".into(),
//!         mentions: 1,
//!         ..NewEvent::default()
//!     }],
//!     text,
//!     ..NewDocument::default()
//! };
//! let batch = Batch { documents: vec![document], actors: vec![] };
//! assert_eq!(store.ingest(&batch)?.inserted, 1);
//! assert_eq!(store.ingest(&batch)?.unchanged, 1); // idempotent
//!
//! let query = TimelineQuery { a: "USA".into(), b: "RUS".into(), by: Period::Month, from: None, to: None, topic: vec![] };
//! let rows = store.timeline(&query)?;
//! assert_eq!((rows[0].period.as_str(), rows[0].quad), ("2013-02", [0, 0, 1, 0]));
//! assert_eq!(rows[0].net_cooperation, Some(-1.0));
//! # drop(store);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Memory: each open store keeps up to 64 MiB of SQLite page cache.
//!
//! Durability: the file is in WAL mode with `synchronous = NORMAL`, so a committed batch
//! survives the process being killed at any point; a power loss may drop the last batches
//! committed, never leave a half-written one.
#![deny(missing_docs)]

pub mod ask;
pub mod documents;
pub mod error;
pub mod export;
pub mod ingest;
pub mod model;
pub mod query;
pub mod schema;
pub mod timeline;

pub use documents::{DocumentQuote, StoredDocument};
pub use error::{Error, Rejected};
pub use ingest::IngestReport;
pub use model::{
    content_hash, Batch, EvidenceSpans, NewActor, NewDocument, NewEvent, NewQuote, NewSentence,
    Place,
};
pub use query::{EventFilter, StoredEvent, StoredQuote};
pub use schema::SCHEMA_VERSION;
pub use timeline::{Direction, Period, TimelineQuery, TimelineRow};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// The store's file name when none is given.
pub const DEFAULT_PATH: &str = "detente.db";

/// Result of store operations.
pub type Result<T> = std::result::Result<T, Error>;

/// An open store: one SQLite connection. Open one per thread; SQLite's WAL mode lets readers
/// run while one writer ingests.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Row counts of the store's tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents.
    pub documents: u64,
    /// Sentences.
    pub sentences: u64,
    /// Events.
    pub events: u64,
    /// Quotes.
    pub quotes: u64,
    /// Distinct (code, name) pairs in the actors table.
    pub actors: u64,
}

impl Store {
    /// Opens the store at `path`, creating it if it does not exist, and brings its schema to
    /// [`SCHEMA_VERSION`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Store::open_with(path, flags)
    }

    /// Opens an existing store (for queries): [`Error::Missing`] when there is no file, so a
    /// mistyped `--db` does not silently create an empty store. Migrates an older schema.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(Error::Missing(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Store::open_with(path, flags)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let sql = |source| Error::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(sql)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Sqlite {
                path: path.to_path_buf(),
                source: rusqlite::Error::InvalidParameterName(format!(
                    "cannot switch the journal to WAL (got {mode})"
                )),
            });
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        // 64 MiB of page cache instead of SQLite's 2 MiB: ingest inserts into indexes in key
        // order unrelated to arrival order, and with the default cache most page visits were
        // system calls (measured with examples/timeline_bench.rs).
        conn.pragma_update(None, "cache_size", -65_536)
            .map_err(sql)?;
        let found = schema::version(&conn).map_err(sql)?;
        if found > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            schema::migrate(&mut conn, found).map_err(sql)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file (always [`SCHEMA_VERSION`] once opened).
    pub fn schema_version(&self) -> Result<i64> {
        schema::version(&self.conn).map_err(|e| self.sql(e))
    }

    /// Runs `PRAGMA integrity_check`; [`Error::Corrupt`] with SQLite's report if it fails.
    pub fn check_integrity(&self) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.sql(e))?;
        let lines: Vec<String> = stmt
            .query_map([], |row| row.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql(e))?;
        if lines.len() == 1 && lines[0] == "ok" {
            Ok(())
        } else {
            Err(Error::Corrupt {
                path: self.path.clone(),
                message: lines.join("; "),
            })
        }
    }

    /// Row counts of the tables.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                    row.get::<_, i64>(0)
                })
                .map(|n| n as u64)
                .map_err(|e| self.sql(e))
        };
        Ok(Counts {
            documents: count("documents")?,
            sentences: count("sentences")?,
            events: count("events")?,
            quotes: count("quotes")?,
            actors: count("actors")?,
        })
    }

    /// Wraps a SQLite error with the store's path.
    pub(crate) fn sql(&self, source: rusqlite::Error) -> Error {
        Error::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// The connection, for this crate's query modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Checks a `YYYYMMDD` date (year 1–9999, month 1–12, day valid for the month).
pub(crate) fn valid_date(date: u32) -> bool {
    let (year, month, day) = (date / 10_000, date / 100 % 100, date % 100);
    (1..=9999).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
}

/// Days in a month of the proleptic Gregorian calendar.
// `u32::is_multiple_of` is newer than the workspace's rust-version (1.80).
#[allow(clippy::manual_is_multiple_of)]
pub(crate) fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::valid_date;

    #[test]
    fn dates() {
        assert!(valid_date(20130227));
        assert!(valid_date(20120229));
        assert!(!valid_date(20130229));
        assert!(!valid_date(21000229));
        assert!(valid_date(20000229));
        assert!(!valid_date(20131301));
        assert!(!valid_date(20130100));
        assert!(!valid_date(0));
    }
}

//! The store's one error type: every failure names the store file, or the document and
//! record that was refused.

use std::path::PathBuf;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// SQLite failed on the store file.
    #[error("{path}: {source}")]
    Sqlite {
        /// The store file.
        path: PathBuf,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// The store file does not exist (opening for queries never creates one).
    #[error("{0}: no such store (run `detente ingest` first, or give --db PATH)")]
    Missing(PathBuf),
    /// The store was written by a newer Détente whose schema this build does not know.
    #[error("{path}: schema version {found} is newer than this build supports ({supported})")]
    TooNew {
        /// The store file.
        path: PathBuf,
        /// The version found in the file (`PRAGMA user_version`).
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The store's integrity check failed.
    #[error("{path}: integrity check failed: {message}")]
    Corrupt {
        /// The store file.
        path: PathBuf,
        /// What `PRAGMA integrity_check` reported.
        message: String,
    },
    /// A query's arguments make no sense (an empty actor code, `from` after `to`...).
    #[error("invalid query: {0}")]
    Query(String),
    /// Writing query output failed.
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
}

/// Why one document of a batch was refused (the rest of the batch is still written).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("document {doc_id:?}: {record}: {message}")]
pub struct Rejected {
    /// The refused document's id.
    pub doc_id: String,
    /// Which record of the document was wrong (`document`, `sentence 3`, `event 2`, `quote 0`).
    pub record: String,
    /// What was wrong with it.
    pub message: String,
}

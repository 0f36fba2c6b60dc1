//! The one error type of `detente-doc`.

use std::path::PathBuf;
use thiserror::Error;

/// Why a document or input file could not be read. Every variant names the file (the path,
/// or the name given to a reader of text) and, where there is one, the line.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum DocError {
    /// The file could not be read at all.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not well-formed XML at this line.
    #[error("{file}:{line}: malformed XML: {message}")]
    Xml {
        /// File name.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// The XML reader's message.
        message: String,
    },
    /// Well-formed, but not what the format requires (a record without an id, ...).
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// File name.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl DocError {
    /// The line the error is about, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            DocError::Io { .. } => None,
            DocError::Xml { line, .. } | DocError::Invalid { line, .. } => Some(*line),
        }
    }
}

//! The one error type of `detente-doc`.

use std::path::PathBuf;
use thiserror::Error;

/// Why a document or input file could not be read. Every variant names the file (the path,
/// or the name given to a reader of text) and, where there is one, the line; a record that
/// has an id names it too.
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
    /// A line (of a JSON Lines file) or a text file that is not UTF-8.
    #[error("{file}:{line}: not UTF-8 text")]
    NotUtf8 {
        /// File name.
        file: String,
        /// Line of the first byte that is not UTF-8, from 1.
        line: usize,
    },
    /// A JSON Lines record that is not valid JSON, or not a JSON object.
    #[error("{file}:{line}: not valid JSON: {message}")]
    Json {
        /// File name.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// The JSON parser's message.
        message: String,
    },
    /// A gzip stream that is corrupt or cut short.
    #[error("{file}:{line}: broken gzip stream: {message}")]
    Gzip {
        /// File name.
        file: String,
        /// The line being read (of the decompressed text) when the stream broke, from 1.
        line: usize,
        /// What the decoder said.
        message: String,
    },
    /// A document with no date of its own, read without a default date (`--date`).
    #[error("{file}{}: {} (give --date YYYY-MM-DD)", at_line(*line), no_date(record))]
    MissingDate {
        /// File name.
        file: String,
        /// Line of the record (JSON Lines), when the document is a record.
        line: Option<usize>,
        /// The record's id, when the document is a record.
        record: Option<String>,
    },
    /// A date that is not a date.
    #[error("{file}{}: {} has a bad date {value:?}", at_line(*line), what(record))]
    BadDate {
        /// File name.
        file: String,
        /// Line of the record, when the document is a record.
        line: Option<usize>,
        /// The record's id, when the document is a record.
        record: Option<String>,
        /// The date as written.
        value: String,
    },
    /// A record that lacks a field the format requires.
    #[error("{file}:{line}: {} has no {field:?}", what(record))]
    MissingField {
        /// File name.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// The record's id, when it has one.
        record: Option<String>,
        /// The missing field.
        field: &'static str,
    },
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

fn no_date(record: &Option<String>) -> String {
    match record {
        Some(id) => format!("record {id:?} has no \"date\""),
        None => "the document has no date in its text or metadata".to_string(),
    }
}

fn what(record: &Option<String>) -> String {
    match record {
        Some(id) => format!("record {id:?}"),
        None => "the document".to_string(),
    }
}

impl DocError {
    /// The line the error is about, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            DocError::Io { .. } => None,
            DocError::Xml { line, .. }
            | DocError::Invalid { line, .. }
            | DocError::NotUtf8 { line, .. }
            | DocError::Json { line, .. }
            | DocError::Gzip { line, .. }
            | DocError::MissingField { line, .. } => Some(*line),
            DocError::MissingDate { line, .. } | DocError::BadDate { line, .. } => *line,
        }
    }
}

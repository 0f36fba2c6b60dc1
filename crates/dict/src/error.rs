//! Errors of the dictionary loaders.
//!
//! A loader reads every line and keeps going: each bad line becomes one [`DictError`] naming
//! the file and the 1-based line, and the rest of the file still loads. Only a file that
//! cannot be read at all is an [`DictError::Io`].

use std::io;

/// Something wrong in a dictionary file, with the file and line where it was found.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// The file could not be read.
    #[error("{file}: {source}")]
    Io {
        /// The file as given to the loader.
        file: Box<str>,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// A line that does not have the shape its kind requires; the line is skipped.
    #[error("{file}:{line}: malformed {what} \"{text}\": {reason}")]
    Malformed {
        /// The file as given to the loader.
        file: Box<str>,
        /// 1-based line number.
        line: u32,
        /// What the line was taken to be (`pattern`, `verb`, `actor`, ...).
        what: &'static str,
        /// The offending text.
        text: Box<str>,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A code in `[...]` that cannot be a code (empty, blanks inside, misplaced `~`).
    #[error("{file}:{line}: bad code \"{text}\"")]
    BadCode {
        /// The file as given to the loader.
        file: Box<str>,
        /// 1-based line number.
        line: u32,
        /// The bracketed code as written.
        text: Box<str>,
    },
    /// An actor date restriction whose date or form is not `YYMMDD`/`YYYYMMDD`, `<d`, `>d`,
    /// `d-d`; the restriction is dropped, the actor keeps its other codes.
    #[error("{file}:{line}: malformed date restriction \"{text}\"")]
    BadDate {
        /// The file as given to the loader.
        file: Box<str>,
        /// 1-based line number.
        line: u32,
        /// The bracketed restriction as written.
        text: Box<str>,
    },
    /// A pattern or synset refers to a synset not defined above it; the entry is ignored.
    #[error("{file}:{line}: unknown synset &{name} in \"{text}\"")]
    UnknownSynset {
        /// The file as given to the loader.
        file: Box<str>,
        /// 1-based line number.
        line: u32,
        /// The synset name without `&`.
        name: Box<str>,
        /// The line's text.
        text: Box<str>,
    },
    /// An id defined twice for the same kind (native format); the second entry is dropped.
    #[error(
        "{file}:{line}: duplicate {kind} id \"{id}\" (first defined at {first_file}:{first_line})"
    )]
    Duplicate {
        /// The file of the second definition.
        file: Box<str>,
        /// 1-based line of the second definition.
        line: u32,
        /// The entry kind (`actor`, `verb`, ...).
        kind: &'static str,
        /// The id.
        id: Box<str>,
        /// The file of the first definition.
        first_file: Box<str>,
        /// 1-based line of the first definition.
        first_line: u32,
    },
}

impl DictError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            DictError::Io { file, .. }
            | DictError::Malformed { file, .. }
            | DictError::BadCode { file, .. }
            | DictError::BadDate { file, .. }
            | DictError::UnknownSynset { file, .. }
            | DictError::Duplicate { file, .. } => file,
        }
    }

    /// The 1-based line the error is about; `None` for I/O errors.
    pub fn line(&self) -> Option<u32> {
        match self {
            DictError::Io { .. } => None,
            DictError::Malformed { line, .. }
            | DictError::BadCode { line, .. }
            | DictError::BadDate { line, .. }
            | DictError::UnknownSynset { line, .. }
            | DictError::Duplicate { line, .. } => Some(*line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display() {
        let e = DictError::BadDate {
            file: "CAMEO.2.0.txt".into(),
            line: 1234,
            text: "[USA 99x]".into(),
        };
        assert_eq!(
            e.to_string(),
            "CAMEO.2.0.txt:1234: malformed date restriction \"[USA 99x]\""
        );
        assert_eq!(e.line(), Some(1234));
        assert_eq!(e.file(), "CAMEO.2.0.txt");
    }
}

//! Reading documents: files, folders and standard input in any of the input formats, as a
//! stream of [`Document`]s.
//!
//! - `.txt` (and any file named on the command line with another extension): one article,
//!   cleaned of boilerplate ([`text`]);
//! - `.html`, `.htm`, `.xhtml`: one page; the article's text and metadata ([`html`]);
//! - `.jsonl`, `.ndjson`, `.json`: JSON Lines records `{"id", "date", "url", "title",
//!   "text"}` (or `"html"` instead of `"text"`), read one line at a time ([`jsonl`]);
//! - `.xml`: PETRARCH input files, one document per `<Sentence>` ([`xml`]);
//! - any of these compressed with gzip (`.gz`, or recognised by its magic bytes);
//! - a folder: every file in it with one of these extensions, recursively, in byte order of
//!   the path, so that runs are reproducible; hidden files and linked folders are skipped;
//! - `-`: standard input, whose format is recognised from its first bytes.
//!
//! Reading is lazy: folders are listed one at a time, JSON Lines files are read a line at a
//! time, so that a large file or a folder of many files is never held in memory at once. An
//! input that cannot be read yields an error naming the file (and line, and record) and the
//! stream goes on with the next record or file. Input must be UTF-8, except HTML pages that
//! declare Latin-1 or Windows-1252, which are decoded.

pub mod html;
pub mod jsonl;
pub mod text;
pub mod xml;

use crate::boilerplate::Cleaner;
use crate::document::Document;
use crate::error::DocError;
use flate2::bufread::MultiGzDecoder;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Parses a date given as `YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD` or an ISO 8601 timestamp
/// into `YYYYMMDD`.
pub fn parse_date(text: &str) -> Option<u32> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(|c| *c != 'T' && *c != ' ')
        .filter(|c| c.is_ascii_digit())
        .collect();
    if digits.len() != 8 {
        return None;
    }
    let value: u32 = digits.parse().ok()?;
    let (month, day) = (value / 100 % 100, value % 100);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(value)
}

/// How documents are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReaderOptions {
    /// The date of documents that carry none, `YYYYMMDD`. Without it such a document is an
    /// error.
    pub default_date: Option<u32>,
    /// Keep the text as it is: no boilerplate removal (HTML pages are still reduced to
    /// their visible text).
    pub keep_boilerplate: bool,
}

/// Reads documents. Build once and share: it holds the cleaner and the HTML reader.
#[derive(Debug)]
pub struct DocumentReader {
    options: ReaderOptions,
    cleaner: Cleaner,
    html: html::HtmlReader,
}

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    JsonLines,
    Xml,
}

impl Kind {
    /// The format a file name says, after any `.gz`.
    fn from_name(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let extension = name.rsplit_once('.')?.1;
        match extension {
            "txt" | "text" => Some(Kind::Text),
            "html" | "htm" | "xhtml" => Some(Kind::Html),
            "jsonl" | "ndjson" | "json" => Some(Kind::JsonLines),
            "xml" => Some(Kind::Xml),
            _ => None,
        }
    }

    /// The format the first bytes say.
    fn sniff(head: &[u8]) -> Kind {
        let head = String::from_utf8_lossy(&head[..head.len().min(4096)]);
        let start = head.trim_start_matches('\u{feff}').trim_start();
        if start.starts_with('{') {
            Kind::JsonLines
        } else if start.starts_with('<') {
            if head.contains("<Sentences") || head.contains("<Sentence ") {
                Kind::Xml
            } else {
                Kind::Html
            }
        } else {
            Kind::Text
        }
    }
}

impl DocumentReader {
    /// A reader with the standard boilerplate rules.
    pub fn new(options: ReaderOptions) -> DocumentReader {
        DocumentReader::with_cleaner(options, Cleaner::standard())
    }

    /// A reader with the given cleaner.
    pub fn with_cleaner(options: ReaderOptions, cleaner: Cleaner) -> DocumentReader {
        let cleaner = if options.keep_boilerplate {
            Cleaner::none()
        } else {
            cleaner
        };
        DocumentReader {
            options,
            cleaner,
            html: html::HtmlReader::new(),
        }
    }

    /// The options it reads with.
    pub fn options(&self) -> ReaderOptions {
        self.options
    }

    /// The cleaner it uses.
    pub fn cleaner(&self) -> &Cleaner {
        &self.cleaner
    }

    /// The documents of `inputs` (files, folders, or `-` for standard input), in order.
    pub fn documents(&self, inputs: &[PathBuf]) -> Documents<'_> {
        Documents {
            raw: self.raw_documents(inputs),
        }
    }

    /// The documents of one stream (already opened), named `name` in ids and errors, in the
    /// format its name says or, failing that, its first bytes say.
    pub fn documents_from_reader(&self, stream: Box<dyn Read + Send>, name: &str) -> Documents<'_> {
        Documents {
            raw: self.raw_documents_from_reader(stream, name),
        }
    }

    /// The documents of `inputs` as read, before parsing and cleaning: reading is
    /// sequential, but [`DocumentReader::finish`] can then run in parallel (a JSON record is
    /// parsed, a page's article extracted and every text cleaned there).
    pub fn raw_documents(&self, inputs: &[PathBuf]) -> RawDocuments<'_> {
        RawDocuments {
            reader: self,
            pending: inputs
                .iter()
                .rev()
                .map(|p| Pending::Named(p.clone()))
                .collect(),
            current: None,
        }
    }

    /// [`DocumentReader::raw_documents`] of one stream.
    pub fn raw_documents_from_reader(
        &self,
        stream: Box<dyn Read + Send>,
        name: &str,
    ) -> RawDocuments<'_> {
        let mut documents = RawDocuments {
            reader: self,
            pending: Vec::new(),
            current: None,
        };
        documents.current = Some(documents.open_stream(stream, name, None, None));
        documents
    }

    /// Parses and cleans a document as read.
    pub fn finish(&self, raw: RawDocument) -> Result<Document, DocError> {
        match raw.0 {
            Raw::Ready(document) => Ok(*document),
            Raw::Text { text, source } => text::document(self, text, &source),
            Raw::Html { html, source } => text::html_document(self, &html, &source),
            Raw::Record { text, line, source } => jsonl::record(self, &text, line, &source),
        }
    }

    /// The date of a document: its own, else the default, else an error.
    pub(crate) fn date(
        &self,
        own: Option<&str>,
        file: &str,
        line: Option<usize>,
        record: Option<&str>,
    ) -> Result<u32, DocError> {
        match own.map(str::trim).filter(|d| !d.is_empty()) {
            Some(text) => parse_date(text).ok_or_else(|| DocError::BadDate {
                file: file.to_string(),
                line,
                record: record.map(String::from),
                value: text.to_string(),
            }),
            None => self
                .options
                .default_date
                .ok_or_else(|| DocError::MissingDate {
                    file: file.to_string(),
                    line,
                    record: record.map(String::from),
                }),
        }
    }
}

/// Inputs not opened yet.
enum Pending {
    /// An input as named by the caller: a file, a folder or `-`.
    Named(PathBuf),
    /// A file found in a folder (read only when its extension is known).
    Found(PathBuf),
}

/// What is being read now.
enum Current {
    /// Documents ready to hand out.
    Ready(VecDeque<Result<RawDocument, DocError>>),
    /// A JSON Lines stream, read a line at a time.
    Lines(jsonl::Lines),
}

/// A document as read from its input, not yet parsed or cleaned
/// ([`DocumentReader::finish`]).
pub struct RawDocument(Raw);

enum Raw {
    /// Already a document (a PETRARCH record).
    Ready(Box<Document>),
    /// A text file.
    Text { text: String, source: Arc<Source> },
    /// An HTML page.
    Html { html: String, source: Arc<Source> },
    /// One line of a JSON Lines file.
    Record {
        text: String,
        line: usize,
        source: Arc<Source>,
    },
}

/// The stream of documents of [`DocumentReader::documents`].
pub struct Documents<'a> {
    raw: RawDocuments<'a>,
}

impl Iterator for Documents<'_> {
    type Item = Result<Document, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        let reader = self.raw.reader;
        self.raw
            .next()
            .map(|raw| raw.and_then(|raw| reader.finish(raw)))
    }
}

/// The stream of [`DocumentReader::raw_documents`].
pub struct RawDocuments<'a> {
    reader: &'a DocumentReader,
    /// A stack: the next input is last.
    pending: Vec<Pending>,
    current: Option<Current>,
}

impl Iterator for RawDocuments<'_> {
    type Item = Result<RawDocument, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match &mut self.current {
                Some(Current::Ready(queue)) => {
                    if let Some(item) = queue.pop_front() {
                        return Some(item);
                    }
                    self.current = None;
                }
                Some(Current::Lines(lines)) => {
                    if let Some(item) = lines.next() {
                        return Some(item);
                    }
                    self.current = None;
                }
                None => {
                    let pending = self.pending.pop()?;
                    if let Err(error) = self.open(pending) {
                        return Some(Err(error));
                    }
                }
            }
        }
    }
}

impl RawDocuments<'_> {
    fn open(&mut self, pending: Pending) -> Result<(), DocError> {
        let (path, named) = match pending {
            Pending::Named(path) => (path, true),
            Pending::Found(path) => (path, false),
        };
        if named && path.as_os_str() == "-" {
            let stdin: Box<dyn Read + Send> = Box::new(std::io::stdin());
            self.current = Some(self.open_stream(stdin, "<stdin>", None, None));
            return Ok(());
        }
        let io = |source| DocError::Io {
            path: path.clone(),
            source,
        };
        let metadata = std::fs::metadata(&path).map_err(io)?;
        if metadata.is_dir() {
            let mut entries = Vec::new();
            for entry in std::fs::read_dir(&path).map_err(io)? {
                let entry = entry.map_err(io)?;
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                entries.push(entry.path());
            }
            entries.sort();
            for entry in entries.into_iter().rev() {
                // a linked folder is not followed (a link to a parent would never end)
                let Ok(kind) = std::fs::symlink_metadata(&entry).map(|m| m.file_type()) else {
                    continue;
                };
                let file = if kind.is_symlink() {
                    entry.is_file()
                } else {
                    kind.is_file()
                };
                if kind.is_dir() || (file && Kind::from_name(&entry).is_some()) {
                    self.pending.push(Pending::Found(entry));
                }
            }
            return Ok(());
        }
        let file = std::fs::File::open(&path).map_err(io)?;
        let name = path.display().to_string();
        self.current = Some(self.open_stream(
            Box::new(file),
            &name,
            Some(path.clone()),
            Kind::from_name(&path),
        ));
        Ok(())
    }

    /// Opens a stream: un-gzips it when its magic bytes say so, and picks its reader.
    fn open_stream(
        &self,
        stream: Box<dyn Read + Send>,
        name: &str,
        path: Option<PathBuf>,
        kind: Option<Kind>,
    ) -> Current {
        let mut buffered = BufReader::with_capacity(64 * 1024, stream);
        let head = match buffered.fill_buf() {
            Ok(head) => head,
            Err(source) => {
                return Current::Ready(VecDeque::from([Err(DocError::Io {
                    path: PathBuf::from(name),
                    source,
                })]))
            }
        };
        let gzip = head.starts_with(&[0x1f, 0x8b]);
        let mut source: Box<dyn BufRead + Send> = if gzip {
            Box::new(BufReader::with_capacity(
                64 * 1024,
                MultiGzDecoder::new(buffered),
            ))
        } else {
            Box::new(buffered)
        };
        let kind = match kind {
            Some(kind) => kind,
            None => match source.fill_buf() {
                Ok(head) => Kind::sniff(head),
                Err(error) => {
                    return Current::Ready(VecDeque::from([Err(stream_error(
                        name, gzip, 1, error,
                    ))]))
                }
            },
        };
        let source_info = Arc::new(Source {
            name: name.to_string(),
            path,
            gzip,
        });
        if kind == Kind::JsonLines {
            return Current::Lines(jsonl::Lines::new(source, source_info));
        }
        let mut bytes = Vec::new();
        if let Err(error) = source.read_to_end(&mut bytes) {
            let line = 1 + bytes.iter().filter(|b| **b == b'\n').count();
            return Current::Ready(VecDeque::from([Err(stream_error(name, gzip, line, error))]));
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) if kind == Kind::Html && declares_windows_1252(error.as_bytes()) => {
                decode_windows_1252(error.as_bytes())
            }
            Err(error) => {
                let valid = error.utf8_error().valid_up_to();
                let line = 1 + error.as_bytes()[..valid]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count();
                return Current::Ready(VecDeque::from([Err(DocError::NotUtf8 {
                    file: name.to_string(),
                    line,
                })]));
            }
        };
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let source = source_info;
        Current::Ready(match kind {
            Kind::Text => VecDeque::from([Ok(RawDocument(Raw::Text { text, source }))]),
            Kind::Html => VecDeque::from([Ok(RawDocument(Raw::Html { html: text, source }))]),
            Kind::Xml => xml::documents(self.reader, &text, &source)
                .into_iter()
                .map(|d| d.map(|d| RawDocument(Raw::Ready(Box::new(d)))))
                .collect(),
            Kind::JsonLines => VecDeque::new(),
        })
    }
}

/// True when a page declares a Latin-1 or Windows-1252 character set in its first 2 KB
/// (`<meta charset="windows-1252">`, `charset=iso-8859-1`): older news sites still do.
fn declares_windows_1252(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let Some(at) = head.find("charset=") else {
        return false;
    };
    let name = head[at + 8..].trim_start_matches(['"', '\'', ' ']);
    [
        "windows-1252",
        "iso-8859-1",
        "latin1",
        "latin-1",
        "cp1252",
        "us-ascii",
    ]
    .iter()
    .any(|n| name.starts_with(n))
}

/// Windows-1252 (a superset of Latin-1 as browsers read it) to UTF-8.
fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The stream a document comes from.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Its name in ids and errors: the path as given, or `<stdin>`.
    pub name: String,
    /// The file, when it is one.
    pub path: Option<PathBuf>,
    /// Whether it was gzip-compressed.
    pub gzip: bool,
}

impl Source {
    /// The id of a document that is the whole stream.
    pub fn id(&self) -> String {
        if self.path.is_none() && self.name == "<stdin>" {
            "stdin".to_string()
        } else {
            self.name.clone()
        }
    }
}

/// An error while reading a stream: a broken gzip stream, or an I/O error.
pub(crate) fn stream_error(name: &str, gzip: bool, line: usize, error: std::io::Error) -> DocError {
    if gzip
        && matches!(
            error.kind(),
            std::io::ErrorKind::InvalidInput
                | std::io::ErrorKind::InvalidData
                | std::io::ErrorKind::UnexpectedEof
        )
    {
        DocError::Gzip {
            file: name.to_string(),
            line,
            message: error.to_string(),
        }
    } else {
        DocError::Io {
            path: PathBuf::from(name),
            source: error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2013-02-27"), Some(20130227));
        assert_eq!(parse_date("20130227"), Some(20130227));
        assert_eq!(parse_date("2013-02-27T10:00:00+03:00"), Some(20130227));
        assert_eq!(parse_date("2013/02/27"), Some(20130227));
        assert_eq!(parse_date("2013-13-27"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn legacy_pages_are_decoded() {
        let page = b"<meta charset=\"windows-1252\"><p>Caf\xe9 \x93talks\x94</p>";
        assert!(declares_windows_1252(page));
        assert!(decode_windows_1252(page).ends_with("<p>Café “talks”</p>"));
        assert!(!declares_windows_1252(
            b"<meta charset=\"utf-8\"><p>Caf\xe9</p>"
        ));
    }

    #[test]
    fn kinds() {
        assert_eq!(
            Kind::from_name(Path::new("a/b.JSONL.gz")),
            Some(Kind::JsonLines)
        );
        assert_eq!(Kind::from_name(Path::new("a/b.htm")), Some(Kind::Html));
        assert_eq!(Kind::from_name(Path::new("a/README")), None);
        assert_eq!(Kind::sniff(b"  {\"id\":1}"), Kind::JsonLines);
        assert_eq!(
            Kind::sniff(b"<?xml version=\"1.0\"?>\n<Sentences>"),
            Kind::Xml
        );
        assert_eq!(Kind::sniff(b"<!doctype html><html>"), Kind::Html);
        assert_eq!(Kind::sniff(b"MOSCOW (Reuters) - ..."), Kind::Text);
    }
}

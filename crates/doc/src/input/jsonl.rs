//! JSON Lines: one record a line, `{"id", "date", "url", "title", "text"}` (or `"html"`, a
//! page to extract, instead of `"text"`), read a line at a time. `id` may be a string or a
//! number; `date` is `YYYY-MM-DD` (or any form [`super::parse_date`] reads); blank lines are
//! skipped. A bad line is an error naming the file and line, and reading goes on.

use super::text::{build, Meta};
use super::{stream_error, DocumentReader, Raw, RawDocument, Source};
use crate::document::{Document, Format};
use crate::error::DocError;
use serde_json::Value;
use std::io::BufRead;
use std::sync::Arc;

/// A JSON Lines stream being read.
pub(crate) struct Lines {
    source: Box<dyn BufRead + Send>,
    info: Arc<Source>,
    line: usize,
    buffer: Vec<u8>,
    done: bool,
}

impl Lines {
    pub(crate) fn new(source: Box<dyn BufRead + Send>, info: Arc<Source>) -> Lines {
        Lines {
            source,
            info,
            line: 0,
            buffer: Vec::new(),
            done: false,
        }
    }

    /// The next record's line, or `None` at the end (or after an error that ends the
    /// stream).
    pub(crate) fn next(&mut self) -> Option<Result<RawDocument, DocError>> {
        loop {
            if self.done {
                return None;
            }
            self.buffer.clear();
            self.line += 1;
            match self.source.read_until(b'\n', &mut self.buffer) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(error) => {
                    self.done = true;
                    return Some(Err(stream_error(
                        &self.info.name,
                        self.info.gzip,
                        self.line,
                        error,
                    )));
                }
            }
            let Ok(text) = std::str::from_utf8(&self.buffer) else {
                return Some(Err(DocError::NotUtf8 {
                    file: self.info.name.clone(),
                    line: self.line,
                }));
            };
            let text = text.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            return Some(Ok(RawDocument(Raw::Record {
                text: text.to_string(),
                line: self.line,
                source: Arc::clone(&self.info),
            })));
        }
    }
}

/// Reads one record.
pub(crate) fn record(
    reader: &DocumentReader,
    line_text: &str,
    line: usize,
    source: &Source,
) -> Result<Document, DocError> {
    let file = &source.name;
    let value: Value = serde_json::from_str(line_text).map_err(|e| DocError::Json {
        file: file.clone(),
        line,
        message: e.to_string(),
    })?;
    let Value::Object(mut object) = value else {
        return Err(DocError::Json {
            file: file.clone(),
            line,
            message: "a record must be a JSON object".into(),
        });
    };
    let id = match object.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            return Err(DocError::MissingField {
                file: file.clone(),
                line,
                record: None,
                field: "id",
            })
        }
    };
    let string = |object: &mut serde_json::Map<String, Value>, key: &str| match object.remove(key) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let date_text = string(&mut object, "date");
    let date = reader.date(date_text.as_deref(), file, Some(line), Some(&id))?;
    let url = string(&mut object, "url").filter(|u| !u.trim().is_empty());
    let title = string(&mut object, "title").filter(|t| !t.trim().is_empty());
    let mut meta = Meta {
        id,
        date,
        url,
        title,
        byline: None,
        line: Some(line),
        format: Format::JsonLines,
    };
    if let Some(text) = string(&mut object, "text") {
        return Ok(build(reader, text, &[], meta, source));
    }
    if let Some(html) = string(&mut object, "html") {
        let page = reader.html.read(&html);
        meta.title = meta.title.or(page.title);
        meta.url = meta.url.or(page.url);
        meta.byline = page.author;
        return Ok(build(reader, page.text, &page.marked, meta, source));
    }
    Err(DocError::MissingField {
        file: file.clone(),
        line,
        record: Some(meta.id),
        field: "text",
    })
}

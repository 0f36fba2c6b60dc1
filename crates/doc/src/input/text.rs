//! Whole-file documents — plain text and HTML pages — and the step every article goes
//! through: cleaning its text of boilerplate into a [`Document`] that keeps the original.

use super::{DocumentReader, Source};
use crate::boilerplate::Reason;
use crate::document::{Document, Format};
use crate::error::DocError;
use std::ops::Range;

/// What is known of a document before its text is cleaned.
pub(crate) struct Meta {
    pub id: String,
    pub date: u32,
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub line: Option<usize>,
    pub format: Format,
}

/// Cleans `original` (with the blocks a page marked) and builds the document.
pub(crate) fn build(
    reader: &DocumentReader,
    original: String,
    marked: &[(Range<usize>, Reason)],
    meta: Meta,
    source: &Source,
) -> Document {
    let cleaned = reader.cleaner().clean_marked(&original, marked);
    let title = meta.title.or_else(|| headline(&cleaned.text));
    Document {
        id: meta.id,
        date: meta.date,
        url: meta.url,
        title,
        byline: cleaned.byline.or(meta.byline),
        dateline: cleaned.dateline,
        text: cleaned.text,
        original,
        alignment: cleaned.alignment,
        removed: cleaned.removed,
        path: source.path.clone(),
        line: meta.line,
        format: meta.format,
    }
}

/// The headline of a plain text: its first paragraph, when that is one line of at most 25
/// words that does not end with a full stop. It stays in the text too (headlines report
/// events).
pub fn headline(text: &str) -> Option<String> {
    let first = text.split("\n\n").next()?.trim();
    let words = first.split_whitespace().count();
    (words > 0 && words <= 25 && !first.contains('\n') && !first.ends_with(['.', ':', ',']))
        .then(|| first.to_string())
}

/// A plain text file: one article.
pub(crate) fn document(
    reader: &DocumentReader,
    text: String,
    source: &Source,
) -> Result<Document, DocError> {
    let date = reader.date(None, &source.name, None, None)?;
    let meta = Meta {
        id: source.id(),
        date,
        url: None,
        title: None,
        byline: None,
        line: None,
        format: Format::Text,
    };
    Ok(build(reader, text, &[], meta, source))
}

/// An HTML page: one article.
pub(crate) fn html_document(
    reader: &DocumentReader,
    html: &str,
    source: &Source,
) -> Result<Document, DocError> {
    let page = reader.html.read(html);
    let date = reader.date(page.date.as_deref(), &source.name, None, None)?;
    let meta = Meta {
        id: source.id(),
        date,
        url: page.url,
        title: page.title,
        byline: page.author,
        line: None,
        format: Format::Html,
    };
    Ok(build(reader, page.text, &page.marked, meta, source))
}

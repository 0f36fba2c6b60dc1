//! PETRARCH XML input files as documents: one per `<Sentence>` record, its text taken as it
//! is (these files hold clean sentences, not pages).

use super::{DocumentReader, Source};
use crate::document::{Alignment, Document, Format};
use crate::error::DocError;
use crate::petrarch_xml::PetrarchFile;
use std::collections::VecDeque;

/// The records of a PETRARCH file (or the error that stops it).
pub(crate) fn documents(
    reader: &DocumentReader,
    text: &str,
    source: &Source,
) -> VecDeque<Result<Document, DocError>> {
    let file = match PetrarchFile::from_str(text, &source.name) {
        Ok(file) => file,
        Err(error) => return VecDeque::from([Err(error)]),
    };
    file.records
        .into_iter()
        .map(|record| {
            let id = if record.id.is_empty() {
                format!("{}:{}", source.name, record.line)
            } else {
                record.id.clone()
            };
            let date = reader.date(
                Some(&record.date),
                &source.name,
                Some(record.line),
                Some(&id),
            )?;
            Ok(Document {
                id,
                date,
                url: None,
                title: None,
                byline: None,
                dateline: None,
                alignment: Alignment::identity(record.text.len()),
                original: record.text.clone(),
                text: record.text,
                removed: Vec::new(),
                path: source.path.clone(),
                line: Some(record.line),
                format: Format::PetrarchXml,
            })
        })
        .collect()
}

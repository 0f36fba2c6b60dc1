//! One stored document with everything coded from it: its title, date, URL and cleaned text,
//! its events (with their sentences and evidence spans) and its quotes with their byte
//! offsets in the text, for a reader who follows an event back to its source (the
//! dashboard's document view, `GET /api/documents/{id}`).

use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::query::StoredEvent;
use crate::{Result, Store};

/// A stored document as [`Store::document`] returns it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredDocument {
    /// The document's id.
    pub id: String,
    /// The article's date, `YYYYMMDD`.
    pub date: u32,
    /// Where it came from, if known.
    pub url: Option<String>,
    /// Its title, if known.
    pub title: Option<String>,
    /// The cleaned text that every offset below points into.
    pub text: String,
    /// Its events, in the order they were stored.
    pub events: Vec<StoredEvent>,
    /// Its quotes, in the order they were found.
    pub quotes: Vec<DocumentQuote>,
}

/// A quote of a [`StoredDocument`], with its place in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentQuote {
    /// The speaker as resolved ("Sergey Lavrov").
    pub speaker: String,
    /// The speaker's actor code, if known.
    pub speaker_code: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Byte offset of the quoted words in [`StoredDocument::text`].
    pub start: u32,
    /// Byte offset just past them.
    pub end: u32,
}

impl Store {
    /// The document stored under `id` with its events and quotes; `None` when there is none.
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let head = self
            .conn()
            .query_row(
                "SELECT doc, id, date, url, title, text FROM documents WHERE id = ?",
                [id],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        StoredDocument {
                            id: row.get(1)?,
                            date: row.get(2)?,
                            url: row.get(3)?,
                            title: row.get(4)?,
                            text: row.get(5)?,
                            events: Vec::new(),
                            quotes: Vec::new(),
                        },
                    ))
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some((doc, mut document)) = head else {
            return Ok(None);
        };
        document.events = self.fetch_events(
            "SELECT e.id FROM events e WHERE e.doc = ?",
            vec![Value::Integer(doc)],
        )?;
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT speaker, speaker_code, text, start, end FROM quotes
                 WHERE doc = ? ORDER BY seq",
            )
            .map_err(|e| self.sql(e))?;
        document.quotes = stmt
            .query_map([doc], |row| {
                Ok(DocumentQuote {
                    speaker: row.get(0)?,
                    speaker_code: row.get(1)?,
                    text: row.get(2)?,
                    start: row.get(3)?,
                    end: row.get(4)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql(e))?;
        Ok(Some(document))
    }
}

#[cfg(test)]
mod tests {
    use crate::{content_hash, Batch, NewDocument, NewEvent, NewQuote, NewSentence, Store};

    #[test]
    fn a_document_with_its_events_and_quotes() {
        let dir = std::env::temp_dir().join(format!("detente-documents-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open(dir.join("detente.db")).unwrap();
        let first = "Russia accused the United States.";
        let second = "\"We will not yield,\" said Lavrov.";
        let text = format!("{first} {second}");
        let quote_start = text.find("We").unwrap() as u32;
        let document = NewDocument {
            id: "a1".into(),
            date: 20130227,
            title: Some("Accusations".into()),
            url: Some("https://example.org/a1".into()),
            content_hash: content_hash(&[text.as_bytes()]),
            sentences: vec![
                NewSentence {
                    start: 0,
                    end: first.len() as u32,
                    text: first.into(),
                },
                NewSentence {
                    start: first.len() as u32 + 1,
                    end: text.len() as u32,
                    text: second.into(),
                },
            ],
            events: vec![NewEvent {
                sentence: 0,
                source: "RUS".into(),
                target: "USA".into(),
                cameo: "112".into(),
                quad_class: Some(3),
                goldstein: Some(-2.0),
                date: 20130227,
                date_precision: "document".into(),
                mentions: 1,
                ..NewEvent::default()
            }],
            quotes: vec![NewQuote {
                speaker: "Sergey Lavrov".into(),
                speaker_code: Some("RUSGOV".into()),
                text: "We will not yield,".into(),
                start: quote_start,
                end: quote_start + 18,
            }],
            text: text.clone(),
        };
        let other = NewDocument {
            id: "b2".into(),
            date: 20130301,
            content_hash: content_hash(&[b"other"]),
            text: "Nothing here.".into(),
            ..NewDocument::default()
        };
        store
            .ingest(&Batch {
                documents: vec![document, other],
                actors: vec![],
            })
            .unwrap();

        let found = store.document("a1").unwrap().expect("stored");
        assert_eq!((found.id.as_str(), found.date), ("a1", 20130227));
        assert_eq!(found.title.as_deref(), Some("Accusations"));
        assert_eq!(found.text, text);
        assert_eq!(found.events.len(), 1);
        assert_eq!(found.events[0].cameo, "112");
        assert_eq!(found.events[0].text, first);
        assert_eq!(found.quotes.len(), 1);
        let q = &found.quotes[0];
        assert_eq!(
            &text[q.start as usize..q.end as usize],
            "We will not yield,"
        );
        assert_eq!(q.speaker_code.as_deref(), Some("RUSGOV"));

        // Another document's records do not leak in; an unknown id is None.
        let other = store.document("b2").unwrap().expect("stored");
        assert!(other.events.is_empty() && other.quotes.is_empty());
        assert!(store.document("nope").unwrap().is_none());
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

//! Ingest: a [`Batch`] of documents written in one transaction.
//!
//! Idempotence is per document id and [`NewDocument::content_hash`]: an unknown id is
//! inserted, a known id with the same hash is left alone, a known id with another hash has its
//! sentences, events and quotes deleted and written anew. Crash safety comes from the one
//! transaction: SQLite's WAL makes the whole batch appear at commit or not at all, so a rerun
//! after a kill finds whole documents only and skips them by hash.
//!
//! Each document is checked before anything is written; a bad one is refused with a
//! [`Rejected`] naming its id and record, and the rest of the batch is stored.

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use crate::error::Rejected;
use crate::model::{Batch, NewDocument, NewEvent};
use crate::{valid_date, Result, Store};

/// What one call to [`Store::ingest`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Documents that were new.
    pub inserted: usize,
    /// Documents whose content hash changed, re-written.
    pub replaced: usize,
    /// Documents already stored with the same hash, skipped.
    pub unchanged: usize,
    /// Events written (by inserted and replaced documents).
    pub events: usize,
    /// Documents refused, with the reason; nothing of them was written.
    pub rejected: Vec<Rejected>,
}

impl Store {
    /// Writes a batch in one transaction (see the [module doc](self)). Returns an error only
    /// when SQLite fails, in which case nothing of the batch was written.
    pub fn ingest(&mut self, batch: &Batch) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        let valid: Vec<&NewDocument> = batch
            .documents
            .iter()
            .filter(|doc| match check_document(doc) {
                Ok(()) => true,
                Err(rejected) => {
                    report.rejected.push(rejected);
                    false
                }
            })
            .collect();
        let path = self.path.clone();
        let sql = |source| crate::Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        for doc in valid {
            write_document(&tx, doc, &mut report).map_err(sql)?;
        }
        {
            let mut stmt = tx
                .prepare_cached("INSERT OR IGNORE INTO actors (code, name) VALUES (?1, ?2)")
                .map_err(sql)?;
            for actor in &batch.actors {
                let (code, name) = (actor.code.trim().to_ascii_uppercase(), actor.name.trim());
                if !code.is_empty() && !name.is_empty() {
                    stmt.execute(params![code, name]).map_err(sql)?;
                }
            }
        }
        tx.commit().map_err(sql)?;
        Ok(report)
    }
}

/// Inserts, replaces or skips one document inside the batch's transaction.
fn write_document(
    tx: &Transaction<'_>,
    doc: &NewDocument,
    report: &mut IngestReport,
) -> rusqlite::Result<()> {
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT doc, content_hash FROM documents WHERE id = ?1")?
        .query_row([&doc.id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let key = match existing {
        Some((_, hash)) if hash == doc.content_hash => {
            report.unchanged += 1;
            return Ok(());
        }
        Some((key, _)) => {
            for table in ["sentences", "events", "quotes"] {
                tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc = ?1"))?
                    .execute([key])?;
            }
            tx.prepare_cached(
                "UPDATE documents SET date = ?2, url = ?3, title = ?4, text = ?5,
                 content_hash = ?6 WHERE doc = ?1",
            )?
            .execute(params![
                key,
                doc.date,
                doc.url,
                doc.title,
                doc.text,
                doc.content_hash
            ])?;
            report.replaced += 1;
            key
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO documents (id, date, url, title, text, content_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                doc.id,
                doc.date,
                doc.url,
                doc.title,
                doc.text,
                doc.content_hash
            ])?;
            report.inserted += 1;
            tx.last_insert_rowid()
        }
    };
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sentences (doc, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (idx, s) in doc.sentences.iter().enumerate() {
        stmt.execute(params![key, idx as i64, s.start, s.end, s.text])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (doc, seq, sentence, date, date_precision, source, target,
            source_root, target_root, source_name, target_name, cameo, plover, goldstein,
            quad_class, place_name, place_country, lat, lon, tone, mentions,
            verb_start, verb_end, source_start, source_end, target_start, target_end, provenance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
    )?;
    for (seq, e) in doc.events.iter().enumerate() {
        let source = e.source.trim().to_ascii_uppercase();
        let target = e.target.trim().to_ascii_uppercase();
        let place = e.place.as_ref();
        let span = |s: Option<(u32, u32)>| (s.map(|s| s.0), s.map(|s| s.1));
        let (verb_start, verb_end) = span(e.spans.verb);
        let (source_start, source_end) = span(e.spans.source);
        let (target_start, target_end) = span(e.spans.target);
        stmt.execute(params![
            key,
            seq as i64,
            e.sentence,
            e.date,
            e.date_precision,
            source,
            target,
            root(&source),
            root(&target),
            e.source_name,
            e.target_name,
            e.cameo.trim(),
            e.plover,
            e.goldstein,
            e.quad_class,
            place.map(|p| p.name.as_str()),
            place.and_then(|p| p.country.as_deref()),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            e.tone,
            e.mentions,
            verb_start,
            verb_end,
            source_start,
            source_end,
            target_start,
            target_end,
            e.provenance.as_ref().map(|p| p.to_string()),
        ])?;
    }
    report.events += doc.events.len();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO quotes (doc, seq, speaker, speaker_code, text, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (seq, q) in doc.quotes.iter().enumerate() {
        let code = q
            .speaker_code
            .as_ref()
            .map(|c| c.trim().to_ascii_uppercase());
        stmt.execute(params![
            key, seq as i64, q.speaker, code, q.text, q.start, q.end
        ])?;
    }
    Ok(())
}

/// The first three characters of a code: its country (or IGO/NGO...) part in CAMEO, the
/// column the timeline index leads with.
pub(crate) fn root(code: &str) -> &str {
    let end = code
        .char_indices()
        .nth(3)
        .map_or(code.len(), |(offset, _)| offset);
    &code[..end]
}

/// Refuses a document whose fields cannot be stored meaningfully.
fn check_document(doc: &NewDocument) -> std::result::Result<(), Rejected> {
    let reject = |record: String, message: String| Rejected {
        doc_id: doc.id.clone(),
        record,
        message,
    };
    let text_len = doc.text.len();
    let span_ok = |start: u32, end: u32| start <= end && end as usize <= text_len;
    if doc.id.trim().is_empty() {
        return Err(reject("document".into(), "empty id".into()));
    }
    if !valid_date(doc.date) {
        return Err(reject(
            "document".into(),
            format!("date {} is not a valid YYYYMMDD date", doc.date),
        ));
    }
    if doc.content_hash.is_empty() {
        return Err(reject("document".into(), "empty content hash".into()));
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        if !span_ok(s.start, s.end) {
            return Err(reject(
                format!("sentence {i}"),
                format!(
                    "offsets {}..{} outside the text ({text_len} bytes)",
                    s.start, s.end
                ),
            ));
        }
    }
    for (i, e) in doc.events.iter().enumerate() {
        check_event(e, doc.sentences.len(), &span_ok)
            .map_err(|message| reject(format!("event {i}"), message))?;
    }
    for (i, q) in doc.quotes.iter().enumerate() {
        if !span_ok(q.start, q.end) {
            return Err(reject(
                format!("quote {i}"),
                format!(
                    "offsets {}..{} outside the text ({text_len} bytes)",
                    q.start, q.end
                ),
            ));
        }
    }
    Ok(())
}

fn check_event(
    e: &NewEvent,
    sentences: usize,
    span_ok: &dyn Fn(u32, u32) -> bool,
) -> std::result::Result<(), String> {
    if e.sentence as usize >= sentences {
        return Err(format!(
            "sentence index {} but the document has {sentences} sentences",
            e.sentence
        ));
    }
    if !valid_date(e.date) {
        return Err(format!("date {} is not a valid YYYYMMDD date", e.date));
    }
    if e.cameo.trim().is_empty() {
        return Err("empty CAMEO code".into());
    }
    for (what, code) in [("source", &e.source), ("target", &e.target)] {
        if let Some(c) = code
            .trim()
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(format!("{what} code {code:?} has the character {c:?}"));
        }
    }
    if let Some(q) = e.quad_class {
        if !(1..=4).contains(&q) {
            return Err(format!("QuadClass {q} is not 1 to 4"));
        }
    }
    if let Some(g) = e.goldstein {
        if !g.is_finite() || !(-10.0..=10.0).contains(&g) {
            return Err(format!("Goldstein score {g} is outside -10..10"));
        }
    }
    if e.tone.is_some_and(|t| !t.is_finite()) {
        return Err("tone is not a finite number".into());
    }
    if let Some(p) = &e.place {
        if p.lat.is_some_and(|v| !(-90.0..=90.0).contains(&v))
            || p.lon.is_some_and(|v| !(-180.0..=180.0).contains(&v))
        {
            return Err(format!("place {:?} has coordinates out of range", p.name));
        }
    }
    for (what, span) in [
        ("verb", e.spans.verb),
        ("source", e.spans.source),
        ("target", e.spans.target),
    ] {
        if let Some((start, end)) = span {
            if !span_ok(start, end) {
                return Err(format!("{what} span {start}..{end} outside the text"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::root;

    #[test]
    fn roots() {
        assert_eq!(root("USAGOV"), "USA");
        assert_eq!(root("US"), "US");
        assert_eq!(root(""), "");
        assert_eq!(root("---GOV"), "---");
    }
}

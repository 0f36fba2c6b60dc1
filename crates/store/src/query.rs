//! The `events` query: stored events filtered by actor (code prefix or name), dyad, PLOVER
//! type, CAMEO code prefix and date range, in date order.
//!
//! Actors are matched by code prefix, as CAMEO codes nest: `USA` matches `USA`, `USAGOV` and
//! `USAMIL`. A prefix of three characters or more is an equality on the indexed
//! `source_root`/`target_root` columns (see [`crate::schema`]) plus a prefix test on the
//! full code; a shorter one is a range on the root.

use rusqlite::types::Value;
use serde::Serialize;

use crate::model::{EvidenceSpans, Place};
use crate::{Error, Result, Store};

/// Which events [`Store::events`] returns. Every filter that is set must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFilter {
    /// Events whose source or target code starts with this prefix (`USA`, `RUSGOV`).
    pub actor: Option<String>,
    /// Events whose source or target has this name: the codes that the `actors` table gives
    /// for names containing it (case-insensitive), used as prefixes, or the names recorded on
    /// the event itself.
    pub actor_name: Option<String>,
    /// Events between two actors, in either direction (code prefixes).
    pub dyad: Option<(String, String)>,
    /// Events of this PLOVER type (`CONSULT`), compared case-insensitively.
    pub plover: Option<String>,
    /// Events whose CAMEO code starts with this prefix (`04` matches `040` and `042`).
    pub cameo: Option<String>,
    /// Events dated on or after this day, `YYYYMMDD`.
    pub from: Option<u32>,
    /// Events dated on or before this day, `YYYYMMDD`.
    pub to: Option<u32>,
    /// Events of documents about a topic: whose text contains one of these words or names
    /// (case-sensitive: `Syria`, `Syrian`, `Damascus`). Empty: any document.
    pub topic: Vec<String>,
    /// At most this many events (the earliest).
    pub limit: Option<usize>,
}

/// A stored quote as [`Store::quotes`] returns it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredQuote {
    /// The document's id.
    pub id: String,
    /// The document's date, `YYYYMMDD`.
    pub date: u32,
    /// The speaker as resolved ("Sergey Lavrov").
    pub speaker: String,
    /// The speaker's actor code, if known.
    pub speaker_code: Option<String>,
    /// The quoted words.
    pub text: String,
}

/// How many actor codes a name filter may stand for: each adds two conditions and up to four
/// parameters, and SQLite caps a statement's parameters.
const MAX_NAME_CODES: usize = 1000;

/// A stored event as queries return it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredEvent {
    /// The document's id.
    pub id: String,
    /// The sentence's index in the document.
    pub sentence: u32,
    /// The event's date, `YYYYMMDD`.
    pub date: u32,
    /// How precise the date is (`day`, `month`, `document`...).
    pub date_precision: String,
    /// Source actor code.
    pub source: String,
    /// Target actor code (empty when none).
    pub target: String,
    /// The source's name, if recorded.
    pub source_name: Option<String>,
    /// The target's name, if recorded.
    pub target_name: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER type.
    pub plover: Option<String>,
    /// Goldstein score.
    pub goldstein: Option<f64>,
    /// QuadClass (1–4).
    pub quad_class: Option<u8>,
    /// Where it happened.
    pub place: Option<Place>,
    /// Tone.
    pub tone: Option<f64>,
    /// Reports of the event in its document.
    pub mentions: u32,
    /// Evidence spans in the document's text.
    pub spans: EvidenceSpans,
    /// The sentence's text.
    pub text: String,
    /// The document's URL, if known.
    pub url: Option<String>,
    /// Provenance JSON, as ingested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<serde_json::Value>,
}

/// Normalises an actor code prefix given in a query: trimmed, upper-cased, not empty, and made
/// of the characters codes are made of.
pub(crate) fn code_prefix(text: &str) -> Result<String> {
    let prefix = text.trim().to_ascii_uppercase();
    if prefix.is_empty() {
        return Err(Error::Query("empty actor code".into()));
    }
    if let Some(c) = prefix
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(Error::Query(format!(
            "actor code {text:?} has the character {c:?} (codes are letters, digits and '-')"
        )));
    }
    Ok(prefix)
}

/// SQL condition (with its parameters appended to `params`) for "`code` starts with
/// `prefix`", using the indexed `root` column. `prefix` comes from [`code_prefix`].
pub(crate) fn prefix_condition(
    root: &str,
    code: &str,
    prefix: &str,
    params: &mut Vec<Value>,
) -> String {
    if prefix.len() >= 3 {
        params.push(Value::Text(prefix[..3].to_string()));
        if prefix.len() == 3 {
            format!("{root} = ?")
        } else {
            params.push(Value::Text(prefix.to_string()));
            format!("({root} = ? AND substr({code}, 1, {}) = ?)", prefix.len())
        }
    } else {
        // Codes are ASCII, so the next string after every string starting with `prefix` is
        // `prefix` with its last byte incremented.
        let mut upper = prefix.as_bytes().to_vec();
        if let Some(last) = upper.last_mut() {
            *last += 1;
        }
        params.push(Value::Text(prefix.to_string()));
        params.push(Value::Text(String::from_utf8_lossy(&upper).into_owned()));
        format!("({root} >= ? AND {root} < ?)")
    }
}

/// Checks an optional date range.
pub(crate) fn check_range(from: Option<u32>, to: Option<u32>) -> Result<()> {
    for date in [from, to].into_iter().flatten() {
        if !crate::valid_date(date) {
            return Err(Error::Query(format!("{date} is not a valid YYYYMMDD date")));
        }
    }
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(Error::Query(format!("--from {from} is after --to {to}")));
        }
    }
    Ok(())
}

impl Store {
    /// Quotes of the documents `ids` whose speaker's code starts with one of `speakers`
    /// (all speakers when empty), in document date order.
    pub fn quotes(&self, ids: &[String], speakers: &[String]) -> Result<Vec<StoredQuote>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        // One document at a time: the number of ids is not bounded by SQLite's parameters.
        let sql = "SELECT d.id, d.date, q.speaker, q.speaker_code, q.text
                   FROM quotes q JOIN documents d ON d.doc = q.doc
                   WHERE d.id = ? ORDER BY q.seq";
        let mut stmt = self.conn().prepare(sql).map_err(|e| self.sql(e))?;
        for id in ids {
            let rows = stmt
                .query_map([id], |row| {
                    Ok(StoredQuote {
                        id: row.get(0)?,
                        date: row.get(1)?,
                        speaker: row.get(2)?,
                        speaker_code: row.get(3)?,
                        text: row.get(4)?,
                    })
                })
                .map_err(|e| self.sql(e))?;
            for quote in rows {
                let quote = quote.map_err(|e| self.sql(e))?;
                let wanted = speakers.is_empty()
                    || quote
                        .speaker_code
                        .as_deref()
                        .is_some_and(|c| speakers.iter().any(|s| c.starts_with(s.as_str())));
                if wanted {
                    out.push(quote);
                }
            }
        }
        out.sort_by_key(|q| q.date);
        Ok(out)
    }

    /// The events matching `filter`, ordered by date, then in the order they were stored
    /// (document by document, each document's events in its order).
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>> {
        check_range(filter.from, filter.to)?;
        let mut conditions = Vec::new();
        let mut params = Vec::new();
        if let Some(actor) = &filter.actor {
            let prefix = code_prefix(actor)?;
            let source = prefix_condition("e.source_root", "e.source", &prefix, &mut params);
            let target = prefix_condition("e.target_root", "e.target", &prefix, &mut params);
            conditions.push(format!("({source} OR {target})"));
        }
        if let Some(name) = &filter.actor_name {
            conditions.push(self.name_condition(name, &mut params)?);
        }
        if let Some((a, b)) = &filter.dyad {
            let (a, b) = (code_prefix(a)?, code_prefix(b)?);
            let mut dir = |x: &str, y: &str| {
                let s = prefix_condition("e.source_root", "e.source", x, &mut params);
                let t = prefix_condition("e.target_root", "e.target", y, &mut params);
                format!("({s} AND {t})")
            };
            let ab = dir(&a, &b);
            let ba = dir(&b, &a);
            conditions.push(format!("({ab} OR {ba})"));
        }
        if let Some(plover) = &filter.plover {
            conditions.push("e.plover = ? COLLATE NOCASE".into());
            params.push(Value::Text(plover.trim().to_string()));
        }
        if let Some(cameo) = &filter.cameo {
            let cameo = cameo.trim();
            if cameo.is_empty() || !cameo.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(Error::Query(format!("CAMEO code {cameo:?} is not a code")));
            }
            conditions.push(format!("substr(e.cameo, 1, {}) = ?", cameo.len()));
            params.push(Value::Text(cameo.to_string()));
        }
        let topic: Vec<&str> = filter
            .topic
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .collect();
        if !topic.is_empty() {
            let any = vec!["instr(t.text, ?) > 0"; topic.len()].join(" OR ");
            conditions.push(format!(
                "e.doc IN (SELECT t.doc FROM documents t WHERE {any})"
            ));
            params.extend(topic.iter().map(|w| Value::Text(w.to_string())));
        }
        if let Some(from) = filter.from {
            conditions.push("e.date >= ?".into());
            params.push(Value::Integer(from.into()));
        }
        if let Some(to) = filter.to {
            conditions.push("e.date <= ?".into());
            params.push(Value::Integer(to.into()));
        }
        // Select and order the events' rowids first, then fetch and join only those: the
        // selection then reads just the indexes (rowids and dates are in every index), and a
        // `--limit` does not make SQLite sort and join every matching row with its text.
        let mut selection = String::from("SELECT e.id FROM events e");
        if !conditions.is_empty() {
            selection.push_str(" WHERE ");
            selection.push_str(&conditions.join(" AND "));
        }
        selection.push_str(" ORDER BY e.date, e.id");
        if let Some(limit) = filter.limit {
            selection.push_str(" LIMIT ?");
            params.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
        }
        self.fetch_events(&selection, params)
    }

    /// The events whose rowids `selection` (a `SELECT e.id FROM events e ...` statement
    /// with `params`) chooses, with their sentences and documents, in date order.
    pub(crate) fn fetch_events(
        &self,
        selection: &str,
        params: Vec<Value>,
    ) -> Result<Vec<StoredEvent>> {
        let sql = format!(
            "SELECT d.id, e.sentence, e.date, e.date_precision, e.source, e.target,
                e.source_name, e.target_name, e.cameo, e.plover, e.goldstein, e.quad_class,
                e.place_name, e.place_country, e.lat, e.lon, e.tone, e.mentions,
                e.verb_start, e.verb_end, e.source_start, e.source_end, e.target_start,
                e.target_end, s.text, d.url, e.provenance
             FROM ({selection}) chosen
             JOIN events e ON e.id = chosen.id
             JOIN documents d ON d.doc = e.doc
             LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
             ORDER BY e.date, e.id"
        );
        let mut stmt = self.conn().prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |row| {
                let pair = |a: Option<u32>, b: Option<u32>| a.zip(b);
                let place_name: Option<String> = row.get(12)?;
                let provenance: Option<String> = row.get(26)?;
                Ok(StoredEvent {
                    id: row.get(0)?,
                    sentence: row.get(1)?,
                    date: row.get(2)?,
                    date_precision: row.get(3)?,
                    source: row.get(4)?,
                    target: row.get(5)?,
                    source_name: row.get(6)?,
                    target_name: row.get(7)?,
                    cameo: row.get(8)?,
                    plover: row.get(9)?,
                    goldstein: row.get(10)?,
                    quad_class: row.get(11)?,
                    place: match place_name {
                        Some(name) => Some(Place {
                            name,
                            country: row.get(13)?,
                            lat: row.get(14)?,
                            lon: row.get(15)?,
                        }),
                        None => None,
                    },
                    tone: row.get(16)?,
                    mentions: row.get(17)?,
                    spans: EvidenceSpans {
                        verb: pair(row.get(18)?, row.get(19)?),
                        source: pair(row.get(20)?, row.get(21)?),
                        target: pair(row.get(22)?, row.get(23)?),
                    },
                    text: row.get::<_, Option<String>>(24)?.unwrap_or_default(),
                    url: row.get(25)?,
                    // Written by ingest from a serde_json::Value, so it parses; a file
                    // edited by hand loses only this field.
                    provenance: provenance.and_then(|p| serde_json::from_str(&p).ok()),
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        Ok(rows)
    }

    /// The condition for [`EventFilter::actor_name`].
    fn name_condition(&self, name: &str, params: &mut Vec<Value>) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Query("empty actor name".into()));
        }
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT DISTINCT code FROM actors WHERE instr(lower(name), lower(?1)) > 0
                 ORDER BY code",
            )
            .map_err(|e| self.sql(e))?;
        let found: Vec<String> = stmt
            .query_map([name], |row| row.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql(e))?;
        // Codes in the actors table were upper-cased on ingest; skip any that a query prefix
        // could not be. A code already covered by a shorter one (`RUSGOV` by `RUS`) adds
        // nothing; in code order a covering prefix comes first.
        let mut codes: Vec<String> = Vec::new();
        for code in found {
            let Ok(prefix) = code_prefix(&code) else {
                continue;
            };
            if !codes.last().is_some_and(|c| prefix.starts_with(c.as_str())) {
                codes.push(prefix);
            }
        }
        if codes.len() > MAX_NAME_CODES {
            return Err(Error::Query(format!(
                "the name {name:?} fits {} actor codes (at most {MAX_NAME_CODES}); give more of \
                 the name, or a code with --actor",
                codes.len()
            )));
        }
        let mut parts = vec![
            "instr(lower(e.source_name), lower(?)) > 0".to_string(),
            "instr(lower(e.target_name), lower(?)) > 0".to_string(),
        ];
        params.push(Value::Text(name.to_string()));
        params.push(Value::Text(name.to_string()));
        for prefix in codes {
            parts.push(prefix_condition(
                "e.source_root",
                "e.source",
                &prefix,
                params,
            ));
            parts.push(prefix_condition(
                "e.target_root",
                "e.target",
                &prefix,
                params,
            ));
        }
        Ok(format!("({})", parts.join(" OR ")))
    }
}

//! Writers for query results: JSON Lines (one object a line, the fields of [`StoredEvent`] and
//! [`TimelineRow`]) and CSV (RFC 4180: a header line, fields quoted when they hold a comma,
//! quote or line break). Tables for the terminal are the binary's business.

use std::io::Write;

use crate::query::StoredEvent;
use crate::timeline::{Direction, TimelineRow};
use crate::Result;

/// Writes events as JSON Lines.
pub fn events_jsonl(out: &mut dyn Write, events: &[StoredEvent]) -> Result<()> {
    for event in events {
        serde_json::to_writer(&mut *out, event).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The CSV columns of [`events_csv`].
pub const EVENT_COLUMNS: &[&str] = &[
    "id",
    "sentence",
    "date",
    "date_precision",
    "source",
    "source_name",
    "target",
    "target_name",
    "cameo",
    "plover",
    "goldstein",
    "quad_class",
    "place",
    "place_country",
    "lat",
    "lon",
    "tone",
    "mentions",
    "url",
    "text",
];

/// Writes events as CSV with the columns [`EVENT_COLUMNS`] (spans and provenance are in the
/// JSON Lines output only).
pub fn events_csv(out: &mut dyn Write, events: &[StoredEvent]) -> Result<()> {
    csv_line(out, EVENT_COLUMNS.iter().map(|c| c.to_string()))?;
    let opt = |v: Option<String>| v.unwrap_or_default();
    for e in events {
        let place = e.place.as_ref();
        csv_line(
            out,
            [
                e.id.clone(),
                e.sentence.to_string(),
                e.date.to_string(),
                e.date_precision.clone(),
                e.source.clone(),
                opt(e.source_name.clone()),
                e.target.clone(),
                opt(e.target_name.clone()),
                e.cameo.clone(),
                opt(e.plover.clone()),
                opt(e.goldstein.map(|g| g.to_string())),
                opt(e.quad_class.map(|q| q.to_string())),
                opt(place.map(|p| p.name.clone())),
                opt(place.and_then(|p| p.country.clone())),
                opt(place.and_then(|p| p.lat).map(|v| v.to_string())),
                opt(place.and_then(|p| p.lon).map(|v| v.to_string())),
                opt(e.tone.map(|t| t.to_string())),
                e.mentions.to_string(),
                opt(e.url.clone()),
                e.text.clone(),
            ],
        )?;
    }
    Ok(())
}

/// Writes timeline rows as JSON Lines.
pub fn timeline_jsonl(out: &mut dyn Write, rows: &[TimelineRow]) -> Result<()> {
    for row in rows {
        serde_json::to_writer(&mut *out, row).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The CSV columns of [`timeline_csv`].
pub const TIMELINE_COLUMNS: &[&str] = &[
    "period",
    "direction",
    "source",
    "target",
    "events",
    "qc1",
    "qc2",
    "qc3",
    "qc4",
    "unclassified",
    "mean_goldstein",
    "net_cooperation",
];

/// Writes timeline rows as CSV with the columns [`TIMELINE_COLUMNS`].
pub fn timeline_csv(out: &mut dyn Write, rows: &[TimelineRow]) -> Result<()> {
    csv_line(out, TIMELINE_COLUMNS.iter().map(|c| c.to_string()))?;
    for r in rows {
        csv_line(
            out,
            [
                r.period.clone(),
                direction_name(r.direction).to_string(),
                r.source.clone(),
                r.target.clone(),
                r.events.to_string(),
                r.quad[0].to_string(),
                r.quad[1].to_string(),
                r.quad[2].to_string(),
                r.quad[3].to_string(),
                r.unclassified.to_string(),
                r.mean_goldstein
                    .map(|g| format!("{g:.3}"))
                    .unwrap_or_default(),
                r.net_cooperation
                    .map(|n| format!("{n:.3}"))
                    .unwrap_or_default(),
            ],
        )?;
    }
    Ok(())
}

/// `A->B` or `B->A`.
pub fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::AToB => "A->B",
        Direction::BToA => "B->A",
    }
}

fn csv_line(out: &mut dyn Write, fields: impl IntoIterator<Item = String>) -> Result<()> {
    let mut line = String::new();
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(&csv_field(&field));
    }
    line.push('\n');
    out.write_all(line.as_bytes())?;
    Ok(())
}

/// Quotes a CSV field when it needs it, doubling inner quotes.
pub(crate) fn csv_field(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("USA"), "USA");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}

//! `detente events` and `detente timeline`: queries over an existing store (`--db`, default
//! `detente.db`), printed as a table, JSON Lines or CSV. The queries and the JSON Lines and
//! CSV writers are `detente-store`'s; this module parses flags and lays out tables.

use crate::date_flag;
use anyhow::{bail, Result};
use detente_store::export;
use detente_store::{EventFilter, Period, Store, StoredEvent, TimelineQuery, TimelineRow};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format of the store queries.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// One JSON object a line.
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
}

/// The event filters shared by `detente events` and `detente export`.
#[derive(clap::Args, Debug)]
pub struct FilterArgs {
    /// Events whose source or target code starts with CODE (`USA` matches `USAGOV`).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Events whose source or target is named NAME (names known to the store, or recorded on
    /// the event; case-insensitive, part of a name is enough).
    #[arg(long, value_name = "NAME")]
    pub actor_name: Option<String>,
    /// Events between A and B in either direction (code prefixes).
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub dyad: Option<Vec<String>>,
    /// PLOVER event type (`CONSULT`, `FIGHT`...).
    #[arg(long, value_name = "TYPE")]
    pub plover: Option<String>,
    /// CAMEO code prefix (`04` for all consultations, `190`).
    #[arg(long, value_name = "CODE")]
    pub cameo: Option<String>,
    /// First day, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Events of documents that mention WORD (repeatable; any of them; case-sensitive:
    /// `--topic Syria --topic Syrian`).
    #[arg(long, value_name = "WORD")]
    pub topic: Vec<String>,
}

impl FilterArgs {
    /// The store's filter, with dates checked; `limit` as given.
    pub fn filter(&self, limit: Option<usize>) -> Result<EventFilter> {
        Ok(EventFilter {
            actor: self.actor.clone(),
            actor_name: self.actor_name.clone(),
            dyad: match self.dyad.as_deref() {
                Some([a, b]) => Some((a.clone(), b.clone())),
                Some(_) => bail!("--dyad takes two actor codes"),
                None => None,
            },
            plover: self.plover.clone(),
            cameo: self.cameo.clone(),
            from: date_flag("from", self.from.as_ref())?,
            to: date_flag("to", self.to.as_ref())?,
            topic: self.topic.clone(),
            limit,
        })
    }
}

/// Arguments of `detente events`.
#[derive(clap::Args, Debug)]
pub struct EventsArgs {
    /// The store.
    #[arg(long, value_name = "PATH", default_value = detente_store::DEFAULT_PATH)]
    pub db: PathBuf,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// At most N events (the earliest).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `detente timeline`.
#[derive(clap::Args, Debug)]
pub struct TimelineArgs {
    /// Actor A, a code prefix (`USA` matches `USAGOV`).
    pub a: String,
    /// Actor B, a code prefix.
    pub b: String,
    /// The store.
    #[arg(long, value_name = "PATH", default_value = detente_store::DEFAULT_PATH)]
    pub db: PathBuf,
    /// Period: day, week (Monday to Sunday) or month.
    #[arg(long, value_name = "PERIOD", default_value = "month")]
    pub by: String,
    /// First day, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only events of documents that mention WORD (repeatable; any of them; case-sensitive:
    /// `--topic Syria --topic Syrian`).
    #[arg(long, value_name = "WORD")]
    pub topic: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs `detente events`.
pub fn events(args: EventsArgs) -> Result<ExitCode> {
    let filter = args.filters.filter(args.limit)?;
    let store = Store::open_existing(&args.db)?;
    let events = store.events(&filter)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Jsonl => export::events_jsonl(&mut out, &events)?,
        Format::Csv => export::events_csv(&mut out, &events)?,
        Format::Table => events_table(&mut out, &events)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `detente timeline`.
pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let query = TimelineQuery {
        a: args.a,
        b: args.b,
        by: args.by.parse::<Period>()?,
        from: date_flag("from", args.from.as_ref())?,
        to: date_flag("to", args.to.as_ref())?,
        topic: args.topic,
    };
    let store = Store::open_existing(&args.db)?;
    let rows = store.timeline(&query)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Jsonl => export::timeline_jsonl(&mut out, &rows)?,
        Format::Csv => export::timeline_csv(&mut out, &rows)?,
        Format::Table => timeline_table(&mut out, &rows)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes rows under a header, each column as wide as its widest cell; the last column is
/// left ragged.
fn table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let last = header.len().saturating_sub(1);
    let mut line = |cells: &mut dyn Iterator<Item = &str>| -> std::io::Result<()> {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            if i == last {
                text.push_str(cell);
            } else {
                let pad = widths[i].saturating_sub(cell.chars().count());
                text.push_str(cell);
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(&mut header.iter().copied())?;
    for row in rows {
        line(&mut row.iter().map(String::as_str))?;
    }
    Ok(())
}

fn events_table(out: &mut dyn Write, events: &[StoredEvent]) -> Result<()> {
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let mut text: String = e.text.trim().chars().take(80).collect();
            if e.text.trim().chars().count() > 80 {
                text.push('…');
            }
            vec![
                crate::code::format_date(e.date),
                e.source.clone(),
                e.target.clone(),
                e.cameo.clone(),
                e.plover.clone().unwrap_or_default(),
                e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
                e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                format!("{}#{}", e.id, e.sentence),
                text,
            ]
        })
        .collect();
    table(
        out,
        &[
            "date",
            "source",
            "target",
            "cameo",
            "plover",
            "goldstein",
            "qc",
            "doc#sentence",
            "text",
        ],
        &rows,
    )
}

/// `+0.25`, `-1.00`; a value that rounds to zero prints as `+0.00`, never `-0.00`.
fn signed(value: f64) -> String {
    let text = format!("{value:+.2}");
    if text == "-0.00" {
        "+0.00".into()
    } else {
        text
    }
}

fn timeline_table(out: &mut dyn Write, rows: &[TimelineRow]) -> Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.period.clone(),
                format!("{}→{}", r.source, r.target),
                r.events.to_string(),
                r.quad[0].to_string(),
                r.quad[1].to_string(),
                r.quad[2].to_string(),
                r.quad[3].to_string(),
                r.mean_goldstein.map(signed).unwrap_or_default(),
                r.net_cooperation.map(signed).unwrap_or_default(),
            ]
        })
        .collect();
    table(
        out,
        &[
            "period",
            "direction",
            "events",
            "qc1",
            "qc2",
            "qc3",
            "qc4",
            "goldstein",
            "net_coop",
        ],
        &cells,
    )
}

#[cfg(test)]
mod tests {
    use super::signed;

    #[test]
    fn signed_numbers() {
        assert_eq!(signed(0.25), "+0.25");
        assert_eq!(signed(-1.0), "-1.00");
        assert_eq!(signed(-0.001), "+0.00");
    }
}

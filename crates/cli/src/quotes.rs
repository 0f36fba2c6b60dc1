//! `detente quotes`: documents in, one JSON object a line per quote out (or, with
//! `--people`, per person of each document).

use crate::{dicts, parse_date, DictArgs};
use anyhow::{Context, Result};
use detente_dict::Dictionaries;
use detente_doc::quotes::{extract, DocumentQuotes};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `detente quotes`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files (JSON Lines `{"id","date","text"}`, or plain text with `--date`); `-` or
    /// nothing reads standard input.
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Date for documents that carry none (plain text), as YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Print the people of each document (name, role, organisation, code, mentions) instead
    /// of the quotes.
    #[arg(long)]
    pub people: bool,
}

/// A document to read.
struct Document {
    id: String,
    date: u32,
    text: String,
}

/// One quote line.
#[derive(Serialize)]
struct QuoteLine<'a> {
    id: &'a str,
    date: String,
    quote: &'a str,
    start: usize,
    end: usize,
    speaker: &'a str,
    person: Option<u32>,
    role: Option<&'a str>,
    organisation: Option<&'a str>,
    code: Option<&'a str>,
    country: Option<&'a str>,
    cue: &'a str,
    kind: &'a str,
}

/// One person line.
#[derive(Serialize)]
struct PersonLine<'a> {
    id: &'a str,
    person: usize,
    name: &'a str,
    role: Option<&'a str>,
    organisation: Option<&'a str>,
    code: Option<&'a str>,
    country: Option<&'a str>,
    /// `[start, end]` byte offsets of every mention.
    mentions: Vec<[usize; 2]>,
}

const BATCH: usize = 256;

pub fn run(args: Args) -> Result<ExitCode> {
    let default_date = match &args.date {
        Some(d) => Some(
            parse_date(d).with_context(|| format!("--date {d:?} is not a date (YYYY-MM-DD)"))?,
        ),
        None => None,
    };
    let dictionaries = dicts::load(&args.dicts)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    for input in &inputs {
        let name = input.display().to_string();
        let reader: Box<dyn BufRead> = if name == "-" {
            Box::new(BufReader::new(std::io::stdin()))
        } else {
            Box::new(BufReader::new(
                std::fs::File::open(input).with_context(|| format!("opening {name}"))?,
            ))
        };
        let jsonl = name == "-" || name.ends_with(".jsonl") || name.ends_with(".json");
        if !jsonl {
            let mut text = String::new();
            let mut reader = reader;
            reader
                .read_to_string(&mut text)
                .with_context(|| format!("reading {name}"))?;
            let Some(date) = default_date else {
                eprintln!("detente: {name}: plain text has no date; give --date YYYY-MM-DD");
                failures += 1;
                continue;
            };
            let doc = Document {
                id: name.clone(),
                date,
                text,
            };
            write_batch(&mut out, &dictionaries, &[doc], args.people)?;
            continue;
        }
        let mut batch = Vec::with_capacity(BATCH);
        for (number, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {name}"))?;
            if line.trim().is_empty() {
                continue;
            }
            match parse_document(&line, default_date) {
                Ok(doc) => batch.push(doc),
                Err(message) => {
                    eprintln!("detente: {name}:{}: {message}", number + 1);
                    failures += 1;
                }
            }
            if batch.len() == BATCH {
                write_batch(&mut out, &dictionaries, &batch, args.people)?;
                batch.clear();
            }
        }
        write_batch(&mut out, &dictionaries, &batch, args.people)?;
    }
    out.flush()?;
    Ok(if failures > 0 {
        eprintln!("detente: {failures} record(s) could not be read");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads one JSON Lines record.
fn parse_document(line: &str, default_date: Option<u32>) -> Result<Document, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let object = value.as_object().ok_or("a record must be a JSON object")?;
    let id = match object.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err("missing \"id\"".into()),
    };
    let text = object
        .get("text")
        .and_then(|t| t.as_str())
        .ok_or_else(|| format!("record {id:?} has no \"text\""))?
        .to_string();
    let date = match object.get("date").and_then(|d| d.as_str()) {
        Some(d) => parse_date(d).ok_or_else(|| format!("record {id:?} has a bad date {d:?}"))?,
        None => {
            default_date.ok_or_else(|| format!("record {id:?} has no \"date\" (or give --date)"))?
        }
    };
    Ok(Document { id, date, text })
}

fn write_batch(
    out: &mut impl Write,
    dict: &Dictionaries,
    batch: &[Document],
    people: bool,
) -> Result<()> {
    let rendered: Vec<String> = batch
        .par_iter()
        .map(|doc| {
            let found = extract(&doc.text, doc.date, dict);
            if people {
                render_people(doc, &found)
            } else {
                render_quotes(doc, &found)
            }
        })
        .collect();
    for text in rendered {
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

fn render_quotes(doc: &Document, found: &DocumentQuotes) -> String {
    let date = crate::code::format_date(doc.date);
    let mut text = String::new();
    for q in &found.quotes {
        let line = QuoteLine {
            id: &doc.id,
            date: date.clone(),
            quote: &q.text,
            start: q.start,
            end: q.end,
            speaker: &q.speaker.name,
            person: q.speaker.person,
            role: q.speaker.role.as_deref(),
            organisation: q.speaker.organisation.as_deref(),
            code: q.speaker.code.as_deref(),
            country: q.speaker.country(),
            cue: &q.cue,
            kind: q.kind.as_str(),
        };
        if let Ok(json) = serde_json::to_string(&line) {
            text.push_str(&json);
            text.push('\n');
        }
    }
    text
}

fn render_people(doc: &Document, found: &DocumentQuotes) -> String {
    let mut text = String::new();
    for (index, p) in found.people.persons().iter().enumerate() {
        let line = PersonLine {
            id: &doc.id,
            person: index,
            name: &p.name,
            role: p.role.as_deref(),
            organisation: p.organisation.as_deref(),
            code: p.code.as_deref(),
            country: p.country(),
            mentions: found
                .people
                .mentions()
                .iter()
                .filter(|m| m.person as usize == index)
                .map(|m| [m.start, m.end])
                .collect(),
        };
        if let Ok(json) = serde_json::to_string(&line) {
            text.push_str(&json);
            text.push('\n');
        }
    }
    text
}

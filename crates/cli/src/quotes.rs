//! `detente quotes`: documents in, one JSON object a line per quote out (or, with
//! `--people`, per person of each document).

use crate::{dicts, parse_date, DictArgs};
use anyhow::{Context, Result};
use detente_dict::Dictionaries;
use detente_doc::quotes::{extract, DocumentQuotes};
use detente_doc::{DocError, Document, DocumentReader, RawDocument, ReaderOptions};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `detente quotes`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Inputs, as for `detente code`: text, HTML, JSON Lines or PETRARCH XML files, gzip
    /// files and folders; `-` or nothing reads standard input.
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Date for documents that carry none (plain text, pages without a date), as
    /// YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Find quotes in the text as it is, without removing captions, credits, paywall
    /// prompts and other boilerplate.
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Print the people of each document (name, role, organisation, code, mentions) instead
    /// of the quotes.
    #[arg(long)]
    pub people: bool,
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
    let reader = DocumentReader::new(ReaderOptions {
        default_date,
        keep_boilerplate: args.keep_boilerplate,
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    // Reading is sequential; cleaning and finding quotes run in parallel on each batch.
    let mut batch = Vec::with_capacity(BATCH);
    for document in reader.raw_documents(&inputs) {
        match document {
            Ok(document) => batch.push(document),
            Err(error) => {
                eprintln!("detente: {error}");
                failures += 1;
            }
        }
        if batch.len() == BATCH {
            failures += write_batch(&mut out, &reader, &dictionaries, &mut batch, args.people)?;
        }
    }
    failures += write_batch(&mut out, &reader, &dictionaries, &mut batch, args.people)?;
    out.flush()?;
    Ok(if failures > 0 {
        eprintln!("detente: {failures} record(s) could not be read");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Finishes a batch of documents (emptying it) and writes their quotes or people in input
/// order; returns the number of documents that could not be read.
fn write_batch(
    out: &mut impl Write,
    reader: &DocumentReader,
    dict: &Dictionaries,
    batch: &mut Vec<RawDocument>,
    people: bool,
) -> Result<usize> {
    let rendered: Vec<Result<String, DocError>> = batch
        .par_drain(..)
        .map(|raw| {
            reader.finish(raw).map(|doc| {
                let found = extract(&doc.text, doc.date, dict);
                if people {
                    render_people(&doc, &found)
                } else {
                    render_quotes(&doc, &found)
                }
            })
        })
        .collect();
    let mut failures = 0;
    for text in rendered {
        match text {
            Ok(text) => out.write_all(text.as_bytes())?,
            Err(error) => {
                eprintln!("detente: {error}");
                failures += 1;
            }
        }
    }
    Ok(failures)
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

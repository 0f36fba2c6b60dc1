//! `detente quotes`: documents in, one JSON object a line per quote out (or, with
//! `--people`, per person of each document).

use crate::{dicts, DictArgs};
use anyhow::Result;
use detente_doc::quotes::{extract, DocumentQuotes};
use detente_doc::{Document, DocumentReader, ReaderOptions};
use serde::Serialize;
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
    let default_date = crate::date_flag("date", args.date.as_ref())?;
    let dictionaries = dicts::load(&args.dicts)?;
    let reader = DocumentReader::new(ReaderOptions {
        default_date,
        keep_boilerplate: args.keep_boilerplate,
    });
    let people = args.people;
    crate::code::render_documents(&reader, &args.inputs, BATCH, |doc| {
        let found = extract(&doc.text, doc.date, &dictionaries);
        if people {
            render_people(doc, &found)
        } else {
            render_quotes(doc, &found)
        }
    })
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

//! `detente code`: documents in, one JSON event a line out.

use crate::{dicts, parse_date, DictArgs};
use anyhow::{Context, Result};
use detente_code::{Coder, CoderOptions, Event};
use detente_dict::codebook::Codebook;
use detente_text::Analyzer;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `detente code`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files (JSON Lines `{"id","date","text"}`, or plain text with `--date`); `-` or
    /// nothing reads standard input.
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Add provenance (verb entry, pattern, actor and agent entries) to every event.
    #[arg(long)]
    pub explain: bool,
    /// Date for documents that carry none (plain text), as YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Also code events that lack a source or a target.
    #[arg(long)]
    pub allow_monads: bool,
    /// Code events named by verbs only, not by nouns ("a visit by X to Y"), as PETRARCH did.
    #[arg(long)]
    pub verbs_only: bool,
    /// Code a future action ("will meet") as the action itself rather than as the intention
    /// to act (036) or a threat (138), as PETRARCH did.
    #[arg(long)]
    pub future_as_action: bool,
    /// Code noun phrases that no dictionary names, of at most N words, as their own words in
    /// quotes (`"THE MINISTRY OF MAGIC"`), to find actors missing from the dictionaries.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub new_actor_length: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// A document to code.
struct Document {
    id: String,
    date: u32,
    text: String,
}

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    sentence: usize,
    date: String,
    source: &'a str,
    target: &'a str,
    cameo: &'a str,
    plover: Option<&'a str>,
    goldstein: Option<f32>,
    quad_class: Option<u8>,
    text: &'a str,
    verb: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a detente_code::Provenance>,
}

const BATCH: usize = 1024;

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let default_date = match &args.date {
        Some(d) => Some(
            parse_date(d).with_context(|| format!("--date {d:?} is not a date (YYYY-MM-DD)"))?,
        ),
        None => None,
    };
    let dictionaries = dicts::load(&args.dicts)?;
    let codebook = Codebook::builtin();
    let options = CoderOptions {
        require_dyad: !args.allow_monads,
        provenance: args.explain,
        new_actor_length: args.new_actor_length,
        future_as_intent: !args.future_as_action,
        noun_events: !args.verbs_only,
        ..CoderOptions::default()
    };
    let coder = Coder::new(&dictionaries, codebook, options);
    let analyzer = Analyzer::new();

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
            write_batch(&mut out, &coder, &analyzer, &[doc], args.explain)?;
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
                write_batch(&mut out, &coder, &analyzer, &batch, args.explain)?;
                batch.clear();
            }
        }
        write_batch(&mut out, &coder, &analyzer, &batch, args.explain)?;
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
    coder: &Coder<'_>,
    analyzer: &Analyzer,
    batch: &[Document],
    explain: bool,
) -> Result<()> {
    let rendered: Vec<String> = batch
        .par_iter()
        .map(|doc| render(coder, analyzer, doc, explain))
        .collect();
    for text in rendered {
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

fn render(coder: &Coder<'_>, analyzer: &Analyzer, doc: &Document, explain: bool) -> String {
    let mut text = String::new();
    let date = format_date(doc.date);
    let sentences = analyzer.analyze(&doc.text);
    let events = coder.code_story(&sentences, doc.date);
    for (index, (analysis, events)) in sentences.iter().zip(&events).enumerate() {
        for event in events {
            push_line(&mut text, doc, index, &date, analysis, event, explain);
        }
    }
    text
}

fn push_line(
    out: &mut String,
    doc: &Document,
    sentence: usize,
    date: &str,
    analysis: &detente_text::Analysis,
    event: &Event,
    explain: bool,
) {
    let (vs, ve) = event.spans.verb;
    let verb = match (
        analysis.tokens.get(vs as usize),
        analysis.tokens.get(ve.saturating_sub(1) as usize),
    ) {
        (Some(first), Some(last)) if ve > vs => {
            &analysis.text[first.start as usize..last.end as usize]
        }
        _ => "",
    };
    let line = Line {
        id: &doc.id,
        sentence,
        date: date.to_string(),
        source: &event.source,
        target: &event.target,
        cameo: &event.cameo,
        plover: event.plover.as_deref(),
        goldstein: event.goldstein,
        quad_class: event.quad_class,
        text: analysis.text.trim(),
        verb,
        provenance: explain.then_some(&event.provenance),
    };
    if let Ok(json) = serde_json::to_string(&line) {
        out.push_str(&json);
        out.push('\n');
    }
}

/// `YYYYMMDD` → `YYYY-MM-DD`.
pub fn format_date(date: u32) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date / 10000,
        date / 100 % 100,
        date % 100
    )
}

//! `detente code`: documents in, one JSON event a line out.

use crate::{dicts, DictArgs};
use anyhow::Result;
use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_dict::gazetteer::Gazetteer;
use detente_doc::fips::Fips;
use detente_doc::gdelt::{self, GdeltDocument};
use detente_doc::pipeline::{CodedDocument, DocEvent, Pipeline, PipelineOptions};
use detente_doc::{DocError, Document, DocumentReader, RawDocument, ReaderOptions};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `detente code`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Inputs: files or folders (read recursively, in path order) of plain text (`.txt`),
    /// HTML pages (`.html`), JSON Lines (`.jsonl`: `{"id","date","url","title","text"}`) or
    /// PETRARCH XML (`.xml`), any of them gzip-compressed (`.gz`); `-` or nothing reads
    /// standard input, whose format is recognised from its first bytes.
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Add provenance (verb entry, pattern, actor and agent entries) to every event.
    #[arg(long)]
    pub explain: bool,
    /// Date for documents that carry none (plain text, pages without a publication date,
    /// records without "date"), as YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Code the text as it is, without removing captions, credits, paywall prompts and other
    /// boilerplate (HTML pages are still reduced to their visible text).
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Add `offset`: the byte range of the event's sentence in the document's original text
    /// (the file or record text as read, or an HTML page's visible text).
    #[arg(long)]
    pub offsets: bool,
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
    /// Output format: `jsonl` (one event a line, with its date, place, tone, mentions and
    /// evidence) or `gdelt` (GDELT 2.0 Events rows: 61 tab-separated columns, no header).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Do not track the article's people: pronouns, surnames and role phrases the
    /// dictionaries do not name stay unresolved.
    #[arg(long)]
    pub no_people: bool,
    /// Print an event once for every sentence that tells it, rather than once a document
    /// with a mention count.
    #[arg(long)]
    pub no_dedup: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Output formats of `detente code`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines, one event a line.
    Jsonl,
    /// GDELT 2.0 Events, tab-separated.
    Gdelt,
}

/// Where an event happened, as printed.
#[derive(Serialize)]
struct PlaceOut<'a> {
    name: &'a str,
    country: &'a str,
    lat: f32,
    lon: f32,
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
    /// When the event happened, and how precisely the text says.
    event_date: String,
    date_precision: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<PlaceOut<'a>>,
    /// The tone of the event's sentence (GDELT scale).
    tone: f64,
    /// Sentences of the document that tell the event.
    mentions: u32,
    /// Indexes of those sentences.
    evidence: Vec<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<[usize; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a detente_code::Provenance>,
}

/// What to print besides the event.
#[derive(Clone, Copy)]
struct Show {
    explain: bool,
    offsets: bool,
    format: Format,
}

const BATCH: usize = 1024;

pub fn run(args: Args) -> Result<ExitCode> {
    crate::use_threads(args.threads);
    let default_date = crate::date_flag("date", args.date.as_ref())?;
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
    let pipeline = Pipeline::new(
        &coder,
        &dictionaries,
        Gazetteer::builtin(),
        PipelineOptions {
            people: !args.no_people,
            dedup: !args.no_dedup,
            compound: false,
        },
    );
    let reader = DocumentReader::new(ReaderOptions {
        default_date,
        keep_boilerplate: args.keep_boilerplate,
    });
    let show = Show {
        explain: args.explain,
        offsets: args.offsets,
        format: args.format,
    };

    render_documents(&reader, &args.inputs, BATCH, |doc| {
        render(&pipeline, codebook, doc, show)
    })
}

/// Reads the documents of `inputs` (standard input when empty) in order, renders batches of
/// `batch` in parallel with `render`, and writes the results to standard output in input
/// order. Documents that cannot be read are reported and counted; exit status 1 if any.
/// Shared by `detente code` and `detente quotes`.
pub(crate) fn render_documents(
    reader: &DocumentReader,
    inputs: &[PathBuf],
    batch: usize,
    render: impl Fn(&Document) -> String + Sync,
) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        inputs.to_vec()
    };
    // Reading is sequential; parsing, cleaning and rendering run in parallel on each batch.
    let mut pending = Vec::with_capacity(batch);
    for document in reader.raw_documents(&inputs) {
        match document {
            Ok(document) => pending.push(document),
            Err(error) => {
                eprintln!("detente: {error}");
                failures += 1;
            }
        }
        if pending.len() == batch {
            failures += write_batch(&mut out, reader, &mut pending, &render)?;
        }
    }
    failures += write_batch(&mut out, reader, &mut pending, &render)?;
    out.flush()?;
    Ok(if failures > 0 {
        eprintln!("detente: {failures} record(s) could not be read");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Finishes and renders a batch of documents (emptying it), writing in input order; returns
/// the number of documents that could not be read.
fn write_batch(
    out: &mut impl Write,
    reader: &DocumentReader,
    batch: &mut Vec<RawDocument>,
    render: &(impl Fn(&Document) -> String + Sync),
) -> Result<usize> {
    let rendered: Vec<Result<String, DocError>> = batch
        .par_drain(..)
        .map(|raw| reader.finish(raw).map(|doc| render(&doc)))
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

fn render(pipeline: &Pipeline<'_>, codebook: &Codebook, doc: &Document, show: Show) -> String {
    let coded = pipeline.code(doc);
    let mut text = String::new();
    match show.format {
        Format::Jsonl => {
            let date = format_date(doc.date);
            for event in &coded.events {
                push_line(&mut text, doc, &coded, &date, event, show);
            }
        }
        Format::Gdelt => {
            let rows = gdelt::document_rows(
                &GdeltDocument {
                    id: &doc.id,
                    url: doc.url.as_deref(),
                    date: doc.date,
                    text: &doc.text,
                    // The document's date, not the clock: the same input gives the same output.
                    date_added: gdelt::date_added(doc.date, 0),
                    tone: Some(coded.tone.tone),
                },
                &coded.sentences,
                &coded.sentence_events,
                codebook,
                Fips::builtin(),
                Gazetteer::builtin(),
            );
            let mut bytes = Vec::new();
            if gdelt::write_rows(&mut bytes, &rows).is_ok() {
                text = String::from_utf8_lossy(&bytes).into_owned();
            }
        }
    }
    text
}

fn push_line(
    out: &mut String,
    doc: &Document,
    coded: &CodedDocument,
    date: &str,
    doc_event: &DocEvent,
    show: Show,
) {
    let event = &doc_event.event;
    let Some(analysis) = coded.sentences.get(doc_event.sentence) else {
        return;
    };
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
    let sentence_text = analysis.text.trim();
    let offset = show.offsets.then(|| {
        let (start, end) = doc_event.evidence[0].span;
        let range = doc.original_range(start..end);
        [range.start, range.end]
    });
    let line = Line {
        id: &doc.id,
        sentence: doc_event.sentence,
        date: date.to_string(),
        source: &event.source,
        target: &event.target,
        cameo: &event.cameo,
        plover: event.plover.as_deref(),
        goldstein: event.goldstein,
        quad_class: event.quad_class,
        text: sentence_text,
        verb,
        event_date: format_date(doc_event.when.date),
        date_precision: doc_event.when.precision.as_str(),
        place: doc_event.place.as_ref().map(|p| PlaceOut {
            name: &p.name,
            country: &p.country,
            lat: p.lat,
            lon: p.lon,
        }),
        tone: (doc_event.tone * 100.0).round() / 100.0,
        mentions: doc_event.mentions,
        evidence: doc_event.evidence.iter().map(|e| e.sentence).collect(),
        title: doc.title.as_deref(),
        url: doc.url.as_deref(),
        offset,
        provenance: show.explain.then_some(&event.provenance),
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

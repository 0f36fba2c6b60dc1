//! `detente ingest`: documents in, the event store out. Documents are read in order, coded in
//! parallel batches by the whole-document pipeline (`detente-doc`), and written by one
//! writer, one transaction a batch (`detente-store`), so that a crash leaves whole documents
//! only and a rerun completes the job; the same document twice is stored once.

use crate::{dicts, DictArgs};
use anyhow::{Context, Result};
use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_dict::gazetteer::Gazetteer;
use detente_dict::Dictionaries;
use detente_doc::pipeline::{sentence_span, CodedDocument, Pipeline, PipelineOptions};
use detente_doc::{DocError, Document, DocumentReader, RawDocument, ReaderOptions};
use detente_store::{
    content_hash, Batch, EvidenceSpans, NewActor, NewDocument, NewEvent, NewQuote, NewSentence,
    Place, Store,
};
use detente_text::Analysis;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `detente ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Inputs, as for `detente code`: text, HTML, JSON Lines or PETRARCH XML files, gzip
    /// files and folders; `-` reads standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The store (created when missing).
    #[arg(long, default_value = "detente.db")]
    pub db: PathBuf,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Date for documents that carry none, as YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Documents coded and written together, in one transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Worker threads for coding (default: all cores); one thread writes.
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress line on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What an ingest run did, for the closing line.
#[derive(Default)]
pub struct Totals {
    pub read: usize,
    pub inserted: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub events: usize,
    pub failed: usize,
    /// What failed, a message each (also printed on standard error).
    pub errors: Vec<String>,
}

impl Totals {
    fn fail(&mut self, message: String) {
        eprintln!("detente: {message}");
        self.errors.push(message);
        self.failed += 1;
    }
}

/// Where an ingest reads its documents.
pub enum Source<'a> {
    /// Files and folders (`-` for standard input).
    Paths(&'a [PathBuf]),
    /// One stream, named in ids and errors; its format is recognised from its first bytes
    /// (`{` is JSON Lines).
    Stream(Box<dyn std::io::Read + Send>, &'a str),
}

pub fn run(args: Args) -> Result<ExitCode> {
    crate::use_threads(args.threads);
    let default_date = crate::date_flag("date", args.date.as_ref())?;
    let dictionaries = dicts::load(&args.dicts)?;
    let mut store = Store::open(&args.db)
        .with_context(|| format!("opening the store {}", args.db.display()))?;
    let progress = !args.quiet && std::io::stderr().is_terminal();
    let totals = ingest_into(
        &mut store,
        &dictionaries,
        Source::Paths(&args.inputs),
        default_date,
        args.batch,
        progress,
    )?;
    Ok(if totals.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads, codes and stores the documents of `source`, printing a closing line (and a
/// progress line when `progress`) on standard error.
pub fn ingest_into(
    store: &mut Store,
    dictionaries: &Dictionaries,
    source: Source<'_>,
    default_date: Option<u32>,
    batch_size: usize,
    progress: bool,
) -> Result<Totals> {
    let coder = Coder::new(dictionaries, Codebook::builtin(), CoderOptions::default());
    let pipeline = Pipeline::new(
        &coder,
        dictionaries,
        Gazetteer::builtin(),
        PipelineOptions::default(),
    );
    let reader = DocumentReader::new(ReaderOptions {
        default_date,
        keep_boilerplate: false,
    });
    let version = knowledge_version(dictionaries);
    let started = Instant::now();
    let raws = match source {
        Source::Paths(inputs) => reader.raw_documents(inputs),
        Source::Stream(stream, name) => reader.raw_documents_from_reader(stream, name),
    };
    let path = store.path().display().to_string();
    // Coding and writing overlap: this thread codes batch N+1 (on all cores) while one
    // writer thread stores batch N, one transaction a batch.
    let (coded, written) = std::thread::scope(|scope| -> Result<(Totals, Totals)> {
        let (send, receive) = std::sync::mpsc::sync_channel::<Batch>(1);
        let writer = scope.spawn(move || -> Result<Totals> {
            let mut totals = Totals::default();
            for batch in receive {
                write(store, &batch, &mut totals)?;
                if progress {
                    show_progress(&totals, started);
                }
            }
            Ok(totals)
        });
        let mut coded = Totals::default();
        let mut batch = Vec::with_capacity(batch_size.max(1));
        let send_batch = |batch: &mut Vec<RawDocument>, coded: &mut Totals| -> bool {
            let out = code_batch(&reader, &pipeline, &version, batch, coded);
            // The writer stops only on an error, which its join reports.
            out.documents.is_empty() || send.send(out).is_ok()
        };
        for raw in raws {
            match raw {
                Ok(raw) => batch.push(raw),
                Err(error) => coded.fail(error.to_string()),
            }
            if batch.len() >= batch_size.max(1) && !send_batch(&mut batch, &mut coded) {
                break;
            }
        }
        send_batch(&mut batch, &mut coded);
        drop(send);
        let written = writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer stopped unexpectedly"))??;
        Ok((coded, written))
    })?;
    let totals = Totals {
        read: written.read,
        inserted: written.inserted,
        replaced: written.replaced,
        unchanged: written.unchanged,
        events: written.events,
        failed: coded.failed + written.failed,
        errors: coded.errors.into_iter().chain(written.errors).collect(),
    };
    if progress {
        eprintln!();
    }
    eprintln!(
        "detente: {} documents read into {}: {} new, {} replaced, {} unchanged, {} events written, {} failed ({:.1} s)",
        totals.read,
        path,
        totals.inserted,
        totals.replaced,
        totals.unchanged,
        totals.events,
        totals.failed,
        started.elapsed().as_secs_f64()
    );
    Ok(totals)
}

/// Codes a batch in parallel (emptying it); documents that cannot be read are counted in
/// `totals`.
fn code_batch(
    reader: &DocumentReader,
    pipeline: &Pipeline<'_>,
    version: &str,
    batch: &mut Vec<RawDocument>,
    totals: &mut Totals,
) -> Batch {
    let mut out = Batch::default();
    if batch.is_empty() {
        return out;
    }
    let coded: Vec<Result<(NewDocument, Vec<NewActor>), DocError>> = batch
        .par_drain(..)
        .map(|raw| {
            reader.finish(raw).map(|doc| {
                let coded = pipeline.code(&doc);
                to_store(&doc, &coded, version)
            })
        })
        .collect();
    for item in coded {
        match item {
            Ok((document, actors)) => {
                out.documents.push(document);
                out.actors.extend(actors);
            }
            Err(error) => totals.fail(error.to_string()),
        }
    }
    out
}

/// Writes a coded batch in one transaction.
fn write(store: &mut Store, out: &Batch, totals: &mut Totals) -> Result<()> {
    totals.read += out.documents.len();
    let report = store.ingest(out).context("writing to the store")?;
    totals.inserted += report.inserted;
    totals.replaced += report.replaced;
    totals.unchanged += report.unchanged;
    totals.events += report.events;
    for rejected in &report.rejected {
        totals.fail(format!(
            "document {:?} not stored ({}): {}",
            rejected.doc_id, rejected.record, rejected.message
        ));
    }
    Ok(())
}

fn show_progress(totals: &Totals, started: Instant) {
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    eprint!(
        "\rdetente: {} documents ({:.0}/s), {} events written",
        totals.read,
        totals.read as f64 / seconds,
        totals.events
    );
}

/// What decides what a document codes to besides its text: the program's version and the
/// size of the dictionaries, so that a new release or another knowledge base re-codes
/// documents already stored.
fn knowledge_version(dict: &Dictionaries) -> String {
    format!(
        "detente {} actors {} agents {} verbs {} blocks {}",
        env!("CARGO_PKG_VERSION"),
        dict.actors.len(),
        dict.agents.len(),
        dict.verbs.len(),
        dict.verb_blocks.len()
    )
}

/// A coded document as the store takes it, with the names of its actors.
fn to_store(doc: &Document, coded: &CodedDocument, version: &str) -> (NewDocument, Vec<NewActor>) {
    let sentences: Vec<NewSentence> = coded
        .sentences
        .iter()
        .map(|analysis| {
            let (start, end) = sentence_span(analysis);
            NewSentence {
                start: start as u32,
                end: end as u32,
                text: doc.text.get(start..end).unwrap_or_default().to_string(),
            }
        })
        .collect();
    let mut actors = Vec::new();
    let mut events = Vec::with_capacity(coded.events.len());
    for e in &coded.events {
        let Some(analysis) = coded.sentences.get(e.sentence) else {
            continue;
        };
        let span = |(start, end): (u32, u32)| token_bytes(analysis, start, end);
        let event = &e.event;
        let source_span = span(event.spans.source);
        let target_span = span(event.spans.target);
        let name = |range: Option<(u32, u32)>| {
            range.and_then(|(s, t)| doc.text.get(s as usize..t as usize).map(str::to_string))
        };
        let source_name = name(source_span);
        let target_name = name(target_span);
        for (code, name) in [(&event.source, &source_name), (&event.target, &target_name)] {
            if let Some(name) = name {
                if !code.is_empty() {
                    actors.push(NewActor {
                        code: code.to_string(),
                        name: name.clone(),
                    });
                }
            }
        }
        events.push(NewEvent {
            sentence: e.sentence as u32,
            source: event.source.to_string(),
            target: event.target.to_string(),
            source_name,
            target_name,
            cameo: event.cameo.to_string(),
            plover: event.plover.as_ref().map(|p| p.to_string()),
            goldstein: event.goldstein,
            quad_class: event.quad_class,
            date: e.when.date,
            date_precision: e.when.precision.as_str().to_string(),
            place: e.place.as_ref().map(|p| Place {
                name: p.name.clone(),
                country: Some(p.country.clone()),
                lat: Some(f64::from(p.lat)),
                lon: Some(f64::from(p.lon)),
            }),
            tone: Some(e.tone as f32),
            mentions: e.mentions,
            spans: EvidenceSpans {
                verb: span(event.spans.verb),
                source: source_span,
                target: target_span,
            },
            provenance: None,
        });
    }
    let quotes = coded
        .quotes
        .iter()
        .map(|q| NewQuote {
            speaker: q.speaker.name.clone(),
            speaker_code: q.speaker.code.clone(),
            text: q.text.clone(),
            start: q.start as u32,
            end: q.end as u32,
        })
        .collect();
    for person in coded.people.persons() {
        if let Some(code) = &person.code {
            actors.push(NewActor {
                code: code.clone(),
                name: person.name.clone(),
            });
        }
    }
    let document = NewDocument {
        id: doc.id.clone(),
        date: doc.date,
        url: doc.url.clone(),
        title: doc.title.clone(),
        content_hash: content_hash(&[doc.text.as_bytes(), version.as_bytes()]),
        text: doc.text.clone(),
        sentences,
        events,
        quotes,
    };
    (document, actors)
}

/// The document byte range of tokens `start..end` of a sentence; `None` for an empty span.
fn token_bytes(analysis: &Analysis, start: u32, end: u32) -> Option<(u32, u32)> {
    if end <= start {
        return None;
    }
    let first = analysis.tokens.get(start as usize)?;
    let last = analysis.tokens.get(end as usize - 1)?;
    Some((
        (analysis.offset + first.start as usize) as u32,
        (analysis.offset + last.end as usize) as u32,
    ))
}

//! `detente bench`: measures the coder end to end (raw text → sentences → analysis → events)
//! on a corpus repeated to a fixed number of sentences, and prints throughput per CPU-second
//! (user + system time, so the figure is per core), wall time, dictionary load time and peak
//! memory. The event count is printed too, so that speed can never hide a wrong answer.

use crate::{dicts, DictArgs};
use anyhow::{bail, Context, Result};
use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_doc::petrarch_xml::PetrarchFile;
use detente_text::Analyzer;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `detente bench`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Corpus: a PETRARCH XML file (its `<Text>`s), JSON Lines (`text` fields) or plain text.
    pub corpus: PathBuf,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Repeat the corpus until at least this many sentences are coded.
    #[arg(long, default_value_t = 100_000)]
    pub sentences: usize,
    /// Worker threads (1 measures a single core).
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Measure the whole-document pipeline instead: the corpus is read as documents (any
    /// input `detente code` reads, boilerplate removed), then coded by the coder alone and by
    /// the full pipeline (people, quotes, dates, places, tone, dedup), one thread, and the
    /// two speeds are compared in sentences per CPU-second.
    #[arg(long)]
    pub documents: bool,
    /// Date for documents that carry none, as YYYY-MM-DD (with `--documents`).
    #[arg(long)]
    pub date: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.documents {
        return documents(&args);
    }
    let texts = read_corpus(&args.corpus)?;
    if texts.is_empty() {
        bail!("{}: no texts found", args.corpus.display());
    }
    let cpu0 = cpu_seconds();
    let load_start = Instant::now();
    let dictionaries = dicts::load(&args.dicts)?;
    let load_wall = load_start.elapsed().as_secs_f64();
    let load_cpu = cpu_seconds() - cpu0;
    let analyzer = Analyzer::new();
    let coder = Coder::new(&dictionaries, Codebook::builtin(), CoderOptions::default());

    // Split once to know the corpus's size in sentences; every pass re-splits (splitting is
    // part of the pipeline being measured).
    let per_pass: usize = texts.iter().map(|t| analyzer.analyze(t).len()).sum();
    if per_pass == 0 {
        bail!("{}: no sentences found", args.corpus.display());
    }
    let passes = args.sentences.div_ceil(per_pass);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.max(1))
        .build()
        .context("starting worker threads")?;

    let cpu_start = cpu_seconds();
    let wall_start = Instant::now();
    let (sentences, events) = pool.install(|| {
        (0..passes)
            .into_par_iter()
            .map(|_| {
                let mut sentences = 0usize;
                let mut events = 0usize;
                for text in &texts {
                    for analysis in analyzer.analyze(text) {
                        sentences += 1;
                        events += coder.code(&analysis, 20130227).len();
                    }
                }
                (sentences, events)
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let wall = wall_start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_start;

    outln!(
        "corpus:              {} ({} texts, {} sentences a pass, {} passes)",
        args.corpus.display(),
        texts.len(),
        per_pass,
        passes
    );
    outln!(
        "dictionaries:        {} actors, {} agents, {} verbs, {} patterns",
        dictionaries.actors.len(),
        dictionaries.agents.len(),
        dictionaries.verbs.len(),
        dictionaries
            .verb_blocks
            .iter()
            .map(|b| b.patterns.len())
            .sum::<usize>()
    );
    outln!(
        "dictionary load:     {:.1} ms wall, {:.1} ms CPU",
        load_wall * 1000.0,
        load_cpu * 1000.0
    );
    outln!("sentences coded:     {sentences}");
    outln!("events coded:        {events} ({} a pass)", events / passes);
    outln!("threads:             {}", args.threads.max(1));
    outln!(
        "wall time:           {wall:.3} s ({:.0} sentences/s)",
        sentences as f64 / wall
    );
    outln!(
        "CPU time (user+sys): {cpu:.3} s ({:.0} sentences per CPU-second)",
        sentences as f64 / cpu.max(1e-9)
    );
    if let Some(peak) = peak_rss_kib() {
        outln!("peak memory (RSS):   {:.1} MB", peak as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

/// `--documents`: reading and cleaning, the coder alone and the whole pipeline, compared.
fn documents(args: &Args) -> Result<ExitCode> {
    use detente_dict::gazetteer::Gazetteer;
    use detente_doc::people::analyse_paragraphs;
    use detente_doc::pipeline::{Pipeline, PipelineOptions};
    use detente_doc::{DocumentReader, ReaderOptions};

    let default_date = crate::date_flag("date", args.date.as_ref())?;
    let reader = DocumentReader::new(ReaderOptions {
        default_date,
        keep_boilerplate: false,
    });
    let inputs = [args.corpus.clone()];
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for doc in reader.documents(&inputs) {
        let doc = doc?;
        bytes += doc.original.len();
        docs.push(doc);
    }
    if docs.is_empty() {
        bail!("{}: no documents found", args.corpus.display());
    }
    let dictionaries = dicts::load(&args.dicts)?;
    let coder = Coder::new(&dictionaries, Codebook::builtin(), CoderOptions::default());
    let pipeline = Pipeline::new(
        &coder,
        &dictionaries,
        Gazetteer::builtin(),
        PipelineOptions::default(),
    );
    let per_pass: usize = docs.iter().map(|d| analyse_paragraphs(&d.text).len()).sum();
    if per_pass == 0 {
        bail!("{}: no sentences found", args.corpus.display());
    }
    let passes = args.sentences.div_ceil(per_pass);

    // Reading and cleaning, repeated as many times as the coding passes.
    let start = cpu_seconds();
    for _ in 0..passes {
        for doc in reader.documents(&inputs) {
            std::hint::black_box(doc?);
        }
    }
    let read_cpu = cpu_seconds() - start;

    let start = cpu_seconds();
    let mut coder_events = 0usize;
    for _ in 0..passes {
        for doc in &docs {
            let sentences = analyse_paragraphs(&doc.text);
            coder_events += coder
                .code_story(&sentences, doc.date)
                .iter()
                .map(Vec::len)
                .sum::<usize>();
        }
    }
    let coder_cpu = cpu_seconds() - start;

    let start = cpu_seconds();
    let mut pipeline_events = 0usize;
    for _ in 0..passes {
        for doc in &docs {
            pipeline_events += pipeline.code(doc).events.len();
        }
    }
    let pipeline_cpu = cpu_seconds() - start;

    let sentences = (per_pass * passes) as f64;
    let coder_speed = sentences / coder_cpu.max(1e-9);
    let pipeline_speed = sentences / pipeline_cpu.max(1e-9);
    let read_speed = sentences / read_cpu.max(1e-9);
    let whole = 1.0 / (1.0 / pipeline_speed + 1.0 / read_speed);
    outln!(
        "corpus:              {} ({} documents, {:.1} MB, {} sentences after cleaning, {} passes)",
        args.corpus.display(),
        docs.len(),
        bytes as f64 / 1e6,
        per_pass,
        passes
    );
    outln!(
        "read + clean:        {read_cpu:.3} s CPU ({:.0} documents, {read_speed:.0} sentences per CPU-second)",
        (docs.len() * passes) as f64 / read_cpu.max(1e-9)
    );
    outln!(
        "coder alone:         {coder_cpu:.3} s CPU ({coder_speed:.0} sentences per CPU-second, {coder_events} events)"
    );
    outln!(
        "whole pipeline:      {pipeline_cpu:.3} s CPU ({pipeline_speed:.0} sentences per CPU-second, {pipeline_events} events after dedup)"
    );
    outln!(
        "read + clean + pipeline: {whole:.0} sentences per CPU-second = {:.2} of the coder's speed",
        whole / coder_speed
    );
    if let Some(peak) = peak_rss_kib() {
        outln!("peak memory (RSS):   {:.1} MB", peak as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

/// Texts of a corpus file.
fn read_corpus(path: &PathBuf) -> Result<Vec<String>> {
    let name = path.display().to_string();
    if name.ends_with(".xml") {
        let file = PetrarchFile::from_path(path)?;
        return Ok(file.records.into_iter().map(|r| r.text).collect());
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {name}"))?;
    if name.ends_with(".jsonl") {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("{name}:{}: not valid JSON", i + 1))?;
            if let Some(t) = value.get("text").and_then(|t| t.as_str()) {
                out.push(t.to_string());
            }
        }
        return Ok(out);
    }
    Ok(vec![text])
}

/// User + system CPU seconds of this process so far (Linux `/proc/self/stat`); 0 elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<f64>().ok()))
        .sum();
    ticks / clock_ticks_per_second()
}

/// The kernel's clock tick (USER_HZ), which is 100 on every Linux we run on.
fn clock_ticks_per_second() -> f64 {
    100.0
}

/// Peak resident set size in KiB (`VmHWM`), where the platform tells it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

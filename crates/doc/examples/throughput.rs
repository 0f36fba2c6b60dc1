//! Throughput of the document reader and boilerplate cleaner on generated input.
//!
//! ```sh
//! # write N JSON Lines records and a folder of F files, made from the boilerplate fixtures
//! cargo run --release -p detente-doc --example throughput -- generate /tmp/docs 200000 20000
//! # read them back: documents, bytes, removals by reason, time
//! cargo run --release -p detente-doc --example throughput -- read /tmp/docs/big.jsonl
//! cargo run --release -p detente-doc --example throughput -- read /tmp/docs/pages
//! # parse and clean on 2 threads (reading stays sequential), as `detente code` does
//! THREADS=2 cargo run --release -p detente-doc --example throughput -- read /tmp/docs/big.jsonl
//! # the sequential part alone (reading, un-gzipping, splitting into documents)
//! cargo run --release -p detente-doc --example throughput -- raw /tmp/docs/big.jsonl
//! # every removal, as "id <TAB> reason <TAB> rule <TAB> text" (on clean text, each one is
//! # a false positive)
//! cargo run --release -p detente-doc --example throughput -- removed examples/sample.jsonl
//! ```
//!
//! The records and files are the fixtures of `tests/fixtures/boilerplate` (articles written
//! for the tests), text and HTML, each given a new id; JSON Lines records carry a page in
//! `"html"` or a text in `"text"`.

use detente_doc::{DocError, Document, DocumentReader, RawDocument, ReaderOptions};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boilerplate");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.ends_with(".expected.txt") && (name.ends_with(".txt") || name.ends_with(".html"))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let kind = if p.extension().is_some_and(|e| e == "html") {
                "html"
            } else {
                "text"
            };
            (
                kind.to_string(),
                std::fs::read_to_string(p).expect("fixture"),
            )
        })
        .collect()
}

fn generate(out: &Path, records: usize, files: usize) -> std::io::Result<()> {
    let fixtures = fixtures();
    std::fs::create_dir_all(out)?;
    let mut jsonl = std::io::BufWriter::new(std::fs::File::create(out.join("big.jsonl"))?);
    for i in 0..records {
        let (kind, body) = &fixtures[i % fixtures.len()];
        let record = serde_json::json!({
            "id": format!("r{i}"),
            "date": "2013-02-27",
            "url": format!("https://example.org/{i}"),
            kind.as_str(): body,
        });
        writeln!(jsonl, "{record}")?;
    }
    jsonl.flush()?;
    for i in 0..files {
        let (kind, body) = &fixtures[i % fixtures.len()];
        let folder = out.join("pages").join(format!("{:03}", i % 100));
        std::fs::create_dir_all(&folder)?;
        let extension = if kind == "html" { "html" } else { "txt" };
        std::fs::write(folder.join(format!("{i:06}.{extension}")), body)?;
    }
    Ok(())
}

/// Totals over the documents read.
#[derive(Default)]
struct Totals {
    documents: usize,
    errors: usize,
    original: usize,
    kept: usize,
    reasons: BTreeMap<&'static str, usize>,
}

impl Totals {
    fn add(&mut self, document: Result<Document, DocError>) {
        match document {
            Ok(document) => {
                self.documents += 1;
                self.original += document.original.len();
                self.kept += document.text.len();
                for removed in &document.removed {
                    *self.reasons.entry(removed.reason.as_str()).or_default() += 1;
                }
            }
            Err(error) => {
                self.errors += 1;
                eprintln!("{error}");
            }
        }
    }
}

/// Reads sequentially and, with `threads > 1`, finishes (parses and cleans) batches of
/// documents on that many threads, as `detente code` does.
fn read(inputs: &[PathBuf], threads: usize) {
    let reader = DocumentReader::new(ReaderOptions {
        default_date: Some(20130227),
        keep_boilerplate: false,
    });
    let start = Instant::now();
    let mut totals = Totals::default();
    if threads <= 1 {
        for document in reader.documents(inputs) {
            totals.add(document);
        }
    } else {
        let mut batch: Vec<RawDocument> = Vec::with_capacity(4096);
        let mut raw = reader.raw_documents(inputs).peekable();
        while raw.peek().is_some() {
            for document in raw.by_ref().take(4096) {
                match document {
                    Ok(document) => batch.push(document),
                    Err(error) => totals.add(Err(error)),
                }
            }
            let chunk = batch.len().div_ceil(threads).max(1);
            let mut parts: Vec<Vec<RawDocument>> = Vec::new();
            while !batch.is_empty() {
                let rest = batch.split_off(chunk.min(batch.len()));
                parts.push(std::mem::replace(&mut batch, rest));
            }
            let finished: Vec<Vec<Result<Document, DocError>>> = std::thread::scope(|scope| {
                let handles: Vec<_> = parts
                    .into_iter()
                    .map(|part| {
                        let reader = &reader;
                        scope.spawn(move || part.into_iter().map(|d| reader.finish(d)).collect())
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("worker"))
                    .collect()
            });
            for document in finished.into_iter().flatten() {
                totals.add(document);
            }
        }
    }
    let Totals {
        documents,
        errors,
        original,
        kept,
        reasons,
    } = totals;
    let seconds = start.elapsed().as_secs_f64();
    println!("documents: {documents}, errors: {errors}");
    println!("original text: {original} bytes, kept: {kept} bytes");
    println!("removed: {reasons:?}");
    println!(
        "time: {seconds:.2} s, {:.0} documents/s, {:.1} MB/s of original text ({threads} thread(s))",
        documents as f64 / seconds,
        original as f64 / seconds / 1e6
    );
}

fn removed(inputs: &[PathBuf]) {
    let reader = DocumentReader::new(ReaderOptions {
        default_date: Some(20130227),
        keep_boilerplate: false,
    });
    let (mut documents, mut removals) = (0usize, 0usize);
    for document in reader.documents(inputs) {
        match document {
            Ok(document) => {
                documents += 1;
                for removed in &document.removed {
                    removals += 1;
                    let text = &document.original[removed.range.clone()];
                    println!(
                        "{}\t{}\t{}\t{text}",
                        document.id, removed.reason, removed.rule
                    );
                }
            }
            Err(error) => eprintln!("{error}"),
        }
    }
    println!("{removals} removal(s) in {documents} document(s)");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") if args.len() == 4 => {
            let records = args[2].parse().expect("number of records");
            let files = args[3].parse().expect("number of files");
            if let Err(error) = generate(Path::new(&args[1]), records, files) {
                eprintln!("{error}");
                std::process::exit(2);
            }
        }
        Some("raw") if args.len() > 1 => {
            // the sequential part alone: reading, un-gzipping, splitting into documents
            let reader = DocumentReader::new(ReaderOptions::default());
            let start = Instant::now();
            let inputs: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).collect();
            let count = reader.raw_documents(&inputs).filter(Result::is_ok).count();
            println!(
                "{count} raw documents in {:.2} s",
                start.elapsed().as_secs_f64()
            );
        }
        Some("removed") if args.len() > 1 => {
            removed(&args[1..].iter().map(PathBuf::from).collect::<Vec<_>>())
        }
        Some("read") if args.len() > 1 => {
            let threads = std::env::var("THREADS")
                .ok()
                .and_then(|t| t.parse().ok())
                .unwrap_or(1);
            read(
                &args[1..].iter().map(PathBuf::from).collect::<Vec<_>>(),
                threads,
            )
        }
        _ => {
            eprintln!(
                "usage: throughput generate DIR RECORDS FILES | throughput read|raw|removed INPUT..."
            );
            std::process::exit(2);
        }
    }
}

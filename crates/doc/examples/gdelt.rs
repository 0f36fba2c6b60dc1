//! Codes JSON Lines articles (`{"id", "date": "YYYY-MM-DD", "text"}`, optional `"url"`) with
//! the built-in knowledge base and writes them as a GDELT 2.0 Events file on standard output;
//! with `--read`, reads GDELT 2.0 export files instead and counts rows and bad lines. Either
//! way a summary goes to standard error (events, rows, tone range).
//!
//! ```sh
//! cargo run -p detente-doc --example gdelt -- examples/sample.jsonl > sample.export.CSV
//! cargo run -p detente-doc --example gdelt -- --read sample.export.CSV
//! ```

use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_dict::gazetteer::Gazetteer;
use detente_dict::native::NativeLoader;
use detente_doc::fips::Fips;
use detente_doc::gdelt::{date_added, document_rows, write_rows, GdeltDocument, GdeltReader};
use detente_doc::tone::document_tone;
use detente_text::Analyzer;
use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--read") {
        return read(&args[1..]);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kb/native");
    let mut loader = NativeLoader::new();
    for name in [
        "synsets.kb",
        "verbs.kb",
        "countries.actors.kb",
        "international.actors.kb",
        "agents.kb",
        "discards.kb",
    ] {
        loader.path(&root.join(name));
    }
    let (dict, errors) = loader.finish();
    for e in &errors {
        eprintln!("{e}");
    }
    let codebook = Codebook::builtin();
    let coder = Coder::new(&dict, codebook, CoderOptions::default());
    let analyzer = Analyzer::new();
    let (mut docs, mut events, mut rows_out) = (0usize, 0usize, Vec::new());
    let mut tones: Vec<f64> = Vec::new();
    let mut failed = false;
    for path in &args {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                failed = true;
                continue;
            }
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    eprintln!("{path}:{}: {e}", i + 1);
                    failed = true;
                    continue;
                }
            };
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
            let Ok(date) = field("date").replace('-', "").parse::<u32>() else {
                eprintln!("{path}:{}: no date YYYY-MM-DD", i + 1);
                failed = true;
                continue;
            };
            let body = field("text");
            let sentences = analyzer.analyze(body);
            let coded = coder.code_story(&sentences, date);
            events += coded.iter().map(Vec::len).sum::<usize>();
            let url = field("url");
            let doc = GdeltDocument {
                id: field("id"),
                url: (!url.is_empty()).then_some(url),
                date,
                text: body,
                date_added: date_added(date, 0),
                tone: None,
            };
            tones.push(document_tone(body).tone);
            rows_out.extend(document_rows(
                &doc,
                &sentences,
                &coded,
                codebook,
                Fips::builtin(),
                Gazetteer::builtin(),
            ));
            docs += 1;
        }
    }
    if let Err(e) = write_rows(std::io::stdout().lock(), &rows_out) {
        eprintln!("writing: {e}");
        return ExitCode::FAILURE;
    }
    let located = rows_out
        .iter()
        .filter(|r| r.action_geo.geo_type.is_some())
        .count();
    let (lo, hi) = tones
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &t| {
            (lo.min(t), hi.max(t))
        });
    let mean = tones.iter().sum::<f64>() / tones.len().max(1) as f64;
    eprintln!(
        "{docs} documents, {events} events, {} rows ({located} with an action place); \
         document tone min {lo:.2} mean {mean:.2} max {hi:.2}",
        rows_out.len()
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads GDELT 2.0 export files: counts rows and prints each bad line.
fn read(paths: &[String]) -> ExitCode {
    let (mut rows, mut bad) = (0usize, 0usize);
    for path in paths {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{path}: {e}");
                bad += 1;
                continue;
            }
        };
        for item in GdeltReader::new(BufReader::new(file), path) {
            match item {
                Ok(_) => rows += 1,
                Err(e) => {
                    eprintln!("{e}");
                    bad += 1;
                }
            }
        }
    }
    eprintln!("{rows} rows read, {bad} bad lines");
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

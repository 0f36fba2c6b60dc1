//! Prints the temporal expressions and places found in each sentence of PETRARCH XML files
//! (`*.xml`) or JSON Lines articles (`{"id", "date": "YYYY-MM-DD", "text"}`), then counts.
//! `--text` also prints each sentence that has a find, to judge them.
//!
//! ```sh
//! cargo run -p detente-doc --example when_where -- examples/sample.jsonl
//! ```

use detente_dict::gazetteer::Gazetteer;
use detente_doc::petrarch_xml::PetrarchFile;
use detente_doc::{places, when};
use detente_text::Analyzer;
use std::process::ExitCode;

#[derive(Default)]
struct Counts {
    sentences: usize,
    with_time: usize,
    times: usize,
    with_place: usize,
    places: usize,
}

fn main() -> ExitCode {
    let gazetteer = Gazetteer::builtin();
    let analyzer = Analyzer::new();
    let mut counts = Counts::default();
    let mut failed = false;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_text = args.iter().any(|a| a == "--text");
    for path in args.into_iter().filter(|a| a != "--text") {
        let docs: Vec<(String, u32, String)> = if path.ends_with(".xml") {
            match PetrarchFile::from_path(path.as_ref()) {
                Ok(file) => file
                    .records
                    .into_iter()
                    .map(|r| (r.id, r.date.parse().unwrap_or(0), r.text))
                    .collect(),
                Err(e) => {
                    eprintln!("{e}");
                    failed = true;
                    continue;
                }
            }
        } else {
            match read_jsonl(&path) {
                Ok(docs) => docs,
                Err(e) => {
                    eprintln!("{e}");
                    failed = true;
                    continue;
                }
            }
        };
        for (id, date, text) in docs {
            for (n, analysis) in analyzer.analyze(&text).iter().enumerate() {
                counts.sentences += 1;
                let times = when::find(analysis, date);
                let found = places::find(analysis, gazetteer);
                if !times.is_empty() {
                    counts.with_time += 1;
                }
                if !found.is_empty() {
                    counts.with_place += 1;
                }
                if show_text && !(times.is_empty() && found.is_empty()) {
                    println!("{id}#{n}\ttext\t{} [{date}]", analysis.text);
                }
                counts.times += times.len();
                counts.places += found.len();
                for t in &times {
                    println!(
                        "{id}#{n}\ttime\t{}\t{}\t{}",
                        &analysis.text[t.bytes.clone()],
                        t.date,
                        t.precision.as_str()
                    );
                }
                for p in &found {
                    println!(
                        "{id}#{n}\tplace\t{}\t{} {} ({:.2}, {:.2})\t{}\t{}..{}",
                        &analysis.text[p.bytes.clone()],
                        p.place.name,
                        p.place.country,
                        p.place.lat,
                        p.place.lon,
                        p.cue.as_str(),
                        p.bytes.start,
                        p.bytes.end
                    );
                }
            }
        }
    }
    println!(
        "{} sentences; {} with a time expression ({} expressions); {} with a place ({} places)",
        counts.sentences, counts.with_time, counts.times, counts.with_place, counts.places
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads `{"id", "date", "text"}` records; a bad line is an error naming file and line.
fn read_jsonl(path: &str) -> Result<Vec<(String, u32, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", i + 1))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let date = field("date").replace('-', "").parse().unwrap_or(0);
        docs.push((field("id"), date, field("text")));
    }
    Ok(docs)
}

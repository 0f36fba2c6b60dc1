//! Benchmark of `timeline` over a large store: generates N synthetic events (default ten
//! million) through the ordinary ingest API, then times timelines of a busy dyad, a narrower
//! actor prefix and a quiet dyad, and checks each timeline's event count against the
//! generator's own count, so that speed cannot hide a wrong answer.
//!
//! ```sh
//! cargo run --release -p detente-store --example timeline_bench -- [EVENTS] [--db PATH] [--reuse]
//! ```
//!
//! `--reuse` queries an existing file made by an earlier run with the same EVENTS instead of
//! generating it again. The synthetic actors follow a Zipf law over 80 country codes (the first
//! ones, USA, RUS, CHN..., are the busiest), with an agent suffix half of the time; dates are
//! spread over 2000–2019; ten events a document.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use detente_store::{
    content_hash, Batch, EventFilter, NewDocument, NewEvent, NewSentence, Period, Store,
    TimelineQuery,
};

const COUNTRIES: &[&str] = &[
    "USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IRN", "ISR", "UKR", "SYR", "TUR", "IND", "PAK",
    "JPN", "PRK", "KOR", "SAU", "EGY", "IRQ", "AFG", "BRA", "MEX", "CAN", "AUS", "ITA", "ESP",
    "POL", "NGA", "ZAF", "KEN", "ETH", "SDN", "LBY", "YEM", "LBN", "JOR", "QAT", "ARE", "VEN",
    "COL", "ARG", "CHL", "PER", "CUB", "IDN", "MYS", "PHL", "THA", "VNM", "MMR", "BGD", "LKA",
    "NPL", "KAZ", "UZB", "GEO", "ARM", "AZE", "BLR", "MDA", "ROU", "HUN", "SRB", "GRC", "CYP",
    "NLD", "BEL", "CHE", "AUT", "SWE", "NOR", "FIN", "DNK", "IRL", "PRT", "MAR", "DZA", "TUN",
    "IGO", "NGO",
];
const AGENTS: &[&str] = &["GOV", "MIL", "OPP", "BUS", "MED"];
/// (CAMEO, QuadClass, Goldstein, PLOVER)
const CODES: &[(&str, u8, f32, &str)] = &[
    ("040", 1, 1.0, "CONSULT"),
    ("036", 1, 4.0, "CONSULT"),
    ("057", 2, 8.0, "AGREE"),
    ("061", 2, 6.4, "COOPERATE"),
    ("111", 3, -2.0, "ACCUSE"),
    ("130", 3, -4.4, "THREATEN"),
    ("173", 4, -5.0, "COERCE"),
    ("190", 4, -10.0, "FIGHT"),
];
const EVENTS_PER_DOC: usize = 10;
const DOCS_PER_BATCH: usize = 1000;

/// xorshift64*: deterministic, so `--reuse` can recount without re-reading the store.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Draws from a Zipf law over the country list through its cumulative weights.
fn pick(rng: &mut Rng, cumulative: &[f64]) -> usize {
    let x = rng.unit() * cumulative[cumulative.len() - 1];
    cumulative
        .partition_point(|&c| c <= x)
        .min(cumulative.len() - 1)
}

fn actor(rng: &mut Rng, cumulative: &[f64]) -> String {
    let country = COUNTRIES[pick(rng, cumulative)];
    if rng.next() & 1 == 0 {
        country.to_string()
    } else {
        format!(
            "{country}{}",
            AGENTS[(rng.next() % AGENTS.len() as u64) as usize]
        )
    }
}

/// 2000-01-01 plus `n` days, as YYYYMMDD (simple month walk; N < 7305).
fn date_of(mut n: u32) -> u32 {
    let (mut y, mut m) = (2000, 1);
    loop {
        let len = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if y % 4 == 0 => 29,
            _ => 28,
        };
        if n < len {
            return y * 10_000 + m * 100 + n + 1;
        }
        n -= len;
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
}

/// Generates the corpus, calling `sink` with each batch (or with none when only counting),
/// and returns per (source, target) pair the number of events.
fn generate(
    events: usize,
    mut sink: Option<&mut dyn FnMut(Batch)>,
) -> HashMap<(String, String), u64> {
    let cumulative: Vec<f64> = (1..=COUNTRIES.len())
        .scan(0.0, |acc, rank| {
            *acc += 1.0 / rank as f64;
            Some(*acc)
        })
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut counts: HashMap<(String, String), u64> = HashMap::new();
    let docs = events.div_ceil(EVENTS_PER_DOC);
    let mut batch = Vec::with_capacity(DOCS_PER_BATCH);
    for d in 0..docs {
        let date = date_of((rng.next() % 7305) as u32);
        let n = EVENTS_PER_DOC.min(events - d * EVENTS_PER_DOC);
        let mut list = Vec::with_capacity(n);
        for _ in 0..n {
            let source = actor(&mut rng, &cumulative);
            let mut target = actor(&mut rng, &cumulative);
            while target[..3] == source[..3] {
                target = actor(&mut rng, &cumulative);
            }
            let (cameo, quad, goldstein, plover) =
                CODES[(rng.next() % CODES.len() as u64) as usize];
            *counts.entry((source.clone(), target.clone())).or_default() += 1;
            if sink.is_some() {
                list.push(NewEvent {
                    sentence: 0,
                    source,
                    target,
                    cameo: cameo.into(),
                    plover: Some(plover.into()),
                    goldstein: Some(goldstein),
                    quad_class: Some(quad),
                    date,
                    date_precision: "document".into(),
                    mentions: 1,
                    ..NewEvent::default()
                });
            }
        }
        if let Some(sink) = sink.as_mut() {
            let text = format!("Synthetic document {d}.");
            batch.push(NewDocument {
                id: format!("bench-{d}"),
                date,
                content_hash: content_hash(&[text.as_bytes()]),
                sentences: vec![NewSentence {
                    start: 0,
                    end: text.len() as u32,
                    text: text.clone(),
                }],
                text,
                events: list,
                ..NewDocument::default()
            });
            if batch.len() == DOCS_PER_BATCH || d + 1 == docs {
                sink(Batch {
                    documents: std::mem::take(&mut batch),
                    actors: vec![],
                });
            }
        }
    }
    counts
}

/// Events the generator made from prefix `a` to prefix `b`.
fn expected(counts: &HashMap<(String, String), u64>, a: &str, b: &str) -> u64 {
    counts
        .iter()
        .filter(|((s, t), _)| s.starts_with(a) && t.starts_with(b))
        .map(|(_, n)| n)
        .sum()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut events = 10_000_000usize;
    let mut db = PathBuf::from("target/timeline-bench.db");
    let mut reuse = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => db = args.next().ok_or("--db needs a path")?.into(),
            "--reuse" => reuse = true,
            n => {
                events = n
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("not a number: {n}"))?
            }
        }
    }
    let counts = if reuse {
        let store = Store::open_existing(&db)?;
        let stored = store.counts()?.events as usize;
        if stored != events {
            return Err(format!("{}: {stored} events, not {events}", db.display()).into());
        }
        generate(events, None)
    } else {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let mut store = Store::open(&db)?;
        let start = Instant::now();
        let mut done = 0usize;
        let mut failure = None;
        let counts = generate(
            events,
            Some(&mut |batch: Batch| {
                if failure.is_some() {
                    return;
                }
                match store.ingest(&batch) {
                    Ok(report) => done += report.events,
                    Err(e) => failure = Some(e),
                }
            }),
        );
        if let Some(e) = failure {
            return Err(e.into());
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "ingest: {done} events in {secs:.1} s ({:.0} events/s), file {:.0} MB",
            done as f64 / secs,
            std::fs::metadata(&db)?.len() as f64 / 1e6
        );
        counts
    };
    let store = Store::open_existing(&db)?;
    println!("store: {} events", store.counts()?.events);
    let cases = [
        ("USA", "RUS", Period::Month),
        ("USA", "RUS", Period::Week),
        ("USAGOV", "CHN", Period::Month),
        ("TUN", "NOR", Period::Month),
    ];
    for (a, b, by) in cases {
        let query = TimelineQuery {
            a: a.into(),
            b: b.into(),
            by,
            from: None,
            to: None,
            topic: Vec::new(),
        };
        let want = expected(&counts, a, b) + expected(&counts, b, a);
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let start = Instant::now();
            let timeline = store.timeline(&query)?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
            let got: u64 = timeline.iter().map(|r| r.events).sum();
            assert_eq!(
                got, want,
                "timeline {a} {b} counted {got} events, generator made {want}"
            );
            rows = timeline.len();
        }
        let first = times[0];
        times.sort_by(f64::total_cmp);
        println!(
            "timeline {a} {b} by {by:?}: {want} events in the dyad, {rows} rows; first {first:.0} ms, median {:.0} ms, max {:.0} ms",
            times[2], times[4]
        );
    }
    // The `events` query on the same store: the first 100 of a dyad, and the whole dyad.
    let usa_rus = expected(&counts, "USA", "RUS") + expected(&counts, "RUS", "USA");
    for (limit, want) in [(Some(100), 100), (None, usa_rus)] {
        let filter = EventFilter {
            dyad: Some(("USA".into(), "RUS".into())),
            limit,
            ..EventFilter::default()
        };
        let mut times = Vec::new();
        for _ in 0..3 {
            let start = Instant::now();
            let got = store.events(&filter)?.len() as u64;
            times.push(start.elapsed().as_secs_f64() * 1e3);
            assert_eq!(
                got, want,
                "events --dyad USA RUS returned {got}, want {want}"
            );
        }
        times.sort_by(f64::total_cmp);
        println!(
            "events --dyad USA RUS --limit {limit:?}: {want} events; median {:.0} ms of 3",
            times[1]
        );
    }
    Ok(())
}

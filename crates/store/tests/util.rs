//! Shared helpers: temporary store files and generated documents.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use detente_store::{
    content_hash, EvidenceSpans, NewDocument, NewEvent, NewQuote, NewSentence, Place,
};

/// A fresh directory under the system's temporary folder, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("detente-store-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temporary directory");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn db(&self) -> PathBuf {
        self.0.join("detente.db")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An event with the fields that queries look at; the rest takes plain values.
pub fn event(
    source: &str,
    target: &str,
    cameo: &str,
    quad: u8,
    goldstein: f32,
    date: u32,
) -> NewEvent {
    let plover = match &cameo[..2] {
        "04" => "CONSULT",
        "05" => "COOPERATE",
        "06" => "COOPERATE",
        "11" => "ACCUSE",
        "19" => "FIGHT",
        _ => "OTHER",
    };
    NewEvent {
        sentence: 0,
        source: source.into(),
        target: target.into(),
        source_name: None,
        target_name: None,
        cameo: cameo.into(),
        plover: Some(plover.into()),
        goldstein: Some(goldstein),
        quad_class: Some(quad),
        date,
        date_precision: "document".into(),
        place: None,
        tone: None,
        mentions: 1,
        spans: EvidenceSpans::default(),
        provenance: None,
    }
}

/// A one-sentence document holding the given events.
pub fn document(id: &str, date: u32, events: Vec<NewEvent>) -> NewDocument {
    let text = format!("Sentence of {id}.");
    NewDocument {
        id: id.into(),
        date,
        url: Some(format!("https://example.org/{id}")),
        title: None,
        content_hash: content_hash(&[text.as_bytes(), format!("{events:?}").as_bytes()]),
        sentences: vec![NewSentence {
            start: 0,
            end: text.len() as u32,
            text: text.clone(),
        }],
        text,
        events,
        quotes: vec![],
    }
}

/// A small deterministic pseudo-random generator (xorshift64*), so that a child process
/// and its parent build the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const CODES: &[&str] = &[
    "USA", "USAGOV", "RUS", "RUSGOV", "CHN", "UKR", "UKRMIL", "IGOUNO", "FRA",
];

/// `count` documents with 1–4 sentences, 0–6 events and 0–2 quotes each, all fields
/// filled, deterministic in `seed`.
pub fn corpus(seed: u64, count: usize) -> Vec<NewDocument> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let id = format!("doc-{seed}-{i:05}");
            let date = 20130101 + (rng.below(12) as u32) * 100 + rng.below(28) as u32;
            let n_sentences = 1 + rng.below(4) as usize;
            let mut text = String::new();
            let mut sentences = Vec::new();
            for s in 0..n_sentences {
                let start = text.len() as u32;
                let sentence = format!("Sentence {s} of {id}, about \"relations\". ");
                text.push_str(&sentence);
                sentences.push(NewSentence {
                    start,
                    end: text.len() as u32,
                    text: sentence,
                });
            }
            let events = (0..rng.below(7))
                .map(|_| {
                    let quad = 1 + rng.below(4) as u8;
                    let cameo = ["040", "057", "111", "190"][quad as usize - 1];
                    let mut e = event(
                        CODES[rng.below(CODES.len() as u64) as usize],
                        CODES[rng.below(CODES.len() as u64) as usize],
                        cameo,
                        quad,
                        [1.0, 6.0, -2.0, -10.0][quad as usize - 1],
                        date,
                    );
                    e.sentence = rng.below(n_sentences as u64) as u32;
                    e.source_name = Some("Someone".into());
                    e.place = Some(Place {
                        name: "Geneva".into(),
                        country: Some("CHE".into()),
                        lat: Some(46.2),
                        lon: Some(6.15),
                    });
                    e.tone = Some(-1.5);
                    e.spans.verb = Some((0, 8));
                    e.provenance = Some(serde_json::json!({"verb": "kb/verbs.txt:1: MEET"}));
                    e
                })
                .collect();
            let quotes = (0..rng.below(3))
                .map(|q| NewQuote {
                    speaker: format!("Speaker {q}"),
                    speaker_code: Some("RUSGOV".into()),
                    text: "relations".into(),
                    start: 0,
                    end: 9,
                })
                .collect();
            NewDocument {
                content_hash: content_hash(&[text.as_bytes(), format!("{events:?}").as_bytes()]),
                id,
                date,
                url: None,
                title: Some("A title".into()),
                text,
                sentences,
                events,
                quotes,
            }
        })
        .collect()
}

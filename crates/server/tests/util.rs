//! A temporary store with a small corpus, and servers over it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use detente_dict::Dictionaries;
use detente_server::{Config, IngestSummary, Ingester};
use detente_store::{
    content_hash, Batch, EvidenceSpans, NewDocument, NewEvent, NewQuote, NewSentence, Store,
};

/// A fresh directory under the system's temporary folder, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("detente-server-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temporary directory");
        TempDir(dir)
    }

    pub fn db(&self) -> PathBuf {
        self.0.join("detente.db")
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The built-in knowledge base, loaded once for all tests.
pub fn dictionaries() -> Arc<Dictionaries> {
    static DICT: OnceLock<Arc<Dictionaries>> = OnceLock::new();
    Arc::clone(DICT.get_or_init(|| Arc::new(detente_dict::builtin::load().0)))
}

/// A document whose one sentence is `text`, with events whose source and target are the
/// first occurrences of `source_name` and `target_name` in it.
pub fn document(
    id: &str,
    date: u32,
    text: &str,
    events: &[(&str, &str, &str, &str, &str, u8, f32)],
) -> NewDocument {
    let find = |name: &str| text.find(name).map(|i| (i as u32, (i + name.len()) as u32));
    let events = events
        .iter()
        .map(
            |&(source, source_name, target, target_name, cameo, quad, goldstein)| NewEvent {
                sentence: 0,
                source: source.into(),
                target: target.into(),
                source_name: Some(source_name.into()),
                target_name: Some(target_name.into()),
                cameo: cameo.into(),
                plover: Some(if quad <= 2 { "CONSULT" } else { "ACCUSE" }.into()),
                goldstein: Some(goldstein),
                quad_class: Some(quad),
                date,
                date_precision: "document".into(),
                mentions: 1,
                spans: EvidenceSpans {
                    verb: None,
                    source: find(source_name),
                    target: find(target_name),
                },
                ..NewEvent::default()
            },
        )
        .collect();
    NewDocument {
        id: id.into(),
        date,
        url: Some(format!("https://example.org/{id}")),
        title: Some(format!("Title of {id}")),
        content_hash: content_hash(&[text.as_bytes()]),
        sentences: vec![NewSentence {
            start: 0,
            end: text.len() as u32,
            text: text.into(),
        }],
        text: text.into(),
        events,
        quotes: vec![],
    }
}

/// Twelve months of US–Russia relations over Syria: conflict in the first half of 2013,
/// cooperation in the second; one document about trade; one with a quote.
pub fn corpus() -> Vec<NewDocument> {
    let mut docs = Vec::new();
    for month in 1..=6u32 {
        let date = 20130000 + month * 100 + 10;
        docs.push(document(
            &format!("syria/conflict-{month}"),
            date,
            "Russia accused the United States of arming rebels in Syria.",
            &[("RUS", "Russia", "USA", "the United States", "112", 3, -2.0)],
        ));
    }
    for month in 7..=12u32 {
        let date = 20130000 + month * 100 + 12;
        docs.push(document(
            &format!("syria/talks-{month}"),
            date,
            "Kerry met Lavrov in Geneva to discuss Syria.",
            &[
                ("USAGOV", "Kerry", "RUSGOV", "Lavrov", "040", 1, 1.0),
                ("RUSGOV", "Lavrov", "USAGOV", "Kerry", "040", 1, 1.0),
            ],
        ));
    }
    docs.push(document(
        "trade/1",
        20130415,
        "China praised Japan for lowering tariffs.",
        &[("CHN", "China", "JPN", "Japan", "051", 1, 3.4)],
    ));
    let text = "Lavrov told Kerry: \"We will keep talking about Syria.\"";
    let start = text.find("We").expect("quote") as u32;
    let mut quoted = document(
        "syria/quote",
        20131120,
        text,
        &[("RUSGOV", "Lavrov", "USAGOV", "Kerry", "040", 1, 1.0)],
    );
    quoted.quotes.push(NewQuote {
        speaker: "Sergey Lavrov".into(),
        speaker_code: Some("RUSGOV".into()),
        text: "We will keep talking about Syria.".into(),
        start,
        end: start + 33,
    });
    docs.push(quoted);
    docs
}

/// Stores posted JSON Lines records `{"id", "date": "YYYY-MM-DD", "text"}` as documents
/// without events: what the binary's pipeline does, less the coding, which is not the
/// server's (the binary's tests post through the real pipeline).
pub struct PlainIngester;

impl Ingester for PlainIngester {
    fn ingest(
        &self,
        store: &mut Store,
        jsonl: Vec<u8>,
        name: &str,
    ) -> Result<IngestSummary, String> {
        let mut summary = IngestSummary::default();
        let mut batch = Batch::default();
        let text = String::from_utf8_lossy(&jsonl);
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let record: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    summary.errors.push(format!("{name}:{}: {e}", i + 1));
                    continue;
                }
            };
            let field = |k: &str| record.get(k).and_then(|v| v.as_str()).unwrap_or("");
            let date = detente_server::api::parse_day(field("date"));
            let (id, body) = (field("id"), field("text"));
            match date {
                Some(date) if !id.is_empty() => batch.documents.push(NewDocument {
                    id: id.into(),
                    date,
                    content_hash: content_hash(&[body.as_bytes()]),
                    text: body.into(),
                    ..NewDocument::default()
                }),
                _ => summary
                    .errors
                    .push(format!("{name}:{}: no id or date", i + 1)),
            }
        }
        summary.read = batch.documents.len();
        let report = store.ingest(&batch).map_err(|e| e.to_string())?;
        summary.inserted = report.inserted;
        summary.replaced = report.replaced;
        summary.unchanged = report.unchanged;
        Ok(summary)
    }
}

/// A store holding [`corpus`] in a fresh directory.
pub fn store() -> TempDir {
    let dir = TempDir::new("api");
    let mut store = Store::open(dir.db()).expect("store");
    let report = store
        .ingest(&Batch {
            documents: corpus(),
            actors: vec![],
        })
        .expect("ingest");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    dir
}

/// Starts a server for `config` on a free loopback port, in a thread that lives as long as
/// the test binary; returns its address.
pub fn start(config: Config) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = detente_server::serve("127.0.0.1:0", config, |addr| {
            let _ = tx.send(addr);
        });
        if let Err(e) = result {
            eprintln!("server stopped: {e}");
        }
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the server starts and reports its address")
}

/// A configuration over `db`, with or without a token (and then the [`PlainIngester`]).
pub fn config(db: PathBuf, token: Option<&str>) -> Config {
    Config {
        db,
        token: token.map(str::to_string),
        dictionaries: dictionaries(),
        ingester: token.map(|_| Arc::new(PlainIngester) as Arc<dyn Ingester>),
        date: 20140101,
    }
}

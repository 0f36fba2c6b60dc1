//! `detente export` (JSON Lines, GDELT, PLOVER, Parquet) and `detente import-gdelt`
//! (issue 5, item 3): a GDELT export of the sample articles imported and exported again
//! gives the same rows; bad lines are named and skipped; `timeline` works on imported data.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use detente_doc::gdelt::{GdeltReader, GeoType};
use detente_store::{content_hash, Batch, NewDocument, NewEvent, NewSentence, Place, Store};

/// A fresh temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("detente-exports-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the detente binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "detente failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample.jsonl")
}

/// The GDELT export of the sample articles (`detente code --format gdelt`), imported into a
/// store and exported again, gives the same rows; importing it again (gzipped) stores
/// nothing new; `timeline` and `events` read the imported store.
#[test]
fn gdelt_rows_round_trip_through_the_store() {
    let tmp = TempDir::new("roundtrip");
    let tsv = ok(&detente(&[
        "code",
        "--format",
        "gdelt",
        sample().to_str().unwrap(),
    ]));
    let rows: Vec<_> = GdeltReader::new(tsv.as_bytes(), "sample")
        .map(|r| r.unwrap())
        .collect();
    assert!(rows.len() >= 5, "too few rows to test with:\n{tsv}");
    assert!(
        rows.iter().any(|r| r.action_geo.geo_type.is_some()),
        "no row with a place:\n{tsv}"
    );
    let file = tmp.path("sample.export.CSV");
    std::fs::write(&file, &tsv).unwrap();
    let db = tmp.path("detente.db");

    let out = detente(&["import-gdelt", "--db", &db, &file]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let n = rows.len();
    assert!(
        err.contains(&format!(
            "{n} rows: {n} new, 0 replaced, 0 unchanged; 0 bad"
        )),
        "{err}"
    );

    let back = ok(&detente(&["export", "--db", &db, "--format", "gdelt"]));
    let (expected, got) = (sorted_lines(&tsv), sorted_lines(&back));
    for (e, g) in expected.iter().zip(&got) {
        assert_eq!(g, e, "exported row differs from the imported one");
    }
    assert_eq!(got.len(), expected.len());

    // The same rows again, gzipped, in smaller batches: nothing new.
    let gz = tmp.path("sample.export.CSV.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(tsv.as_bytes()).unwrap();
    enc.finish().unwrap();
    let out = detente(&["import-gdelt", "--db", &db, "--batch", "2", &gz]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{n} rows: 0 new, 0 replaced, {n} unchanged")),
        "{err}"
    );
    assert_eq!(
        Store::open_existing(&db).unwrap().counts().unwrap().events,
        n as u64
    );

    // A dyad of the data: its timeline counts its rows.
    let row = rows
        .iter()
        .find(|r| r.actor1.code.len() >= 3 && r.actor2.code.len() >= 3)
        .expect("a row with two actors");
    let (a, b) = (&row.actor1.code[..3], &row.actor2.code[..3]);
    let timeline = ok(&detente(&[
        "timeline", a, b, "--db", &db, "--by", "month", "--format", "csv",
    ]));
    let counted: usize = timeline
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap().parse::<usize>().unwrap())
        .sum();
    let expected = rows
        .iter()
        .filter(|r| {
            let (s, t) = (&r.actor1.code, &r.actor2.code);
            (s.starts_with(a) && t.starts_with(b)) || (s.starts_with(b) && t.starts_with(a))
        })
        .count();
    assert_eq!(counted, expected, "{timeline}");

    // Imported events read as any others: their sentence says what the row says.
    let events = ok(&detente(&[
        "events", "--db", &db, "--dyad", a, b, "--format", "jsonl",
    ]));
    let first: serde_json::Value = serde_json::from_str(events.lines().next().unwrap()).unwrap();
    let text = first["text"].as_str().unwrap();
    assert!(text.starts_with("GDELT "), "{text}");
}

/// A line that is not a GDELT 2.0 row is reported with its file and line and skipped; the
/// good rows are stored and the exit status is 1. A missing file is named too.
#[test]
fn bad_gdelt_lines_are_named_and_skipped() {
    let tmp = TempDir::new("bad");
    let tsv = ok(&detente(&[
        "code",
        "--format",
        "gdelt",
        sample().to_str().unwrap(),
    ]));
    let good: Vec<&str> = tsv.lines().take(2).collect();
    let gdelt1 = vec!["1"; 57].join("\t");
    let mut bad_day: Vec<&str> = good[1].split('\t').collect();
    bad_day[1] = "20131345";
    let text = format!(
        "{}\nnot a GDELT line\n{gdelt1}\n{}\n{}\n",
        good[0],
        bad_day.join("\t"),
        good[1]
    );
    let file = tmp.path("bad.tsv");
    std::fs::write(&file, text).unwrap();
    let missing = tmp.path("missing.tsv");
    let zip = tmp.path("20150218230000.export.CSV.zip");
    std::fs::write(&zip, b"PK\x03\x04 a zip archive").unwrap();
    let db = tmp.path("detente.db");
    let out = detente(&["import-gdelt", "--db", &db, &file, &missing, &zip]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{file}:2: ")), "{err}");
    assert!(
        err.contains(&format!("{file}:3: ")) && err.contains("GDELT 1.0"),
        "{err}"
    );
    assert!(err.contains(&format!("{file}:4: ")), "{err}");
    assert!(err.contains(&format!("{missing}: cannot open")), "{err}");
    assert!(
        err.contains(&format!("{zip}: a zip archive: unzip it first")),
        "{err}"
    );
    assert!(err.contains("2 rows: 2 new"), "{err}");
    assert_eq!(
        Store::open_existing(&db).unwrap().counts().unwrap().events,
        2
    );
}

/// A store of two documents coded by Détente, one event with a place.
fn coded_store(tmp: &TempDir) -> String {
    let db = tmp.path("detente.db");
    let text = "Lavrov met Kerry in Geneva. Russia accused the United States.".to_string();
    let event = |sentence, source: &str, target: &str, cameo: &str, plover: &str, q, g| NewEvent {
        sentence,
        source: source.into(),
        target: target.into(),
        cameo: cameo.into(),
        plover: Some(plover.into()),
        quad_class: Some(q),
        goldstein: Some(g),
        date: 20130226,
        date_precision: "day".into(),
        mentions: 1,
        ..NewEvent::default()
    };
    let mut consult = event(0, "RUSGOV", "USAGOV", "040", "CONSULT", 1, 1.0);
    consult.source_name = Some("Lavrov".into());
    consult.place = Some(Place {
        name: "Geneva".into(),
        country: Some("CHE".into()),
        lat: Some(46.2044),
        lon: Some(6.1432),
    });
    consult.tone = Some(-0.5);
    let doc = NewDocument {
        id: "geneva".into(),
        date: 20130227,
        url: Some("https://example.org/geneva".into()),
        content_hash: content_hash(&[text.as_bytes()]),
        sentences: vec![
            NewSentence {
                start: 0,
                end: 27,
                text: text[..27].to_string(),
            },
            NewSentence {
                start: 28,
                end: text.len() as u32,
                text: text[28..].to_string(),
            },
        ],
        events: vec![consult, event(1, "RUS", "USA", "112", "ACCUSE", 3, -2.0)],
        text,
        ..NewDocument::default()
    };
    let other = "China and Japan clashed.".to_string();
    let doc2 = NewDocument {
        id: "sea".into(),
        date: 20130301,
        content_hash: content_hash(&[other.as_bytes()]),
        sentences: vec![NewSentence {
            start: 0,
            end: other.len() as u32,
            text: other.clone(),
        }],
        events: vec![NewEvent {
            date: 20130301,
            ..event(0, "CHN", "JPN", "190", "FIGHT", 4, -10.0)
        }],
        text: other,
        ..NewDocument::default()
    };
    let mut store = Store::open(&db).unwrap();
    let report = store
        .ingest(&Batch {
            documents: vec![doc, doc2],
            actors: vec![],
        })
        .unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    db
}

/// Each format writes the filtered events: JSON Lines as `events` does, GDELT rows with
/// the place as ActionGeo, PLOVER records with PLOVER's field names.
#[test]
fn export_writes_each_format_with_filters() {
    let tmp = TempDir::new("formats");
    let db = coded_store(&tmp);
    let dyad = ["--dyad", "RUS", "USA"];
    let args = |format: &'static str| {
        let mut a = vec!["export", "--db", db.as_str(), "--format", format];
        a.extend(dyad);
        a
    };

    let jsonl = ok(&detente(&args("jsonl")));
    let mut events_args = vec!["events", "--db", db.as_str(), "--format", "jsonl"];
    events_args.extend(dyad);
    assert_eq!(jsonl, ok(&detente(&events_args)));
    assert_eq!(jsonl.lines().count(), 2);

    let out = tmp.path("events.tsv");
    let mut gdelt_args = args("gdelt");
    gdelt_args.extend(["--out", out.as_str()]);
    assert_eq!(ok(&detente(&gdelt_args)), "");
    let tsv = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<_> = GdeltReader::new(tsv.as_bytes(), "out")
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    let consult = &rows[0];
    assert_eq!(
        (
            &*consult.actor1.code,
            &*consult.actor1.name,
            &*consult.actor2.code
        ),
        ("RUSGOV", "LAVROV", "USAGOV")
    );
    assert_eq!((&*consult.event_code, consult.quad_class), ("040", Some(1)));
    assert!(consult.is_root_event && !rows[1].is_root_event);
    assert_eq!(consult.action_geo.geo_type, Some(GeoType::WorldCity));
    assert_eq!(consult.action_geo.country_code, "SZ");
    assert_eq!(consult.avg_tone, -0.5);
    assert_eq!(consult.source_url, "https://example.org/geneva");
    assert_eq!(rows[1].action_geo.geo_type, None);
    assert_ne!(consult.global_event_id, rows[1].global_event_id);

    let plover = ok(&detente(&args("plover")));
    let records: Vec<serde_json::Value> = plover
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    let r = &records[0];
    assert_eq!(r["id"], consult.global_event_id.to_string());
    assert_eq!(r["date"], "2013-02-26");
    assert_eq!(r["event"], serde_json::json!(["CONSULT"]));
    assert_eq!(r["actor"][0]["code"], "RUS");
    assert_eq!(r["actor"][0]["sector"], "GOV");
    assert_eq!(r["recipient"][0]["cameo_code"], "USAGOV");
    assert_eq!(r["quad_code"], 1);
    assert_eq!(r["event_scale"], 1.0);
    assert_eq!(r["event_loc"]["resolved_place"], "Geneva");
    assert_eq!(r["event_text"][0], "Lavrov met Kerry in Geneva.");
    assert_eq!(r["cite_info"]["url"], "https://example.org/geneva");
    assert_eq!(records[1]["event"], serde_json::json!(["ACCUSE"]));

    // No filter: all three events, over two days; date filters bound the days.
    let all = ok(&detente(&["export", "--db", &db, "--format", "plover"]));
    assert_eq!(all.lines().count(), 3);
    let count = |from: &str, to: &str| {
        let out = ok(&detente(&[
            "export", "--db", &db, "--format", "gdelt", "--from", from, "--to", to,
        ]));
        out.lines().count()
    };
    assert_eq!(count("2013-02-26", "2013-02-26"), 2);
    assert_eq!(count("2013-02-27", "2013-12-31"), 1);
    assert_eq!(count("2013-02-01", "2013-03-01"), 3);
    assert_eq!(count("2013-03-02", "2013-12-31"), 0);
    let out = detente(&["export", "--db", &db, "--format", "gdelt", "--from", "soon"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from \"soon\" is not a date"));
    let missing = tmp.path("none.db");
    let out = detente(&["export", "--db", &missing, "--format", "jsonl"]);
    assert!(!out.status.success());
    assert!(!Path::new(&missing).exists());
}

/// With the `parquet` feature, `--format parquet` writes a Parquet file (its column values
/// are checked by detente-parquet's own tests); without it, a clear error.
#[test]
fn export_parquet() {
    let tmp = TempDir::new("parquet");
    let db = coded_store(&tmp);
    let out = tmp.path("events.parquet");
    let result = detente(&["export", "--db", &db, "--format", "parquet", "--out", &out]);
    if cfg!(feature = "parquet") {
        ok(&result);
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
        // The footer (not compressed) names the columns and the writer.
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("quad_class") && text.contains("detente "));
    } else {
        assert!(!result.status.success());
        let err = String::from_utf8_lossy(&result.stderr);
        assert!(err.contains("built without Parquet support"), "{err}");
    }
}

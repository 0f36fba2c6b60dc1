//! `detente import-gdelt`: GDELT 2.0 Events files (plain or gzip) into the store, so that
//! `timeline`, `ask`, `events` and `export` work on GDELT data. Reading rows is
//! `detente_doc::gdelt::GdeltReader`'s; storing is `detente_store::Store::ingest`'s; this
//! module maps a row onto a stored document.
//!
//! Each row becomes one document (`gdelt:<GlobalEventID>`, dated by `DATEADDED`, with the
//! row's `SOURCEURL`) holding one event and one line of text that describes it. One document
//! per event keeps the import idempotent whatever files the rows come in: GDELT gives each
//! event one id, and the same row read again has the same content hash, so it is stored once;
//! a row whose columns changed replaces the stored one. The columns the store has no place for
//! go into the event's provenance ([`crate::export::GdeltExtras`]) so that `detente export
//! --format gdelt` writes the row back as it was read.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use detente_dict::codebook::Codebook;
use detente_doc::fips::{Fips, FipsKind};
use detente_doc::gdelt::{GdeltActor, GdeltReader, GdeltRow};
use detente_store::{
    content_hash, Batch, NewActor, NewDocument, NewEvent, NewSentence, Place, Store,
};
use flate2::bufread::MultiGzDecoder;

use crate::export::{ActorColumns, GdeltExtras, GeoColumns};

/// Arguments of `detente import-gdelt`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// GDELT 2.0 Events files (`*.export.CSV`, tab-separated, 61 columns), plain or gzipped.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// The store (created if missing).
    #[arg(long, value_name = "PATH", default_value = detente_store::DEFAULT_PATH)]
    pub db: PathBuf,
    /// Rows written per transaction.
    #[arg(long, value_name = "N", default_value_t = 2048)]
    pub batch: usize,
    /// Print no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// What an import did.
#[derive(Debug, Default)]
struct Totals {
    rows: usize,
    bad: usize,
    inserted: usize,
    replaced: usize,
    unchanged: usize,
}

/// Runs `detente import-gdelt`: exit status 0, or 1 when a line or a file could not be read
/// or a row was refused (each reported on standard error with its file and line).
pub fn run(args: Args) -> Result<ExitCode> {
    let mut store = Store::open(&args.db)?;
    let importer = Importer::new(Codebook::builtin(), Fips::builtin());
    let batch_size = args.batch.max(1);
    let mut totals = Totals::default();
    for path in &args.files {
        let name = path.display().to_string();
        let reader = match open(path) {
            Ok(reader) => reader,
            Err(e) => {
                eprintln!("detente: {name}: {e:#}");
                totals.bad += 1;
                continue;
            }
        };
        let mut batch = Batch::default();
        for item in GdeltReader::new(reader, &name) {
            let row = match item {
                Ok(row) => row,
                Err(e) => {
                    eprintln!("detente: {e}");
                    totals.bad += 1;
                    continue;
                }
            };
            totals.rows += 1;
            match importer.document(&row) {
                Ok((doc, actors)) => {
                    batch.documents.push(doc);
                    batch.actors.extend(actors);
                }
                Err(message) => {
                    eprintln!(
                        "detente: {name}: GlobalEventID {}: {message}",
                        row.global_event_id
                    );
                    totals.bad += 1;
                }
            }
            if batch.documents.len() >= batch_size {
                flush(&mut store, &mut batch, &name, &mut totals)?;
            }
        }
        flush(&mut store, &mut batch, &name, &mut totals)?;
    }
    if !args.quiet {
        eprintln!(
            "{} rows: {} new, {} replaced, {} unchanged; {} bad lines or rows",
            totals.rows, totals.inserted, totals.replaced, totals.unchanged, totals.bad
        );
    }
    Ok(if totals.bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes and empties `batch`, adding to `totals` and reporting refused rows.
fn flush(store: &mut Store, batch: &mut Batch, file: &str, totals: &mut Totals) -> Result<()> {
    if batch.documents.is_empty() {
        return Ok(());
    }
    let report = store.ingest(batch)?;
    totals.inserted += report.inserted;
    totals.replaced += report.replaced;
    totals.unchanged += report.unchanged;
    for r in &report.rejected {
        // The document id is `gdelt:<GlobalEventID>`, which names the row.
        eprintln!("detente: {file}: {}: {}: {}", r.doc_id, r.record, r.message);
        totals.bad += 1;
    }
    *batch = Batch::default();
    Ok(())
}

/// Opens a file, un-gzipping it when its first bytes are gzip's magic; refuses a zip archive
/// (the form GDELT publishes) with advice.
fn open(path: &PathBuf) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).context("cannot open")?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = reader.fill_buf().context("cannot read")?;
    if head.starts_with(b"PK\x03\x04") {
        anyhow::bail!("a zip archive: unzip it first (GDELT publishes its files zipped)");
    }
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    Ok(if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            Box::new(MultiGzDecoder::new(reader)) as Box<dyn Read>,
        ))
    } else {
        Box::new(reader)
    })
}

/// Maps GDELT rows onto the store's documents.
pub struct Importer<'a> {
    codebook: &'a Codebook,
    /// FIPS 10-4 country code → ISO 3166-1 alpha-3 (the store's place countries are ISO).
    iso3: HashMap<&'a str, &'a str>,
}

impl<'a> Importer<'a> {
    /// An importer that takes PLOVER types from `codebook` and ISO codes from `fips`.
    pub fn new(codebook: &'a Codebook, fips: &'a Fips) -> Importer<'a> {
        let mut iso3 = HashMap::new();
        // A FIPS code of its own first; a `place` row (Gaza `GZ` → PSE) for codes left.
        for pass in [true, false] {
            for e in fips.entries() {
                if (e.kind == FipsKind::Own) == pass {
                    iso3.entry(&*e.fips).or_insert(&*e.iso3);
                }
            }
        }
        Importer { codebook, iso3 }
    }

    /// The stored document of one row, with the names of its actors; an error message when
    /// the row cannot be stored (no event code).
    pub fn document(&self, row: &GdeltRow) -> Result<(NewDocument, Vec<NewActor>), String> {
        let cameo = row.event_code.trim();
        if cameo.is_empty() {
            return Err("no EventCode".into());
        }
        let added = (row.date_added / 1_000_000) as u32;
        let date = if crate::parse_date(&added.to_string()).is_some() {
            added
        } else {
            row.day
        };
        let entry = self.codebook.classify(cameo);
        let geo = &row.action_geo;
        let place = geo.geo_type.map(|_| Place {
            name: geo.full_name.clone(),
            country: self
                .iso3
                .get(geo.country_code.as_str())
                .map(|c| c.to_string()),
            lat: geo.lat,
            lon: geo.long,
        });
        let name = |a: &GdeltActor| Some(a.name.clone()).filter(|n| !n.is_empty());
        let text = describe(row, entry.map(|e| &*e.name));
        let extras = GdeltExtras {
            global_event_id: row.global_event_id,
            fraction_date: row.fraction_date,
            is_root_event: row.is_root_event,
            event_base_code: row.event_base_code.clone(),
            event_root_code: row.event_root_code.clone(),
            num_sources: row.num_sources,
            num_articles: row.num_articles,
            avg_tone: row.avg_tone,
            actor1: ActorColumns::of(&row.actor1),
            actor2: ActorColumns::of(&row.actor2),
            actor1_geo: GeoColumns::of(&row.actor1_geo),
            actor2_geo: GeoColumns::of(&row.actor2_geo),
            action_geo: GeoColumns::of(&row.action_geo),
            date_added: row.date_added,
        };
        let provenance = serde_json::json!({ "gdelt": extras });
        let event = NewEvent {
            sentence: 0,
            source: row.actor1.code.clone(),
            target: row.actor2.code.clone(),
            source_name: name(&row.actor1),
            target_name: name(&row.actor2),
            cameo: cameo.to_string(),
            plover: entry.and_then(|e| e.plover.as_deref()).map(str::to_string),
            // GDELT's own scores, as the file has them; the codebook's when it has none.
            goldstein: row.goldstein_scale.or(entry.map(|e| e.goldstein)),
            quad_class: row.quad_class.or(entry.map(|e| e.quad_class)),
            date: row.day,
            date_precision: "day".into(),
            place,
            tone: Some(row.avg_tone as f32),
            mentions: row.num_mentions,
            provenance: Some(provenance),
            ..NewEvent::default()
        };
        let actors = [&row.actor1, &row.actor2]
            .into_iter()
            .filter(|a| !a.code.is_empty() && !a.name.is_empty())
            .map(|a| NewActor {
                code: a.code.clone(),
                name: a.name.clone(),
            })
            .collect();
        let tsv = row.to_tsv();
        let doc = NewDocument {
            id: format!("gdelt:{}", row.global_event_id),
            date,
            url: Some(row.source_url.clone()).filter(|u| !u.is_empty()),
            title: None,
            content_hash: content_hash(&[b"detente import-gdelt 1", tsv.as_bytes()]),
            sentences: vec![NewSentence {
                start: 0,
                end: text.len() as u32,
                text: text.clone(),
            }],
            events: vec![event],
            quotes: Vec::new(),
            text,
        };
        Ok((doc, actors))
    }
}

/// The one line of text of an imported row, for the evidence that `ask` and `events` show
/// and for `--topic`: who did what to whom, where, by its codes and names.
/// `GDELT 410412568: UNITED STATES (USAGOV) → RUSSIA (RUS): 042 Make a visit; in Moscow,
/// Russia.`
fn describe(row: &GdeltRow, cameo_name: Option<&str>) -> String {
    let actor = |a: &GdeltActor| match (a.name.is_empty(), a.code.is_empty()) {
        (false, false) => format!("{} ({})", a.name, a.code),
        (false, true) => a.name.clone(),
        (true, false) => a.code.clone(),
        (true, true) => "(no actor)".into(),
    };
    let mut text = format!("GDELT {}: {}", row.global_event_id, actor(&row.actor1));
    if !(row.actor2.code.is_empty() && row.actor2.name.is_empty()) {
        text.push_str(&format!(" → {}", actor(&row.actor2)));
    }
    text.push_str(&format!(": {}", row.event_code.trim()));
    if let Some(name) = cameo_name {
        text.push(' ');
        text.push_str(name);
    }
    if row.action_geo.geo_type.is_some() && !row.action_geo.full_name.is_empty() {
        text.push_str(&format!("; in {}", row.action_geo.full_name));
    }
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_doc::gdelt::{GdeltGeo, GeoType};

    fn row() -> GdeltRow {
        let fips = Fips::builtin();
        GdeltRow {
            global_event_id: 410412568,
            day: 20130301,
            month_year: 201303,
            year: 2013,
            fraction_date: 2013.1671,
            actor1: GdeltActor::from_code("USAGOV", "United States", fips),
            actor2: GdeltActor::from_code("RUS", "Russia", fips),
            is_root_event: true,
            event_code: "042".into(),
            event_base_code: "042".into(),
            event_root_code: "04".into(),
            quad_class: Some(1),
            goldstein_scale: Some(1.9),
            num_mentions: 4,
            num_sources: 1,
            num_articles: 4,
            avg_tone: -2.123456789,
            action_geo: GdeltGeo {
                geo_type: Some(GeoType::WorldCity),
                full_name: "Moscow, Russia".into(),
                country_code: "RS".into(),
                lat: Some(55.7522),
                long: Some(37.6156),
                ..GdeltGeo::default()
            },
            date_added: 20130302120000,
            source_url: "https://example.org/visit".into(),
            ..GdeltRow::default()
        }
    }

    #[test]
    fn a_row_becomes_one_document_with_one_event() {
        let importer = Importer::new(Codebook::builtin(), Fips::builtin());
        let (doc, actors) = importer.document(&row()).unwrap();
        assert_eq!(doc.id, "gdelt:410412568");
        assert_eq!(doc.date, 20130302);
        assert_eq!(doc.url.as_deref(), Some("https://example.org/visit"));
        assert_eq!(
            doc.text,
            "GDELT 410412568: UNITED STATES (USAGOV) → RUSSIA (RUS): 042 Make a visit; \
             in Moscow, Russia."
        );
        assert_eq!(doc.sentences[0].end as usize, doc.text.len());
        let e = &doc.events[0];
        assert_eq!(
            (&*e.source, &*e.target, &*e.cameo),
            ("USAGOV", "RUS", "042")
        );
        assert_eq!(e.plover.as_deref(), Some("CONSULT"));
        assert_eq!(
            (e.goldstein, e.quad_class, e.mentions),
            (Some(1.9), Some(1), 4)
        );
        assert_eq!(e.date, 20130301);
        let place = e.place.as_ref().unwrap();
        assert_eq!(place.country.as_deref(), Some("RUS"));
        assert_eq!((place.lat, place.lon), (Some(55.7522), Some(37.6156)));
        let extras: GdeltExtras =
            serde_json::from_value(e.provenance.as_ref().unwrap()["gdelt"].clone()).unwrap();
        assert_eq!(extras.avg_tone, -2.123456789);
        assert_eq!(extras.date_added, 20130302120000);
        assert_eq!(actors.len(), 2);
        assert_eq!(actors[0].name, "UNITED STATES");
    }

    #[test]
    fn the_same_row_hashes_alike_and_a_changed_one_does_not() {
        let importer = Importer::new(Codebook::builtin(), Fips::builtin());
        let a = importer.document(&row()).unwrap().0;
        let b = importer.document(&row()).unwrap().0;
        assert_eq!(a.content_hash, b.content_hash);
        let mut changed = row();
        changed.num_mentions = 5;
        let c = importer.document(&changed).unwrap().0;
        assert_eq!(a.id, c.id);
        assert_ne!(a.content_hash, c.content_hash);
    }

    #[test]
    fn a_row_without_event_code_is_refused() {
        let importer = Importer::new(Codebook::builtin(), Fips::builtin());
        let mut r = row();
        r.event_code = String::new();
        assert_eq!(importer.document(&r).unwrap_err(), "no EventCode");
    }
}

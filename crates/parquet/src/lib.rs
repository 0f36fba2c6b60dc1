//! `detente-parquet` owns the Parquet export of stored events: the Arrow schema ([`schema`]),
//! one typed row per [`StoredEvent`] ([`record_batch`]) and the file writer
//! ([`EventWriter`], [`write_events`]). Querying the store belongs to `detente-store`; choosing the events and
//! the output file to the `detente` binary (`detente export --format parquet`).
//!
//! It is a crate of its own because arrow-rs and parquet take minutes to build on a small
//! machine: the binary uses it behind its `parquet` feature (on by default), so that
//! `cargo build --no-default-features` skips it.
//!
//! # The file
//! One row per event, columns in the order of [`COLUMNS`], typed: `date` is a `Date32` (days
//! since 1970-01-01, a SQL `DATE`), `goldstein` a `Float32`, `tone`, `lat` and `lon`
//! `Float64`, `quad_class` a `UInt8`, `sentence` and `mentions` `UInt32`; missing values are
//! nulls (an event without a target has a null `target`). `provenance` is the JSON text the
//! store holds. Row groups are Snappy-compressed. DuckDB reads it as a table
//! (`SELECT * FROM 'events.parquet'`), Spark with `spark.read.parquet("events.parquet")`,
//! BigQuery with `bq load --source_format=PARQUET`.
//!
//! ```
//! use detente_store::{EvidenceSpans, StoredEvent};
//!
//! let event = StoredEvent {
//!     id: "a1".into(), sentence: 0, date: 20130227, date_precision: "document".into(),
//!     source: "RUS".into(), target: "USA".into(), source_name: None, target_name: None,
//!     cameo: "112".into(), plover: Some("ACCUSE".into()), goldstein: Some(-2.0),
//!     quad_class: Some(3), place: None, tone: None, mentions: 1,
//!     spans: EvidenceSpans::default(), text: "Russia accused the United States.".into(),
//!     url: None, provenance: None,
//! };
//! let mut bytes = Vec::new();
//! detente_parquet::write_events(&mut bytes, &[event])?;
//! assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
//! # Ok::<(), detente_parquet::Error>(())
//! ```
#![deny(missing_docs)]

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float32Builder, Float64Builder, StringBuilder, UInt32Builder, UInt8Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use detente_store::StoredEvent;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;

/// What can go wrong writing a Parquet file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Arrow refused the arrays (a bug: the schema and the builders disagree).
    #[error("building the Arrow table: {0}")]
    Arrow(#[from] ArrowError),
    /// The Parquet writer failed (most often: the output could not be written).
    #[error("writing Parquet: {0}")]
    Parquet(#[from] ParquetError),
    /// An event's date is not a valid `YYYYMMDD` date.
    #[error("event {index} (document {id:?}): date {date} is not a valid YYYYMMDD date")]
    Date {
        /// Position of the event in the input.
        index: usize,
        /// Its document.
        id: String,
        /// The date found.
        date: u32,
    },
}

/// Rows per row group (and per Arrow batch): large enough for good compression and fast
/// scans, small enough that writing a store holds little beyond the events themselves.
pub const ROWS_PER_GROUP: usize = 64 * 1024;

/// The columns of the file, in order, with their types and whether they may be null.
pub const COLUMNS: &[(&str, ColumnType, bool)] = &[
    ("id", ColumnType::Utf8, false),
    ("sentence", ColumnType::UInt32, false),
    ("date", ColumnType::Date32, false),
    ("date_precision", ColumnType::Utf8, false),
    ("source", ColumnType::Utf8, true),
    ("source_name", ColumnType::Utf8, true),
    ("target", ColumnType::Utf8, true),
    ("target_name", ColumnType::Utf8, true),
    ("cameo", ColumnType::Utf8, false),
    ("plover", ColumnType::Utf8, true),
    ("goldstein", ColumnType::Float32, true),
    ("quad_class", ColumnType::UInt8, true),
    ("place", ColumnType::Utf8, true),
    ("place_country", ColumnType::Utf8, true),
    ("lat", ColumnType::Float64, true),
    ("lon", ColumnType::Float64, true),
    ("tone", ColumnType::Float64, true),
    ("mentions", ColumnType::UInt32, false),
    ("url", ColumnType::Utf8, true),
    ("text", ColumnType::Utf8, false),
    ("provenance", ColumnType::Utf8, true),
];

/// The Arrow types the file uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Utf8,
    /// Unsigned 8-bit integer.
    UInt8,
    /// Unsigned 32-bit integer.
    UInt32,
    /// 32-bit float.
    Float32,
    /// 64-bit float.
    Float64,
    /// Days since 1970-01-01.
    Date32,
}

impl ColumnType {
    fn data_type(self) -> DataType {
        match self {
            ColumnType::Utf8 => DataType::Utf8,
            ColumnType::UInt8 => DataType::UInt8,
            ColumnType::UInt32 => DataType::UInt32,
            ColumnType::Float32 => DataType::Float32,
            ColumnType::Float64 => DataType::Float64,
            ColumnType::Date32 => DataType::Date32,
        }
    }
}

/// The Arrow schema of [`COLUMNS`].
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(
        COLUMNS
            .iter()
            .map(|&(name, ty, nullable)| Field::new(name, ty.data_type(), nullable))
            .collect::<Vec<_>>(),
    ))
}

/// Days from 1970-01-01 to a `YYYYMMDD` date of the proleptic Gregorian calendar; `None` when
/// the date is not valid.
pub fn days_since_epoch(date: u32) -> Option<i32> {
    let (year, month, day) = (date / 10_000, date / 100 % 100, date % 100);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=9999).contains(&year) || day == 0 || day > month_days {
        return None;
    }
    // Howard Hinnant's days_from_civil, with March as the first month of the year.
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// One Arrow batch of `events`, with the schema [`schema`]. `first` is the position of
/// `events[0]` in the whole export, for error messages.
pub fn record_batch(events: &[StoredEvent], first: usize) -> Result<RecordBatch, Error> {
    let n = events.len();
    let text = || StringBuilder::with_capacity(n, n * 8);
    let (mut id, mut precision, mut source, mut source_name) = (text(), text(), text(), text());
    let (mut target, mut target_name, mut cameo, mut plover) = (text(), text(), text(), text());
    let (mut place, mut country, mut url, mut sentence_text) = (text(), text(), text(), text());
    let mut provenance = text();
    let mut sentence = UInt32Builder::with_capacity(n);
    let mut mentions = UInt32Builder::with_capacity(n);
    let mut date = Date32Builder::with_capacity(n);
    let mut goldstein = Float32Builder::with_capacity(n);
    let mut quad = UInt8Builder::with_capacity(n);
    let (mut lat, mut lon, mut tone) = (
        Float64Builder::with_capacity(n),
        Float64Builder::with_capacity(n),
        Float64Builder::with_capacity(n),
    );
    let non_empty = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    for (i, e) in events.iter().enumerate() {
        let days = days_since_epoch(e.date).ok_or_else(|| Error::Date {
            index: first + i,
            id: e.id.clone(),
            date: e.date,
        })?;
        let p = e.place.as_ref();
        id.append_value(&e.id);
        sentence.append_value(e.sentence);
        date.append_value(days);
        precision.append_value(&e.date_precision);
        source.append_option(non_empty(&e.source));
        source_name.append_option(e.source_name.as_deref());
        target.append_option(non_empty(&e.target));
        target_name.append_option(e.target_name.as_deref());
        cameo.append_value(&e.cameo);
        plover.append_option(e.plover.as_deref());
        // Goldstein scores are f32 in the codebook; the store widened them to f64.
        goldstein.append_option(e.goldstein.map(|g| g as f32));
        quad.append_option(e.quad_class);
        place.append_option(p.map(|p| p.name.as_str()));
        country.append_option(p.and_then(|p| p.country.as_deref()));
        lat.append_option(p.and_then(|p| p.lat));
        lon.append_option(p.and_then(|p| p.lon));
        tone.append_option(e.tone);
        mentions.append_value(e.mentions);
        url.append_option(e.url.as_deref());
        sentence_text.append_value(&e.text);
        provenance.append_option(e.provenance.as_ref().map(|v| v.to_string()));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(sentence.finish()),
        Arc::new(date.finish()),
        Arc::new(precision.finish()),
        Arc::new(source.finish()),
        Arc::new(source_name.finish()),
        Arc::new(target.finish()),
        Arc::new(target_name.finish()),
        Arc::new(cameo.finish()),
        Arc::new(plover.finish()),
        Arc::new(goldstein.finish()),
        Arc::new(quad.finish()),
        Arc::new(place.finish()),
        Arc::new(country.finish()),
        Arc::new(lat.finish()),
        Arc::new(lon.finish()),
        Arc::new(tone.finish()),
        Arc::new(mentions.finish()),
        Arc::new(url.finish()),
        Arc::new(sentence_text.finish()),
        Arc::new(provenance.finish()),
    ];
    Ok(RecordBatch::try_new(schema(), columns)?)
}

/// Writes events to a Parquet file batch after batch (see the [crate documentation](crate)):
/// rows are gathered into row groups of [`ROWS_PER_GROUP`] whatever the batches' sizes, so a
/// caller can stream a large store through it a day at a time.
pub struct EventWriter<W: Write + Send> {
    writer: ArrowWriter<W>,
    written: usize,
}

impl<W: Write + Send> EventWriter<W> {
    /// A writer to `out`; the file's header is written now.
    pub fn new(out: W) -> Result<EventWriter<W>, Error> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_size(ROWS_PER_GROUP)
            .set_created_by(format!("detente {}", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(EventWriter {
            writer: ArrowWriter::try_new(out, schema(), Some(props))?,
            written: 0,
        })
    }

    /// Adds `events` to the file.
    pub fn write(&mut self, events: &[StoredEvent]) -> Result<(), Error> {
        for chunk in events.chunks(ROWS_PER_GROUP) {
            self.writer.write(&record_batch(chunk, self.written)?)?;
            self.written += chunk.len();
        }
        Ok(())
    }

    /// Writes the last row group and the footer; without it the file is not readable.
    /// Returns the number of rows written.
    pub fn finish(self) -> Result<usize, Error> {
        self.writer.close()?;
        Ok(self.written)
    }
}

/// Writes `events` as a Parquet file to `out` (see the [crate documentation](crate)), in row
/// groups of [`ROWS_PER_GROUP`]. Nothing is written past the first error; `out` may then
/// hold a partial file.
pub fn write_events<W: Write + Send>(out: W, events: &[StoredEvent]) -> Result<(), Error> {
    let mut writer = EventWriter::new(out)?;
    writer.write(events)?;
    writer.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float32Type, Float64Type, UInt32Type, UInt8Type};
    use arrow_array::Array;
    use detente_store::{EvidenceSpans, Place};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn events() -> Vec<StoredEvent> {
        let base = StoredEvent {
            id: "geneva".into(),
            sentence: 0,
            date: 20130227,
            date_precision: "document".into(),
            source: "RUSGOV".into(),
            target: "USA".into(),
            source_name: Some("Sergey Lavrov".into()),
            target_name: None,
            cameo: "040".into(),
            plover: Some("CONSULT".into()),
            goldstein: Some(1.0),
            quad_class: Some(1),
            place: Some(Place {
                name: "Geneva".into(),
                country: Some("CHE".into()),
                lat: Some(46.2044),
                lon: Some(6.1432),
            }),
            tone: Some(-1.25),
            mentions: 2,
            spans: EvidenceSpans::default(),
            text: "Lavrov met Kerry in Geneva.".into(),
            url: Some("https://example.org/geneva".into()),
            provenance: Some(serde_json::json!({"verb": "x"})),
        };
        let second = StoredEvent {
            id: "syria".into(),
            sentence: 3,
            date: 19700101,
            date_precision: "day".into(),
            source: "SYRREB".into(),
            target: String::new(),
            source_name: None,
            target_name: None,
            cameo: "190".into(),
            plover: None,
            goldstein: Some(-10.0),
            quad_class: Some(4),
            place: None,
            tone: None,
            mentions: 1,
            spans: EvidenceSpans::default(),
            text: "Rebels fought.".into(),
            url: None,
            provenance: None,
        };
        vec![base, second]
    }

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(days_since_epoch(19700101), Some(0));
        assert_eq!(days_since_epoch(19700102), Some(1));
        assert_eq!(days_since_epoch(19691231), Some(-1));
        assert_eq!(days_since_epoch(20000301), Some(11_017));
        assert_eq!(days_since_epoch(20130227), Some(15_763));
        assert_eq!(days_since_epoch(20130229), None);
        assert_eq!(days_since_epoch(20131301), None);
        assert_eq!(days_since_epoch(0), None);
    }

    #[test]
    fn a_file_reads_back_column_by_column() {
        let events = events();
        let path = std::env::temp_dir().join(format!(
            "detente-parquet-test-{}.parquet",
            std::process::id()
        ));
        // Two batches make one row group.
        let mut writer = EventWriter::new(std::fs::File::create(&path).unwrap()).unwrap();
        writer.write(&events[..1]).unwrap();
        writer.write(&events[1..]).unwrap();
        assert_eq!(writer.finish().unwrap(), 2);
        let file = std::fs::File::open(&path).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        assert_eq!(batches.len(), 1);
        let b = &batches[0];
        assert_eq!(b.schema(), schema());
        assert_eq!(b.num_rows(), 2);
        let text = |name: &str| -> Vec<Option<String>> {
            let col = b.column_by_name(name).unwrap().as_string::<i32>();
            (0..col.len())
                .map(|i| col.is_valid(i).then(|| col.value(i).to_string()))
                .collect()
        };
        let s = |v: &str| Some(v.to_string());
        assert_eq!(text("id"), [s("geneva"), s("syria")]);
        assert_eq!(text("date_precision"), [s("document"), s("day")]);
        assert_eq!(text("source"), [s("RUSGOV"), s("SYRREB")]);
        assert_eq!(text("source_name"), [s("Sergey Lavrov"), None]);
        assert_eq!(text("target"), [s("USA"), None]);
        assert_eq!(text("target_name"), [None, None]);
        assert_eq!(text("cameo"), [s("040"), s("190")]);
        assert_eq!(text("plover"), [s("CONSULT"), None]);
        assert_eq!(text("place"), [s("Geneva"), None]);
        assert_eq!(text("place_country"), [s("CHE"), None]);
        assert_eq!(text("url"), [s("https://example.org/geneva"), None]);
        assert_eq!(
            text("text"),
            [s("Lavrov met Kerry in Geneva."), s("Rebels fought.")]
        );
        assert_eq!(text("provenance"), [s(r#"{"verb":"x"}"#), None]);
        let col = |name: &str| b.column_by_name(name).unwrap().clone();
        let sentence = col("sentence");
        let sentence = sentence.as_primitive::<UInt32Type>();
        assert_eq!(sentence.values(), &[0, 3]);
        let date = col("date");
        assert_eq!(date.as_primitive::<Date32Type>().values(), &[15_763, 0]);
        let goldstein = col("goldstein");
        assert_eq!(
            goldstein.as_primitive::<Float32Type>().values(),
            &[1.0, -10.0]
        );
        let quad = col("quad_class");
        assert_eq!(quad.as_primitive::<UInt8Type>().values(), &[1, 4]);
        let mentions = col("mentions");
        assert_eq!(mentions.as_primitive::<UInt32Type>().values(), &[2, 1]);
        for (name, first) in [("lat", 46.2044), ("lon", 6.1432), ("tone", -1.25)] {
            let c = col(name);
            let c = c.as_primitive::<Float64Type>();
            assert_eq!((c.value(0), c.is_null(1)), (first, true), "{name}");
        }
    }

    #[test]
    fn a_bad_date_names_the_event() {
        let mut events = events();
        events[1].date = 20130230;
        let err = write_events(Vec::new(), &events).unwrap_err();
        assert_eq!(
            err.to_string(),
            "event 1 (document \"syria\"): date 20130230 is not a valid YYYYMMDD date"
        );
    }
}

//! `detente export`: stored events, chosen with the filters of `detente events`, written as
//! JSON Lines (the store's writer), GDELT 2.0 Events rows, PLOVER JSON Lines or Parquet
//! (`detente-parquet`, behind the `parquet` feature). This module maps a [`StoredEvent`] onto
//! a GDELT row and a PLOVER record; the formats' writers are the libraries'.
//!
//! Events imported by `detente import-gdelt` carry the columns the store has no place for
//! (GlobalEventID, the actor and place columns as GDELT split them, DATEADDED...) in their
//! provenance ([`GdeltExtras`]), so they are written back as the rows they were read from.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use detente_dict::codebook::Codebook;
use detente_dict::gazetteer::Gazetteer;
use detente_doc::fips::Fips;
use detente_doc::gdelt::{self, GdeltActor, GdeltGeo, GdeltRow, GeoType};
use detente_store::{EventFilter, Store, StoredEvent};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Output format of `detente export`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object a line, as `detente events --format jsonl`.
    Jsonl,
    /// GDELT 2.0 Events rows: 61 tab-separated columns, no header.
    Gdelt,
    /// PLOVER JSON Lines: one event a line with PLOVER's field names.
    Plover,
    /// Apache Parquet, one typed row per event (needs the `parquet` feature).
    Parquet,
}

/// Arguments of `detente export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The store.
    #[arg(long, value_name = "PATH", default_value = detente_store::DEFAULT_PATH)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (standard output when absent; Parquet is not written to a terminal).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filters: crate::store_cmds::FilterArgs,
}

impl Args {
    fn filter(&self) -> Result<EventFilter> {
        self.filters.filter(None)
    }
}

/// Runs `detente export`.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.format == ExportFormat::Parquet && !cfg!(feature = "parquet") {
        bail!(
            "--format parquet: this detente was built without Parquet support (the `parquet` \
             feature); build it with default features to write Parquet"
        );
    }
    let filter = args.filter()?;
    let store = Store::open_existing(&args.db)?;
    let sink: Box<dyn Write + Send> = match &args.out {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => {
            if args.format == ExportFormat::Parquet && std::io::stdout().is_terminal() {
                bail!("--format parquet writes a binary file: give --out FILE or redirect");
            }
            Box::new(std::io::stdout())
        }
    };
    let name = args.out.as_ref().map_or_else(
        || "standard output".to_string(),
        |p| p.display().to_string(),
    );
    let mut writer = Writer::new(args.format, BufWriter::new(sink))?;
    for_each_day(&store, &filter, |events| {
        writer
            .write(events)
            .with_context(|| format!("writing {name}"))
    })?;
    writer.finish().with_context(|| format!("writing {name}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Calls `write` with the events that `filter` chooses, one day of them at a time, in the
/// order of [`Store::events`] (date, then storage order), so that exporting a large store
/// holds one day's events in memory rather than all of them. Each step asks the store for
/// the first matching event on or after the day reached, then for that day's events: two
/// indexed queries per day that has events, none for empty days.
pub fn for_each_day(
    store: &Store,
    filter: &EventFilter,
    mut write: impl FnMut(&[StoredEvent]) -> Result<()>,
) -> Result<()> {
    let mut from = filter.from;
    loop {
        let probe = store.events(&EventFilter {
            from,
            limit: Some(1),
            ..filter.clone()
        })?;
        let Some(day) = probe.first().map(|e| e.date) else {
            return Ok(());
        };
        let events = store.events(&EventFilter {
            from: Some(day),
            to: Some(day),
            limit: None,
            ..filter.clone()
        })?;
        write(&events)?;
        match next_day(day) {
            Some(next) if filter.to.is_none_or(|to| next <= to) => from = Some(next),
            _ => return Ok(()),
        }
    }
}

/// The day after a valid `YYYYMMDD` date; `None` after 9999-12-31.
fn next_day(date: u32) -> Option<u32> {
    let (year, month, day) = (date / 10_000, date / 100 % 100, date % 100);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let last = match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    };
    if day < last {
        Some(date + 1)
    } else if month < 12 {
        Some(year * 10_000 + (month + 1) * 100 + 1)
    } else if year < 9999 {
        Some((year + 1) * 10_000 + 101)
    } else {
        None
    }
}

/// The output of one format, written batch after batch.
enum Writer<W: Write + Send> {
    /// JSON Lines, GDELT rows and PLOVER records: one line an event.
    Lines(LineFormat, W),
    /// Parquet, whose footer is written at the end.
    #[cfg(feature = "parquet")]
    Parquet(Box<detente_parquet::EventWriter<W>>),
}

impl<W: Write + Send> Writer<W> {
    fn new(format: ExportFormat, out: W) -> Result<Writer<W>> {
        match format {
            #[cfg(feature = "parquet")]
            ExportFormat::Parquet => Ok(Writer::Parquet(Box::new(
                detente_parquet::EventWriter::new(out)?,
            ))),
            #[cfg(not(feature = "parquet"))]
            ExportFormat::Parquet => {
                bail!("this detente was built without Parquet support (the `parquet` feature)")
            }
            ExportFormat::Jsonl => Ok(Writer::Lines(LineFormat::Jsonl, out)),
            ExportFormat::Gdelt => Ok(Writer::Lines(LineFormat::Gdelt, out)),
            ExportFormat::Plover => Ok(Writer::Lines(LineFormat::Plover, out)),
        }
    }

    fn write(&mut self, events: &[StoredEvent]) -> Result<()> {
        match self {
            Writer::Lines(format, out) => write_lines(out, *format, events),
            #[cfg(feature = "parquet")]
            Writer::Parquet(writer) => Ok(writer.write(events)?),
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Writer::Lines(_, mut out) => Ok(out.flush()?),
            #[cfg(feature = "parquet")]
            Writer::Parquet(writer) => {
                writer.finish()?;
                Ok(())
            }
        }
    }
}

/// The formats written one line an event.
#[derive(Clone, Copy, Debug)]
enum LineFormat {
    Jsonl,
    Gdelt,
    Plover,
}

fn write_lines(out: &mut dyn Write, format: LineFormat, events: &[StoredEvent]) -> Result<()> {
    match format {
        LineFormat::Gdelt => {
            let (fips, gazetteer) = (Fips::builtin(), Gazetteer::builtin());
            for event in events {
                out.write_all(gdelt_row(event, fips, gazetteer).to_tsv().as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        LineFormat::Plover => {
            let (codebook, fips) = (Codebook::builtin(), Fips::builtin());
            for event in events {
                serde_json::to_writer(&mut *out, &plover_record(event, codebook, fips))?;
                out.write_all(b"\n")?;
            }
        }
        LineFormat::Jsonl => detente_store::export::events_jsonl(out, events)?,
    }
    Ok(())
}

/// The GDELT columns of an imported row that the store's own columns do not hold, kept in
/// the event's provenance under `"gdelt"` by `detente import-gdelt`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GdeltExtras {
    /// `GlobalEventID`.
    pub global_event_id: u64,
    /// `FractionDate` as the file had it.
    #[serde(with = "exact")]
    pub fraction_date: f64,
    /// `IsRootEvent`.
    pub is_root_event: bool,
    /// `EventBaseCode`.
    pub event_base_code: String,
    /// `EventRootCode`.
    pub event_root_code: String,
    /// `NumSources`.
    pub num_sources: u32,
    /// `NumArticles`.
    pub num_articles: u32,
    /// `AvgTone` at full precision (the store keeps tone as a 32-bit float).
    #[serde(with = "exact")]
    pub avg_tone: f64,
    /// `Actor1`'s columns after its code and name, as GDELT split the code.
    pub actor1: ActorColumns,
    /// `Actor2`'s columns after its code and name.
    pub actor2: ActorColumns,
    /// `Actor1Geo_*`.
    pub actor1_geo: GeoColumns,
    /// `Actor2Geo_*`.
    pub actor2_geo: GeoColumns,
    /// `ActionGeo_*`.
    pub action_geo: GeoColumns,
    /// `DATEADDED`.
    pub date_added: u64,
}

/// An actor's eight columns after its code and name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorColumns {
    country: String,
    known_group: String,
    ethnic: String,
    religion1: String,
    religion2: String,
    type1: String,
    type2: String,
    type3: String,
}

impl ActorColumns {
    /// The columns of `actor`.
    pub fn of(actor: &GdeltActor) -> ActorColumns {
        ActorColumns {
            country: actor.country_code.clone(),
            known_group: actor.known_group_code.clone(),
            ethnic: actor.ethnic_code.clone(),
            religion1: actor.religion1_code.clone(),
            religion2: actor.religion2_code.clone(),
            type1: actor.type1_code.clone(),
            type2: actor.type2_code.clone(),
            type3: actor.type3_code.clone(),
        }
    }

    fn actor(&self, code: &str, name: &str) -> GdeltActor {
        GdeltActor {
            code: code.to_string(),
            name: name.to_string(),
            country_code: self.country.clone(),
            known_group_code: self.known_group.clone(),
            ethnic_code: self.ethnic.clone(),
            religion1_code: self.religion1.clone(),
            religion2_code: self.religion2.clone(),
            type1_code: self.type1.clone(),
            type2_code: self.type2.clone(),
            type3_code: self.type3.clone(),
        }
    }
}

/// A place's eight GDELT columns.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GeoColumns {
    /// `Geo_Type` (0: none).
    #[serde(rename = "type")]
    pub geo_type: u8,
    full_name: String,
    country: String,
    adm1: String,
    adm2: String,
    #[serde(with = "exact_opt")]
    lat: Option<f64>,
    #[serde(with = "exact_opt")]
    long: Option<f64>,
    feature_id: String,
}

impl GeoColumns {
    /// The columns of `geo`.
    pub fn of(geo: &GdeltGeo) -> GeoColumns {
        GeoColumns {
            geo_type: geo.geo_type.map_or(0, GeoType::number),
            full_name: geo.full_name.clone(),
            country: geo.country_code.clone(),
            adm1: geo.adm1_code.clone(),
            adm2: geo.adm2_code.clone(),
            lat: geo.lat,
            long: geo.long,
            feature_id: geo.feature_id.clone(),
        }
    }

    fn geo(&self) -> GdeltGeo {
        GdeltGeo {
            geo_type: GeoType::from_number(self.geo_type),
            full_name: self.full_name.clone(),
            country_code: self.country.clone(),
            adm1_code: self.adm1.clone(),
            adm2_code: self.adm2.clone(),
            lat: self.lat,
            long: self.long,
            feature_id: self.feature_id.clone(),
        }
    }
}

/// An `f64` kept in JSON as its shortest decimal text: serde_json (without its
/// `float_roundtrip` feature) may read a number back one unit in the last place off, and an
/// imported row must be written back digit for digit.
mod exact {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&x.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(D::Error::custom)
    }
}

/// [`exact`] for an optional value (`null` when missing).
mod exact_opt {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match x {
            Some(x) => s.serialize_str(&x.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|t| t.parse().map_err(D::Error::custom))
            .transpose()
    }
}

impl GdeltExtras {
    /// The extras kept in an event's provenance, if it was imported from GDELT.
    pub fn of(event: &StoredEvent) -> Option<GdeltExtras> {
        let value = event.provenance.as_ref()?.get("gdelt")?;
        serde_json::from_value(value.clone()).ok()
    }
}

/// A stable event id for an event coded by Détente, from what identifies it in the store
/// (document, sentence, actors, CAMEO code, place): the 64-bit FNV-1a hash of these, below
/// 2^63 like [`gdelt::global_event_id`]. The same event gets the same id in every export,
/// filtered or not, and in both the GDELT and PLOVER outputs.
pub fn event_id(e: &StoredEvent) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let place = e.place.as_ref().map_or("", |p| p.name.as_str());
    let sentence = e.sentence.to_string();
    for part in [&*e.id, &sentence, &e.source, &e.target, &e.cameo, place] {
        for &b in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash & (u64::MAX >> 1)
}

/// The GDELT row of a stored event.
///
/// An event imported from GDELT becomes the row it was read from (its [`GdeltExtras`] plus
/// the store's columns). An event coded by Détente gets: [`event_id`] as `GlobalEventID`;
/// its own date as `Day` (the date the text gives, where `detente code --format gdelt` writes
/// the document's) and as `DATEADDED` at midnight; the actor columns split from its codes
/// ([`GdeltActor::from_code`]) with the recorded names; `IsRootEvent` for the first sentence;
/// the stored CAMEO code (a bare root `04` as `040`), Goldstein score, QuadClass, mentions
/// and tone; one source and one article; the place as `ActionGeo` through the gazetteer and
/// FIPS codes, and no actor places (the store does not keep them).
pub fn gdelt_row(e: &StoredEvent, fips: &Fips, gazetteer: &Gazetteer) -> GdeltRow {
    let mut event_code = e.cameo.trim().to_string();
    if event_code.len() == 2 && event_code.bytes().all(|b| b.is_ascii_digit()) {
        event_code.push('0');
    }
    let prefix = |n: usize| event_code.chars().take(n).collect::<String>();
    let source_name = e.source_name.as_deref().unwrap_or("");
    let target_name = e.target_name.as_deref().unwrap_or("");
    let mut row = GdeltRow {
        global_event_id: event_id(e),
        day: e.date,
        month_year: e.date / 100,
        year: e.date / 10_000,
        fraction_date: gdelt::fraction_date(e.date),
        actor1: GdeltActor::from_code(&e.source, source_name, fips),
        actor2: if e.target.is_empty() {
            GdeltActor::default()
        } else {
            GdeltActor::from_code(&e.target, target_name, fips)
        },
        is_root_event: e.sentence == 0,
        event_base_code: prefix(3),
        event_root_code: prefix(2),
        event_code: event_code.clone(),
        quad_class: e.quad_class,
        goldstein_scale: e.goldstein.map(|g| g as f32),
        num_mentions: e.mentions,
        num_sources: 1,
        num_articles: 1,
        avg_tone: e.tone.map_or(0.0, f32_digits),
        actor1_geo: GdeltGeo::default(),
        actor2_geo: GdeltGeo::default(),
        action_geo: e
            .place
            .as_ref()
            .map(|p| place_geo(p, fips, gazetteer))
            .unwrap_or_default(),
        date_added: gdelt::date_added(e.date, 0),
        source_url: e.url.clone().unwrap_or_else(|| e.id.clone()),
    };
    if let Some(x) = GdeltExtras::of(e) {
        row.global_event_id = x.global_event_id;
        row.fraction_date = x.fraction_date;
        row.is_root_event = x.is_root_event;
        row.event_code = e.cameo.trim().to_string();
        row.event_base_code = x.event_base_code;
        row.event_root_code = x.event_root_code;
        row.actor1 = x.actor1.actor(&e.source, source_name);
        row.actor2 = x.actor2.actor(&e.target, target_name);
        row.num_sources = x.num_sources;
        row.num_articles = x.num_articles;
        row.avg_tone = x.avg_tone;
        row.actor1_geo = x.actor1_geo.geo();
        row.actor2_geo = x.actor2_geo.geo();
        row.action_geo = x.action_geo.geo();
        row.date_added = x.date_added;
        row.source_url = e.url.clone().unwrap_or_default();
    }
    row
}

/// A value that the store widened from an `f32` (tone) as the `f64` of the `f32`'s shortest
/// text: `6.6666665`, not `6.666666507720947`, whose last digits the store never had.
fn f32_digits(x: f64) -> f64 {
    (x as f32).to_string().parse().unwrap_or(x)
}

/// GDELT's columns for a stored place: the gazetteer's place of that name (and country) when
/// there is one, as `detente code --format gdelt` writes it; otherwise a city (a country when
/// the name is the country's) with the FIPS code of its ISO country and the stored
/// coordinates.
fn place_geo(place: &detente_store::Place, fips: &Fips, gazetteer: &Gazetteer) -> GdeltGeo {
    let country = place.country.as_deref();
    let known = gazetteer
        .lookup_all(&place.name)
        .find(|p| country.is_none_or(|c| &*p.country == c));
    if let Some(found) = known {
        let mut geo = GdeltGeo::from_place(found, fips);
        // The store's coordinates are the event's own; the gazetteer's are the same place's.
        if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
            geo.lat = Some((lat * 10_000.0).round() / 10_000.0);
            geo.long = Some((lon * 10_000.0).round() / 10_000.0);
        }
        return geo;
    }
    let entry = country.and_then(|c| fips.entry(c));
    let is_country = entry.is_some_and(|e| e.name.eq_ignore_ascii_case(&place.name));
    let geo_type = match (is_country, country) {
        (true, _) => GeoType::Country,
        (false, Some("USA")) => GeoType::UsCity,
        (false, _) => GeoType::WorldCity,
    };
    let code = entry.map(|e| e.fips.to_string()).unwrap_or_default();
    let full_name = match entry {
        Some(e) if !is_country => format!("{}, {}", place.name, e.name),
        _ => place.name.clone(),
    };
    let country_level = if is_country {
        code.clone()
    } else {
        String::new()
    };
    GdeltGeo {
        geo_type: Some(geo_type),
        full_name,
        country_code: code,
        adm1_code: country_level.clone(),
        adm2_code: String::new(),
        lat: place.lat,
        long: place.lon,
        feature_id: country_level,
    }
}

/// A PLOVER entity object for an actor code: `code` the country (or region, or known group;
/// `---` when the code names none), `sector` its sector codes (`GOV`, `REBMIL`),
/// `religion` and `ethnicity` when the code has them, `entity_text` the name as recorded,
/// and `cameo_code` the whole CAMEO actor code.
fn plover_entity(code: &str, name: Option<&str>, fips: &Fips) -> Value {
    let split = GdeltActor::from_code(code, "", fips);
    let top = [&split.country_code, &split.known_group_code]
        .into_iter()
        .find(|c| !c.is_empty())
        .map_or("---", |c| c.as_str());
    let sector: String = [&split.type1_code, &split.type2_code, &split.type3_code]
        .into_iter()
        .map(String::as_str)
        .collect();
    let mut entity = Map::new();
    entity.insert("code".into(), json!(top));
    if !sector.is_empty() {
        entity.insert("sector".into(), json!(sector));
    }
    if !split.religion1_code.is_empty() {
        entity.insert("religion".into(), json!(split.religion1_code));
    }
    if !split.ethnic_code.is_empty() {
        entity.insert("ethnicity".into(), json!(split.ethnic_code));
    }
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        entity.insert("entity_text".into(), json!(name));
    }
    entity.insert("cameo_code".into(), json!(code));
    Value::Object(entity)
}

/// The PLOVER record of a stored event, with the field names of the PLOVER manual's data
/// chapter: `id` (the GDELT export's `GlobalEventID`, so the two agree), `date`
/// (`YYYY-MM-DD`), `actor` and `recipient` (lists of entity objects; no `recipient` when the
/// event has no target), `event` (the PLOVER type, from the store or the CAMEO codebook; an
/// empty list when the CAMEO code has none), `mode` (from the codebook, when the CAMEO code
/// gives one), `quad_code`, `event_scale` (the Goldstein score), `event_loc`
/// (`resolved_place`, `country_code` in ISO 3166 alpha-3, `lat`, `lon`), `event_text` (the
/// sentence), `text_info.sequence` (its index in the document), `cite_info` (`citation`:
/// the document's id, `url`), `coder`; and beyond PLOVER's names, `cameo`, `date_precision`,
/// `mentions` and `tone`.
pub fn plover_record(e: &StoredEvent, codebook: &Codebook, fips: &Fips) -> Value {
    let entry = codebook.classify(&e.cameo);
    let id = GdeltExtras::of(e).map_or_else(|| event_id(e), |x| x.global_event_id);
    let plover = e
        .plover
        .clone()
        .or_else(|| entry.and_then(|c| c.plover.as_deref().map(str::to_string)));
    let mut r = Map::new();
    r.insert("id".into(), json!(id.to_string()));
    r.insert("date".into(), json!(crate::code::format_date(e.date)));
    r.insert(
        "actor".into(),
        json!([plover_entity(&e.source, e.source_name.as_deref(), fips)]),
    );
    if !e.target.is_empty() {
        r.insert(
            "recipient".into(),
            json!([plover_entity(&e.target, e.target_name.as_deref(), fips)]),
        );
    }
    r.insert(
        "event".into(),
        json!(plover.into_iter().collect::<Vec<_>>()),
    );
    if let Some(mode) = entry.and_then(|c| c.plover_mode.as_deref()) {
        r.insert("mode".into(), json!([mode]));
    }
    if let Some(q) = e.quad_class {
        r.insert("quad_code".into(), json!(q));
    }
    if let Some(g) = e.goldstein {
        // Goldstein scores are f32 in the codebook; print them as such (1.9, not 1.899...).
        r.insert("event_scale".into(), json!(g as f32));
    }
    if let Some(p) = &e.place {
        let mut loc = Map::new();
        loc.insert("resolved_place".into(), json!(p.name));
        if let Some(c) = &p.country {
            loc.insert("country_code".into(), json!(c));
        }
        if let Some(lat) = p.lat {
            loc.insert("lat".into(), json!(lat));
        }
        if let Some(lon) = p.lon {
            loc.insert("lon".into(), json!(lon));
        }
        r.insert("event_loc".into(), Value::Object(loc));
    }
    if !e.text.is_empty() {
        r.insert("event_text".into(), json!([e.text]));
    }
    r.insert("text_info".into(), json!({ "sequence": e.sentence }));
    let mut cite = Map::new();
    cite.insert("citation".into(), json!(e.id));
    if let Some(url) = &e.url {
        cite.insert("url".into(), json!(url));
    }
    r.insert("cite_info".into(), Value::Object(cite));
    r.insert(
        "coder".into(),
        json!(format!("detente {}", env!("CARGO_PKG_VERSION"))),
    );
    r.insert("cameo".into(), json!(e.cameo));
    r.insert("date_precision".into(), json!(e.date_precision));
    r.insert("mentions".into(), json!(e.mentions));
    if let Some(t) = e.tone {
        r.insert("tone".into(), json!(f32_digits(t)));
    }
    Value::Object(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_store::{EvidenceSpans, Place};

    fn event() -> StoredEvent {
        StoredEvent {
            id: "geneva".into(),
            sentence: 0,
            date: 20130227,
            date_precision: "document".into(),
            source: "RUSGOV".into(),
            target: "USA".into(),
            source_name: Some("Sergey Lavrov".into()),
            target_name: Some("John Kerry".into()),
            cameo: "04".into(),
            plover: Some("CONSULT".into()),
            goldstein: Some(1.0),
            quad_class: Some(1),
            place: Some(Place {
                name: "Geneva".into(),
                country: Some("CHE".into()),
                lat: Some(46.2044),
                lon: Some(6.1432),
            }),
            tone: Some(-1.5),
            mentions: 2,
            spans: EvidenceSpans::default(),
            text: "Lavrov met Kerry in Geneva.".into(),
            url: None,
            provenance: None,
        }
    }

    #[test]
    fn a_coded_event_becomes_a_gdelt_row() {
        let e = event();
        let row = gdelt_row(&e, Fips::builtin(), Gazetteer::builtin());
        assert_eq!(
            (row.day, row.month_year, row.year),
            (20130227, 201302, 2013)
        );
        assert_eq!(row.global_event_id, event_id(&e));
        assert_eq!(
            (&*row.actor1.country_code, &*row.actor1.type1_code),
            ("RUS", "GOV")
        );
        assert_eq!(row.actor1.name, "SERGEY LAVROV");
        assert_eq!(
            (&*row.actor2.country_code, &*row.actor2.name),
            ("USA", "JOHN KERRY")
        );
        assert_eq!(
            (
                &*row.event_code,
                &*row.event_base_code,
                &*row.event_root_code
            ),
            ("040", "040", "04")
        );
        assert!(row.is_root_event);
        assert_eq!((row.quad_class, row.goldstein_scale), (Some(1), Some(1.0)));
        assert_eq!(
            (row.num_mentions, row.num_sources, row.avg_tone),
            (2, 1, -1.5)
        );
        assert_eq!(row.action_geo.geo_type, Some(GeoType::WorldCity));
        assert_eq!(row.action_geo.full_name, "Geneva, Switzerland");
        assert_eq!(row.action_geo.country_code, "SZ");
        assert_eq!(row.action_geo.lat, Some(46.2044));
        assert_eq!(row.actor1_geo.geo_type, None);
        assert_eq!(row.date_added, 20130227000000);
        assert_eq!(row.source_url, "geneva");
        assert_eq!(row.to_tsv().split('\t').count(), 61);
    }

    #[test]
    fn extras_keep_floats_digit_for_digit() {
        let extras = GdeltExtras {
            avg_tone: -11.627906976744185,
            fraction_date: 2014.5726,
            action_geo: GeoColumns {
                lat: Some(48.57),
                ..GeoColumns::default()
            },
            ..GdeltExtras::default()
        };
        let text = serde_json::to_string(&extras).unwrap();
        let back: GdeltExtras = serde_json::from_str(&text).unwrap();
        assert_eq!(back, extras);
        assert_eq!(back.avg_tone.to_string(), "-11.627906976744185");
    }

    #[test]
    fn days_follow_each_other() {
        assert_eq!(next_day(20130227), Some(20130228));
        assert_eq!(next_day(20130228), Some(20130301));
        assert_eq!(next_day(20120228), Some(20120229));
        assert_eq!(next_day(20130430), Some(20130501));
        assert_eq!(next_day(20131231), Some(20140101));
        assert_eq!(next_day(99991231), None);
    }

    #[test]
    fn event_ids_are_stable_and_distinct() {
        let a = event();
        let mut b = event();
        assert_eq!(event_id(&a), event_id(&b));
        b.cameo = "042".into();
        assert_ne!(event_id(&a), event_id(&b));
        assert!(event_id(&a) < 1 << 63);
    }

    #[test]
    fn an_unknown_place_keeps_its_coordinates_and_fips_country() {
        let mut e = event();
        e.place = Some(Place {
            name: "Nowhereville".into(),
            country: Some("DEU".into()),
            lat: Some(50.5),
            lon: Some(8.25),
        });
        let geo = gdelt_row(&e, Fips::builtin(), Gazetteer::builtin()).action_geo;
        assert_eq!(geo.geo_type, Some(GeoType::WorldCity));
        assert_eq!(geo.full_name, "Nowhereville, Germany");
        assert_eq!(geo.country_code, "GM");
        assert_eq!((geo.lat, geo.long), (Some(50.5), Some(8.25)));
    }

    #[test]
    fn a_coded_event_becomes_a_plover_record() {
        let mut e = event();
        e.cameo = "0234".into();
        e.plover = None;
        e.target = String::new();
        e.target_name = None;
        let r = plover_record(&e, Codebook::builtin(), Fips::builtin());
        let entry = Codebook::builtin().classify("0234").unwrap();
        assert_eq!(r["id"], json!(event_id(&e).to_string()));
        assert_eq!(r["date"], "2013-02-27");
        assert_eq!(
            r["actor"],
            json!([{"code": "RUS", "sector": "GOV", "entity_text": "Sergey Lavrov",
                    "cameo_code": "RUSGOV"}])
        );
        assert!(r.get("recipient").is_none());
        let expected: Vec<&str> = entry.plover.as_deref().into_iter().collect();
        assert_eq!(r["event"], json!(expected));
        match entry.plover_mode.as_deref() {
            Some(mode) => assert_eq!(r["mode"], json!([mode])),
            None => assert!(r.get("mode").is_none()),
        }
        assert_eq!(r["quad_code"], 1);
        assert_eq!(r["event_scale"], 1.0);
        assert_eq!(
            r["event_loc"],
            json!({"resolved_place": "Geneva", "country_code": "CHE", "lat": 46.2044,
                   "lon": 6.1432})
        );
        assert_eq!(r["event_text"], json!(["Lavrov met Kerry in Geneva."]));
        assert_eq!(r["text_info"], json!({"sequence": 0}));
        assert_eq!(r["cite_info"], json!({"citation": "geneva"}));
        assert_eq!(r["cameo"], "0234");
        assert_eq!(r["tone"], -1.5);
    }

    #[test]
    fn widened_tones_print_their_f32_digits() {
        let mut e = event();
        e.tone = Some(f64::from(6.666_666_6_f32));
        let row = gdelt_row(&e, Fips::builtin(), Gazetteer::builtin());
        assert_eq!(row.avg_tone.to_string(), "6.6666665");
    }

    #[test]
    fn plover_entities_split_the_code() {
        let e = plover_entity("IGOUNO", None, Fips::builtin());
        assert_eq!(
            e,
            json!({"code": "UNO", "sector": "IGO", "cameo_code": "IGOUNO"})
        );
        let e = plover_entity("---GOV", Some("the government"), Fips::builtin());
        assert_eq!(
            e,
            json!({"code": "---", "sector": "GOV", "entity_text": "the government",
                   "cameo_code": "---GOV"})
        );
    }
}

//! GDELT 2.0 Events: the table's 61 columns ([`COLUMNS`]), a typed row ([`GdeltRow`]), the
//! tab-separated writer and reader of GDELT's export files, and the mapping from a Détente
//! event to a row ([`event_row`]).
//!
//! # The file format
//! One event a line, 61 tab-separated columns in the order of the GDELT 2.0 Event Codebook,
//! no header, an empty string for a missing value. [`GdeltRow::to_tsv`] writes that;
//! [`GdeltReader`] reads it back, line by line: a bad line is an error naming the file, the
//! line and the column, and the reader goes on with the next line (it never panics). Tabs and
//! line breaks inside text values (names, URLs) are written as spaces, so that every line has
//! exactly 61 columns.
//!
//! # What a Détente event becomes
//! - `GlobalEventID`: given by the caller ([`global_event_id`] derives a stable one from the
//!   document id, sentence and event ordinal).
//! - `Day` is the event's date; `MonthYear`, `Year` follow from it; `FractionDate` is
//!   `Year + ((month − 1) × 30 + day) / 365` to four decimals, as GDELT computes it.
//! - Actor columns: the CAMEO code is read three letters at a time, as GDELT does
//!   ([`GdeltActor::from_code`]): a country or CAMEO region (`USA`, `EUR`) is the
//!   `CountryCode`; sector codes (`GOV`, `REB`, `IGO`, ...) fill `Type1..3Code`; religions
//!   (`MOS`, `SHI`) `Religion1..2Code`; ethnic groups (`KUR`) `EthnicCode`; anything else
//!   (`UNO`, `TAL`, `HMS`) is the `KnownGroupCode`. `USAGOV` → country USA, type GOV;
//!   `IGOUNO` → type IGO, known group UNO; `---GOV` → type GOV only. Names are written in
//!   capitals, as GDELT writes them.
//! - `IsRootEvent` is 1 when the event is in the document's first sentence (GDELT: the lead).
//! - `EventCode` is the CAMEO code (a bare root such as `04` becomes `040`, "not specified
//!   below"); `EventBaseCode` its first three digits, `EventRootCode` its first two.
//! - `QuadClass` and `GoldsteinScale` come from our CAMEO codebook
//!   ([`detente_dict::codebook`]), else from the event itself.
//! - `NumMentions`, `NumSources`, `NumArticles` and `AvgTone` are given by the caller
//!   ([`Counts`], [`crate::tone`]).
//! - Geography ([`GdeltGeo::from_place`]) comes from a gazetteer place
//!   ([`detente_dict::gazetteer`], found by [`crate::places`]): `Type` 1 country, 2 U.S.
//!   region, 3 U.S. city, 4 world city, 5 world region (GDELT's "state" levels, which our
//!   gazetteer's regions stand in for); `FullName` "City, Country" with the FIPS entity's
//!   name; `CountryCode` in FIPS 10-4 ([`crate::fips`]); `ADM1Code` and `FeatureID` are the
//!   FIPS country code for a country, as GDELT writes them, and empty otherwise (we do not
//!   know first-order divisions, nor GNS feature ids); `ADM2Code` is empty. A missing place
//!   is written as `Type` 0 and empty columns, as GDELT writes an unlocated actor.
//! - `DATEADDED` is `YYYYMMDDHHMMSS` ([`date_added`]); `SOURCEURL` the document's URL or id.
//!
//! [`document_rows`] does all of this for a coded document (places, names, tone, ids, and
//! one row per distinct event with its mention count); [`event_row`] maps one event given
//! its context.

use crate::fips::{Fips, FipsKind};
use crate::places::{self, Cue};
use crate::DocError;
use detente_code::Event;
use detente_dict::codebook::Codebook;
use detente_dict::gazetteer::{Gazetteer, Place, PlaceKind};
use detente_text::Analysis;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, Write};

/// The 61 columns of a GDELT 2.0 Events file, in order.
pub const COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Index of the first actor column (`Actor1Code`).
const ACTOR1: usize = 5;
/// Index of `Actor2Code`.
const ACTOR2: usize = 15;
/// Index of `Actor1Geo_Type`.
const GEO1: usize = 35;
/// Index of `Actor2Geo_Type`.
const GEO2: usize = 43;
/// Index of `ActionGeo_Type`.
const GEO_ACTION: usize = 51;

/// CAMEO sector ("type") codes: government and armed actors, society, organisations and
/// modifiers.
const TYPE_CODES: [&str; 35] = [
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "ELI", "BUS", "MED", "CVL",
    "EDU", "LAB", "HLH", "HRI", "REF", "AGR", "ENV", "DEV", "CRM", "IGO", "NGO", "NGM", "MNC",
    "SEP", "INS", "UAF", "SET", "IMG", "MOD", "RAD", "UIS", "REL",
];

/// CAMEO religion codes: the broad religions and the denominations written after them
/// (`MOSSHI`, `CHRCTH`).
const RELIGION_CODES: [&str; 21] = [
    "CHR", "CTH", "ORT", "PRO", "CPT", "MOS", "SHI", "SUN", "ALW", "SFI", "JEW", "BUD", "HIN",
    "SIK", "BAH", "JAN", "TAO", "CON", "SHN", "ZRO", "ATH",
];

/// CAMEO ethnic-group codes that our dictionaries write.
const ETHNIC_CODES: [&str; 1] = ["KUR"];

/// CAMEO region codes and historical states that stand where a country code stands.
const REGION_CODES: [&str; 27] = [
    "AFR", "NAF", "WAF", "EAF", "SAF", "CFR", "ASA", "SAS", "SEA", "CAS", "EUR", "EEU", "BLK",
    "CAU", "SCN", "MEA", "PGS", "ARB", "LAM", "SAM", "NMR", "CRB", "WST", "USR", "YUG", "CSK",
    "DDR",
];

/// The actor columns of a row (ten of them, for Actor1 and for Actor2). Empty strings are
/// missing values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GdeltActor {
    /// The full CAMEO actor code (`USAGOV`).
    pub code: String,
    /// The actor's name as written in the text, in capitals (`UNITED STATES`).
    pub name: String,
    /// CAMEO country or region code (`USA`, `EUR`).
    pub country_code: String,
    /// Code of a known organisation (`UNO`, `TAL`).
    pub known_group_code: String,
    /// Ethnic group (`KUR`).
    pub ethnic_code: String,
    /// First religion code (`MOS`).
    pub religion1_code: String,
    /// Second religion code (`SHI`).
    pub religion2_code: String,
    /// First sector code (`GOV`).
    pub type1_code: String,
    /// Second sector code.
    pub type2_code: String,
    /// Third sector code.
    pub type3_code: String,
}

impl GdeltActor {
    /// Splits a CAMEO actor code into GDELT's columns (see the module documentation); `fips`
    /// tells which three-letter codes are countries. `name` is written in capitals.
    ///
    /// ```
    /// use detente_doc::{fips::Fips, gdelt::GdeltActor};
    ///
    /// let a = GdeltActor::from_code("SYRREB", "Syrian rebels", Fips::builtin());
    /// assert_eq!((&*a.country_code, &*a.type1_code), ("SYR", "REB"));
    /// assert_eq!(a.name, "SYRIAN REBELS");
    /// ```
    pub fn from_code(code: &str, name: &str, fips: &Fips) -> GdeltActor {
        let code = code.trim();
        let mut actor = GdeltActor {
            code: clean(code).into_owned(),
            name: clean(name.trim()).to_uppercase(),
            ..GdeltActor::default()
        };
        let chars: Vec<char> = code.chars().collect();
        for chunk in chars.chunks(3) {
            if chunk.len() != 3 {
                break;
            }
            let part: String = chunk.iter().collect();
            if part == "---" {
                continue;
            }
            let slot = if TYPE_CODES.contains(&part.as_str()) {
                [
                    &mut actor.type1_code,
                    &mut actor.type2_code,
                    &mut actor.type3_code,
                ]
                .into_iter()
                .find(|s| s.is_empty())
            } else if RELIGION_CODES.contains(&part.as_str()) {
                [&mut actor.religion1_code, &mut actor.religion2_code]
                    .into_iter()
                    .find(|s| s.is_empty())
            } else if ETHNIC_CODES.contains(&part.as_str()) {
                Some(&mut actor.ethnic_code).filter(|s| s.is_empty())
            } else if actor.country_code.is_empty()
                && (fips.entry(&part).is_some() || REGION_CODES.contains(&part.as_str()))
            {
                Some(&mut actor.country_code)
            } else {
                Some(&mut actor.known_group_code).filter(|s| s.is_empty())
            };
            // A fourth sector or a second known group has no column: the full code keeps it.
            if let Some(slot) = slot {
                *slot = part;
            }
        }
        actor
    }

    fn fields(&self) -> [&str; 10] {
        [
            &self.code,
            &self.name,
            &self.country_code,
            &self.known_group_code,
            &self.ethnic_code,
            &self.religion1_code,
            &self.religion2_code,
            &self.type1_code,
            &self.type2_code,
            &self.type3_code,
        ]
    }

    fn from_fields(cols: &[&str]) -> GdeltActor {
        GdeltActor {
            code: cols[0].to_string(),
            name: cols[1].to_string(),
            country_code: cols[2].to_string(),
            known_group_code: cols[3].to_string(),
            ethnic_code: cols[4].to_string(),
            religion1_code: cols[5].to_string(),
            religion2_code: cols[6].to_string(),
            type1_code: cols[7].to_string(),
            type2_code: cols[8].to_string(),
            type3_code: cols[9].to_string(),
        }
    }
}

/// GDELT's geographic resolution of a place (`Geo_Type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GeoType {
    /// 1: a country.
    Country = 1,
    /// 2: a U.S. state.
    UsState = 2,
    /// 3: a U.S. city or landmark.
    UsCity = 3,
    /// 4: a city or landmark outside the United States.
    WorldCity = 4,
    /// 5: a first-order division ("state") outside the United States.
    WorldState = 5,
}

impl GeoType {
    /// The number GDELT writes.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The type of a GDELT number; `None` for 0 (no place) and unknown numbers.
    pub fn from_number(n: u8) -> Option<GeoType> {
        match n {
            1 => Some(GeoType::Country),
            2 => Some(GeoType::UsState),
            3 => Some(GeoType::UsCity),
            4 => Some(GeoType::WorldCity),
            5 => Some(GeoType::WorldState),
            _ => None,
        }
    }
}

/// The eight geography columns of one of a row's three places (Actor1, Actor2, Action).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GdeltGeo {
    /// Resolution; `None` (written 0) when there is no place.
    pub geo_type: Option<GeoType>,
    /// Full name, "City, Country" (`Geneva, Switzerland`).
    pub full_name: String,
    /// FIPS 10-4 country code (`SZ`).
    pub country_code: String,
    /// FIPS country code + first-order division (`SZ07`); the country code alone for a
    /// country.
    pub adm1_code: String,
    /// Second-order division.
    pub adm2_code: String,
    /// Latitude, decimal degrees.
    pub lat: Option<f64>,
    /// Longitude, decimal degrees.
    pub long: Option<f64>,
    /// GNS or GNIS feature id; the FIPS code for a country.
    pub feature_id: String,
}

impl GdeltGeo {
    /// The geography of a gazetteer place (see the module documentation).
    ///
    /// ```
    /// use detente_dict::gazetteer::Gazetteer;
    /// use detente_doc::{fips::Fips, gdelt::{GdeltGeo, GeoType}};
    ///
    /// let berlin = Gazetteer::builtin().lookup("Berlin").unwrap();
    /// let geo = GdeltGeo::from_place(berlin, Fips::builtin());
    /// assert_eq!(geo.geo_type, Some(GeoType::WorldCity));
    /// assert_eq!((&*geo.full_name, &*geo.country_code), ("Berlin, Germany", "GM"));
    /// ```
    pub fn from_place(place: &Place, fips: &Fips) -> GdeltGeo {
        let entry = fips.for_place(&place.country, &place.name);
        let is_entity = |name: &str| entry.is_some_and(|e| e.name.eq_ignore_ascii_case(name));
        let us = &*place.country == "USA";
        let geo_type = match place.kind {
            PlaceKind::Country => GeoType::Country,
            // A region that is a FIPS entity of its own (the Gaza Strip) is a country to GDELT.
            PlaceKind::Region if is_entity(&place.name) => GeoType::Country,
            PlaceKind::Region if us => GeoType::UsState,
            PlaceKind::Region => GeoType::WorldState,
            PlaceKind::City if us => GeoType::UsCity,
            PlaceKind::City => GeoType::WorldCity,
        };
        let full_name = match (entry, geo_type) {
            // A country is named as its FIPS entity ("Palestine" is GDELT's "West Bank")...
            (Some(e), GeoType::Country) if e.kind != FipsKind::Parent => e.name.to_string(),
            // ... unless FIPS writes it under another entity (Aland): then by its own name.
            (_, GeoType::Country) => place.name.to_string(),
            (Some(e), _) if !is_entity(&place.name) => format!("{}, {}", place.name, e.name),
            _ => place.name.to_string(),
        };
        let code = entry.map(|e| e.fips.to_string()).unwrap_or_default();
        let country_level = if geo_type == GeoType::Country {
            code.clone()
        } else {
            String::new()
        };
        GdeltGeo {
            geo_type: Some(geo_type),
            full_name: clean(&full_name).into_owned(),
            country_code: code,
            adm1_code: country_level.clone(),
            adm2_code: String::new(),
            lat: Some(round4(f64::from(place.lat))),
            long: Some(round4(f64::from(place.lon))),
            feature_id: country_level,
        }
    }

    fn write_fields<'a>(&'a self, out: &mut Vec<Cow<'a, str>>) {
        out.push(Cow::Owned(
            self.geo_type.map_or(0, GeoType::number).to_string(),
        ));
        out.push(Cow::Borrowed(&self.full_name));
        out.push(Cow::Borrowed(&self.country_code));
        out.push(Cow::Borrowed(&self.adm1_code));
        out.push(Cow::Borrowed(&self.adm2_code));
        out.push(opt_float(self.lat));
        out.push(opt_float(self.long));
        out.push(Cow::Borrowed(&self.feature_id));
    }
}

/// One row of a GDELT 2.0 Events file. Empty strings and `None` are missing values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GdeltRow {
    /// Unique id of the event.
    pub global_event_id: u64,
    /// Date of the event, `YYYYMMDD`.
    pub day: u32,
    /// `YYYYMM`.
    pub month_year: u32,
    /// `YYYY`.
    pub year: u32,
    /// `YYYY.FFFF` (see the module documentation).
    pub fraction_date: f64,
    /// The source actor.
    pub actor1: GdeltActor,
    /// The target actor (all empty when the event has none).
    pub actor2: GdeltActor,
    /// Whether the event is in the document's lead (first sentence).
    pub is_root_event: bool,
    /// CAMEO event code (`0231`).
    pub event_code: String,
    /// Its first three digits (`023`).
    pub event_base_code: String,
    /// Its first two digits (`02`).
    pub event_root_code: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: Option<u8>,
    /// Goldstein score, −10 to +10.
    pub goldstein_scale: Option<f32>,
    /// Mentions of the event.
    pub num_mentions: u32,
    /// Sources that mention it.
    pub num_sources: u32,
    /// Articles that mention it.
    pub num_articles: u32,
    /// Average tone of the documents that mention it ([`crate::tone`]).
    pub avg_tone: f64,
    /// Where the source actor is.
    pub actor1_geo: GdeltGeo,
    /// Where the target actor is.
    pub actor2_geo: GdeltGeo,
    /// Where the event took place.
    pub action_geo: GdeltGeo,
    /// When the row was made, `YYYYMMDDHHMMSS`.
    pub date_added: u64,
    /// URL (or id) of the document.
    pub source_url: String,
}

impl GdeltRow {
    /// The row's 61 values as GDELT writes them (text values with tabs and line breaks
    /// replaced by spaces).
    pub fn fields(&self) -> Vec<Cow<'_, str>> {
        let mut out: Vec<Cow<'_, str>> = Vec::with_capacity(COLUMNS.len());
        out.push(Cow::Owned(self.global_event_id.to_string()));
        out.push(Cow::Owned(self.day.to_string()));
        out.push(Cow::Owned(self.month_year.to_string()));
        out.push(Cow::Owned(self.year.to_string()));
        out.push(Cow::Owned(format!("{:.4}", self.fraction_date)));
        for actor in [&self.actor1, &self.actor2] {
            out.extend(actor.fields().into_iter().map(Cow::Borrowed));
        }
        out.push(Cow::Borrowed(if self.is_root_event { "1" } else { "0" }));
        out.push(Cow::Borrowed(&self.event_code));
        out.push(Cow::Borrowed(&self.event_base_code));
        out.push(Cow::Borrowed(&self.event_root_code));
        out.push(Cow::Owned(
            self.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        ));
        // Written as an f32 so that 1.9 reads "1.9", not the f64 widening of it.
        out.push(Cow::Owned(
            self.goldstein_scale
                .filter(|g| g.is_finite())
                .map(|g| g.to_string())
                .unwrap_or_default(),
        ));
        out.push(Cow::Owned(self.num_mentions.to_string()));
        out.push(Cow::Owned(self.num_sources.to_string()));
        out.push(Cow::Owned(self.num_articles.to_string()));
        out.push(Cow::Owned(float(self.avg_tone)));
        for geo in [&self.actor1_geo, &self.actor2_geo, &self.action_geo] {
            geo.write_fields(&mut out);
        }
        out.push(Cow::Owned(self.date_added.to_string()));
        out.push(Cow::Borrowed(&self.source_url));
        debug_assert_eq!(out.len(), COLUMNS.len());
        out.into_iter().map(clean_cow).collect()
    }

    /// The row as a Détente [`Event`], for importing GDELT data: source and target codes,
    /// the CAMEO code with its PLOVER type and mode from `codebook`, and the row's own
    /// Goldstein score and QuadClass (GDELT's, kept as the file has them; the codebook's
    /// when the row has none). There is no sentence behind an imported row: spans are empty,
    /// and the provenance's `verb` names the row (`GDELT GlobalEventID 410412568`).
    ///
    /// ```
    /// use detente_dict::codebook::Codebook;
    /// use detente_doc::gdelt::GdeltRow;
    ///
    /// let mut row = GdeltRow { global_event_id: 7, event_code: "042".into(), ..GdeltRow::default() };
    /// row.actor1.code = "USAGOV".into();
    /// let event = row.to_event(Codebook::builtin());
    /// assert_eq!((&*event.source, &*event.target), ("USAGOV", ""));
    /// assert_eq!(event.plover.as_deref(), Some("CONSULT"));
    /// ```
    pub fn to_event(&self, codebook: &Codebook) -> Event {
        let entry = codebook.classify(&self.event_code);
        Event {
            source: self.actor1.code.as_str().into(),
            target: self.actor2.code.as_str().into(),
            cameo: self.event_code.as_str().into(),
            plover: entry.and_then(|e| e.plover.as_deref()).map(Into::into),
            plover_mode: entry.and_then(|e| e.plover_mode.as_deref()).map(Into::into),
            goldstein: self.goldstein_scale.or(entry.map(|e| e.goldstein)),
            quad_class: self.quad_class.or(entry.map(|e| e.quad_class)),
            passive: false,
            spans: Default::default(),
            provenance: detente_code::Provenance {
                verb: format!("GDELT GlobalEventID {}", self.global_event_id),
                ..Default::default()
            },
        }
    }

    /// The row as one line of a GDELT export file, without the line break.
    pub fn to_tsv(&self) -> String {
        self.fields().join("\t")
    }

    /// Parses one line of a GDELT 2.0 Events export file. `file` and `line` (from 1) name
    /// the line in the error.
    ///
    /// The line must have 61 tab-separated columns (GDELT 1.0 files, with 57 or 58, are
    /// refused with a message that says so); numbers must parse and be in range (a valid
    /// `Day`, `QuadClass` 1 to 4, Goldstein −10 to 10, latitudes and longitudes, a
    /// fourteen-digit `DATEADDED`).
    pub fn parse_line(text: &str, file: &str, line: usize) -> Result<GdeltRow, DocError> {
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let cols: Vec<&str> = text.split('\t').collect();
        let err = |message: String| DocError::Invalid {
            file: file.to_string(),
            line,
            message,
        };
        if cols.len() != COLUMNS.len() {
            let hint = if matches!(cols.len(), 57 | 58) {
                " (a GDELT 1.0 file? this reader reads GDELT 2.0 Events)"
            } else {
                ""
            };
            return Err(err(format!(
                "expected {} tab-separated columns (GDELT 2.0 Events), found {}{hint}",
                COLUMNS.len(),
                cols.len()
            )));
        }
        let field = Field {
            cols: &cols,
            err: &err,
        };
        let day = field.day(1)?;
        let actor1 = GdeltActor::from_fields(&cols[ACTOR1..ACTOR1 + 10]);
        let actor2 = GdeltActor::from_fields(&cols[ACTOR2..ACTOR2 + 10]);
        let is_root_event = match cols[25] {
            "1" => true,
            "0" => false,
            other => return Err(field.bad(25, other, "expected 0 or 1")),
        };
        let quad_class = field.opt_int(29, 1, 4)?.map(|q| q as u8);
        let goldstein_scale = field.goldstein(30)?;
        let date_added = field.int(59, 0, u64::MAX)?;
        if cols[59].len() != 14 {
            return Err(field.bad(59, cols[59], "expected YYYYMMDDHHMMSS"));
        }
        Ok(GdeltRow {
            global_event_id: field.int(0, 0, u64::MAX)?,
            day,
            month_year: field.int(2, 0, 999_999)? as u32,
            year: field.int(3, 0, 9_999)? as u32,
            fraction_date: field.float(4, 0.0, 10_000.0)?,
            actor1,
            actor2,
            is_root_event,
            event_code: cols[26].to_string(),
            event_base_code: cols[27].to_string(),
            event_root_code: cols[28].to_string(),
            quad_class,
            goldstein_scale,
            num_mentions: field.int(31, 0, u64::from(u32::MAX))? as u32,
            num_sources: field.int(32, 0, u64::from(u32::MAX))? as u32,
            num_articles: field.int(33, 0, u64::from(u32::MAX))? as u32,
            avg_tone: field.float(34, -100.0, 100.0)?,
            actor1_geo: field.geo(GEO1)?,
            actor2_geo: field.geo(GEO2)?,
            action_geo: field.geo(GEO_ACTION)?,
            date_added,
            source_url: cols[60].to_string(),
        })
    }
}

/// The columns of one line being parsed, with the error maker of its file and line.
struct Field<'a, E: Fn(String) -> DocError> {
    cols: &'a [&'a str],
    err: &'a E,
}

impl<E: Fn(String) -> DocError> Field<'_, E> {
    fn bad(&self, i: usize, value: &str, what: &str) -> DocError {
        (self.err)(format!(
            "column {} ({}): {what}, found {value:?}",
            i + 1,
            COLUMNS[i]
        ))
    }

    fn int(&self, i: usize, min: u64, max: u64) -> Result<u64, DocError> {
        let v = self.cols[i];
        match v.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            Ok(_) => Err(self.bad(i, v, &format!("expected a number from {min} to {max}"))),
            Err(_) => Err(self.bad(i, v, "expected a whole number")),
        }
    }

    fn opt_int(&self, i: usize, min: u64, max: u64) -> Result<Option<u64>, DocError> {
        if self.cols[i].is_empty() {
            return Ok(None);
        }
        self.int(i, min, max).map(Some)
    }

    fn float(&self, i: usize, min: f64, max: f64) -> Result<f64, DocError> {
        let v = self.cols[i];
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() && (min..=max).contains(&x) => Ok(x),
            Ok(_) => Err(self.bad(i, v, &format!("expected a number from {min} to {max}"))),
            Err(_) => Err(self.bad(i, v, "expected a number")),
        }
    }

    fn opt_float(&self, i: usize, min: f64, max: f64) -> Result<Option<f64>, DocError> {
        if self.cols[i].is_empty() {
            return Ok(None);
        }
        self.float(i, min, max).map(Some)
    }

    fn goldstein(&self, i: usize) -> Result<Option<f32>, DocError> {
        let v = self.cols[i];
        if v.is_empty() {
            return Ok(None);
        }
        match v.parse::<f32>() {
            Ok(g) if (-10.0..=10.0).contains(&g) => Ok(Some(g)),
            _ => Err(self.bad(i, v, "expected a Goldstein score from -10 to 10")),
        }
    }

    fn day(&self, i: usize) -> Result<u32, DocError> {
        let v = self.cols[i];
        let n = self.int(i, 0, 99_999_999)? as u32;
        if v.len() != 8 || !valid_date(n) {
            return Err(self.bad(i, v, "expected a date YYYYMMDD"));
        }
        Ok(n)
    }

    fn geo(&self, i: usize) -> Result<GdeltGeo, DocError> {
        let geo_type = match self.cols[i] {
            "" | "0" => None,
            v => match v.parse::<u8>().ok().and_then(GeoType::from_number) {
                Some(t) => Some(t),
                None => return Err(self.bad(i, v, "expected a place type from 0 to 5")),
            },
        };
        Ok(GdeltGeo {
            geo_type,
            full_name: self.cols[i + 1].to_string(),
            country_code: self.cols[i + 2].to_string(),
            adm1_code: self.cols[i + 3].to_string(),
            adm2_code: self.cols[i + 4].to_string(),
            lat: self.opt_float(i + 5, -90.0, 90.0)?,
            long: self.opt_float(i + 6, -180.0, 180.0)?,
            feature_id: self.cols[i + 7].to_string(),
        })
    }
}

/// Reads a GDELT 2.0 Events export file line by line: each item is a row or the error of a
/// bad line (file, line, column); the reader goes on after a bad line. Blank lines are
/// skipped, and so is a header line naming the columns (GDELT files have none, but a user's
/// file may). After a read error of the underlying reader (not UTF-8, I/O) it stops.
///
/// ```
/// use detente_doc::gdelt::{GdeltReader, GdeltRow};
///
/// let line = GdeltRow { day: 20130301, month_year: 201303, year: 2013,
///                       date_added: 20130301120000, ..GdeltRow::default() }.to_tsv();
/// let text = format!("{line}\nnot a GDELT line\n");
/// let items: Vec<_> = GdeltReader::new(text.as_bytes(), "events.csv").collect();
/// assert!(items[0].is_ok());
/// assert!(items[1].as_ref().unwrap_err().to_string().starts_with("events.csv:2: "));
/// ```
pub struct GdeltReader<R> {
    reader: R,
    file: String,
    line: usize,
    buf: String,
    done: bool,
}

impl<R: BufRead> GdeltReader<R> {
    /// A reader of `reader`; `file` names it in errors.
    pub fn new(reader: R, file: &str) -> GdeltReader<R> {
        GdeltReader {
            reader,
            file: file.to_string(),
            line: 0,
            buf: String::new(),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for GdeltReader<R> {
    type Item = Result<GdeltRow, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            match self.reader.read_line(&mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    let text = self.buf.trim_end_matches(['\n', '\r']);
                    if text.trim().is_empty() || text.starts_with("GlobalEventID\t") {
                        continue;
                    }
                    return Some(GdeltRow::parse_line(text, &self.file, self.line));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(DocError::Invalid {
                        file: self.file.clone(),
                        line: self.line,
                        message: format!("cannot read the line: {e}"),
                    }));
                }
            }
        }
        None
    }
}

/// Writes rows as a GDELT 2.0 Events export file: one line each, no header.
pub fn write_rows<'a, W: Write>(
    mut out: W,
    rows: impl IntoIterator<Item = &'a GdeltRow>,
) -> io::Result<()> {
    for row in rows {
        out.write_all(row.to_tsv().as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Mention counts of an event (GDELT's `NumMentions`, `NumSources`, `NumArticles`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Mentions of the event (within the document, for one document).
    pub mentions: u32,
    /// Distinct sources.
    pub sources: u32,
    /// Distinct articles.
    pub articles: u32,
}

impl Default for Counts {
    /// One mention in one article of one source: an event coded once from one document.
    fn default() -> Counts {
        Counts {
            mentions: 1,
            sources: 1,
            articles: 1,
        }
    }
}

/// What a row needs beyond the [`Event`] itself: the document's facts and the places.
#[derive(Clone, Debug, Default)]
pub struct EventContext<'a> {
    /// The row's id ([`global_event_id`]).
    pub global_event_id: u64,
    /// The event's date, `YYYYMMDD` (the article's date, or the date `when` resolved).
    pub date: u32,
    /// Index of the event's sentence in its document, from 0 (0 is the lead:
    /// `IsRootEvent`).
    pub sentence: usize,
    /// The words naming the source actor ([`actor_names`]).
    pub source_name: &'a str,
    /// The words naming the target actor.
    pub target_name: &'a str,
    /// Where the source actor is, when the text says.
    pub source_place: Option<&'a Place>,
    /// Where the target actor is.
    pub target_place: Option<&'a Place>,
    /// Where the event happened ([`crate::places::event_place`]).
    pub action_place: Option<&'a Place>,
    /// Mention counts.
    pub counts: Counts,
    /// Tone of the document ([`crate::tone::document_tone`]'s `tone`).
    pub avg_tone: f64,
    /// When the row is made, `YYYYMMDDHHMMSS` ([`date_added`]).
    pub date_added: u64,
    /// The document's URL, or its id when it has none.
    pub url: &'a str,
}

/// The GDELT row of a Détente event (see the module documentation for each column).
///
/// ```
/// use detente_dict::codebook::Codebook;
/// use detente_doc::{fips::Fips, gdelt::{event_row, EventContext}};
///
/// # let mut event = detente_code::Event { source: "USAGOV".into(), target: "RUS".into(),
/// #     cameo: "042".into(), plover: None, plover_mode: None, goldstein: None,
/// #     quad_class: None, passive: false, spans: Default::default(),
/// #     provenance: Default::default() };
/// let ctx = EventContext { date: 20130227, sentence: 0, ..EventContext::default() };
/// let row = event_row(&event, &ctx, Codebook::builtin(), Fips::builtin());
/// assert_eq!((&*row.actor1.country_code, &*row.actor1.type1_code), ("USA", "GOV"));
/// assert_eq!((&*row.event_base_code, &*row.event_root_code), ("042", "04"));
/// assert!(row.is_root_event);
/// ```
pub fn event_row(
    event: &Event,
    ctx: &EventContext<'_>,
    codebook: &Codebook,
    fips: &Fips,
) -> GdeltRow {
    let mut event_code: String = clean(event.cameo.trim()).into_owned();
    if event_code.len() == 2 && event_code.bytes().all(|b| b.is_ascii_digit()) {
        event_code.push('0');
    }
    let prefix = |n: usize| event_code.chars().take(n).collect::<String>();
    let (goldstein, quad) = match codebook.classify(&event_code) {
        Some(entry) => (Some(entry.goldstein), Some(entry.quad_class)),
        None => (event.goldstein, event.quad_class),
    };
    let actor2 = if event.target.trim().is_empty() {
        GdeltActor::default()
    } else {
        GdeltActor::from_code(&event.target, ctx.target_name, fips)
    };
    let geo = |place: Option<&Place>| {
        place
            .map(|p| GdeltGeo::from_place(p, fips))
            .unwrap_or_default()
    };
    GdeltRow {
        global_event_id: ctx.global_event_id,
        day: ctx.date,
        month_year: ctx.date / 100,
        year: ctx.date / 10_000,
        fraction_date: fraction_date(ctx.date),
        actor1: GdeltActor::from_code(&event.source, ctx.source_name, fips),
        actor2,
        is_root_event: ctx.sentence == 0,
        event_base_code: prefix(3),
        event_root_code: prefix(2),
        event_code,
        quad_class: quad,
        goldstein_scale: goldstein,
        num_mentions: ctx.counts.mentions,
        num_sources: ctx.counts.sources,
        num_articles: ctx.counts.articles,
        avg_tone: ctx.avg_tone,
        actor1_geo: geo(ctx.source_place),
        actor2_geo: geo(ctx.target_place),
        action_geo: geo(ctx.action_place),
        date_added: ctx.date_added,
        source_url: clean(ctx.url).into_owned(),
    }
}

/// A coded document, as [`document_rows`] needs it.
#[derive(Clone, Copy, Debug)]
pub struct GdeltDocument<'a> {
    /// The document's id (for [`global_event_id`], and `SOURCEURL` when there is no URL).
    pub id: &'a str,
    /// The document's URL, if known.
    pub url: Option<&'a str>,
    /// The document's date, `YYYYMMDD` (every event's `Day`).
    pub date: u32,
    /// The document's text, for its tone ([`crate::tone::document_tone`]).
    pub text: &'a str,
    /// When the rows are made, `YYYYMMDDHHMMSS` ([`date_added`]).
    pub date_added: u64,
    /// The document's tone when the caller has it (the pipeline computes it once); `None`
    /// computes it here from `text`.
    pub tone: Option<f64>,
}

/// The GDELT rows of one coded document: `sentences` as analysed and `events` as the coder
/// gave them for each sentence (`Coder::code_story`).
///
/// Identical events of a document (same source, target, CAMEO code and place) make one row,
/// as in GDELT, whose `NumMentions` counts them (`NumSources` and `NumArticles` are 1) and
/// whose sentence is the first mention's. Each row gets: actor names from the event's spans;
/// the action place from [`crate::places`] (the place of the event's verb or naming noun);
/// as an actor's place, a `-based` place inside the actor's words ("Moscow-based
/// analysts"); the document's tone; an id from [`global_event_id`] (document id, sentence,
/// order of the event in it).
pub fn document_rows(
    doc: &GdeltDocument<'_>,
    sentences: &[Analysis],
    events: &[Vec<Event>],
    codebook: &Codebook,
    fips: &Fips,
    gazetteer: &Gazetteer,
) -> Vec<GdeltRow> {
    let tone = doc
        .tone
        .unwrap_or_else(|| crate::tone::document_tone(doc.text).tone);
    let url = doc.url.unwrap_or(doc.id);
    let mut rows: Vec<GdeltRow> = Vec::new();
    // (source, target, CAMEO, place name) → index in `rows`.
    let mut seen: HashMap<(String, String, String, String), usize> = HashMap::new();
    for (sentence, (analysis, events)) in sentences.iter().zip(events).enumerate() {
        if events.is_empty() {
            continue;
        }
        let found = places::find(analysis, gazetteer);
        let based = |(start, end): (u32, u32)| {
            found
                .iter()
                .find(|m| {
                    m.cue == Cue::Based
                        && m.tokens.start >= start as usize
                        && m.tokens.end <= end as usize
                })
                .map(|m| m.place)
        };
        for (ordinal, event) in events.iter().enumerate() {
            let action = places::best_for_event(analysis, &found, event.spans.verb.0 as usize)
                .map(|m| m.place);
            let key = (
                event.source.to_string(),
                event.target.to_string(),
                event.cameo.to_string(),
                action.map(|p| p.name.to_string()).unwrap_or_default(),
            );
            if let Some(&i) = seen.get(&key) {
                rows[i].num_mentions = rows[i].num_mentions.saturating_add(1);
                continue;
            }
            let (source_name, target_name) = actor_names(analysis, event);
            let ctx = EventContext {
                global_event_id: global_event_id(doc.id, sentence, ordinal),
                date: doc.date,
                sentence,
                source_name,
                target_name,
                source_place: based(event.spans.source),
                target_place: if event.target.is_empty() {
                    None
                } else {
                    based(event.spans.target)
                },
                action_place: action,
                counts: Counts::default(),
                avg_tone: tone,
                date_added: doc.date_added,
                url,
            };
            seen.insert(key, rows.len());
            rows.push(event_row(event, &ctx, codebook, fips));
        }
    }
    rows
}

/// The words of an event's source and target phrases in the sentence's text (empty for a
/// missing target or a span outside the analysis).
pub fn actor_names<'a>(analysis: &'a Analysis, event: &Event) -> (&'a str, &'a str) {
    let text = |(start, end): (u32, u32)| -> &'a str {
        let (start, end) = (start as usize, end as usize);
        if start >= end {
            return "";
        }
        let (Some(first), Some(last)) = (analysis.tokens.get(start), analysis.tokens.get(end - 1))
        else {
            return "";
        };
        analysis
            .text
            .get(first.start as usize..last.end as usize)
            .unwrap_or("")
    };
    (text(event.spans.source), text(event.spans.target))
}

/// GDELT's `FractionDate` of a `YYYYMMDD` date: `year + ((month − 1) × 30 + day) / 365`, to
/// four decimals.
pub fn fraction_date(day: u32) -> f64 {
    let (year, month, d) = (day / 10_000, day / 100 % 100, day % 100);
    let fraction = (f64::from(month.saturating_sub(1)) * 30.0 + f64::from(d)) / 365.0;
    round4(f64::from(year) + fraction.min(0.9999))
}

/// `DATEADDED` of a date `YYYYMMDD` and a time `HHMMSS`: `YYYYMMDDHHMMSS`.
pub fn date_added(day: u32, hhmmss: u32) -> u64 {
    u64::from(day) * 1_000_000 + u64::from(hhmmss % 1_000_000)
}

/// A stable `GlobalEventID` for the `ordinal`-th event (from 0) of sentence `sentence` of
/// document `doc_id`: the 64-bit FNV-1a hash of the three, kept below 2^63 so that it fits
/// a signed 64-bit column (BigQuery's INTEGER). Coding the same document again gives the
/// same ids.
pub fn global_event_id(doc_id: &str, sentence: usize, ordinal: usize) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(doc_id.as_bytes());
    feed(&[0]);
    feed(&(sentence as u64).to_le_bytes());
    feed(&(ordinal as u64).to_le_bytes());
    hash & (u64::MAX >> 1)
}

/// Whether `YYYYMMDD` is a date of the Gregorian calendar.
fn valid_date(day: u32) -> bool {
    let (y, m, d) = (day / 10_000, day / 100 % 100, day % 100);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A number rounded to four decimals (GDELT's precision for coordinates, about 10 m).
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A float as written in the file: the shortest text that reads back as the same number.
fn float(x: f64) -> String {
    if x.is_finite() {
        x.to_string()
    } else {
        String::new()
    }
}

/// [`float`], or empty for a missing value.
fn opt_float(x: Option<f64>) -> Cow<'static, str> {
    Cow::Owned(x.map(float).unwrap_or_default())
}

/// Text without tabs and line breaks, which would break the line into other columns.
fn clean(text: &str) -> Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// [`clean`] for a value that may own its text.
fn clean_cow(v: Cow<'_, str>) -> Cow<'_, str> {
    match v {
        Cow::Borrowed(s) => clean(s),
        Cow::Owned(s) if s.contains(['\t', '\n', '\r']) => {
            Cow::Owned(s.replace(['\t', '\n', '\r'], " "))
        }
        owned => owned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_code::{Provenance, Spans};
    use detente_dict::gazetteer::Gazetteer;

    fn event(source: &str, target: &str, cameo: &str) -> Event {
        Event {
            source: source.into(),
            target: target.into(),
            cameo: cameo.into(),
            plover: None,
            plover_mode: None,
            goldstein: None,
            quad_class: None,
            passive: false,
            spans: Spans::default(),
            provenance: Provenance::default(),
        }
    }

    fn place(name: &str, kind: PlaceKind) -> &'static Place {
        Gazetteer::builtin()
            .lookup_all(name)
            .find(|p| p.kind == kind)
            .unwrap_or_else(|| panic!("{name} is not in the gazetteer"))
    }

    /// Fixture events with their contexts and every column expected in the file.
    #[rustfmt::skip]
    fn fixtures() -> Vec<(Event, EventContext<'static>, [&'static str; 61])> {
        let moscow = place("Moscow", PlaceKind::City);
        let syria = place("Syria", PlaceKind::Country);
        let aleppo = place("Aleppo", PlaceKind::City);
        let gaza = place("Gaza Strip", PlaceKind::Region);
        let chicago = place("Chicago", PlaceKind::City);
        let crimea = place("Crimea", PlaceKind::Region);
        vec![
            (
                event("USAGOV", "RUSGOV", "042"),
                EventContext {
                    global_event_id: 1001,
                    date: 20130227,
                    sentence: 0,
                    source_name: "John Kerry",
                    target_name: "the Kremlin",
                    source_place: None,
                    target_place: Some(moscow),
                    action_place: Some(moscow),
                    counts: Counts::default(),
                    avg_tone: 2.5,
                    date_added: date_added(20130227, 93000),
                    url: "https://example.org/a/1",
                },
                [
                    "1001", "20130227", "201302", "2013", "2013.1562",
                    "USAGOV", "JOHN KERRY", "USA", "", "", "", "", "GOV", "", "",
                    "RUSGOV", "THE KREMLIN", "RUS", "", "", "", "", "GOV", "", "",
                    "1", "042", "042", "04", "1", "1.9", "1", "1", "1", "2.5",
                    "0", "", "", "", "", "", "", "",
                    "4", "Moscow, Russia", "RS", "", "", "55.76", "37.62", "",
                    "4", "Moscow, Russia", "RS", "", "", "55.76", "37.62", "",
                    "20130227093000", "https://example.org/a/1",
                ],
            ),
            (
                event("SYRREB", "SYRMIL", "190"),
                EventContext {
                    global_event_id: 1002,
                    date: 20160930,
                    sentence: 3,
                    source_name: "rebels",
                    target_name: "the Syrian army",
                    source_place: Some(syria),
                    target_place: None,
                    action_place: Some(aleppo),
                    counts: Counts {
                        mentions: 3,
                        sources: 2,
                        articles: 2,
                    },
                    avg_tone: -7.25,
                    date_added: date_added(20161001, 235959),
                    url: "https://example.org/b/2",
                },
                [
                    "1002", "20160930", "201609", "2016", "2016.7397",
                    "SYRREB", "REBELS", "SYR", "", "", "", "", "REB", "", "",
                    "SYRMIL", "THE SYRIAN ARMY", "SYR", "", "", "", "", "MIL", "", "",
                    "0", "190", "190", "19", "4", "-10", "3", "2", "2", "-7.25",
                    "1", "Syria", "SY", "SY", "", "34.8", "39", "SY",
                    "0", "", "", "", "", "", "", "",
                    "4", "Aleppo, Syria", "SY", "", "", "36.2", "37.16", "",
                    "20161001235959", "https://example.org/b/2",
                ],
            ),
            (
                // A monad with a bare root code; text with a tab and a line break.
                event("IGOUNOREF", "", "04"),
                EventContext {
                    global_event_id: 1003,
                    date: 20240101,
                    sentence: 1,
                    source_name: "the U.N.\nrefugee agency",
                    target_name: "",
                    source_place: None,
                    target_place: None,
                    action_place: Some(gaza),
                    counts: Counts::default(),
                    avg_tone: 0.0,
                    date_added: date_added(20240101, 0),
                    url: "doc\t7",
                },
                [
                    "1003", "20240101", "202401", "2024", "2024.0027",
                    "IGOUNOREF", "THE U.N. REFUGEE AGENCY", "", "UNO", "", "", "", "IGO", "REF", "",
                    "", "", "", "", "", "", "", "", "", "",
                    "0", "040", "040", "04", "1", "1", "1", "1", "1", "0",
                    "0", "", "", "", "", "", "", "",
                    "0", "", "", "", "", "", "", "",
                    "1", "Gaza Strip", "GZ", "GZ", "", "31.4", "34.4", "GZ",
                    "20240101000000", "doc 7",
                ],
            ),
            (
                event("IRQREBMOSSHI", "---GOV", "1831"),
                EventContext {
                    global_event_id: 1004,
                    date: 20200229,
                    sentence: 0,
                    source_name: "Shiite militants",
                    target_name: "officials",
                    source_place: Some(chicago),
                    target_place: Some(crimea),
                    action_place: None,
                    counts: Counts::default(),
                    avg_tone: -12.5,
                    date_added: date_added(20200301, 120000),
                    url: "https://example.org/c/4",
                },
                [
                    "1004", "20200229", "202002", "2020", "2020.1616",
                    "IRQREBMOSSHI", "SHIITE MILITANTS", "IRQ", "", "", "MOS", "SHI", "REB", "", "",
                    "---GOV", "OFFICIALS", "", "", "", "", "", "GOV", "", "",
                    "1", "1831", "183", "18", "4", "-10", "1", "1", "1", "-12.5",
                    "3", "Chicago, United States", "US", "", "", "41.88", "-87.63", "",
                    "5", "Crimea, Ukraine", "UP", "", "", "45.3", "34.4", "",
                    "0", "", "", "", "", "", "", "",
                    "20200301120000", "https://example.org/c/4",
                ],
            ),
        ]
    }

    #[test]
    fn there_are_61_columns() {
        assert_eq!(COLUMNS.len(), 61);
        assert_eq!(COLUMNS[ACTOR1], "Actor1Code");
        assert_eq!(COLUMNS[ACTOR2], "Actor2Code");
        assert_eq!(COLUMNS[GEO1], "Actor1Geo_Type");
        assert_eq!(COLUMNS[GEO2], "Actor2Geo_Type");
        assert_eq!(COLUMNS[GEO_ACTION], "ActionGeo_Type");
        assert_eq!(COLUMNS[59], "DATEADDED");
        assert_eq!(COLUMNS[60], "SOURCEURL");
    }

    #[test]
    fn fixture_events_export_every_column_and_read_back() {
        let mut file = Vec::new();
        let mut rows = Vec::new();
        for (event, ctx, expected) in fixtures() {
            let row = event_row(&event, &ctx, Codebook::builtin(), Fips::builtin());
            let fields = row.fields();
            assert_eq!(fields.len(), 61);
            for (i, (got, want)) in fields.iter().zip(expected).enumerate() {
                assert_eq!(
                    got,
                    want,
                    "event {} column {} {}",
                    ctx.global_event_id,
                    i + 1,
                    COLUMNS[i]
                );
            }
            rows.push(row);
        }
        write_rows(&mut file, &rows).unwrap();
        let text = String::from_utf8(file).unwrap();
        assert_eq!(text.lines().count(), rows.len());
        assert!(text.lines().all(|l| l.split('\t').count() == 61));
        assert!(text.ends_with('\n'));
        let back: Vec<GdeltRow> = GdeltReader::new(text.as_bytes(), "out.csv")
            .map(|r| r.unwrap())
            .collect();
        // Text cleaned of tabs and line breaks reads back cleaned; everything else is equal.
        for (mut row, again) in rows.into_iter().zip(&back) {
            row.actor1.name = row.actor1.name.replace('\n', " ");
            row.source_url = row.source_url.replace('\t', " ");
            assert_eq!(&row, again);
            assert_eq!(row.to_tsv(), again.to_tsv());
        }
        assert_eq!(back[2].actor1.name, "THE U.N. REFUGEE AGENCY");
        assert_eq!(back[2].source_url, "doc 7");
    }

    #[test]
    fn rows_import_back_into_events() {
        for (event, ctx, _) in fixtures() {
            let row = event_row(&event, &ctx, Codebook::builtin(), Fips::builtin());
            let back = row.to_event(Codebook::builtin());
            assert_eq!((&back.source, &back.target), (&event.source, &event.target));
            assert_eq!(back.cameo, row.event_code);
            let entry = Codebook::builtin().classify(&row.event_code).unwrap();
            assert_eq!(back.plover.as_deref(), entry.plover.as_deref());
            assert_eq!(back.goldstein, Some(entry.goldstein));
            assert_eq!(back.quad_class, Some(entry.quad_class));
            assert_eq!(
                back.provenance.verb,
                format!("GDELT GlobalEventID {}", ctx.global_event_id)
            );
        }
        // A row's own Goldstein score wins over the codebook's.
        let row = GdeltRow {
            event_code: "190".into(),
            goldstein_scale: Some(-9.5),
            ..GdeltRow::default()
        };
        assert_eq!(row.to_event(Codebook::builtin()).goldstein, Some(-9.5));
    }

    #[test]
    fn actor_codes_split_as_gdelt_does() {
        let fips = Fips::builtin();
        let split = |code: &str| {
            let a = GdeltActor::from_code(code, "", fips);
            [
                a.country_code,
                a.known_group_code,
                a.ethnic_code,
                a.religion1_code,
                a.religion2_code,
                a.type1_code,
                a.type2_code,
                a.type3_code,
            ]
            .join(",")
        };
        assert_eq!(split("USAGOV"), "USA,,,,,GOV,,");
        assert_eq!(split("IGOUNO"), ",UNO,,,,IGO,,");
        assert_eq!(split("SYRREB"), "SYR,,,,,REB,,");
        assert_eq!(split("---GOV"), ",,,,,GOV,,");
        assert_eq!(split("AFGREBTAL"), "AFG,TAL,,,,REB,,");
        assert_eq!(split("IGOEUREEC"), "EUR,EEC,,,,IGO,,");
        assert_eq!(split("SYROPPKUR"), "SYR,,KUR,,,OPP,,");
        assert_eq!(split("IMGMOSALQ"), ",ALQ,,MOS,,IMG,,");
        assert_eq!(split("RUSGOVMED"), "RUS,,,,,GOV,MED,");
        assert_eq!(split("USR"), "USR,,,,,,,");
        assert_eq!(split("IGO"), ",,,,,IGO,,");
        // Malformed codes give what can be read, never a panic.
        assert_eq!(split(""), ",,,,,,,");
        assert_eq!(split("US"), ",,,,,,,");
        assert_eq!(split("USAGO"), "USA,,,,,,,");
        assert_eq!(split("ÄÖÜGOV"), ",ÄÖÜ,,,,GOV,,");
    }

    #[test]
    fn places_become_gdelt_geography() {
        let fips = Fips::builtin();
        let geo = |name: &str, kind| GdeltGeo::from_place(place(name, kind), fips);
        let g = geo("Geneva", PlaceKind::City);
        assert_eq!(g.geo_type, Some(GeoType::WorldCity));
        assert_eq!(
            (
                &*g.full_name,
                &*g.country_code,
                &*g.adm1_code,
                &*g.feature_id
            ),
            ("Geneva, Switzerland", "SZ", "", "")
        );
        let g = geo("Palestine", PlaceKind::Country);
        assert_eq!((&*g.full_name, &*g.country_code), ("West Bank", "WE"));
        let g = geo("Rafah", PlaceKind::City);
        assert_eq!(
            (&*g.full_name, &*g.country_code),
            ("Rafah, Gaza Strip", "GZ")
        );
        let g = geo("Aland Islands", PlaceKind::Country);
        assert_eq!(g.geo_type, Some(GeoType::Country));
        assert_eq!((&*g.full_name, &*g.country_code), ("Aland Islands", "FI"));
        let g = geo("Bonaire", PlaceKind::Country);
        assert_eq!((&*g.full_name, &*g.country_code), ("Bonaire", "NL"));
        let g = geo("Kralendijk", PlaceKind::City);
        assert_eq!(g.country_code, "NL");
        let g = geo("Germany", PlaceKind::Country);
        assert_eq!(
            (&*g.full_name, &*g.country_code, &*g.feature_id),
            ("Germany", "GM", "GM")
        );
    }

    #[test]
    fn every_gazetteer_place_has_gdelt_geography() {
        let fips = Fips::builtin();
        for p in Gazetteer::builtin().places() {
            let g = GdeltGeo::from_place(p, fips);
            assert_eq!(g.country_code.len(), 2, "{} ({})", p.name, p.country);
            assert!(g.full_name.starts_with(&*p.name) || p.kind == PlaceKind::Country);
            assert!(!g.full_name.contains(", ,") && !g.full_name.ends_with(", "));
            assert_eq!(
                g.geo_type == Some(GeoType::Country),
                g.feature_id == g.country_code
            );
            let (lat, long) = (g.lat.unwrap(), g.long.unwrap());
            assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&long));
        }
    }

    /// Two events written by hand in the GDELT 2.0 layout (invented values).
    const HAND_WRITTEN: [&str; 2] = [
        "800000001\t20150218\t201502\t2015\t2015.1315\tFRAGOV\tFRANCE\tFRA\t\t\t\t\tGOV\t\t\t\
         MLIREB\tREBEL\tMLI\t\t\t\t\tREB\t\t\t1\t190\t190\t19\t4\t-10.0\t10\t2\t10\t\
         -5.26315789473684\t1\tFrance\tFR\tFR\t\t46\t2\tFR\t4\tGao, Gao, Mali\tML\tML07\t\t\
         16.2667\t-0.05\t-1851880\t4\tGao, Gao, Mali\tML\tML07\t\t16.2667\t-0.05\t-1851880\t\
         20150218171500\thttp://news.example.com/mali-clashes.html",
        "800000002\t20150218\t201502\t2015\t2015.1315\tIGOUNO\tUNITED NATIONS\t\tUNO\t\t\t\tIGO\t\
         \t\t\t\t\t\t\t\t\t\t\t\t0\t010\t010\t01\t1\t0.0\t1\t1\t1\t0\t0\t\t\t\t\t\t\t\t0\t\t\t\
         \t\t\t\t\t0\t\t\t\t\t\t\t\t20150218171500\thttp://news.example.com/un-statement.html",
    ];

    #[test]
    fn hand_written_gdelt_lines_are_read() {
        let text = HAND_WRITTEN.join("\n");
        let rows: Vec<GdeltRow> = GdeltReader::new(text.as_bytes(), "hand.export.CSV")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 2);
        let r = &rows[0];
        assert_eq!(r.global_event_id, 800000001);
        assert_eq!((r.day, r.month_year, r.year), (20150218, 201502, 2015));
        assert_eq!(r.fraction_date, 2015.1315);
        assert_eq!(fraction_date(20150218), 2015.1315);
        assert_eq!((&*r.actor1.code, &*r.actor1.name), ("FRAGOV", "FRANCE"));
        assert_eq!(
            (&*r.actor1.country_code, &*r.actor1.type1_code),
            ("FRA", "GOV")
        );
        assert_eq!((&*r.actor2.code, &*r.actor2.type1_code), ("MLIREB", "REB"));
        assert!(r.is_root_event);
        assert_eq!(
            (&*r.event_code, &*r.event_base_code, &*r.event_root_code),
            ("190", "190", "19")
        );
        assert_eq!((r.quad_class, r.goldstein_scale), (Some(4), Some(-10.0)));
        assert_eq!((r.num_mentions, r.num_sources, r.num_articles), (10, 2, 10));
        assert_eq!(r.avg_tone, -5.26315789473684);
        assert_eq!(r.actor1_geo.geo_type, Some(GeoType::Country));
        assert_eq!(
            (r.actor1_geo.lat, r.actor1_geo.long),
            (Some(46.0), Some(2.0))
        );
        assert_eq!(r.actor2_geo.full_name, "Gao, Gao, Mali");
        assert_eq!(
            (&*r.actor2_geo.adm1_code, &*r.actor2_geo.feature_id),
            ("ML07", "-1851880")
        );
        assert_eq!(r.action_geo, r.actor2_geo);
        assert_eq!(r.date_added, 20150218171500);
        assert_eq!(r.source_url, "http://news.example.com/mali-clashes.html");

        let r = &rows[1];
        assert_eq!(
            (&*r.actor1.known_group_code, &*r.actor1.type1_code),
            ("UNO", "IGO")
        );
        assert_eq!(r.actor2, GdeltActor::default());
        assert!(!r.is_root_event);
        assert_eq!(r.goldstein_scale, Some(0.0));
        assert_eq!(r.actor1_geo, GdeltGeo::default());
        assert_eq!(r.action_geo, GdeltGeo::default());
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let good = HAND_WRITTEN[0];
        let with = |i: usize, value: &str| {
            let mut cols: Vec<&str> = good.split('\t').collect();
            cols[i] = value;
            cols.join("\t")
        };
        let gdelt1: String = good.split('\t').take(58).collect::<Vec<_>>().join("\t");
        let lines = [
            good.to_string(),
            gdelt1,
            with(1, "20151302"),
            with(29, "7"),
            with(30, "-11"),
            with(40, "95.5"),
            with(0, "x12"),
            with(35, "9"),
            with(59, "2015021817"),
            with(25, "yes"),
            String::new(),
            HAND_WRITTEN[1].to_string(),
        ];
        let text = lines.join("\n");
        let items: Vec<_> = GdeltReader::new(text.as_bytes(), "bad.CSV").collect();
        assert_eq!(items.len(), 11, "the blank line is skipped");
        assert!(items[0].is_ok());
        assert!(items[10].is_ok(), "reading goes on after bad lines");
        let messages: Vec<String> = items[1..10]
            .iter()
            .map(|r| r.as_ref().unwrap_err().to_string())
            .collect();
        let expected = [
            "bad.CSV:2: expected 61 tab-separated columns (GDELT 2.0 Events), found 58 (a GDELT 1.0 file?",
            "bad.CSV:3: column 2 (Day): expected a date YYYYMMDD",
            "bad.CSV:4: column 30 (QuadClass): expected a number from 1 to 4",
            "bad.CSV:5: column 31 (GoldsteinScale): expected a Goldstein score",
            "bad.CSV:6: column 41 (Actor1Geo_Lat): expected a number from -90 to 90",
            "bad.CSV:7: column 1 (GlobalEventID): expected a whole number",
            "bad.CSV:8: column 36 (Actor1Geo_Type): expected a place type",
            "bad.CSV:9: column 60 (DATEADDED): expected YYYYMMDDHHMMSS",
            "bad.CSV:10: column 26 (IsRootEvent): expected 0 or 1",
        ];
        for (got, want) in messages.iter().zip(expected) {
            assert!(
                got.starts_with(want),
                "{got}\n  does not start with\n{want}"
            );
        }
    }

    #[test]
    fn no_cut_or_garbled_line_panics() {
        let good = HAND_WRITTEN[0];
        for (i, _) in good.char_indices() {
            let _ = GdeltRow::parse_line(&good[..i], "cut", 1);
            let garbled = good[..i].to_string() + "\u{fffd}\t\t" + &good[i..];
            let _ = GdeltRow::parse_line(&garbled, "garbled", 1);
        }
        let bytes: &[u8] = b"1\t\xff\xfe\n";
        let items: Vec<_> = GdeltReader::new(bytes, "binary").collect();
        assert_eq!(items.len(), 1);
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("binary:1: cannot read"));
    }

    #[test]
    fn actor_names_come_from_the_event_spans() {
        let analysis =
            detente_text::Analyzer::new().analyze_sentence("Russia accused the United States.");
        let mut e = event("RUS", "USA", "112");
        e.spans.source = (0, 1);
        e.spans.target = (2, 5);
        assert_eq!(actor_names(&analysis, &e), ("Russia", "the United States"));
        e.spans.target = (0, 0);
        e.spans.source = (4, 99);
        assert_eq!(actor_names(&analysis, &e), ("", ""));
    }

    #[test]
    fn ids_and_dates() {
        let a = global_event_id("doc-1", 0, 0);
        assert_eq!(a, global_event_id("doc-1", 0, 0));
        assert_ne!(a, global_event_id("doc-1", 0, 1));
        assert_ne!(a, global_event_id("doc-1", 1, 0));
        assert_ne!(a, global_event_id("doc-2", 0, 0));
        assert!(a < 1 << 63);
        assert_eq!(date_added(20130227, 93000), 20130227093000);
        assert_eq!(fraction_date(20131231), 2013.9890);
        assert_eq!(fraction_date(20130101), 2013.0027);
        assert!(valid_date(20200229) && !valid_date(20190229) && !valid_date(20191301));
    }
}

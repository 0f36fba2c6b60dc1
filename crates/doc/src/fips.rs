//! FIPS 10-4 country codes: the table from ISO 3166-1 alpha-3 (the codes of our actor
//! dictionaries and gazetteer) to the two-letter FIPS 10-4 codes that GDELT writes in its
//! geography columns (`Geo_CountryCode`, `Geo_ADM1Code`, `Geo_FeatureID`).
//!
//! The table is a knowledge-base file, `kb/fips.tsv` (format in `kb/README.md`), embedded in
//! the binary ([`Fips::builtin`]) and replaceable by a user's own file ([`Fips::parse`]).
//! Parsing reads every line and reports each bad one with file and line, keeping the good
//! ones ([`FipsError::partial`]).
//!
//! FIPS differs from ISO alpha-2 for many countries (Germany `GM`, United Kingdom `UK`,
//! Russia `RS`, China `CH`), has no code for a few ISO entities (Aland is written under
//! Finland) and splits one (Palestine: West Bank `WE`, Gaza Strip `GZ`), so a look-up takes
//! the place name too ([`Fips::for_place`]). This module knows nothing of GDELT rows: it
//! answers look-ups; [`crate::gdelt`] uses it.

use crate::DocError;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The embedded knowledge-base table.
const BUILTIN_TEXT: &str = include_str!("../../../kb/fips.tsv");

/// The file name under which the embedded table reports its lines.
const BUILTIN_FILE: &str = "kb/fips.tsv";

/// The column header every table has (after comments).
const HEADER: [&str; 5] = ["iso3", "fips", "name", "kind", "places"];

/// The version comment a table may start with; another version is refused.
const VERSION_PREFIX: &str = "# detente-fips ";

/// The format version this module reads.
pub const FORMAT_VERSION: u32 = 1;

/// How a row relates its ISO code to its FIPS code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FipsKind {
    /// The FIPS entity matching the ISO code; no two `own` rows share a FIPS code.
    Own,
    /// FIPS has no code of its own for the ISO entity: the row gives the entity it is
    /// written under (Aland → Finland `FI`).
    Parent,
    /// Some places of the ISO country belong to another FIPS entity (the Gaza Strip `GZ`
    /// within Palestine, whose own row is the West Bank `WE`).
    Place,
}

impl FipsKind {
    /// The kind as written in the file: `own`, `parent`, `place`.
    pub fn as_str(self) -> &'static str {
        match self {
            FipsKind::Own => "own",
            FipsKind::Parent => "parent",
            FipsKind::Place => "place",
        }
    }
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FipsEntry {
    /// ISO 3166-1 alpha-3 code (`"DEU"`).
    pub iso3: Box<str>,
    /// FIPS 10-4 code (`"GM"`).
    pub fips: Box<str>,
    /// English name of the FIPS entity (`"Germany"`), as GDELT's `Geo_FullName` ends.
    pub name: Box<str>,
    /// How the ISO and FIPS codes relate.
    pub kind: FipsKind,
    /// For [`FipsKind::Place`]: the gazetteer place names the row covers.
    pub places: Vec<Box<str>>,
    /// 1-based line of the file.
    pub line: u32,
}

/// A parsed table, indexed by ISO code. Immutable once built; share it across threads.
#[derive(Clone, Debug, Default)]
pub struct Fips {
    file: Box<str>,
    entries: Vec<FipsEntry>,
    /// ISO code → index of its `own` or `parent` row.
    by_iso: HashMap<Box<str>, usize>,
    /// (ISO code, lower-case place name) → index of a `place` row.
    by_place: HashMap<(Box<str>, String), usize>,
}

impl Fips {
    /// Parses a table (format in `kb/README.md`); `file` names it in error messages.
    ///
    /// Every line is read even after an error; on error the [`FipsError`] lists each bad
    /// line and carries the table made of the good ones.
    ///
    /// ```
    /// use detente_doc::fips::Fips;
    ///
    /// let text = "iso3\tfips\tname\tkind\tplaces\nDEU\tGM\tGermany\town\t-\n";
    /// let fips = Fips::parse(text, "my.tsv").unwrap();
    /// assert_eq!(fips.code("DEU"), Some("GM"));
    /// ```
    pub fn parse(text: &str, file: &str) -> Result<Fips, FipsError> {
        let mut fips = Fips {
            file: file.into(),
            ..Fips::default()
        };
        let mut errors = Vec::new();
        let mut seen_header = false;
        // FIPS code → line of the `own` row that took it.
        let mut own_codes: HashMap<Box<str>, u32> = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let invalid = |message: String| DocError::Invalid {
                file: file.to_string(),
                line: line_no as usize,
                message,
            };
            if let Some(version) = line.strip_prefix(VERSION_PREFIX) {
                if i == 0 && version.trim() != FORMAT_VERSION.to_string() {
                    errors.push(invalid(format!(
                        "format version {:?} is not supported (this program reads {FORMAT_VERSION})",
                        version.trim()
                    )));
                    break;
                }
                continue;
            }
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if !seen_header {
                seen_header = true;
                if cols != HEADER {
                    errors.push(invalid(format!(
                        "expected the header line {:?}",
                        HEADER.join("\t")
                    )));
                }
                continue;
            }
            match parse_row(&cols, line_no) {
                Ok(entry) => {
                    let index = fips.entries.len();
                    match entry.kind {
                        FipsKind::Place => {
                            for place in &entry.places {
                                let key = (entry.iso3.clone(), place.to_lowercase());
                                if fips.by_place.insert(key, index).is_some() {
                                    errors.push(invalid(format!(
                                        "place {place:?} of {} is written twice",
                                        entry.iso3
                                    )));
                                }
                            }
                        }
                        FipsKind::Own | FipsKind::Parent => {
                            if let Some(&other) = fips.by_iso.get(&entry.iso3) {
                                let first = fips.entries[other].line;
                                errors.push(invalid(format!(
                                    "ISO code {} already has a row at line {first}",
                                    entry.iso3
                                )));
                                continue;
                            }
                            if entry.kind == FipsKind::Own {
                                if let Some(first) = own_codes.get(&entry.fips) {
                                    errors.push(invalid(format!(
                                        "FIPS code {} is already the own code of line {first} \
                                         (write kind \"parent\" for an entity without its own code)",
                                        entry.fips
                                    )));
                                    continue;
                                }
                                own_codes.insert(entry.fips.clone(), line_no);
                            }
                            fips.by_iso.insert(entry.iso3.clone(), index);
                        }
                    }
                    fips.entries.push(entry);
                }
                Err(message) => errors.push(invalid(message)),
            }
        }
        if !seen_header && errors.is_empty() {
            errors.push(DocError::Invalid {
                file: file.to_string(),
                line: text.lines().count().max(1),
                message: "no header line and no rows".to_string(),
            });
        }
        // A `parent` row points at an entity that has its own row; a `place` row names an
        // entity of its own, which no `own` row may have taken.
        for entry in &fips.entries {
            let message = match (entry.kind, own_codes.get(&entry.fips)) {
                (FipsKind::Parent, None) => {
                    format!("FIPS code {} (parent) is no row's own code", entry.fips)
                }
                (FipsKind::Place, Some(first)) => format!(
                    "FIPS code {} (place) is already the own code of line {first}",
                    entry.fips
                ),
                _ => continue,
            };
            errors.push(DocError::Invalid {
                file: file.to_string(),
                line: entry.line as usize,
                message,
            });
        }
        if errors.is_empty() {
            Ok(fips)
        } else {
            errors.sort_by_key(|e| e.line());
            Err(FipsError {
                errors,
                partial: Box::new(fips),
            })
        }
    }

    /// The embedded table (`kb/fips.tsv`), parsed once.
    pub fn builtin() -> &'static Fips {
        static BUILTIN: OnceLock<Fips> = OnceLock::new();
        // The embedded file is tested to parse without error; were it ever broken, the good
        // rows are still used rather than stopping the program.
        BUILTIN.get_or_init(|| {
            Fips::parse(BUILTIN_TEXT, BUILTIN_FILE).unwrap_or_else(FipsError::into_partial)
        })
    }

    /// The `own` or `parent` row of an ISO alpha-3 code (upper case).
    pub fn entry(&self, iso3: &str) -> Option<&FipsEntry> {
        self.by_iso.get(iso3).map(|&i| &self.entries[i])
    }

    /// The FIPS code of an ISO alpha-3 code (`"GBR"` → `"UK"`).
    pub fn code(&self, iso3: &str) -> Option<&str> {
        self.entry(iso3).map(|e| &*e.fips)
    }

    /// The row for a named place of a country: the `place` row that lists the name (case
    /// insensitive), else the country's own or parent row (`("PSE", "Rafah")` → `GZ`,
    /// `("PSE", "Nablus")` → `WE`).
    pub fn for_place(&self, iso3: &str, place: &str) -> Option<&FipsEntry> {
        self.by_place
            .get(&(Box::from(iso3), place.to_lowercase()))
            .map(|&i| &self.entries[i])
            .or_else(|| self.entry(iso3))
    }

    /// Every row, in file order.
    pub fn entries(&self) -> &[FipsEntry] {
        &self.entries
    }

    /// The file name given to [`Fips::parse`].
    pub fn file(&self) -> &str {
        &self.file
    }
}

/// One data row, or what is wrong with it.
fn parse_row(cols: &[&str], line: u32) -> Result<FipsEntry, String> {
    if cols.len() != HEADER.len() {
        return Err(format!(
            "expected {} tab-separated columns, found {}",
            HEADER.len(),
            cols.len()
        ));
    }
    let iso3 = cols[0].trim();
    if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("ISO code {iso3:?} is not three capital letters"));
    }
    let code = cols[1].trim();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("FIPS code {code:?} is not two capital letters"));
    }
    let name = cols[2].trim();
    if name.is_empty() {
        return Err("empty name".to_string());
    }
    let kind = match cols[3].trim() {
        "own" => FipsKind::Own,
        "parent" => FipsKind::Parent,
        "place" => FipsKind::Place,
        other => return Err(format!("kind {other:?} is not own, parent or place")),
    };
    let places: Vec<Box<str>> = match cols[4].trim() {
        "-" | "" => Vec::new(),
        list => list
            .split('|')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Box::from)
            .collect(),
    };
    match (kind, places.is_empty()) {
        (FipsKind::Place, true) => return Err("a place row lists no places".to_string()),
        (FipsKind::Own | FipsKind::Parent, false) => {
            return Err(format!(
                "only a place row lists places (write \"-\" for a {} row)",
                kind.as_str()
            ))
        }
        _ => {}
    }
    Ok(FipsEntry {
        iso3: iso3.into(),
        fips: code.into(),
        name: name.into(),
        kind,
        places,
        line,
    })
}

/// The bad lines of a table, with the table made of the good ones.
#[derive(Debug)]
pub struct FipsError {
    errors: Vec<DocError>,
    partial: Box<Fips>,
}

impl FipsError {
    /// Each bad line (file, line, what is wrong), in line order.
    pub fn errors(&self) -> &[DocError] {
        &self.errors
    }

    /// The table made of the good lines.
    pub fn partial(&self) -> &Fips {
        &self.partial
    }

    /// The table made of the good lines, by value.
    pub fn into_partial(self) -> Fips {
        *self.partial
    }
}

impl fmt::Display for FipsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FipsError {}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_dict::gazetteer::{Gazetteer, PlaceKind};
    use std::collections::BTreeSet;

    const HEAD: &str = "iso3\tfips\tname\tkind\tplaces\n";

    /// The ISO codes of the countries and territories section of the actor dictionary.
    fn kb_country_codes() -> BTreeSet<String> {
        let text = include_str!("../../../kb/native/countries.actors.kb");
        let start = text
            .find("# COUNTRIES AND TERRITORIES")
            .expect("countries section");
        let rest = &text[start..];
        let end = rest
            .find("# INSTITUTIONS THAT STAND FOR A SECTOR")
            .expect("section after the countries");
        rest[..end]
            .lines()
            .filter_map(|l| l.trim().strip_prefix("code "))
            .map(str::trim)
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
            .map(String::from)
            .collect()
    }

    #[test]
    fn builtin_parses_without_error() {
        if let Err(e) = Fips::parse(BUILTIN_TEXT, BUILTIN_FILE) {
            panic!("{e}");
        }
    }

    #[test]
    fn every_country_of_the_actor_kb_has_a_fips_code() {
        let codes = kb_country_codes();
        assert!(codes.len() >= 249, "only {} codes found", codes.len());
        let fips = Fips::builtin();
        let missing: Vec<_> = codes.iter().filter(|c| fips.code(c).is_none()).collect();
        assert!(missing.is_empty(), "no FIPS code for {missing:?}");
    }

    #[test]
    fn every_gazetteer_country_has_a_fips_code() {
        let fips = Fips::builtin();
        let missing: BTreeSet<_> = Gazetteer::builtin()
            .places()
            .iter()
            .filter(|p| fips.code(&p.country).is_none())
            .map(|p| p.country.to_string())
            .collect();
        assert!(missing.is_empty(), "no FIPS code for {missing:?}");
    }

    #[test]
    fn own_codes_are_unique_and_shared_codes_point_at_one() {
        let fips = Fips::builtin();
        let mut seen = BTreeSet::new();
        for e in fips.entries().iter().filter(|e| e.kind == FipsKind::Own) {
            assert!(
                seen.insert(&*e.fips),
                "{} is the own code of two rows",
                e.fips
            );
        }
        for e in fips.entries() {
            match e.kind {
                FipsKind::Own => {}
                FipsKind::Parent => {
                    assert!(
                        seen.contains(&*e.fips),
                        "{} of {} has no own row",
                        e.fips,
                        e.iso3
                    )
                }
                FipsKind::Place => {
                    assert!(
                        !seen.contains(&*e.fips),
                        "{} of {} is taken",
                        e.fips,
                        e.iso3
                    )
                }
            }
        }
    }

    #[test]
    fn place_rows_name_gazetteer_places_of_their_country() {
        let gazetteer = Gazetteer::builtin();
        for e in Fips::builtin()
            .entries()
            .iter()
            .filter(|e| e.kind == FipsKind::Place)
        {
            for name in &e.places {
                assert!(
                    gazetteer
                        .lookup_all(name)
                        .any(|p| *p.country == *e.iso3 && *p.name == **name),
                    "{name} ({}) is not a gazetteer place",
                    e.iso3
                );
            }
        }
        // And the gazetteer's own Gaza Strip region resolves to GZ.
        let gaza = gazetteer
            .lookup_all("Gaza Strip")
            .find(|p| p.kind == PlaceKind::Region)
            .expect("Gaza Strip in the gazetteer");
        assert_eq!(
            Fips::builtin()
                .for_place(&gaza.country, &gaza.name)
                .map(|e| &*e.fips),
            Some("GZ")
        );
    }

    #[test]
    fn codes_that_differ_from_iso_alpha2() {
        let fips = Fips::builtin();
        for (iso, code) in [
            ("DEU", "GM"),
            ("GBR", "UK"),
            ("RUS", "RS"),
            ("CHN", "CH"),
            ("ISR", "IS"),
            ("SYR", "SY"),
            ("IRQ", "IZ"),
            ("ESP", "SP"),
            ("AUT", "AU"),
            ("AUS", "AS"),
            ("UKR", "UP"),
            ("XKX", "KV"),
            ("SSD", "OD"),
        ] {
            assert_eq!(fips.code(iso), Some(code), "{iso}");
        }
        assert_eq!(fips.code("ALA"), Some("FI"));
        assert_eq!(fips.for_place("PSE", "rafah").map(|e| &*e.fips), Some("GZ"));
        assert_eq!(
            fips.for_place("PSE", "Nablus").map(|e| &*e.fips),
            Some("WE")
        );
        assert_eq!(fips.code("ZZZ"), None);
    }

    #[test]
    fn bad_lines_are_reported_with_file_and_line_and_the_rest_kept() {
        let text = format!(
            "{HEAD}DEU\tGM\tGermany\town\t-\nGBR\tU\tUnited Kingdom\town\t-\n\
             AUT\tGM\tAustria\town\t-\nALA\tFI\tAland\tparent\t-\nFRA\tFR\tFrance\tmine\t-\n\
             RUS\tRS\tRussia\town\nISR\tIS\tIsrael\town\t-\n\
             PSE\tIS\tGaza\tplace\tGaza\n"
        );
        let err = Fips::parse(&text, "t.tsv").unwrap_err();
        let messages: Vec<String> = err.errors().iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 6, "{messages:#?}");
        assert!(
            messages[0].starts_with("t.tsv:3: FIPS code \"U\""),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].starts_with("t.tsv:4: FIPS code GM is already"),
            "{}",
            messages[1]
        );
        assert!(
            messages[2].starts_with("t.tsv:5: FIPS code FI (parent)"),
            "{}",
            messages[2]
        );
        assert!(
            messages[3].starts_with("t.tsv:6: kind \"mine\""),
            "{}",
            messages[3]
        );
        assert!(
            messages[4].starts_with("t.tsv:7: expected 5"),
            "{}",
            messages[4]
        );
        assert!(
            messages[5].starts_with("t.tsv:9: FIPS code IS (place) is already"),
            "{}",
            messages[5]
        );
        assert_eq!(err.partial().code("DEU"), Some("GM"));
        assert_eq!(err.partial().code("AUT"), None);
    }

    #[test]
    fn wrong_header_and_version_are_refused() {
        let err = Fips::parse("iso\tfips\nDEU\tGM\tGermany\town\t-\n", "h.tsv").unwrap_err();
        assert!(err.to_string().starts_with("h.tsv:1: expected the header"));
        let err = Fips::parse("# detente-fips 9\n", "v.tsv").unwrap_err();
        assert!(err.to_string().contains("version \"9\""));
        assert!(Fips::parse("", "e.tsv").is_err());
    }
}

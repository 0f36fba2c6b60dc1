//! The gazetteer: named places (capitals and large cities, countries and territories, a few
//! regions) with their country and coordinates, and a case-insensitive look-up of their names.
//!
//! The data is a text file of the knowledge base, `kb/gazetteer.tsv` (format in
//! `kb/README.md`, section "Gazetteer"), embedded in the binary ([`Gazetteer::builtin`]) and
//! replaceable by a user's own file ([`Gazetteer::parse`]). Parsing reads every line and reports
//! each bad one with file and line ([`GazetteerError`]), keeping the good ones.
//!
//! A compiled [`Gazetteer`] answers two questions: which place a name denotes
//! ([`Gazetteer::lookup`]) and which place name starts at a given word of a sentence
//! ([`Gazetteer::match_words`], longest name first). When a name is written for several places
//! (Tripoli in Libya and Lebanon) the ambiguity rule picks a capital first, then the larger
//! population class, then the line written first.
//!
//! This module knows nothing of sentences: finding places in text (after "in", in datelines,
//! ...) is `detente-doc`'s job (`places`).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// The embedded knowledge-base gazetteer.
const BUILTIN_TEXT: &str = include_str!("../../../kb/gazetteer.tsv");

/// The file name under which the embedded gazetteer reports its lines.
const BUILTIN_FILE: &str = "kb/gazetteer.tsv";

/// The column header every gazetteer file has (after comments).
const HEADER: [&str; 8] = [
    "name",
    "alt_names",
    "country",
    "lat",
    "lon",
    "capital",
    "pop_class",
    "kind",
];

/// The version comment a gazetteer file may start with; another version is refused.
const VERSION_PREFIX: &str = "# detente-gazetteer ";

/// The format version this module reads.
pub const FORMAT_VERSION: u32 = 1;

/// The largest population class (`4`: ten million people or more).
pub const MAX_POP_CLASS: u8 = 4;

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A city or town.
    City,
    /// A country or territory of ISO 3166-1 (coordinates: a rough centre).
    Country,
    /// A part of a country that news names as a place (Crimea, Darfur).
    Region,
}

impl PlaceKind {
    /// The kind as written in the file: `city`, `country`, `region`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
        }
    }
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The usual English name (`"Kyiv"`).
    pub name: Box<str>,
    /// Other names (`["Kiev", "Kyyiv"]`).
    pub alt_names: Vec<Box<str>>,
    /// ISO 3166-1 alpha-3 code of the country (`"UKR"`; `"XKX"` for Kosovo).
    pub country: Box<str>,
    /// Latitude in decimal degrees, north positive.
    pub lat: f32,
    /// Longitude in decimal degrees, east positive.
    pub lon: f32,
    /// Whether the place is a capital (of its country or territory).
    pub capital: bool,
    /// Rough population (of the urban area, for a city): 0 under 100 thousand, 1 under a
    /// million, 2 under five million, 3 under ten million, 4 ten million or more.
    pub pop_class: u8,
    /// City, country or region.
    pub kind: PlaceKind,
    /// 1-based line of the file the place was read from.
    pub line: u32,
}

impl Place {
    /// The place's names: the primary name, then the alternative ones.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.name).chain(self.alt_names.iter().map(|n| &**n))
    }
}

/// A place name found in a list of words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Index of the place in [`Gazetteer::places`].
    pub place: u32,
    /// Number of words the name covers.
    pub len: usize,
}

/// A parsed gazetteer with its name index. Immutable once built; share it across threads.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    file: Arc<str>,
    places: Vec<Place>,
    /// Normalised name → places, best first (the ambiguity rule).
    index: HashMap<Box<str>, Vec<u32>>,
    /// The most words any name has.
    max_words: usize,
    /// Every prefix of a name that ends at a word boundary ("ho", "ho chi", "ho chi minh"):
    /// a lookup stops as soon as its words start no name.
    prefixes: std::collections::HashSet<Box<str>>,
}

impl Gazetteer {
    /// Parses a gazetteer file (format in `kb/README.md`); `file` names it in error messages.
    ///
    /// Every line is read even after an error. On error the [`GazetteerError`] lists each bad
    /// line and still carries the gazetteer made of the good lines
    /// ([`GazetteerError::partial`]).
    ///
    /// ```
    /// use detente_dict::gazetteer::Gazetteer;
    ///
    /// let text = "name\talt_names\tcountry\tlat\tlon\tcapital\tpop_class\tkind\n\
    ///             Kyiv\tKiev\tUKR\t50.45\t30.52\tyes\t2\tcity\n";
    /// let g = Gazetteer::parse(text, "my.tsv").unwrap();
    /// assert_eq!(&*g.lookup("KIEV").unwrap().country, "UKR");
    /// ```
    pub fn parse(text: &str, file: &str) -> Result<Gazetteer, GazetteerError> {
        let file: Arc<str> = Arc::from(file);
        let mut places = Vec::new();
        let mut errors = Vec::new();
        let mut seen_header = false;
        let mut last_line = 0u32;
        // (normalised name, country, kind) → line, to report a place written twice. A city
        // and a country may share a name (Singapore).
        let mut seen: HashMap<(String, Box<str>, PlaceKind), u32> = HashMap::new();

        for (i, raw) in text.lines().enumerate() {
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            last_line = line_no;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let err = |kind| GazetteerLineError {
                file: file.clone(),
                line: line_no,
                kind,
            };
            if let Some(v) = line.strip_prefix(VERSION_PREFIX) {
                if i == 0 && v.trim() != FORMAT_VERSION.to_string() {
                    errors.push(err(LineErrorKind::Version(v.trim().into())));
                    break;
                }
                continue;
            }
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if !seen_header {
                seen_header = true;
                let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
                if cols != HEADER {
                    errors.push(err(LineErrorKind::Header(line.into())));
                }
                continue;
            }
            match parse_line(line, line_no) {
                Ok(place) => {
                    let key = (normalize(&place.name), place.country.clone(), place.kind);
                    if let Some(&first) = seen.get(&key) {
                        errors.push(err(LineErrorKind::Duplicate {
                            name: place.name.clone(),
                            first,
                        }));
                        continue;
                    }
                    seen.insert(key, line_no);
                    places.push(place);
                }
                Err(kinds) => errors.extend(kinds.into_iter().map(err)),
            }
        }
        if !seen_header && errors.is_empty() {
            errors.push(GazetteerLineError {
                file: file.clone(),
                line: last_line + 1,
                kind: LineErrorKind::MissingHeader,
            });
        }
        let gazetteer = Gazetteer::new(file, places);
        if errors.is_empty() {
            Ok(gazetteer)
        } else {
            Err(GazetteerError {
                errors,
                partial: gazetteer,
            })
        }
    }

    /// Builds the name index over `places`.
    fn new(file: Arc<str>, places: Vec<Place>) -> Gazetteer {
        let mut index: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut prefixes = std::collections::HashSet::new();
        let mut max_words = 0;
        for (i, place) in places.iter().enumerate() {
            for name in place.names() {
                let key = normalize(name);
                if key.is_empty() {
                    continue;
                }
                max_words = max_words.max(key.split(' ').count());
                for (at, _) in key.match_indices(' ') {
                    prefixes.insert(key[..at].into());
                }
                let ids = index.entry(key.into_boxed_str()).or_default();
                // A place listing the same name twice (accent-folded alternatives) once.
                if ids.last() != Some(&(i as u32)) {
                    ids.push(i as u32);
                }
            }
        }
        for ids in index.values_mut() {
            // Stable sort: among equals the line written first stays first.
            ids.sort_by_key(|&i| {
                let p = &places[i as usize];
                (!p.capital, std::cmp::Reverse(p.pop_class))
            });
        }
        Gazetteer {
            file,
            places,
            index,
            max_words,
            prefixes,
        }
    }

    /// The gazetteer embedded from `kb/gazetteer.tsv`, parsed once on first use.
    ///
    /// # Panics
    ///
    /// If the embedded file does not parse. Its unit tests parse it with zero errors, so a
    /// build that passed them never panics here.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| match Gazetteer::parse(BUILTIN_TEXT, BUILTIN_FILE) {
            Ok(g) => g,
            Err(e) => panic!("the embedded gazetteer is invalid:\n{e}"),
        })
    }

    /// The place a name denotes (any case, blanks collapsed, Latin accents optional), by the
    /// ambiguity rule: a capital first, then the larger population class, then file order.
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        self.lookup_all(name).next()
    }

    /// Every place a name denotes, best first (see [`Gazetteer::lookup`]).
    pub fn lookup_all(&self, name: &str) -> impl Iterator<Item = &Place> {
        self.index
            .get(normalize(name).as_str())
            .map(|ids| ids.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&i| &self.places[i as usize])
    }

    /// The longest place name that starts at `words[start]` (words as tokens: `"St."`,
    /// `"Petersburg"`), with the best place it denotes. `None` when `start` is out of range or
    /// no name starts there.
    pub fn match_words(&self, words: &[&str], start: usize) -> Option<GazetteerMatch> {
        if start >= words.len() {
            return None;
        }
        let longest = self.max_words.min(words.len() - start);
        let mut key = String::new();
        let mut best = None;
        for len in 1..=longest {
            if len > 1 {
                key.push(' ');
            }
            let word = words[start + len - 1];
            if !word.is_empty() && word.bytes().all(|b| b.is_ascii_graphic() && b != b'`') {
                // What `normalize` makes of it (`fold` maps the backtick, nothing else
                // ASCII), without a string per word.
                key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                let w = normalize(word);
                if w.is_empty() {
                    break;
                }
                key.push_str(&w);
            }
            if let Some(ids) = self.index.get(key.as_str()) {
                best = Some(GazetteerMatch { place: ids[0], len });
            }
            if !self.prefixes.contains(key.as_str()) {
                break;
            }
        }
        best
    }

    /// The places in file order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place at `index` (as in [`GazetteerMatch::place`]).
    pub fn place(&self, index: u32) -> Option<&Place> {
        self.places.get(index as usize)
    }

    /// The number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether the gazetteer has no places.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The file name the gazetteer was parsed from.
    pub fn file(&self) -> &str {
        &self.file
    }
}

/// The look-up form of a name: lower case, Latin accents removed, typographic apostrophes as
/// `'`, runs of blanks as one space, trimmed.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut blank = false;
    for c in name.trim().chars() {
        if c.is_whitespace() {
            blank = true;
            continue;
        }
        if blank && !out.is_empty() {
            out.push(' ');
        }
        blank = false;
        match fold(c) {
            Some(s) => out.push_str(s),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The ASCII form of a Latin letter with a diacritic (lower case), or of a typographic
/// apostrophe; `None` for any other character.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => "a",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę'
        | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "i",
        'ł' | 'ľ' | 'Ł' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'ơ' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
        | 'Ō' | 'Ő' | 'Ơ' => "o",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ư' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű'
        | 'Ư' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ầ' | 'ấ' | 'ậ' | 'ạ' | 'ả' => "a",
        '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}' => "'",
        _ => return None,
    })
}

/// Parses one data line, returning every problem found on it.
fn parse_line(line: &str, line_no: u32) -> Result<Place, Vec<LineErrorKind>> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cols.len() != HEADER.len() {
        return Err(vec![LineErrorKind::Columns(cols.len())]);
    }
    let mut errors = Vec::new();
    let name = cols[0];
    if name.is_empty() || name == "-" {
        errors.push(LineErrorKind::EmptyName);
    }
    let alt_names: Vec<Box<str>> = if cols[1] == "-" || cols[1].is_empty() {
        Vec::new()
    } else {
        let alts: Vec<Box<str>> = cols[1].split('|').map(|a| a.trim().into()).collect();
        if alts.iter().any(|a| a.is_empty()) {
            errors.push(LineErrorKind::EmptyAltName(cols[1].into()));
        }
        alts
    };
    let country = cols[2];
    if !(country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase())) {
        errors.push(LineErrorKind::Country(country.into()));
    }
    let coord = |text: &str, limit: f32, errors: &mut Vec<LineErrorKind>, which| match text
        .parse::<f32>()
    {
        Ok(v) if v.is_finite() && (-limit..=limit).contains(&v) => v,
        _ => {
            errors.push(LineErrorKind::Coordinate {
                which,
                text: text.into(),
            });
            0.0
        }
    };
    let lat = coord(cols[3], 90.0, &mut errors, "latitude");
    let lon = coord(cols[4], 180.0, &mut errors, "longitude");
    let capital = match cols[5] {
        "yes" => true,
        "no" => false,
        other => {
            errors.push(LineErrorKind::Capital(other.into()));
            false
        }
    };
    let pop_class = match cols[6].parse::<u8>() {
        Ok(p) if p <= MAX_POP_CLASS => p,
        _ => {
            errors.push(LineErrorKind::PopClass(cols[6].into()));
            0
        }
    };
    let kind = match cols[7] {
        "city" => PlaceKind::City,
        "country" => PlaceKind::Country,
        "region" => PlaceKind::Region,
        other => {
            errors.push(LineErrorKind::Kind(other.into()));
            PlaceKind::City
        }
    };
    if errors.is_empty() {
        Ok(Place {
            name: name.into(),
            alt_names,
            country: country.into(),
            lat,
            lon,
            capital,
            pop_class,
            kind,
            line: line_no,
        })
    } else {
        Err(errors)
    }
}

/// A gazetteer file with at least one bad line: every bad line, and the gazetteer made of the
/// good ones.
#[derive(Debug)]
pub struct GazetteerError {
    errors: Vec<GazetteerLineError>,
    partial: Gazetteer,
}

impl GazetteerError {
    /// Every bad line, in line order (a line with several problems appears once for each).
    pub fn errors(&self) -> &[GazetteerLineError] {
        &self.errors
    }

    /// The gazetteer made of the lines that parsed.
    pub fn partial(&self) -> &Gazetteer {
        &self.partial
    }

    /// Takes the gazetteer made of the lines that parsed.
    pub fn into_partial(self) -> Gazetteer {
        self.partial
    }
}

impl fmt::Display for GazetteerError {
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

impl std::error::Error for GazetteerError {}

/// One bad line of a gazetteer file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct GazetteerLineError {
    /// The file as given to [`Gazetteer::parse`].
    pub file: Arc<str>,
    /// 1-based line number.
    pub line: u32,
    /// What is wrong.
    pub kind: LineErrorKind,
}

/// What is wrong with a gazetteer line.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LineErrorKind {
    /// The version comment names a version this module does not read.
    #[error("gazetteer format version \"{0}\" is not supported (expected {FORMAT_VERSION})")]
    Version(Box<str>),
    /// The first non-comment line is not the column header.
    #[error("expected the header \"name<TAB>alt_names<TAB>country<TAB>lat<TAB>lon<TAB>capital<TAB>pop_class<TAB>kind\", found \"{0}\"")]
    Header(Box<str>),
    /// The file has no header line.
    #[error("no header line")]
    MissingHeader,
    /// A data line without eight tab-separated columns.
    #[error("expected 8 tab-separated columns, found {0}")]
    Columns(usize),
    /// The name column is empty.
    #[error("empty name")]
    EmptyName,
    /// An empty name among the `|`-separated alternative names.
    #[error("empty alternative name in \"{0}\"")]
    EmptyAltName(Box<str>),
    /// The country is not three upper-case letters.
    #[error("country \"{0}\" is not an ISO 3166-1 alpha-3 code")]
    Country(Box<str>),
    /// A latitude or longitude that is not a number in range.
    #[error("{which} \"{text}\" is not a number in range")]
    Coordinate {
        /// `latitude` or `longitude`.
        which: &'static str,
        /// The column as written.
        text: Box<str>,
    },
    /// The capital column is neither `yes` nor `no`.
    #[error("capital \"{0}\" is neither yes nor no")]
    Capital(Box<str>),
    /// The population class is not 0 to 4.
    #[error("population class \"{0}\" is not 0 to {MAX_POP_CLASS}")]
    PopClass(Box<str>),
    /// The kind is not `city`, `country` or `region`.
    #[error("kind \"{0}\" is not city, country or region")]
    Kind(Box<str>),
    /// The same name, country and kind written twice; the second line is dropped.
    #[error("{name} is written twice for its country and kind (first at line {first})")]
    Duplicate {
        /// The place's name.
        name: Box<str>,
        /// The line of the first definition.
        first: u32,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::NativeLoader;
    use std::collections::HashSet;

    const HEAD: &str = "name\talt_names\tcountry\tlat\tlon\tcapital\tpop_class\tkind\n";

    fn parse_ok(body: &str) -> Gazetteer {
        Gazetteer::parse(&format!("{HEAD}{body}"), "t.tsv").unwrap()
    }

    /// ISO codes known to the countries dictionary: the default codes of its actors that are
    /// three letters and head a country entry (`# AFG Afghanistan -- capital Kabul`), which
    /// leaves out the CAMEO regional codes (AFR, EUR, ...).
    fn iso_codes() -> HashSet<String> {
        let text = include_str!("../../../kb/native/countries.actors.kb");
        let mut loader = NativeLoader::new();
        loader.file(text, "countries.actors.kb");
        let (dict, errors) = loader.finish();
        assert!(errors.is_empty(), "{errors:?}");
        let codes: HashSet<String> = dict
            .actors
            .iter()
            .flat_map(|a| a.codes_on(20200101).iter())
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
            .map(|c| c.to_string())
            .collect();
        let headed: HashSet<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter_map(|l| l.split(' ').next())
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
            .map(str::to_string)
            .collect();
        codes.intersection(&headed).cloned().collect()
    }

    #[test]
    fn builtin_parses_without_errors() {
        let g = Gazetteer::parse(BUILTIN_TEXT, BUILTIN_FILE);
        assert!(g.is_ok(), "{}", g.unwrap_err());
        assert!(Gazetteer::builtin().len() >= 500);
    }

    #[test]
    fn builtin_countries_are_iso_codes_of_the_actor_dictionary() {
        let iso = iso_codes();
        assert!(iso.len() > 240, "only {} codes found", iso.len());
        for p in Gazetteer::builtin().places() {
            assert!(
                iso.contains(&*p.country),
                "line {}: {} has unknown country {}",
                p.line,
                p.name,
                p.country
            );
        }
    }

    #[test]
    fn builtin_has_a_capital_for_every_country_whose_entry_names_one() {
        let text = include_str!("../../../kb/native/countries.actors.kb");
        let g = Gazetteer::builtin();
        let with_capital: HashSet<&str> = g
            .places()
            .iter()
            .filter(|p| p.capital)
            .map(|p| &*p.country)
            .collect();
        let mut missing = Vec::new();
        for l in text.lines() {
            let Some(rest) = l.strip_prefix("# ") else {
                continue;
            };
            let code = rest.split(' ').next().unwrap_or("");
            if code.len() == 3 && rest.contains("-- capital ") && !with_capital.contains(code) {
                missing.push(code);
            }
        }
        assert!(missing.is_empty(), "no capital for {missing:?}");
    }

    #[test]
    fn builtin_has_every_country_of_the_actor_dictionary() {
        let g = Gazetteer::builtin();
        let present: HashSet<&str> = g.places().iter().map(|p| &*p.country).collect();
        let mut missing: Vec<String> = iso_codes()
            .into_iter()
            .filter(|c| !present.contains(c.as_str()))
            .collect();
        missing.sort();
        assert!(missing.is_empty(), "no place for {missing:?}");
        assert_eq!(g.lookup("Burma").unwrap().kind, PlaceKind::Country);
        assert_eq!(&*g.lookup("Burma").unwrap().country, "MMR");
        assert_eq!(&*g.lookup("Crimea").unwrap().country, "UKR");
        // A city-state's name is the capital city first.
        assert_eq!(g.lookup("Singapore").unwrap().kind, PlaceKind::City);
        assert_eq!(g.lookup_all("Singapore").count(), 2);
    }

    #[test]
    fn builtin_coordinates_in_range_and_plausible() {
        for p in Gazetteer::builtin().places() {
            assert!((-90.0..=90.0).contains(&p.lat), "{}", p.name);
            assert!((-180.0..=180.0).contains(&p.lon), "{}", p.name);
            assert!(p.pop_class <= MAX_POP_CLASS);
        }
        // Hemispheres of a few places, as a check on sign mistakes.
        let g = Gazetteer::builtin();
        let at = |n: &str| g.lookup(n).unwrap();
        assert!(at("Buenos Aires").lat < 0.0 && at("Buenos Aires").lon < 0.0);
        assert!(at("Sydney").lat < 0.0 && at("Sydney").lon > 0.0);
        assert!(at("Tokyo").lat > 0.0 && at("Tokyo").lon > 0.0);
        assert!(at("Chicago").lat > 0.0 && at("Chicago").lon < 0.0);
        assert!(at("Jakarta").lat < 0.0);
    }

    #[test]
    fn builtin_coordinates_fall_in_the_countrys_rough_box() {
        // Rough bounding boxes (lat min, lat max, lon min, lon max) of large countries,
        // written independently of the file, to catch swapped or mistyped coordinates.
        let boxes: [(&str, f32, f32, f32, f32); 12] = [
            ("USA", 18.0, 72.0, -180.0, -65.0),
            ("CHN", 18.0, 54.0, 73.0, 135.0),
            ("IND", 6.0, 36.0, 68.0, 98.0),
            ("RUS", 41.0, 82.0, 19.0, 180.0),
            ("BRA", -34.0, 6.0, -74.0, -34.0),
            ("DEU", 47.0, 55.5, 5.5, 15.5),
            ("JPN", 24.0, 46.0, 122.0, 146.0),
            ("MEX", 14.0, 33.0, -118.0, -86.0),
            ("IDN", -11.0, 6.0, 95.0, 141.0),
            ("NGA", 4.0, 14.0, 2.5, 15.0),
            ("IRN", 25.0, 40.0, 44.0, 64.0),
            ("AUS", -44.0, -10.0, 112.0, 154.0),
        ];
        for p in Gazetteer::builtin().places() {
            if let Some(&(_, a, b, c, d)) = boxes.iter().find(|x| x.0 == &*p.country) {
                assert!(
                    (a..=b).contains(&p.lat) && (c..=d).contains(&p.lon),
                    "line {}: {} ({}, {}) outside {}",
                    p.line,
                    p.name,
                    p.lat,
                    p.lon,
                    p.country
                );
            }
        }
    }

    #[test]
    fn builtin_has_the_cities_of_a_million_or_more() {
        // Issue 4 asks for every city of a million people or more: about 550 urban areas.
        let g = Gazetteer::builtin();
        let big = g
            .places()
            .iter()
            .filter(|p| p.kind == PlaceKind::City && p.pop_class >= 2)
            .count();
        assert!(big >= 550, "only {big} cities of population class 2 and up");
        // Cities added for the issue, found by another name.
        assert_eq!(g.lookup("Quilon").unwrap().name.as_ref(), "Kollam");
        assert_eq!(g.lookup("Al-Ahsa").unwrap().name.as_ref(), "Hofuf");
        assert_eq!(&*g.lookup("Huaian").unwrap().country, "CHN");
        assert_eq!(&*g.lookup("Tangerang Selatan").unwrap().country, "IDN");
    }

    #[test]
    fn builtin_lookups() {
        let g = Gazetteer::builtin();
        assert_eq!(g.lookup("Kiev").unwrap().name.as_ref(), "Kyiv");
        assert_eq!(g.lookup("bombay").unwrap().name.as_ref(), "Mumbai");
        assert_eq!(g.lookup("PEKING").unwrap().name.as_ref(), "Beijing");
        assert_eq!(&*g.lookup("Pristina").unwrap().country, "XKX");
        assert_eq!(&*g.lookup("Ramallah").unwrap().country, "PSE");
        // The ambiguity rule: capitals first, then the larger population class.
        assert_eq!(&*g.lookup("Tripoli").unwrap().country, "LBY");
        assert_eq!(&*g.lookup("Hyderabad").unwrap().country, "IND");
        assert_eq!(&*g.lookup("Valencia").unwrap().country, "ESP");
        assert_eq!(g.lookup_all("Tripoli").count(), 2);
        // Accents are optional; blanks collapse.
        assert_eq!(g.lookup("Zürich").unwrap().name.as_ref(), "Zurich");
        assert_eq!(g.lookup("  new   york ").unwrap().name.as_ref(), "New York");
        assert!(g.lookup("Atlantis").is_none());
        assert!(g.lookup("").is_none());
    }

    #[test]
    fn every_country_has_at_most_a_few_capitals() {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for p in Gazetteer::builtin().places().iter().filter(|p| p.capital) {
            *count.entry(&p.country).or_default() += 1;
        }
        for (c, n) in count {
            assert!(n <= 3, "{c} has {n} capitals");
        }
    }

    #[test]
    fn match_words_longest_first() {
        let g = Gazetteer::builtin();
        let words = ["talks", "in", "Ho", "Chi", "Minh", "City", "today"];
        let m = g.match_words(&words, 2).unwrap();
        assert_eq!(m.len, 4);
        assert_eq!(g.place(m.place).unwrap().name.as_ref(), "Ho Chi Minh City");
        let words = ["St.", "Petersburg"];
        let m = g.match_words(&words, 0).unwrap();
        assert_eq!((m.len, &*g.place(m.place).unwrap().country), (2, "RUS"));
        // "New York" beats "York"-less prefixes; "New" alone is no place.
        assert_eq!(g.match_words(&["New", "York"], 0).unwrap().len, 2);
        assert!(g.match_words(&["New", "ideas"], 0).is_none());
        assert!(g.match_words(&["Berlin"], 1).is_none());
        assert!(g.match_words(&[], 0).is_none());
    }

    #[test]
    fn match_words_folds_as_normalize_does() {
        let g = Gazetteer::builtin();
        // ASCII words take a shortcut past `normalize`: the same places either way.
        for words in [
            &["NUKU'ALOFA"][..],
            &["Nuku`alofa"],
            &["Nuku\u{2019}alofa"],
            &["S\u{e3}o", "Paulo"],
            &["SAO", "PAULO"],
            &["St.", "Petersburg"],
            &["İstanbul"],
        ] {
            let joined = words
                .iter()
                .map(|w| normalize(w))
                .collect::<Vec<_>>()
                .join(" ");
            let m = g.match_words(words, 0).map(|m| (m.place, m.len));
            let expected = g.lookup(&joined).map(|p| p.name.clone());
            assert_eq!(
                m.map(|(p, _)| g.place(p).unwrap().name.clone()),
                expected,
                "{words:?}"
            );
            assert!(m.is_some(), "{words:?} is a place");
        }
    }

    #[test]
    fn ambiguity_rule() {
        let g = parse_ok(
            "Springfield\t-\tAAA\t1\t1\tno\t1\tcity\n\
             Springfield\t-\tBBB\t2\t2\tno\t3\tcity\n\
             Springfield\t-\tCCC\t3\t3\tyes\t0\tcity\n\
             Portville\t-\tAAA\t1\t1\tno\t1\tcity\n\
             Portville\t-\tDDD\t1\t1\tno\t1\tcity\n",
        );
        let order: Vec<&str> = g.lookup_all("springfield").map(|p| &*p.country).collect();
        assert_eq!(order, ["CCC", "BBB", "AAA"]);
        assert_eq!(&*g.lookup("Portville").unwrap().country, "AAA");
    }

    #[test]
    fn errors_name_file_and_line_and_keep_good_lines() {
        let text = format!(
            "# detente-gazetteer 1\n# comment\n{HEAD}\
             Good\t-\tAAA\t1.5\t2.5\tyes\t2\tcity\n\
             TooFew\tAAA\n\
             BadLat\t-\tAAA\t91\t0\tno\t1\tcity\n\
             BadLon\t-\tAAA\t0\tabc\tno\t1\tcity\n\
             BadCountry\t-\tabcd\t0\t0\tno\t1\tcity\n\
             BadCapital\t-\tAAA\t0\t0\tmaybe\t1\tcity\n\
             BadPop\t-\tAAA\t0\t0\tno\t9\tcity\n\
             BadAlt\tx||y\tAAA\t0\t0\tno\t1\tcity\n\
             \t-\tAAA\t0\t0\tno\t1\tcity\n\
             Good\t-\tAAA\t1.5\t2.5\tyes\t2\tcity\n\
             NaN\t-\tAAA\tNaN\t0\tno\t1\tcity\n\
             BadKind\t-\tAAA\t0\t0\tno\t1\tplanet\n"
        );
        let e = Gazetteer::parse(&text, "g.tsv").unwrap_err();
        let lines: Vec<u32> = e.errors().iter().map(|e| e.line).collect();
        assert_eq!(lines, [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        assert_eq!(e.partial().len(), 1);
        let msg = e.to_string();
        assert!(msg.contains("g.tsv:6: latitude \"91\""), "{msg}");
        assert!(msg.contains("g.tsv:13: Good is written twice"), "{msg}");
        assert!(msg.contains("g.tsv:5: expected 8"), "{msg}");
        assert!(msg.contains("g.tsv:15: kind \"planet\""), "{msg}");
    }

    #[test]
    fn header_and_version_required() {
        let e = Gazetteer::parse("Kyiv\t-\tUKR\t1\t1\tyes\t1\tcity\n", "x").unwrap_err();
        assert!(matches!(e.errors()[0].kind, LineErrorKind::Header(_)));
        let e = Gazetteer::parse("# only a comment\n", "x").unwrap_err();
        assert_eq!(e.errors()[0].kind, LineErrorKind::MissingHeader);
        let e = Gazetteer::parse(&format!("# detente-gazetteer 2\n{HEAD}"), "x").unwrap_err();
        assert!(matches!(e.errors()[0].kind, LineErrorKind::Version(_)));
        assert!(Gazetteer::parse(HEAD, "x").unwrap().is_empty());
    }

    #[test]
    fn random_input_never_panics() {
        // A small xorshift generator: deterministic, no dependency.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = [
            'a', 'Z', '\t', '\n', '|', '-', '1', '.', ' ', '#', 'é', '9', 'y',
        ];
        for _ in 0..500 {
            let len = (next() % 200) as usize;
            let mut s = String::from(if next() % 2 == 0 { HEAD } else { "" });
            for _ in 0..len {
                s.push(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            let g = match Gazetteer::parse(&s, "fuzz") {
                Ok(g) => g,
                Err(e) => e.into_partial(),
            };
            let words: Vec<&str> = s.split_whitespace().collect();
            for i in 0..=words.len() {
                let _ = g.match_words(&words, i);
            }
            let _ = g.lookup(&s);
        }
    }

    #[test]
    fn normalize_folds() {
        assert_eq!(normalize("  São   Paulo "), "sao paulo");
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("Nuku\u{2019}alofa"), "nuku'alofa");
        assert_eq!(normalize("İstanbul"), "istanbul");
        assert_eq!(normalize(""), "");
    }
}

//! The CAMEO event codebook: every CAMEO event code with its name, Goldstein weight, QuadClass
//! and the PLOVER event type and mode an event with that code is reported as.
//!
//! The codebook is a text file of the knowledge base, `kb/cameo.codebook.tsv` (format in
//! `kb/README.md`), embedded in the binary ([`Codebook::builtin`]) and replaceable by a user's
//! own file ([`Codebook::parse`]). Dictionaries produce CAMEO codes; the coder looks each one up
//! with [`Codebook::classify`], which falls back to the nearest parent code, so that every
//! event gets a Goldstein value, a QuadClass and (where PLOVER has one) a PLOVER type even when
//! a dictionary writes a code the codebook does not list.
//!
//! This module knows nothing of sentences or dictionaries: it reads one file and answers
//! look-ups.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// The sixteen PLOVER event types (2021 names), in the ontology's order from cooperation to
/// conflict.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// Older PLOVER type names and the 2021 names they became. [`Codebook::parse`] accepts them
/// and stores the 2021 name, so that a codebook written for an older PLOVER draft still loads.
const PLOVER_ALIASES: [(&str, &str); 4] = [
    ("DEMAND", "REQUEST"),
    ("DISAPPROVE", "ACCUSE"),
    ("INVESTIGATE", "ACCUSE"),
    ("FIGHT", "ASSAULT"),
];

/// The header line every codebook file starts with (after comments and blank lines).
const HEADER: [&str; 6] = [
    "code",
    "name",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
];

/// The embedded knowledge-base codebook.
const BUILTIN_TEXT: &str = include_str!("../../../kb/cameo.codebook.tsv");

/// The file name under which the embedded codebook reports its lines.
const BUILTIN_FILE: &str = "kb/cameo.codebook.tsv";

/// One CAMEO event code and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code as written: two digits for a root (`"19"`), three or four for an event
    /// (`"190"`, `"0874"`).
    pub code: Box<str>,
    /// Short English name, e.g. `"Host a visit"`.
    pub name: Box<str>,
    /// Weight on the Goldstein conflict-cooperation scale, from -10 (most conflictual) to +10
    /// (most cooperative).
    pub goldstein: f32,
    /// 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08), 3 verbal conflict
    /// (09-13), 4 material conflict (14-20).
    pub quad_class: u8,
    /// The PLOVER event type (one of [`PLOVER_TYPES`]), or `None` where PLOVER has no type
    /// for the code (plain statements such as `010`).
    pub plover: Option<Box<str>>,
    /// The PLOVER mode within the type (e.g. `"visit"` for CONSULT), or `None` when the code
    /// does not single one out.
    pub plover_mode: Option<Box<str>>,
}

impl CameoCode {
    /// The code's root: its first two digits (`"0874"` → `"08"`).
    pub fn root(&self) -> &str {
        &self.code[..2]
    }
}

/// A parsed codebook: the codes in file order, indexed by code.
///
/// Build one with [`Codebook::parse`] or take the embedded one with [`Codebook::builtin`]; it
/// is immutable afterwards and cheap to share across threads.
#[derive(Clone, Debug, Default)]
pub struct Codebook {
    file: Arc<str>,
    codes: Vec<CameoCode>,
    index: HashMap<Box<str>, usize>,
}

impl Codebook {
    /// Parses a codebook file (format in `kb/README.md`); `file` is the name used in error
    /// messages.
    ///
    /// Every line is read even after an error, so that one run reports every bad line. On
    /// error the [`CodebookError`] lists each bad line (file, 1-based line number, what is
    /// wrong) and still carries the partial codebook made of the good lines
    /// ([`CodebookError::partial`]), for callers that prefer to warn and go on.
    ///
    /// Checks: the header line; six tab-separated columns; a code of 2 to 4 digits whose root
    /// is 01-20 and is itself defined in the file; no code defined twice; a non-empty name; a
    /// Goldstein value from -10 to 10; a quad class that agrees with the root; a PLOVER type
    /// that is one of [`PLOVER_TYPES`] (older names such as `DEMAND` are accepted and stored
    /// under their 2021 name); no mode without a type.
    ///
    /// ```
    /// use detente_dict::codebook::Codebook;
    ///
    /// let text = "code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\n\
    ///             04\tConsult\t1.0\t1\tCONSULT\t\n\
    ///             042\tMake a visit\t1.9\t1\tCONSULT\tvisit\n";
    /// let book = Codebook::parse(text, "my.codebook.tsv").unwrap();
    /// assert_eq!(book.get("042").unwrap().goldstein, 1.9);
    /// ```
    pub fn parse(text: &str, file: &str) -> Result<Codebook, CodebookError> {
        let file: Arc<str> = Arc::from(file);
        let mut book = Codebook {
            file: file.clone(),
            codes: Vec::new(),
            index: HashMap::new(),
        };
        let mut errors: Vec<LineError> = Vec::new();
        // 1-based line at which each kept code was written, parallel to `book.codes`.
        let mut lines: Vec<u32> = Vec::new();
        let mut seen_header = false;
        let mut last_line = 0u32;

        for (i, raw) in text.lines().enumerate() {
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            last_line = line_no;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |kind| LineError {
                file: file.clone(),
                line: line_no,
                kind,
            };
            if !seen_header {
                seen_header = true;
                let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
                if cols != HEADER {
                    errors.push(err(LineErrorKind::Header(line.into())));
                }
                continue;
            }
            match parse_line(line) {
                Ok(code) => {
                    if let Some(&first) = book.index.get(&code.code) {
                        errors.push(err(LineErrorKind::Duplicate {
                            code: code.code.clone(),
                            first: lines[first],
                        }));
                        continue;
                    }
                    book.index.insert(code.code.clone(), book.codes.len());
                    book.codes.push(code);
                    lines.push(line_no);
                }
                Err(kinds) => errors.extend(kinds.into_iter().map(err)),
            }
        }
        if !seen_header {
            errors.push(LineError {
                file: file.clone(),
                line: last_line + 1,
                kind: LineErrorKind::MissingHeader,
            });
        }

        // Whole-file check: every code's root is defined. The orphan is reported (it is the
        // line that needs the root) but kept in the partial codebook.
        for (code, &line) in book.codes.iter().zip(&lines) {
            if code.code.len() > 2 && !book.index.contains_key(code.root()) {
                errors.push(LineError {
                    file: file.clone(),
                    line,
                    kind: LineErrorKind::MissingRoot {
                        code: code.code.clone(),
                        root: code.root().into(),
                    },
                });
            }
        }

        if errors.is_empty() {
            Ok(book)
        } else {
            errors.sort_by_key(|e| e.line);
            Err(CodebookError {
                errors,
                partial: book,
            })
        }
    }

    /// The codebook embedded from `kb/cameo.codebook.tsv`, parsed once on first use.
    ///
    /// # Panics
    ///
    /// If the embedded file does not parse. Its unit tests parse it with zero errors, so a
    /// build that passed them never panics here.
    pub fn builtin() -> &'static Codebook {
        static BUILTIN: OnceLock<Codebook> = OnceLock::new();
        BUILTIN.get_or_init(|| match Codebook::parse(BUILTIN_TEXT, BUILTIN_FILE) {
            Ok(book) => book,
            Err(e) => panic!("the embedded CAMEO codebook is invalid:\n{e}"),
        })
    }

    /// The entry for exactly `code` (e.g. `"0874"`), if the codebook lists it.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.index.get(code).map(|&i| &self.codes[i])
    }

    /// The entry that describes `code`: the code itself if listed, otherwise its nearest
    /// listed parent.
    ///
    /// Only the leading digits count (`"075A"` reads as `"075"`), and the digits are shortened
    /// one at a time (`"0874"` → `"087"`). A bare or unknown-below root goes to the root's
    /// "not specified below" code, `"x0"`, because that is the code an event carries
    /// (`"19"` → `"190"`, `"099"` → `"090"`); the root line itself answers only when that
    /// code is missing. `None` when `code` does not start with at least two digits or its root
    /// is unknown.
    pub fn classify(&self, code: &str) -> Option<&CameoCode> {
        let code = code.trim_start();
        let digits = code.bytes().take_while(u8::is_ascii_digit).count();
        if digits < 2 {
            return None;
        }
        let code = &code[..digits];
        for len in (3..=digits).rev() {
            if let Some(entry) = self.get(&code[..len]) {
                return Some(entry);
            }
        }
        let root = &code[..2];
        self.get(&format!("{root}0")).or_else(|| self.get(root))
    }

    /// The codes in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, CameoCode> {
        self.codes.iter()
    }

    /// The number of codes (roots included).
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the codebook has no codes.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The file name the codebook was parsed from, as given to [`Codebook::parse`].
    pub fn file(&self) -> &str {
        &self.file
    }
}

impl<'a> IntoIterator for &'a Codebook {
    type Item = &'a CameoCode;
    type IntoIter = std::slice::Iter<'a, CameoCode>;

    fn into_iter(self) -> Self::IntoIter {
        self.codes.iter()
    }
}

/// The quad class CAMEO assigns to a root (`1..=20`), or `None` outside the roots.
fn quad_class_of_root(root: u8) -> Option<u8> {
    match root {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

/// Parses one data line, returning every problem found on it.
fn parse_line(line: &str) -> Result<CameoCode, Vec<LineErrorKind>> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cols.len() != HEADER.len() {
        return Err(vec![LineErrorKind::Columns(cols.len())]);
    }
    let mut errors = Vec::new();

    let code = cols[0];
    let root = if (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
        code[..2]
            .parse::<u8>()
            .ok()
            .filter(|r| quad_class_of_root(*r).is_some())
    } else {
        None
    };
    if root.is_none() {
        errors.push(LineErrorKind::Code(code.into()));
    }

    let name = cols[1];
    if name.is_empty() {
        errors.push(LineErrorKind::EmptyName);
    }

    let goldstein = match cols[2].parse::<f32>() {
        Ok(g) if (-10.0..=10.0).contains(&g) => g,
        _ => {
            errors.push(LineErrorKind::Goldstein(cols[2].into()));
            0.0
        }
    };

    let quad_class = match cols[3].parse::<u8>() {
        Ok(q @ 1..=4) => {
            if let Some(expected) = root.and_then(quad_class_of_root) {
                if q != expected {
                    errors.push(LineErrorKind::QuadClassMismatch {
                        found: q,
                        root: code[..2].into(),
                        expected,
                    });
                }
            }
            q
        }
        _ => {
            errors.push(LineErrorKind::QuadClass(cols[3].into()));
            0
        }
    };

    let plover = match cols[4] {
        "" => None,
        t => match canonical_plover_type(t) {
            Some(t) => Some(Box::from(t)),
            None => {
                errors.push(LineErrorKind::PloverType(t.into()));
                None
            }
        },
    };
    let plover_mode = match cols[5] {
        "" => None,
        m => {
            if cols[4].is_empty() {
                errors.push(LineErrorKind::ModeWithoutType(m.into()));
            }
            Some(Box::from(m))
        }
    };

    if errors.is_empty() {
        Ok(CameoCode {
            code: code.into(),
            name: name.into(),
            goldstein,
            quad_class,
            plover,
            plover_mode,
        })
    } else {
        Err(errors)
    }
}

/// The 2021 name of a PLOVER type written as `name` (a 2021 name or an older alias).
fn canonical_plover_type(name: &str) -> Option<&'static str> {
    PLOVER_TYPES
        .iter()
        .copied()
        .find(|t| *t == name)
        .or_else(|| {
            PLOVER_ALIASES
                .iter()
                .find(|(old, _)| *old == name)
                .map(|(_, new)| *new)
        })
}

/// A codebook file with at least one bad line: every bad line, and the codebook made of the
/// good ones.
#[derive(Debug)]
pub struct CodebookError {
    errors: Vec<LineError>,
    partial: Codebook,
}

impl CodebookError {
    /// Every bad line, in line order (a line with several problems appears once for each).
    pub fn errors(&self) -> &[LineError] {
        &self.errors
    }

    /// The codebook made of the lines that parsed.
    pub fn partial(&self) -> &Codebook {
        &self.partial
    }

    /// Takes the codebook made of the lines that parsed.
    pub fn into_partial(self) -> Codebook {
        self.partial
    }
}

impl fmt::Display for CodebookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        write!(
            f,
            "{n} error{} in CAMEO codebook",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.errors {
            write!(f, "\n{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CodebookError {}

/// One problem on one line of a codebook file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct LineError {
    /// The file name given to [`Codebook::parse`].
    pub file: Arc<str>,
    /// 1-based line number.
    pub line: u32,
    /// What is wrong.
    pub kind: LineErrorKind,
}

/// What is wrong with a codebook line.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LineErrorKind {
    /// The first line that is not a comment is not the header.
    #[error(
        "expected the header `code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode`, \
         found {0:?}"
    )]
    Header(Box<str>),
    /// The file has no header (it is empty or all comments).
    #[error("no header line: the file has no codes")]
    MissingHeader,
    /// Not six tab-separated columns.
    #[error("expected 6 tab-separated columns, found {0}")]
    Columns(usize),
    /// The code is not 2 to 4 digits with a root from 01 to 20.
    #[error("bad CAMEO code {0:?}: expected 2 to 4 digits with a root from 01 to 20")]
    Code(Box<str>),
    /// The code was already defined.
    #[error("code {code} is already defined on line {first}")]
    Duplicate {
        /// The repeated code.
        code: Box<str>,
        /// The line of its first definition.
        first: u32,
    },
    /// The name column is empty.
    #[error("empty name")]
    EmptyName,
    /// The Goldstein value is not a number from -10 to 10.
    #[error("bad Goldstein value {0:?}: expected a number from -10 to 10")]
    Goldstein(Box<str>),
    /// The quad class is not 1, 2, 3 or 4.
    #[error("bad quad class {0:?}: expected 1, 2, 3 or 4")]
    QuadClass(Box<str>),
    /// The quad class disagrees with the code's root.
    #[error("quad class {found} disagrees with root {root}, whose quad class is {expected}")]
    QuadClassMismatch {
        /// The quad class written.
        found: u8,
        /// The code's root.
        root: Box<str>,
        /// The quad class CAMEO gives the root.
        expected: u8,
    },
    /// The PLOVER type is not one of the sixteen (nor an older name of one).
    #[error("unknown PLOVER type {0:?}: expected one of {types}", types = PLOVER_TYPES.join(", "))]
    PloverType(Box<str>),
    /// A PLOVER mode is given without a PLOVER type.
    #[error("PLOVER mode {0:?} given without a PLOVER type")]
    ModeWithoutType(Box<str>),
    /// The code's root has no line of its own.
    #[error("the root {root} of code {code} is not defined")]
    MissingRoot {
        /// The code whose root is missing.
        code: Box<str>,
        /// The missing root.
        root: Box<str>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\n";

    fn book() -> &'static Codebook {
        Codebook::builtin()
    }

    #[test]
    fn builtin_parses_without_errors() {
        if let Err(e) = Codebook::parse(BUILTIN_TEXT, BUILTIN_FILE) {
            panic!("{e}");
        }
        assert_eq!(book().file(), BUILTIN_FILE);
    }

    #[test]
    fn builtin_is_complete() {
        assert!(book().len() >= 280, "only {} codes", book().len());
        for root in 1..=20 {
            let root = format!("{root:02}");
            assert!(book().get(&root).is_some(), "root {root} missing");
            assert!(book().get(&format!("{root}0")).is_some(), "{root}0 missing");
        }
        for code in [
            "010", "019", "0214", "0256", "0344", "046", "057", "064", "075", "0874", "094",
            "1056", "108", "1125", "116", "1246", "129", "1385", "139", "1454", "154", "1663",
            "1724", "176", "1833", "186", "1952", "196", "2042",
        ] {
            assert!(book().get(code).is_some(), "{code} missing");
        }
    }

    #[test]
    fn every_root_exists_and_quads_agree() {
        for c in book() {
            let root = book()
                .get(c.root())
                .unwrap_or_else(|| panic!("root of {}", c.code));
            let r: u8 = c.root().parse().unwrap();
            assert_eq!(c.quad_class, quad_class_of_root(r).unwrap(), "{}", c.code);
            assert_eq!(c.quad_class, root.quad_class, "{}", c.code);
            assert!(c.code.starts_with(&*root.code));
        }
    }

    #[test]
    fn every_parent_exists() {
        // A four-digit code sits under a listed three-digit code.
        for c in book().iter().filter(|c| c.code.len() == 4) {
            assert!(book().get(&c.code[..3]).is_some(), "parent of {}", c.code);
        }
    }

    #[test]
    fn plover_types_are_the_sixteen_and_all_used() {
        for c in book() {
            if let Some(t) = &c.plover {
                assert!(PLOVER_TYPES.contains(&&**t), "{}: {t}", c.code);
            }
        }
        for t in PLOVER_TYPES {
            assert!(
                book().iter().any(|c| c.plover.as_deref() == Some(t)),
                "{t} unused"
            );
        }
    }

    /// Every (type, mode) pair used is a mode of that type in kb/plover.codebook.tsv, and
    /// every type there is one of the sixteen.
    #[test]
    fn plover_modes_match_the_plover_codebook() {
        let text = include_str!("../../../kb/plover.codebook.tsv");
        let mut types = Vec::new();
        let mut modes = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .skip(1)
        {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "{line:?}");
            match cols[0] {
                "type" => types.push(cols[1]),
                "mode" => modes.push((cols[2], cols[1])),
                "alias" | "context" => {}
                k => panic!("unknown kind {k:?}"),
            }
        }
        assert_eq!(types, PLOVER_TYPES);
        for c in book() {
            if let (Some(t), Some(m)) = (&c.plover, &c.plover_mode) {
                assert!(
                    modes.contains(&(&**t, &**m)),
                    "{}: {t} has no mode {m}",
                    c.code
                );
            }
        }
    }

    #[test]
    fn goldstein_spot_checks() {
        let expected = [
            ("010", 0.0),
            ("020", 3.0),
            ("036", 4.0),
            ("040", 1.0),
            ("042", 1.9),
            ("043", 2.8),
            ("051", 3.4),
            ("057", 8.0),
            ("061", 6.4),
            ("070", 7.0),
            ("081", 5.0),
            ("0874", 10.0),
            ("090", -2.0),
            ("111", -2.0),
            ("112", -2.0),
            ("120", -4.0),
            ("130", -4.4),
            ("138", -7.0),
            ("141", -6.5),
            ("150", -7.2),
            ("160", -4.0),
            ("163", -8.0),
            ("173", -5.0),
            ("180", -9.0),
            ("190", -10.0),
            ("195", -10.0),
            ("200", -10.0),
        ];
        for (code, g) in expected {
            assert_eq!(book().get(code).unwrap().goldstein, g, "{code}");
        }
    }

    #[test]
    fn plover_spot_checks() {
        let expected = [
            ("010", None, None),
            ("020", Some("REQUEST"), None),
            ("036", Some("AGREE"), None),
            ("042", Some("CONSULT"), Some("visit")),
            ("057", Some("SUPPORT"), None),
            ("0813", Some("CONCEDE"), None),
            ("0841", Some("RETREAT"), Some("release")),
            ("091", Some("ACCUSE"), Some("investigate")),
            ("1053", Some("REQUEST"), Some("yield")),
            ("112", Some("ACCUSE"), Some("allege")),
            ("125", Some("REJECT"), Some("meet")),
            ("1382", Some("THREATEN"), Some("territory")),
            ("145", Some("PROTEST"), Some("riot")),
            ("154", Some("MOBILIZE"), Some("troops")),
            ("163", Some("SANCTION"), Some("discontinue")),
            ("173", Some("COERCE"), Some("arrest")),
            ("1831", Some("ASSAULT"), Some("suicide-attack")),
            ("195", Some("ASSAULT"), Some("aerial")),
            ("2042", Some("ASSAULT"), Some("unconventional")),
        ];
        for (code, t, m) in expected {
            let c = book().get(code).unwrap();
            assert_eq!(c.plover.as_deref(), t, "{code}");
            assert_eq!(c.plover_mode.as_deref(), m, "{code}");
        }
    }

    #[test]
    fn classify_falls_back_to_the_nearest_parent() {
        let b = book();
        let code = |c: &str| b.classify(c).map(|e| &*e.code);
        assert_eq!(code("0874"), Some("0874"));
        assert_eq!(code("0875"), Some("087"));
        assert_eq!(code("075A"), Some("075"));
        assert_eq!(code(" 1823 "), Some("1823"));
        assert_eq!(code("19"), Some("190"));
        assert_eq!(code("099"), Some("090"));
        assert_eq!(code("09999"), Some("090"));
        assert_eq!(code("043:042"), Some("043"));
        assert_eq!(code("21"), None);
        assert_eq!(code("7"), None);
        assert_eq!(code("---"), None);
        assert_eq!(code(""), None);
        // The fallback carries everything an event needs.
        let c = b.classify("1724X").unwrap();
        assert_eq!(
            (c.goldstein, c.quad_class, c.plover.as_deref()),
            (-5.0, 4, Some("COERCE"))
        );
    }

    #[test]
    fn classify_uses_the_root_line_when_x0_is_missing() {
        let text = format!(
            "{HEAD}19\tFight\t-10\t4\tASSAULT\t\n193\tSmall arms\t-10\t4\tASSAULT\tfirearms\n"
        );
        let b = Codebook::parse(&text, "t.tsv").unwrap();
        assert_eq!(b.classify("19").map(|c| &*c.code), Some("19"));
        assert_eq!(b.classify("1931").map(|c| &*c.code), Some("193"));
    }

    #[test]
    fn malformed_lines_are_reported_with_their_numbers() {
        let text = format!(
            "# comment\n{HEAD}\
             04\tConsult\t1.0\t1\tCONSULT\t\n\
             042\tMake a visit\t1.9\t1\tCONSULT\tvisit\n\
             043\tHost a visit\tlots\t1\tCONSULT\tvisit\n\
             044\tThird location\t2.5\t1\n\
             042\tAgain\t1.9\t1\tCONSULT\t\n\
             045\tMediate\t5.0\t3\tNEGOTIATE\t\n\
             191\tBlockade\t-9.5\t4\tCOERCE\trestrict\n\
             21\tNo such root\t0\t4\t\t\n\
             046\tNegotiate\t7.0\t1\t\tmeet\n"
        );
        let err = Codebook::parse(&text, "user.tsv").unwrap_err();
        let got: Vec<(u32, &LineErrorKind)> =
            err.errors().iter().map(|e| (e.line, &e.kind)).collect();
        assert_eq!(
            got,
            vec![
                (5, &LineErrorKind::Goldstein("lots".into())),
                (6, &LineErrorKind::Columns(4)),
                (
                    7,
                    &LineErrorKind::Duplicate {
                        code: "042".into(),
                        first: 4
                    }
                ),
                (
                    8,
                    &LineErrorKind::QuadClassMismatch {
                        found: 3,
                        root: "04".into(),
                        expected: 1
                    }
                ),
                (8, &LineErrorKind::PloverType("NEGOTIATE".into())),
                (
                    9,
                    &LineErrorKind::MissingRoot {
                        code: "191".into(),
                        root: "19".into()
                    }
                ),
                (10, &LineErrorKind::Code("21".into())),
                (11, &LineErrorKind::ModeWithoutType("meet".into())),
            ]
        );
        // The good lines are kept; the orphan 191 is kept too, since only its root is missing.
        let partial = err.partial();
        assert!(partial.get("042").is_some() && partial.get("191").is_some());
        assert!(partial.get("043").is_none() && partial.get("045").is_none());
        // Messages name the file and line.
        let msg = err.to_string();
        assert!(msg.starts_with("8 errors in CAMEO codebook\n"), "{msg}");
        assert!(
            msg.contains("user.tsv:5: bad Goldstein value \"lots\""),
            "{msg}"
        );
    }

    #[test]
    fn header_is_required() {
        let err = Codebook::parse("04\tConsult\t1.0\t1\tCONSULT\t\n", "x.tsv").unwrap_err();
        assert!(matches!(err.errors()[0].kind, LineErrorKind::Header(_)));
        assert_eq!(err.errors()[0].line, 1);
        let err = Codebook::parse("# only a comment\n", "x.tsv").unwrap_err();
        assert_eq!(err.errors()[0].kind, LineErrorKind::MissingHeader);
        assert_eq!(err.errors()[0].line, 2);
    }

    #[test]
    fn older_plover_names_and_crlf_are_accepted() {
        let text = format!("{HEAD}10\tDemand\t-5\t3\tDEMAND\t\n19\tFight\t-10\t4\tFIGHT\t\n")
            .replace('\n', "\r\n");
        let b = Codebook::parse(&text, "old.tsv").unwrap();
        assert_eq!(b.get("10").unwrap().plover.as_deref(), Some("REQUEST"));
        assert_eq!(b.get("19").unwrap().plover.as_deref(), Some("ASSAULT"));
        assert_eq!(b.len(), 2);
    }
}

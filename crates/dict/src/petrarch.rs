//! The PETRARCH/TABARI dictionary importer.
//!
//! Reads the five dictionary kinds documented in PETRARCH's `dictionaries.rst` (verbs with
//! synsets, patterns and transformations; actors; agents; discards; issues) into the
//! [`crate::model`], then compiles them ([`PetrarchLoader::finish`]). Like a gitignore
//! builder, the loader reads every line and keeps going: each malformed line is reported as a
//! [`DictError`] with file and line, and everything else still loads.
//!
//! # Format decisions
//! Where the spec is silent or the real files depart from it, we read them as follows.
//! - **Comments**: `#` to the end of the line, except inside a code such as `[###]`;
//!   `<!-- ... -->` comments may span lines (a line beginning with `<!` opens one, the first
//!   line containing `-->` closes it); `;` ends actor and verb lines (TABARI
//!   `JOHN_KERRY_  ; CountryInfo.txt`).
//! - **Actors**: words joined by `_` or blanks are consecutive. Following TABARI (and the
//!   model), the last word of a phrase written without a trailing `_` is a stem
//!   (`ARGENTIN` matches "Argentina"); the other words are exact, and so is a last word of
//!   fewer than 4 characters (acronyms: as stems `PLA` and `PLO` would match "plan" and
//!   "plot"). PETRARCH itself does not stem, and the Phoenix files were written for it:
//!   [`PetrarchLoader::actor_stems`]`(false)` makes every word exact. Codes may follow the
//!   phrase on the same line, several of them (`[IGOUNO 820101-911231] [ELI]`), or stand on
//!   their own lines; `[A/B]` gives several codes at once; `[---]` and `[+++]` are the null
//!   code, stored as no code at all. Dates are `YYYYMMDD` or `YYMMDD` with a pivot: `YY >= 30`
//!   is 19YY, else 20YY (the files write 8-digit dates for the 1920s). Blanks inside a
//!   restriction are ignored (`[HOB < 950601]`). A restriction with a malformed date (7 or
//!   more than 8 digits, a lone date without `<`, `>` or `-`, a range ending before it
//!   starts) is reported and dropped.
//! - **Agents**: words are exact (PETRARCH generates plurals instead of stemming: stems such
//!   as `MAN` or `DOC` would match "many" and "document"); a blank between words allows up
//!   to [`crate::MAX_GAP`] words between them, `_` none. `[~LEG}` is read as `[~LEG]`.
//! - **Plurals** (synsets, agents, `n:` issues): English rules, `ES` after SS/SH/CH/X/Z,
//!   `IES` after consonant + Y, else `S` (the spec's "IES after any Y" would give
//!   `ATTORNIES`); a word ending in a single S is taken to be plural already (`TROOPS`).
//! - **Verbs**: `{...}` lists every other form (so `{}` means the base form only); without
//!   braces the regular forms are generated (base, `-S`, `-ED`, `-ING`). A multi-word verb
//!   with no `+` takes its first word as the verb (`LASH OUT`). A block header's first code
//!   is its code (`--- DELAY [120] [031:031] ---`); the closing `---` is optional. Codes are
//!   kept as written (`[075A]`, `[210a]`, `[080!]`, `[###]`); `---` is the null code.
//! - **Patterns**: `_` joins an element to its neighbour, also across a blank (`IN_ *` is
//!   `IN_*`). Synset names may contain `_` (`&FIGHT_OF_WORDS`): the longest defined name
//!   wins. In `{...}` and `(...)` synset references and `$ + % ^` stay words
//!   (see [`crate::Dictionaries::synset_id`]).
//! - **Issues**: a phrase without a code inside `<ISSUE CATEGORY="X">` takes `X` as its code;
//!   several `phrase [CODE]` on one line are several entries; `~` and `~~` both mark ignore
//!   phrases; `_` separates words.

mod actors;
mod lists;
mod verbs;

use std::path::Path;
use std::sync::Arc;

use crate::compile::FxHashMap;
use crate::model::{Phrase, PhraseWord, Provenance, SynsetId};
use crate::{DictError, Dictionaries, DictionaryData};

/// Builds [`Dictionaries`] from PETRARCH/TABARI dictionary files.
///
/// Add files in any order, except that a verb file's synsets are visible only to the verb
/// files added after them; then call [`PetrarchLoader::finish`].
#[derive(Debug)]
pub struct PetrarchLoader {
    data: DictionaryData,
    errors: Vec<DictError>,
    actor_stems: bool,
    synset_ids: FxHashMap<Box<str>, SynsetId>,
    substitutions: FxHashMap<Box<str>, Vec<Box<str>>>,
}

impl Default for PetrarchLoader {
    fn default() -> Self {
        PetrarchLoader::new()
    }
}

impl PetrarchLoader {
    /// An empty loader.
    pub fn new() -> Self {
        PetrarchLoader {
            data: DictionaryData::default(),
            errors: Vec::new(),
            actor_stems: false,
            synset_ids: FxHashMap::default(),
            substitutions: FxHashMap::default(),
        }
    }

    /// Whether an actor phrase's last word without a trailing `_` is a stem (TABARI) or
    /// exact (PETRARCH, the default: the Phoenix files were written for it, and stems such
    /// as `GERA` or `ADEN` misfire on "Gerald" and "Adenauer"). Applies to actor files
    /// added afterwards.
    pub fn actor_stems(&mut self, stems: bool) -> &mut Self {
        self.actor_stems = stems;
        self
    }

    /// Adds a verb dictionary (synsets, verb blocks, patterns, transformations).
    pub fn verbs(&mut self, text: &str, file: &str) -> &mut Self {
        verbs::load(self, text, file);
        self
    }

    /// Adds an actor dictionary.
    pub fn actors(&mut self, text: &str, file: &str) -> &mut Self {
        actors::load_actors(self, text, file);
        self
    }

    /// Adds an agent dictionary.
    pub fn agents(&mut self, text: &str, file: &str) -> &mut Self {
        actors::load_agents(self, text, file);
        self
    }

    /// Adds a discard list.
    pub fn discards(&mut self, text: &str, file: &str) -> &mut Self {
        lists::load_discards(self, text, file);
        self
    }

    /// Adds an issue list.
    pub fn issues(&mut self, text: &str, file: &str) -> &mut Self {
        lists::load_issues(self, text, file);
        self
    }

    /// Reads and adds a verb dictionary file; an unreadable file is reported.
    pub fn verbs_path(&mut self, path: &Path) -> &mut Self {
        self.with_file(path, Self::verbs)
    }

    /// Reads and adds an actor dictionary file; an unreadable file is reported.
    pub fn actors_path(&mut self, path: &Path) -> &mut Self {
        self.with_file(path, Self::actors)
    }

    /// Reads and adds an agent dictionary file; an unreadable file is reported.
    pub fn agents_path(&mut self, path: &Path) -> &mut Self {
        self.with_file(path, Self::agents)
    }

    /// Reads and adds a discard list file; an unreadable file is reported.
    pub fn discards_path(&mut self, path: &Path) -> &mut Self {
        self.with_file(path, Self::discards)
    }

    /// Reads and adds an issue list file; an unreadable file is reported.
    pub fn issues_path(&mut self, path: &Path) -> &mut Self {
        self.with_file(path, Self::issues)
    }

    fn with_file(
        &mut self,
        path: &Path,
        add: for<'a> fn(&'a mut Self, &str, &str) -> &'a mut Self,
    ) -> &mut Self {
        let name = path.display().to_string();
        match read_text(path) {
            Ok(text) => add(self, &text, &name),
            Err(source) => {
                self.errors.push(DictError::Io {
                    file: name.into(),
                    source,
                });
                self
            }
        }
    }

    /// The errors reported so far.
    pub fn errors(&self) -> &[DictError] {
        &self.errors
    }

    /// Compiles what was loaded; returns it with every error reported.
    pub fn finish(self) -> (Dictionaries, Vec<DictError>) {
        (Dictionaries::new(self.data), self.errors)
    }
}

/// Reads a file as text; bytes that are not UTF-8 are replaced (some dictionaries in the wild
/// are Latin-1).
fn read_text(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Loads the named files of `dir` (file names relative to it; an empty `verbs` name means no
/// verb file) and compiles them. A file that cannot be read is an `Err`; malformed lines are
/// returned beside the dictionaries. Errors name files as given here.
pub fn load_dir(
    dir: &Path,
    verbs: &str,
    actors: &[&str],
    agents: &[&str],
    discards: &[&str],
    issues: &[&str],
) -> Result<(Dictionaries, Vec<DictError>), DictError> {
    let read = |name: &str| {
        read_text(&dir.join(name)).map_err(|source| DictError::Io {
            file: dir.join(name).display().to_string().into(),
            source,
        })
    };
    let mut loader = PetrarchLoader::new();
    if !verbs.is_empty() {
        loader.verbs(&read(verbs)?, verbs);
    }
    for name in actors {
        loader.actors(&read(name)?, name);
    }
    for name in agents {
        loader.agents(&read(name)?, name);
    }
    for name in discards {
        loader.discards(&read(name)?, name);
    }
    for name in issues {
        loader.issues(&read(name)?, name);
    }
    Ok(loader.finish())
}

/// The PETRARCH parsers the native loader ([`crate::native`]) shares, so that pattern
/// elements, verb phrases, event codes and transformations read the same in both formats.
pub(crate) mod shared {
    use super::{Line, Sink};
    use crate::compile::FxHashMap;
    use crate::model::{Pattern, SynsetId, Transformation};
    use crate::DictError;
    use std::sync::Arc;

    pub(crate) use super::strip_hash;
    pub(crate) use super::verbs::parse_event_code;

    /// Parses `ELEMENTS [CODE]`; bad patterns are reported against `file:line` with `text`.
    pub(crate) fn pattern(
        body: &str,
        synsets: &FxHashMap<Box<str>, SynsetId>,
        file: &Arc<str>,
        line: u32,
        text: &str,
        errors: &mut Vec<DictError>,
    ) -> Option<Pattern> {
        let mut sink = Sink {
            file: file.clone(),
            errors,
        };
        super::verbs::pattern(body, synsets, Line { no: line, text }, &mut sink)
    }

    /// Parses `a (a b VERB) VERB = a b CODE` (without PETRARCH's leading `~`).
    pub(crate) fn transformation(
        body: &str,
        file: &Arc<str>,
        line: u32,
        text: &str,
        errors: &mut Vec<DictError>,
    ) -> Option<Transformation> {
        let mut sink = Sink {
            file: file.clone(),
            errors,
        };
        super::verbs::transformation(body, Line { no: line, text }, &mut sink)
    }

    /// Splits `WIRE_+TAP` / `+CORDON OFF` into words before, the verb word, words after.
    pub(crate) fn verb_shape(text: &str) -> Result<super::verbs::VerbShape, &'static str> {
        super::verbs::verb_shape(text)
    }
}

/// One meaningful line of a dictionary file.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    /// 1-based line number.
    no: u32,
    /// The line with comments removed, trimmed; never empty.
    text: &'a str,
}

/// Where errors of one file go, and the file's shared name.
struct Sink<'e> {
    file: Arc<str>,
    errors: &'e mut Vec<DictError>,
}

impl Sink<'_> {
    fn provenance(&self, line: Line<'_>) -> Provenance {
        Provenance {
            file: self.file.clone(),
            line: line.no,
            text: line.text.into(),
        }
    }

    fn malformed(&mut self, line: Line<'_>, what: &'static str, reason: &'static str) {
        self.errors.push(DictError::Malformed {
            file: (*self.file).into(),
            line: line.no,
            what,
            text: line.text.into(),
            reason,
        });
    }

    fn bad_code(&mut self, line: Line<'_>, code: &str) {
        self.errors.push(DictError::BadCode {
            file: (*self.file).into(),
            line: line.no,
            text: code.into(),
        });
    }

    fn bad_date(&mut self, line: Line<'_>, text: &str) {
        self.errors.push(DictError::BadDate {
            file: (*self.file).into(),
            line: line.no,
            text: text.into(),
        });
    }

    fn unknown_synset(&mut self, line: Line<'_>, name: &str) {
        self.errors.push(DictError::UnknownSynset {
            file: (*self.file).into(),
            line: line.no,
            name: name.into(),
            text: line.text.into(),
        });
    }
}

/// Removes a `#` comment; a `#` right after `[` or after such a `#` is part of a code
/// (`[###]`, TABARI's discard code).
pub(crate) fn strip_hash(line: &str) -> &str {
    let b = line.as_bytes();
    let mut in_code = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' {
            if i > 0 && (b[i - 1] == b'[' || (b[i - 1] == b'#' && in_code)) {
                in_code = true;
                continue;
            }
            return &line[..i];
        }
        in_code = false;
    }
    line
}

/// Splits `text` into meaningful lines: comments removed, blank lines skipped. An
/// unterminated `<!--` comment is reported.
fn lines<'a>(text: &'a str, sink: &mut Sink<'_>) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut open_comment: Option<Line<'a>> = None;
    for (i, raw) in text.lines().enumerate() {
        let no = (i + 1).min(u32::MAX as usize) as u32;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if open_comment.is_some() {
            if raw.contains("-->") {
                open_comment = None;
            }
            continue;
        }
        let trimmed = raw.trim();
        if let Some(rest) = trimmed.strip_prefix("<!") {
            if !rest.contains("-->") {
                open_comment = Some(Line { no, text: trimmed });
            }
            continue;
        }
        let text = strip_hash(raw).trim();
        if !text.is_empty() {
            out.push(Line { no, text });
        }
    }
    if let Some(line) = open_comment {
        sink.malformed(line, "comment", "unterminated <!-- comment");
    }
    out
}

/// Removes a TABARI `;` comment.
fn strip_semicolon(text: &str) -> &str {
    text.split(';').next().unwrap_or("").trim()
}

/// Upper-cases a word (ASCII fast path).
fn upper(word: &str) -> Box<str> {
    if word.is_ascii() {
        word.to_ascii_uppercase().into()
    } else {
        word.to_uppercase().into()
    }
}

/// A phrase of consecutive words split at blanks and `_`, upper-cased; the last word is a
/// stem when `last_exact` is false.
fn consecutive_phrase(text: &str, last_exact: bool) -> Phrase {
    let words: Vec<PhraseWord> = text
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| PhraseWord {
            text: upper(w),
            exact: true,
        })
        .collect();
    let mut phrase = Phrase {
        consecutive: vec![true; words.len().saturating_sub(1)],
        words,
    };
    if let Some(last) = phrase.words.last_mut() {
        last.exact = last_exact;
    }
    phrase
}

/// The phrase with its last word replaced by its regular plural.
fn plural_phrase(phrase: &Phrase) -> Phrase {
    let mut p = phrase.clone();
    if let Some(last) = p.words.last_mut() {
        last.text = crate::inflect::plural(&last.text).into();
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateRange, PatternItem};

    #[test]
    fn comments() {
        assert_eq!(strip_hash("- * X [###] # c"), "- * X [###] ");
        assert_eq!(strip_hash("A [B] #c"), "A [B] ");
        assert_eq!(strip_hash("# all"), "");
        let mut errors = Vec::new();
        let mut sink = Sink {
            file: "f".into(),
            errors: &mut errors,
        };
        let text = "<!-- one -->\nA\n<!--\n# x\nB\n# -->\nC # c\n\n<! -- odd -->\nD\n<!-- open\nE";
        let got: Vec<_> = lines(text, &mut sink)
            .iter()
            .map(|l| (l.no, l.text))
            .collect();
        assert_eq!(got, [(2, "A"), (7, "C"), (10, "D")]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line(), Some(11));
    }

    /// A small verb file written for these tests (not from any published dictionary).
    const VERBS: &str = "\
<!-- test verbs -->
&WEAPONRY
+SPEAR
+BOW_AND_ARROW
+ARMOR_

&ADVERBS_
+QUIETLY
+VERY FAST

&BOTH
+&WEAPONRY
+STONE

&TWO_WORDS
+PEBBLE

--- GREET [041] ---
GREET  # comment
MEET {MEETS MET MEETING}
+SHAKE_HANDS {+SHOOK_HANDS +SHAKES_HANDS +SHAKING_HANDS} [042]
HIGH_+FIVE
WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED  WIRE_+TAPPING }
+ANGERED_BY {}
SCRAP {SCRAPS SCRAPPED};shan 8/30/93
- SO IN_AND_*_OUT_AGAIN NOW [074] # note
- $ * + (WITH &BOTH) [032:033]
- * {WARM &WEAPONRY} (IN ^) [:190]
- IN_ * [075A]
- &ADVERBS_ * &TWO_WORDS [---]
- * &BOTH [###]
--- STOP ---
STOP
TRY
AGREE
ACCUSE
~ a (a b GREET) SAY = a b 015
";

    fn load_verbs(text: &str) -> (Dictionaries, Vec<DictError>) {
        let mut l = PetrarchLoader::new();
        l.verbs(text, "test.verbs");
        l.finish()
    }

    #[test]
    fn verbs_synsets_and_forms() {
        let (d, errors) = load_verbs(VERBS);
        assert!(errors.is_empty(), "{errors:#?}");
        let names: Vec<&str> = d.synsets.iter().map(|s| &*s.name).collect();
        assert_eq!(names, ["WEAPONRY", "ADVERBS", "BOTH", "TWO_WORDS"]);
        let w = d.synset_id("WEAPONRY").unwrap();
        assert_eq!(d.synset_match(w, &["SPEARS"], 0), Some(1));
        assert_eq!(d.synset_match(w, &["BOW", "AND", "ARROWS"], 0), Some(3));
        assert_eq!(d.synset_match(w, &["ARMORS"], 0), None);
        assert_eq!(d.synset_match(w, &["ARMOR"], 0), Some(1));
        let a = d.synset_id("ADVERBS").unwrap();
        assert_eq!(d.synset_match(a, &["VERY", "FASTS"], 0), None);
        assert_eq!(d.synset_match(a, &["VERY", "FAST"], 0), Some(2));
        let b = d.synset_id("BOTH").unwrap();
        assert_eq!(d.synset_match(b, &["STONES"], 0), Some(1));
        assert_eq!(d.synset_match(b, &["SPEAR"], 0), Some(1));

        let met = d.verbs_with_form("MET");
        assert_eq!(met.len(), 1);
        assert_eq!(&*d.verbs[met[0] as usize].lemma, "MEET");
        assert!(d.verbs_with_form("MEETED").is_empty());
        for form in [
            "GREETS", "GREETED", "GREETING", "STOPPED", "TRIED", "AGREED", "AGREEING",
        ] {
            assert_eq!(d.verbs_with_form(form).len(), 1, "{form}");
        }
        assert_eq!(d.verbs_with_form("ACCUSING").len(), 1);
        let shook = &d.verbs[d.verbs_with_form("SHOOK")[0] as usize];
        assert_eq!(&*shook.words_after, [Box::from("HANDS")]);
        assert_eq!(
            d.code_of(d.verbs_with_form("SHOOK")[0]).primary.as_deref(),
            Some("042")
        );
        let five = &d.verbs[d.verbs_with_form("FIVED")[0] as usize];
        assert_eq!(&*five.words_before, [Box::from("HIGH")]);
        assert_eq!(d.verbs_with_form("TAPPED").len(), 1);
        assert_eq!(d.verbs_with_form("ANGERED").len(), 1);
        assert!(d.verbs_with_form("ANGEREDS").is_empty());
        assert_eq!(d.verbs_with_form("SCRAPPED").len(), 1);
        let greet = d.verbs_with_form("GREET")[0];
        assert_eq!(d.block(greet).name.as_ref(), "GREET");
        assert_eq!(d.code_of(greet).primary.as_deref(), Some("041"));
        let stop = d.verbs_with_form("STOP")[0];
        assert!(d.code_of(stop).is_null());
        assert_eq!(d.transformations.len(), 1);
        assert_eq!(&*d.transformations[0].inner_verb, "GREET");
        assert_eq!(&*d.transformations[0].result_code, "015");
    }

    #[test]
    fn verb_patterns() {
        let (d, errors) = load_verbs(VERBS);
        assert!(errors.is_empty(), "{errors:#?}");
        let block = &d.verb_blocks[0];
        assert_eq!(block.patterns.len(), 6);
        let p = &block.patterns[0];
        let show = |els: &[crate::model::PatternElement]| -> Vec<(String, bool)> {
            els.iter()
                .map(|e| (format!("{:?}", e.item), e.consecutive))
                .collect()
        };
        assert_eq!(
            show(&p.before),
            [
                ("Word(\"SO\")".into(), false),
                ("Word(\"IN\")".into(), true),
                ("Word(\"AND\")".into(), true)
            ]
        );
        assert_eq!(
            show(&p.after),
            [
                ("Word(\"OUT\")".into(), true),
                ("Word(\"AGAIN\")".into(), true),
                ("Word(\"NOW\")".into(), false)
            ]
        );
        assert_eq!(p.code.primary.as_deref(), Some("074"));
        assert_eq!(p.provenance.line, 26);
        let p = &block.patterns[1];
        assert_eq!(p.before[0].item, PatternItem::Source);
        assert_eq!(p.after[0].item, PatternItem::Target);
        assert_eq!(
            p.after[1].item,
            PatternItem::PrepPhrase("WITH".into(), vec!["&BOTH".into()])
        );
        assert_eq!(p.code.reciprocal.as_deref(), Some("033"));
        let p = &block.patterns[2];
        assert_eq!(
            p.after[0].item,
            PatternItem::NounPhrase(vec!["WARM".into(), "&WEAPONRY".into()])
        );
        assert_eq!(p.code.primary, None);
        assert_eq!(p.code.reciprocal.as_deref(), Some("190"));
        assert!(block.patterns[3].before[0].consecutive);
        let p = &block.patterns[4];
        assert_eq!(p.before[0].item, PatternItem::Synset(1));
        assert_eq!(p.after[0].item, PatternItem::Synset(3));
        assert!(p.code.is_null());
        assert_eq!(block.patterns[5].code.primary.as_deref(), Some("###"));
    }

    #[test]
    fn malformed_verb_lines_are_reported_and_skipped() {
        let text = "\
&KNOWN
+THING
--- GIVE [070] ---
GIVE
- * THING [071]
- NO VERB MARKER [072]
- * &UNKNOWN [073]
- * {OPEN [074]
- * WORD
- * WORD [07 4]
- * WORD [075]
~ a (a b) SAY = a b 015
--- TAKE [1 2] ---
TAKE
- * WORD [076] WORD
TAKEN [077] {TOOK}
";
        let (d, errors) = load_verbs(text);
        let lines: Vec<u32> = errors.iter().filter_map(|e| e.line()).collect();
        assert_eq!(lines, [6, 7, 8, 9, 10, 12, 13, 15, 16], "{errors:#?}");
        assert!(matches!(errors[1], DictError::UnknownSynset { .. }));
        assert_eq!(d.verb_blocks.len(), 2);
        assert_eq!(d.verb_blocks[0].patterns.len(), 2);
        assert_eq!(d.verbs.len(), 2);
        assert!(d.verb_blocks[1].code.is_null());
    }

    const ACTORS: &str = "\
# test actors, invented
GONDOR_  [GON]
+MINAS_TIRITH_  ; TABARI comment
ARGENTIN [ARG]
ROHAN [RHN/HRS]
FARAMIR_  ; comment
\t[GONMIL 30180101-30190315]
\t[GONGOV >190315]
\t[GONELI]
ELROND_\t[RIV <950630] [ELF]
HOBBIT TOWN [---]
ENT [ENT]
  BOMBADIL_ [+++]
BAD_DATE_ [X 99x]
\t[GONGOV 2004017-20061201]
";

    #[test]
    fn actors_with_dates_stems_and_nulls() {
        let mut l = PetrarchLoader::new();
        l.actor_stems(true).actors(ACTORS, "test.actors");
        let (d, errors) = l.finish();
        let lines: Vec<u32> = errors.iter().filter_map(|e| e.line()).collect();
        assert_eq!(lines, [14, 15], "{errors:#?}");
        assert!(errors
            .iter()
            .all(|e| matches!(e, DictError::BadDate { .. })));
        assert_eq!(d.actors.len(), 9);
        assert_eq!(d.match_actor(&["ENTER"], 0), None);
        assert!(d.match_actor(&["ENT"], 0).is_some());
        let m = d.match_actor(&["MINAS", "TIRITH", "FELL"], 0).unwrap();
        assert_eq!((m.id, m.len), (0, 2));
        assert_eq!(d.match_actor(&["GONDORIAN"], 0), None);
        let m = d.match_actor(&["ARGENTINA"], 0).unwrap();
        assert_eq!(&*d.actors[m.id as usize].codes_on(20000101)[0], "ARG");
        // Without stems (the default), ARGENTIN names only the word itself.
        let mut plain = PetrarchLoader::new();
        plain.actors(ACTORS, "test.actors");
        let (exact, _) = plain.finish();
        assert_eq!(exact.match_actor(&["ARGENTINA"], 0), None);
        let rohan = &d.actors[d.match_actor(&["ROHANS"], 0).unwrap().id as usize];
        assert_eq!(rohan.codes_on(0).len(), 2);
        let faramir = &d.actors[3];
        assert_eq!(faramir.codes[0].0, DateRange::Between(30180101, 30190315));
        assert_eq!(faramir.codes[1].0, DateRange::From(20190315));
        assert_eq!(&*faramir.codes_on(20200101)[0], "GONGOV");
        assert_eq!(&*faramir.codes_on(19990101)[0], "GONELI");
        let elrond = &d.actors[4];
        assert_eq!(elrond.codes[0].0, DateRange::Until(19950630));
        assert_eq!(&*elrond.codes_on(19950630)[0], "RIV");
        assert_eq!(&*elrond.codes_on(19950701)[0], "ELF");
        let m = d.match_actor(&["HOBBIT", "TOWNS"], 0).unwrap();
        assert_eq!(m.len, 2);
        assert!(d.actors[m.id as usize].codes_on(20000101).is_empty());
        assert!(d.match_actor(&["BOMBADIL"], 0).is_some());
        assert_eq!(d.actors[7].codes, [(DateRange::Always, vec![])]);
        assert!(d.actors[8].codes.is_empty());

        let mut l = PetrarchLoader::new();
        l.actor_stems(false).actors(ACTORS, "test.actors");
        let (d, _) = l.finish();
        assert_eq!(d.match_actor(&["ARGENTINA"], 0), None);
        assert!(d.match_actor(&["ARGENTIN"], 0).is_some());
    }

    const AGENTS: &str = "\
!PERSON! = MAN, MEN, WOMAN
!OFFICE! = MINISTER, MINISTRY

POLICE {} [~COP] # no plural
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
CONGRESS [~LEG]
CONGRESS!PERSON![~LEG]
!OFFICE! FOR_TREES [~GOVENV]
HUMAN_RIGHTS_BODY  [NGO~]
SPY [~SPY}
ARMY [  ~MIL]
NOCODE
BAD [GOV]
!NOPE!_X [~GOV]
LATE [~GOV] {LATES}
";

    #[test]
    fn agents_plurals_markers_and_placement() {
        let mut l = PetrarchLoader::new();
        l.agents(AGENTS, "test.agents");
        let (d, errors) = l.finish();
        let lines: Vec<u32> = errors.iter().filter_map(|e| e.line()).collect();
        assert_eq!(lines, [12, 13, 14, 15], "{errors:#?}");
        let agent = |words: &[&str]| {
            d.match_agent(words, 0)
                .map(|m| (&*d.agents[m.id as usize].code, m.len))
        };
        assert_eq!(agent(&["POLICE"]), Some(("COP", 1)));
        assert_eq!(agent(&["POLICES"]), None);
        assert_eq!(agent(&["ATTORNEYS", "GENERAL"]), Some(("GOVATG", 2)));
        assert_eq!(agent(&["ATTORNEY", "GENERALS"]), None);
        assert_eq!(agent(&["CONGRESSES"]), Some(("LEG", 1)));
        assert_eq!(agent(&["CONGRESSWOMAN"]), Some(("LEG", 1)));
        assert_eq!(agent(&["CONGRESSMANS"]), None);
        assert_eq!(agent(&["MINISTRY", "FOR", "TREES"]), Some(("GOVENV", 3)));
        assert_eq!(
            agent(&["MINISTER", "OF", "STATE", "FOR", "TREES"]),
            Some(("GOVENV", 5))
        );
        assert_eq!(agent(&["MINISTER", "FOR", "OLD", "TREES"]), None);
        assert_eq!(agent(&["SPIES"]), Some(("SPY", 1)));
        assert_eq!(agent(&["ARMIES"]), Some(("MIL", 1)));
        let body = &d.agents[d.match_agent(&["HUMAN", "RIGHTS", "BODIES"], 0).unwrap().id as usize];
        assert_eq!(body.placement, crate::model::AgentPlacement::Prefix);
        assert_eq!(&*body.code, "NGO");
    }

    #[test]
    fn discards_and_issues() {
        let mut l = PetrarchLoader::new();
        l.discards(
            "+WORLD CUP # story\nCRICKET\nCHESS_\n+ Golf  Open\nMONTHS LATER\n",
            "test.discards",
        );
        l.issues(
            "<ISSUE CATEGORY=\"FARM\">\nn:tractor [FARMING]\nv:plough [FARMING]\n\
             no+till farming [FARMING]\nharvest\n~toy n:tractor\n</ISSUE>\n\
             big [SIZE]small [SIZE]\nlonely\n",
            "test.issues",
        );
        let (d, errors) = l.finish();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0].line(), Some(9));
        assert!(d.discard("He won the world cup.").unwrap().story);
        assert_eq!(&*d.discard("A cricketer said").unwrap().phrase, "CRICKET");
        assert!(d.discard("chessboards").is_none());
        assert!(d.discard("(chess)").is_some());
        assert!(d.discard("The golf open").is_some());
        assert!(d.discard("Two months later, peace").is_some());
        assert!(d.discard("two months lat").is_none());
        assert!(d.discard("Peace talks").is_none());

        assert_eq!(
            d.issues("Tractors ploughed the no-till farming fields; the tractor and a harvest."),
            vec![("FARMING".into(), 4), ("FARM".into(), 1)]
        );
        assert_eq!(
            d.issues("No till farming, BIG and small"),
            vec![("FARMING".into(), 1), ("SIZE".into(), 2)]
        );
        assert!(d.issues("a toy tractor and a plough").is_empty());
    }

    #[test]
    fn io_errors_are_reported() {
        let mut l = PetrarchLoader::new();
        l.verbs_path(Path::new("/nonexistent/verbs.txt"));
        let (_, errors) = l.finish();
        assert!(matches!(errors[..], [DictError::Io { .. }]));
        assert!(load_dir(Path::new("/nonexistent"), "v.txt", &[], &[], &[], &[]).is_err());
    }

    /// A tiny xorshift generator, so the garbage is the same on every run.
    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn garbage_never_panics() {
        const ALPHABET: &[&str] = &[
            "A",
            "B",
            "Z",
            " ",
            " ",
            "\t",
            "_",
            "+",
            "-",
            "---",
            "*",
            "$",
            "%",
            "^",
            "&",
            "&A",
            "[",
            "]",
            "{",
            "}",
            "(",
            ")",
            "<",
            ">",
            "~",
            "!",
            "!P!",
            "=",
            ",",
            ":",
            ";",
            "#",
            "/",
            "0",
            "1",
            "9",
            "950601",
            "20130227",
            "-",
            ".",
            "'",
            "n:",
            "v:",
            "é",
            "\u{2020}",
            "<!--",
            "-->",
            "<ISSUE CATEGORY=\"X\">",
            "</ISSUE>",
            "[---]",
            "[:1]",
            "Y",
            "IE",
        ];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for round in 0..300 {
            let mut text = String::new();
            for _ in 0..(rng.next() % 40) {
                for _ in 0..(rng.next() % 12) {
                    text.push_str(ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize]);
                }
                text.push('\n');
            }
            let mut l = PetrarchLoader::new();
            l.verbs(&text, "g.verbs")
                .actors(&text, "g.actors")
                .agents(&text, "g.agents")
                .discards(&text, "g.discards")
                .issues(&text, "g.issues");
            let (d, _) = l.finish();
            let words: Vec<&str> = text.split_whitespace().collect();
            for i in 0..words.len() {
                let _ = d.match_actor(&words, i);
                let _ = d.match_agent(&words, i);
                let _ = d.verbs_with_form(words[i]);
                for s in 0..d.synsets.len() as u32 {
                    let _ = d.synset_match(s, &words, i);
                }
            }
            let _ = d.discard(&text);
            let _ = d.issues(&text);
            assert!(round < 300);
        }
    }
}

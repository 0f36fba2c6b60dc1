//! The dictionary model: what a dictionary says, independent of the file format it came from.
//!
//! Every loader (PETRARCH/TABARI today, our native format next) produces these values, and
//! [`crate::Dictionaries`] compiles them into matchers. Words are stored upper-case, as the
//! PETRARCH dictionaries write them; the coder upper-cases sentence words before matching.
//!
//! Every entry keeps its [`Provenance`] (file, line, original text) so that a coded event can
//! say exactly which dictionary lines made it.

use std::sync::Arc;

/// Where an entry was written: the file, the 1-based line and the line's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// File name or path as given to the loader (shared by all entries of the file).
    pub file: Arc<str>,
    /// 1-based line number of the entry's first line.
    pub line: u32,
    /// The entry's text as written (first line, comments stripped, trimmed).
    pub text: Box<str>,
}

/// A calendar date as the number `YYYYMMDD`, so that dates compare as numbers.
pub type Date = u32;

/// When a dated code applies. Limits are inclusive, as PETRARCH documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRange {
    /// Any date (a default code).
    Always,
    /// `<date`: on or before the date.
    Until(Date),
    /// `>date`: on or after the date.
    From(Date),
    /// `date-date`: between the two dates.
    Between(Date, Date),
}

impl DateRange {
    /// Whether `date` falls in the range.
    pub fn contains(self, date: Date) -> bool {
        match self {
            DateRange::Always => true,
            DateRange::Until(d) => date <= d,
            DateRange::From(d) => date >= d,
            DateRange::Between(a, b) => a <= date && date <= b,
        }
    }
}

/// One word of a dictionary phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseWord {
    /// The word, upper-case.
    pub text: Box<str>,
    /// `false` when the word is a stem that matches any word it begins (TABARI convention: a
    /// word not followed by `_` at the end of an actor phrase, e.g. `ARGENTIN` matches
    /// `ARGENTINA` and `ARGENTINE`).
    pub exact: bool,
}

/// A phrase: words that must occur in order. `consecutive[i]` tells whether word `i + 1`
/// must follow word `i` directly (`_` in the file) or may have words between (a blank, in
/// agent phrases).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Phrase {
    /// The words in order.
    pub words: Vec<PhraseWord>,
    /// One flag per gap between words (`words.len() - 1` entries).
    pub consecutive: Vec<bool>,
}

/// An actor: names (a primary phrase and synonyms) and codes, possibly restricted by date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Every phrase that names the actor; the first is the primary phrase.
    pub phrases: Vec<Phrase>,
    /// Codes with the dates they apply to, in file order. An actor may carry several codes at
    /// once (`[ELR/GAL]`); a code of `---` or `+++` is the null code and yields no actor code.
    pub codes: Vec<(DateRange, Vec<Box<str>>)>,
    /// Where the actor was defined.
    pub provenance: Provenance,
}

impl Actor {
    /// The codes in force on `date`: the first dated restriction containing the date, or else
    /// the default (undated) codes; empty when nothing applies.
    pub fn codes_on(&self, date: Date) -> &[Box<str>] {
        let dated = self
            .codes
            .iter()
            .find(|(range, _)| *range != DateRange::Always && range.contains(date));
        let chosen = dated.or_else(|| {
            self.codes
                .iter()
                .find(|(range, _)| *range == DateRange::Always)
        });
        chosen.map(|(_, codes)| codes.as_slice()).unwrap_or(&[])
    }
}

/// Where an agent code goes relative to the actor code it qualifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended after the actor code (`RUS` + `GOV` = `RUSGOV`).
    Suffix,
    /// `[NGO~]`: placed before the actor code.
    Prefix,
}

/// An agent: a role noun or phrase ("foreign minister", "rebels") with its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agent {
    /// Phrases, with generated and listed plurals and substitution markers expanded.
    pub phrases: Vec<Phrase>,
    /// The code without its `~` (`GOV`, `GOVFRM`, `NGO`).
    pub code: Box<str>,
    /// Whether the code is appended or prefixed.
    pub placement: AgentPlacement,
    /// Where the agent was defined.
    pub provenance: Provenance,
}

/// An event code as written in a verb dictionary `[...]`.
///
/// `[032:033]` codes 032 from source to target and also 033 from target to source; `[---]`
/// is the null code: the match is recognised but no event is coded; `[:190]` has only the
/// reciprocal part.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EventCode {
    /// Source→target code; `None` for the null code.
    pub primary: Option<Box<str>>,
    /// Target→source code of a paired event, if any.
    pub reciprocal: Option<Box<str>>,
}

impl EventCode {
    /// Whether neither part codes an event.
    pub fn is_null(&self) -> bool {
        self.primary.is_none() && self.reciprocal.is_none()
    }
}

/// Index of a synset in [`crate::Dictionaries::synsets`].
pub type SynsetId = u32;

/// A synonym set (`&CURRENCY`): phrases usable wherever a pattern word is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synset {
    /// The label without `&`, upper-case (`CURRENCY`).
    pub name: Box<str>,
    /// Member phrases, with plurals generated unless suppressed; members may be other synsets'
    /// phrases already expanded.
    pub phrases: Vec<Phrase>,
    /// Where the synset was defined.
    pub provenance: Provenance,
}

/// One element of a verb pattern, on one side of the verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternItem {
    /// A literal word (upper-case).
    Word(Box<str>),
    /// Any phrase of a synset.
    Synset(SynsetId),
    /// `$`: the source actor is found here.
    Source,
    /// `+`: the target actor is found here.
    Target,
    /// `%`: a compound actor here is both source and target.
    Compound,
    /// `^`: skip one noun phrase.
    Skip,
    /// A noun phrase `{FINANCIAL AID}` (PETRARCH 2): words in order, the last is the head.
    NounPhrase(Vec<Box<str>>),
    /// A prepositional phrase `(FOR AID)` / `(FOR {FINANCIAL AID})` (PETRARCH 2): the
    /// preposition, then the words of its object in order (may be empty: `(TO)`).
    PrepPhrase(Box<str>, Vec<Box<str>>),
}

/// A pattern element and how it is joined to its neighbour nearer the verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternElement {
    /// What must be found.
    pub item: PatternItem,
    /// `true` when nothing may stand between this element and its neighbour nearer the verb
    /// (or the verb itself): `_` in the file; `false` for a blank.
    pub consecutive: bool,
}

/// A verb pattern `- SAID * TO ATTEND [082]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Elements before the verb, in sentence order (matched from the verb backwards).
    pub before: Vec<PatternElement>,
    /// Elements after the verb, in sentence order.
    pub after: Vec<PatternElement>,
    /// The code the pattern assigns.
    pub code: EventCode,
    /// Where the pattern was written.
    pub provenance: Provenance,
}

/// Index of a verb block in [`crate::Dictionaries::verb_blocks`].
pub type BlockId = u32;

/// One verb of a block, with all its inflected forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// The verb word's base form, upper-case (`CORDON` for `+CORDON_OFF`).
    pub lemma: Box<str>,
    /// Every form of the verb word, base form first (`CORDON`, `CORDONS`, `CORDONED`,
    /// `CORDONING`), regular forms generated unless irregular ones were listed.
    pub forms: Vec<Box<str>>,
    /// Words that must directly precede the verb word (`WIRE` in `WIRE_+TAP`).
    pub words_before: Vec<Box<str>>,
    /// Words that must directly follow it (`OFF` in `+CORDON_OFF`).
    pub words_after: Vec<Box<str>>,
    /// The verb's own code (`KLM_NOP_+RST [002]`); `None` means the block's code applies.
    pub code: Option<EventCode>,
    /// The block the verb belongs to.
    pub block: BlockId,
    /// Where the verb was listed.
    pub provenance: Provenance,
}

/// A verb block `--- ABANDON [345] ---`: synonymous verbs sharing patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    /// The block's description as written (`ABANDON`).
    pub name: Box<str>,
    /// The block's code for an isolated verb (null when `[---]` or absent).
    pub code: EventCode,
    /// The block's patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Where the block begins.
    pub provenance: Provenance,
}

/// A verb-verb transformation `~ a (a b WILL_ATTACK) SAY = a b 138` (PETRARCH 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// The outer source variable (`a`), `.` (unspecified) or `_` (absent).
    pub outer_source: Box<str>,
    /// The inner source variable.
    pub inner_source: Box<str>,
    /// The inner target variable.
    pub inner_target: Box<str>,
    /// The inner verb (a verb word or `Q` for any).
    pub inner_verb: Box<str>,
    /// The outer verb word.
    pub outer_verb: Box<str>,
    /// The resulting source variable.
    pub result_source: Box<str>,
    /// The resulting target variable.
    pub result_target: Box<str>,
    /// The resulting code (`Q` keeps the inner code).
    pub result_code: Box<str>,
    /// Where it was written.
    pub provenance: Provenance,
}

/// A discard phrase: a sentence (or, with `story`, a whole story) containing it is not coded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discard {
    /// The phrase, upper-case, words separated by single blanks.
    pub phrase: Box<str>,
    /// `true` when the phrase's last word must end at a word boundary (written with a
    /// trailing `_`); otherwise it is a stem.
    pub whole_word: bool,
    /// `true` for story-level discards (`+` prefix).
    pub story: bool,
    /// Where it was written.
    pub provenance: Provenance,
}

/// An issue phrase: text matching it tags events with the issue code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Every expanded form of the phrase (`n:`, `v:` and `+` expansions applied), upper-case.
    pub phrases: Vec<Box<str>>,
    /// The issue code (`ID_ATROCITY`); `None` for an ignore phrase (`~`).
    pub code: Option<Box<str>>,
    /// Where it was written.
    pub provenance: Provenance,
}

//! Document-level person tracking: who the people of one document are, and which words of the
//! document refer to each of them.
//!
//! A person is registered at a full mention: a name with a title or role before it ("Russian
//! Foreign Minister Sergey Lavrov", "State Department spokesperson Victoria Nuland", "Mr.
//! Smith"), a name with an apposition after it ("Andrei Baklitsky, an expert with the PIR
//! Center, ..."), a name next to a speech verb ("said Jane Doe"), or a name that the
//! dictionaries know as an individual. The registry keeps the person's name, surname, role,
//! organisation, gender when the text tells it, and CAMEO code on the document's date (the
//! dictionary's dated code for a known official, otherwise country + role agent).
//!
//! Later mentions are resolved to registered people: the surname alone, `Mr./Ms./Mrs. X`,
//! definite role phrases ("the Russian foreign minister", "the spokeswoman": the latest
//! person with that role, of that country when one is named) and third-person pronouns
//! (`he`/`she`: the nearest compatible person, preferring the first person named in the
//! nearest sentence that names one, English subjects coming first). Words inside quotation
//! marks are not mentions: a pronoun in a quote is the speaker's, not the narrator's.
//!
//! [`People::resolve`] maps any span of the document to the person mentioned there, so that
//! the event coder can take resolved actors. Quote extraction ([`crate::quotes`]) uses the
//! same registry for speakers. This module owns the document's token stream (paragraphs,
//! sentences, quoted regions) that both share; sentence analysis itself is `detente-text`'s.

use compact_str::CompactString;
use detente_dict::model::{Actor, AgentPlacement, Date};
use detente_dict::{Dictionaries, PhraseMatch};
use detente_text::{Analysis, Analyzer, Tag};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::sync::OnceLock;

/// Index of a person in [`People::persons`].
pub type PersonId = u32;

/// What the text says of a person's gender (titles, gendered role nouns, given names,
/// pronouns that were resolved to them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// `he`, `Mr.`, `spokesman`, a male given name.
    Male,
    /// `she`, `Ms.`, `Mrs.`, `spokeswoman`, a female given name.
    Female,
    /// Nothing said yet.
    Unknown,
}

impl Gender {
    fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// A person of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The fullest name seen ("Sergey Lavrov").
    pub name: String,
    /// The last word of the name ("Lavrov"), by which later mentions find the person.
    pub surname: String,
    /// Role as written ("Foreign Minister", "expert", "spokeswoman"), if the text gives one.
    pub role: Option<String>,
    /// Organisation as written ("State Department", "PIR Center"), if given.
    pub organisation: Option<String>,
    /// CAMEO actor code on the document's date (`RUSGOV`), when the dictionaries allow one.
    pub code: Option<String>,
    /// Gender, when the text says it.
    pub gender: Gender,
    /// Byte offset of the first mention.
    pub first: usize,
}

impl Person {
    /// The country part of [`Person::code`] (`RUS` for `RUSGOV`); `None` when there is no
    /// code or the code has no country (`---GOV`).
    pub fn country(&self) -> Option<&str> {
        let code = self.code.as_deref()?;
        let country = code.get(..3)?;
        (country != "---" && country.chars().all(|c| c.is_ascii_uppercase())).then_some(country)
    }
}

/// How a mention names its person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A name with more than one word, or the mention that registered the person.
    Name,
    /// The surname alone or with a title ("Lavrov", "Mr. Lavrov").
    Surname,
    /// A definite role phrase ("the Russian foreign minister").
    Role,
    /// A third-person pronoun.
    Pronoun,
}

/// Words of the document that refer to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Who.
    pub person: PersonId,
    /// Byte offset of the mention's first byte in the document.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// How it names the person.
    pub kind: MentionKind,
}

/// The people of one document and their mentions, in document order.
///
/// ```
/// use detente_dict::Dictionaries;
/// use detente_doc::people::People;
///
/// let text = "Foreign Minister Anna Berg met the press. She said little. Ms. Berg left.";
/// let people = People::track(text, 20130227, &Dictionaries::default());
/// assert_eq!(people.persons().len(), 1);
/// let she = text.find("She").unwrap();
/// assert_eq!(people.resolve(she..she + 3), Some(0));
/// let ms = text.find("Ms.").unwrap();
/// assert_eq!(people.resolve(ms..ms + 8), Some(0));
/// assert_eq!(people.persons()[0].role.as_deref(), Some("Foreign Minister"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People {
    persons: Vec<Person>,
    mentions: Vec<Mention>,
}

/// The coder asks the document's people about noun phrases its dictionaries do not name: a
/// phrase that ends with a mention of a person with a code ("Mr. Lukyanov", "the
/// spokeswoman", "he") is that person. A mention inside a longer phrase ("his lawyer") is not.
impl detente_code::MentionResolver for People {
    fn resolve(&self, start: usize, end: usize) -> Option<detente_code::ResolvedMention> {
        // Mentions are kept in order of their start: look only at those inside the phrase.
        let first = self.mentions.partition_point(|m| m.start < start);
        let mention = self.mentions[first..]
            .iter()
            .take_while(|m| m.start < end)
            .find(|m| m.end <= end && m.end + 1 >= end)?;
        let person = self.persons.get(mention.person as usize)?;
        let code = person.code.as_deref().filter(|c| !c.starts_with("---"))?;
        let role = person
            .role
            .as_deref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default();
        Some(detente_code::ResolvedMention {
            code: code.into(),
            description: format!(
                "document person: {}{role} (first named at byte {})",
                person.name, person.first
            ),
        })
    }
}

impl People {
    /// Finds the people of `text` (a document's body, paragraphs separated by newlines) on
    /// `date` (`YYYYMMDD`), using `dict` for countries, organisations, roles and known
    /// individuals.
    pub fn track(text: &str, date: Date, dict: &Dictionaries) -> People {
        let spans = crate::quotes::find_quote_spans(text);
        let tokens = DocTokens::new(text, &spans);
        People::from_tokens(&tokens, date, dict)
    }

    pub(crate) fn from_tokens(tokens: &DocTokens, date: Date, dict: &Dictionaries) -> People {
        let mut tracker = Tracker {
            toks: tokens,
            actor_hits: vec![Cell::new(None); tokens.toks.len()],
            agent_hits: vec![Cell::new(None); tokens.toks.len()],
            person_actors: RefCell::default(),
            last_role: None,
            dict,
            date,
            people: People::default(),
        };
        for segment in tokens.segments() {
            tracker.segment(segment);
        }
        tracker.people
    }

    /// Every person, indexed by [`PersonId`].
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }

    /// The person with this id.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.persons.get(id as usize)
    }

    /// Every mention, in document order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The person mentioned by the words at `span` (byte offsets in the document): the first
    /// mention overlapping the span.
    pub fn resolve(&self, span: Range<usize>) -> Option<PersonId> {
        self.mention_in(span).map(|m| m.person)
    }

    /// The first mention overlapping `span`.
    pub fn mention_in(&self, span: Range<usize>) -> Option<&Mention> {
        self.mentions
            .iter()
            .find(|m| m.start < span.end && span.start < m.end)
    }

    fn add_mention(&mut self, mention: Mention) {
        let at = self.mentions.partition_point(|m| m.start <= mention.start);
        self.mentions.insert(at, mention);
    }
}

// ---------------------------------------------------------------------------------------------
// The document's token stream, shared with `quotes`.

/// A token of the document, with offsets into the whole document.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    /// The token as written. (Tokens are short: `CompactString` keeps them inline, so
    /// building a document's tokens allocates nothing per token.)
    pub text: CompactString,
    /// Upper-case form for the dictionaries.
    pub upper: CompactString,
    /// Lower-case lemma.
    pub lemma: CompactString,
    pub tag: Tag,
    pub start: usize,
    pub end: usize,
    /// Sentence number in the document.
    pub sentence: usize,
    /// Paragraph number in the document.
    pub paragraph: usize,
    /// Inside quotation marks (the marks included).
    pub quoted: bool,
    /// Lower-case form of `text`, made once.
    pub lower: CompactString,
}

impl Tok {
    /// Lower-case form of the token as written.
    pub fn lower(&self) -> &CompactString {
        &self.lower
    }

    /// Starts with an upper-case letter.
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }
}

/// Paragraphs and tokens of a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocTokens {
    pub toks: Vec<Tok>,
    /// Byte ranges of the paragraphs (lines with text, trimmed).
    pub paragraphs: Vec<Range<usize>>,
}

impl DocTokens {
    /// Splits `text` into paragraphs (every line break ends one), analyses each and marks
    /// the tokens inside `quotes`.
    pub fn new(text: &str, quotes: &[crate::quotes::QuoteSpan]) -> DocTokens {
        DocTokens::from_analyses(text, &analyse_paragraphs(text), quotes)
    }

    /// [`DocTokens::new`] over sentences already analysed by [`analyse_paragraphs`] (whose
    /// offsets are in `text`), so that a caller coding the same document analyses it once.
    pub fn from_analyses(
        text: &str,
        analyses: &[Analysis],
        quotes: &[crate::quotes::QuoteSpan],
    ) -> DocTokens {
        let mut out = DocTokens {
            toks: Vec::with_capacity(analyses.iter().map(|a| a.tokens.len()).sum()),
            paragraphs: paragraphs(text),
        };
        let quoted: Vec<Range<usize>> = quotes
            .iter()
            .flat_map(|q| q.marked.iter().cloned())
            .collect();
        for (sentence, analysis) in analyses.iter().enumerate() {
            let base = analysis.offset;
            let paragraph = out
                .paragraphs
                .partition_point(|p| p.end <= base)
                .min(out.paragraphs.len().saturating_sub(1));
            for t in &analysis.tokens {
                let start = base + t.start as usize;
                let end = base + t.end as usize;
                let written = CompactString::from(text.get(start..end).unwrap_or(&t.text));
                let upper = if written == "US" {
                    // The KB leaves bare "US" out for the pronoun; capitals are the country.
                    CompactString::const_new("U.S.")
                } else if matches!(t.tag, Tag::OpenQuote | Tag::CloseQuote) {
                    CompactString::const_new("\"")
                } else {
                    cased_copy(&written, true)
                };
                out.toks.push(Tok {
                    upper,
                    lemma: cased_copy(&t.lemma, false),
                    tag: t.tag,
                    start,
                    end,
                    sentence,
                    paragraph,
                    quoted: {
                        // `quoted` is sorted and its ranges do not overlap.
                        let k = quoted.partition_point(|q| q.end <= start);
                        quoted.get(k).is_some_and(|q| q.start <= start)
                    },
                    lower: cased_copy(&written, false),
                    text: written,
                });
            }
        }
        out
    }

    /// Maximal runs of unquoted tokens of one sentence, as index ranges into `toks`.
    pub fn segments(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if self.toks[i].quoted {
                i += 1;
                continue;
            }
            let start = i;
            let sentence = self.toks[i].sentence;
            while i < self.toks.len() && !self.toks[i].quoted && self.toks[i].sentence == sentence {
                i += 1;
            }
            out.push(start..i);
        }
        out
    }

    /// The document text of tokens `range`.
    pub fn text_of<'t>(&self, text: &'t str, range: Range<usize>) -> &'t str {
        match (self.toks.get(range.start), range.end.checked_sub(1)) {
            (Some(first), Some(last)) if range.end > range.start => self
                .toks
                .get(last)
                .and_then(|l| text.get(first.start..l.end))
                .unwrap_or(""),
            _ => "",
        }
    }
}

/// `word` in upper or lower case, without a heap allocation for short ASCII words (most
/// tokens).
fn cased(word: &str, upper: bool) -> CompactString {
    if word.is_ascii() {
        let mut out = CompactString::from(word);
        if upper {
            out.make_ascii_uppercase();
        } else {
            out.make_ascii_lowercase();
        }
        out
    } else if upper {
        CompactString::from(word.to_uppercase())
    } else {
        CompactString::from(word.to_lowercase())
    }
}

/// [`cased`] of a word already held as a `CompactString`: a copy of it (no re-encoding of
/// the length) for the ASCII words that most tokens are.
fn cased_copy(word: &CompactString, upper: bool) -> CompactString {
    if word.is_ascii() {
        let mut out = word.clone();
        if upper {
            out.make_ascii_uppercase();
        } else {
            out.make_ascii_lowercase();
        }
        out
    } else {
        cased(word, upper)
    }
}

/// Byte ranges of the non-blank lines of `text`, trimmed.
/// Analyses each paragraph of `text` (every line break ends one) into sentences whose
/// [`Analysis::offset`] is their byte offset in `text`: a paragraph's end always ends a
/// sentence, so a headline or a caption line never runs into the next line.
pub fn analyse_paragraphs(text: &str) -> Vec<Analysis> {
    let analyzer = Analyzer::new();
    let mut out = Vec::new();
    for range in paragraphs(text) {
        for mut analysis in analyzer.analyze(&text[range.clone()]) {
            analysis.offset += range.start;
            out.push(analysis);
        }
    }
    out
}

pub(crate) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_start();
        let start = offset + (line.len() - trimmed.len());
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() {
            out.push(start..start + trimmed.len());
        }
        offset += line.len() + 1;
    }
    out
}

/// A fixed list of lower-case words with a hashed look-up, built on first use: the tracker
/// asks these lists about most tokens of a document, several times each.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordSet {
    const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }

    /// Whether `word` (already in lower case) is in the list.
    pub(crate) fn has(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }

    /// Whether `word` in lower case is in the list (no allocation for short ASCII words).
    fn has_folded(&self, word: &str) -> bool {
        self.has(cased(word, false).as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists (written by us).

/// Lemmas of verbs that introduce what someone said.
#[rustfmt::skip]
pub(crate) static CUE_LEMMAS: WordSet = WordSet::new(&[
    "say", "tell", "add", "ask", "insist", "explain", "note", "warn", "argue", "claim", "declare",
    "state", "reply", "respond", "continue", "conclude", "write", "announce", "stress",
    "emphasize", "emphasise", "observe", "remark", "recall", "suggest", "acknowledge", "admit",
    "complain", "predict", "promise", "vow", "urge", "caution", "quip", "joke", "call", "describe",
    "tweet", "concede", "assert", "maintain", "contend", "counter", "agree", "recount", "lament",
    "boast", "deny", "confirm", "announce", "shout", "whisper", "testify", "reiterate",
    "underline", "allege", "retort", "demand", "dismiss", "reject", "brand", "label", "term",
    "hail", "denounce", "condemn", "praise",
]);

/// Inflected forms of the commonest speech verbs, for tokens whose lemma the tagger missed.
#[rustfmt::skip]
static CUE_FORMS: WordSet = WordSet::new(&[
    "says", "said", "tells", "told", "adds", "added", "asks", "asked", "wrote", "writes",
    "insists", "insisted", "warns", "warned", "notes", "noted", "calls", "called", "explains",
    "explained", "argues", "argued", "replied", "replies", "declared",
]);

/// Whether token `t` is a speech verb.
pub(crate) fn is_cue(t: &Tok) -> bool {
    if t.tag.is_punctuation() || !t.text.chars().all(|c| c.is_alphabetic()) {
        return false;
    }
    let lower = t.lower();
    CUE_LEMMAS.has(t.lemma.as_str())
        || CUE_LEMMAS.has(lower.as_str())
        || CUE_FORMS.has(lower.as_str())
}

const TITLES_MALE: &[&str] = &["mr.", "mr", "sir"];
const TITLES_FEMALE: &[&str] = &["ms.", "ms", "mrs.", "mrs", "miss", "madam", "dame"];
const TITLES_NEUTRAL: &[&str] = &["dr.", "dr", "prof.", "professor", "sen.", "rep.", "gen."];

/// Role nouns the agent dictionary leaves out (they code no sector) but that tell what a
/// person is.
#[rustfmt::skip]
static ROLE_NOUNS: WordSet = WordSet::new(&[
    "expert", "analyst", "editor", "researcher", "professor", "director", "scholar", "fellow",
    "historian", "economist", "journalist", "correspondent", "commentator", "lawyer", "head",
    "chief", "founder", "chairman", "chairwoman", "aide", "adviser", "advisor", "diplomat",
    "envoy", "spokesman", "spokeswoman", "spokesperson", "lecturer", "author", "specialist",
    "strategist", "consultant", "activist", "official", "negotiator", "representative", "observer",
    "columnist", "writer", "teacher", "farmer", "resident", "worker", "student", "doctor",
    "engineer", "manager", "coordinator", "secretary", "candidate", "owner", "minister",
    "president", "leader", "governor", "mayor", "commander", "ambassador", "premier", "judge",
    "prosecutor", "senator", "lawmaker", "delegate", "mediator", "chancellor", "actor", "actress",
    "director-general", "commissioner", "astronaut", "nurse", "victim", "witness", "mother",
    "father", "president-elect",
]);

/// Words that may qualify a role ("senior researcher", "former minister").
#[rustfmt::skip]
static ROLE_MODIFIERS: WordSet = WordSet::new(&[
    "senior", "former", "deputy", "acting", "chief", "top", "veteran", "leading", "prominent",
    "independent", "junior", "retired", "longtime", "political", "military", "security",
    "foreign-policy", "policy", "regional", "local", "associate", "assistant", "executive",
    "managing", "principal", "research", "visiting",
]);

/// Connectors inside organisation names ("Institute of World Economy and International
/// Relations").
const ORG_CONNECTORS: &[&str] = &["of", "and", "for", "on", "&", "in", "de", "the"];

/// Particles inside personal names ("Walid al-Moualem", "Ursula von der Leyen").
#[rustfmt::skip]
static NAME_PARTICLES: WordSet = WordSet::new(&[
    "al", "al-", "bin", "ibn", "abu", "de", "da", "di", "du", "van", "von", "der", "den", "la",
    "le", "del", "dos", "el",
]);

/// Capitalised words that are never names.
#[rustfmt::skip]
static NOT_NAMES: WordSet = WordSet::new(&[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "i", "it", "this", "that", "these", "those", "there", "then", "but",
    "and", "or", "so", "yet", "if", "when", "while", "after", "before", "since", "although",
    "however", "meanwhile", "both", "most", "many", "some", "all", "each", "every", "none", "one",
    "two", "no", "yes", "not", "even", "still", "also", "now", "today", "yesterday", "tomorrow",
    "here", "what", "who", "why", "how", "where", "which", "let", "afterward", "afterwards",
    "earlier", "later", "first", "second", "third", "last", "next", "in", "on", "at", "for",
    "with", "as", "by", "from", "to", "of", "a", "an", "the", "he", "she", "we", "they", "you",
    "his", "her", "our", "their", "my",
]);

/// Words of organisation names: a capitalised run containing one is not a person
/// ("the official Institute of World Economy").
#[rustfmt::skip]
static ORG_WORDS: WordSet = WordSet::new(&[
    "institute", "center", "centre", "university", "council", "committee", "ministry",
    "department", "agency", "commission", "party", "bank", "court", "assembly", "office",
    "organization", "organisation", "foundation", "association", "union", "group", "army", "front",
    "movement", "programme", "program", "fund", "service", "news", "times", "post", "journal",
    "company", "corporation", "inc.", "ltd", "school", "college", "academy", "parliament",
    "senate", "congress", "government", "embassy", "mission", "forum", "club", "network",
    "alliance", "federation", "authority", "board", "bureau", "police", "forces",
]);

/// Whether a word is a name particle written with a hyphen before a capital ("al-Assad").
fn hyphenated_particle(word: &str) -> bool {
    let Some((particle, rest)) = word.split_once('-') else {
        return false;
    };
    [
        "al", "el", "ad", "as", "ash", "at", "an", "ar", "bin", "ibn", "abu", "ben",
    ]
    .contains(&particle.to_lowercase().as_str())
        && rest.chars().next().is_some_and(char::is_uppercase)
}

/// The part of a surname that later mentions use: "al-Assad" is also "Assad".
fn surname_key(surname: &str) -> &str {
    match surname.split_once('-') {
        Some((_, rest)) if hyphenated_particle(surname) => rest,
        _ => surname,
    }
}

/// A few given names, to know a person's gender before any pronoun does (written by us).
#[rustfmt::skip]
static MALE_NAMES: WordSet = WordSet::new(&[
    "john", "james", "david", "michael", "robert", "william", "richard", "thomas", "mark", "paul",
    "peter", "george", "georgy", "andrei", "andrey", "sergey", "sergei", "vladimir", "dmitry",
    "dmitri", "fyodor", "igor", "ivan", "alexei", "alexey", "mikhail", "nikolai", "pavel", "yuri",
    "boris", "viktor", "oleg", "ahmed", "mohammed", "muhammad", "ali", "hassan", "omar", "walid",
    "bashar", "ben", "tom", "jack", "daniel", "joseph", "charles", "frank", "henry", "hans",
    "klaus", "pierre", "jean", "luis", "carlos", "jose", "juan", "li", "wei", "kenji", "hiroshi",
    "rahul", "arjun", "samuel", "stephen", "steven", "ed", "edward", "martin", "lars", "anders",
    "piotr", "tomasz", "kofi", "ibrahim", "yusuf",
]);
#[rustfmt::skip]
static FEMALE_NAMES: WordSet = WordSet::new(&[
    "mary", "victoria", "hillary", "jennifer", "linda", "elizabeth", "susan", "sarah", "nancy",
    "lisa", "anna", "ana", "maria", "marie", "olga", "tatiana", "tatyana", "natalia", "natalya",
    "irina", "elena", "yelena", "svetlana", "maria", "angela", "ursula", "fatima", "aisha",
    "leila", "layla", "nadia", "sophie", "claire", "julia", "emma", "catherine", "helen",
    "margaret", "jane", "joan", "ruth", "rachel", "rebecca", "laura", "samantha", "condoleezza",
    "madeleine", "jen", "marta", "ingrid", "greta", "mei", "yuki", "priya", "amina", "grace",
    "alice", "clara", "eva", "hanna", "hannah", "sofia", "zara",
]);

fn gender_of_role(role: &str) -> Gender {
    let role = role.to_lowercase();
    if role.contains("woman") || role.contains("women") {
        Gender::Female
    } else if role.contains("spokesman") || role.contains("chairman") {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

/// The word that names a role, for comparing roles ("spokeswoman" and "spokesman" are both
/// "spokes").
fn role_key(role: &str) -> String {
    let last = role
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if last.starts_with("spokes") {
        "spokes".to_string()
    } else {
        last.trim_end_matches('s').to_string()
    }
}

/// Whether a dictionary actor is an individual: every code has a sector (`RUSGOV`, not a
/// country's `RUS`) and one of its names is a single word that begins or ends another of
/// its names ("Lavrov" and "Sergey Lavrov", "Hillary" and "Hillary Clinton"; a country's
/// "Armenia" and "Republic of Armenia" fail the first test).
pub(crate) fn is_person_actor(actor: &Actor) -> bool {
    let sectors = actor
        .codes
        .iter()
        .flat_map(|(_, codes)| codes.iter())
        .all(|c| c.len() >= 6);
    if !sectors || actor.codes.is_empty() {
        return false;
    }
    // "BBC" and "BBC News": an organisation.
    let organisation = actor
        .phrases
        .iter()
        .any(|p| p.words.iter().any(|w| ORG_WORDS.has_folded(&w.text)));
    if organisation {
        return false;
    }
    let single: Vec<&str> = actor
        .phrases
        .iter()
        .filter(|p| p.words.len() == 1)
        .map(|p| &*p.words[0].text)
        .collect();
    actor.phrases.iter().any(|p| {
        p.words.len() >= 2
            && [p.words.first(), p.words.last()]
                .iter()
                .flatten()
                .any(|w| single.contains(&&*w.text))
    })
}

// ---------------------------------------------------------------------------------------------
// The tracker.

/// Facts gathered from the words around a name.
#[derive(Clone, Debug, Default)]
struct Description {
    role: Option<String>,
    /// The agent code of the role and where it goes.
    agent: Option<(String, AgentPlacement)>,
    organisation: Option<String>,
    /// Code of the organisation when the dictionaries name it (`USAGOV`).
    org_code: Option<String>,
    /// Country code from an adjective, a place or an organisation (`RUS`).
    country: Option<String>,
    gender: Option<Gender>,
}

impl Description {
    fn merge_missing(&mut self, other: Description) {
        if self.role.is_none() {
            self.role = other.role;
            self.agent = self.agent.take().or(other.agent);
        }
        if self.organisation.is_none() {
            self.organisation = other.organisation;
        }
        self.org_code = self.org_code.take().or(other.org_code);
        self.country = self.country.take().or(other.country);
        self.gender = self.gender.or(other.gender);
    }

    fn code(&self, known: Option<String>) -> Option<String> {
        if known.is_some() {
            return known;
        }
        let base = self
            .org_code
            .clone()
            .filter(|c| c.len() > 3)
            .or_else(|| self.country.clone())
            .or_else(|| self.org_code.clone());
        match (base, &self.agent) {
            (Some(base), Some((agent, placement))) if base.len() == 3 => Some(match placement {
                AgentPlacement::Suffix => format!("{base}{agent}"),
                AgentPlacement::Prefix => format!("{agent}{base}"),
            }),
            (Some(base), _) => Some(base),
            (None, _) => None,
        }
    }
}

struct Tracker<'t> {
    toks: &'t DocTokens,
    /// The longest actor and agent phrase starting at each token, looked up once: the
    /// tracker asks about the same token from several places (`None` = not asked yet).
    actor_hits: Vec<Cell<Option<Option<PhraseMatch>>>>,
    agent_hits: Vec<Cell<Option<Option<PhraseMatch>>>>,
    /// [`is_person_actor`] of the actors met so far.
    person_actors: RefCell<FxHashMap<u32, bool>>,
    /// The last role phrase without a name that ended before a comma (its comma's index).
    last_role: Option<(usize, Description)>,
    dict: &'t Dictionaries,
    date: Date,
    people: People,
}

impl Tracker<'_> {
    fn segment(&mut self, seg: Range<usize>) {
        let words: Vec<&str> = self.toks.toks[seg.clone()]
            .iter()
            .map(|t| t.upper.as_str())
            .collect();
        let mut i = seg.start;
        while i < seg.end {
            if let Some(next) = self.pronoun(i) {
                i = next;
            } else if let Some(next) = self.noun_phrase(&seg, &words, i) {
                i = next.max(i + 1);
            } else {
                i += 1;
            }
        }
    }

    /// The longest actor phrase at token `j` of segment `seg`, whose upper-case words are
    /// `words` (what `Dictionaries::match_actor` says, asked once per token).
    fn actor_at(&self, words: &[&str], seg: &Range<usize>, j: usize) -> Option<PhraseMatch> {
        let memo = self.actor_hits.get(j).filter(|_| seg.contains(&j));
        if let Some(known) = memo.and_then(Cell::get) {
            return known;
        }
        let found = self.dict.match_actor(words, j.wrapping_sub(seg.start));
        if let Some(memo) = memo {
            memo.set(Some(found));
        }
        found
    }

    /// The longest agent phrase at token `j` of segment `seg` (as [`Tracker::actor_at`]).
    fn agent_at(&self, words: &[&str], seg: &Range<usize>, j: usize) -> Option<PhraseMatch> {
        let memo = self.agent_hits.get(j).filter(|_| seg.contains(&j));
        if let Some(known) = memo.and_then(Cell::get) {
            return known;
        }
        let found = self.dict.match_agent(words, j.wrapping_sub(seg.start));
        if let Some(memo) = memo {
            memo.set(Some(found));
        }
        found
    }

    /// [`is_person_actor`] of actor `id`, decided once per document.
    fn person_actor(&self, id: u32) -> bool {
        if let Some(&known) = self.person_actors.borrow().get(&id) {
            return known;
        }
        let person = self
            .dict
            .actors
            .get(id as usize)
            .is_some_and(is_person_actor);
        self.person_actors.borrow_mut().insert(id, person);
        person
    }

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.toks.get(i)
    }

    /// A third-person singular pronoun at `i`, resolved to the nearest compatible person.
    fn pronoun(&mut self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let gender = if t.is(&["he", "him", "his", "himself"]) {
            Gender::Male
        } else if t.is(&["she", "her", "hers", "herself"]) {
            Gender::Female
        } else {
            return None;
        };
        let (start, end, sentence) = (t.start, t.end, t.sentence);
        if let Some(person) = self.nearest(start, sentence, gender) {
            let p = &mut self.people.persons[person as usize];
            if p.gender == Gender::Unknown {
                p.gender = gender;
            }
            self.people.add_mention(Mention {
                person,
                start,
                end,
                kind: MentionKind::Pronoun,
            });
        }
        Some(i + 1)
    }

    /// The person a pronoun of `gender` at `offset` in sentence `sentence` refers to: the
    /// first compatible person named in the nearest sentence (this one, before the pronoun,
    /// then earlier ones) that names one.
    fn nearest(&self, offset: usize, sentence: usize, gender: Gender) -> Option<PersonId> {
        let before: Vec<&Mention> = self
            .people
            .mentions
            .iter()
            .filter(|m| m.end <= offset)
            .filter(|m| {
                self.people.persons[m.person as usize]
                    .gender
                    .compatible(gender)
            })
            .collect();
        let last = before.last()?;
        let sentence_of = |m: &Mention| {
            let idx = self.toks.toks.partition_point(|t| t.start < m.start);
            self.toks.toks.get(idx).map_or(usize::MAX, |t| t.sentence)
        };
        let target = sentence_of(last).min(sentence);
        before
            .iter()
            .find(|m| sentence_of(m) == target)
            .map(|m| m.person)
    }

    /// A noun phrase at `i` naming a person (a name with its title, role and apposition, or
    /// a definite role phrase). Returns where to continue.
    fn noun_phrase(&mut self, seg: &Range<usize>, words: &[&str], i: usize) -> Option<usize> {
        let first = self.tok(i)?;
        // Mentions start with a name, a noun, an adjective or a determiner: verbs,
        // adverbs, prepositions and numbers never start one (most tokens stop here).
        let can_start = first.tag.is_noun()
            || first.tag.is_adjective()
            || matches!(first.tag, Tag::DT | Tag::PRPS)
            || first.capitalised();
        if first.tag.is_punctuation() || !can_start {
            return None;
        }
        let definite = first.is(&["the"]);
        let mut j = if definite { i + 1 } else { i };
        let mut desc = Description::default();
        let mut titled = false;
        let mut role_start: Option<usize> = None;
        let mut known: Option<u32> = None;
        // Pre-modifiers: countries, organisations, roles, titles.
        while j < seg.end {
            let t = &self.toks.toks[j];
            if t.is(TITLES_MALE) && self.next_capitalised(j, seg) {
                desc.gender = Some(Gender::Male);
                titled = true;
                j += 1;
                continue;
            }
            if t.is(TITLES_FEMALE) && self.next_capitalised(j, seg) {
                desc.gender = Some(Gender::Female);
                titled = true;
                j += 1;
                continue;
            }
            if t.is(TITLES_NEUTRAL) && self.next_capitalised(j, seg) {
                titled = true;
                j += 1;
                continue;
            }
            if let Some(m) = self.actor_at(words, seg, j) {
                let actor = &self.dict.actors[m.id as usize];
                if self.person_actor(m.id) {
                    known = Some(m.id);
                    break;
                }
                let len = m.len.max(1);
                let code = actor.codes_on(self.date).first().map(|c| c.to_string());
                let written = self.toks.text_of_words(j..j + len);
                if let Some(code) = code.filter(|c| c.len() >= 3 && !c.starts_with("---")) {
                    if code.len() == 3 {
                        desc.country.get_or_insert(code);
                    } else {
                        desc.organisation.get_or_insert(written);
                        desc.org_code.get_or_insert(code);
                    }
                }
                j += len;
                continue;
            }
            if let Some(m) = self.agent_at(words, seg, j) {
                let agent = &self.dict.agents[m.id as usize];
                let len = m.len.max(1);
                role_start.get_or_insert(j);
                desc.agent = Some((agent.code.to_string(), agent.placement));
                j += len;
                desc.role = Some(self.toks.text_of_words(role_start.unwrap_or(j)..j));
                continue;
            }
            let lower = t.lower();
            if ROLE_NOUNS.has(lower.as_str()) {
                role_start.get_or_insert(j);
                j += 1;
                desc.role = Some(self.toks.text_of_words(role_start.unwrap_or(j)..j));
                continue;
            }
            if ROLE_MODIFIERS.has(lower.as_str()) && j + 1 < seg.end {
                role_start.get_or_insert(j);
                j += 1;
                continue;
            }
            // "Foreign Minister Anna Berg" (a title the dictionaries do not know), then a
            // capitalised role noun directly before a name.
            if t.capitalised()
                && ROLE_NOUNS.has(lower.as_str())
                && self
                    .tok(j + 1)
                    .is_some_and(|n| j + 1 < seg.end && self.is_name_word(n))
            {
                role_start.get_or_insert(j);
                j += 1;
                desc.role = Some(self.toks.text_of_words(role_start.unwrap_or(j)..j));
                continue;
            }
            if t.capitalised() && j + 2 < seg.end {
                let n = &self.toks.toks[j + 1];
                if n.capitalised()
                    && ROLE_NOUNS.has(n.lower().as_str())
                    && self.is_name_word(&self.toks.toks[j + 2])
                    && !ROLE_NOUNS.has(self.toks.toks[j + 2].lower().as_str())
                {
                    role_start.get_or_insert(j);
                    j += 2;
                    desc.role = Some(self.toks.text_of_words(role_start.unwrap_or(j)..j));
                    continue;
                }
            }
            // "the mining minister": ordinary words before a role noun.
            if !t.capitalised() && (t.tag.is_noun() || t.tag.is_adjective() || t.tag == Tag::VBG) {
                let role_follows = (j + 1..(j + 3).min(seg.end)).find(|&k| {
                    let w = &self.toks.toks[k];
                    !w.capitalised() && ROLE_NOUNS.has(w.lower().as_str())
                });
                let plain = |k: usize| {
                    let w = &self.toks.toks[k];
                    !w.capitalised()
                        && (w.tag.is_noun() || w.tag.is_adjective() || w.tag == Tag::VBG)
                };
                if let Some(r) = role_follows {
                    if (j + 1..r).all(plain) {
                        role_start.get_or_insert(j);
                        j = r + 1;
                        desc.role = Some(self.toks.text_of_words(role_start.unwrap_or(j)..j));
                        continue;
                    }
                }
            }
            break;
        }
        if let Some(role) = &desc.role {
            if desc.gender.is_none() {
                let g = gender_of_role(role);
                if g != Gender::Unknown {
                    desc.gender = Some(g);
                }
            }
        }
        // The name.
        let mut name_start = j;
        let mut name_end = j;
        if let Some(id) = known {
            let m = self.actor_at(words, seg, j).filter(|m| m.id == id)?;
            name_end = (j + m.len.max(1)).min(seg.end);
            // A dictionary name with a title ("Secretary of State John Kerry"): the title is
            // the role, the rest the name.
            while name_end - name_start > 1 {
                let title = match self.agent_at(words, seg, name_start) {
                    Some(a) if name_start + a.len < name_end => {
                        let agent = &self.dict.agents[a.id as usize];
                        desc.agent
                            .get_or_insert((agent.code.to_string(), agent.placement));
                        a.len.max(1)
                    }
                    _ => {
                        let t = &self.toks.toks[name_start];
                        let lower = t.lower();
                        let titled_word = ROLE_NOUNS.has(lower.as_str())
                            || TITLES_MALE.contains(&lower.as_str())
                            || TITLES_FEMALE.contains(&lower.as_str())
                            || TITLES_NEUTRAL.contains(&lower.as_str())
                            || lower == "senator";
                        if !titled_word {
                            break;
                        }
                        1
                    }
                };
                if desc.role.is_none() {
                    desc.role = Some(self.toks.text_of_words(name_start..name_start + title));
                }
                name_start += title;
            }
        } else {
            while name_end < seg.end && name_end - name_start < 5 {
                let t = &self.toks.toks[name_end];
                let lower = t.lower();
                let particle = NAME_PARTICLES.has(lower.as_str())
                    && name_end > name_start
                    && self.tok(name_end + 1).is_some_and(|n| self.is_name_word(n));
                if !self.is_name_word(t) && !particle {
                    break;
                }
                name_end += 1;
                if name_end < seg.end
                    && name_end > name_start
                    && self
                        .actor_at(words, seg, name_end)
                        .is_some_and(|m| !self.person_actor(m.id))
                {
                    break;
                }
            }
        }
        if name_end == name_start {
            if desc.role.is_none() {
                return Some(j);
            }
            let (start, end) = (self.toks.toks[i].start, self.toks.toks[j - 1].end);
            // "The Dutch climate minister, Bram de Vries, said": the name that follows tells
            // who; keep the role for it.
            if j < seg.end && self.toks.toks[j].text == "," {
                self.last_role = Some((j, desc.clone()));
                if self.tok(j + 1).is_some_and(|t| self.is_name_word(t)) {
                    return Some(j);
                }
            }
            // A definite role phrase ("the Russian foreign minister"): the latest person
            // with that role, or else someone the text has not named ("the mining minister,
            // who ...").
            if definite && self.role_ends_phrase(j, seg) {
                let role = desc.role.clone().unwrap_or_default();
                let person = match self.by_role(&role, desc.country.as_deref()) {
                    Some(person) => person,
                    None => {
                        let subject = self
                            .tok(j)
                            .is_some_and(|t| t.tag.is_verb() || t.text == ",");
                        let person_role = ROLE_NOUNS.has(role_key(&role).as_str());
                        // "The jury president, the actor Paul Lemaire, said": named soon.
                        let named_soon = (j + 1..(j + 5).min(seg.end))
                            .any(|k| self.is_name_word(&self.toks.toks[k]));
                        if !subject || !person_role || named_soon {
                            return Some(j);
                        }
                        let id = self.people.persons.len() as PersonId;
                        self.people.persons.push(Person {
                            name: self.toks.text_of_words(i + 1..j),
                            surname: String::new(),
                            role: desc.role.clone(),
                            organisation: desc.organisation.clone(),
                            code: desc.code(None),
                            gender: desc.gender.unwrap_or(Gender::Unknown),
                            first: start,
                        });
                        id
                    }
                };
                self.people.add_mention(Mention {
                    person,
                    start,
                    end,
                    kind: MentionKind::Role,
                });
            }
            return Some(j);
        }
        let name_words: Vec<&str> = self.toks.toks[name_start..name_end]
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        if name_words.iter().any(|w| ORG_WORDS.has_folded(w)) {
            return Some(name_end);
        }
        let name = name_words.join(" ");
        let surname = name_words.last().copied().unwrap_or("").to_string();
        let existing = self.find(&name, &surname, name_words.len());
        let apposition = self.apposition(seg, words, name_end);
        // "the port of Tromvik said": a place, not a speaker.
        let after_preposition = i > seg.start
            && matches!(self.toks.toks[i - 1].tag, Tag::IN | Tag::TO)
            && !is_cue(&self.toks.toks[i - 1]);
        let cue_next = self.cue_after(name_end, seg) && !after_preposition;
        let cue_before =
            name_start > seg.start && i == name_start && is_cue(&self.toks.toks[name_start - 1]);
        // "..., Bram de Vries, said": a name set off by commas after a noun phrase.
        let after_role = self
            .last_role
            .as_ref()
            .is_some_and(|(e, _)| *e + 1 == name_start);
        let apposed = name_start == i
            && name_start > seg.start
            && self.toks.toks[name_start - 1].text == ","
            && (name_words.len() >= 2 || after_role)
            && (self
                .tok(name_end)
                .is_some_and(|t| t.text == "," || t.tag.is_verb())
                // "said Berg's lawyer, Jon Vik."
                || after_role
                    && (name_end >= seg.end || self.toks.toks[name_end].tag == Tag::Period));
        if apposed {
            if let Some((e, role)) = self.last_role.clone() {
                if e + 1 == name_start {
                    desc.merge_missing(role);
                }
            }
        }
        let given = name_words.len() >= 2 && {
            let g = name_words[0].to_lowercase();
            MALE_NAMES.has(g.as_str()) || FEMALE_NAMES.has(g.as_str())
        };
        let evidence = known.is_some()
            || existing.is_some()
            || titled
            || desc.role.is_some()
            || apposition.is_some()
            || cue_next
            || cue_before
            || apposed
            || given;
        if !evidence {
            return Some(name_end);
        }
        if let Some(app) = apposition {
            desc.merge_missing(app);
        }
        let first_name = name_words
            .first()
            .map(|w| w.to_lowercase())
            .unwrap_or_default();
        if desc.gender.is_none() && name_words.len() >= 2 {
            if MALE_NAMES.has(first_name.as_str()) {
                desc.gender = Some(Gender::Male);
            } else if FEMALE_NAMES.has(first_name.as_str()) {
                desc.gender = Some(Gender::Female);
            }
        }
        let start = self.toks.toks[i].start;
        let end = self.toks.toks[name_end - 1].end;
        let person = match existing {
            Some(id) => {
                let p = &mut self.people.persons[id as usize];
                if name_words.len() > p.name.split(' ').count() {
                    p.name = name;
                }
                if p.role.is_none() {
                    p.role = desc.role.clone();
                }
                if p.organisation.is_none() {
                    p.organisation = desc.organisation.clone();
                }
                if p.gender == Gender::Unknown {
                    p.gender = desc.gender.unwrap_or(Gender::Unknown);
                }
                if p.code.is_none() {
                    p.code = desc.code(None);
                }
                id
            }
            None => {
                let kb = known.or_else(|| {
                    self.actor_at(words, seg, name_start)
                        .filter(|m| m.len == name_end - name_start && name_words.len() >= 2)
                        .map(|m| m.id)
                });
                let kb_code = kb.and_then(|id| {
                    self.dict.actors[id as usize]
                        .codes_on(self.date)
                        .iter()
                        .find(|c| !c.starts_with("---") && !c.starts_with("+++"))
                        .map(|c| c.to_string())
                });
                let id = self.people.persons.len() as PersonId;
                self.people.persons.push(Person {
                    name,
                    surname,
                    role: desc.role.clone(),
                    organisation: desc.organisation.clone(),
                    code: desc.code(kb_code),
                    gender: desc.gender.unwrap_or(Gender::Unknown),
                    first: start,
                });
                id
            }
        };
        let kind = if existing.is_some() && name_words.len() == 1 {
            MentionKind::Surname
        } else {
            MentionKind::Name
        };
        self.people.add_mention(Mention {
            person,
            start,
            end,
            kind,
        });
        Some(name_end)
    }

    fn next_capitalised(&self, j: usize, seg: &Range<usize>) -> bool {
        j + 1 < seg.end && self.toks.toks[j + 1].capitalised()
    }

    /// Whether a token can be part of a personal name.
    fn is_name_word(&self, t: &Tok) -> bool {
        if hyphenated_particle(&t.text) {
            return true;
        }
        if !t.capitalised() || t.tag.is_punctuation() || t.tag == Tag::POS {
            return false;
        }
        let lower = t.lower();
        if NOT_NAMES.has(lower.as_str()) {
            return false;
        }
        let letters = t
            .text
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.' || c == '’');
        letters && !matches!(t.tag, Tag::PRP | Tag::PRPS | Tag::DT | Tag::WP | Tag::WDT)
    }

    /// Whether the role phrase ending before `j` ends the noun phrase (no name follows).
    fn role_ends_phrase(&self, j: usize, seg: &Range<usize>) -> bool {
        j >= seg.end || !self.toks.toks[j].capitalised() || self.toks.toks[j].tag.is_punctuation()
    }

    /// A speech verb right after the name (an adverb may stand between).
    fn cue_after(&self, end: usize, seg: &Range<usize>) -> bool {
        let mut k = end;
        while k < seg.end && self.toks.toks[k].tag.is_adverb() && k < end + 2 {
            k += 1;
        }
        k < seg.end && is_cue(&self.toks.toks[k]) && self.toks.toks[k].tag.is_verb()
    }

    /// The registered person with this name or surname.
    fn find(&self, name: &str, surname: &str, words: usize) -> Option<PersonId> {
        let persons = &self.people.persons;
        if let Some(i) = persons.iter().rposition(|p| p.name == name) {
            return Some(i as PersonId);
        }
        let key = surname_key(surname);
        let by_surname = persons.iter().rposition(|p| {
            !p.surname.is_empty()
                && surname_key(&p.surname) == key
                && (words == 1 || p.name.split(' ').count() == 1 || p.name.ends_with(name))
        });
        if let Some(i) = by_surname {
            return Some(i as PersonId);
        }
        // "Sergey Lavrov" after the person was registered as "Lavrov".
        if words >= 2 {
            if let Some(i) = persons.iter().rposition(|p| {
                !p.surname.is_empty()
                    && surname_key(&p.surname) == key
                    && p.name.split(' ').count() == 1
            }) {
                return Some(i as PersonId);
            }
        }
        None
    }

    /// The latest person whose role matches `role` (and `country`, when given).
    fn by_role(&self, role: &str, country: Option<&str>) -> Option<PersonId> {
        let key = role_key(role);
        let wanted = role.to_lowercase();
        // Same role words first ("health secretary" is not the "general secretary"), then
        // the latest mentioned.
        let mut best: Option<((bool, usize), PersonId)> = None;
        for (id, p) in self.people.persons.iter().enumerate() {
            let Some(r) = &p.role else { continue };
            if role_key(r) != key {
                continue;
            }
            if let (Some(c), Some(pc)) = (country, p.country()) {
                if c != pc {
                    continue;
                }
            }
            let last = self
                .people
                .mentions
                .iter()
                .filter(|m| m.person == id as PersonId)
                .map(|m| m.end)
                .max()
                .unwrap_or(p.first);
            let theirs = r.to_lowercase();
            let same = theirs.ends_with(&wanted) || wanted.ends_with(&theirs);
            let rank = (same, last);
            let better = match &best {
                Some((b, _)) => rank >= *b,
                None => true,
            };
            if better {
                best = Some((rank, id as PersonId));
            }
        }
        best.map(|(_, id)| id)
    }

    /// What an apposition after a name says: ", an expert with the PIR Center, an
    /// independent Moscow-based think tank", ", the State Department spokeswoman", ", senior
    /// researcher at the Institute of ... in Moscow".
    fn apposition(&self, seg: &Range<usize>, words: &[&str], end: usize) -> Option<Description> {
        let toks = &self.toks.toks;
        if end >= seg.end || toks[end].text != "," {
            return None;
        }
        let mut desc = Description::default();
        let mut found_role = false;
        let mut k = end + 1;
        let mut chunk = 0;
        let mut role_start: Option<usize> = None;
        while k < seg.end && chunk < 2 {
            let t = &toks[k];
            let lower = t.lower();
            if t.text == "," {
                if !found_role {
                    return None;
                }
                chunk += 1;
                k += 1;
                continue;
            }
            if t.tag.is_punctuation() || t.tag.is_verb() || t.is(&["who", "which", "that"]) {
                break;
            }
            if t.is(&["a", "an", "the"]) {
                k += 1;
                continue;
            }
            // "Moscow-based".
            if let Some(place) = lower.strip_suffix("-based") {
                let upper = place.to_uppercase();
                if let Some(code) = self.place_code(&[upper.as_str()]) {
                    desc.country.get_or_insert(code);
                }
                k += 1;
                continue;
            }
            if let Some(m) = self.actor_at(words, seg, k) {
                let actor = &self.dict.actors[m.id as usize];
                let len = m.len.max(1);
                if let Some(code) = actor
                    .codes_on(self.date)
                    .first()
                    .filter(|c| c.len() >= 3 && !c.starts_with("---"))
                {
                    if code.len() == 3 {
                        desc.country.get_or_insert(code.to_string());
                    } else if chunk == 0 {
                        desc.organisation
                            .get_or_insert_with(|| self.toks.text_of_words(k..k + len));
                        desc.org_code.get_or_insert(code.to_string());
                    }
                }
                // "editor of Russia in Global Affairs": a capitalised run after a country
                // name is an organisation.
                if found_role
                    && chunk == 0
                    && desc.organisation.is_none()
                    && k > end + 1
                    && toks[k - 1].is(&["of", "at", "with", "for", "from"])
                {
                    let org_end = self.org_run(k, seg, words);
                    if org_end > k + len {
                        desc.organisation = Some(self.toks.text_of_words(k..org_end));
                        k = org_end;
                        continue;
                    }
                }
                k += len;
                continue;
            }
            if let Some(m) = self.agent_at(words, seg, k) {
                if chunk == 0 && !found_role {
                    let agent = &self.dict.agents[m.id as usize];
                    role_start.get_or_insert(k);
                    desc.agent = Some((agent.code.to_string(), agent.placement));
                    desc.role = Some(self.toks.text_of_words(role_start.unwrap_or(k)..k + m.len));
                    found_role = true;
                }
                k += m.len.max(1);
                continue;
            }
            if ROLE_NOUNS.has(lower.as_str()) || lower == "tank" {
                if chunk == 0 && !found_role {
                    role_start.get_or_insert(k);
                    desc.role = Some(self.toks.text_of_words(role_start.unwrap_or(k)..k + 1));
                    found_role = true;
                }
                k += 1;
                continue;
            }
            if ROLE_MODIFIERS.has(lower.as_str()) && !found_role {
                role_start.get_or_insert(k);
                k += 1;
                continue;
            }
            if found_role && chunk == 0 && t.capitalised() && desc.organisation.is_none() {
                let org_end = self.org_run(k, seg, words);
                desc.organisation = Some(self.toks.text_of_words(k..org_end));
                // "in Moscow" after the organisation.
                k = org_end;
                continue;
            }
            if t.is(&["with", "at", "of", "for", "from", "in", "to"]) || !t.capitalised() {
                if !found_role && chunk == 0 && k > end + 4 {
                    return None;
                }
                k += 1;
                continue;
            }
            k += 1;
        }
        found_role.then_some(desc)
    }

    /// The end of an organisation name starting at `k`: capitalised words and connectors,
    /// stopping before "in <place>".
    fn org_run(&self, k: usize, seg: &Range<usize>, words: &[&str]) -> usize {
        let toks = &self.toks.toks;
        let mut e = k;
        while e < seg.end {
            let t = &toks[e];
            if t.capitalised() && !t.tag.is_punctuation() {
                e += 1;
                continue;
            }
            if t.is(ORG_CONNECTORS)
                && e + 1 < seg.end
                && toks[e + 1].capitalised()
                && !toks[e + 1].tag.is_punctuation()
            {
                if t.is(&["in"]) {
                    // "in Moscow": a place, not part of the name.
                    let place = self.actor_at(words, seg, e + 1);
                    if place.is_some() {
                        break;
                    }
                }
                e += 1;
                continue;
            }
            break;
        }
        e.max(k + 1).min(seg.end.max(k + 1))
    }

    /// The country code of a place name (upper-case words).
    fn place_code(&self, words: &[&str]) -> Option<String> {
        let m = self.dict.match_actor(words, 0)?;
        let code = self.dict.actors[m.id as usize]
            .codes_on(self.date)
            .first()?;
        (code.len() >= 3 && !code.starts_with("---")).then(|| code[..3].to_string())
    }
}

impl DocTokens {
    /// The tokens `range` as written, joined by single spaces where the text had space.
    fn text_of_words(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        let mut last_end: Option<usize> = None;
        for t in self.toks.get(range).unwrap_or(&[]) {
            if let Some(e) = last_end {
                if t.start > e {
                    out.push(' ');
                }
            }
            out.push_str(&t.text);
            last_end = Some(t.end);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_dict::petrarch::PetrarchLoader;

    fn dict() -> Dictionaries {
        let mut loader = PetrarchLoader::new();
        loader
            .actors(
                "RUSSIA_ [RUS]\n+RUSSIAN_\n+MOSCOW_\nUNITED_STATES_ [USA]\n+U.S._\n\
                 STATE_DEPARTMENT_ [USAGOV]\nSERGEY_LAVROV_ [RUSGOV]\n+LAVROV_\n\
                 VICTORIA_NULAND_ [USAELI]\n\t[USAGOV 20110601-20170119]\n+NULAND_\n",
                "t.actors",
            )
            .agents(
                "FOREIGN_MINISTER [~GOV]\nSPOKESWOMAN [~GOV]\nSPOKESPERSON [~GOV]\n",
                "t.agents",
            );
        let (d, errors) = loader.finish();
        assert!(errors.is_empty(), "{errors:?}");
        d
    }

    #[test]
    fn full_mentions_register_people() {
        let text = "Russian Foreign Minister Sergey Lavrov met the press.\n\n\
                    State Department spokesperson Victoria Nuland said nothing.\n\n\
                    Andrei Baklitsky, an expert with the PIR Center, an independent \
                    Moscow-based security think tank, was there.";
        let people = People::track(text, 20130227, &dict());
        let p = people.persons();
        assert_eq!(p.len(), 3, "{p:#?}");
        assert_eq!(p[0].name, "Sergey Lavrov");
        assert_eq!(p[0].role.as_deref(), Some("Foreign Minister"));
        assert_eq!(p[0].code.as_deref(), Some("RUSGOV"));
        assert_eq!(p[1].code.as_deref(), Some("USAGOV"));
        assert_eq!(p[1].organisation.as_deref(), Some("State Department"));
        assert_eq!(p[1].gender, Gender::Female);
        assert_eq!(p[2].name, "Andrei Baklitsky");
        assert_eq!(p[2].role.as_deref(), Some("expert"));
        assert_eq!(p[2].organisation.as_deref(), Some("PIR Center"));
        assert_eq!(p[2].country(), Some("RUS"));
    }

    #[test]
    fn later_mentions_resolve() {
        let text = "Russian Foreign Minister Sergey Lavrov met Victoria Nuland, the State \
                    Department spokeswoman. Mr. Lavrov smiled. Later the spokeswoman left, \
                    and the Russian foreign minister stayed. She said he was tired.";
        let people = People::track(text, 20130227, &dict());
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            people.resolve(s..s + w.len())
        };
        assert_eq!(people.persons().len(), 2, "{:#?}", people.persons());
        assert_eq!(at("Mr. Lavrov"), Some(0));
        assert_eq!(at("the spokeswoman"), Some(1));
        assert_eq!(at("the Russian foreign minister"), Some(0));
        assert_eq!(at("She"), Some(1));
        assert_eq!(at(" he ").map(|_| ()), Some(()));
        let he = text.find(" he ").unwrap() + 1;
        assert_eq!(people.resolve(he..he + 2), Some(0));
    }

    #[test]
    fn roles_places_and_organisations() {
        let text = "The health secretary, Richard Lowe, spoke first. The union's general \
                    secretary, Joan Fletcher, answered. She called the health secretary's \
                    plan cruel. Fishermen in the port of Tromvik said they were tired.";
        let people = People::track(text, 20230117, &dict());
        let names: Vec<&str> = people.persons().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Richard Lowe", "Joan Fletcher"]);
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            people.resolve(s..s + w.len())
        };
        assert_eq!(at("She"), Some(1));
        assert_eq!(at("the health secretary's"), Some(0));
        assert_eq!(
            people.persons()[1].role.as_deref(),
            Some("general secretary")
        );
    }

    #[test]
    fn words_in_quotes_are_not_mentions() {
        let text = "\"Assad must go,\" he said.";
        let people = People::track(text, 20130227, &dict());
        assert!(people.persons().is_empty(), "{:#?}", people.persons());
    }
}

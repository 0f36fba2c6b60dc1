//! Event places: the places a sentence names as locations ("in Berlin", "arrived in Rome",
//! "talks in Geneva", "Moscow-based", "the Berlin meeting", a "BEIRUT (Reuters) -" dateline,
//! "clashes in Syria"), resolved with the gazetteer ([`detente_dict::gazetteer`]: cities,
//! countries and a few regions) to a name, a country code and coordinates, each with its token
//! and byte span.
//!
//! A city name alone is not taken as a place: "Moscow said" names an actor (the coder's
//! business). A name counts as a place when something marks it as one, its [`Cue`]: a
//! locative preposition before it (with room for "the", compass adjectives and "city of":
//! "in northern Aleppo", "in the city of Homs"), a dateline at the start of the sentence, a
//! `-based` suffix, or its use as a modifier of a common noun ("the Geneva talks").
//!
//! [`find`] lists every place of an [`Analysis`]; [`event_place`] picks the one that belongs
//! to an event, given the token of its verb or naming noun: a place modifying that noun or
//! right after it ("talks in Geneva"), else a prepositional place in the verb's own clause
//! (locative prepositions before directional ones, then nearest, after the verb first), else
//! the dateline. Places of other clauses and `-based` places (which describe an actor) are not
//! event places.

use detente_dict::gazetteer::{Gazetteer, Place, PlaceKind};
use detente_text::{Analysis, Tag};
use std::ops::Range;

/// What marks a name as a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// After a preposition ("in Geneva", "to Moscow"); the preposition is
    /// [`PlaceMention::preposition`].
    Preposition,
    /// A dateline at the start of the sentence: the place in capitals, then `(`, `,` or a
    /// dash ("BEIRUT (Reuters) -").
    Dateline,
    /// A `-based` word ("Moscow-based"): where an actor is, not where an event happens.
    Based,
    /// Modifying the common noun at [`PlaceMention::head`] ("the Berlin meeting").
    Modifier,
}

impl Cue {
    /// The name used in output: `preposition`, `dateline`, `based`, `modifier`.
    pub fn as_str(self) -> &'static str {
        match self {
            Cue::Preposition => "preposition",
            Cue::Dateline => "dateline",
            Cue::Based => "based",
            Cue::Modifier => "modifier",
        }
    }
}

/// A place found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention<'g> {
    /// The gazetteer's place (best by its ambiguity rule).
    pub place: &'g Place,
    /// Index of the place in [`Gazetteer::places`].
    pub index: u32,
    /// What marked the name as a place.
    pub cue: Cue,
    /// The preposition, lower case, for [`Cue::Preposition`].
    pub preposition: Option<String>,
    /// The noun the place modifies ([`Cue::Modifier`]): its token index.
    pub head: Option<usize>,
    /// Token indexes of the name (for `-based`, the one token that carries it).
    pub tokens: Range<usize>,
    /// Byte offsets of the name itself in [`Analysis::text`] (without `-based`).
    pub bytes: Range<usize>,
}

/// Prepositions that place an event at a location, best first.
/// ("on" is left out: "sanctions on Iran", "an attack on Syria" name targets, not places.)
const LOCATIVE: [&str; 9] = [
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "within",
    "across",
    "throughout",
    "around",
];

/// Prepositions of direction or origin: still places, weaker evidence of where an event was.
const DIRECTIONAL: [&str; 7] = ["to", "into", "towards", "toward", "from", "via", "through"];

/// Words that may stand between a preposition and the place name ("in the city of Homs",
/// "in northern Aleppo", "in the Syrian capital Damascus" is not covered: adjectives of
/// nationality are not listed).
const BETWEEN: [&str; 24] = [
    "the",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "downtown",
    "greater",
    "suburban",
    "city",
    "capital",
    "port",
    "town",
    "of",
    "nearby",
    "besieged",
];

/// Every place of the sentence, in order.
pub fn find<'g>(analysis: &Analysis, gazetteer: &'g Gazetteer) -> Vec<PlaceMention<'g>> {
    let tokens = &analysis.tokens;
    let n = tokens.len();
    // Words as the gazetteer sees them: a `-based` suffix taken off.
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| strip_based(&t.text).unwrap_or(&t.text))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // A place name starts with a capital (checked below for every match): most tokens
        // need no gazetteer look-up at all.
        if !capitalized(&tokens[i].text) {
            i += 1;
            continue;
        }
        let Some(m) = gazetteer.match_words(&words, i) else {
            i += 1;
            continue;
        };
        let end = i + m.len;
        let Some(place) = gazetteer.place(m.place) else {
            i += 1;
            continue;
        };
        let last = end - 1;
        let based = strip_based(&tokens[last].text).is_some();
        // A `-based` suffix only on the name's last token.
        if (i..last).any(|k| strip_based(&tokens[k].text).is_some()) {
            i += 1;
            continue;
        }
        if !tokens[i..end].iter().all(|t| name_word(&t.text)) {
            i += 1;
            continue;
        }
        // "the Gaza Strip", "Kirkuk Province": the name begins a longer proper name.
        if !based && continues_name(analysis, end) {
            i = end;
            continue;
        }
        let name_end = if based {
            tokens[last].start as usize + words[last].len()
        } else {
            tokens[last].end as usize
        };
        let mut mention = PlaceMention {
            place,
            index: m.place,
            cue: Cue::Based,
            preposition: None,
            head: None,
            tokens: i..end,
            bytes: tokens[i].start as usize..name_end,
        };
        if based {
            out.push(mention);
            i = end;
            continue;
        }
        if i == 0 && is_dateline(analysis, end) {
            mention.cue = Cue::Dateline;
            out.push(mention);
            i = end;
            continue;
        }
        if let Some(prep) = preposition_before(analysis, i) {
            // "fired rockets at Israel": "at" before a country names a target; "sold arms to
            // Taiwan" a recipient, unless something moves there ("sent troops to Iraq").
            let target = match prep.as_str() {
                "at" => place.kind != PlaceKind::City,
                // "independence from Israel", "support from Moscow": a party, not a place.
                "from" => {
                    i >= 2
                        && FROM_A_PARTY
                            .contains(&analysis.tokens[i - 2].lemma.to_lowercase().as_str())
                        && analysis.tokens[i - 1].text.eq_ignore_ascii_case("from")
                }
                "to" | "toward" | "towards" | "into" => {
                    place.kind != PlaceKind::City && !motion_before(analysis, i)
                }
                _ => false,
            };
            if target {
                i = end;
                continue;
            }
            mention.cue = Cue::Preposition;
            mention.preposition = Some(prep);
            out.push(mention);
            i = end;
            continue;
        }
        if let Some(head) =
            modified_noun(analysis, i, end).filter(|_| place.kind != PlaceKind::Country)
        {
            mention.cue = Cue::Modifier;
            mention.head = Some(head);
            out.push(mention);
            i = end;
            continue;
        }
        i = end;
    }
    out
}

/// Every place of one sentence of plain text, analysed with our own parser.
///
/// ```
/// use detente_dict::gazetteer::Gazetteer;
/// use detente_doc::places::{find_in_text, Cue};
///
/// let found = find_in_text("Kerry met Lavrov in Geneva on Monday.", Gazetteer::builtin());
/// assert_eq!(&*found[0].place.name, "Geneva");
/// assert_eq!(&*found[0].place.country, "CHE");
/// assert_eq!(found[0].cue, Cue::Preposition);
/// ```
pub fn find_in_text<'g>(sentence: &str, gazetteer: &'g Gazetteer) -> Vec<PlaceMention<'g>> {
    let analysis = detente_text::Analyzer::new().analyze_sentence(sentence);
    find(&analysis, gazetteer)
}

/// The place of the event whose verb (or naming noun) is token `verb`, or `None`.
///
/// See the module documentation for the order of preference.
pub fn event_place<'g>(
    analysis: &Analysis,
    gazetteer: &'g Gazetteer,
    verb: usize,
) -> Option<PlaceMention<'g>> {
    let found = find(analysis, gazetteer);
    best_for_event(analysis, &found, verb).cloned()
}

/// The best of already found places (from [`find`]) for the event at token `verb`; lets a
/// caller with several events in a sentence find the places once.
pub fn best_for_event<'a, 'g>(
    analysis: &Analysis,
    found: &'a [PlaceMention<'g>],
    verb: usize,
) -> Option<&'a PlaceMention<'g>> {
    if verb >= analysis.tokens.len() {
        return found.iter().find(|m| m.cue == Cue::Dateline);
    }
    let verb_clause = clause_of(analysis, verb);
    found
        .iter()
        .filter_map(|m| {
            let tier = match m.cue {
                Cue::Modifier if m.head == Some(verb) => 0,
                Cue::Preposition if attached_to_noun(analysis, m, verb) => 0,
                Cue::Preposition if clause_of(analysis, m.tokens.start) == verb_clause => {
                    match m.preposition.as_deref() {
                        Some(p) if LOCATIVE.contains(&p) => 1,
                        Some(p) if DIRECTIONAL.contains(&p) && p != "from" => 2,
                        _ => 3,
                    }
                }
                Cue::Dateline => 4,
                _ => return None,
            };
            let distance = if m.tokens.start > verb {
                (m.tokens.start - verb) * 2
            } else {
                (verb - m.tokens.start) * 2 + 1
            };
            Some((tier, distance, m))
        })
        .min_by_key(|&(tier, distance, _)| (tier, distance))
        .map(|(_, _, m)| m)
}

/// Whether a prepositional place follows the event noun at `verb` directly ("talks in
/// Geneva", "the summit in Brussels").
fn attached_to_noun(analysis: &Analysis, m: &PlaceMention<'_>, verb: usize) -> bool {
    let tag = analysis.tokens[verb].tag;
    if !matches!(tag, Tag::NN | Tag::NNS) {
        return false;
    }
    // The preposition is the token right after the noun, and only skippable words lie
    // between it and the name.
    let prep = verb + 1;
    prep < m.tokens.start
        && analysis.tokens[prep..m.tokens.start]
            .iter()
            .skip(1)
            .all(|t| BETWEEN.contains(&t.text.to_lowercase().as_str()))
        && m.preposition.as_deref() == Some(analysis.tokens[prep].text.to_lowercase().as_str())
}

/// The innermost clause node containing token `i` (the root if none).
fn clause_of(analysis: &Analysis, i: usize) -> u32 {
    let Ok(index) = u32::try_from(i) else {
        return Analysis::ROOT;
    };
    let parent = analysis.parent_of_token(index);
    analysis
        .ancestors(parent)
        .find(|&n| analysis.node(n).label.is_clause())
        .unwrap_or(Analysis::ROOT)
}

/// Nouns that a place name modifies as an actor or a time, not as the place of an event
/// ("the Khartoum government", "Omdurman radio", "Albania today"), by lemma.
const NOT_EVENT_NOUNS: [&str; 40] = [
    "government",
    "official",
    "authority",
    "police",
    "army",
    "military",
    "force",
    "troop",
    "soldier",
    "radio",
    "television",
    "tv",
    "newspaper",
    "daily",
    "agency",
    "ministry",
    "minister",
    "court",
    "president",
    "leader",
    "spokesman",
    "spokeswoman",
    "embassy",
    "envoy",
    "ambassador",
    "delegation",
    "side",
    "regime",
    "administration",
    "parliament",
    "team",
    "club",
    "company",
    "bank",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "resident",
    "people",
];

/// Nouns after which "from" introduces a party rather than an origin ("support from Moscow").
const FROM_A_PARTY: [&str; 16] = [
    "independence",
    "secession",
    "support",
    "pressure",
    "aid",
    "help",
    "assistance",
    "backing",
    "response",
    "reply",
    "criticism",
    "demand",
    "request",
    "approval",
    "warning",
    "threat",
];

/// Lemmas of verbs and nouns of movement: "to Iraq" after them is a destination.
const MOTION: [&str; 32] = [
    "return",
    "go",
    "travel",
    "fly",
    "arrive",
    "head",
    "send",
    "deploy",
    "deport",
    "move",
    "flee",
    "trip",
    "visit",
    "journey",
    "come",
    "back",
    "extradite",
    "expel",
    "evacuate",
    "march",
    "sail",
    "drive",
    "walk",
    "dispatch",
    "transfer",
    "bring",
    "take",
    "cross",
    "repatriate",
    "smuggle",
    "retreat",
    "withdraw",
];

/// Whether a word of movement stands among the eight tokens before the preposition that
/// precedes the name at `i` ("sent troops to Iraq", "return to Geneva").
fn motion_before(analysis: &Analysis, i: usize) -> bool {
    let from = i.saturating_sub(8);
    analysis.tokens[from..i]
        .iter()
        .any(|t| MOTION.contains(&t.lemma.to_lowercase().as_str()))
}

/// The preposition governing a name starting at token `i`, skipping [`BETWEEN`] words.
fn preposition_before(analysis: &Analysis, i: usize) -> Option<String> {
    let mut k = i;
    // After "of", the name belongs to a part of a place: "in a residential sector of mostly
    // Christian eastern Beirut", "near the town of Samarra", "on the outskirts of Kabul".
    let mut part_of = false;
    for _ in 0..10 {
        if k == 0 {
            return None;
        }
        k -= 1;
        let t = &analysis.tokens[k];
        let w = t.text.to_lowercase();
        if LOCATIVE.contains(&w.as_str()) || DIRECTIONAL.contains(&w.as_str()) {
            return Some(w.to_string());
        }
        if w == "of" && !part_of {
            part_of = true;
            continue;
        }
        let skipped = BETWEEN.contains(&w.as_str())
            || t.tag == Tag::Comma
            || (part_of
                && (matches!(t.tag, Tag::DT | Tag::JJ | Tag::RB)
                    || PLACE_PARTS.contains(&t.lemma.to_lowercase().as_str())))
            || (!part_of
                && (matches!(t.tag, Tag::JJ | Tag::RB) || (t.tag == Tag::NNP && i - k > 1))
                && i - k <= 3
                && followed_by_of(analysis, k));
        if !skipped {
            return None;
        }
    }
    None
}

/// Nouns naming a part of a place, before "of" and the place's name.
const PLACE_PARTS: [&str; 16] = [
    "sector",
    "district",
    "suburb",
    "outskirts",
    "part",
    "area",
    "region",
    "town",
    "city",
    "village",
    "province",
    "heart",
    "centre",
    "center",
    "neighbourhood",
    "neighborhood",
];

/// Whether an "of" comes later in the few tokens after `k` (the modifiers of a name after
/// "of": "of mostly Christian eastern Beirut").
fn followed_by_of(analysis: &Analysis, k: usize) -> bool {
    analysis.tokens[..k]
        .iter()
        .rev()
        .take(4)
        .any(|t| t.text.eq_ignore_ascii_case("of"))
}

/// The common noun a name at `start..end` modifies, if it is followed by one ("the Berlin
/// meeting", "Geneva talks").
fn modified_noun(analysis: &Analysis, start: usize, end: usize) -> Option<usize> {
    let next = analysis.tokens.get(end)?;
    if capitalized(&next.text) || NOT_EVENT_NOUNS.contains(&next.lemma.to_lowercase().as_str()) {
        return None;
    }
    // Our tagger may read a noun after a name as a gerund ("the Berlin meeting/VBG"); after a
    // determiner the gerund is a noun.
    let after_determiner = start > 0 && analysis.tokens[start - 1].tag == Tag::DT;
    if !(matches!(next.tag, Tag::NN | Tag::NNS) || (next.tag == Tag::VBG && after_determiner)) {
        return None;
    }
    // Not a possessive or a subject: "Moscow 's", "Moscow said" never get here (tags), but a
    // name that begins the sentence without a determiner is more likely an actor.
    if start == 0 {
        return None;
    }
    Some(end)
}

/// Whether the sentence starts with a dateline whose place ends at token `end`: every token
/// of the name in capitals, then `(`, `,`, or a dash.
fn is_dateline(analysis: &Analysis, end: usize) -> bool {
    let all_caps = analysis.tokens[..end].iter().all(|t| {
        t.text.chars().any(char::is_alphabetic) && !t.text.chars().any(char::is_lowercase)
    });
    let Some(next) = analysis.tokens.get(end) else {
        return false;
    };
    all_caps
        && (matches!(next.tag, Tag::LRB | Tag::Comma | Tag::Colon | Tag::HYPH)
            || matches!(
                next.text.as_str(),
                "-LRB-" | "(" | "," | "-" | "--" | "—" | "–" | ":"
            ))
}

/// Whether a token may be part of a place name in running text: it has a capital letter
/// ("Sharm el-Sheikh") or is a lower-case connector ("Dar es Salaam", "Newcastle upon Tyne").
fn name_word(word: &str) -> bool {
    word.chars().any(char::is_uppercase)
        || matches!(
            word,
            "de" | "del"
                | "la"
                | "las"
                | "los"
                | "el"
                | "es"
                | "of"
                | "upon"
                | "da"
                | "do"
                | "dos"
                | "au"
                | "am"
                | "an"
                | "der"
                | "sur"
                | "al"
        )
}

/// Whether token `end` continues a proper name (a capitalised proper noun that is not a
/// weekday or month name: "Gaza Strip", but "in Berlin Monday" is still Berlin).
fn continues_name(analysis: &Analysis, end: usize) -> bool {
    let Some(next) = analysis.tokens.get(end) else {
        return false;
    };
    const CALENDAR: [&str; 19] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    matches!(next.tag, Tag::NNP | Tag::NNPS)
        && capitalized(&next.text)
        && next.text.chars().all(char::is_alphabetic)
        && !CALENDAR.contains(&next.text.to_lowercase().as_str())
}

/// Whether a word starts with a capital letter.
fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The part of `Moscow-based` before `-based` (any case), if the word has that suffix.
fn strip_based(word: &str) -> Option<&str> {
    const SUFFIX: &str = "-based";
    let cut = word.len().checked_sub(SUFFIX.len())?;
    if cut == 0 || !word.is_char_boundary(cut) {
        return None;
    }
    word[cut..]
        .eq_ignore_ascii_case(SUFFIX)
        .then_some(&word[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_text::Analyzer;

    fn g() -> &'static Gazetteer {
        Gazetteer::builtin()
    }

    fn analyse(s: &str) -> Analysis {
        Analyzer::new().analyze_sentence(s)
    }

    /// (name, country, cue, text of the span) of every place.
    fn places(s: &str) -> Vec<(String, String, Cue, String)> {
        let a = analyse(s);
        find(&a, g())
            .into_iter()
            .map(|m| {
                (
                    m.place.name.to_string(),
                    m.place.country.to_string(),
                    m.cue,
                    a.text[m.bytes.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_part_of_a_place() {
        let found = places(
            "A journalist was killed in a residential sector of mostly Christian eastern Beirut.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str()),
            ("Beirut", "LBN")
        );
        assert_eq!(found[0].2, Cue::Preposition);
        let found = places("Rebels fought near the town of Aleppo.");
        assert_eq!(found[0].0, "Aleppo");
        // "of" alone is no locative: "the president of Syria" names no place.
        assert!(places("The president of Syria spoke.").is_empty());
    }

    fn index_of(a: &Analysis, word: &str) -> usize {
        a.tokens.iter().position(|t| t.text == word).unwrap()
    }

    /// The event place's name for the verb `verb` of `s`.
    fn event(s: &str, verb: &str) -> Option<String> {
        let a = analyse(s);
        let v = index_of(&a, verb);
        event_place(&a, g(), v).map(|m| m.place.name.to_string())
    }

    #[test]
    fn prepositions() {
        assert_eq!(
            places("Kerry met Lavrov in Berlin."),
            [(
                "Berlin".into(),
                "DEU".into(),
                Cue::Preposition,
                "Berlin".into()
            )]
        );
        assert_eq!(places("The envoy arrived in Rome on Monday.")[0].0, "Rome");
        assert_eq!(places("Talks in Geneva ended.")[0].0, "Geneva");
        assert_eq!(places("Shells fell in northern Aleppo.")[0].0, "Aleppo");
        assert_eq!(
            places("Clashes broke out in the city of Homs.")[0].0,
            "Homs"
        );
        let p = places("He flew from Tehran to New York.");
        assert_eq!(p.len(), 2);
        assert_eq!((p[1].0.as_str(), p[1].3.as_str()), ("New York", "New York"));
    }

    #[test]
    fn datelines() {
        let p = places("BEIRUT (Reuters) - Syrian troops shelled Homs.");
        assert_eq!(p[0].0, "Beirut");
        assert_eq!(p[0].2, Cue::Dateline);
        assert_eq!(p[0].3, "BEIRUT");
        let p = places("NEW DELHI, Feb 27 (Reuters) - India said ...");
        assert_eq!((p[0].0.as_str(), p[0].2), ("New Delhi", Cue::Dateline));
        // A capitalised name starting an ordinary sentence is an actor, not a place.
        assert!(places("Moscow said it would respond.").is_empty());
        assert!(places("Beirut, the capital, was calm.").is_empty());
    }

    #[test]
    fn based_and_modifiers() {
        let p = places("The Moscow-based newspaper said ...");
        assert_eq!(p[0].0, "Moscow");
        assert_eq!(p[0].2, Cue::Based);
        assert_eq!(p[0].3, "Moscow");
        let p = places("Delegates prepared for the Berlin meeting.");
        assert_eq!((p[0].0.as_str(), p[0].2), ("Berlin", Cue::Modifier));
    }

    #[test]
    fn ambiguous_names_resolve_by_the_gazetteer_rule() {
        let p = places("Fighting erupted in Tripoli.");
        assert_eq!(p[0].1, "LBY");
        let p = places("He was born in Kiev.");
        assert_eq!((p[0].0.as_str(), p[0].3.as_str()), ("Kyiv", "Kiev"));
    }

    #[test]
    fn countries_and_regions() {
        let a = analyse("Clashes in Syria and in the Gaza Strip killed 12.");
        let found = find(&a, g());
        let got: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|m| (&*m.place.name, &*m.place.country, m.place.kind.as_str()))
            .collect();
        assert_eq!(
            got,
            [("Syria", "SYR", "country"), ("Gaza Strip", "PSE", "region")]
        );
        assert_eq!(places("Troops arrived in the U.S. today.")[0].1, "USA");
    }

    #[test]
    fn a_name_inside_a_longer_name_is_not_that_place() {
        assert!(places("Fighting spread to Kirkuk Province.").is_empty());
        assert_eq!(
            places("A rocket was fired from the Gaza Strip.")[0].0,
            "Gaza Strip"
        );
        assert_eq!(places("They met in Berlin Monday.")[0].0, "Berlin");
    }

    #[test]
    fn on_names_a_target_not_a_place() {
        assert!(places("Obama agreed to lift the sanctions on Iran.").is_empty());
        assert!(places("Hamas fired rockets at Israel.").is_empty());
        assert_eq!(places("They met at Geneva.")[0].0, "Geneva");
    }

    #[test]
    fn recipients_and_actor_modifiers_are_not_places() {
        assert!(places("Washington will sell weapons to Taiwan.").is_empty());
        assert_eq!(places("Japan will send troops to Iraq.")[0].0, "Iraq");
        assert!(places("He criticised the Khartoum government.").is_empty());
        assert!(places("They called for independence from Iraq.").is_empty());
        assert_eq!(places("Workers fled from Iraq.")[0].0, "Iraq");
        assert!(places("Serbia protested to the U.S. officials.").is_empty());
        assert_eq!(places("Aid reached the Darfur region.")[0].0, "Darfur");
    }

    #[test]
    fn lower_case_and_unknown_words_are_not_places() {
        assert!(places("They live in nice houses.").is_empty());
        assert!(places("They met in Atlantis.").is_empty());
        assert!(places("").is_empty());
    }

    #[test]
    fn event_place_prefers_the_verbs_clause() {
        assert_eq!(
            event("Kerry met Lavrov in Geneva on Monday.", "met").as_deref(),
            Some("Geneva")
        );
        // The reported event is in Aleppo; the saying is placed by the dateline.
        let s = "DAMASCUS (Reuters) - The army said rebels attacked a base in Aleppo.";
        assert_eq!(event(s, "attacked").as_deref(), Some("Aleppo"));
        assert_eq!(event(s, "said").as_deref(), Some("Damascus"));
        // A locative beats a destination.
        assert_eq!(
            event(
                "Abbas flew to Cairo and met Mubarak in Sharm el-Sheikh.",
                "met"
            )
            .as_deref(),
            Some("Sharm el-Sheikh")
        );
        // -based describes an actor.
        assert_eq!(
            event("The Moscow-based group protested.", "protested"),
            None
        );
        assert_eq!(event("They met yesterday.", "met"), None);
    }

    #[test]
    fn event_place_for_nouns() {
        let s = "Lavrov praised the talks in Geneva.";
        assert_eq!(event(s, "talks").as_deref(), Some("Geneva"));
        let s = "Diplomats prepared the Berlin meeting.";
        assert_eq!(event(s, "meeting").as_deref(), Some("Berlin"));
        let a = analyse(s);
        assert!(event_place(&a, g(), 10_000).is_none());
    }

    #[test]
    fn spans_are_in_the_analysis_text() {
        let s = "Envoys from Tel Aviv-based groups met in Ho Chi Minh City.";
        let a = analyse(s);
        let found = find(&a, g());
        let texts: Vec<&str> = found.iter().map(|m| &a.text[m.bytes.clone()]).collect();
        assert_eq!(texts, ["Tel Aviv", "Ho Chi Minh City"]);
        assert_eq!(found[0].cue, Cue::Based);
        assert_eq!(found[1].tokens.len(), 4);
    }

    #[test]
    fn strip_based_handles_any_text() {
        assert_eq!(strip_based("Moscow-based"), Some("Moscow"));
        assert_eq!(strip_based("MOSCOW-BASED"), Some("MOSCOW"));
        assert_eq!(strip_based("-based"), None);
        assert_eq!(strip_based("based"), None);
        assert_eq!(strip_based("é-based"), Some("é"));
        assert_eq!(strip_based("ééé"), None);
    }

    #[test]
    fn random_input_never_panics() {
        let vocabulary = [
            "in",
            "Berlin",
            "BEIRUT",
            "(",
            "Reuters",
            ")",
            "-",
            "Moscow-based",
            "the",
            "meeting",
            "New",
            "York",
            "talks",
            "said",
            "to",
            "Tel",
            "Aviv-based",
            ",",
            "northern",
            "of",
            "city",
            "Rome",
            "arrived",
            ".",
            "-based",
            "é",
            "Ho",
            "Chi",
            "Minh",
            "City",
        ];
        let mut state = 0x1234_5678_9abc_def1u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..400 {
            let len = (next() % 14) as usize;
            let words: Vec<&str> = (0..len)
                .map(|_| vocabulary[(next() % vocabulary.len() as u64) as usize])
                .collect();
            let s = words.join(" ");
            let a = analyse(&s);
            let found = find(&a, g());
            for m in &found {
                assert!(m.bytes.end <= a.text.len());
                assert!(a.text.is_char_boundary(m.bytes.start));
            }
            for v in 0..=a.tokens.len() {
                let _ = best_for_event(&a, &found, v);
            }
        }
    }
}

//! Part-of-speech tagging in the Penn tagset: lexicon readings, capitalisation, then
//! hand-written contextual rules in the manner of a Brill tagger.
//!
//! Each word first gets its most likely reading from the [`Lexicon`] (closed classes, irregular
//! forms, WordNet lemmas and their inflections, suffix guesses). Capitalised words inside a
//! sentence become proper nouns unless they are function words or proper adjectives
//! (`Russian`); at the start of a sentence the lexicon is trusted first. Then one left-to-right
//! pass picks among each word's readings from its context: nouns after determiners, adjectives
//! and possessives (also for words known only as verbs: `an accord`); adjectives joined to an
//! adjective before a noun (`old and tired president`); names joined to a participle as
//! adjectives (`UK-based`); base verbs after `to`, modals and `do` (also words known only as
//! nouns, before a determiner: `to host a summit`), and before an object after
//! another base verb (`help build the`); participles after `have` and `be`;
//! verbs rather than nouns after a subject whose clause has no finite verb yet (`Arnor attacks
//! Gondor` vs `the attacks`), a clause starting again after a verb of saying (`said five people
//! died`), but never a bare verb after a determined phrase ending in a singular noun (`a key
//! U.S. ally`, `the peace deal`); reduced relatives and passives (`men sought in`, `killed
//! by`, `a paper based in X has`, but `shortened by one hour`); past forms modifying a noun at
//! the start of a clause (`Ousted president`); -ing nouns heading a subject (`A roadside
//! bombing near`); an article, an adjective-noun word and a past form at a phrase's end (`the
//! military said.`);
//! `that` as complementizer, relative or determiner; `'s` as possessive or `is`; particles.
//!
//! This module owns tags and lemmas; tokens come from [`crate::tokenize`].

use crate::analysis::Tag;
use crate::lexicon::{lemma_for, with_lower, Lexicon, Readings};
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// A word being tagged; its text is at the same index of the `words` slice.
#[derive(Clone, Debug)]
struct Word {
    lower: CompactString,
    readings: Readings,
    tag: Tag,
    /// Forms of `be`, `have` and `do`, as bits (`AUX_BE`...), found once per word.
    aux: u8,
}

/// Buffers reused from sentence to sentence, so tagging allocates nothing in the steady state.
#[derive(Debug, Default)]
pub(crate) struct TagScratch {
    ws: Vec<Word>,
    /// The tag of each word, after [`tag_into`].
    pub(crate) tags: Vec<Tag>,
    /// The lemma of each word, after [`tag_into`].
    pub(crate) lemmas: Vec<CompactString>,
    /// Memo of [`Lexicon::readings`] (and the auxiliary bits) by lower-cased word: a word
    /// seen before costs one hash lookup instead of up to five lexicon lookups and the
    /// suffix rules. Readings depend only on the word, so the memo never changes a result;
    /// it is emptied when full, which bounds its memory.
    memo: FxHashMap<CompactString, (Readings, u8)>,
}

/// Words kept in [`TagScratch::memo`] before it is emptied (about 1 MB).
const MEMO_MAX: usize = 16_384;

/// Tags `words` (one sentence, already tokenized) and returns each word's tag and lemma.
pub fn tag_words(words: &[&str]) -> Vec<(Tag, CompactString)> {
    let mut s = TagScratch::default();
    tag_into(words, &mut s);
    s.tags.iter().copied().zip(s.lemmas.drain(..)).collect()
}

/// Tags `words` into `s.tags` and `s.lemmas` (both cleared first).
pub(crate) fn tag_into(words: &[&str], s: &mut TagScratch) {
    let lex = Lexicon::get();
    s.ws.clear();
    let memo = &mut s.memo;
    s.ws.extend(words.iter().map(|&text| {
        let lower = with_lower(text, |l| CompactString::from(l));
        let (readings, aux) = match memo.get(lower.as_str()) {
            Some(&hit) => hit,
            None => {
                let readings = lex.readings(&lower);
                let aux = if readings.closed { aux_bits(&lower) } else { 0 };
                if memo.len() >= MEMO_MAX {
                    memo.clear();
                }
                memo.insert(lower.clone(), (readings, aux));
                (readings, aux)
            }
        };
        Word {
            lower,
            readings,
            tag: Tag::NN,
            aux,
        }
    }));
    initial_tags(words, &mut s.ws);
    contextual(&mut s.ws);
    s.tags.clear();
    s.lemmas.clear();
    for (w, &text) in s.ws.iter().zip(words) {
        let lemma = match (w.lower.as_str(), w.tag) {
            ("'s" | "’s", Tag::VBZ) => CompactString::const_new("be"),
            ("'d" | "’d", Tag::VBD) => CompactString::const_new("have"),
            _ => lemma_for(&w.readings, text, &w.lower, w.tag),
        };
        s.tags.push(w.tag);
        s.lemmas.push(lemma);
    }
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(s: &str) -> bool {
    s.len() >= 2
        && s.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '&')
}

/// Whether position `i` starts a sentence (or a quotation or bracketed part).
fn starts_sentence(ws: &[Word], i: usize) -> bool {
    i == 0
        || matches!(
            ws[i - 1].tag,
            Tag::OpenQuote | Tag::LRB | Tag::Colon | Tag::Period
        )
}

fn initial_tags(words: &[&str], ws: &mut [Word]) {
    for i in 0..ws.len() {
        let first = ws[i].readings.first().tag;
        let text = words[i];
        let cap = is_capitalised(text);
        let initial = starts_sentence(ws, i);
        let r = &ws[i].readings;
        let tag = if r.closed {
            let month_like = matches!(ws[i].lower.as_str(), "may" | "march" | "august");
            // "US officials said": "US" in capitals is the country even first in a sentence
            // (the pronoun would be written "Us"), unless the whole line is in capitals.
            let us = text == "US" && !words.get(i + 1).is_some_and(|w| is_all_caps(w));
            if cap && (!initial || us) && (month_like || (is_all_caps(text) && first == Tag::PRP)) {
                Tag::NNP
            } else {
                first
            }
        } else if cap {
            if r.proper_adjective || is_compound_participle(text) {
                Tag::JJ
            } else if r.proper_noun || r.also_proper {
                Tag::NNP
            } else if initial && r.known && !is_all_caps(text) {
                // Sentence-initial: trust the lexicon, but a word the lexicon only knows as a
                // noun followed by another capitalised word is a name ("Caras Galadhon").
                let next_cap = ws
                    .get(i + 1)
                    .is_some_and(|n| is_capitalised(words[i + 1]) && !n.readings.closed);
                if next_cap && matches!(first, Tag::NN | Tag::JJ) {
                    Tag::NNP
                } else if next_cap && r.has(Tag::VBN) && ws[i].lower.ends_with("ed") {
                    // "Ousted President Askar Akayev": a participle before a name is a
                    // modifier.
                    Tag::JJ
                } else {
                    first
                }
            } else if i > 0
                && ws[i - 1].tag == Tag::NNP
                && is_capitalised(words[i - 1])
                && is_plural_name(text, &ws[i].lower, &ws[i].readings)
            {
                Tag::NNPS
            } else {
                Tag::NNP
            }
        } else {
            first
        };
        ws[i].tag = tag;
    }
    for i in 1..ws.len() {
        if name_particle(words, ws, i) {
            ws[i].tag = Tag::NNP;
        }
    }
}

/// Whether word `i` is a lower-case particle inside a personal name: `bin`, `al-`, `de`, `van`
/// between capitalised words ("Hamad bin Khalifa al-Thani", "Omar Hassan al-Bashir", "Charles
/// de Gaulle").
fn name_particle(words: &[&str], ws: &[Word], i: usize) -> bool {
    const PARTICLES: [&str; 16] = [
        "bin", "ibn", "bint", "al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "le",
        "la", "dos",
    ];
    let text = words[i];
    let after_name = ws[i - 1].tag.is_proper_noun() && is_capitalised(words[i - 1]);
    if !after_name {
        return false;
    }
    // "al-Thani", "el-Sisi", "ad-Din": an Arabic article joined to a capitalised name.
    if let Some((article, rest)) = text.split_once('-') {
        return matches!(
            article,
            "al" | "el" | "ad" | "ash" | "as" | "at" | "az" | "an" | "ar"
        ) && rest.chars().next().is_some_and(char::is_uppercase);
    }
    PARTICLES.contains(&text) && words.get(i + 1).is_some_and(|w| is_capitalised(w))
}

/// A name joined to a participle, used as an adjective: `UK-based`, `Israeli-occupied`.
fn is_compound_participle(text: &str) -> bool {
    text.rsplit_once('-').is_some_and(|(head, last)| {
        !head.is_empty()
            && last.len() > 3
            && last.ends_with("ed")
            && last.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// A capitalised plural of a common noun: `States`, `Forces`, `Nations`.
fn is_plural_name(text: &str, lower: &str, readings: &Readings) -> bool {
    text.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && !is_all_caps(text)
        && readings.has(Tag::NNS)
}

/// Subordinators that open a new clause (`&` joins names, not clauses).
fn opens_clause(w: &Word) -> bool {
    matches!(
        w.tag,
        Tag::WDT | Tag::WP | Tag::WRB | Tag::Colon | Tag::OpenQuote
    ) || (w.tag == Tag::CC && w.lower != "&")
        || (w.tag == Tag::IN
            && matches!(
                w.lower.as_str(),
                "that"
                    | "because"
                    | "after"
                    | "before"
                    | "while"
                    | "when"
                    | "if"
                    | "although"
                    | "though"
                    | "since"
                    | "until"
                    | "as"
                    | "whether"
                    | "unless"
                    | "whereas"
            ))
}

/// Verbs of saying and thinking, whose complement clause often lacks `that`: "said five
/// people died".
fn takes_bare_clause(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "says"
            | "say"
            | "believe"
            | "believes"
            | "believed"
            | "think"
            | "thinks"
            | "thought"
            | "claimed"
            | "claims"
            | "added"
            | "warned"
            | "announced"
            | "reported"
            | "stated"
            | "insisted"
            | "denied"
            | "confirmed"
    )
}

fn is_finite(t: Tag) -> bool {
    matches!(t, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD)
}

fn is_subject_like(w: &Word) -> bool {
    w.tag.is_noun()
        || w.tag == Tag::CD
        || (w.tag == Tag::PRP
            && matches!(
                w.lower.as_str(),
                "i" | "you" | "he" | "she" | "it" | "we" | "they" | "one"
            ))
        || matches!(w.tag, Tag::WDT | Tag::WP | Tag::EX)
        || (w.tag == Tag::RRB)
}

fn plural_subject(w: &Word) -> bool {
    matches!(w.tag, Tag::NNS | Tag::NNPS) || matches!(w.lower.as_str(), "i" | "you" | "we" | "they")
}

/// The index of the previous word, skipping adverbs (and `not`/`n't`).
fn prev_skipping_adverbs(ws: &[Word], i: usize) -> Option<usize> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        if !ws[j].tag.is_adverb() {
            return Some(j);
        }
    }
    None
}

/// A form of `be` (`'s` only when tagged `VBZ`).
fn is_be(w: &Word) -> bool {
    w.aux & AUX_BE != 0 || (w.tag == Tag::VBZ && w.aux & AUX_S != 0)
}

fn is_have(w: &Word) -> bool {
    w.aux & AUX_HAVE != 0
}

fn is_do(w: &Word) -> bool {
    w.aux & AUX_DO != 0
}

/// Bits of [`Word::aux`].
const AUX_BE: u8 = 1;
const AUX_HAVE: u8 = 2;
const AUX_DO: u8 = 4;
/// `'s`, which is `be` when tagged `VBZ`.
const AUX_S: u8 = 8;

/// The [`Word::aux`] bits of a lower-cased word (all these words are closed-class).
fn aux_bits(lower: &str) -> u8 {
    match lower {
        "be" | "am" | "is" | "are" | "was" | "were" | "been" | "being" | "'m" | "'re" | "’m"
        | "’re" => AUX_BE,
        "have" | "has" | "had" | "having" | "'ve" | "’ve" => AUX_HAVE,
        "do" | "does" | "did" => AUX_DO,
        "'s" | "’s" => AUX_S,
        _ => 0,
    }
}

const PARTICLES: &[&str] = &["up", "out", "off", "down", "away", "back"];

fn contextual(ws: &mut [Word]) {
    let mut finite_seen = false;
    // Inside a parenthetical phrase opened by a comma and a preposition (", in remarks
    // published on Monday,"), where a past form after a noun is a participle.
    let mut paren_pp = false;
    // Whether the sentence has a finite verb yet, and the subject before an open
    // parenthetical (", like most members,") with none: after it, the verb may come.
    let mut sentence_finite = false;
    let mut paren_subject: Option<usize> = None;
    let n = ws.len();
    for i in 0..n {
        // The word after the comma closing a parenthetical that follows a subject.
        let mut resumed_subject = None;
        if i > 0 && ws[i - 1].tag == Tag::Comma && !sentence_finite {
            let c = i - 1;
            if let Some(s) = paren_subject.take() {
                resumed_subject = Some(s);
            } else if c > 0 && ws[c - 1].tag.is_noun() && ws[i].tag == Tag::IN {
                paren_subject = Some(c - 1);
            }
        }
        let r = &ws[i].readings;
        if i > 0
            && (opens_clause(&ws[i - 1])
                || ws[i - 1].tag == Tag::Comma
                || (ws[i - 1].tag.is_verb() && takes_bare_clause(&ws[i - 1].lower)))
        {
            finite_seen = list_after_verb(ws, i);
        }
        if i > 0 && ws[i - 1].tag == Tag::Comma {
            paren_pp = ws[i].tag == Tag::IN;
        } else if i > 0 && matches!(ws[i - 1].tag, Tag::WDT | Tag::WP) {
            // ", during which 20 people died": a relative clause has its own verb.
            paren_pp = false;
        }
        let next_tag = ws.get(i + 1).map(|w| w.tag);
        let next_lower = ws.get(i + 1).map(|w| w.lower.as_str()).unwrap_or("");
        let prev = if i > 0 { Some(&ws[i - 1]) } else { None };
        let prev_tag = prev.map(|w| w.tag);
        let pj = resumed_subject.or_else(|| prev_skipping_adverbs(ws, i));
        let pw = pj.map(|j| &ws[j]);
        let lower = ws[i].lower.as_str();
        let mut tag = ws[i].tag;

        // Word-specific closed-class decisions (none of these words is open-class).
        match if r.closed { lower } else { "" } {
            "that" => {
                // "the group that tracks the war": a noun-verb word with an object after it.
                let verb_then_object = ws.get(i + 1).is_some_and(|w| {
                    w.readings.has(Tag::VBZ) || w.readings.has(Tag::VBD) || w.readings.has(Tag::VBP)
                }) && ws
                    .get(i + 2)
                    .is_some_and(|w| matches!(w.tag, Tag::DT | Tag::PRPS));
                tag = if prev_tag.is_some_and(|t| t.is_noun())
                    && (verb_then_object
                        || next_tag.is_some_and(|t| t.is_verb() || t == Tag::MD || t.is_adverb()))
                {
                    Tag::WDT
                } else if prev_tag.is_some_and(Tag::is_verb) || prev_tag == Some(Tag::Comma) {
                    Tag::IN
                } else if next_tag
                    .is_none_or(|t| t.is_punctuation() || t == Tag::NN || t == Tag::NNS)
                {
                    Tag::DT
                } else {
                    Tag::IN
                };
            }
            "'s" | "’s" => {
                let pronoun = prev.is_some_and(|p| {
                    matches!(p.tag, Tag::PRP | Tag::EX | Tag::WP | Tag::WDT)
                        || matches!(p.lower.as_str(), "that" | "what" | "there" | "here" | "who")
                });
                let verbal_next = next_tag.is_some_and(|t| {
                    matches!(
                        t,
                        Tag::DT | Tag::VBG | Tag::VBN | Tag::RB | Tag::PRP | Tag::TO
                    ) || (t == Tag::IN && next_lower != "of")
                });
                // "Algeria's leading rights activist": a participle then a noun or an
                // adjective, with no article, modifies the possessed noun.
                let participle_modifier = matches!(next_tag, Some(Tag::VBG | Tag::VBN))
                    && ws
                        .get(i + 2)
                        .is_some_and(|w| w.tag.is_noun() || w.tag.is_adjective());
                tag = if pronoun || (verbal_next && !participle_modifier) {
                    Tag::VBZ
                } else {
                    Tag::POS
                };
            }
            "'d" | "’d" => {
                tag = if next_tag == Some(Tag::VBN) {
                    Tag::VBD
                } else {
                    Tag::MD
                };
            }
            "more" | "less" | "most" | "least" => {
                let comparative = matches!(lower, "more" | "less");
                let adverbial = next_tag.is_some_and(|t| t.is_adjective() || t.is_adverb());
                tag = match (comparative, adverbial) {
                    (true, true) => Tag::RBR,
                    (true, false) => Tag::JJR,
                    (false, true) => Tag::RBS,
                    (false, false) => Tag::JJS,
                };
            }
            "about" if next_tag == Some(Tag::CD) => tag = Tag::RB,
            "her" => {
                tag = if next_tag.is_some_and(|t| {
                    t.is_noun() || t.is_adjective() || t == Tag::CD || t == Tag::VBG
                }) {
                    Tag::PRPS
                } else {
                    Tag::PRP
                };
            }
            "there" => {
                let be_next = ws.get(i + 1).is_some_and(|w| {
                    is_be(w)
                        || w.tag == Tag::MD
                        || matches!(
                            w.lower.as_str(),
                            "seems" | "seem" | "appears" | "remain" | "remains"
                        )
                });
                tag = if be_next { Tag::EX } else { Tag::RB };
            }
            "like" => {
                if pw.is_some_and(|p| is_subject_like(p) && !finite_seen) {
                    tag = if pw.is_some_and(plural_subject) {
                        Tag::VBP
                    } else {
                        Tag::VB
                    };
                } else if pw.is_some_and(|p| p.tag == Tag::TO || p.tag == Tag::MD) {
                    tag = Tag::VB;
                }
            }
            "all" | "both" | "half" | "such"
                if next_tag.is_some_and(|t| matches!(t, Tag::DT | Tag::PRPS)) =>
            {
                tag = Tag::PDT;
            }
            _ => {}
        }

        if r.closed
            && (PARTICLES.contains(&lower)
                || matches!(lower, "over" | "on" | "in" | "around" | "along" | "through"))
        {
            let after_verb = prev_tag.is_some_and(|t| t.is_verb()) && !prev.is_some_and(is_be);
            let free = next_tag.is_none_or(|t| t.is_punctuation() || t == Tag::CC || t == Tag::TO);
            if after_verb
                && next_lower != "of"
                && next_lower != "from"
                && (PARTICLES.contains(&lower) || free)
            {
                tag = Tag::RP;
            } else if r.has(Tag::IN)
                && next_tag.is_some_and(|t| !t.is_punctuation())
                && tag == Tag::RP
            {
                tag = Tag::IN;
            } else if tag == Tag::RP {
                tag = Tag::RB;
            }
        }

        if !r.closed
            && r.has(Tag::VBD)
            && !finite_seen
            && i >= 2
            && ws[i - 1].tag == Tag::JJ
            && ws[i - 1].readings.has(Tag::NN)
            && matches!(ws[i - 2].tag, Tag::DT | Tag::PRPS | Tag::POS)
            && (next_tag.is_none_or(|t| t.is_punctuation()) || matches!(next_lower, "that" | "on"))
        {
            // "the military said.", "the official added that": an adjective-noun word after an
            // article is the noun, and a past form ending the phrase is its verb.
            ws[i - 1].tag = Tag::NN;
            ws[i].tag = Tag::VBD;
            finite_seen = true;
            sentence_finite = true;
            continue;
        }
        if !r.closed && r.len() > 1 && !tag.is_proper_noun() {
            tag = choose(
                ws,
                i,
                tag,
                r,
                pw,
                next_tag,
                next_lower,
                finite_seen || paren_pp,
            );
        } else if !r.closed
            && tag == Tag::NN
            && pw.is_some_and(|p| p.tag == Tag::TO)
            && matches!(
                next_lower,
                "a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "this" | "these"
            )
        {
            // "to host a meeting": a word known only as a noun, between `to` and the start of
            // its object, is a verb (WordNet lacks many verb uses of nouns).
            tag = Tag::VB;
        } else if !r.closed && r.len() == 1 && !tag.is_proper_noun() && tag.is_verb() {
            // A single verb reading: still choose base vs present and past vs participle.
            tag = choose(
                ws,
                i,
                tag,
                r,
                pw,
                next_tag,
                next_lower,
                finite_seen || paren_pp,
            );
        }
        ws[i].tag = tag;
        if is_finite(tag) {
            finite_seen = true;
            sentence_finite = true;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn choose(
    ws: &[Word],
    i: usize,
    tag: Tag,
    r: &Readings,
    pw: Option<&Word>,
    next_tag: Option<Tag>,
    next_lower: &str,
    finite_seen: bool,
) -> Tag {
    let has = |t: Tag| r.has(t);
    let noun = r.find(|t| matches!(t, Tag::NN | Tag::NNS)).map(|x| x.tag);
    let base_verb = has(Tag::VB) || has(Tag::VBP);
    let prev_tag = if i > 0 { Some(ws[i - 1].tag) } else { None };
    let p_tag = pw.map(|p| p.tag);

    // After to, a modal or do: the base form.
    if let Some(p) = pw {
        if (p.tag == Tag::TO || p.tag == Tag::MD || is_do(p)) && has(Tag::VB) {
            return Tag::VB;
        }
        if is_have(p) && (has(Tag::VBN) || has(Tag::VBD)) {
            return Tag::VBN;
        }
        if is_be(p) {
            if has(Tag::VBG) && ws[i].lower.ends_with("ing") {
                return Tag::VBG;
            }
            if has(Tag::VBN) {
                return Tag::VBN;
            }
            // "were hit by", "been put under": a past form the lexicon lists only as past
            // tense (or as a base form too) is the participle after `be`.
            if has(Tag::VBD) && !ws[i].lower.ends_with("ing") {
                return Tag::VBN;
            }
            if has(Tag::JJ) {
                return Tag::JJ;
            }
            if let Some(n) = noun {
                return n;
            }
        }
    }
    // "A roadside bombing near the town killed": an -ing word that is also a noun, heading a
    // determined phrase and followed by a preposition, before the clause's finite verb.
    if tag == Tag::VBG
        && noun == Some(Tag::NN)
        && !finite_seen
        && next_tag == Some(Tag::IN)
        && after_singular_determined_np(ws, i)
        && finite_ahead(ws, i + 1)
    {
        return Tag::NN;
    }
    // After a determiner, an adjective, a possessive, a number or a preposition: a noun.
    let nominal_context = prev_tag.is_some_and(|t| {
        matches!(
            t,
            Tag::DT
                | Tag::PRPS
                | Tag::POS
                | Tag::JJ
                | Tag::JJR
                | Tag::JJS
                | Tag::CD
                | Tag::PDT
                | Tag::WPS
        )
    });
    let next_is_noun = next_tag.is_some_and(|t| matches!(t, Tag::NN | Tag::NNS));
    // "old and tired president": an adjective joined to an adjective before a noun.
    if prev_tag == Some(Tag::CC)
        && i >= 2
        && ws[i - 2].tag.is_adjective()
        && (has(Tag::JJ) || has(Tag::VBN))
        && next_tag.is_some_and(|t| t.is_noun())
    {
        return Tag::JJ;
    }
    if has(Tag::JJ) && noun.is_some() && next_is_noun && !tag.is_verb() {
        return Tag::JJ;
    }
    if nominal_context {
        if tag.is_verb() || tag == Tag::RB {
            if let Some(n) = noun {
                return n;
            }
            if has(Tag::JJ) {
                return Tag::JJ;
            }
            if tag == Tag::VBD && has(Tag::VBN) {
                return Tag::VBN;
            }
            // A word known only as a verb after an article or a possessive is used as a noun
            // ("an accord"): no verb form can follow them.
            let determined = i > 0
                && (matches!(ws[i - 1].lower.as_str(), "a" | "an" | "the")
                    || matches!(ws[i - 1].tag, Tag::PRPS | Tag::POS));
            if determined && !next_tag.is_some_and(|t| t.is_noun() || t.is_adjective()) {
                match tag {
                    Tag::VB | Tag::VBP => return Tag::NN,
                    Tag::VBZ => return Tag::NNS,
                    _ => {}
                }
            }
        }
        return tag;
    }
    if prev_tag == Some(Tag::IN) && matches!(tag, Tag::VB | Tag::VBP | Tag::VBZ | Tag::VBD) {
        if let Some(n) = noun {
            return n;
        }
        if has(Tag::JJ) {
            return Tag::JJ;
        }
        if tag == Tag::VBD && has(Tag::VBN) {
            return Tag::VBN;
        }
    }
    // "the recently imposed law", "the biggest politically motivated attack": a past form
    // after a determiner (or an adjective) and adverbs, before a noun, modifies it.
    if matches!(tag, Tag::VBD | Tag::VBN)
        && prev_tag.is_some_and(|t| t.is_adverb())
        && p_tag.is_some_and(|t| {
            matches!(
                t,
                Tag::DT | Tag::PRPS | Tag::POS | Tag::JJ | Tag::JJS | Tag::JJR
            )
        })
        && ws
            .get(i + 1)
            .is_some_and(|w| w.tag.is_noun() || w.tag.is_adjective() || w.readings.has(Tag::NN))
    {
        return Tag::JJ;
    }
    // Past tense vs participle.
    if has(Tag::VBD) && has(Tag::VBN) && matches!(tag, Tag::VBD | Tag::VBN) {
        // "killed by rebels", but "shortened by one hour": `by` before a measure names no
        // agent.
        if next_lower == "by"
            && !ws
                .get(i + 2)
                .is_some_and(|w| w.tag == Tag::CD || w.readings.has(Tag::CD))
        {
            return Tag::VBN;
        }
        // "aircraft using precision guided missiles killed": inside a participle's phrase, a
        // past form between two nouns modifies the second when another past form follows.
        if matches!(prev_tag, Some(Tag::NN | Tag::NNS))
            && matches!(next_tag, Some(Tag::NN | Tag::NNS))
            && !finite_seen
            && participle_earlier(ws, i)
            && past_after_nouns(ws, i + 1)
        {
            return Tag::JJ;
        }
        // "Ousted president X", "Newly appointed Prime Minister": a past form starting the
        // clause before a noun or an adjective modifies it.
        if ws[..i].iter().all(|w| w.tag.is_adverb())
            && next_tag.is_some_and(|t| t.is_noun() || t.is_adjective())
        {
            return Tag::JJ;
        }
        let subject = pw.is_some_and(is_subject_like);
        if subject {
            if !finite_seen && reduced_relative_then_verb(ws, i) {
                return Tag::VBN;
            }
            return if finite_seen { Tag::VBN } else { Tag::VBD };
        }
        if prev_tag.is_some_and(|t| t.is_verb()) {
            return Tag::VBN;
        }
        if i == 0 && next_tag == Some(Tag::IN) {
            return Tag::VBN;
        }
        return Tag::VBD;
    }
    // Noun vs verb: a verb after a subject whose clause has no finite verb yet.
    let subject = pw.is_some_and(is_subject_like) && !finite_seen;
    let verb_reading = r.find(|t| t.is_verb());
    if let (Some(n), Some(_)) = (noun, verb_reading) {
        let next_blocks_verb = next_tag
            .is_some_and(|t| matches!(t, Tag::VBZ | Tag::VBD | Tag::MD | Tag::VBP))
            || finite_after_time(ws, i);
        if subject && finite_after_time(ws, i) {
            // "Ivory Coast rebels on Friday rejected": the verb comes later.
            return n;
        }
        // "US witnesses said", "media reports said": a word right before a past form that
        // is only a verb is the noun, the subject of that verb.
        if ws.get(i + 1).is_some_and(|w| {
            !w.readings.closed
                && w.readings.has(Tag::VBD)
                && !w.readings.has(Tag::NN)
                && !w.readings.has(Tag::NNS)
        }) {
            return n;
        }
        if subject && !next_blocks_verb && !tag.is_adjective() {
            if n == Tag::NNS && has(Tag::VBZ) {
                return Tag::VBZ;
            }
            if n == Tag::NN && base_verb {
                if after_singular_determined_np(ws, i) {
                    return n;
                }
                return if pw.is_some_and(plural_subject) {
                    Tag::VBP
                } else {
                    Tag::VB
                };
            }
            if has(Tag::VBD) {
                return Tag::VBD;
            }
        }
        if prev_tag == Some(Tag::VB)
            && has(Tag::VB)
            && next_tag.is_some_and(|t| matches!(t, Tag::DT | Tag::PRPS))
        {
            // Two base verbs in a row before an object: "help build the", "wire tap the".
            return Tag::VB;
        }
        if tag.is_verb() && !subject && p_tag.is_some_and(|t| t.is_verb() || t == Tag::TO) {
            return n;
        }
        if tag.is_verb() && matches!(tag, Tag::VBZ | Tag::VBP | Tag::VB) && !subject {
            // No subject: a noun, unless the clause starts here with an imperative.
            return n;
        }
        return if tag.is_verb() { tag } else { n.max_ok(tag) };
    }
    // Base verb: VBP after a subject, VB otherwise.
    if matches!(tag, Tag::VB | Tag::VBP) {
        return if subject { Tag::VBP } else { Tag::VB };
    }
    tag
}

/// Whether the words before `i` are a noun phrase led by a determiner (or a possessive) and
/// ending in a singular noun: "a key U.S.", "the partial peace", "Russia's defence". A bare
/// verb form cannot agree with such a subject without a modal, `to` or `do`, so a noun-verb
/// word after it is the phrase's head ("a key U.S. ally", "the peace deal"). Not after the
/// verbs that take a bare infinitive ("help the army fight"), a modal or `do` ("will the
/// council agree"), or `that` (a subjunctive: "demanded that the government resign").
fn after_singular_determined_np(ws: &[Word], i: usize) -> bool {
    if i == 0 || !matches!(ws[i - 1].tag, Tag::NN | Tag::NNP | Tag::NNS) {
        return false;
    }
    // A plural modifier ("a media report") only after `a`/`an`, which make the phrase singular.
    let mut plural = false;
    let mut j = i - 1;
    loop {
        let w = &ws[j];
        match w.tag {
            Tag::NN | Tag::NNP | Tag::JJ | Tag::CD => {}
            Tag::NNS => plural = true,
            Tag::POS => return !plural,
            Tag::DT | Tag::PRPS => {
                let singular = matches!(w.lower.as_str(), "a" | "an");
                if (w.tag == Tag::DT && !singular && !matches!(w.lower.as_str(), "the" | "this"))
                    || (plural && !singular)
                {
                    return false;
                }
                let Some(b) = j.checked_sub(1).map(|k| &ws[k]) else {
                    return true;
                };
                let bare_infinitive = matches!(
                    b.lower.as_str(),
                    "help"
                        | "helps"
                        | "helped"
                        | "helping"
                        | "let"
                        | "lets"
                        | "letting"
                        | "make"
                        | "makes"
                        | "made"
                        | "making"
                        | "see"
                        | "saw"
                        | "seen"
                        | "watch"
                        | "watched"
                        | "hear"
                        | "heard"
                        | "have"
                        | "has"
                        | "had"
                        | "that"
                        | "lest"
                );
                return !(bare_infinitive || b.tag == Tag::MD || is_do(b));
            }
            _ => return false,
        }
        if j == 0 || i - j > 6 {
            return false;
        }
        j -= 1;
    }
}

/// At `i`, right after "X, Y, and" (a list of nouns with its last comma), whether the list is
/// the object of a finite verb before it ("launched artillery, mortar, and rocket fire"): then
/// the last member is a noun phrase too, not a new clause.
fn list_after_verb(ws: &[Word], i: usize) -> bool {
    let is_list = i >= 4
        && ws[i - 1].tag == Tag::CC
        && ws[i - 2].tag == Tag::Comma
        && ws[i - 3].tag.is_noun()
        && ws[i - 4].tag == Tag::Comma;
    if !is_list {
        return false;
    }
    for w in ws[..i - 1].iter().rev() {
        if is_finite(w.tag) {
            return true;
        }
        if !(w.tag.is_noun()
            || w.tag.is_adjective()
            || matches!(w.tag, Tag::Comma | Tag::DT | Tag::PRPS | Tag::CD))
        {
            return false;
        }
    }
    false
}

/// Whether a present participle comes before `i` in its clause (after the last punctuation
/// mark or conjunction).
fn participle_earlier(ws: &[Word], i: usize) -> bool {
    for w in ws[..i].iter().rev() {
        if w.tag == Tag::VBG {
            return true;
        }
        if w.tag.is_punctuation() || w.tag == Tag::CC || is_finite(w.tag) {
            return false;
        }
    }
    false
}

/// Whether nouns (and adjectives) from `i` on are followed by a word with a past reading.
fn past_after_nouns(ws: &[Word], i: usize) -> bool {
    let mut j = i;
    while ws
        .get(j)
        .is_some_and(|w| matches!(w.tag, Tag::NN | Tag::NNS | Tag::JJ))
    {
        j += 1;
    }
    j > i && ws.get(j).is_some_and(|w| w.readings.has(Tag::VBD))
}

/// Whether a finite verb comes from `i` on before the clause ends (a comma, a conjunction, a
/// relative word or the end of the sentence).
fn finite_ahead(ws: &[Word], i: usize) -> bool {
    for w in ws.iter().skip(i) {
        if matches!(w.tag, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD) {
            return true;
        }
        if w.tag.is_punctuation() || matches!(w.tag, Tag::CC | Tag::WDT | Tag::WP) {
            return false;
        }
    }
    false
}

/// At a past form `i` right after a noun (not a relative word: "who shot at officers while"),
/// whether it starts a reduced relative clause
/// followed by the clause's finite verb: "a newspaper based in east Beirut has violated",
/// "troops stationed in the north were". The phrase after it must be a preposition and one
/// short noun phrase (a second article would start another clause), and the verb must follow
/// at once.
fn reduced_relative_then_verb(ws: &[Word], i: usize) -> bool {
    if takes_bare_clause(&ws[i].lower)
        || i == 0
        || !ws[i - 1].tag.is_noun()
        || !ws
            .get(i + 1)
            .is_some_and(|w| w.tag == Tag::IN && w.lower != "that")
        // A particle makes a phrasal verb with an object, not a relative: "the Red Cross
        // handed over relief supplies to villagers".
        || ws.get(i + 1).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "over" | "up" | "out" | "off" | "down" | "back" | "away"
            )
        })
    {
        return false;
    }
    let mut articles = 0;
    let mut nouns = 0;
    let mut j = i + 2;
    while j < ws.len() && j < i + 9 {
        let w = &ws[j];
        match w.tag {
            Tag::DT => {
                articles += 1;
                if articles > 1 {
                    return false;
                }
            }
            Tag::JJ | Tag::CD => {}
            Tag::NN | Tag::NNP | Tag::NNPS => nouns += 1,
            Tag::NNS if !w.readings.has(Tag::VBZ) => nouns += 1,
            _ => break,
        }
        j += 1;
    }
    nouns > 0
        && ws.get(j).is_some_and(|w| {
            let complement_next = ws.get(j + 1).is_some_and(|n| {
                matches!(n.tag, Tag::TO | Tag::DT | Tag::PRPS) || n.lower == "that"
            });
            matches!(w.tag, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD | Tag::NNS)
                // A plural noun that is also a verb ("claims to") only before a complement:
                // "raids last Friday" ends the phrase.
                && (!(w.readings.has(Tag::NNS) || w.readings.has(Tag::NN)) || complement_next)
                && (w.tag != Tag::NNS || w.readings.has(Tag::VBZ))
                && ws.get(j + 1).is_some_and(|n| !n.tag.is_punctuation())
        })
}

/// Whether a finite verb follows word `i` after only a time expression and adverbs ("rebels
/// on Friday again rejected", "officials yesterday said"): then word `i` ends the subject.
fn finite_after_time(ws: &[Word], i: usize) -> bool {
    const DAYS: [&str; 10] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
    ];
    let is_day = |j: usize| ws.get(j).is_some_and(|w| DAYS.contains(&w.lower.as_str()));
    let skip_adverbs = |mut j: usize| {
        while ws.get(j).is_some_and(|w| w.tag == Tag::RB) {
            j += 1;
        }
        j
    };
    let mut j = skip_adverbs(i + 1);
    let start = j;
    if ws.get(j).is_some_and(|w| w.lower == "on") && is_day(j + 1) {
        j += 2;
    } else if is_day(j) {
        j += 1;
    } else if ws
        .get(j)
        .is_some_and(|w| matches!(w.lower.as_str(), "in" | "from" | "of"))
    {
        // "Security forces in Guinea have tortured": a short place phrase, then the verb.
        let mut k = j + 1;
        while k < j + 5
            && ws.get(k).is_some_and(|w| {
                matches!(w.tag, Tag::DT | Tag::NNP | Tag::NNPS | Tag::JJ | Tag::CD)
            })
        {
            k += 1;
        }
        let names = ws[j + 1..k.min(ws.len())]
            .iter()
            .any(|w| matches!(w.tag, Tag::NNP | Tag::NNPS));
        if names {
            j = k;
        }
    }
    if j == start {
        return false;
    }
    j = skip_adverbs(j);
    ws.get(j).is_some_and(|w| {
        matches!(w.tag, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD) && !w.readings.has(Tag::NN)
    })
}

trait KeepTag {
    fn max_ok(self, current: Tag) -> Tag;
}

impl KeepTag for Tag {
    /// Keeps the current tag when it is not a verb (adjective, adverb); else the noun.
    fn max_ok(self, current: Tag) -> Tag {
        if current.is_verb() {
            self
        } else {
            current
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> String {
        let words: Vec<&str> = s.split(' ').collect();
        tag_words(&words)
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn noun_only_word_before_its_object_after_to() {
        assert_eq!(
            tags("Arnor is ready to host a summit ."),
            "NNP VBZ JJ TO VB DT NN ."
        );
        // A noun after `to` stays a noun otherwise.
        assert_eq!(tags("aid to refugees in Rohan"), "NN TO NNS IN NNP");
        assert_eq!(tags("a visit to Gondor"), "DT NN TO NNP");
    }

    #[test]
    fn news_sentences() {
        assert_eq!(tags("Arnor attacks Gondor ."), "NNP VBZ NNP .");
        assert_eq!(tags("the attacks on Gondor"), "DT NNS IN NNP");
        assert_eq!(
            tags("Syria was attacked by Israel ."),
            "NNP VBD VBN IN NNP ."
        );
        assert_eq!(
            tags("Arnor is about to restore full diplomatic ties with Gondor"),
            "NNP VBZ IN TO VB JJ JJ NNS IN NNP"
        );
        assert_eq!(tags("He has met the minister"), "PRP VBZ VBN DT NN");
        assert_eq!(tags("They will meet in Berlin"), "PRP MD VB IN NNP");
        assert_eq!(tags("Dagolath 's first deputy"), "NNP POS JJ NN");
        assert_eq!(tags("It 's over"), "PRP VBZ IN");
        assert_eq!(
            tags("a London-based group that monitors the war"),
            "DT JJ NN WDT VBZ DT NN"
        );
        assert_eq!(tags("Iran signed an accord ."), "NNP VBD DT NN .");
        assert_eq!(tags("He said five people died ."), "PRP VBD CD NNS VBD .");
    }

    #[test]
    fn bare_verb_after_a_singular_determined_phrase_is_a_noun() {
        assert_eq!(
            tags("Gondor , a loyal Arnor ally in the war , refused to help ."),
            "NNP , DT JJ NNP NN IN DT NN , VBD TO VB ."
        );
        assert_eq!(
            tags("following the border deal , Rohan reopened the road ."),
            "VBG DT NN NN , NNP VBD DT NN ."
        );
        // A subjunctive after `that` stays a verb.
        assert_eq!(
            tags("Rohan demanded that the council resign ."),
            "NNP VBD IN DT NN VBP ."
        );
        // So does a verb after a plural subject.
        assert_eq!(tags("The two armies clash ."), "DT CD NNS VBP .");
        // After `a`, a plural modifier still leaves the phrase singular.
        assert_eq!(
            tags("according to a media report Sunday"),
            "VBG TO DT NNS NN NNP"
        );
    }

    #[test]
    fn past_form_ending_an_article_and_adjective_noun() {
        assert_eq!(tags("the military said ."), "DT NN VBD .");
        assert_eq!(
            tags("the official said that it was over ."),
            "DT NN VBD IN PRP VBD IN ."
        );
        // An adjective before a noun is untouched.
        assert_eq!(tags("the military council met ."), "DT JJ NN VBD .");
    }

    #[test]
    fn possessive_before_a_participle_modifier() {
        assert_eq!(
            tags("Gondor 's leading rights activist staged a strike ."),
            "NNP POS JJ NNS NN VBD DT NN ."
        );
        assert_eq!(
            tags("Gondor 's leading the talks ."),
            "NNP VBZ VBG DT NNS ."
        );
    }

    #[test]
    fn clause_initial_past_form_before_a_noun_modifies_it() {
        assert_eq!(tags("Ousted president Denethor fled ."), "JJ NN NNP VBD .");
        assert_eq!(
            tags("Newly elected president Faramir said ."),
            "RB JJ NN NNP VBD ."
        );
    }

    #[test]
    fn by_before_a_measure_names_no_agent() {
        assert_eq!(
            tags("The mayor on Monday extended by two hours the curfew ."),
            "DT NN IN NNP VBD IN CD NNS DT NN ."
        );
        assert_eq!(
            tags("The mayor was ousted by rebels ."),
            "DT NN VBD VBN IN NNS ."
        );
        assert_eq!(
            tags("The mayor on Monday shortened by one hour the curfew ."),
            "DT NN IN NNP VBD IN CD NN DT NN ."
        );
    }

    #[test]
    fn reduced_relative_before_the_verb() {
        assert_eq!(
            tags("A newspaper based in Minas Tirith has closed ."),
            "DT NN VBN IN NNP NNP VBZ VBN ."
        );
        // Coordinated verbs stay finite.
        assert_eq!(
            tags("Troops fought in the town and won ."),
            "NNS VBD IN DT NN CC VBD ."
        );
        // A plural noun that is also a verb, with no complement, ends the phrase.
        assert_eq!(
            tags("Gondor complained over two Rohan air raids last Friday ."),
            "NNP VBD IN CD NNP NN NNS JJ NNP ."
        );
        // A second article starts another clause ("the town the army took").
        assert_eq!(
            tags("Rebels fought in the town the army took ."),
            "NNS VBD IN DT NN DT NN VBD ."
        );
    }

    #[test]
    fn past_form_after_an_adverb_inside_a_noun_phrase() {
        assert_eq!(tags("under the recently imposed law"), "IN DT RB JJ NN");
        assert_eq!(
            tags("the biggest politically motivated attack"),
            "DT JJS RB JJ NN"
        );
        // After a subject, the verb.
        assert_eq!(
            tags("The army quickly captured the town ."),
            "DT NN RB VBD DT NN ."
        );
    }

    #[test]
    fn past_form_between_nouns_inside_a_participle_phrase() {
        assert_eq!(
            tags("Riders using fire guided arrows burned two farms ."),
            "NNS VBG NN JJ NNS VBD CD NNS ."
        );
        // Without a later past form, the verb.
        assert_eq!(
            tags("Riders using torches burned farms ."),
            "NNS VBG NNS VBD NNS ."
        );
    }

    #[test]
    fn verb_after_a_parenthetical_following_the_subject() {
        assert_eq!(
            tags("Gondor , like most other existing members , plans to close the road ."),
            "NNP , IN RBS JJ JJ NNS , VBZ TO VB DT NN ."
        );
        assert_eq!(
            tags("Gondor , in a letter , plans to close the road ."),
            "NNP , IN DT NN , VBZ TO VB DT NN ."
        );
    }

    #[test]
    fn noun_verb_word_before_a_past_form_is_its_subject() {
        assert_eq!(
            tags("on Sunday , Gondor officials and Rohan witnesses said ."),
            "IN NNP , NNP NNS CC NNP NNS VBD ."
        );
        assert_eq!(
            tags("but media reports said the clashes were continuing ."),
            "CC NNS NNS VBD DT NNS VBD VBG ."
        );
    }

    #[test]
    fn past_forms_spelled_as_the_base() {
        assert_eq!(
            tags("after two of their vehicles were hit by gunfire ."),
            "IN CD IN PRP$ NNS VBD VBN IN NN ."
        );
        assert_eq!(tags("has been put under guard"), "VBZ VBN VBN IN NN");
        // The base form stays a base form after `to`.
        assert_eq!(
            tags("They tried to hit the bridge ."),
            "PRP VBD TO VB DT NN ."
        );
    }

    #[test]
    fn relative_clause_inside_a_parenthetical_has_its_own_verb() {
        assert_eq!(
            tags("the raids , during which 20 people died , ended"),
            "DT NNS , IN WDT CD NNS VBD , VBD"
        );
        // Without the relative word, a past form after a noun there is a participle.
        assert_eq!(
            tags("Gondor , in remarks published on Monday , said"),
            "NNP , IN NNS VBN IN NNP , VBD"
        );
    }

    #[test]
    fn last_member_of_an_object_list() {
        assert_eq!(
            tags("Riders launched arrow , spear , and rocket fire against Orc camps near the river ."),
            "NNS VBD NN , NN , CC NN NN IN NNP NNS IN DT NN ."
        );
        // Without a verb before it, a list can be a subject.
        assert_eq!(
            tags("Gondor , Rohan , and Arnor attacked the camp ."),
            "NNP , NNP , CC NNP VBD DT NN ."
        );
    }

    #[test]
    fn ing_noun_heading_a_subject() {
        assert_eq!(
            tags("A roadside bombing near the bridge killed two soldiers ."),
            "DT NN NN IN DT NN VBD CD NNS ."
        );
        // With an object, a participle.
        assert_eq!(
            tags("A convoy carrying food reached the town ."),
            "DT NN VBG NN VBD DT NN ."
        );
    }

    #[test]
    fn lemmas() {
        let out = tag_words(&[
            "Troops", "killed", "two", "men", "and", "said", "talks", "failed",
        ]);
        let lemmas: Vec<&str> = out.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            lemmas,
            ["troop", "kill", "two", "man", "and", "say", "talk", "fail"]
        );
    }

    /// Gold `(TAG word)` leaves of the `<Parse>` blocks of a PETRARCH validation file, one
    /// sentence per parse.
    fn gold_sentences(xml: &str) -> Vec<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut rest = xml;
        while let Some(p) = rest.find("<Parse>") {
            let after = &rest[p + 7..];
            let end = after.find("</Parse>").unwrap_or(after.len());
            let tree = &after[..end];
            rest = &after[end..];
            let mut leaves = Vec::new();
            let b = tree.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'(' {
                    // A leaf is "(TAG word)" with no parenthesis inside.
                    let inner_end = tree[i + 1..].find([')', '(']).map(|k| i + 1 + k);
                    if let Some(k) = inner_end {
                        if b[k] == b')' {
                            let mut parts = tree[i + 1..k].split_whitespace();
                            if let (Some(t), Some(w), None) =
                                (parts.next(), parts.next(), parts.next())
                            {
                                leaves.push((t.to_string(), w.to_string()));
                            }
                        }
                    }
                }
                i += 1;
            }
            if !leaves.is_empty() {
                out.push(leaves);
            }
        }
        out
    }

    fn gold_tag(t: &str) -> Tag {
        match t {
            "AUXZ" => Tag::VBZ,
            "AUXP" => Tag::VBP,
            "AUXD" => Tag::VBD,
            "AUXG" => Tag::VBG,
            "AUXN" => Tag::VBN,
            "AUXB" | "AUX" => Tag::VB,
            _ => Tag::from_penn(t),
        }
    }

    /// Accuracy of the tagger on the gold token sequences of a file, or `None` if absent.
    fn accuracy(name: &str, show: bool) -> Option<(usize, usize)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = dir
            .ancestors()
            .map(|a| a.join("shared/peers/petrarch2/text").join(name))
            .find(|p| p.exists());
        let Some(path) = path else {
            println!("skipped: {name} not found above {}", dir.display());
            return None;
        };
        let xml = std::fs::read_to_string(path).ok()?;
        let (mut right, mut total) = (0, 0);
        for sentence in gold_sentences(&xml) {
            let words: Vec<&str> = sentence.iter().map(|(_, w)| w.as_str()).collect();
            let tagged = tag_words(&words);
            for ((gold, word), (tag, _)) in sentence.iter().zip(&tagged) {
                total += 1;
                if gold_tag(gold) == *tag {
                    right += 1;
                } else if show {
                    println!("MISS {word}\tgold {gold}\tgot {tag}\t| {}", words.join(" "));
                }
            }
        }
        println!(
            "{name}: {right}/{total} = {:.2}%",
            100.0 * right as f64 / total.max(1) as f64
        );
        Some((right, total))
    }

    #[test]
    fn accuracy_on_petrarch_parses() {
        let show = std::env::var_os("DETENTE_SHOW_MISSES").is_some();
        if let Some((right, total)) = accuracy("PETR.UnitTest.records.xml", show) {
            assert!(
                right as f64 / total as f64 >= FLOOR_UNIT_TEST,
                "below the ratchet"
            );
        }
        if let Some((right, total)) = accuracy("GigaWord.sample.PETR.xml", show) {
            assert!(
                right as f64 / total as f64 >= FLOOR_GIGAWORD,
                "below the ratchet"
            );
        }
    }

    /// Ratchets: raise them when accuracy improves, never lower them.
    const FLOOR_UNIT_TEST: f64 = 0.960;
    const FLOOR_GIGAWORD: f64 = 0.939;

    #[test]
    fn empty_and_odd() {
        assert!(tag_words(&[]).is_empty());
        let out = tag_words(&["", "¿", "ÉÉÉ", "'s"]);
        assert_eq!(out.len(), 4);
    }
}

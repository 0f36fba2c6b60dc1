//! Verb patterns: finding the dictionary verb at a token and matching its block's patterns
//! against the words before and after it.
//!
//! A pattern `- + WAS * DEAD IN $ [224]` is matched outward from the verb: the `after`
//! elements forward through the verb's phrase, the `before` elements backward towards the
//! start of the sentence. Elements joined by `_` must be adjacent; a blank lets other words
//! stand between. `$`, `+`, `%` and `^` match a whole noun phrase and bind it as source,
//! target, compound or nothing. The most specific matching pattern (most elements) wins; ties
//! go to the pattern written first.

use crate::actors::ActorCoder;
use crate::sentence::Prepared;
use detente_dict::model::{BlockId, Pattern, PatternElement, PatternItem, SynsetId};
use detente_dict::Dictionaries;
use detente_text::NodeId;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;

/// A dictionary verb found at a token, with the span its words cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbMatch {
    /// The verb entry (index into `Dictionaries::verbs`).
    pub verb: u32,
    /// First token of the verb's words (including `WIRE` in `WIRE_+TAP`).
    pub start: usize,
    /// One past the last token (including `OFF` in `+CORDON_OFF`).
    pub end: usize,
}

/// Finds the dictionary verbs whose form is the word at `index`. Entries whose multi-word
/// context matches most words win; several entries may tie (the same verb listed in two
/// blocks), and all of them are returned, in dictionary order, so that the patterns of every
/// block are tried.
pub fn find_verbs(dict: &Dictionaries, sentence: &Prepared<'_>, index: usize) -> Vec<VerbMatch> {
    let word = sentence.word(index);
    let mut best_score = 0;
    let mut found: Vec<VerbMatch> = Vec::new();
    for &id in dict.verbs_with_form(word) {
        let verb = &dict.verbs[id as usize];
        let before = verb.words_before.len();
        let after = verb.words_after.len();
        if index < before || index + 1 + after > sentence.len() {
            continue;
        }
        let before_ok = verb
            .words_before
            .iter()
            .enumerate()
            .all(|(k, w)| sentence.word(index - before + k) == w.as_ref());
        let after_ok = verb
            .words_after
            .iter()
            .enumerate()
            .all(|(k, w)| sentence.word(index + 1 + k) == w.as_ref());
        if !(before_ok && after_ok) {
            continue;
        }
        let score = before + after;
        let candidate = VerbMatch {
            verb: id,
            start: index - before,
            end: index + 1 + after,
        };
        if found.is_empty() || score > best_score {
            found.clear();
            best_score = score;
        } else if score < best_score {
            continue;
        }
        found.push(candidate);
    }
    found
}

/// The role of a phrase part written `$`, `+`, `%` or `^` inside `{...}` or `(...)`.
fn role_of(part: &str) -> Option<PatternItem> {
    match part {
        "$" => Some(PatternItem::Source),
        "+" => Some(PatternItem::Target),
        "%" => Some(PatternItem::Compound),
        "^" => Some(PatternItem::Skip),
        _ => None,
    }
}

/// `$ + % ^`: items that match a whole noun phrase.
fn is_phrase_item(item: &PatternItem) -> bool {
    matches!(
        item,
        PatternItem::Source | PatternItem::Target | PatternItem::Compound | PatternItem::Skip
    )
}

/// Noun phrases bound by a matched pattern.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bindings {
    /// Bound by `$`.
    pub source: Option<NodeId>,
    /// Bound by `+`.
    pub target: Option<NodeId>,
    /// Bound by `%`.
    pub compound: Option<NodeId>,
    /// Whether `%` stood before the verb (the compound acts) rather than after it (the
    /// compound is acted upon).
    pub compound_before: bool,
}

/// The pattern chosen for a verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternMatch {
    /// Which of the candidate verbs' blocks the pattern belongs to (index into the list
    /// given to [`best_pattern`]).
    pub candidate: usize,
    /// Index of the pattern in its block's `patterns`.
    pub index: usize,
    /// First token used by the pattern's elements before the verb (the verb's start when
    /// it has none).
    pub upper_start: usize,
    /// Noun phrases the pattern bound.
    pub bindings: Bindings,
}

/// Where a pattern may look.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// First token the `before` elements may use.
    pub upper_start: usize,
    /// First token of the verb.
    pub verb_start: usize,
    /// One past the verb's last token.
    pub verb_end: usize,
    /// One past the last token the `after` elements may use.
    pub lower_end: usize,
}

/// The literal words each pattern needs, so that patterns whose words are not in the
/// sentence are never tried. Each pattern with literal words is filed under its rarest word
/// (its *key*); a sentence gathers the patterns keyed by its words once
/// ([`PatternIndex::candidates`]), and each verb then tries only its blocks' share of them,
/// plus the block's patterns that have no literal word at all.
pub struct PatternIndex {
    /// `required[block][pattern]`: upper-case words that must occur in the sentence.
    required: Vec<Vec<Box<[Box<str>]>>>,
    /// Key words, numbered.
    key_ids: FxHashMap<Box<str>, u32>,
    /// `(block << 32) | key id` → patterns of the block filed under that key.
    keyed: FxHashMap<u64, Vec<u32>>,
    /// `unkeyed[block]`: patterns with no literal word.
    unkeyed: Vec<Vec<u32>>,
    /// `synsets[block][pattern]`: synsets the pattern uses; each needs one of its phrases'
    /// first words in the sentence.
    synsets: Vec<Vec<Box<[SynsetId]>>>,
    /// First word of a synset phrase → the synsets having it.
    synset_first_words: FxHashMap<Box<str>, Vec<SynsetId>>,
    /// Synsets with a phrase whose first word is a stem: never ruled out by first words.
    synsets_always: Vec<SynsetId>,
}

impl PatternIndex {
    /// Indexes every pattern of `dict`.
    pub fn new(dict: &Dictionaries) -> PatternIndex {
        let required: Vec<Vec<Box<[Box<str>]>>> = dict
            .verb_blocks
            .iter()
            .map(|block| block.patterns.iter().map(required_words).collect())
            .collect();
        let mut frequency: FxHashMap<&str, usize> = FxHashMap::default();
        for words in required.iter().flatten() {
            for w in words.iter() {
                *frequency.entry(w).or_default() += 1;
            }
        }
        let mut key_ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut keyed: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut unkeyed = vec![Vec::new(); required.len()];
        for (block, patterns) in required.iter().enumerate() {
            for (index, words) in patterns.iter().enumerate() {
                match words.iter().min_by_key(|w| frequency[w.as_ref()]) {
                    Some(key) => {
                        let next = key_ids.len() as u32;
                        let id = *key_ids.entry(key.clone()).or_insert(next);
                        keyed
                            .entry(((block as u64) << 32) | id as u64)
                            .or_default()
                            .push(index as u32);
                    }
                    None => unkeyed[block].push(index as u32),
                }
            }
        }
        let synsets = dict
            .verb_blocks
            .iter()
            .map(|block| {
                block
                    .patterns
                    .iter()
                    .map(|p| required_synsets(dict, p))
                    .collect()
            })
            .collect();
        let mut synset_first_words: FxHashMap<Box<str>, Vec<SynsetId>> = FxHashMap::default();
        let mut synsets_always = Vec::new();
        for (id, synset) in dict.synsets.iter().enumerate() {
            for phrase in &synset.phrases {
                match phrase.words.first() {
                    Some(first) if first.exact => {
                        let ids = synset_first_words.entry(first.text.clone()).or_default();
                        if !ids.contains(&(id as SynsetId)) {
                            ids.push(id as SynsetId);
                        }
                    }
                    Some(_) => synsets_always.push(id as SynsetId),
                    None => {}
                }
            }
        }
        synsets_always.dedup();
        PatternIndex {
            required,
            key_ids,
            keyed,
            unkeyed,
            synsets,
            synset_first_words,
            synsets_always,
        }
    }

    /// Which synsets could match somewhere in a sentence with these words.
    fn synsets_present(&self, present: &FxHashSet<&str>, count: usize) -> Vec<bool> {
        let mut out = vec![false; count];
        for word in present {
            if let Some(ids) = self.synset_first_words.get(*word) {
                for &id in ids {
                    out[id as usize] = true;
                }
            }
        }
        for &id in &self.synsets_always {
            out[id as usize] = true;
        }
        out
    }

    /// The key words among a sentence's words, by number: computed once a sentence.
    pub fn candidates(&self, present: &FxHashSet<&str>) -> Vec<u32> {
        present
            .iter()
            .filter_map(|w| self.key_ids.get(*w).copied())
            .collect()
    }

    /// The patterns of `block` worth trying on a sentence with these key words and words,
    /// in file order.
    fn patterns_of(&self, block: BlockId, at: &SentenceIndex<'_>) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for &key in &at.keys {
            if let Some(list) = self.keyed.get(&(((block as u64) << 32) | key as u64)) {
                out.extend(
                    list.iter()
                        .copied()
                        .filter(|&p| self.may_match(block, p as usize, &at.present)),
                );
            }
        }
        out.extend(self.unkeyed[block as usize].iter().copied());
        out.retain(|&p| {
            self.synsets[block as usize][p as usize]
                .iter()
                .all(|&id| at.synsets_present.get(id as usize).copied().unwrap_or(true))
        });
        out.sort_unstable();
        out
    }

    /// Whether every literal word of the pattern occurs among `present`.
    pub fn may_match(&self, block: BlockId, pattern: usize, present: &FxHashSet<&str>) -> bool {
        self.required[block as usize][pattern]
            .iter()
            .all(|w| present.contains(w.as_ref()))
    }
}

/// The synsets a pattern uses, as items or as `&NAME` parts of its phrases.
fn required_synsets(dict: &Dictionaries, pattern: &Pattern) -> Box<[SynsetId]> {
    let mut out: Vec<SynsetId> = Vec::new();
    let named = |part: &Box<str>| part.strip_prefix('&').and_then(|n| dict.synset_id(n));
    for element in pattern.before.iter().chain(&pattern.after) {
        match &element.item {
            PatternItem::Synset(id) => out.push(*id),
            PatternItem::NounPhrase(parts) | PatternItem::PrepPhrase(_, parts) => {
                out.extend(parts.iter().filter_map(named))
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out.into_boxed_slice()
}

fn required_words(pattern: &Pattern) -> Box<[Box<str>]> {
    let mut out: Vec<Box<str>> = Vec::new();
    let literal = |w: &str| role_of(w).is_none() && !w.starts_with('&');
    for element in pattern.before.iter().chain(&pattern.after) {
        match &element.item {
            PatternItem::Word(w) => out.push(w.clone()),
            PatternItem::NounPhrase(parts) => {
                out.extend(parts.iter().filter(|p| literal(p)).cloned())
            }
            PatternItem::PrepPhrase(prep, parts) => {
                out.push(prep.clone());
                out.extend(parts.iter().filter(|p| literal(p)).cloned());
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out.into_boxed_slice()
}

/// What pattern matching needs to know about one sentence, computed once for all its
/// verbs: its words as a set, the pattern keys among them, and a memo of synset matches
/// (patterns ask about the same synset at the same token many times).
pub struct SentenceIndex<'w> {
    present: FxHashSet<&'w str>,
    keys: Vec<u32>,
    synsets_present: Vec<bool>,
    synsets: RefCell<SynsetMemo>,
}

/// Longest synset match by `(synset, token)`, filled on demand: `UNKNOWN` until asked, then
/// 0 for no match or the length (saturated at 254).
#[derive(Default)]
struct SynsetMemo {
    tokens: usize,
    lengths: Vec<u8>,
}

impl SynsetMemo {
    const UNKNOWN: u8 = u8::MAX;
}

impl<'w> SentenceIndex<'w> {
    /// Indexes a sentence's upper-case words.
    pub fn new(dict: &Dictionaries, index: &PatternIndex, words: &[&'w str]) -> SentenceIndex<'w> {
        let present: FxHashSet<&str> = words.iter().copied().collect();
        let keys = index.candidates(&present);
        let synsets_present = index.synsets_present(&present, dict.synsets.len());
        SentenceIndex {
            present,
            keys,
            synsets_present,
            synsets: RefCell::new(SynsetMemo {
                tokens: words.len(),
                lengths: Vec::new(),
            }),
        }
    }
}

/// Matches every pattern of every candidate block against the window and returns the most
/// specific match.
#[allow(clippy::too_many_arguments)]
pub fn best_pattern(
    dict: &Dictionaries,
    sentence: &Prepared<'_>,
    actors: &ActorCoder<'_, '_>,
    words: &[&str],
    index: &PatternIndex,
    at: &SentenceIndex<'_>,
    blocks: &[BlockId],
    window: Window,
) -> Option<PatternMatch> {
    let mut best: Option<(usize, PatternMatch)> = None;
    for (candidate, &block) in blocks.iter().enumerate() {
        let patterns = &dict.verb_blocks[block as usize].patterns;
        for index in index.patterns_of(block, at) {
            let index = index as usize;
            let pattern = &patterns[index];
            let score = pattern.before.len() + pattern.after.len();
            if best.as_ref().is_some_and(|(s, _)| score <= *s) {
                continue;
            }
            let mut matcher = Matcher {
                dict,
                sentence,
                actors,
                words,
                memo: &at.synsets,
                window,
                bindings: Bindings::default(),
                upper_start: window.verb_start,
            };
            if matcher.after(&pattern.after, window.verb_end)
                && matcher.before(&pattern.before, window.verb_start)
            {
                {
                    best = Some((
                        score,
                        PatternMatch {
                            candidate,
                            index,
                            upper_start: matcher.upper_start,
                            bindings: matcher.bindings,
                        },
                    ));
                }
            }
        }
    }
    best.map(|(_, m)| m)
}

struct Matcher<'m, 'a> {
    dict: &'m Dictionaries,
    sentence: &'m Prepared<'a>,
    actors: &'m ActorCoder<'m, 'a>,
    words: &'m [&'m str],
    memo: &'m RefCell<SynsetMemo>,
    window: Window,
    bindings: Bindings,
    /// Leftmost position reached by the before-part of the match.
    upper_start: usize,
}

impl Matcher<'_, '_> {
    /// Matches `elements` forward from token `pos`. Both sides must match in full, so the
    /// after-part is tried first and the before-part only once it succeeded; bindings of a
    /// failed branch are rolled back.
    fn after(&mut self, elements: &[PatternElement], pos: usize) -> bool {
        let Some((element, rest)) = elements.split_first() else {
            return true;
        };
        let limit = self.window.lower_end;
        let last = if element.consecutive {
            pos
        } else {
            limit.saturating_sub(1)
        };
        let mut q = pos;
        while q <= last && q < limit {
            if is_phrase_item(&element.item) {
                for (np, next) in self.phrases_forward(&element.item, q) {
                    let saved = self.bindings.clone();
                    self.bind(&element.item, np, false);
                    if self.after(rest, next) {
                        return true;
                    }
                    self.bindings = saved;
                }
            } else if let Some(next) = self.item_forward(&element.item, q) {
                if self.after(rest, next) {
                    return true;
                }
            }
            q += 1;
        }
        false
    }

    /// Candidate noun phrases for `$ + % ^` at `q`, outermost first, with the position
    /// after each. `^` may also skip the rest of a phrase that began earlier ("THEIR ^":
    /// "their populations").
    fn phrases_forward(&self, item: &PatternItem, q: usize) -> Vec<(NodeId, usize)> {
        let s = self.sentence;
        let limit = self.window.lower_end;
        let mut out: Vec<(NodeId, usize)> = s
            .noun_phrases_at(q, limit)
            .filter(|&np| self.acceptable(item, np))
            .map(|np| (np, s.analysis.node(np).end as usize))
            .collect();
        if matches!(item, PatternItem::Skip) {
            if let Some(np) = s.noun_phrase_around(q) {
                let end = s.analysis.node(np).end as usize;
                if end <= limit {
                    out.push((np, end));
                }
            }
        }
        out
    }

    /// Candidate noun phrases for `$ + % ^` ending at `end`, outermost first, with the
    /// first position of each.
    fn phrases_backward(&self, item: &PatternItem, end: usize) -> Vec<(NodeId, usize)> {
        let s = self.sentence;
        let floor = self.window.upper_start;
        s.noun_phrases_ending_at(end, floor)
            .filter(|&np| self.acceptable(item, np))
            .map(|np| (np, s.analysis.node(np).start as usize))
            .collect()
    }

    /// `$` and `+` need a phrase that names an actor, `%` one that names several (a
    /// compound); `^` takes any phrase.
    fn acceptable(&self, item: &PatternItem, np: NodeId) -> bool {
        match item {
            PatternItem::Skip => true,
            PatternItem::Compound => self.actors.code_noun_phrase(np).len() >= 2,
            _ => !self.actors.code_noun_phrase(np).is_empty(),
        }
    }

    /// Matches `elements` backward: the last element must end just before `pos` (adjacent)
    /// or anywhere earlier (blank).
    fn before(&mut self, elements: &[PatternElement], pos: usize) -> bool {
        let Some((element, rest)) = elements.split_last() else {
            self.upper_start = pos;
            return true;
        };
        let floor = self.window.upper_start;
        if pos <= floor {
            return false;
        }
        let mut end = pos; // the element must end at `end` (exclusive)
        loop {
            if is_phrase_item(&element.item) {
                for (np, start) in self.phrases_backward(&element.item, end) {
                    let saved = self.bindings.clone();
                    self.bind(&element.item, np, true);
                    if self.before(rest, start) {
                        return true;
                    }
                    self.bindings = saved;
                }
            } else if let Some(start) = self.item_backward(&element.item, end) {
                if self.before(rest, start) {
                    return true;
                }
            }
            if element.consecutive || end <= floor + 1 {
                return false;
            }
            end -= 1;
        }
    }

    /// Matches one item starting at `q`; returns the position after it.
    fn item_forward(&mut self, item: &PatternItem, q: usize) -> Option<usize> {
        let s = self.sentence;
        let limit = self.window.lower_end;
        match item {
            PatternItem::Word(w) => (s.word(q) == w.as_ref()).then_some(q + 1),
            PatternItem::Synset(id) => self.synset_at(*id, q, limit).map(|len| q + len),
            PatternItem::Source
            | PatternItem::Target
            | PatternItem::Compound
            | PatternItem::Skip => None,
            PatternItem::NounPhrase(parts) => {
                // `{FINANCIAL AID}`, `{&MILITARY AID}`: the parts in a row.
                let mut p = q;
                for part in parts {
                    if p >= limit {
                        return None;
                    }
                    p = match role_of(part) {
                        Some(role) => self.role_forward(&role, p)?,
                        None => match part.strip_prefix('&') {
                            Some(name) => {
                                let id = self.dict.synset_id(name)?;
                                p + self.synset_at(id, p, limit)?
                            }
                            None => (s.word(p) == part.as_ref()).then_some(p + 1)?,
                        },
                    };
                }
                Some(p)
            }
            PatternItem::PrepPhrase(prep, parts) => {
                // `(WITH +)`, `(FOR {FINANCIAL AID})`, `(AS &NEGOTIATOR)`: the preposition,
                // then the parts in order inside its object.
                if s.word(q) != prep.as_ref() {
                    return None;
                }
                let object = s.noun_phrases_at(q + 1, limit).next();
                let object_end =
                    object.map_or((q + 1).min(limit), |np| s.analysis.node(np).end as usize);
                let mut p = q + 1;
                for part in parts {
                    p = match role_of(part) {
                        Some(role) => self.role_forward(&role, p)?,
                        None => {
                            let synset = match part.strip_prefix('&') {
                                Some(name) => Some(self.dict.synset_id(name)?),
                                None => None,
                            };
                            let mut r = p;
                            loop {
                                if r >= object_end {
                                    return None;
                                }
                                let hit = match synset {
                                    Some(id) => {
                                        self.synset_at(id, r, object_end).map(|len| r + len)
                                    }
                                    None => (s.word(r) == part.as_ref()).then_some(r + 1),
                                };
                                if let Some(next) = hit {
                                    break next;
                                }
                                r += 1;
                            }
                        }
                    };
                }
                Some(p)
            }
        }
    }

    /// Binds a `$ + % ^` written inside a phrase (`(WITH +)`) to the first acceptable noun
    /// phrase at `p`; returns the position after it.
    fn role_forward(&mut self, role: &PatternItem, p: usize) -> Option<usize> {
        let s = self.sentence;
        let np = s
            .noun_phrases_at(p, self.window.lower_end)
            .find(|&np| self.acceptable(role, np))?;
        self.bind(role, np, false);
        Some(s.analysis.node(np).end as usize)
    }

    /// Length of the longest phrase of synset `id` at `q`, not running past `limit`.
    fn synset_at(&self, id: SynsetId, q: usize, limit: usize) -> Option<usize> {
        if q >= limit {
            return None;
        }
        let longest = {
            let mut memo = self.memo.borrow_mut();
            if memo.lengths.is_empty() {
                let size = self.dict.synsets.len() * memo.tokens;
                memo.lengths = vec![SynsetMemo::UNKNOWN; size];
            }
            let slot = id as usize * memo.tokens + q;
            match memo.lengths.get(slot).copied() {
                Some(SynsetMemo::UNKNOWN) => {
                    let found = self
                        .dict
                        .synset_match(id, self.words, q)
                        .filter(|&len| len > 0);
                    memo.lengths[slot] = found.map_or(0, |len| len.min(254) as u8);
                    found
                }
                Some(0) => None,
                Some(len) => Some(len as usize),
                None => self
                    .dict
                    .synset_match(id, self.words, q)
                    .filter(|&len| len > 0),
            }
        };
        match longest {
            Some(len) if q + len <= limit => Some(len),
            // The longest phrase runs past the window: a shorter one may still fit.
            Some(_) => self
                .dict
                .synset_match(id, &self.words[..limit], q)
                .filter(|&len| len > 0),
            None => None,
        }
    }

    /// Matches one item ending at `end` (exclusive); returns its first position.
    fn item_backward(&mut self, item: &PatternItem, end: usize) -> Option<usize> {
        let s = self.sentence;
        let floor = self.window.upper_start;
        if end <= floor {
            return None;
        }
        let q = end - 1;
        match item {
            PatternItem::Word(w) => (s.word(q) == w.as_ref()).then_some(q),
            PatternItem::Synset(id) => {
                (floor..end).find(|&start| self.synset_at(*id, start, end) == Some(end - start))
            }
            PatternItem::Source
            | PatternItem::Target
            | PatternItem::Compound
            | PatternItem::Skip => {
                let np = s.noun_phrase_ending_at(end, floor)?;
                self.bind(item, np, true);
                Some(s.analysis.node(np).start as usize)
            }
            PatternItem::NounPhrase(words) => {
                let n = words.len();
                if end < floor + n {
                    return None;
                }
                let start = end - n;
                words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| s.word(start + k) == w.as_ref())
                    .then_some(start)
            }
            PatternItem::PrepPhrase(prep, words) => {
                // Rare before a verb: match the preposition and its words adjacently.
                let n = words.len() + 1;
                if end < floor + n {
                    return None;
                }
                let start = end - n;
                (s.word(start) == prep.as_ref()
                    && words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| s.word(start + 1 + k) == w.as_ref()))
                .then_some(start)
            }
        }
    }

    fn bind(&mut self, item: &PatternItem, np: NodeId, before: bool) {
        match item {
            PatternItem::Source => self.bindings.source = Some(np),
            PatternItem::Target => self.bindings.target = Some(np),
            PatternItem::Compound => {
                self.bindings.compound = Some(np);
                self.bindings.compound_before = before;
            }
            _ => {}
        }
    }
}

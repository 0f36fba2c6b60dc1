//! Compiled matchers: the model's entries turned into structures that answer the coder's
//! questions fast.
//!
//! - [`PhraseTrie`]: a word-level trie over interned upper-case words, one or more roots,
//!   edges keyed by `(node, word, kind)` in one hash map. An edge kind says whether the word
//!   must follow directly (`_`) or may come after a few other words (a blank in agent
//!   phrases, at most [`crate::MAX_GAP`] of them), and whether the word is exact or a stem
//!   that matches any sentence word it begins. Every terminal remembers the id of the model
//!   entry it came from, so a match leads back to the entry and its provenance.
//! - [`DiscardMatcher`]: discard phrases indexed by their first word; a sentence is scanned
//!   once, probing the index at every word start.
//! - [`IssueMatcher`]: issue phrases in a [`PhraseTrie`] over normalized words, counting
//!   every occurrence.
//!
//! Everything here is built once and immutable afterwards (`Send + Sync`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{Actor, Agent, Discard, Issue, Phrase, Synset, SynsetId, Verb};
use crate::MAX_GAP;

/// The rustc hasher ("FxHash"): fast and good enough for short keys we own. Written here so
/// that the crate needs no extra dependency.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while bytes.len() >= 8 {
            self.add(u64::from_le_bytes(bytes[..8].try_into().unwrap()));
            bytes = &bytes[8..];
        }
        if bytes.len() >= 4 {
            self.add(u32::from_le_bytes(bytes[..4].try_into().unwrap()) as u64);
            bytes = &bytes[4..];
        }
        for &b in bytes {
            self.add(b as u64);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const NONE: u32 = u32::MAX;

/// The longest phrase a trie accepts; the real dictionaries' longest is about 20 words.
pub(crate) const MAX_PHRASE_WORDS: usize = 128;

/// Edge kinds: bit 0 = gap allowed before the word, bit 1 = the word is a stem.
const KIND_GAP: u8 = 1;
const KIND_STEM: u8 = 2;

#[derive(Clone, Copy)]
struct Node {
    /// Entry id of a phrase ending here, or [`NONE`].
    terminal: u32,
    /// Bit `k` set when the node has outgoing edges of kind `k`.
    kinds: u8,
}

/// One way a phrase matched the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// The entry id stored at the terminal.
    pub entry: u32,
    /// Sentence tokens consumed from `start`, gaps included.
    pub len: usize,
    /// Phrase words matched (more words = more specific).
    pub words: usize,
    /// Characters matched exactly: a stem matches fewer characters than a full word.
    pub chars: usize,
}

/// A word-level trie with any number of roots. See the module doc.
#[derive(Default)]
pub(crate) struct PhraseTrie {
    words: FxHashMap<Box<str>, u32>,
    edges: FxHashMap<u64, u32>,
    nodes: Vec<Node>,
    /// Byte lengths of the shortest and longest stem, so that stem probing only tries
    /// prefixes that can match.
    stem_bytes: (usize, usize),
}

impl PhraseTrie {
    /// Adds an empty root and returns it.
    pub fn add_root(&mut self) -> u32 {
        self.nodes.push(Node {
            terminal: NONE,
            kinds: 0,
        });
        (self.nodes.len() - 1) as u32
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.insert(word.into(), id);
        id
    }

    #[inline]
    fn key(node: u32, word: u32, kind: u8) -> u64 {
        ((node as u64) << 32) | ((word as u64) << 2) | kind as u64
    }

    /// Adds `phrase` under `root` with `entry` at its end. When the same phrase was already
    /// added, the first entry keeps it and `false` is returned. Phrases longer than
    /// [`MAX_PHRASE_WORDS`] are not added (matching recurses once per word).
    pub fn insert(&mut self, root: u32, phrase: &Phrase, entry: u32) -> bool {
        if phrase.words.is_empty() || phrase.words.len() > MAX_PHRASE_WORDS {
            return false;
        }
        let mut node = root;
        for (i, word) in phrase.words.iter().enumerate() {
            let gap = i > 0 && !phrase.consecutive.get(i - 1).copied().unwrap_or(true);
            let kind = (gap as u8 * KIND_GAP) | (!word.exact as u8 * KIND_STEM);
            if !word.exact {
                let n = word.text.len();
                self.stem_bytes = match self.stem_bytes {
                    (0, 0) => (n, n),
                    (lo, hi) => (lo.min(n), hi.max(n)),
                };
            }
            let id = self.intern(&word.text);
            let key = Self::key(node, id, kind);
            node = match self.edges.get(&key) {
                Some(&child) => child,
                None => {
                    let child = self.add_root();
                    self.edges.insert(key, child);
                    self.nodes[node as usize].kinds |= 1 << kind;
                    child
                }
            };
        }
        let terminal = &mut self.nodes[node as usize].terminal;
        if *terminal == NONE {
            *terminal = entry;
            true
        } else {
            false
        }
    }

    /// Calls `f` with every phrase under `root` that matches `words` from `start`.
    pub fn for_each_match(&self, root: u32, words: &[&str], start: usize, f: &mut impl FnMut(Hit)) {
        if start < words.len() && (root as usize) < self.nodes.len() {
            self.walk(root, words, start, start, 0, 0, f);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        node: u32,
        words: &[&str],
        start: usize,
        pos: usize,
        matched: usize,
        chars: usize,
        f: &mut impl FnMut(Hit),
    ) {
        let kinds = self.nodes[node as usize].kinds;
        if kinds == 0 {
            return;
        }
        let mut visit = |child: u32, next: usize, chars: usize| {
            let terminal = self.nodes[child as usize].terminal;
            if terminal != NONE {
                f(Hit {
                    entry: terminal,
                    len: next - start,
                    words: matched + 1,
                    chars,
                });
            }
            self.walk(child, words, start, next, matched + 1, chars, f);
        };
        for kind in 0..4u8 {
            if kinds & (1 << kind) == 0 {
                continue;
            }
            let skips = if kind & KIND_GAP != 0 { MAX_GAP } else { 0 };
            for p in pos..=(pos + skips).min(words.len().saturating_sub(1)) {
                let Some(word) = words.get(p) else { break };
                if kind & KIND_STEM == 0 {
                    if let Some(&id) = self.words.get(*word) {
                        if let Some(&child) = self.edges.get(&Self::key(node, id, kind)) {
                            visit(child, p + 1, chars + word.len());
                        }
                    }
                } else {
                    let (lo, hi) = self.stem_bytes;
                    let ends = word.char_indices().skip(1).map(|(i, _)| i);
                    let ends = ends.chain(std::iter::once(word.len()));
                    for end in ends.filter(|&e| e >= lo && e <= hi) {
                        if let Some(&id) = self.words.get(&word[..end]) {
                            if let Some(&child) = self.edges.get(&Self::key(node, id, kind)) {
                                visit(child, p + 1, chars + end);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The best match from `start`: the most tokens, then the most phrase words, then the
    /// most characters matched exactly (a full word beats a stem), then the lowest entry id.
    pub fn longest(&self, root: u32, words: &[&str], start: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        self.for_each_match(root, words, start, &mut |hit| {
            let better = match best {
                None => true,
                Some(b) => {
                    (hit.len, hit.words, hit.chars, std::cmp::Reverse(hit.entry))
                        > (b.len, b.words, b.chars, std::cmp::Reverse(b.entry))
                }
            };
            if better {
                best = Some(hit);
            }
        });
        best
    }

    /// Number of nodes (for statistics and tests).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
}

/// Upper-cases `text` and collapses every run of white space into one blank, trimmed.
pub(crate) fn normalize_blanks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_uppercase());
            } else {
                out.extend(c.to_uppercase());
            }
        }
    }
    out
}

/// Discard phrases indexed by first word. See the module doc.
#[derive(Default)]
pub(crate) struct DiscardMatcher {
    /// Every phrase normalized by [`normalize_blanks`], by id.
    phrases: Vec<Box<str>>,
    /// First word of a multi-word phrase → ids.
    multi: FxHashMap<Box<str>, Vec<u32>>,
    /// One-word phrases, in a byte trie: a word's prefixes are all tried in one walk.
    single: ByteTrie,
    /// Every phrase split into its words, by id (for matching on tokens).
    phrase_words: Vec<Box<[Box<str>]>>,
}

/// A trie over bytes whose nodes list the ids of the phrases ending there.
#[derive(Default)]
struct ByteTrie {
    /// `(children sorted by byte, ids ending here)`; node 0 is the root.
    nodes: Vec<(Vec<(u8, u32)>, Vec<u32>)>,
    /// Root children by byte (0 = none): most words fail on their first byte, so that
    /// step is a table look-up.
    root: Vec<u32>,
}

impl ByteTrie {
    fn insert(&mut self, phrase: &str, id: u32) {
        if self.nodes.is_empty() {
            self.nodes.push(Default::default());
        }
        let mut node = 0usize;
        for b in phrase.bytes() {
            let children = &self.nodes[node].0;
            node = match children.binary_search_by_key(&b, |&(c, _)| c) {
                Ok(k) => children[k].1 as usize,
                Err(k) => {
                    let child = self.nodes.len();
                    self.nodes[node].0.insert(k, (b, child as u32));
                    self.nodes.push(Default::default());
                    child
                }
            };
        }
        self.nodes[node].1.push(id);
    }

    /// Fills the root table; call once after the last insert.
    fn index_root(&mut self) {
        self.root = vec![0; 256];
        if let Some((children, _)) = self.nodes.first() {
            for &(b, child) in children {
                self.root[b as usize] = child;
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Calls `f(end, ids)` for every phrase that is a prefix of `word`, shortest first.
    fn prefixes(&self, word: &str, mut f: impl FnMut(usize, &[u32])) {
        let Some(&first) = word.as_bytes().first() else {
            return;
        };
        let mut node = match self.root.get(first as usize) {
            Some(&child) if child != 0 => child as usize,
            _ => return,
        };
        if !self.nodes[node].1.is_empty() {
            f(1, &self.nodes[node].1);
        }
        for (depth, b) in word.bytes().enumerate().skip(1) {
            let children = &self.nodes[node].0;
            match children.binary_search_by_key(&b, |&(c, _)| c) {
                Ok(k) => node = children[k].1 as usize,
                Err(_) => return,
            }
            let ids = &self.nodes[node].1;
            if !ids.is_empty() {
                f(depth + 1, ids);
            }
        }
    }
}

impl DiscardMatcher {
    fn build(discards: &[Discard]) -> Self {
        let mut m = DiscardMatcher::default();
        for (id, d) in discards.iter().enumerate() {
            let phrase = normalize_blanks(&d.phrase);
            match phrase.split_once(' ') {
                Some((first, _)) => m.multi.entry(first.into()).or_default().push(id as u32),
                None if !phrase.is_empty() => m.single.insert(&phrase, id as u32),
                None => {}
            }
            m.phrase_words
                .push(phrase.split(' ').map(Box::from).collect());
            m.phrases.push(phrase.into());
        }
        m.single.index_root();
        m
    }

    /// The id of the first discard phrase in `text` (earliest position, then lowest id).
    ///
    /// A phrase must begin the text or follow a character that is not a letter or digit
    /// (PETRARCH prefixes the phrase with a blank); a phrase written with a trailing `_` must
    /// also end at the end of the text or before such a character, otherwise its last word is
    /// a stem. Matching ignores case and treats any run of white space as one blank.
    fn find(&self, discards: &[Discard], text: &str) -> Option<u32> {
        if self.multi.is_empty() && self.single.is_empty() {
            return None;
        }
        let text = normalize_blanks(text);
        let bytes = text.as_bytes();
        let boundary_after =
            |end: usize| !matches!(text[end..].chars().next(), Some(c) if c.is_alphanumeric());
        let mut prev_alnum = false;
        for (i, c) in text.char_indices() {
            let at_start = !prev_alnum && c != ' ';
            prev_alnum = c.is_alphanumeric();
            if !at_start {
                continue;
            }
            let token_end = memchr_blank(bytes, i);
            let token = &text[i..token_end];
            let mut best: Option<u32> = None;
            let mut consider = |id: u32| {
                if !matches!(best, Some(b) if b <= id) {
                    best = Some(id);
                }
            };
            if let Some(ids) = self.multi.get(token) {
                for &id in ids {
                    let d = &discards[id as usize];
                    let phrase = &self.phrases[id as usize];
                    if text[i..].starts_with(&**phrase)
                        && (!d.whole_word || boundary_after(i + phrase.len()))
                    {
                        consider(id);
                    }
                }
            }
            self.single.prefixes(token, |end, ids| {
                for &id in ids {
                    if !discards[id as usize].whole_word || boundary_after(i + end) {
                        consider(id);
                    }
                }
            });
            if best.is_some() {
                return best;
            }
        }
        None
    }
}

impl DiscardMatcher {
    /// The id of the first discard phrase in a sentence given as upper-case tokens (earliest
    /// token, then lowest id). The phrase's words must be consecutive tokens; its last word
    /// is a stem unless the phrase was written with a trailing `_`, and a one-word phrase
    /// is a stem of a token likewise. Cheaper than [`DiscardMatcher::find`], which re-reads
    /// the raw text.
    fn find_words(&self, discards: &[Discard], words: &[&str]) -> Option<u32> {
        if self.multi.is_empty() && self.single.is_empty() {
            return None;
        }
        for (i, word) in words.iter().enumerate() {
            let mut best: Option<u32> = None;
            let mut consider = |id: u32| {
                if !matches!(best, Some(b) if b <= id) {
                    best = Some(id);
                }
            };
            if let Some(ids) = self.multi.get(*word) {
                for &id in ids {
                    let parts = &self.phrase_words[id as usize];
                    let whole = discards[id as usize].whole_word;
                    let fits = parts.len() <= words.len() - i
                        && parts.iter().enumerate().all(|(k, part)| {
                            let token = words[i + k];
                            if k + 1 == parts.len() && !whole {
                                token.starts_with(part.as_ref())
                            } else {
                                token == part.as_ref()
                            }
                        });
                    if fits {
                        consider(id);
                    }
                }
            }
            self.single.prefixes(word, |end, ids| {
                for &id in ids {
                    if !discards[id as usize].whole_word || end == word.len() {
                        consider(id);
                    }
                }
            });
            if best.is_some() {
                return best;
            }
        }
        None
    }
}

/// The end of the token starting at `i`: the next blank or the end of the text.
fn memchr_blank(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(bytes.len(), |k| i + k)
}

/// Splits text into the words issue phrases are matched on: upper-case, separated by white
/// space, `_` and the punctuation `. , ; : ! ? " ( ) [ ] { } < >`; hyphens, apostrophes and
/// slashes stay inside words. Applied to the phrases and to the sentence alike.
pub(crate) fn issue_words(text: &str) -> Vec<String> {
    let is_sep = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '_' | '.'
                    | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | '"'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '<'
                    | '>'
            )
    };
    text.split(is_sep)
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase())
        .collect()
}

/// Issue phrases: a trie over [`issue_words`]; each terminal is a group of issue ids sharing
/// the phrase.
#[derive(Default)]
pub(crate) struct IssueMatcher {
    trie: PhraseTrie,
    root: u32,
    groups: Vec<Vec<u32>>,
}

impl IssueMatcher {
    fn build(issues: &[Issue]) -> Self {
        let mut m = IssueMatcher::default();
        m.root = m.trie.add_root();
        let mut group_of: FxHashMap<Vec<String>, u32> = FxHashMap::default();
        for (id, issue) in issues.iter().enumerate() {
            for phrase in issue.phrases.iter() {
                let words = issue_words(phrase);
                if words.is_empty() {
                    continue;
                }
                let group = match group_of.get(&words) {
                    Some(&g) => g,
                    None => {
                        let g = m.groups.len() as u32;
                        m.groups.push(Vec::new());
                        let phrase = Phrase {
                            words: words
                                .iter()
                                .map(|w| crate::model::PhraseWord {
                                    text: w.as_str().into(),
                                    exact: true,
                                })
                                .collect(),
                            consecutive: vec![true; words.len() - 1],
                        };
                        m.trie.insert(m.root, &phrase, g);
                        group_of.insert(words, g);
                        g
                    }
                };
                let ids = &mut m.groups[group as usize];
                if !ids.contains(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
        m
    }

    /// Codes with counts, in order of first occurrence; empty when an ignore phrase occurs.
    fn find(&self, issues: &[Issue], text: &str) -> Vec<(Box<str>, u32)> {
        if self.groups.is_empty() {
            return Vec::new();
        }
        let owned = issue_words(text);
        let words: Vec<&str> = owned.iter().map(String::as_str).collect();
        let mut counts: Vec<(Box<str>, u32)> = Vec::new();
        let mut ignored = false;
        for start in 0..words.len() {
            self.trie
                .for_each_match(self.root, &words, start, &mut |hit| {
                    for &id in &self.groups[hit.entry as usize] {
                        match &issues[id as usize].code {
                            None => ignored = true,
                            Some(code) => match counts.iter_mut().find(|(c, _)| c == code) {
                                Some((_, n)) => *n += 1,
                                None => counts.push((code.clone(), 1)),
                            },
                        }
                    }
                });
            if ignored {
                return Vec::new();
            }
        }
        counts
    }
}

/// All compiled matchers of a [`crate::Dictionaries`].
#[derive(Default)]
pub(crate) struct Compiled {
    actors: PhraseTrie,
    actor_root: u32,
    agents: PhraseTrie,
    agent_root: u32,
    synsets: PhraseTrie,
    synset_roots: Vec<u32>,
    synset_names: FxHashMap<Box<str>, SynsetId>,
    forms: FxHashMap<Box<str>, Vec<u32>>,
    discards: DiscardMatcher,
    issues: IssueMatcher,
}

impl Compiled {
    /// Builds every matcher from the model entries.
    pub fn build(
        actors: &[Actor],
        agents: &[Agent],
        synsets: &[Synset],
        verbs: &[Verb],
        discards: &[Discard],
        issues: &[Issue],
    ) -> Self {
        let mut c = Compiled::default();
        c.actor_root = c.actors.add_root();
        for (id, actor) in actors.iter().enumerate() {
            for phrase in &actor.phrases {
                c.actors.insert(c.actor_root, phrase, id as u32);
            }
        }
        c.agent_root = c.agents.add_root();
        for (id, agent) in agents.iter().enumerate() {
            for phrase in &agent.phrases {
                c.agents.insert(c.agent_root, phrase, id as u32);
            }
        }
        for (id, synset) in synsets.iter().enumerate() {
            let root = c.synsets.add_root();
            c.synset_roots.push(root);
            c.synset_names
                .entry(synset.name.clone())
                .or_insert(id as u32);
            for phrase in &synset.phrases {
                c.synsets.insert(root, phrase, id as u32);
            }
        }
        for (id, verb) in verbs.iter().enumerate() {
            for form in &verb.forms {
                let ids = c.forms.entry(form.clone()).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
        c.discards = DiscardMatcher::build(discards);
        c.issues = IssueMatcher::build(issues);
        c
    }

    pub fn match_actor(&self, words: &[&str], start: usize) -> Option<Hit> {
        self.actors.longest(self.actor_root, words, start)
    }

    pub fn match_agent(&self, words: &[&str], start: usize) -> Option<Hit> {
        self.agents.longest(self.agent_root, words, start)
    }

    pub fn synset_match(&self, synset: SynsetId, words: &[&str], start: usize) -> Option<usize> {
        let root = *self.synset_roots.get(synset as usize)?;
        self.synsets.longest(root, words, start).map(|h| h.len)
    }

    pub fn synset_id(&self, name: &str) -> Option<SynsetId> {
        self.synset_names.get(name).copied()
    }

    pub fn verbs_with_form(&self, word: &str) -> &[u32] {
        self.forms.get(word).map_or(&[], Vec::as_slice)
    }

    pub fn discard(&self, discards: &[Discard], text: &str) -> Option<u32> {
        self.discards.find(discards, text)
    }

    pub fn discard_words(&self, discards: &[Discard], words: &[&str]) -> Option<u32> {
        self.discards.find_words(discards, words)
    }

    pub fn issues(&self, issues: &[Issue], text: &str) -> Vec<(Box<str>, u32)> {
        self.issues.find(issues, text)
    }

    /// Node counts of the actor, agent and synset tries.
    pub fn trie_sizes(&self) -> (usize, usize, usize) {
        (self.actors.len(), self.agents.len(), self.synsets.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PhraseWord;

    fn phrase(spec: &str) -> Phrase {
        // "A_B C" : `_` consecutive, blank gap; trailing `*` on a word = stem.
        let mut p = Phrase::default();
        for (ci, chunk) in spec.split(' ').enumerate() {
            for (wi, w) in chunk.split('_').enumerate() {
                if !p.words.is_empty() {
                    p.consecutive.push(!(wi == 0 && ci > 0));
                }
                let exact = !w.ends_with('*');
                p.words.push(PhraseWord {
                    text: w.trim_end_matches('*').into(),
                    exact,
                });
            }
        }
        p
    }

    #[test]
    fn longest_exact_and_stem() {
        let mut t = PhraseTrie::default();
        let r = t.add_root();
        t.insert(r, &phrase("ISRAEL*"), 0);
        t.insert(r, &phrase("ISRAELI*"), 1);
        t.insert(r, &phrase("ISRAELI_TROOPS"), 2);
        t.insert(r, &phrase("ARGENTIN*"), 3);
        let w = ["THE", "ISRAELI", "TROOPS", "LEFT", "ARGENTINA"];
        assert_eq!(t.longest(r, &w, 1).map(|h| (h.entry, h.len)), Some((2, 2)));
        assert_eq!(
            t.longest(r, &w[..2], 1).map(|h| (h.entry, h.len)),
            Some((1, 1))
        );
        assert_eq!(t.longest(r, &w, 4).map(|h| (h.entry, h.len)), Some((3, 1)));
        assert_eq!(t.longest(r, &w, 0), None);
        assert_eq!(t.longest(r, &w, 9), None);
    }

    #[test]
    fn gaps_are_bounded() {
        let mut t = PhraseTrie::default();
        let r = t.add_root();
        t.insert(r, &phrase("CHIEF EXECUTIVE"), 0);
        assert_eq!(
            t.longest(r, &["CHIEF", "EXECUTIVE"], 0).map(|h| h.len),
            Some(2)
        );
        assert_eq!(
            t.longest(r, &["CHIEF", "FINANCIAL", "EXECUTIVE"], 0)
                .map(|h| h.len),
            Some(3)
        );
        let far = ["CHIEF", "A", "B", "C", "D", "E", "EXECUTIVE"];
        assert_eq!(t.longest(r, &far, 0), None);
    }

    #[test]
    fn first_entry_keeps_a_duplicate_phrase() {
        let mut t = PhraseTrie::default();
        let r = t.add_root();
        assert!(t.insert(r, &phrase("A_B"), 0));
        assert!(!t.insert(r, &phrase("A_B"), 1));
        assert_eq!(t.longest(r, &["A", "B"], 0).map(|h| h.entry), Some(0));
    }

    #[test]
    fn fx_hasher_is_deterministic() {
        let mut a = FxHasher::default();
        a.write(b"hello world, twelve+");
        let mut b = FxHasher::default();
        b.write(b"hello world, twelve+");
        assert_eq!(a.finish(), b.finish());
        assert_ne!(a.finish(), 0);
    }

    #[test]
    fn issue_words_split() {
        assert_eq!(
            issue_words("The E.U.'s weapons_grade (al-Zarqawi) ok"),
            [
                "THE",
                "E",
                "U",
                "'S",
                "WEAPONS",
                "GRADE",
                "AL-ZARQAWI",
                "OK"
            ]
        );
    }
}

#[cfg(test)]
mod discard_word_tests {
    use super::*;
    use crate::model::Provenance;
    use std::sync::Arc;

    fn discard(phrase: &str, whole_word: bool) -> Discard {
        Discard {
            phrase: phrase.into(),
            whole_word,
            story: false,
            provenance: Provenance {
                file: Arc::from("t"),
                line: 1,
                text: phrase.into(),
            },
        }
    }

    #[test]
    fn tokens_match_like_text() {
        let discards = vec![
            discard("WORLD CUP", false),
            discard("BASEBALL", false),
            discard("GOLF", true),
        ];
        let m = DiscardMatcher::build(&discards);
        let find = |words: &[&str]| m.find_words(&discards, words);
        assert_eq!(find(&["THE", "WORLD", "CUPS", "BEGAN"]), Some(0));
        assert_eq!(find(&["WORLD", "BANK"]), None);
        assert_eq!(find(&["BASEBALLS", "FLEW"]), Some(1));
        assert_eq!(find(&["GOLFERS"]), None);
        assert_eq!(find(&["GOLF", "."]), Some(2));
        let text = "Golfers and the World Cups.";
        assert_eq!(m.find(&discards, text), Some(0));
    }
}

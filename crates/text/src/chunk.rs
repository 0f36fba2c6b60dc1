//! Shallow parsing: tagged tokens → a Penn-Treebank-shaped tree of clauses and phrases.
//!
//! A deterministic, greedy recursive descent over tags (no statistics, no backtracking beyond
//! a few tokens of lookahead), shaped like the Penn Treebank because the coder is written
//! against Penn trees and also receives real ones:
//!
//! - clauses `(S (NP subject) (VP ...) (. .))`, led by optional adverbials and subordinate
//!   clauses `(SBAR (IN after) (S ...))`;
//! - noun phrases with determiners, adjectives and nouns, and quantities before numbers
//!   (`(NP (JJR more) (IN than) (CD 1,000) (NNS refugees))`, `up to 16 advisers`); possessives
//!   `(NP (NP (NNP Dagolath) (POS 's)) (JJ first) (NN deputy))`; `of`-phrases and, in subject
//!   position, other prepositional phrases attached to the noun; the phrases naming the parties
//!   of a noun that names an event or relation ([`is_event_noun`]: `visit`, `talks`, `attack`,
//!   `sanctions`...), flat beside it, `(NP (NP (DT a) (NN visit)) (PP (IN by) (NP ...)) (PP (TO
//!   to) (NP ...)) (PP (IN on) (NP ...)))`, in any position (after a name or an ordinary noun,
//!   phrases stay with the verb: "met Kerry in Berlin"); `to` before a noun phrase is a
//!   preposition, `(PP (TO to) (NP ...))`, never an infinitive; coordination, one flat list
//!   `(NP (NP A) (, ,) (NP B) (, ,) (NP C) (CC and) (NP D))`, of bare common nouns sharing
//!   their modifiers `(NP (JJ Danish) (NNS media) (CC and) (NN government))`, of adjectives
//!   `(ADJP (JJ awful) (CC and) (JJ evil))`, and of names inside a subject's prepositional
//!   phrase `(NP (NP lawmakers) (PP (IN in) (NP (NP A) (CC and) (NP B))))`; appositives
//!   `(NP (NP X) (, ,) (NP Y) (, ,))`;
//!   relative clauses `(NP (NP ...) (SBAR (WHNP (WDT which)) (S (VP ...))))` and reduced ones
//!   `(NP (NP men) (VP (VBN sought) (PP ...)))`, also with a present participle in a subject
//!   (`(NP (NP the group) (VP (VBG operating) (PP in X)))` before its verb); an adverb grading
//!   a preposition's object stays in it (`of (NP (RB mostly) (NNP Christian) ...)`); `today`
//!   between subject and verb is an adverbial `(ADVP (NN today))`, so the subject stays the
//!   last noun phrase before the verb;
//! - verb phrases with auxiliary chains nested as Penn does (`(VP (MD will) (VP (VB meet)))`,
//!   negation inside the auxiliary's VP), passives `(VP (VBD was) (VP (VBN attacked) (PP (IN by)
//!   ...)))`, objects, particles, prepositional phrases after the object attached to the VP,
//!   infinitives `(S (VP (TO to) (VP ...)))`, complement clauses `(SBAR (IN that)? (S ...))`
//!   (also with a coordinated subject: "believes A and B can"; also after a reported
//!   speaker: ", he said (that) ministers planned ..."; also subjunctive: "its demand that
//!   Israel ease"), coordinated VPs
//!   `(VP (VP ...) (CC and) (VP ...))`, participial phrases, parentheticals
//!   `(PRN (, ,) (S (NP it) (VP seems)) (, ,))`, measured subordinate clauses
//!   `(SBAR (NP almost five years) (IN after) (S ...))`, and heavy objects moved after an
//!   adjunct with their participle ("cordoned off for weeks the roads leading into ...");
//! - reported speech at the end of a sentence: `(S (S ...) (, ,) (NP official) (VP (VBD said))
//!   (. .))`, and inverted `(SINV (S ...) (, ,) (VP (VBD said)) (NP ...) (. .))`.
//!
//! Every token ends up in exactly one leaf: whatever the grammar cannot place is attached to
//! the nearest enclosing phrase as it stands. Nesting is bounded, so no input can exhaust the
//! stack.

use crate::analysis::{AnalysisBuilder, Label, Tag, Token};
use crate::lexicon::is_event_noun;
use compact_str::CompactString;

/// A parsed subtree: a token or a labelled node.
#[derive(Clone, Debug)]
enum Tree {
    Leaf(u32),
    Node(Label, Vec<Tree>),
}

/// Maximum nesting of phrases; deeper material is attached flat.
const MAX_DEPTH: u32 = 48;

/// Words that report speech (lemmas): they take a bare clause as complement.
const SAY: &[&str] = &[
    "say",
    "tell",
    "announce",
    "report",
    "state",
    "claim",
    "add",
    "warn",
    "insist",
    "deny",
    "confirm",
    "argue",
    "declare",
    "note",
    "explain",
    "stress",
    "believe",
    "think",
    "assert",
    "allege",
    "acknowledge",
    "admit",
    "predict",
    "reveal",
    "indicate",
    "suggest",
    "hope",
    "fear",
    "expect",
    "know",
    "agree",
    "charge",
    "accuse",
    "urge",
    "maintain",
    "reiterate",
    "emphasize",
    "emphasise",
    "contend",
    "estimate",
    "write",
    "quote",
    "recall",
    "observe",
];

/// Subordinating conjunctions that open an adverbial clause.
const SUBORDINATORS: &[&str] = &[
    "after", "because", "while", "although", "though", "if", "when", "since", "before", "as",
    "unless", "until", "whereas", "once", "whether", "that", "so",
];

/// Whether `lemma` is a preposition that names a party of an event noun ("a visit by X to Y",
/// "talks between A and B", "an attack on Z"): after a noun of [`is_event_noun`], its phrase
/// attaches to the noun.
fn party_preposition(lemma: &str) -> bool {
    matches!(
        lemma,
        "by" | "to" | "on" | "against" | "with" | "between" | "among" | "from" | "for" | "into"
    )
}

const SAY_FLAG: u8 = 1;
const SUB_FLAG: u8 = 2;
/// A preposition of [`party_preposition`].
const PARTY_FLAG: u8 = 4;

struct Parser<'a> {
    tags: &'a [Tag],
    lemmas: &'a [CompactString],
    /// Per token: `SAY_FLAG` and `SUB_FLAG`, computed once.
    flags: Vec<u8>,
    /// Emptied child lists, reused so that building a tree allocates nothing in the steady
    /// state.
    pool: Vec<Vec<Tree>>,
    /// Child lists handed out by `fresh`.
    made: usize,
    i: usize,
    end: usize,
    depth: u32,
    /// Inside a prepositional phrase that modifies a subject ("lawmakers in Fornost and
    /// Gondor welcomed"), where names joined by `and` stay together before the verb.
    subject_pp: bool,
}

/// Buffers reused from sentence to sentence by [`build_with`].
#[derive(Debug, Default)]
pub(crate) struct ChunkScratch {
    flags: Vec<u8>,
    pool: Vec<Vec<Tree>>,
}

/// Child lists longer than this are freed rather than kept for reuse.
const POOL_MAX_CAPACITY: usize = 64;
/// At most this many child lists are kept for reuse.
const POOL_MAX_LEN: usize = 1024;

/// Builds the tree of one tagged sentence into `b` (whose tokens must not have been pushed):
/// `tokens` gives, for each token, its text, lemma, tag and byte range.
pub fn build(
    b: &mut AnalysisBuilder,
    words: &[&str],
    tags: &[Tag],
    lemmas: &[CompactString],
    spans: &[(u32, u32)],
) {
    build_with(b, words, tags, lemmas, spans, &mut ChunkScratch::default());
}

/// [`build`] with buffers kept between calls.
pub(crate) fn build_with(
    b: &mut AnalysisBuilder,
    words: &[&str],
    tags: &[Tag],
    lemmas: &[CompactString],
    spans: &[(u32, u32)],
    scratch: &mut ChunkScratch,
) {
    let n = tags
        .len()
        .min(lemmas.len())
        .min(words.len())
        .min(spans.len());
    let mut flags = std::mem::take(&mut scratch.flags);
    flags.clear();
    // Only verbs, modals and `to` head verb phrases (whose lemma may report speech), and only
    // `IN` and `TO` are asked whether they subordinate, so other tokens need no string tests.
    flags.extend(tags[..n].iter().zip(&lemmas[..n]).map(|(&t, l)| {
        let l = l.as_str();
        let mut f = 0;
        if (t.is_verb() || matches!(t, Tag::MD | Tag::TO)) && SAY.contains(&l) {
            f |= SAY_FLAG;
        }
        if matches!(t, Tag::IN | Tag::TO) {
            if SUBORDINATORS.contains(&l) {
                f |= SUB_FLAG;
            }
            if party_preposition(l) {
                f |= PARTY_FLAG;
            }
        }
        f
    }));
    let mut p = Parser {
        tags: &tags[..n],
        lemmas: &lemmas[..n],
        flags,
        pool: std::mem::take(&mut scratch.pool),
        made: 0,
        i: 0,
        end: n,
        depth: 0,
        subject_pp: false,
    };
    let tree = p.sentence();
    // Every node's child list came from `fresh`, so this bounds the number of nodes.
    b.reserve(n, p.made);
    let mut next = 0u32;
    emit(b, tree, words, tags, lemmas, spans, &mut next, &mut p.pool);
    scratch.flags = p.flags;
    scratch.pool = p.pool;
}

/// Returns an emptied child list to `pool`.
fn give_back(mut kids: Vec<Tree>, pool: &mut Vec<Vec<Tree>>) {
    for k in kids.drain(..) {
        if let Tree::Node(_, v) = k {
            give_back(v, pool);
        }
    }
    if kids.capacity() <= POOL_MAX_CAPACITY && pool.len() < POOL_MAX_LEN {
        pool.push(kids);
    }
}

/// Emits `t` into `b`, returning its child lists to `pool` on the way.
#[allow(clippy::too_many_arguments)]
fn emit(
    b: &mut AnalysisBuilder,
    t: Tree,
    words: &[&str],
    tags: &[Tag],
    lemmas: &[CompactString],
    spans: &[(u32, u32)],
    next: &mut u32,
    pool: &mut Vec<Vec<Tree>>,
) {
    match t {
        Tree::Leaf(k) => {
            let k = k as usize;
            debug_assert_eq!(k as u32, *next, "leaves are emitted in order");
            *next += 1;
            let (s, e) = spans[k];
            b.push(Token {
                text: CompactString::from(words[k]),
                lemma: lemmas[k].clone(),
                tag: tags[k],
                start: s,
                end: e,
            });
        }
        Tree::Node(label, mut kids) => {
            b.open_with_capacity(label, kids.len());
            for k in kids.drain(..) {
                emit(b, k, words, tags, lemmas, spans, next, pool);
            }
            b.close();
            if kids.capacity() <= POOL_MAX_CAPACITY && pool.len() < POOL_MAX_LEN {
                pool.push(kids);
            }
        }
    }
}

/// A child list from the pool holding the given subtrees: `pv!(self, a, b)` is `vec![a, b]`.
macro_rules! pv {
    ($p:expr) => {
        $p.fresh()
    };
    ($p:expr, $($x:expr),+ $(,)?) => {{
        let items = [$($x),+];
        let mut v = $p.fresh();
        v.extend(items);
        v
    }};
}

fn node(label: Label, kids: Vec<Tree>) -> Tree {
    Tree::Node(label, kids)
}

fn is_finite(t: Tag) -> bool {
    matches!(t, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD)
}

fn is_nominal(t: Tag) -> bool {
    t.is_noun() || matches!(t, Tag::CD | Tag::PRP | Tag::EX)
}

impl<'a> Parser<'a> {
    fn tag(&self, k: usize) -> Option<Tag> {
        if k < self.end {
            Some(self.tags[k])
        } else {
            None
        }
    }

    fn cur(&self) -> Option<Tag> {
        self.tag(self.i)
    }

    fn lemma(&self, k: usize) -> &'a str {
        if k < self.end {
            self.lemmas[k].as_str()
        } else {
            ""
        }
    }

    fn says(&self, k: usize) -> bool {
        self.flags.get(k).is_some_and(|f| f & SAY_FLAG != 0)
    }

    fn subordinates(&self, k: usize) -> bool {
        self.flags.get(k).is_some_and(|f| f & SUB_FLAG != 0)
    }

    /// Whether the token at `k` is a noun naming an event or relation.
    fn names_event(&self, k: usize) -> bool {
        matches!(self.tag(k), Some(Tag::NN | Tag::NNS)) && is_event_noun(self.lemma(k))
    }

    /// Whether a phrase naming a party of an event noun starts at `k`: a preposition of
    /// [`party_preposition`] followed by a noun phrase (`to` only when no verb follows, which
    /// would make it an infinitive).
    fn party_pp_starts(&self, k: usize) -> bool {
        self.flags.get(k).is_some_and(|f| f & PARTY_FLAG != 0)
            && !self.subordinates(k)
            && self.np_starts(k + 1)
    }

    /// Whether `to` at `k` is a preposition: a noun phrase, not a verb, follows.
    fn to_preposition(&self, k: usize) -> bool {
        self.tag(k) == Some(Tag::TO) && self.np_starts(k + 1)
    }

    fn leaf(&mut self) -> Tree {
        let t = Tree::Leaf(self.i as u32);
        self.i += 1;
        t
    }

    fn fresh(&mut self) -> Vec<Tree> {
        self.made += 1;
        self.pool.pop().unwrap_or_default()
    }

    fn too_deep(&self) -> bool {
        self.depth >= MAX_DEPTH
    }

    // ----- sentence and clauses -----

    fn sentence(&mut self) -> Tree {
        let mut kids: Vec<Tree> = pv!(self);
        let mut clauses = 0usize;
        let mut inverted = false;
        while self.i < self.end {
            let before = self.i;
            if let Some(
                Tag::Period | Tag::Comma | Tag::Colon | Tag::OpenQuote | Tag::CloseQuote | Tag::CC,
            ) = self.cur()
            {
                kids.push(self.leaf());
                continue;
            }
            // Reported speech after a clause: ", a senior official said ..." or ", said X".
            if clauses > 0 {
                if let Some(t) = self.reported_speaker(&mut inverted) {
                    kids.extend(t);
                    continue;
                }
            }
            if let Some(s) = self.clause() {
                kids.push(s);
                clauses += 1;
            }
            if self.i == before {
                // Nothing fits: keep the token where it stands.
                let t = self.fragment_piece();
                kids.push(t);
            }
        }
        // One clause: its trailing punctuation goes inside it, Penn style.
        let s_count = kids
            .iter()
            .filter(|k| matches!(k, Tree::Node(Label::S, _)))
            .count();
        let tree = if s_count == 1
            && kids.len() > 1
            && kids
                .iter()
                .all(|k| matches!(k, Tree::Node(Label::S, _) | Tree::Leaf(_)))
        {
            let mut out = pv!(self);
            let mut inner: Option<Vec<Tree>> = None;
            let mut pre = pv!(self);
            for k in kids {
                match k {
                    Tree::Node(Label::S, v) if inner.is_none() => inner = Some(v),
                    other => {
                        if inner.is_none() {
                            pre.push(other)
                        } else {
                            out.push(other)
                        }
                    }
                }
            }
            let mut v = pre;
            if let Some(mut inner) = inner {
                v.append(&mut inner);
                give_back(inner, &mut self.pool);
            }
            v.append(&mut out);
            give_back(out, &mut self.pool);
            node(Label::S, v)
        } else if s_count == 1 && kids.len() == 1 {
            kids.pop().unwrap_or_else(|| node(Label::S, pv!(self)))
        } else if kids.is_empty() {
            return node(Label::Root, pv!(self));
        } else {
            node(if inverted { Label::SINV } else { Label::S }, kids)
        };
        tree
    }

    /// Something that is not a clause: a phrase, or a single token.
    fn fragment_piece(&mut self) -> Tree {
        let start = self.i;
        if let Some(np) = self.np(true) {
            if self.i > start {
                return np;
            }
        }
        self.i = start;
        if let Some(pp) = self.pp() {
            return pp;
        }
        self.i = start;
        self.leaf()
    }

    /// After a clause: `, NP said (PP)*` → [`,` NP VP], or `, said NP` → [`,` VP NP].
    fn reported_speaker(&mut self, inverted: &mut bool) -> Option<Vec<Tree>> {
        let start = self.i;
        // The caller consumed the comma and closing quote as leaves already; we start at NP.
        let prev = if start > 0 {
            self.tags[start - 1]
        } else {
            return None;
        };
        if !matches!(prev, Tag::Comma | Tag::CloseQuote) {
            return None;
        }
        if self.cur().is_some_and(|t| t.is_verb()) && self.says(self.i) {
            // ", said Gondor's minister."
            let v = self.leaf();
            let mut vp = pv!(self, v);
            self.adjuncts(&mut vp);
            let vp = node(Label::VP, vp);
            let mut out = pv!(self, vp);
            if let Some(np) = self.np(true) {
                out.push(np);
            }
            *inverted = true;
            return Some(out);
        }
        let np = self.np(true)?;
        let k = self.skip_adverbs(self.i);
        if self.tag(k).is_some_and(|t| t.is_verb()) && self.says(k) {
            let mut vp = pv!(self);
            while self.i < k {
                let a = self.leaf();
                vp.push(node(Label::ADVP, pv!(self, a)));
            }
            vp.push(self.leaf());
            // "told reporters": the hearer; ", he said government proposed ...": a clause.
            if self.np_starts(self.i) && !self.subject_then_verb(self.i) {
                if let Some(obj) = self.np(false) {
                    vp.push(obj);
                }
            } else if self.np_starts(self.i) && self.clause_follows(self.i) {
                if let Some(s) = self.clause() {
                    vp.push(node(Label::SBAR, pv!(self, s)));
                }
            }
            self.adjuncts(&mut vp);
            return Some(pv!(self, np, node(Label::VP, vp)));
        }
        self.i = start;
        None
    }

    fn skip_adverbs(&self, mut k: usize) -> usize {
        while self.tag(k).is_some_and(|t| t.is_adverb()) {
            k += 1;
        }
        k
    }

    /// A clause: leading adverbials, a subject and a verb phrase. `None` if nothing fits.
    fn clause(&mut self) -> Option<Tree> {
        if self.too_deep() {
            return None;
        }
        self.depth += 1;
        let start = self.i;
        let mut kids = pv!(self);
        // Leading adverbials: PPs, adverbs, subordinate clauses, each maybe followed by a comma.
        loop {
            let before = self.i;
            if self.number_lead(self.i).is_some() {
                // "Up to 1,000 Turks began": the subject's quantity.
                break;
            }
            match self.cur() {
                Some(Tag::IN)
                    if self.subordinates(self.i)
                        && self.lemma(self.i) != "that"
                        && self.clause_follows(self.i + 1) =>
                {
                    let sub = self.sbar();
                    kids.push(sub);
                }
                Some(Tag::IN) if self.lemma(self.i) != "that" => match self.pp() {
                    Some(pp) => kids.push(pp),
                    None => break,
                },
                // "To Moscow, the minister ...": `to` before a noun phrase is a preposition.
                Some(Tag::TO) if self.to_preposition(self.i) => match self.pp() {
                    Some(pp) => kids.push(pp),
                    None => break,
                },
                Some(t)
                    if t.is_adverb()
                        && !self
                            .tag(self.i + 1)
                            .is_some_and(|n| n.is_adjective() || n == Tag::CD) =>
                {
                    let a = self.leaf();
                    kids.push(node(Label::ADVP, pv!(self, a)));
                }
                Some(Tag::VBG | Tag::VBN) if self.i == start && self.participial_lead() => {
                    let vp = self.vp();
                    kids.push(node(Label::S, pv!(self, vp)));
                }
                _ => break,
            }
            if self.cur() == Some(Tag::Comma) {
                kids.push(self.leaf());
            }
            if self.i == before {
                break;
            }
        }
        // Subject.
        let subject_start = self.i;
        let subject = if self.cur().is_some_and(|t| !t.is_verb() && t != Tag::MD) {
            self.np(true)
        } else {
            None
        };
        if let Some(np) = subject {
            kids.push(np);
        }
        // An appositive or parenthetical PP between subject and verb: "X, in remarks ..., urged".
        if self.i > subject_start
            && self.cur() == Some(Tag::Comma)
            && self.tag(self.i + 1) == Some(Tag::IN)
        {
            let save = self.i;
            let comma = self.leaf();
            if let Some(pp) = self.pp() {
                if self.cur() == Some(Tag::Comma)
                    && self
                        .tag(self.i + 1)
                        .is_some_and(|t| t.is_verb() || t == Tag::MD)
                {
                    let c2 = self.leaf();
                    kids.push(comma);
                    kids.push(pp);
                    kids.push(c2);
                } else {
                    self.i = save;
                }
            } else {
                self.i = save;
            }
        }
        // The comma closing an appositive: "X, a group that tracks the war, said ...".
        if self.i > subject_start
            && self.cur() == Some(Tag::Comma)
            && self.tag(self.i + 1).is_some_and(is_finite)
        {
            if let Some(Tree::Node(Label::NP, np)) = kids.last_mut() {
                np.push(self.leaf());
            }
        }
        loop {
            if self.cur().is_some_and(|t| t.is_adverb()) && self.verb_follows(self.i) {
                let a = self.leaf();
                kids.push(node(Label::ADVP, pv!(self, a)));
            } else if self.i > subject_start
                && self.tag(self.i).is_some_and(|t| t.is_noun())
                && self.bare_time(self.i) == Some(1)
                && self.verb_follows(self.i + 1)
            {
                // "Denmark today accepted": a time word between subject and verb, an
                // adverbial (ADVP, as adverbs there are) so that the subject stays the last
                // noun phrase before the verb.
                let w = self.leaf();
                kids.push(node(Label::ADVP, pv!(self, w)));
            } else {
                break;
            }
        }
        if self
            .cur()
            .is_some_and(|t| t.is_verb() || t == Tag::MD || t == Tag::TO)
        {
            let vp = self.vp_coordinated();
            kids.push(vp);
        } else if self.i == subject_start {
            // No subject and no verb: not a clause.
            self.depth -= 1;
            if kids.is_empty() {
                self.i = start;
                return None;
            }
            return Some(node(Label::S, kids));
        }
        self.depth -= 1;
        if kids.is_empty() {
            self.i = start;
            return None;
        }
        Some(node(Label::S, kids))
    }

    /// "Arrested last week, the men ..." / "Speaking in Berlin, X said".
    fn participial_lead(&self) -> bool {
        let mut k = self.i + 1;
        while k < self.end && k < self.i + 20 {
            match self.tags[k] {
                Tag::Comma => return true,
                Tag::Period => return false,
                t if is_finite(t) => return false,
                _ => k += 1,
            }
        }
        false
    }

    fn verb_follows(&self, k: usize) -> bool {
        let k = self.skip_adverbs(k);
        self.tag(k).is_some_and(|t| t.is_verb() || t == Tag::MD)
    }

    /// Whether a clause (a subject then a finite verb, or a finite verb) starts at `k`.
    fn clause_follows(&self, k: usize) -> bool {
        let mut j = k;
        while j < self.end && j < k + 25 {
            let t = self.tags[j];
            if is_finite(t) {
                return true;
            }
            if is_nominal(t)
                || matches!(
                    t,
                    Tag::DT
                        | Tag::PRPS
                        | Tag::JJ
                        | Tag::JJR
                        | Tag::JJS
                        | Tag::POS
                        | Tag::PDT
                        | Tag::VBG
                        | Tag::VBN
                )
                || t.is_adverb()
            {
                j += 1;
                continue;
            }
            if (t == Tag::IN && self.lemma(j) == "of")
                || (t == Tag::CC && j > k && self.joins_like_nouns(j))
            {
                // "of"-phrases and coordinated subjects: "believes Dagolath and Osgiliath can".
                j += 1;
                continue;
            }
            return false;
        }
        false
    }

    /// Whether the conjunction at `j` joins two nouns of one kind, both names or both common
    /// nouns ("Dagolath and Osgiliath", "army and police"), as coordinated subjects do; "the
    /// charges and Gondor" more likely ends one clause and starts another.
    fn joins_like_nouns(&self, j: usize) -> bool {
        let (Some(a), Some(b)) = (j.checked_sub(1).and_then(|i| self.tag(i)), self.tag(j + 1))
        else {
            return false;
        };
        // "Russia and the United States": a name joined to a name with its article;
        // "US and British forces": to a name-adjective and its noun.
        let b = if b == Tag::DT && a.is_proper_noun() {
            self.tag(j + 2).unwrap_or(b)
        } else if b == Tag::JJ && a.is_proper_noun() {
            // "US and British forces", "the US and other developed nations".
            let mut k = j + 1;
            while self.tag(k).is_some_and(|t| t.is_adjective()) {
                k += 1;
            }
            if self.tag(k).is_some_and(|t| t.is_noun()) {
                Tag::NNP
            } else {
                b
            }
        } else {
            b
        };
        (a.is_proper_noun() && b.is_proper_noun())
            || (matches!(a, Tag::NN | Tag::NNS) && matches!(b, Tag::NN | Tag::NNS))
    }

    /// `(SBAR (IN w) (S ...))`.
    fn sbar(&mut self) -> Tree {
        let w = self.leaf();
        let mut kids = pv!(self, w);
        if let Some(s) = self.clause() {
            kids.push(s);
        }
        node(Label::SBAR, kids)
    }

    // ----- noun phrases -----

    fn np_starts(&self, k: usize) -> bool {
        if self.number_lead(k).is_some() {
            return true;
        }
        match self.tag(k) {
            Some(t) => {
                is_nominal(t)
                    || matches!(
                        t,
                        Tag::DT
                            | Tag::PDT
                            | Tag::PRPS
                            | Tag::JJ
                            | Tag::JJR
                            | Tag::JJS
                            | Tag::Dollar
                            | Tag::WPS
                    )
                    || (t == Tag::OpenQuote
                        && self
                            .tag(k + 1)
                            .is_some_and(|n| n.is_noun() || n.is_adjective()))
                    || (t.is_adverb()
                        && self
                            .tag(k + 1)
                            .is_some_and(|n| n == Tag::CD || n.is_adjective())
                        && (self.tag(k + 2).is_some_and(|n| n.is_noun() || n == Tag::CD)
                            || self.adjectives_then_noun(k + 2)))
                    || self.participle_modifies(k)
            }
            None => false,
        }
    }

    /// A base noun phrase (no post-modifiers): `(NP (DT the) (JJ new) (NN mayor))`, with
    /// possessives nested.
    fn base_np(&mut self) -> Option<Tree> {
        let start = self.i;
        let mut kids = pv!(self);
        match self.cur()? {
            Tag::PRP | Tag::EX => {
                kids.push(self.leaf());
                return Some(node(Label::NP, kids));
            }
            _ => {}
        }
        self.np_words(&mut kids);
        if kids.is_empty() {
            self.i = start;
            return None;
        }
        let mut np = node(Label::NP, kids);
        // Possessives: (NP (NP X 's) rest).
        while self.cur() == Some(Tag::POS) && !self.too_deep() {
            let Tree::Node(_, mut inner) = np else { break };
            inner.push(self.leaf());
            let poss = node(Label::NP, inner);
            let mut rest = pv!(self, poss);
            self.np_words(&mut rest);
            np = node(Label::NP, rest);
        }
        Some(np)
    }

    /// Pushes the words of a base NP: determiners, modifiers, nouns.
    fn np_words(&mut self, kids: &mut Vec<Tree>) {
        let start = self.i;
        let mut seen_head = false;
        while let Some(t) = self.cur() {
            let next = self.tag(self.i + 1);
            if let Some(n) = self.number_lead(self.i) {
                // "more than 1,000 refugees", "up to 16 advisers": at the start, a quantity
                // of the phrase (Penn's QP); later, the start of another phrase ("on
                // Wednesday more than 1,000 ...").
                if self.i > start {
                    break;
                }
                for _ in 0..n {
                    kids.push(self.leaf());
                }
                continue;
            }
            let take = match t {
                // "two raids last Friday": a time expression is a phrase of its own.
                Tag::JJ | Tag::DT if self.i > start && self.bare_time(self.i) == Some(2) => false,
                Tag::PDT | Tag::DT | Tag::PRPS | Tag::WPS => {
                    self.i == start || (!seen_head && t == Tag::DT && kids.len() == 1)
                }
                Tag::JJ | Tag::JJR | Tag::JJS
                    if !seen_head
                        && next == Some(Tag::CC)
                        && matches!(self.lemma(self.i + 1), "and" | "or")
                        && self.adjectives_then_noun(self.i + 2) =>
                {
                    // "awful and evil minister": (ADJP (JJ awful) (CC and) (JJ evil)).
                    let mut adjp = pv!(self);
                    adjp.push(self.leaf());
                    adjp.push(self.leaf());
                    adjp.push(self.leaf());
                    kids.push(node(Label::ADJP, adjp));
                    continue;
                }
                Tag::JJ | Tag::JJR | Tag::JJS => true,
                // "complete, full diplomatic ties": adjectives in a row, separated by commas.
                Tag::Comma => {
                    !seen_head
                        && self.i > start
                        && self.tags[self.i - 1].is_adjective()
                        && self.adjectives_then_noun(self.i + 1)
                }
                // "ties with Egypt two years after ...": the measure starts a clause.
                Tag::CD => !(seen_head && self.measured_subordinator(self.i).is_some()),
                Tag::Dollar => true,
                // "On Tuesday Kerry visited", "Denmark today accepted": a weekday or
                // `today` is a phrase of its own.
                Tag::NNP | Tag::NN
                    if self.bare_time(self.i) == Some(1)
                        && self.i > start
                        && !(self.i == start + 1 && self.bare_time(start) == Some(2)) =>
                {
                    false
                }
                Tag::NNP
                    if self.bare_time(self.i) == Some(1)
                        && self.tag(self.i + 1).is_some_and(|t| t.is_proper_noun()) =>
                {
                    kids.push(self.leaf());
                    break;
                }
                Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS => {
                    seen_head = true;
                    true
                }
                // "Syria's fractured rebel movement": after a possessive, a participle before
                // a noun modifies it.
                Tag::VBG | Tag::VBN => {
                    next.is_some_and(|n| n.is_noun() || n.is_adjective())
                        && (self.i > start
                            || self.participle_modifies(self.i)
                            || (self.i > 0 && self.tags[self.i - 1] == Tag::POS))
                        && !seen_head
                }
                Tag::RB | Tag::RBR | Tag::RBS => {
                    next.is_some_and(|n| n.is_adjective() || n == Tag::CD) && !seen_head
                }
                Tag::HYPH => {
                    next.is_some_and(|n| n.is_noun() || n.is_adjective()) && self.i > start
                }
                Tag::IN => seen_head && self.office_then_name(self.i),
                Tag::PRP => false,
                _ => false,
            };
            if !take {
                break;
            }
            // Plural noun then a noun-verb ambiguity is resolved by the tagger; a noun after a
            // plural noun head starts a new phrase only if a determiner intervenes.
            kids.push(self.leaf());
        }
    }

    /// At `k`, "more/less/fewer than" or "up to" before a number: the length of that lead.
    fn number_lead(&self, k: usize) -> Option<usize> {
        let lead = match self.lemma(k) {
            "more" | "less" | "fewer" | "much" => self.lemma(k + 1) == "than",
            "up" => self.tag(k + 1) == Some(Tag::TO),
            _ => false,
        };
        (lead && matches!(self.tag(k + 2), Some(Tag::CD | Tag::Dollar))).then_some(2)
    }

    /// At `of` inside a title before a name — "Secretary of State John Kerry", "Minister of
    /// Foreign Affairs Sergey Lavrov" — whether the title and the name make one phrase: a
    /// capitalised title word before `of` and at least three capitalised words after it.
    fn office_then_name(&self, k: usize) -> bool {
        const TITLES: [&str; 8] = [
            "Secretary",
            "Minister",
            "Ministry",
            "Department",
            "Chancellor",
            "Chief",
            "Director",
            "Commander",
        ];
        if self.lemma(k) != "of" || k == 0 || !TITLES.contains(&self.lemmas[k - 1].as_str()) {
            return false;
        }
        let mut j = k + 1;
        while j < self.end && matches!(self.tags[j], Tag::NNP | Tag::NNPS) {
            j += 1;
        }
        j >= k + 4
    }

    /// Whether the past participle at `k`, right after a full verb (not an auxiliary), modifies
    /// the noun after it: "abandon improved economic relations".
    fn participle_modifies(&self, k: usize) -> bool {
        self.tag(k) == Some(Tag::VBN)
            && k > 0
            && self.tags[k - 1].is_verb()
            && !matches!(self.lemma(k - 1), "be" | "have" | "get" | "do")
            && (self.adjectives_then_noun(k + 1)
                || matches!(self.tag(k + 1), Some(Tag::NN | Tag::NNS)))
    }

    /// Whether adjectives start at `k` and a noun follows them.
    fn adjectives_then_noun(&self, k: usize) -> bool {
        let mut j = k;
        while self.tag(j).is_some_and(|t| t.is_adjective()) {
            j += 1;
        }
        j > k && self.tag(j).is_some_and(|t| t.is_noun())
    }

    /// A full noun phrase: base NP with `of`-phrases, relative clauses, reduced relatives,
    /// appositives and coordination. `subject` also attaches other PPs to the noun.
    fn np(&mut self, subject: bool) -> Option<Tree> {
        if self.too_deep() {
            let start = self.i;
            let r = self.base_np();
            if r.is_none() {
                self.i = start;
            }
            return r;
        }
        self.depth += 1;
        let r = self.np_inner(subject);
        self.depth -= 1;
        r
    }

    fn np_inner(&mut self, subject: bool) -> Option<Tree> {
        let start = self.i;
        let mut np = self.base_np()?;
        // Whether `np` is a list "A, B" being collected, whose members are its children.
        let mut listing = false;
        // Whether `np` is still a base noun phrase, without post-modifiers.
        let mut bare = true;
        let head = last_leaf(&np);
        // Whether the head noun names an event, whose prepositional phrases name its parties
        // and stay flat beside it: (NP (NP a visit) (PP by X) (PP to Y) (PP on Monday)).
        // Looked up once a preposition follows; `Some(false)` once other modifiers close it.
        let mut event: Option<bool> = None;
        // Whether `np` is such a flat phrase, (NP (NP noun) (PP ...) ...), taking more PPs.
        let mut frame = false;
        loop {
            let t = self.cur();
            let lemma = self.lemma(self.i);
            if event.is_none() && matches!(t, Some(Tag::IN | Tag::TO)) {
                event = Some(head.is_some_and(|k| self.names_event(k as usize)));
            }
            let open_event = event == Some(true) && !listing;
            match t {
                Some(Tag::IN | Tag::TO)
                    if (t == Some(Tag::IN)
                        && (lemma == "of"
                            || (subject
                                && !self.subordinates(self.i)
                                && (self.np_starts(self.i + 1)
                                    || (self.tag(self.i + 1) == Some(Tag::IN)
                                        && self.np_starts(self.i + 2))))))
                        || (open_event && self.party_pp_starts(self.i)) =>
                {
                    let outer = self.subject_pp;
                    self.subject_pp = subject || outer;
                    let pp = self.pp();
                    self.subject_pp = outer;
                    let Some(pp) = pp else { break };
                    np = match np {
                        Tree::Node(Label::NP, mut kids) if frame => {
                            kids.push(pp);
                            node(Label::NP, kids)
                        }
                        other => node(Label::NP, pv!(self, other, pp)),
                    };
                    frame = open_event;
                    bare = false;
                }
                Some(Tag::LRB) if self.bracketed_name_len(&np).is_some() => {
                    // "The International Labor Office (ILO)": a short name in brackets after
                    // a name is part of it.
                    let n = self.bracketed_name_len(&np).unwrap_or(0);
                    let open = self.leaf();
                    let mut words = self.fresh();
                    for _ in 0..n {
                        words.push(self.leaf());
                    }
                    let inner = node(Label::NP, words);
                    let close = self.leaf();
                    let prn = node(Label::PRN, pv!(self, open, inner, close));
                    np = node(Label::NP, pv!(self, np, prn));
                    bare = false;
                }
                Some(Tag::IN)
                    if matches!(self.tag(self.i + 1), Some(Tag::WDT | Tag::WP))
                        && self.clause_follows(self.i + 2) =>
                {
                    // "two raids in which 20 people were killed": a relative clause led by a
                    // preposition, (SBAR (WHPP (IN in) (WHNP (WDT which))) (S ...)).
                    let rel = self.pp_relative();
                    np = node(Label::NP, pv!(self, np, rel));
                    bare = false;
                    event = Some(false);
                    frame = false;
                }
                Some(Tag::Comma)
                    if self.tag(self.i + 1) == Some(Tag::IN)
                        && matches!(self.tag(self.i + 2), Some(Tag::WDT | Tag::WP))
                        && self.clause_follows(self.i + 3) =>
                {
                    let c = self.leaf();
                    let rel = self.pp_relative();
                    np = node(Label::NP, pv!(self, np, c, rel));
                    bare = false;
                    event = Some(false);
                    frame = false;
                }
                Some(Tag::WDT | Tag::WP) => {
                    let rel = self.relative();
                    np = node(Label::NP, pv!(self, np, rel));
                    bare = false;
                    event = Some(false);
                    frame = false;
                }
                Some(Tag::Comma) if matches!(self.tag(self.i + 1), Some(Tag::WDT | Tag::WP)) => {
                    let c = self.leaf();
                    let rel = self.relative();
                    let mut v = pv!(self, np, c, rel);
                    if self.cur() == Some(Tag::Comma)
                        && self
                            .tag(self.i + 1)
                            .is_some_and(|t| t.is_verb() || t == Tag::MD)
                    {
                        v.push(self.leaf());
                    }
                    np = node(Label::NP, v);
                    bare = false;
                    event = Some(false);
                    frame = false;
                }
                Some(Tag::Comma)
                    if subject
                        && matches!(self.tag(self.i + 1), Some(Tag::VBN | Tag::VBD))
                        && self.parenthetical_participle() =>
                {
                    // "The talks, held in Geneva, ended": a participle between commas.
                    let c = self.leaf();
                    let vp = self.vp();
                    let mut v = pv!(self, np, c, vp);
                    if self.cur() == Some(Tag::Comma) {
                        v.push(self.leaf());
                    }
                    np = node(Label::NP, v);
                    bare = false;
                    event = Some(false);
                    frame = false;
                }
                Some(Tag::VBG)
                    if subject && self.ends_in_noun(&np) && self.participle_then_verb(self.i) =>
                {
                    // "The Red Cross operating in Iraq said": a present participle's phrase
                    // between the subject and its verb.
                    let vp = self.vp();
                    np = node(Label::NP, pv!(self, np, vp));
                    bare = false;
                    event = Some(false);
                    frame = false;
                }
                Some(Tag::VBN) if self.ends_in_noun(&np) && self.reduced_relative_ok() => {
                    let vp = self.vp();
                    np = node(Label::NP, pv!(self, np, vp));
                    bare = false;
                    event = Some(false);
                    frame = false;
                }
                Some(Tag::CC)
                    if bare
                        && !listing
                        && self.bare_noun_conjunct(&np)
                        && !self.clause_follows_cc(subject) =>
                {
                    // "Danish media and government", "lawmakers and officials (in ...)": two
                    // common nouns sharing their modifiers make one flat phrase.
                    let Tree::Node(label, mut kids) = np else {
                        break;
                    };
                    kids.push(self.leaf());
                    kids.push(self.leaf());
                    np = node(label, kids);
                }
                Some(Tag::CC)
                    if self.np_starts(self.i + 1)
                        && !self.clause_follows_cc(subject || self.names_in_subject_pp(&np)) =>
                {
                    let mut v = match np {
                        Tree::Node(Label::NP, kids) if listing => kids,
                        other => pv!(self, other),
                    };
                    v.push(self.leaf());
                    if let Some(b) = self.np_conjunct(subject) {
                        v.push(b);
                    }
                    np = node(Label::NP, v);
                    break;
                }
                Some(Tag::Comma) if self.np_starts(self.i + 1) => {
                    // Either a list "A, B and C" or an appositive "X, the minister,".
                    let save = self.i;
                    let c = self.leaf();
                    let Some(second) = self.np_conjunct(subject) else {
                        self.i = save;
                        break;
                    };
                    match self.cur() {
                        Some(Tag::Comma)
                            if self.np_starts(self.i + 1)
                                || self.tag(self.i + 1) == Some(Tag::CC) =>
                        {
                            // A list: keep collecting.
                            let mut v = match np {
                                Tree::Node(Label::NP, kids) if listing => kids,
                                other => pv!(self, other),
                            };
                            v.push(c);
                            v.push(second);
                            np = node(Label::NP, v);
                            listing = true;
                            if self.tag(self.i + 1) == Some(Tag::CC) {
                                let Tree::Node(_, mut v) = np else { break };
                                v.push(self.leaf());
                                v.push(self.leaf());
                                if let Some(b) = self.np_conjunct(subject) {
                                    v.push(b);
                                }
                                np = node(Label::NP, v);
                                break;
                            }
                        }
                        Some(Tag::CC) if self.np_starts(self.i + 1) => {
                            // The end of a list: "A, B, C and D" stays one flat coordination.
                            let mut v = match np {
                                Tree::Node(Label::NP, kids) if listing => kids,
                                other => pv!(self, other),
                            };
                            v.push(c);
                            v.push(second);
                            v.push(self.leaf());
                            if let Some(b) = self.np_conjunct(subject) {
                                v.push(b);
                            }
                            np = node(Label::NP, v);
                            break;
                        }
                        Some(Tag::Comma)
                            if !subject
                                && self.subject_pp
                                && self.tag(self.i + 1).is_some_and(is_finite) =>
                        {
                            // "The Observatory for Human Rights, a group ..., said": the
                            // appositive belongs to the subject, not to its modifier.
                            self.i = save;
                            break;
                        }
                        Some(Tag::Comma) | Some(Tag::Period) | Some(Tag::CloseQuote) | None => {
                            let mut v = pv!(self, np, c, second);
                            if self.cur() == Some(Tag::Comma) && subject {
                                v.push(self.leaf());
                            }
                            np = node(Label::NP, v);
                            break;
                        }
                        _ => {
                            // ", a senior official said": not part of this NP.
                            self.i = save;
                            break;
                        }
                    }
                }
                _ => break,
            }
        }
        if self.i == start {
            return None;
        }
        Some(np)
    }

    /// At an opening bracket after a phrase ending in a name: the number of words (1 to 4
    /// names or numbers) before the closing bracket, as in "(ILO)" or "(Sharekat-e Vahed)".
    fn bracketed_name_len(&self, np: &Tree) -> Option<usize> {
        let ends_in_name = last_leaf(np)
            .is_some_and(|j| matches!(self.tags[j as usize], Tag::NNP | Tag::NNPS | Tag::NN));
        if !ends_in_name || self.cur() != Some(Tag::LRB) {
            return None;
        }
        let start = self.i + 1;
        let mut j = start;
        while j < self.end
            && j < start + 4
            && matches!(self.tags[j], Tag::NNP | Tag::NNPS | Tag::CD)
        {
            j += 1;
        }
        (j > start && self.tag(j) == Some(Tag::RRB)).then_some(j - start)
    }

    /// At `and`/`or` after a base noun phrase without determiner ending in a common noun:
    /// whether a single bare common noun follows ("media and government"), not itself
    /// modified by a noun, a possessive or an `of`-phrase.
    fn bare_noun_conjunct(&self, np: &Tree) -> bool {
        let k = self.i;
        matches!(self.lemma(k), "and" | "or")
            && matches!(self.tag(k + 1), Some(Tag::NN | Tag::NNS))
            && !self
                .tag(k + 2)
                .is_some_and(|t| t.is_noun() || t == Tag::POS || t == Tag::HYPH)
            && self.lemma(k + 2) != "of"
            && last_leaf(np).is_some_and(|j| matches!(self.tags[j as usize], Tag::NN | Tag::NNS))
            && first_leaf(np).is_some_and(|j| self.tags[j as usize] != Tag::DT)
    }

    /// Whether `np`, the object of a prepositional phrase on a subject, ends in a name and
    /// `and` another name follows: "lawmakers in Fornost and Gondor".
    fn names_in_subject_pp(&self, np: &Tree) -> bool {
        self.subject_pp
            && self.tag(self.i + 1) == Some(Tag::NNP)
            && last_leaf(np).is_some_and(|j| self.tags[j as usize] == Tag::NNP)
    }

    /// A conjunct or appositive: a noun phrase with `of`-phrases but no further lists.
    fn np_conjunct(&mut self, subject: bool) -> Option<Tree> {
        let mut np = self.base_np()?;
        while self.cur() == Some(Tag::IN)
            && (self.lemma(self.i) == "of" || subject)
            && self.np_starts(self.i + 1)
            && !self.too_deep()
        {
            self.depth += 1;
            let pp = self.pp();
            self.depth -= 1;
            match pp {
                Some(pp) => np = node(Label::NP, pv!(self, np, pp)),
                None => break,
            }
        }
        if matches!(self.cur(), Some(Tag::WDT | Tag::WP)) && !self.too_deep() {
            self.depth += 1;
            let rel = self.relative();
            self.depth -= 1;
            np = node(Label::NP, pv!(self, np, rel));
        }
        Some(np)
    }

    /// Whether, in object position, `CC NP` starts a new clause ("... Gondor and Rohan
    /// condemned it") rather than a conjunct.
    fn clause_follows_cc(&self, subject: bool) -> bool {
        if subject {
            return false;
        }
        let mut j = self.i + 1;
        while j < self.end && j < self.i + 15 {
            let t = self.tags[j];
            if is_finite(t) {
                return true;
            }
            if is_nominal(t) || matches!(t, Tag::DT | Tag::PRPS | Tag::JJ | Tag::POS | Tag::CD) {
                j += 1;
                continue;
            }
            return false;
        }
        false
    }

    /// At `, VBN ... ,` followed by a verb: a parenthetical participial phrase.
    fn parenthetical_participle(&self) -> bool {
        let mut j = self.i + 2;
        while j < self.end && j < self.i + 20 {
            match self.tags[j] {
                Tag::Comma => {
                    return self
                        .tag(self.skip_adverbs(j + 1))
                        .is_some_and(|t| t.is_verb() || t == Tag::MD)
                }
                Tag::Period | Tag::CC => return false,
                t if is_finite(t) => return false,
                _ => j += 1,
            }
        }
        false
    }

    fn ends_in_noun(&self, np: &Tree) -> bool {
        last_leaf(np).is_some_and(|k| self.tags[k as usize].is_noun())
    }

    /// At a present participle `k` after a subject noun, whether its phrase (a preposition or
    /// an object, without commas, conjunctions or relative words) ends at a finite verb.
    fn participle_then_verb(&self, k: usize) -> bool {
        if !matches!(
            self.tag(k + 1),
            Some(Tag::IN | Tag::TO | Tag::DT | Tag::NN | Tag::NNS | Tag::NNP | Tag::JJ | Tag::CD)
        ) {
            return false;
        }
        let mut j = k + 1;
        while j < self.end && j < k + 15 {
            let t = self.tags[j];
            if is_finite(t) {
                return true;
            }
            if t.is_punctuation() || matches!(t, Tag::CC | Tag::WDT | Tag::WP | Tag::VBG) {
                return false;
            }
            j += 1;
        }
        false
    }

    /// A past participle after a noun starts a reduced relative when it has a complement.
    fn reduced_relative_ok(&self) -> bool {
        matches!(
            self.tag(self.i + 1),
            Some(Tag::IN | Tag::TO | Tag::RB | Tag::Comma | Tag::Period) | None
        )
    }

    /// `(SBAR (WHPP (IN in) (WHNP (WDT which))) (S ...))`.
    fn pp_relative(&mut self) -> Tree {
        let p = self.leaf();
        let wh = self.leaf();
        let whnp = node(Label::WHNP, pv!(self, wh));
        let whpp = node(Label::WHPP, pv!(self, p, whnp));
        let kids = pv!(self, whpp);
        self.relative_clause(kids)
    }

    /// `(SBAR (WHNP (WDT which)) (S (VP ...)))`, or with a subject: "which Arnor signed".
    fn relative(&mut self) -> Tree {
        let wh = self.leaf();
        let whnp = node(Label::WHNP, pv!(self, wh));
        let kids = pv!(self, whnp);
        self.relative_clause(kids)
    }

    /// The `SBAR` of a relative whose wh-phrase is `kids`: the clause after it, unless the
    /// tree is already too deep.
    fn relative_clause(&mut self, mut kids: Vec<Tree>) -> Tree {
        if !self.too_deep() {
            self.depth += 1;
            if let Some(s) = self.clause() {
                kids.push(s);
            }
            self.depth -= 1;
        }
        node(Label::SBAR, kids)
    }

    // ----- prepositional phrases -----

    /// `(PP (IN in) (NP ...))`, `(PP (IN by) (S (VP (VBG promoting) ...)))`.
    fn pp(&mut self) -> Option<Tree> {
        let start = self.i;
        match self.cur() {
            Some(Tag::IN | Tag::TO) => {}
            _ => return None,
        }
        let p = self.leaf();
        let mut kids = pv!(self, p);
        if self.too_deep() {
            return Some(node(Label::PP, kids));
        }
        self.depth += 1;
        match self.cur() {
            Some(Tag::VBG) => {
                let vp = self.vp();
                kids.push(node(Label::S, pv!(self, vp)));
            }
            Some(Tag::IN) if self.np_starts(self.i + 1) => {
                // "out of the Games": (PP (IN out) (PP (IN of) ...)).
                if let Some(inner) = self.pp() {
                    kids.push(inner);
                }
            }
            Some(t)
                if t.is_adverb()
                    && self
                        .tag(self.i + 1)
                        .is_some_and(|n| n.is_adjective() || n.is_proper_noun())
                    && self.np_starts(self.i + 1) =>
            {
                // "of mostly Christian eastern Beirut": an adverb grading the phrase's first
                // modifier belongs to the noun phrase.
                let a = self.leaf();
                match self.np(false) {
                    Some(Tree::Node(label, mut v)) => {
                        v.insert(0, a);
                        kids.push(node(label, v));
                    }
                    _ => kids.push(node(Label::ADVP, pv!(self, a))),
                }
            }
            _ => {
                if let Some(np) = self.np(false) {
                    kids.push(np);
                } else if self.tag(start + 1).is_some_and(|t| t.is_adverb()) {
                    let a = self.leaf();
                    kids.push(node(Label::ADVP, pv!(self, a)));
                }
            }
        }
        self.depth -= 1;
        if kids.len() == 1 {
            // A bare preposition: not a phrase here.
            self.i = start;
            return None;
        }
        Some(node(Label::PP, kids))
    }

    // ----- verb phrases -----

    /// A verb phrase, with coordination: `(VP (VP ...) (CC and) (VP ...))`.
    fn vp_coordinated(&mut self) -> Tree {
        let first = self.vp();
        let mut parts = pv!(self, first);
        while self.cur() == Some(Tag::CC)
            && self
                .tag(self.skip_adverbs(self.i + 1))
                .is_some_and(|t| t.is_verb() || t == Tag::MD)
            && !self.too_deep()
        {
            parts.push(self.leaf());
            while self.cur().is_some_and(|t| t.is_adverb()) {
                let a = self.leaf();
                parts.push(node(Label::ADVP, pv!(self, a)));
            }
            let next = self.vp();
            parts.push(next);
        }
        if parts.len() == 1 {
            let only = parts.pop();
            give_back(parts, &mut self.pool);
            only.unwrap_or_else(|| node(Label::VP, pv!(self)))
        } else {
            node(Label::VP, parts)
        }
    }

    /// One verb phrase starting at a verb, modal or `to`.
    fn vp(&mut self) -> Tree {
        let mut kids = pv!(self);
        let Some(t) = self.cur() else {
            return node(Label::VP, kids);
        };
        if self.too_deep() {
            kids.push(self.leaf());
            return node(Label::VP, kids);
        }
        self.depth += 1;
        let head = self.i;
        let lemma = self.lemma(self.i);
        kids.push(self.leaf());
        // Negation and adverbs right after the head.
        let mut k = self.i;
        while self.tag(k).is_some_and(|t| t.is_adverb()) {
            k += 1;
        }
        let next_verb = self.tag(k).is_some_and(|t| t.is_verb());
        let aux = t == Tag::MD
            || t == Tag::TO
            || (t == Tag::VB && self.tag(self.i) == Some(Tag::VB))
            || (matches!(lemma, "be" | "have" | "do" | "get")
                && next_verb
                && self
                    .tag(k)
                    .is_some_and(|n| n != Tag::VBD || lemma == "have" || lemma == "be"));
        if aux && next_verb {
            while self.i < k {
                let a = self.leaf();
                kids.push(a);
            }
            let inner = self.vp();
            kids.push(inner);
            self.depth -= 1;
            return node(Label::VP, kids);
        }
        if lemma == "be" && self.lemma(self.i) == "about" && self.tag(self.i + 1) == Some(Tag::TO) {
            // "is about to restore": (VP (VBZ is) (VP (IN about) (S (VP (TO to) ...)))).
            let about = self.leaf();
            let inf = self.vp();
            kids.push(node(
                Label::VP,
                pv!(self, about, node(Label::S, pv!(self, inf))),
            ));
            self.depth -= 1;
            return node(Label::VP, kids);
        }
        self.complements(&mut kids, head);
        self.depth -= 1;
        node(Label::VP, kids)
    }

    /// Objects, particles, infinitives, clauses and adjuncts after a verb.
    fn complements(&mut self, kids: &mut Vec<Tree>, head: usize) {
        // Particle (not "up" in "kidnapped up to 16 advisers").
        if self.cur() == Some(Tag::RP) && self.number_lead(self.i).is_none() {
            let p = self.leaf();
            kids.push(node(Label::PRT, pv!(self, p)));
        }
        // A parenthetical clause before the object: "restore, it seems, full ties".
        if self.cur() == Some(Tag::Comma)
            && self.tag(self.i + 1) == Some(Tag::PRP)
            && self.tag(self.i + 2).is_some_and(is_finite)
            && self.tag(self.i + 3) == Some(Tag::Comma)
            && self.np_starts(self.i + 4)
        {
            let c1 = self.leaf();
            let pronoun = self.leaf();
            let subject = node(Label::NP, pv!(self, pronoun));
            let verb = self.leaf();
            let vp = node(Label::VP, pv!(self, verb));
            let clause = node(Label::S, pv!(self, subject, vp));
            let c2 = self.leaf();
            kids.push(node(Label::PRN, pv!(self, c1, clause, c2)));
        }
        let say = self.says(head);
        // A negated infinitive, "vowed not to return": the negation inside the infinitive's
        // verb phrase, as it stands inside an auxiliary's ("did not attack"), so that the
        // infinitive's verb is seen as negated.
        if self.cur().is_some_and(|t| t.is_adverb())
            && matches!(self.lemma(self.i), "not" | "never")
            && self.tag(self.i + 1) == Some(Tag::TO)
            && self.tag(self.i + 2) == Some(Tag::VB)
        {
            let neg = self.leaf();
            let inf = match self.vp() {
                Tree::Node(label, mut v) => {
                    v.insert(0, neg);
                    node(label, v)
                }
                leaf => node(Label::VP, pv!(self, neg, leaf)),
            };
            kids.push(node(Label::S, pv!(self, inf)));
        }
        // Adverbs before the object.
        while self.cur().is_some_and(|t| t.is_adverb())
            && !self
                .tag(self.i + 1)
                .is_some_and(|n| n.is_adjective() || n == Tag::CD)
        {
            let a = self.leaf();
            kids.push(node(Label::ADVP, pv!(self, a)));
        }
        // A time between a verb of saying and its clause: "said on Tuesday it had halted",
        // "confirmed Wednesday it would tighten".
        if say {
            let on_time = self.lemma(self.i) == "on" && self.bare_time(self.i + 1).is_some();
            let n = if on_time {
                self.bare_time(self.i + 1).unwrap_or(0)
            } else {
                self.bare_time(self.i).unwrap_or(0)
            };
            let k = self.i + usize::from(on_time) + n;
            let that = self.tag(k) == Some(Tag::IN) && self.lemma(k) == "that";
            let clause = self.np_starts(k) && self.clause_follows(k) && self.subject_then_verb(k);
            if n > 0 && (that || clause) {
                let preposition = on_time.then(|| self.leaf());
                let mut words = self.fresh();
                for _ in 0..n {
                    words.push(self.leaf());
                }
                let time = node(Label::NP, words);
                kids.push(match preposition {
                    Some(on) => node(Label::PP, pv!(self, on, time)),
                    None => time,
                });
            }
        }
        // A clause complement: "said (that) Gondor attacked".
        if self.cur() == Some(Tag::IN) && self.lemma(self.i) == "that" {
            let s = self.sbar();
            kids.push(s);
            return;
        }
        if say
            && self.np_starts(self.i)
            && self.clause_follows(self.i)
            && self.subject_then_verb(self.i)
        {
            if let Some(s) = self.clause() {
                kids.push(node(Label::SBAR, pv!(self, s)));
                return;
            }
        }
        // A bare time expression between the verb and its object is an adjunct, not the
        // object: "rejected Thursday a United Nations appeal", "met today the envoy".
        if let Some(n) = self.bare_time(self.i) {
            if self.np_starts(self.i + n) || self.tag(self.i + n) == Some(Tag::IN) {
                let mut words = self.fresh();
                for _ in 0..n {
                    words.push(self.leaf());
                }
                kids.push(node(Label::NP, words));
            }
        }
        // Object.
        if self.np_starts(self.i) && self.cur() != Some(Tag::EX) {
            if let Some(np) = self.np(false) {
                kids.push(np);
            }
            // A second object or a particle after the object ("set it up").
            if self.cur() == Some(Tag::RP) {
                let p = self.leaf();
                kids.push(node(Label::PRT, pv!(self, p)));
            }
        } else if self.cur().is_some_and(|t| t.is_adjective()) {
            let a = self.leaf();
            let mut adjp = pv!(self, a);
            if self.cur() == Some(Tag::IN)
                && self.np_starts(self.i + 1)
                && self.lemma(self.i) != "that"
            {
                if let Some(pp) = self.pp() {
                    adjp.push(pp);
                }
            }
            kids.push(node(Label::ADJP, adjp));
        }
        self.adjuncts(kids);
    }

    /// Whether a noun phrase at `k` is followed by a base verb, a subjunctive clause after
    /// `that`: "its demand that Israel ease restrictions".
    fn subjunctive_follows(&self, k: usize) -> bool {
        let mut j = k;
        while self.tag(j).is_some_and(|t| {
            t.is_noun() || t.is_adjective() || matches!(t, Tag::DT | Tag::PRPS | Tag::POS | Tag::CD)
        }) {
            j += 1;
        }
        j > k && matches!(self.tag(j), Some(Tag::VB | Tag::VBP))
    }

    /// Whether a noun phrase at `k` is followed by a finite verb (a clause with a subject).
    fn subject_then_verb(&self, k: usize) -> bool {
        let mut j = k;
        while j < self.end && j < k + 25 {
            let t = self.tags[j];
            if is_finite(t) {
                return j > k;
            }
            if t == Tag::Comma
                || t == Tag::Period
                || t == Tag::WDT
                || (t == Tag::CC && (j == k || !self.joins_like_nouns(j)))
            {
                return false;
            }
            j += 1;
        }
        false
    }

    /// Prepositional phrases, infinitives, subordinate clauses, adverbs, temporal noun
    /// phrases and participial phrases after the object.
    fn adjuncts(&mut self, kids: &mut Vec<Tree>) {
        loop {
            let before = self.i;
            // "(,) almost five years after crowds trashed its embassy": a measure of time
            // leading a subordinate clause, (SBAR (NP almost five years) (IN after) (S ...)).
            let lead = self.i + usize::from(self.cur() == Some(Tag::Comma));
            if let Some(sub) = self.measured_subordinator(lead) {
                if lead > self.i {
                    kids.push(self.leaf());
                }
                let mut np = pv!(self);
                while self.i < sub {
                    np.push(self.leaf());
                }
                let measure = node(Label::NP, np);
                if let Tree::Node(label, mut v) = self.sbar() {
                    v.insert(0, measure);
                    kids.push(node(label, v));
                }
                continue;
            }
            match self.cur() {
                Some(Tag::TO)
                    if self
                        .tag(self.skip_adverbs(self.i + 1))
                        .is_some_and(|t| t == Tag::VB) =>
                {
                    let inf = self.vp();
                    kids.push(node(Label::S, pv!(self, inf)));
                }
                _ if self.number_lead(self.i).is_some() => {
                    // "forced out on Wednesday more than 1,000 refugees": an object moved
                    // after an adjunct.
                    let Some(np) = self.np(false) else { break };
                    kids.push(np);
                }
                Some(Tag::IN | Tag::TO) => {
                    if (self.subordinates(self.i)
                        && self.clause_follows(self.i + 1)
                        && self.subject_then_verb(self.i + 1))
                        || (self.lemma(self.i) == "that" && self.subjunctive_follows(self.i + 1))
                    {
                        let s = self.sbar();
                        kids.push(s);
                    } else if let Some(pp) = self.pp() {
                        kids.push(pp);
                    } else {
                        break;
                    }
                }
                Some(Tag::WRB) if self.clause_follows(self.i + 1) => {
                    let w = self.leaf();
                    let mut v = pv!(self, node(Label::WHADVP, pv!(self, w)));
                    if let Some(s) = self.clause() {
                        v.push(s);
                    }
                    kids.push(node(Label::SBAR, v));
                }
                Some(t) if t.is_adverb() => {
                    if self.tag(self.i + 1).is_some_and(|n| n == Tag::IN)
                        && self.subordinates(self.i + 1)
                    {
                        // "almost five years after ...": keep the adverb as its own phrase.
                    }
                    let a = self.leaf();
                    kids.push(node(Label::ADVP, pv!(self, a)));
                }
                Some(Tag::NN | Tag::NNP | Tag::CD | Tag::NNS | Tag::DT | Tag::JJ)
                    if self.temporal_np() =>
                {
                    if let Some(np) = self.np(false) {
                        kids.push(np);
                    } else {
                        break;
                    }
                }
                Some(Tag::DT | Tag::PRPS) if self.noun_then_participle(self.i) => {
                    // A heavy object moved after an adjunct, with its participle: "cordoned
                    // off for construction the roads leading into Mordor".
                    let Some(np) = self.np(false) else { break };
                    let vp = self.vp();
                    kids.push(node(Label::NP, pv!(self, np, vp)));
                }
                Some(Tag::Comma) if self.tag(self.i + 1) == Some(Tag::VBG) => {
                    kids.push(self.leaf());
                    let vp = self.vp();
                    kids.push(node(Label::S, pv!(self, vp)));
                }
                Some(Tag::VBG) => {
                    let vp = self.vp();
                    kids.push(node(Label::S, pv!(self, vp)));
                }
                _ => break,
            }
            if self.i == before {
                break;
            }
        }
    }

    /// Whether a determiner at `k` starts a base noun phrase followed by a present participle:
    /// "the roads leading into ...".
    fn noun_then_participle(&self, k: usize) -> bool {
        let mut j = k + 1;
        while self
            .tag(j)
            .is_some_and(|t| t.is_adjective() || matches!(t, Tag::CD | Tag::NN | Tag::NNS))
        {
            j += 1;
        }
        j > k + 1 && matches!(self.tags[j - 1], Tag::NN | Tag::NNS) && self.tag(j) == Some(Tag::VBG)
    }

    /// At `k`, "(almost) five years after" then a clause: the index of the subordinator.
    fn measured_subordinator(&self, k: usize) -> Option<usize> {
        let mut j = self.skip_adverbs(k);
        while self.tag(j) == Some(Tag::CD) || self.tag(j).is_some_and(|t| t.is_adjective()) {
            j += 1;
        }
        if j == k || !matches!(self.tag(j), Some(Tag::NN | Tag::NNS)) {
            return None;
        }
        let unit = matches!(
            self.lemma(j),
            "year" | "month" | "week" | "day" | "hour" | "minute" | "decade" | "century"
        );
        let sub = j + 1;
        (unit
            && self.tag(sub) == Some(Tag::IN)
            && matches!(self.lemma(sub), "after" | "before" | "since")
            && self.clause_follows(sub + 1)
            && self.subject_then_verb(sub + 1))
        .then_some(sub)
    }

    /// A noun phrase used as an adverbial after the object: "yesterday", "last week",
    /// "almost five years (after ...)", "Saturday".
    /// The length of a time expression at `k` that stands without a preposition: a weekday
    /// ("Thursday"), `today`/`yesterday`/`tonight`/`tomorrow`, or `last`/`next`/`this` with a
    /// weekday or a period ("last week").
    fn bare_time(&self, k: usize) -> Option<usize> {
        const DAYS: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        const DEICTIC: [&str; 4] = ["today", "yesterday", "tonight", "tomorrow"];
        const PERIODS: [&str; 6] = ["week", "month", "year", "weekend", "morning", "night"];
        let is = |j: usize, words: &[&str]| {
            j < self.end && words.iter().any(|w| self.lemmas[j].eq_ignore_ascii_case(w))
        };
        if is(k, &DAYS) || is(k, &DEICTIC) {
            return Some(1);
        }
        if is(k, &["last", "next", "this"]) && (is(k + 1, &DAYS) || is(k + 1, &PERIODS)) {
            return Some(2);
        }
        None
    }

    fn temporal_np(&self) -> bool {
        let l = self.lemma(self.i);
        if matches!(l, "yesterday" | "today" | "tomorrow" | "tonight") {
            return true;
        }
        let mut j = self.i;
        while j < self.end && j < self.i + 5 {
            let l = self.lemma(j);
            if matches!(
                l,
                "week"
                    | "month"
                    | "year"
                    | "day"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "weekend"
                    | "hour"
                    | "minute"
                    | "morning"
                    | "evening"
                    | "night"
                    | "afternoon"
                    | "decade"
                    | "time"
            ) || self.lemmas[j].eq_ignore_ascii_case("monday")
                || matches!(
                    self.lemmas[j].as_str(),
                    "Monday"
                        | "Tuesday"
                        | "Wednesday"
                        | "Thursday"
                        | "Friday"
                        | "Saturday"
                        | "Sunday"
                )
            {
                return true;
            }
            if !matches!(
                self.tags[j],
                Tag::DT | Tag::JJ | Tag::CD | Tag::NN | Tag::NNS | Tag::NNP
            ) {
                return false;
            }
            j += 1;
        }
        false
    }
}

/// The first token under `t`.
fn first_leaf(t: &Tree) -> Option<u32> {
    match t {
        Tree::Leaf(k) => Some(*k),
        Tree::Node(_, kids) => kids.first().and_then(first_leaf),
    }
}

/// The last token under `t`.
fn last_leaf(t: &Tree) -> Option<u32> {
    match t {
        Tree::Leaf(k) => Some(*k),
        Tree::Node(_, kids) => kids.last().and_then(last_leaf),
    }
}

#[cfg(test)]
mod tests {
    use crate::analyzer::Analyzer;

    fn penn(s: &str) -> String {
        Analyzer::new().analyze_sentence(s).to_penn()
    }

    #[test]
    fn simple_transitive() {
        assert_eq!(
            penn("Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Berlin on Tuesday."),
            "(ROOT (S (NP (JJ Russian) (NNP Foreign) (NNP Minister) (NNP Sergei) (NNP Lavrov)) \
             (VP (VBD met) (NP (NNP U.S.) (NNP Secretary) (IN of) (NNP State) (NNP John) (NNP Kerry)) \
             (PP (IN in) (NP (NNP Berlin))) (PP (IN on) (NP (NNP Tuesday)))) (. .)))"
        );
    }

    #[test]
    fn subject_prepositional_phrase_with_two_prepositions() {
        assert_eq!(
            penn("Thousands of elves from throughout the country were marching."),
            "(ROOT (S (NP (NP (NP (NNS Thousands)) (PP (IN of) (NP (NNS elves)))) (PP (IN from) \
             (PP (IN throughout) (NP (DT the) (NN country))))) (VP (VBD were) (VP (VBG marching))) \
             (. .)))"
        );
    }

    #[test]
    fn graded_number_and_adjectives_start_an_object() {
        assert_eq!(
            penn("Orcs have burned nearly 3,000 wooden houses."),
            "(ROOT (S (NP (NNP Orcs)) (VP (VBP have) (VP (VBN burned) (NP (RB nearly) (CD 3,000) \
             (JJ wooden) (NNS houses)))) (. .)))"
        );
    }

    #[test]
    fn quantities_before_numbers() {
        assert_eq!(
            penn("The army forced out on Wednesday more than 1,000 Elvish refugees from their homes."),
            "(ROOT (S (NP (DT The) (NN army)) (VP (VBD forced) (PRT (RP out)) (PP (IN on) \
             (NP (NNP Wednesday))) (NP (JJR more) (IN than) (CD 1,000) (NNP Elvish) (NNS refugees)) \
             (PP (IN from) (NP (PRP$ their) (NNS homes)))) (. .)))"
        );
        assert_eq!(
            penn("Up to 1,000 ethnic Elves began a hunger strike on Monday."),
            "(ROOT (S (NP (IN Up) (TO to) (CD 1,000) (JJ ethnic) (NNP Elves)) (VP (VBD began) \
             (NP (NP (DT a) (NN hunger) (NN strike)) (PP (IN on) (NP (NNP Monday))))) (. .)))"
        );
        assert_eq!(
            penn("Rebels have kidnapped up to 16 Elvish advisers from a town."),
            "(ROOT (S (NP (NNS Rebels)) (VP (VBP have) (VP (VBN kidnapped) (NP (RP up) (TO to) \
             (CD 16) (NNP Elvish) (NNS advisers)) (PP (IN from) (NP (DT a) (NN town))))) (. .)))"
        );
    }

    #[test]
    fn relative_clause_led_by_a_preposition() {
        assert_eq!(
            penn("Gondor condemned two raids in which 20 people were killed."),
            "(ROOT (S (NP (NNP Gondor)) (VP (VBD condemned) (NP (NP (CD two) (NNS raids)) (SBAR \
             (WHPP (IN in) (WHNP (WDT which))) (S (NP (CD 20) (NNS people)) (VP (VBD were) \
             (VP (VBN killed))))))) (. .)))"
        );
        assert_eq!(
            penn("Gondor condemned the raids, during which 20 people died."),
            "(ROOT (S (NP (NNP Gondor)) (VP (VBD condemned) (NP (NP (DT the) (NNS raids)) (, ,) \
             (SBAR (WHPP (IN during) (WHNP (WDT which))) (S (NP (CD 20) (NNS people)) (VP (VBD died)))))) \
             (. .)))"
        );
    }

    #[test]
    fn negated_infinitive_keeps_its_negation() {
        assert_eq!(
            penn("Denethor has vowed not to return the ring to Gondor."),
            "(ROOT (S (NP (NNP Denethor)) (VP (VBZ has) (VP (VBN vowed) (S (VP (RB not) (TO to) \
             (VP (VB return) (NP (DT the) (NN ring)) (PP (TO to) (NP (NNP Gondor)))))))) (. .)))"
        );
    }

    #[test]
    fn last_weekday_is_one_time_phrase_after_a_noun() {
        assert_eq!(
            penn("Gondor complained over two Rohan air raids last Friday."),
            "(ROOT (S (NP (NNP Gondor)) (VP (VBD complained) (PP (IN over) (NP (CD two) (NNP Rohan) \
             (NN air) (NNS raids))) (NP (JJ last) (NNP Friday))) (. .)))"
        );
    }

    #[test]
    fn subjunctive_clause_after_that() {
        assert_eq!(
            penn("The council repeated its demand that Gondor ease restrictions on trade."),
            "(ROOT (S (NP (DT The) (NN council)) (VP (VBD repeated) (NP (PRP$ its) (NN demand)) \
             (SBAR (IN that) (S (NP (NNP Gondor)) (VP (VB ease) (NP (NNS restrictions)) (PP (IN on) \
             (NP (NN trade))))))) (. .)))"
        );
    }

    #[test]
    fn time_word_between_subject_and_verb() {
        assert_eq!(
            penn("Arnor today rejected the offer."),
            "(ROOT (S (NP (NNP Arnor)) (ADVP (NN today)) (VP (VBD rejected) (NP (DT the) (NN offer))) (. .)))"
        );
    }

    #[test]
    fn adverb_grading_the_object_of_a_preposition() {
        assert_eq!(
            penn("Denethor was killed in a sector of mostly Elvish eastern Gondor."),
            "(ROOT (S (NP (NNP Denethor)) (VP (VBD was) (VP (VBN killed) (PP (IN in) \
             (NP (NP (DT a) (NN sector)) (PP (IN of) (NP (RB mostly) (NNP Elvish) (JJ eastern) \
             (NNP Gondor))))))) (. .)))"
        );
    }

    #[test]
    fn present_participle_phrase_in_the_subject() {
        assert_eq!(
            penn("The Grey Company operating in Rohan said the road was closed."),
            "(ROOT (S (NP (NP (DT The) (NNP Grey) (NNP Company)) (VP (VBG operating) (PP (IN in) \
             (NP (NNP Rohan))))) (VP (VBD said) (SBAR (S (NP (DT the) (NN road)) (VP (VBD was) \
             (VP (VBN closed)))))) (. .)))"
        );
    }

    #[test]
    fn that_clause_with_a_name_and_a_modified_noun_as_subject() {
        assert_eq!(
            penn("The council concluded on Saturday that Gondor and other rich nations must pay."),
            "(ROOT (S (NP (DT The) (NN council)) (VP (VBD concluded) (PP (IN on) (NP (NNP Saturday))) \
             (SBAR (IN that) (S (NP (NP (NNP Gondor)) (CC and) (NP (JJ other) (JJ rich) (NNS nations))) \
             (VP (MD must) (VP (VB pay)))))) (. .)))"
        );
    }

    #[test]
    fn passive() {
        assert_eq!(
            penn("Syria was attacked by Israel."),
            "(ROOT (S (NP (NNP Syria)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Israel))))) (. .)))"
        );
    }

    #[test]
    fn reported_speech_at_the_end() {
        let p = penn("Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy, a senior official said on Saturday.");
        assert!(p.starts_with("(ROOT (S (S (NP (NNP Arnor)) (VP (VBZ is) (VP (IN about) (S (VP (TO to) (VP (VB restore) (NP (NP (JJ full) (JJ diplomatic) (NNS ties)) (PP (IN with) (NP (NNP Gondor))))"), "{p}");
        assert!(p.contains("(SBAR (NP (RB almost) (CD five) (NNS years)) (IN after) (S (NP (NNS crowds)) (VP (VBD trashed) (NP (PRP$ its) (NN embassy)))))"), "{p}");
        assert!(p.ends_with("(, ,) (NP (DT a) (JJ senior) (NN official)) (VP (VBD said) (PP (IN on) (NP (NNP Saturday)))) (. .)))"), "{p}");
    }

    #[test]
    fn auxiliaries_negation_and_coordination() {
        assert_eq!(
            penn("Gondor will not meet Arnor."),
            "(ROOT (S (NP (NNP Gondor)) (VP (MD will) (RB not) (VP (VB meet) (NP (NNP Arnor)))) (. .)))"
        );
        assert_eq!(
            penn("Gondor has met Arnor, Rohan and Eriador."),
            "(ROOT (S (NP (NNP Gondor)) (VP (VBZ has) (VP (VBN met) (NP (NP (NNP Arnor)) (, ,) (NP (NNP Rohan)) (CC and) (NP (NNP Eriador))))) (. .)))"
        );
        let p = penn("Arnor attacked Gondor and killed ten soldiers.");
        assert!(p.contains("(VP (VP (VBD attacked) (NP (NNP Gondor))) (CC and) (VP (VBD killed) (NP (CD ten) (NNS soldiers))))"), "{p}");
    }

    #[test]
    fn coordination() {
        // A list stays one flat coordination.
        assert!(penn("France, Germany, Italy and Spain welcomed the deal.").starts_with(
            "(ROOT (S (NP (NP (NNP France)) (, ,) (NP (NNP Germany)) (, ,) (NP (NNP Italy)) (CC and) (NP (NNP Spain))) (VP"
        ));
        // Names joined inside a prepositional phrase on the subject.
        assert!(penn("Rebels in Syria and Iraq attacked the army.").starts_with(
            "(ROOT (S (NP (NP (NNS Rebels)) (PP (IN in) (NP (NP (NNP Syria)) (CC and) (NP (NNP Iraq))))) (VP"
        ));
        // Bare common nouns share their modifiers.
        assert!(penn("French media and officials criticised the plan.")
            .starts_with("(ROOT (S (NP (JJ French) (NNS media) (CC and) (NNS officials)) (VP"));
        // ... but not across a clause boundary.
        let p = penn("Troops killed civilians and police said nothing.");
        assert!(p.contains("(CC and) (S (NP (NNS police))"), "{p}");
        // A participle after a possessive modifies the noun that follows.
        let p = penn("Gondor pressed Rohan's fractured riders to talk.");
        assert!(
            p.contains("(NP (NP (NNP Rohan) (POS 's)) (VBN fractured) (NNS riders))"),
            "{p}"
        );
        // Coordinated adjectives stay inside the noun phrase.
        let p = penn("Russia's old and tired president met the Pope.");
        assert!(p.contains("(NP (NP (NNP Russia) (POS 's)) (ADJP (JJ old) (CC and) (JJ tired)) (NN president))"), "{p}");
        let p = penn("They fought a long, bloody war.");
        assert!(
            p.contains("(NP (DT a) (JJ long) (, ,) (JJ bloody) (NN war))"),
            "{p}"
        );
        // A coordinated subject of a complement clause.
        let p = penn("Russia believes France and Germany can help.");
        assert!(p.contains("(VBZ believes) (SBAR (S (NP (NP (NNP France)) (CC and) (NP (NNP Germany))) (VP (MD can)"), "{p}");
    }

    #[test]
    fn appositive_subject_and_reported_clause() {
        let p = penn("The Institute for Peace Studies, a London-based group that monitors the conflict, said five people died.");
        assert!(p.starts_with("(ROOT (S (NP (NP (NP (DT The) (NNP Institute)) (PP (IN for) (NP (NNP Peace) (NNPS Studies)))) (, ,) (NP (NP (DT a) (JJ London-based) (NN group)) (SBAR (WHNP (WDT that)) (S (VP (VBZ monitors) (NP (DT the) (NN conflict)))))) (, ,)) (VP (VBD said) (SBAR (S (NP (CD five) (NNS people)) (VP (VBD died)))))"), "{p}");
        let p = penn("On the economy, he said ministers planned to meet bankers.");
        assert!(
            p.contains("(VP (VBD said) (SBAR (S (NP (NNS ministers)) (VP (VBD planned)"),
            "{p}"
        );
    }

    #[test]
    fn objects_and_adjuncts() {
        let p = penn("Iran will restore, it seems, full ties with Egypt two years after protesters stormed its embassy.");
        assert!(p.contains("(VB restore) (PRN (, ,) (S (NP (PRP it)) (VP (VBZ seems))) (, ,)) (NP (NP (JJ full) (NNS ties))"), "{p}");
        assert!(
            p.contains(
                "(PP (IN with) (NP (NNP Egypt)))) (SBAR (NP (CD two) (NNS years)) (IN after) (S"
            ),
            "{p}"
        );
        let p = penn("Egypt will abandon improved trade relations with Iran.");
        assert!(
            p.contains("(VB abandon) (NP (NP (VBN improved) (NN trade) (NNS relations)) (PP (IN with) (NP (NNP Iran))))"),
            "{p}"
        );
        let p = penn("Police sealed off for hours the roads leading into Cairo.");
        assert!(
            p.contains(
                "(PP (IN for) (NP (NNS hours))) (NP (NP (DT the) (NNS roads)) (VP (VBG leading)"
            ),
            "{p}"
        );
        let p = penn("Egypt will help rebuild the bridge.");
        assert!(
            p.contains("(VP (VB help) (VP (VB rebuild) (NP (DT the) (NN bridge))))"),
            "{p}"
        );
        let p = penn("Students staged an anti- Israel rally.");
        assert!(
            p.contains("(NP (DT an) (JJ anti-) (NNP Israel) (NN rally))"),
            "{p}"
        );
    }

    #[test]
    fn possessive_relative_and_complement() {
        let p = penn(
            "Dagolath's first deputy, who arrived on Monday, said that Gondor attacked Arnor.",
        );
        assert!(
            p.contains("(NP (NP (NNP Dagolath) (POS 's)) (JJ first) (NN deputy))"),
            "{p}"
        );
        assert!(
            p.contains(
                "(SBAR (WHNP (WP who)) (S (VP (VBD arrived) (PP (IN on) (NP (NNP Monday))))))"
            ),
            "{p}"
        );
        assert!(p.contains("(VP (VBD said) (SBAR (IN that) (S (NP (NNP Gondor)) (VP (VBD attacked) (NP (NNP Arnor))))))"), "{p}");
    }

    #[test]
    fn prepositional_phrases_of_event_nouns() {
        // A chain of phrases naming the parties stays flat beside the noun, and `to` before
        // a name is a preposition.
        let p = penn("After a visit by Gondor's foreign minister to Arnor on Monday, the Rohirrim insist they have assurances.");
        assert!(p.starts_with("(ROOT (S (PP (IN After) (NP (NP (DT a) (NN visit)) (PP (IN by) (NP (NP (NNP Gondor) (POS 's)) (JJ foreign) (NN minister))) (PP (TO to) (NP (NNP Arnor))) (PP (IN on) (NP (NNP Monday))))) (, ,) (NP (DT the) (NNP Rohirrim)) (VP (VBP insist)"), "{p}");
        let p = penn("Arnor condemned Gondor's attack on Rohan.");
        assert!(p.contains("(VBD condemned) (NP (NP (NP (NNP Gondor) (POS 's)) (NN attack)) (PP (IN on) (NP (NNP Rohan))))"), "{p}");
        let p = penn("Talks between Gondor and Arnor ended.");
        assert!(p.starts_with("(ROOT (S (NP (NP (NNS Talks)) (PP (IN between) (NP (NP (NNP Gondor)) (CC and) (NP (NNP Arnor))))) (VP (VBD ended))"), "{p}");
        let p = penn("Arnor imposed sanctions on Gondor and Rohan.");
        assert!(p.contains("(VBD imposed) (NP (NP (NNS sanctions)) (PP (IN on) (NP (NP (NNP Gondor)) (CC and) (NP (NNP Rohan)))))"), "{p}");
        let p = penn("The trip to the capital by the Gondor president was cancelled.");
        assert!(p.starts_with("(ROOT (S (NP (NP (DT The) (NN trip)) (PP (TO to) (NP (DT the) (NN capital))) (PP (IN by) (NP (DT the) (NNP Gondor) (NN president)))) (VP"), "{p}");
        // The noun's own phrase, inside a phrase of the verb.
        let p = penn("Gondor called for talks with Arnor to end the war.");
        assert!(p.contains("(VBD called) (PP (IN for) (NP (NP (NNS talks)) (PP (IN with) (NP (NNP Arnor))))) (S (VP (TO to) (VP (VB end)"), "{p}");
    }

    #[test]
    fn verb_attachment_and_to_kept() {
        // Phrases after a name or an ordinary noun stay with the verb.
        assert_eq!(
            penn("Arnor met Gondor in Osgiliath on Tuesday."),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor)) (PP (IN in) (NP (NNP Osgiliath))) (PP (IN on) (NP (NNP Tuesday)))) (. .)))"
        );
        let p = penn("Arnor will send a delegation to Gondor.");
        assert!(
            p.contains("(VB send) (NP (DT a) (NN delegation)) (PP (TO to) (NP (NNP Gondor)))"),
            "{p}"
        );
        // `to` before a verb is still an infinitive; before a noun phrase, a preposition.
        let p = penn("Gondor wants to attack Arnor.");
        assert!(
            p.contains("(VBZ wants) (S (VP (TO to) (VP (VB attack) (NP (NNP Arnor)))))"),
            "{p}"
        );
        let p = penn("To the dismay of Arnor, Gondor left.");
        assert!(p.starts_with("(ROOT (S (PP (TO To) (NP (NP (DT the) (NN dismay)) (PP (IN of) (NP (NNP Arnor))))) (, ,) (NP (NNP Gondor)) (VP (VBD left))"), "{p}");
    }
}

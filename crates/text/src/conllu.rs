//! CoNLL-U adapter: reads a dependency parse (UDPipe, Stanza, spaCy, ...) into an
//! [`Analysis`] whose tree has the shape of a Penn Treebank constituency tree, so that the
//! coder, written against Penn trees, works on it unchanged.
//!
//! This module owns the CoNLL-U syntax and the conversion from dependencies to phrases.
//! Tags are Penn tags: the XPOS column when it holds one, else a mapping of UPOS and
//! features ([`penn_tag`]). The lemma is the LEMMA column (or [`crate::penn::lemma`] when it
//! is `_`). The analysis text is the words joined by single spaces, except where the MISC
//! column says `SpaceAfter=No`.
//!
//! # From dependencies to phrases
//! The phrase of a head word spans the head and its dependents; one head gives several
//! nested phrases, Penn style. Both UD v1 (`dobj`, `nmod`, `neg`, `auxpass`, `name`, `cc`
//! on the first conjunct) and UD v2 (`obj`, `obl`, `aux:pass`, `flat`, `cc` on the later
//! conjunct) relations are understood.
//! - Nominal heads (nouns, proper nouns, pronouns, numbers) make an `NP`: a base `NP` of the
//!   head and its pre-modifiers, wrapped in an outer `NP` when post-modifiers follow
//!   (`(NP (NP the committee) (PP with Arnor))`). A nominal marked by a preposition (`case`)
//!   is `(PP (IN with) (NP ...))`; a possessive `'s` stays in its `NP`.
//! - Verbs make a clause `(S (NP subject) (VP ...))`: the subject (`nsubj`, `nsubj:pass`,
//!   `csubj`, `expl`) and what precedes it sit outside the VP; auxiliaries, copulas and the
//!   infinitival `to` nest VPs as Penn does: `(VP (MD will) (VP (VB meet) ...))`.
//!   Sentence-final punctuation and trailing `parataxis` attach to the `S`.
//! - A clause led by `mark` (or by a wh-word) is `(SBAR (IN after) (S ...))`; a relative
//!   clause is `(SBAR (WHNP (WDT which)) (S (VP ...)))` inside its NP; a reduced relative
//!   (`acl` without subject or marker) is a bare `VP`.
//! - Copular predicates: `(S (NP Arnor) (VP (VBZ is) (ADJP (JJ angry))))`.
//! - Coordination: `(NP (NP A) (CC and) (NP B))`, `(VP (VP ...) (CC and) (VP ...))` when
//!   the conjuncts share a subject, `(S (S ...) (CC and) (S ...))` when they do not.
//! - Adjective and adverb heads make `ADJP` and `ADVP`; multi-word names (`flat`, `name`,
//!   `compound`) are flattened into one `NP`.
//!
//! Non-projective arcs are lifted (the dependent is re-attached to its head's head until
//! the arc is projective), so every phrase covers contiguous words. Should the conversion
//! ever yield a tree whose words are out of order, or the sentence be very long or deep,
//! the sentence falls back to one flat `S`: the coder still sees every token.

use crate::analysis::{Analysis, AnalysisBuilder, Label, Tag, Token};
use crate::penn;
use compact_str::CompactString;
use thiserror::Error;

/// Why a CoNLL-U block could not be read. Line numbers count from 1 at the block's (or the
/// text's, for [`parse_many`]) first line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ConlluError {
    /// A word line without the 10 tab-separated columns.
    #[error("line {line}: expected 10 tab-separated columns, found {found}")]
    Columns {
        /// Line number.
        line: usize,
        /// Number of columns found.
        found: usize,
    },
    /// A column whose value cannot be read.
    #[error("line {line}: bad {column} {value:?}: {problem}")]
    Field {
        /// Line number.
        line: usize,
        /// Column name (`ID`, `HEAD`, ...).
        column: &'static str,
        /// The value as written (cut to 40 characters).
        value: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Word ids not numbered 1, 2, 3, ...
    #[error("line {line}: word id {found}, expected {expected}")]
    Sequence {
        /// Line number.
        line: usize,
        /// The id that should come next.
        expected: usize,
        /// The id found.
        found: usize,
    },
    /// A HEAD beyond the last word of the sentence.
    #[error("line {line}: head {head} is beyond the sentence's {len} words")]
    HeadOutOfRange {
        /// Line number.
        line: usize,
        /// The head as written.
        head: usize,
        /// Number of words in the sentence.
        len: usize,
    },
    /// Heads that never reach the root.
    #[error("line {line}: the heads of this word form a cycle")]
    Cycle {
        /// Line number of a word on the cycle.
        line: usize,
    },
    /// [`parse`] was given a second sentence after a blank line.
    #[error("line {line}: a second sentence starts here; use parse_many for several")]
    SecondSentence {
        /// Line number of the second sentence's first word.
        line: usize,
    },
    /// No word lines at all.
    #[error("line {line}: the block holds no words")]
    Empty {
        /// Number of lines read.
        line: usize,
    },
}

impl ConlluError {
    /// The line the error is about.
    pub fn line(&self) -> usize {
        match *self {
            ConlluError::Columns { line, .. }
            | ConlluError::Field { line, .. }
            | ConlluError::Sequence { line, .. }
            | ConlluError::HeadOutOfRange { line, .. }
            | ConlluError::Cycle { line }
            | ConlluError::SecondSentence { line }
            | ConlluError::Empty { line } => line,
        }
    }
}

/// Reads one sentence: word lines, `#` comments, multiword-token ranges (`1-2`) and empty
/// nodes (`1.1`) being skipped. Blank lines may surround the sentence but not split it.
///
/// ```
/// let block = "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
///              2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
///              3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n\
///              4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
/// let a = detente_text::conllu::parse(block).unwrap();
/// assert_eq!(a.text, "Arnor met Gondor.");
/// assert_eq!(a.to_penn(), "(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))");
/// ```
pub fn parse(block: &str) -> Result<Analysis, ConlluError> {
    let mut sentences = read(block)?;
    match sentences.len() {
        0 => Err(ConlluError::Empty {
            line: block.lines().count(),
        }),
        1 => Ok(convert(&sentences.remove(0))),
        _ => Err(ConlluError::SecondSentence {
            line: sentences[1][0].line,
        }),
    }
}

/// Reads every sentence of a CoNLL-U text (sentences separated by blank lines).
pub fn parse_many(text: &str) -> Result<Vec<Analysis>, ConlluError> {
    Ok(read(text)?.iter().map(|s| convert(s)).collect())
}

/// The Penn tag for a word: `xpos` when it is a Penn tag, else a mapping of the universal
/// tag and features (`VERB` with `Tense=Past|VerbForm=Fin` is `VBD`, `PRON` with `Poss=Yes`
/// is `PRP$`, `AUX` with lemma `will` is `MD`, ...).
pub fn penn_tag(form: &str, lemma: &str, upos: &str, xpos: &str, feats: &str) -> Tag {
    if xpos != "_" && !xpos.is_empty() {
        let tag = Tag::from_penn(xpos);
        if tag != Tag::Other {
            return tag;
        }
    }
    let feat = |name: &str| {
        feats
            .split('|')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    };
    let plural = feat("Number") == Some("Plur");
    let wh = matches!(feat("PronType"), Some("Int" | "Rel"));
    let lower = lemma.to_lowercase();
    match upos {
        "NOUN" if plural => Tag::NNS,
        "NOUN" => Tag::NN,
        "PROPN" if plural => Tag::NNPS,
        "PROPN" => Tag::NNP,
        "PRON" if feat("Poss") == Some("Yes") && wh => Tag::WPS,
        "PRON" if feat("Poss") == Some("Yes") => Tag::PRPS,
        "PRON" if wh => Tag::WP,
        "PRON" => Tag::PRP,
        "DET" if wh => Tag::WDT,
        "DET" => Tag::DT,
        "ADJ" => match feat("Degree") {
            Some("Cmp") => Tag::JJR,
            Some("Sup") => Tag::JJS,
            _ => Tag::JJ,
        },
        "ADV" if wh => Tag::WRB,
        "ADV" => match feat("Degree") {
            Some("Cmp") => Tag::RBR,
            Some("Sup") => Tag::RBS,
            _ => Tag::RB,
        },
        "AUX"
            if matches!(
                lower.as_str(),
                "will" | "would" | "can" | "could" | "may" | "might" | "shall" | "should" | "must"
            ) =>
        {
            Tag::MD
        }
        "VERB" | "AUX" => match (feat("VerbForm"), feat("Tense")) {
            (Some("Ger"), _) | (Some("Part"), Some("Pres")) => Tag::VBG,
            (Some("Part"), _) => Tag::VBN,
            (Some("Fin"), Some("Past")) | (None, Some("Past")) => Tag::VBD,
            (Some("Fin"), _) if feat("Person") == Some("3") && !plural => Tag::VBZ,
            (Some("Fin"), _) => Tag::VBP,
            _ => Tag::VB,
        },
        "ADP" | "SCONJ" => Tag::IN,
        "CCONJ" | "CONJ" => Tag::CC,
        "NUM" => Tag::CD,
        "PART" => match form.to_lowercase().as_str() {
            "to" => Tag::TO,
            "'s" | "'" | "’s" => Tag::POS,
            "not" | "n't" | "never" => Tag::RB,
            _ => Tag::RP,
        },
        "INTJ" => Tag::UH,
        "X" => Tag::FW,
        "SYM" if form == "$" => Tag::Dollar,
        "SYM" if form == "#" => Tag::Pound,
        "SYM" => Tag::SYM,
        "PUNCT" => match form {
            "," => Tag::Comma,
            "." | "!" | "?" => Tag::Period,
            "(" | "[" | "{" => Tag::LRB,
            ")" | "]" | "}" => Tag::RRB,
            "``" | "“" => Tag::OpenQuote,
            "''" | "”" | "\"" => Tag::CloseQuote,
            _ => Tag::Colon,
        },
        _ => Tag::Other,
    }
}

/// One word line.
#[derive(Debug, Clone)]
struct Word {
    form: String,
    lemma: String,
    upos: String,
    tag: Tag,
    /// `Some(0)` for the root, `None` when HEAD is `_`; otherwise 1-based.
    head: Option<usize>,
    rel: String,
    space_after: bool,
    line: usize,
}

fn field_error(
    line: usize,
    column: &'static str,
    value: &str,
    problem: &'static str,
) -> ConlluError {
    ConlluError::Field {
        line,
        column,
        value: value.chars().take(40).collect(),
        problem,
    }
}

/// Splits `text` into sentences of word lines, checking columns, ids and heads.
fn read(text: &str) -> Result<Vec<Vec<Word>>, ConlluError> {
    let mut sentences: Vec<Vec<Word>> = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if raw.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError::Columns {
                line,
                found: cols.len(),
            });
        }
        let id = cols[0].trim();
        if id.contains('-') || id.contains('.') {
            // Multiword token range or empty node: the words themselves follow or are absent.
            let ok = id
                .split(['-', '.'])
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !ok {
                return Err(field_error(
                    line,
                    "ID",
                    id,
                    "not a number, range or decimal",
                ));
            }
            continue;
        }
        let found: usize = id
            .parse()
            .map_err(|_| field_error(line, "ID", id, "not a number"))?;
        let expected = current.len() + 1;
        if found != expected {
            return Err(ConlluError::Sequence {
                line,
                expected,
                found,
            });
        }
        // Penn bracket escapes (`-LRB-`, ``` `` ```) that some parsers keep are undone, as
        // the Penn adapter does.
        let form = penn::unescape(cols[1]);
        if form.is_empty() {
            return Err(field_error(line, "FORM", form, "empty"));
        }
        let head_text = cols[6].trim();
        let head = if head_text == "_" {
            None
        } else {
            Some(
                head_text
                    .parse::<usize>()
                    .map_err(|_| field_error(line, "HEAD", head_text, "not a number or '_'"))?,
            )
        };
        if head == Some(found) {
            return Err(field_error(
                line,
                "HEAD",
                head_text,
                "a word cannot be its own head",
            ));
        }
        let lemma = if cols[2] == "_" && form != "_" {
            String::new()
        } else {
            cols[2].to_string()
        };
        let tag = penn_tag(form, &lemma, cols[3], cols[4], cols[5]);
        let lemma = if lemma.is_empty() {
            penn::lemma(form, tag).to_string()
        } else {
            lemma
        };
        current.push(Word {
            form: form.to_string(),
            lemma,
            upos: cols[3].to_string(),
            tag,
            head,
            rel: cols[7].trim().to_ascii_lowercase(),
            space_after: !cols[9].split('|').any(|m| m == "SpaceAfter=No"),
            line,
        });
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    for words in &sentences {
        check_heads(words)?;
    }
    Ok(sentences)
}

fn check_heads(words: &[Word]) -> Result<(), ConlluError> {
    let len = words.len();
    for w in words {
        if let Some(h) = w.head {
            if h > len {
                return Err(ConlluError::HeadOutOfRange {
                    line: w.line,
                    head: h,
                    len,
                });
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        let mut at = i;
        let mut steps = 0;
        while let Some(h) = words[at].head.filter(|&h| h > 0) {
            at = h - 1;
            steps += 1;
            if steps > len {
                return Err(ConlluError::Cycle { line: w.line });
            }
        }
    }
    Ok(())
}

/// Longest sentence and deepest dependency tree given a structured conversion; beyond them
/// the sentence becomes one flat `S` (the conversion recurses once per level and lifts
/// non-projective arcs in quadratic time).
const MAX_WORDS: usize = 400;
const MAX_DEPTH: usize = 60;

/// Builds the analysis of one sentence.
fn convert(words: &[Word]) -> Analysis {
    // Text and offsets.
    let mut text = String::new();
    let mut spans = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let start = text.len();
        text.push_str(&w.form);
        spans.push((start, text.len()));
        if w.space_after && i + 1 < words.len() {
            text.push(' ');
        }
    }
    let tokens: Vec<Token> = words
        .iter()
        .zip(&spans)
        .map(|(w, &(start, end))| Token {
            text: CompactString::from(w.form.as_str()),
            lemma: CompactString::from(w.lemma.as_str()),
            tag: w.tag,
            start: start as u32,
            end: end as u32,
        })
        .collect();
    let tree = if words.len() <= MAX_WORDS {
        structured(words)
    } else {
        None
    };
    let tree =
        tree.unwrap_or_else(|| Item::Node(Label::S, (0..words.len()).map(Item::Tok).collect()));
    let mut builder = AnalysisBuilder::new(text);
    emit(&tree, &tokens, &mut builder);
    builder.finish()
}

/// The Penn-shaped tree, or `None` when the sentence is too deep or the result would not
/// keep the words in order.
fn structured(words: &[Word]) -> Option<Item> {
    let n = words.len();
    // 0-based heads; extra roots and unattached words hang from the first root.
    let mut head: Vec<Option<usize>> = words
        .iter()
        .map(|w| w.head.and_then(|h| h.checked_sub(1)))
        .collect();
    let mut rels: Vec<String> = words.iter().map(|w| w.rel.clone()).collect();
    let root = (0..n)
        .find(|&i| words[i].head == Some(0))
        .or_else(|| (0..n).find(|&i| head[i].is_none()))?;
    for i in 0..n {
        if i != root && head[i].is_none() {
            head[i] = Some(root);
            if rels[i] == "root" || rels[i] == "_" {
                rels[i] = "parataxis".into();
            }
        }
    }
    rels[root] = "root".into();
    projectivize(&mut head, root);
    let mut kids = vec![Vec::new(); n];
    for (i, h) in head.iter().enumerate() {
        if let Some(h) = *h {
            kids[h].push(i);
        }
    }
    // Depth guard.
    let mut depth = vec![0usize; n];
    let mut order = vec![root];
    let mut k = 0;
    while k < order.len() {
        let h = order[k];
        for &d in &kids[h] {
            depth[d] = depth[h] + 1;
            if depth[d] > MAX_DEPTH {
                return None;
            }
            order.push(d);
        }
        k += 1;
    }
    if order.len() != n {
        return None;
    }
    let conv = Conv::new(words, rels, kids);
    let tree = conv.build(root, &conv.kids[root], "root");
    let mut leaves = Vec::with_capacity(n);
    tree.leaves(&mut leaves);
    let in_order = leaves.iter().copied().eq(0..n);
    #[cfg(test)]
    if !in_order {
        tests::GAVE_UP.with(|c| c.set(c.get() + 1));
    }
    in_order.then_some(tree)
}

/// Re-attaches dependents of non-projective arcs to their head's head, shortest arc first,
/// until every arc is projective.
fn projectivize(head: &mut [Option<usize>], root: usize) {
    let n = head.len();
    let dominates = |head: &[Option<usize>], h: usize, mut t: usize| {
        for _ in 0..=n {
            if t == h {
                return true;
            }
            match head[t] {
                Some(p) => t = p,
                None => return false,
            }
        }
        false
    };
    for _ in 0..n * n + 1 {
        let mut best: Option<(usize, usize)> = None;
        for d in 0..n {
            let Some(h) = head[d] else { continue };
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            if best.is_some_and(|(len, _)| len <= hi - lo) {
                continue;
            }
            if (lo + 1..hi).any(|t| !dominates(head, h, t)) {
                best = Some((hi - lo, d));
            }
        }
        let Some((_, d)) = best else { return };
        let h = head[d].unwrap_or(root);
        head[d] = Some(head[h].unwrap_or(root));
        if head[d] == Some(d) {
            head[d] = None;
            return;
        }
    }
}

/// A phrase under construction: a word, or a labelled node.
#[derive(Debug)]
enum Item {
    Tok(usize),
    Node(Label, Vec<Item>),
}

impl Item {
    fn leaves(&self, out: &mut Vec<usize>) {
        match self {
            Item::Tok(t) => out.push(*t),
            Item::Node(_, children) => children.iter().for_each(|c| c.leaves(out)),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Item::Tok(_) => false,
            Item::Node(_, children) => children.iter().all(Item::is_empty),
        }
    }
}

fn emit(item: &Item, tokens: &[Token], b: &mut AnalysisBuilder) {
    match item {
        Item::Tok(t) => {
            b.push(tokens[*t].clone());
        }
        Item::Node(label, children) => {
            if item.is_empty() {
                return;
            }
            b.open(*label);
            for c in children {
                emit(c, tokens, b);
            }
            b.close();
        }
    }
}

/// Coarse category of a head word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cat {
    Noun,
    Verb,
    Adj,
    Adv,
    Adp,
}

/// The converter: words, relations, sorted dependents and categories.
struct Conv<'a> {
    w: &'a [Word],
    rels: Vec<String>,
    kids: Vec<Vec<usize>>,
    cats: Vec<Cat>,
}

const SUBJECTS: &[&str] = &["nsubj", "nsubjpass", "csubj", "csubjpass", "expl"];
const AUXES: &[&str] = &["aux", "auxpass", "cop"];

impl<'a> Conv<'a> {
    fn new(w: &'a [Word], rels: Vec<String>, kids: Vec<Vec<usize>>) -> Self {
        let mut conv = Conv {
            w,
            rels,
            kids,
            cats: Vec::new(),
        };
        conv.cats = (0..w.len()).map(|h| conv.category(h)).collect();
        conv
    }

    fn rel(&self, d: usize) -> &str {
        &self.rels[d]
    }

    /// The relation without its subtype (`nsubj:pass` is `nsubj`).
    fn base(&self, d: usize) -> &str {
        let r = self.rel(d);
        r.split(':').next().unwrap_or(r)
    }

    fn is_subject(&self, d: usize) -> bool {
        SUBJECTS.contains(&self.base(d))
    }

    fn is_aux(&self, d: usize) -> bool {
        AUXES.contains(&self.base(d)) || (self.base(d) == "mark" && self.w[d].tag == Tag::TO)
    }

    fn is_neg(&self, d: usize) -> bool {
        self.base(d) == "neg"
            || matches!(
                self.w[d].form.to_lowercase().as_str(),
                "not" | "n't" | "never"
            )
    }

    fn cat(&self, h: usize) -> Cat {
        self.cats[h]
    }

    /// The category of `h`: by its tag, except that a "verb" in a nominal relation with no
    /// verbal dependent (a mistagged name, as in `Pyongyang/VBG fired`) is a noun.
    fn category(&self, h: usize) -> Cat {
        let cat = self.word_category(h);
        let nominal_role = matches!(
            self.base(h),
            "nsubj" | "nsubjpass" | "obj" | "dobj" | "iobj" | "nmod" | "obl" | "appos" | "vocative"
        );
        let verbal_dep = self.kids[h].iter().any(|&d| {
            matches!(
                self.base(d),
                "aux"
                    | "auxpass"
                    | "cop"
                    | "obj"
                    | "dobj"
                    | "iobj"
                    | "nsubj"
                    | "nsubjpass"
                    | "csubj"
                    | "mark"
                    | "xcomp"
                    | "ccomp"
                    | "neg"
            ) || self.rel(d) == "compound:prt"
        });
        if cat == Cat::Verb && nominal_role && !verbal_dep {
            Cat::Noun
        } else {
            cat
        }
    }

    fn word_category(&self, h: usize) -> Cat {
        let w = &self.w[h];
        match w.upos.as_str() {
            "VERB" | "AUX" => Cat::Verb,
            "ADJ" => Cat::Adj,
            "ADV" => Cat::Adv,
            "ADP" | "SCONJ" => Cat::Adp,
            "NOUN" | "PROPN" | "PRON" | "NUM" | "DET" | "SYM" | "X" => Cat::Noun,
            _ => {
                let t = w.tag;
                if t.is_verb() || t == Tag::MD {
                    Cat::Verb
                } else if t.is_adjective() {
                    Cat::Adj
                } else if t.is_adverb() || t == Tag::WRB {
                    Cat::Adv
                } else if matches!(t, Tag::IN | Tag::TO) {
                    Cat::Adp
                } else {
                    Cat::Noun
                }
            }
        }
    }

    /// A head that makes a clause: a verb, or any word with a subject or a copula.
    fn is_clause(&self, h: usize, deps: &[usize], rel: &str) -> bool {
        let has_subj_or_cop = deps
            .iter()
            .any(|&d| self.is_subject(d) || self.base(d) == "cop");
        if has_subj_or_cop {
            return true;
        }
        if self.cat(h) != Cat::Verb {
            return false;
        }
        let base = rel.split(':').next().unwrap_or(rel);
        match base {
            "amod" | "compound" | "fixed" | "flat" | "name" | "mwe" => false,
            // A reduced relative or participle is a bare VP, unless a marker leads it.
            "acl" if rel != "acl:relcl" => deps.iter().any(|&d| self.base(d) == "mark" && d < h),
            _ => true,
        }
    }

    /// The full phrase of head `h` with dependents `deps` (a contiguous, sorted slice of its
    /// dependents); `rel` is `h`'s relation to its own head.
    fn build(&self, h: usize, deps: &[usize], rel: &str) -> Item {
        if rel == "amod" && matches!(self.cat(h), Cat::Verb | Cat::Adj) {
            return self.flat(Label::ADJP, h, deps, false);
        }
        if self.is_clause(h, deps, rel) {
            return self.clause(h, deps);
        }
        if self.cat(h) == Cat::Verb {
            return self.vp(h, deps);
        }
        self.nonclause(h, deps)
    }

    /// A node of `h` and `deps`, each dependent rendered in place.
    fn flat(&self, label: Label, h: usize, deps: &[usize], verbal: bool) -> Item {
        let mut items = Vec::new();
        let mut placed = false;
        for &d in deps {
            if d > h && !placed {
                items.push(Item::Tok(h));
                placed = true;
            }
            items.extend(self.dep_items(d, verbal));
        }
        if !placed {
            items.push(Item::Tok(h));
        }
        Item::Node(label, items)
    }

    /// All words of `d`'s subtree, in order, as bare tokens.
    fn flatten(&self, d: usize, out: &mut Vec<Item>) {
        self.flatten_with(d, &self.kids[d], out);
    }

    /// Whether `d`'s subtree is a plain multi-word name or modifier sequence.
    fn is_flat_subtree(&self, d: usize) -> bool {
        self.kids[d].iter().all(|&k| self.is_flat_dep(k))
    }

    /// Whether dependent `k` and its subtree are plain name parts or pre-modifiers.
    fn is_flat_dep(&self, k: usize) -> bool {
        matches!(
            self.base(k),
            "compound" | "flat" | "name" | "fixed" | "mwe" | "goeswith" | "amod" | "nummod" | "det"
        ) && self.is_flat_subtree(k)
    }

    /// How dependent `d` appears inside its head's phrase. `verbal`: the phrase is a clause
    /// or verb phrase (a lone adverb then gets its `ADVP`).
    fn dep_items(&self, d: usize, verbal: bool) -> Vec<Item> {
        let deps = &self.kids[d];
        if matches!(
            self.base(d),
            "punct"
                | "cc"
                | "case"
                | "mark"
                | "aux"
                | "auxpass"
                | "cop"
                | "preconj"
                | "fixed"
                | "flat"
                | "name"
                | "mwe"
                | "goeswith"
        ) {
            // Function words and parts of names: their words, unless they head a phrase.
            if deps.is_empty() || self.is_flat_subtree(d) {
                let mut out = Vec::new();
                self.flatten(d, &mut out);
                return out;
            }
            return vec![self.build(d, deps, self.rel(d))];
        }
        // Commas and other punctuation at the edges of a dependent's phrase belong to the
        // phrase around it, as in Penn: `(NP (NP X) (, ,) (NP Y) (, ,))`.
        let is_punct = |k: &&usize| self.base(**k) == "punct";
        let lead = deps.iter().take_while(|k| **k < d && is_punct(k)).count();
        let trail = deps[lead..]
            .iter()
            .rev()
            .take_while(|k| **k > d && is_punct(k))
            .count();
        let inner = &deps[lead..deps.len() - trail];
        let mut out = Vec::new();
        for &k in &deps[..lead] {
            self.flatten(k, &mut out);
        }
        out.extend(self.modifier(d, inner, verbal));
        for &k in &deps[deps.len() - trail..] {
            self.flatten(k, &mut out);
        }
        out
    }

    /// Dependent `d` with dependents `deps` (its edge punctuation already lifted).
    fn modifier(&self, d: usize, deps: &[usize], verbal: bool) -> Vec<Item> {
        let leaf = deps.is_empty();
        let flat_subtree = deps.iter().all(|&k| self.is_flat_dep(k));
        let flat_all = || {
            let mut out = Vec::new();
            self.flatten_with(d, deps, &mut out);
            out
        };
        match self.base(d) {
            "neg" | "det" | "nummod" | "amod" | "expl" if leaf => vec![Item::Tok(d)],
            "det" if flat_subtree => flat_all(),
            "nummod" => vec![Item::Node(Label::QP, flat_all())],
            "compound" if self.rel(d) == "compound:prt" => {
                vec![Item::Node(Label::PRT, flat_all())]
            }
            "compound" if flat_subtree && self.cat(d) != Cat::Verb => flat_all(),
            "nmod" if self.rel(d) == "nmod:poss" && leaf => vec![Item::Tok(d)],
            "advmod" if leaf => {
                if self.is_neg(d) || !verbal || self.w[d].tag == Tag::WRB {
                    vec![Item::Tok(d)]
                } else {
                    vec![Item::Node(Label::ADVP, vec![Item::Tok(d)])]
                }
            }
            _ => vec![self.build(d, deps, self.rel(d))],
        }
    }

    /// `d` placed among the whole subtrees of `deps`, as bare tokens.
    fn flatten_with(&self, d: usize, deps: &[usize], out: &mut Vec<Item>) {
        let mut placed = false;
        for &k in deps {
            if k > d && !placed {
                out.push(Item::Tok(d));
                placed = true;
            }
            self.flatten(k, out);
        }
        if !placed {
            out.push(Item::Tok(d));
        }
    }

    /// A clause: `SBAR` when led by a marker or wh-word, else `S`; coordination of clauses
    /// with their own subjects at the `S` level.
    fn clause(&self, h: usize, deps: &[usize]) -> Item {
        let clausal_conj = deps.iter().any(|&c| {
            c > h && self.base(c) == "conj" && self.kids[c].iter().any(|&k| self.is_subject(k))
        });
        if clausal_conj {
            return self.coordinate(
                h,
                deps,
                Label::S,
                |sub| self.clause(h, sub),
                |c, rest| self.build(c, rest, "conj"),
            );
        }
        // Complementizer: the last `mark` (not `to`) before the head, or a leading wh-phrase.
        let first_word = |d: usize| {
            let mut at = d;
            while let Some(&k) = self.kids[at].first().filter(|&&k| k < at) {
                at = k;
            }
            at
        };
        let mut lead: Option<usize> = None;
        for (i, &d) in deps.iter().enumerate() {
            if d > h || self.is_subject(d) && !self.is_wh(first_word(d)) {
                break;
            }
            if self.base(d) == "mark" && self.w[d].tag != Tag::TO {
                lead = Some(i);
            }
        }
        let wh = deps
            .iter()
            .position(|&d| self.base(d) != "punct")
            .filter(|&i| {
                deps[i] < h && self.base(deps[i]) != "mark" && self.is_wh(first_word(deps[i]))
            });
        if let Some(i) = wh {
            lead = Some(lead.map_or(i, |l| l.max(i)));
        }
        let Some(k) = lead else {
            return self.clause_core(h, deps);
        };
        let mut items = Vec::new();
        for (i, &d) in deps[..=k].iter().enumerate() {
            if Some(i) == wh {
                items.push(self.wh_phrase(d));
            } else {
                items.extend(self.dep_items(d, true));
            }
        }
        items.push(self.clause_core(h, &deps[k + 1..]));
        Item::Node(Label::SBAR, items)
    }

    fn is_wh(&self, d: usize) -> bool {
        matches!(self.w[d].tag, Tag::WDT | Tag::WP | Tag::WPS | Tag::WRB)
    }

    /// A wh-phrase leading a relative or interrogative clause: `WHNP`, `WHADVP` or `WHPP`.
    fn wh_phrase(&self, d: usize) -> Item {
        let label = if self.kids[d]
            .iter()
            .any(|&k| k < d && self.base(k) == "case")
        {
            Label::WHPP
        } else if self.cat(d) == Cat::Adv {
            Label::WHADVP
        } else {
            Label::WHNP
        };
        let mut items = self.dep_items(d, false);
        match items.pop() {
            Some(Item::Node(_, children)) if items.is_empty() => Item::Node(label, children),
            Some(last) => {
                items.push(last);
                Item::Node(label, items)
            }
            None => Item::Node(label, vec![Item::Tok(d)]),
        }
    }

    /// `(S lead... (VP ...) trailing...)`: what precedes the subject (and the subject) and
    /// the final punctuation or parataxis sit outside the VP.
    fn clause_core(&self, h: usize, deps: &[usize]) -> Item {
        let mut end = deps.len();
        while end > 0 {
            let d = deps[end - 1];
            if d > h && matches!(self.base(d), "punct" | "parataxis" | "discourse") {
                end -= 1;
            } else {
                break;
            }
        }
        let subject = deps[..end]
            .iter()
            .rposition(|&d| d < h && self.is_subject(d));
        let lead_end = match subject {
            Some(s) => s + 1,
            None => deps[..end]
                .iter()
                .position(|&d| {
                    d > h
                        || self.is_aux(d)
                        || matches!(
                            self.base(d),
                            "advmod" | "neg" | "obj" | "dobj" | "iobj" | "compound"
                        )
                })
                .unwrap_or(end),
        };
        let mut items = Vec::new();
        for &d in &deps[..lead_end] {
            items.extend(self.dep_items(d, true));
        }
        items.push(self.vp_region(h, &deps[lead_end..end]));
        for &d in &deps[end..] {
            items.extend(self.dep_items(d, true));
        }
        Item::Node(Label::S, items)
    }

    /// The part of a clause after its subject: auxiliaries nest VPs down to the predicate.
    fn vp_region(&self, h: usize, deps: &[usize]) -> Item {
        let auxes: Vec<usize> = (0..deps.len())
            .filter(|&i| deps[i] < h && self.is_aux(deps[i]))
            .collect();
        if auxes.is_empty() {
            return self.predicate(h, deps);
        }
        self.aux_layer(h, deps, 0, 0, &auxes)
    }

    /// `(VP before-aux... AUX after-aux... (VP ...))` for auxiliary number `n`, whose layer
    /// starts at `deps[from]`.
    fn aux_layer(&self, h: usize, deps: &[usize], from: usize, n: usize, auxes: &[usize]) -> Item {
        let a = auxes[n];
        let mut upto = a + 1;
        if n + 1 == auxes.len() {
            // Negation and adverbs between the last auxiliary and the verb stay with it.
            while upto < deps.len()
                && deps[upto] < h
                && (self.is_neg(deps[upto]) || self.base(deps[upto]) == "advmod")
            {
                upto += 1;
            }
        } else {
            upto = auxes[n + 1];
        }
        let mut items = Vec::new();
        for &d in &deps[from..upto] {
            items.extend(self.dep_items(d, true));
        }
        if n + 1 < auxes.len() {
            items.push(self.aux_layer(h, deps, upto, n + 1, auxes));
        } else {
            items.push(self.predicate(h, &deps[upto..]));
        }
        Item::Node(Label::VP, items)
    }

    /// The innermost predicate: a (possibly coordinated) VP for a verb, else the phrase of
    /// the predicate word (`ADJP`, `NP`, `PP`, ...).
    fn predicate(&self, h: usize, deps: &[usize]) -> Item {
        if self.cat(h) == Cat::Verb {
            self.vp(h, deps)
        } else {
            self.nonclause(h, deps)
        }
    }

    /// `(VP verb dependents...)`, coordinated VPs when there are conjuncts.
    fn vp(&self, h: usize, deps: &[usize]) -> Item {
        self.coordinate(
            h,
            deps,
            Label::VP,
            |sub| self.flat(Label::VP, h, sub, true),
            |c, rest| {
                if self.is_clause(c, rest, "conj") && self.cat(c) != Cat::Verb {
                    self.build(c, rest, "conj")
                } else {
                    self.vp_region(c, rest)
                }
            },
        )
    }

    /// Phrases of non-verbal heads: `NP` (with `PP` when a preposition marks it), `ADJP`,
    /// `ADVP`, `PP`.
    fn nonclause(&self, h: usize, deps: &[usize]) -> Item {
        // A preposition before the head makes a PP (a possessive `'s` does not).
        if let Some(k) = deps
            .iter()
            .rposition(|&d| d < h && self.base(d) == "case" && self.w[d].tag != Tag::POS)
        {
            let mut items = Vec::new();
            for &d in &deps[..=k] {
                items.extend(self.dep_items(d, false));
            }
            items.push(self.nonclause(h, &deps[k + 1..]));
            return Item::Node(Label::PP, items);
        }
        let label = match self.cat(h) {
            Cat::Noun => Label::NP,
            Cat::Adj | Cat::Verb => Label::ADJP,
            Cat::Adv => Label::ADVP,
            Cat::Adp => Label::PP,
        };
        self.coordinate(
            h,
            deps,
            label,
            |sub| {
                if label == Label::NP {
                    self.np_core(h, sub)
                } else {
                    self.flat(label, h, sub, false)
                }
            },
            |c, rest| self.build(c, rest, "conj"),
        )
    }

    /// `(NP (NP base) post-modifiers...)`, or just the base NP.
    fn np_core(&self, h: usize, deps: &[usize]) -> Item {
        let phrasal = |d: usize| {
            d > h
                && match self.base(d) {
                    "nmod" | "obl" | "acl" | "appos" | "advcl" | "parataxis" | "dep" | "ccomp"
                    | "xcomp" | "list" | "conj" | "cc" | "vocative" | "discourse" | "orphan"
                    | "remnant" | "reparandum" => self.rel(d) != "nmod:poss",
                    "amod" => !self.kids[d].is_empty(),
                    _ => false,
                }
        };
        let Some(mut r) = deps.iter().position(|&d| phrasal(d)) else {
            return self.flat(Label::NP, h, deps, false);
        };
        while r > 0 && deps[r - 1] > h && self.base(deps[r - 1]) == "punct" {
            r -= 1;
        }
        let mut items = vec![self.flat(Label::NP, h, &deps[..r], false)];
        for &d in &deps[r..] {
            items.extend(self.dep_items(d, false));
        }
        Item::Node(Label::NP, items)
    }

    /// Coordination of `h` with its conjuncts: `(label (first) (CC and) (conjunct) ...)`.
    /// `first` builds the first conjunct from `h`'s dependents before the coordination;
    /// `conjunct` builds a later one from its dependents less its leading `cc` and commas,
    /// which are lifted to the coordination.
    fn coordinate(
        &self,
        h: usize,
        deps: &[usize],
        label: Label,
        first: impl Fn(&[usize]) -> Item,
        conjunct: impl Fn(usize, &[usize]) -> Item,
    ) -> Item {
        let Some(c1) = deps.iter().position(|&d| d > h && self.base(d) == "conj") else {
            return first(deps);
        };
        let mut f = c1;
        while f > 0 && deps[f - 1] > h && matches!(self.base(deps[f - 1]), "cc" | "punct") {
            f -= 1;
        }
        let mut items = vec![first(&deps[..f])];
        for &d in &deps[f..] {
            if self.base(d) == "conj" {
                let kids = &self.kids[d];
                let lifted = kids
                    .iter()
                    .take_while(|&&k| k < d && matches!(self.base(k), "cc" | "punct" | "preconj"))
                    .count();
                for &k in &kids[..lifted] {
                    items.extend(self.dep_items(k, false));
                }
                items.push(conjunct(d, &kids[lifted..]));
            } else {
                items.extend(self.dep_items(d, label == Label::VP || label == Label::S));
            }
        }
        Item::Node(label, items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// Conversions that produced words out of order and fell back to a flat tree.
        pub(super) static GAVE_UP: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Builds a block from `form/TAG/head/rel` items (UPOS derived from the tag).
    fn block(spec: &str) -> String {
        let mut out = String::new();
        for (i, item) in spec.split_whitespace().enumerate() {
            let parts: Vec<&str> = item.split('/').collect();
            let (form, xpos, head, rel) = (parts[0], parts[1], parts[2], parts[3]);
            let upos = match xpos {
                "NNP" | "NNPS" => "PROPN",
                "NN" | "NNS" => "NOUN",
                "PRP" | "WP" | "PRP$" | "WP$" => "PRON",
                "DT" | "WDT" => "DET",
                "JJ" | "JJR" | "JJS" => "ADJ",
                "RB" | "WRB" => "ADV",
                "IN" if rel == "mark" => "SCONJ",
                "IN" => "ADP",
                "CC" => "CCONJ",
                "CD" => "NUM",
                "TO" | "POS" | "RP" => "PART",
                "MD" => "AUX",
                t if t.starts_with("VB") && matches!(rel, "aux" | "aux:pass" | "cop") => "AUX",
                t if t.starts_with("VB") => "VERB",
                _ => "PUNCT",
            };
            out.push_str(&format!(
                "{}\t{form}\t{form}\t{upos}\t{xpos}\t_\t{head}\t{rel}\t_\t_\n",
                i + 1
            ));
        }
        out
    }

    fn penn(spec: &str) -> String {
        parse(&block(spec)).unwrap().to_penn()
    }

    #[test]
    fn simple_clause_and_text() {
        let a = parse(&block(
            "Yesterday/NN/3/obl:tmod Arnor/NNP/3/nsubj met/VBD/0/root Gondor/NNP/3/obj ././3/punct",
        ))
        .unwrap();
        assert_eq!(a.text, "Yesterday Arnor met Gondor .");
        assert_eq!(
            a.to_penn(),
            "(ROOT (S (NP (NN Yesterday)) (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))"
        );
        for t in &a.tokens {
            assert_eq!(&a.text[t.start as usize..t.end as usize], t.text);
        }
    }

    #[test]
    fn auxiliaries_nest() {
        assert_eq!(
            penn("Arnor/NNP/3/nsubj will/MD/3/aux meet/VB/0/root Gondor/NNP/3/obj"),
            "(ROOT (S (NP (NNP Arnor)) (VP (MD will) (VP (VB meet) (NP (NNP Gondor))))))"
        );
        assert_eq!(
            penn("Arnor/NNP/3/nsubj:pass was/VBD/3/aux:pass attacked/VBN/0/root by/IN/5/case Israel/NNP/3/obl"),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Israel)))))))"
        );
        assert_eq!(
            penn("Arnor/NNP/4/nsubj did/VBD/4/aux not/RB/4/advmod meet/VB/0/root"),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBD did) (RB not) (VP (VB meet)))))"
        );
    }

    #[test]
    fn chains_of_auxiliaries() {
        assert_eq!(
            penn("Arnor/NNP/3/nsubj:pass is/VBZ/3/aux:pass said/VBN/0/root to/TO/8/mark be/VB/8/cop \
                  about/RB/8/advmod to/TO/8/mark restore/VB/3/xcomp ties/NNS/8/obj"),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (VP (VBN said) (S (VP (TO to) (VP (VB be) \
             (ADVP (RB about)) (VP (TO to) (VP (VB restore) (NP (NNS ties)))))))))))"
        );
    }

    #[test]
    fn copula_and_xcomp() {
        assert_eq!(
            penn("Arnor/NNP/3/nsubj is/VBZ/3/cop angry/JJ/0/root"),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (ADJP (JJ angry)))))"
        );
        assert_eq!(
            penn("Arnor/NNP/2/nsubj wants/VBZ/0/root to/TO/4/mark meet/VB/2/xcomp Gondor/NNP/4/obj"),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBZ wants) (S (VP (TO to) (VP (VB meet) (NP (NNP Gondor))))))))"
        );
    }

    #[test]
    fn noun_phrases_and_pps() {
        assert_eq!(
            penn("the/DT/4/det joint/JJ/4/amod transport/NN/4/compound committee/NN/0/root with/IN/6/case Arnor/NNP/4/nmod"),
            "(ROOT (NP (NP (DT the) (JJ joint) (NN transport) (NN committee)) (PP (IN with) (NP (NNP Arnor)))))"
        );
        assert_eq!(
            penn("Dagolath/NNP/3/nmod:poss 's/POS/1/case minister/NN/0/root"),
            "(ROOT (NP (NP (NNP Dagolath) (POS 's)) (NN minister)))"
        );
    }

    #[test]
    fn coordination_and_apposition() {
        // UD v2: cc on the second conjunct.
        assert_eq!(
            penn("Arnor/NNP/4/nsubj and/CC/3/cc Gondor/NNP/1/conj met/VBD/0/root"),
            "(ROOT (S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Gondor))) (VP (VBD met))))"
        );
        // UD v1: cc on the first conjunct.
        assert_eq!(
            penn("Arnor/NNP/4/nsubj and/CC/1/cc Gondor/NNP/1/conj met/VBD/0/root"),
            "(ROOT (S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Gondor))) (VP (VBD met))))"
        );
        assert_eq!(
            penn("Arnor/NNP/2/nsubj met/VBD/0/root Gondor/NNP/2/obj and/CC/5/cc signed/VBD/2/conj"),
            "(ROOT (S (NP (NNP Arnor)) (VP (VP (VBD met) (NP (NNP Gondor))) (CC and) (VP (VBD signed)))))"
        );
        assert_eq!(
            penn("Arnor/NNP/2/nsubj met/VBD/0/root and/CC/5/cc Gondor/NNP/5/nsubj left/VBD/2/conj"),
            "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD met))) (CC and) (S (NP (NNP Gondor)) (VP (VBD left)))))"
        );
        assert_eq!(
            penn(
                "Telemar/NNP/5/nsubj ,/,/4/punct the/DT/4/det minister/NN/1/appos left/VBD/0/root"
            ),
            "(ROOT (S (NP (NP (NNP Telemar)) (, ,) (NP (DT the) (NN minister))) (VP (VBD left))))"
        );
    }

    #[test]
    fn subordinate_and_relative_clauses() {
        assert_eq!(
            penn("Arnor/NNP/2/nsubj left/VBD/0/root after/IN/5/mark crowds/NNS/5/nsubj rioted/VBD/2/advcl"),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBD left) (SBAR (IN after) (S (NP (NNS crowds)) (VP (VBD rioted)))))))"
        );
        assert_eq!(
            penn("an/DT/2/det event/NN/0/root which/WDT/5/nsubj will/MD/5/aux test/VB/2/acl:relcl him/PRP/5/obj"),
            "(ROOT (NP (NP (DT an) (NN event)) (SBAR (WHNP (WDT which)) (S (VP (MD will) (VP (VB test) (NP (PRP him))))))))"
        );
        assert_eq!(
            penn("crowds/NNS/0/root trashed/VBN/1/acl its/PRP$/4/nmod:poss embassy/NN/2/obj"),
            "(ROOT (NP (NP (NNS crowds)) (VP (VBN trashed) (NP (PRP$ its) (NN embassy)))))"
        );
    }

    #[test]
    fn non_projective_arcs_are_lifted() {
        // "A hearing is scheduled on the issue today": `on the issue` depends on `hearing`.
        let s = "A/DT/2/det hearing/NN/4/nsubj:pass is/VBZ/4/aux:pass scheduled/VBN/0/root \
                 on/IN/7/case the/DT/7/det issue/NN/2/nmod today/NN/4/obl:tmod";
        let a = parse(&block(s)).unwrap();
        assert_eq!(a.tokens.len(), 8);
        let words: Vec<_> = a.tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            words,
            [
                "A",
                "hearing",
                "is",
                "scheduled",
                "on",
                "the",
                "issue",
                "today"
            ]
        );
    }

    #[test]
    fn tags_lemmas_and_skipped_lines() {
        let text = "# sent_id = 1\n# text = Gondor's won't\n\
                    1-2\tGondor's\t_\t_\t_\t_\t_\t_\t_\t_\n\
                    1\tGondor\tGondor\tPROPN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
                    2\t's\t's\tPART\t_\t_\t1\tcase\t_\t_\n\
                    2.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n\
                    3\twon\twin\tVERB\tXX-BOGUS\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n";
        let a = parse(text).unwrap();
        assert_eq!(a.tokens.len(), 3);
        assert_eq!(a.tokens[0].tag, Tag::NNP);
        assert_eq!(a.tokens[1].tag, Tag::POS);
        assert_eq!(a.tokens[2].tag, Tag::VBD);
        assert_eq!(a.tokens[2].lemma, "win");
        assert_eq!(
            penn_tag(
                "has",
                "have",
                "AUX",
                "_",
                "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
            ),
            Tag::VBZ
        );
        assert_eq!(
            penn_tag("will", "will", "AUX", "_", "VerbForm=Fin"),
            Tag::MD
        );
        assert_eq!(penn_tag("its", "its", "PRON", "_", "Poss=Yes"), Tag::PRPS);
    }

    #[test]
    fn errors_name_lines() {
        let bad = |s: &str| parse(s).unwrap_err();
        assert_eq!(
            bad("# c\n1\ta\ta\tX\t_\t_\t0\troot\t_\n"),
            ConlluError::Columns { line: 2, found: 9 }
        );
        assert!(matches!(
            bad("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n3\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n"),
            ConlluError::Sequence {
                line: 2,
                expected: 2,
                found: 3
            }
        ));
        assert!(matches!(
            bad("1\ta\ta\tX\t_\t_\t5\troot\t_\t_\n"),
            ConlluError::HeadOutOfRange {
                line: 1,
                head: 5,
                len: 1
            }
        ));
        assert!(matches!(
            bad("1\ta\ta\tX\t_\t_\t2\tdep\t_\t_\n2\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n"),
            ConlluError::Cycle { line: 1 }
        ));
        assert!(matches!(
            bad("1\ta\ta\tX\t_\t_\tx\troot\t_\t_\n"),
            ConlluError::Field {
                line: 1,
                column: "HEAD",
                ..
            }
        ));
        assert!(matches!(
            bad("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n\n1\tb\tb\tX\t_\t_\t0\troot\t_\t_\n"),
            ConlluError::SecondSentence { line: 3 }
        ));
        assert!(matches!(bad("# only\n\n"), ConlluError::Empty { .. }));
        let two =
            parse_many("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n\n1\tb\tb\tX\t_\t_\t0\troot\t_\t_\n")
                .unwrap();
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn unattached_words_and_many_roots() {
        let a = parse(
            "1\ta\ta\tNOUN\tNN\t_\t_\t_\t_\t_\n2\tb\tb\tVERB\tVBD\t_\t_\t_\t_\t_\n\
             3\tc\tc\tNOUN\tNN\t_\t0\troot\t_\t_\n4\td\td\tVERB\tVBD\t_\t0\troot\t_\t_\n",
        )
        .unwrap();
        assert_eq!(a.tokens.len(), 4);
        assert_eq!(a.words_of(Analysis::ROOT), "a b c d");
    }

    #[test]
    fn garbage_never_panics() {
        let good = block(
            "Arnor/NNP/3/nsubj will/MD/3/aux meet/VB/0/root Gondor/NNP/3/obj and/CC/6/cc \
             Rohan/NNP/4/conj after/IN/9/mark crowds/NNS/9/nsubj rioted/VBD/3/advcl ././3/punct",
        );
        for end in 0..=good.len() {
            let _ = parse(&good[..end]);
            let _ = parse_many(&good[..end]);
        }
        for g in [
            "",
            "\t\t\t\t\t\t\t\t\t",
            "1\t\t\t\t\t\t\t\t\t",
            "x\ny\n",
            "1-\t\t\t\t\t\t\t\t\t",
        ] {
            let _ = parse(g);
        }
        // Every head assignment of a 5-word sentence, with a few relations: never a panic,
        // always every word once and in order.
        let rels = [
            "conj",
            "cc",
            "mark",
            "nsubj",
            "case",
            "aux",
            "acl:relcl",
            "punct",
            "obj",
            "cop",
        ];
        let forms = ["which", "and", "to", "Arnor", "'s"];
        let tags = ["WDT", "CC", "TO", "NNP", "POS"];
        let mut count = 0;
        for code in 0..6usize.pow(5) {
            let mut text = String::new();
            let mut c = code;
            for i in 0..5 {
                let head = c % 6;
                c /= 6;
                let rel = rels[(code / 7 + i * 3) % rels.len()];
                text.push_str(&format!(
                    "{}\t{}\t{}\t_\t{}\t_\t{}\t{}\t_\t_\n",
                    i + 1,
                    forms[i],
                    forms[i],
                    tags[(i + code) % 5],
                    head,
                    rel
                ));
            }
            if let Ok(a) = parse(&text) {
                count += 1;
                assert_eq!(a.tokens.len(), 5);
                assert_eq!(a.words_of(Analysis::ROOT), "which and to Arnor 's");
            }
        }
        assert!(count > 100);
        // Random trees of 9 words with every relation and category: every word once, in
        // order (a deterministic generator, so failures reproduce).
        let rels = [
            "nsubj",
            "nsubj:pass",
            "csubj",
            "expl",
            "obj",
            "dobj",
            "iobj",
            "obl",
            "nmod",
            "nmod:poss",
            "nmod:tmod",
            "amod",
            "advmod",
            "nummod",
            "det",
            "case",
            "mark",
            "aux",
            "aux:pass",
            "cop",
            "neg",
            "cc",
            "conj",
            "appos",
            "acl",
            "acl:relcl",
            "advcl",
            "ccomp",
            "xcomp",
            "parataxis",
            "punct",
            "compound",
            "compound:prt",
            "flat",
            "name",
            "fixed",
            "root",
            "dep",
            "_",
        ];
        let tags = [
            ("NOUN", "NN"),
            ("PROPN", "NNP"),
            ("VERB", "VBD"),
            ("AUX", "MD"),
            ("ADJ", "JJ"),
            ("ADV", "RB"),
            ("ADP", "IN"),
            ("DET", "WDT"),
            ("PRON", "WP"),
            ("PUNCT", ","),
            ("PART", "TO"),
            ("PART", "POS"),
            ("CCONJ", "CC"),
            ("SCONJ", "IN"),
            ("NUM", "CD"),
            ("X", "_"),
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..3000 {
            let n = 9;
            // A random tree: words in a random rank order, each headed by an earlier one.
            let mut rank: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                rank.swap(i, next(i + 1));
            }
            let mut heads = vec![0; n];
            for k in 1..n {
                heads[rank[k]] = rank[next(k)] + 1;
            }
            let mut text = String::new();
            for (i, &head) in heads.iter().enumerate() {
                let (upos, xpos) = tags[next(tags.len())];
                text.push_str(&format!(
                    "{}\tw{i}\tw{i}\t{upos}\t{xpos}\t_\t{head}\t{}\t_\t_\n",
                    i + 1,
                    rels[next(rels.len())]
                ));
            }
            {
                let a = parse(&text).unwrap();
                let words: Vec<_> = a.tokens.iter().map(|t| t.text.to_string()).collect();
                let want: Vec<_> = (0..n).map(|i| format!("w{i}")).collect();
                assert_eq!(words, want, "{text}");
                let covered: Vec<u32> = (0..n as u32).map(|t| a.parent_of_token(t)).collect();
                assert_eq!(covered.len(), n);
            }
        }
        assert_eq!(
            GAVE_UP.with(|c| c.get()),
            0,
            "a conversion lost track of words"
        );
        // A long chain falls back to a flat clause.
        let mut chain = String::new();
        for i in 1..=500 {
            chain.push_str(&format!("{i}\tw\tw\tNOUN\tNN\t_\t{}\tnmod\t_\t_\n", i - 1));
        }
        let a = parse(&chain).unwrap();
        assert_eq!(a.tokens.len(), 500);
    }
}

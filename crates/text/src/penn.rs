//! Penn Treebank adapter: reads a bracketed constituency tree, as found in the `<Parse>`
//! blocks of PETRARCH input files or printed by the Stanford and Berkeley parsers, into an
//! [`Analysis`].
//!
//! This module owns the bracket syntax only; labels and tags are read by
//! [`Label::from_penn`] and [`Tag::from_penn`], and the tree is built with
//! [`AnalysisBuilder`] like every other producer of an `Analysis`.
//!
//! # What is kept and what is changed
//! - The tree is kept as given: no unary chain is collapsed, function tags and indices are
//!   dropped from labels (`NP-SBJ-1` is an `NP`).
//! - An outer `(ROOT ...)`, `(TOP ...)` or label-less `( ...)` bracket becomes the analysis
//!   root; a tree without one is put under the root.
//! - Empty elements (`(-NONE- *T*-1)`) are dropped, and so is every phrase left without
//!   words once they are gone.
//! - Pre-terminals `(TAG word)` become tokens. Bracket escapes are undone in **both** the
//!   analysis text and the token text (`-LRB-` is `(`, `-RRB-` is `)`, `-LCB-`/`-RCB-` are
//!   braces, `-LSB-`/`-RSB-` square brackets, ``` `` ``` and `''` are `"`), so that
//!   `text[start..end] == token.text` holds for every token, as it does for our own
//!   tokenizer. The tag keeps the Penn reading (`-LRB-` stays [`Tag::LRB`]). Use [`write`](fn@write) to
//!   print an analysis back as a bracketing that this module can read again.
//! - The analysis text is the words joined by single spaces; the original spacing of the
//!   sentence is not in a tree and so cannot be recovered.
//! - The lemma is computed in one place, [`lemma`].
//!
//! Malformed input (unbalanced brackets, missing labels, words outside pre-terminals) is an
//! error carrying the byte position and what was expected; no input panics.

use crate::analysis::{Analysis, AnalysisBuilder, Child, Label, NodeId, Tag};
use compact_str::CompactString;
use thiserror::Error;

/// Why a bracketed tree could not be read. Positions are byte offsets into the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PennError {
    /// Something other than what the grammar allows at this point.
    #[error("byte {pos}: expected {expected}, found {found}")]
    Unexpected {
        /// Byte offset of the offending item.
        pos: usize,
        /// What the reader was waiting for.
        expected: &'static str,
        /// What it found (a bracket or the start of a word).
        found: String,
    },
    /// The input ended inside a bracket.
    #[error("byte {pos}: unexpected end of input, expected {expected} (bracket opened at byte {open} is not closed)")]
    UnexpectedEnd {
        /// Length of the input.
        pos: usize,
        /// What the reader was waiting for.
        expected: &'static str,
        /// Byte offset of the innermost unclosed `(`.
        open: usize,
    },
    /// The input holds no tree at all.
    #[error("byte {pos}: expected a tree starting with '(', found end of input")]
    Empty {
        /// Length of the input.
        pos: usize,
    },
    /// A well-formed tree without a single word (only empty elements, or nothing).
    #[error("byte {pos}: the tree has no words")]
    NoWords {
        /// Byte offset of the tree's opening bracket.
        pos: usize,
    },
}

impl PennError {
    /// Byte offset in the input where the problem was found.
    pub fn position(&self) -> usize {
        match *self {
            PennError::Unexpected { pos, .. }
            | PennError::UnexpectedEnd { pos, .. }
            | PennError::Empty { pos }
            | PennError::NoWords { pos } => pos,
        }
    }
}

/// Reads one bracketed tree. Whitespace (including line breaks) between items is free.
/// Anything but whitespace after the tree is an error; use [`parse_many`] for several trees.
///
/// ```
/// let a = detente_text::penn::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))").unwrap();
/// assert_eq!(a.text, "Arnor met Gondor .");
/// assert_eq!(a.tokens[1].lemma, "met");
/// ```
pub fn parse(tree: &str) -> Result<Analysis, PennError> {
    let mut lexer = Lexer::new(tree);
    if lexer.peek().is_none() {
        return Err(PennError::Empty { pos: tree.len() });
    }
    let analysis = read_tree(&mut lexer)?;
    if let Some(item) = lexer.peek() {
        return Err(item.unexpected("end of input after the tree"));
    }
    Ok(analysis)
}

/// Reads every tree in `text`, one after another (separated by any whitespace).
/// An input with only whitespace gives an empty list.
pub fn parse_many(text: &str) -> Result<Vec<Analysis>, PennError> {
    let mut lexer = Lexer::new(text);
    let mut out = Vec::new();
    while lexer.peek().is_some() {
        out.push(read_tree(&mut lexer)?);
    }
    Ok(out)
}

/// The lemma given to a word read from a tree: the single place where it is computed, so
/// that a lexicon-based lemmatizer can replace it. For now the lower-cased word.
pub fn lemma(word: &str, tag: Tag) -> CompactString {
    let _ = tag;
    CompactString::from(word.to_lowercase())
}

/// Prints `analysis` as a one-line Penn bracketing with bracket escapes restored
/// (`(` as `-LRB-`, `"` as ``` `` ``` or `''` by tag, ...), so that [`parse`] reads it back
/// into an equal tree. [`Analysis::to_penn`] prints the token text as it is.
pub fn write(analysis: &Analysis) -> String {
    let mut out = String::new();
    // Explicit stack: a deep tree must not overflow the call stack.
    enum Step {
        Open(NodeId),
        Token(u32),
        Close,
    }
    let mut stack = vec![Step::Open(Analysis::ROOT)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Open(id) => {
                if !out.is_empty() && !out.ends_with('(') {
                    out.push(' ');
                }
                out.push('(');
                out.push_str(analysis.node(id).label.as_str());
                stack.push(Step::Close);
                for child in analysis.node(id).children.iter().rev() {
                    stack.push(match *child {
                        Child::Node(n) => Step::Open(n),
                        Child::Token(t) => Step::Token(t),
                    });
                }
            }
            Step::Token(t) => {
                let token = analysis.token(t);
                out.push_str(" (");
                out.push_str(token.tag.as_str());
                out.push(' ');
                out.push_str(&escape(&token.text, token.tag));
                out.push(')');
            }
            Step::Close => out.push(')'),
        }
    }
    out
}

/// Undoes the Penn escapes of a word (`-LRB-` → `(`, ``` `` ``` → `"`, ...).
pub fn unescape(word: &str) -> &str {
    match word {
        "-LRB-" => "(",
        "-RRB-" => ")",
        "-LCB-" => "{",
        "-RCB-" => "}",
        "-LSB-" => "[",
        "-RSB-" => "]",
        "``" | "''" => "\"",
        _ => word,
    }
}

/// Applies the Penn escapes to a word so it can stand in a bracketing.
fn escape(word: &str, tag: Tag) -> String {
    match word {
        "(" => "-LRB-".into(),
        ")" => "-RRB-".into(),
        "{" => "-LCB-".into(),
        "}" => "-RCB-".into(),
        "[" => "-LSB-".into(),
        "]" => "-RSB-".into(),
        "\"" if tag == Tag::CloseQuote => "''".into(),
        "\"" => "``".into(),
        _ => word.replace('(', "-LRB-").replace(')', "-RRB-"),
    }
}

/// One lexical item of a bracketing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item<'a> {
    Open(usize),
    Close(usize),
    Atom(usize, &'a str),
}

impl Item<'_> {
    fn pos(self) -> usize {
        match self {
            Item::Open(p) | Item::Close(p) | Item::Atom(p, _) => p,
        }
    }

    fn unexpected(self, expected: &'static str) -> PennError {
        let found = match self {
            Item::Open(_) => "'('".to_string(),
            Item::Close(_) => "')'".to_string(),
            Item::Atom(_, s) => {
                let shown: String = s.chars().take(20).collect();
                format!("word {shown:?}")
            }
        };
        PennError::Unexpected {
            pos: self.pos(),
            expected,
            found,
        }
    }
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    peeked: Option<Option<Item<'a>>>,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            src,
            pos: 0,
            peeked: None,
        }
    }

    fn scan(&mut self) -> Option<Item<'a>> {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        let start = self.pos;
        match bytes.get(start)? {
            b'(' => {
                self.pos += 1;
                Some(Item::Open(start))
            }
            b')' => {
                self.pos += 1;
                Some(Item::Close(start))
            }
            _ => {
                while self.pos < bytes.len()
                    && !bytes[self.pos].is_ascii_whitespace()
                    && bytes[self.pos] != b'('
                    && bytes[self.pos] != b')'
                {
                    self.pos += 1;
                }
                // Stops only at ASCII bytes, so both ends are char boundaries.
                Some(Item::Atom(start, &self.src[start..self.pos]))
            }
        }
    }

    fn peek(&mut self) -> Option<Item<'a>> {
        if self.peeked.is_none() {
            let item = self.scan();
            self.peeked = Some(item);
        }
        self.peeked.flatten()
    }

    fn next(&mut self) -> Option<Item<'a>> {
        match self.peeked.take() {
            Some(item) => item,
            None => self.scan(),
        }
    }
}

/// A node of the tree as read, before empty elements are pruned.
struct RawNode<'a> {
    label: &'a str,
    /// `Some((tag, word))` for a pre-terminal.
    leaf: Option<(&'a str, &'a str)>,
    children: Vec<usize>,
    /// Keeps a word once empty elements are dropped.
    has_words: bool,
}

/// Reads one tree from the lexer into an arena, then builds the analysis.
fn read_tree(lexer: &mut Lexer<'_>) -> Result<Analysis, PennError> {
    let first = lexer.next().ok_or(PennError::Empty {
        pos: lexer.src.len(),
    })?;
    let Item::Open(tree_pos) = first else {
        return Err(first.unexpected("'(' starting a tree"));
    };
    let mut nodes: Vec<RawNode<'_>> = Vec::new();
    // Stack of (node index, byte offset of its '(').
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut open_pos = tree_pos;
    // `open_pos` is the '(' just read; what follows is a label, a child or ')'.
    'outer: loop {
        // Just after '(' at open_pos.
        let end = |lexer: &Lexer<'_>, expected| PennError::UnexpectedEnd {
            pos: lexer.src.len(),
            expected,
            open: open_pos,
        };
        let item = lexer.next().ok_or_else(|| end(lexer, "a label"))?;
        let label = match item {
            Item::Atom(_, label) => label,
            Item::Open(p) => {
                // A label-less bracket, as in `( (S ...))`: allowed only for the outermost.
                if !stack.is_empty() {
                    return Err(item.unexpected("a label after '('"));
                }
                let id = nodes.len();
                nodes.push(RawNode {
                    label: "",
                    leaf: None,
                    children: Vec::new(),
                    has_words: false,
                });
                stack.push((id, open_pos));
                open_pos = p;
                continue 'outer;
            }
            Item::Close(_) => return Err(item.unexpected("a label after '('")),
        };
        // Pre-terminal `(TAG word)`?
        let after = lexer
            .peek()
            .ok_or_else(|| end(lexer, "a word or '(' after the label"))?;
        if let Item::Atom(_, word) = after {
            lexer.next();
            let close = lexer
                .next()
                .ok_or_else(|| end(lexer, "')' closing a pre-terminal"))?;
            if !matches!(close, Item::Close(_)) {
                return Err(close.unexpected("')' after the word of a pre-terminal"));
            }
            let id = nodes.len();
            let keep = label != "-NONE-";
            nodes.push(RawNode {
                label,
                leaf: Some((label, word)),
                children: Vec::new(),
                has_words: keep,
            });
            match stack.last() {
                Some(&(parent, _)) => nodes[parent].children.push(id),
                None => {
                    // A lone pre-terminal is a whole tree.
                    return build(&nodes, id, tree_pos);
                }
            }
        } else {
            let id = nodes.len();
            nodes.push(RawNode {
                label,
                leaf: None,
                children: Vec::new(),
                has_words: false,
            });
            if let Some(&(parent, _)) = stack.last() {
                nodes[parent].children.push(id);
            }
            stack.push((id, open_pos));
        }
        // Read children or closing brackets until the next '('.
        loop {
            let Some(&(top, top_pos)) = stack.last() else {
                return Err(PennError::NoWords { pos: tree_pos });
            };
            let item = lexer.next().ok_or(PennError::UnexpectedEnd {
                pos: lexer.src.len(),
                expected: "')' or '('",
                open: top_pos,
            })?;
            match item {
                Item::Open(p) => {
                    open_pos = p;
                    continue 'outer;
                }
                Item::Close(_) => {
                    if nodes[top].children.is_empty() {
                        return Err(item.unexpected("a child phrase or word"));
                    }
                    stack.pop();
                    let words = nodes[top].children.iter().any(|&c| nodes[c].has_words);
                    nodes[top].has_words = words;
                    if stack.is_empty() {
                        return build(&nodes, top, tree_pos);
                    }
                }
                Item::Atom(..) => {
                    return Err(item.unexpected("'(' or ')': words must be inside (TAG word)"))
                }
            }
        }
    }
}

/// Builds the analysis from the arena rooted at `top`.
fn build(nodes: &[RawNode<'_>], top: usize, tree_pos: usize) -> Result<Analysis, PennError> {
    if !nodes[top].has_words {
        return Err(PennError::NoWords { pos: tree_pos });
    }
    // The text: words joined by single spaces, escapes undone.
    let mut text = String::new();
    let mut spans = Vec::new();
    for node in nodes {
        if let (Some((tag, word)), true) = (node.leaf, node.has_words) {
            let _ = tag;
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(unescape(word));
            spans.push((start, text.len()));
        }
    }
    // Arena order is pre-order, so leaves were pushed in sentence order.
    let mut builder = AnalysisBuilder::new(text);
    let root_label = Label::from_penn(nodes[top].label);
    let is_root_wrapper = nodes[top].leaf.is_none() && root_label == Label::Root;
    enum Step {
        Enter(usize),
        Close,
    }
    let mut stack: Vec<Step> = Vec::new();
    if is_root_wrapper {
        for &c in nodes[top].children.iter().rev() {
            stack.push(Step::Enter(c));
        }
    } else {
        stack.push(Step::Enter(top));
    }
    let mut next_span = spans.into_iter();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close => builder.close(),
            Step::Enter(id) => {
                let node = &nodes[id];
                if !node.has_words {
                    continue;
                }
                if let Some((tag, word)) = node.leaf {
                    let word = unescape(word);
                    let tag = Tag::from_penn(tag);
                    let (start, end) = next_span.next().unwrap_or((0, 0));
                    let lemma = lemma(word, tag);
                    builder.push(crate::analysis::Token {
                        text: word.into(),
                        lemma,
                        tag,
                        start: start as u32,
                        end: end as u32,
                    });
                } else {
                    builder.open(Label::from_penn(node.label));
                    stack.push(Step::Close);
                    for &c in node.children.iter().rev() {
                        stack.push(Step::Enter(c));
                    }
                }
            }
        }
    }
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &str = "
(ROOT (S
  (NP-SBJ-1 (NNP Arnor)
  )
  (VP
    (VBZ is)  (VP (VBN expected) (S (NP-SBJ (-NONE- *-1)) (VP (TO to)
      (VP (VB restore) (NP (JJ full) (NNS ties))
        (PRN (-LRB- -LRB-) (NP (NNP Gondor)) (-RRB- -RRB-))))))) (. .)
) )
";

    #[test]
    fn reads_a_multiline_tree() {
        let a = parse(DEMO).unwrap();
        assert_eq!(
            a.text,
            "Arnor is expected to restore full ties ( Gondor ) ."
        );
        let words: Vec<_> = a.tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            words,
            ["Arnor", "is", "expected", "to", "restore", "full", "ties", "(", "Gondor", ")", "."]
        );
        for t in &a.tokens {
            assert_eq!(&a.text[t.start as usize..t.end as usize], t.text);
        }
        assert_eq!(a.tokens[7].tag, Tag::LRB);
        assert_eq!(a.tokens[0].lemma, "arnor");
        // The empty subject and its phrase are gone; everything else is kept.
        assert_eq!(
            a.to_penn(),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (VP (VBN expected) (S (VP (TO to) \
             (VP (VB restore) (NP (JJ full) (NNS ties)) (PRN (-LRB- () (NP (NNP Gondor)) \
             (-RRB- )))))))) (. .)))"
        );
        assert_eq!(parse(&write(&a)).unwrap(), a);
    }

    #[test]
    fn root_forms() {
        let plain = parse("(S (NP (PRP We)) (VP (VBD won)))").unwrap();
        let blank = parse("( (S (NP (PRP We)) (VP (VBD won))))").unwrap();
        let top = parse("(TOP (S (NP (PRP We)) (VP (VBD won))))").unwrap();
        assert_eq!(plain, blank);
        assert_eq!(plain, top);
        assert_eq!(plain.to_penn(), "(ROOT (S (NP (PRP We)) (VP (VBD won))))");
        let single = parse("(NN word)").unwrap();
        assert_eq!(single.to_penn(), "(ROOT (NN word))");
    }

    #[test]
    fn quotes_and_offsets() {
        let a = parse("(S (`` ``) (NP (NNP A)) ('' '') (VP (VBD said)))").unwrap();
        assert_eq!(a.text, "\" A \" said");
        assert_eq!(a.tokens[0].tag, Tag::OpenQuote);
        assert_eq!(a.tokens[2].tag, Tag::CloseQuote);
        assert_eq!(parse(&write(&a)).unwrap(), a);
    }

    #[test]
    fn many_trees() {
        let trees = parse_many("(S (NN a))\n\n( (S (NN b)) )  (S (NN c))").unwrap();
        assert_eq!(trees.len(), 3);
        assert_eq!(trees[2].text, "c");
        assert!(parse_many("  \n").unwrap().is_empty());
        assert!(parse("(S (NN a)) (S (NN b))").is_err());
    }

    #[test]
    fn errors_name_position_and_expectation() {
        let e = parse("(S (NP (NN a)) (VP (VBD b))").unwrap_err();
        assert!(matches!(e, PennError::UnexpectedEnd { open: 0, .. }), "{e}");
        let e = parse("(S (NN a)))").unwrap_err();
        assert_eq!(e.position(), 10);
        assert!(e.to_string().contains("end of input"), "{e}");
        let e = parse("(S word (NN a))").unwrap_err();
        assert_eq!(e.position(), 8);
        let e = parse("(S (NN a) word)").unwrap_err();
        assert_eq!(e.position(), 10);
        let e = parse("(S (NN a b))").unwrap_err();
        assert_eq!(e.position(), 9);
        assert!(matches!(parse(""), Err(PennError::Empty { .. })));
        assert!(matches!(
            parse("(S (-NONE- *))"),
            Err(PennError::NoWords { .. })
        ));
        assert!(parse("(S ())").is_err());
        assert!(parse("(S )").is_err());
        assert!(parse("((S (NN a)))").is_ok());
        assert!(parse("(S ((NN a)))").is_err());
    }

    #[test]
    fn garbage_never_panics() {
        let samples = [
            DEMO,
            "(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))",
            "( (S (NP (NN é)) (VP (VBZ ü))))",
        ];
        for s in samples {
            for end in 0..=s.len() {
                if s.is_char_boundary(end) {
                    let _ = parse(&s[..end]);
                    let _ = parse_many(&s[..end]);
                }
            }
        }
        for g in [
            "",
            ")",
            "(",
            "((((",
            "))))",
            "()",
            "(()",
            "a b c",
            "(\u{0}",
            "(S (NN ()))",
        ] {
            let _ = parse(g);
            let _ = parse_many(g);
        }
        let deep = "(".repeat(100_000) + "NN a" + &")".repeat(100_000);
        assert!(parse(&deep).is_err());
        let deep = "(S ".repeat(100_000) + "(NN a)" + &")".repeat(100_000);
        let a = parse(&deep).unwrap();
        assert_eq!(a.tokens.len(), 1);
        let _ = write(&a);
    }
}

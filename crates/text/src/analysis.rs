//! The [`Analysis`] of one sentence: tokens under a phrase-structure tree.
//!
//! The tree is an arena: `nodes[0]` is the root (label [`Label::Root`]) and every node lists
//! its children in order, each either another node or a token (a leaf; its part-of-speech tag
//! plays the part of the Penn pre-terminal). Nodes know their parent and the span of tokens
//! they cover, so the coder can walk up (from a verb to its clause) and down (from a clause to
//! its subject) without searching.
//!
//! Token offsets are byte offsets into [`Analysis::text`]; [`Analysis::offset`] places that
//! text inside the document it came from, so evidence can always be traced to the raw article.

use compact_str::CompactString;
use std::fmt;

/// Index of a node in [`Analysis::nodes`].
pub type NodeId = u32;

/// A Penn Treebank part-of-speech tag.
///
/// Tags not in the Penn tagset (some parsers add `HYPH`, `NFP`, `ADD`, ...) are kept by name
/// where listed here and otherwise become [`Tag::Other`].
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    CC,
    CD,
    DT,
    EX,
    FW,
    IN,
    JJ,
    JJR,
    JJS,
    LS,
    MD,
    NN,
    NNS,
    NNP,
    NNPS,
    PDT,
    POS,
    PRP,
    /// `PRP$`
    PRPS,
    RB,
    RBR,
    RBS,
    RP,
    SYM,
    TO,
    UH,
    VB,
    VBD,
    VBG,
    VBN,
    VBP,
    VBZ,
    WDT,
    WP,
    /// `WP$`
    WPS,
    WRB,
    /// `,`
    Comma,
    /// `.` (sentence-final punctuation)
    Period,
    /// `:` (colons, semicolons, dashes, ellipses)
    Colon,
    /// ``` `` ``` (opening quote)
    OpenQuote,
    /// `''` (closing quote)
    CloseQuote,
    /// `-LRB-`
    LRB,
    /// `-RRB-`
    RRB,
    /// `$`
    Dollar,
    /// `#`
    Pound,
    HYPH,
    NFP,
    ADD,
    AFX,
    GW,
    XX,
    /// Any tag this enum does not name.
    Other,
}

impl Tag {
    /// Every tag, in declaration order.
    pub const ALL: [Tag; 51] = [
        Tag::CC,
        Tag::CD,
        Tag::DT,
        Tag::EX,
        Tag::FW,
        Tag::IN,
        Tag::JJ,
        Tag::JJR,
        Tag::JJS,
        Tag::LS,
        Tag::MD,
        Tag::NN,
        Tag::NNS,
        Tag::NNP,
        Tag::NNPS,
        Tag::PDT,
        Tag::POS,
        Tag::PRP,
        Tag::PRPS,
        Tag::RB,
        Tag::RBR,
        Tag::RBS,
        Tag::RP,
        Tag::SYM,
        Tag::TO,
        Tag::UH,
        Tag::VB,
        Tag::VBD,
        Tag::VBG,
        Tag::VBN,
        Tag::VBP,
        Tag::VBZ,
        Tag::WDT,
        Tag::WP,
        Tag::WPS,
        Tag::WRB,
        Tag::Comma,
        Tag::Period,
        Tag::Colon,
        Tag::OpenQuote,
        Tag::CloseQuote,
        Tag::LRB,
        Tag::RRB,
        Tag::Dollar,
        Tag::Pound,
        Tag::HYPH,
        Tag::NFP,
        Tag::ADD,
        Tag::AFX,
        Tag::GW,
        Tag::XX,
    ];

    /// The tag as written in the Penn Treebank.
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::CC => "CC",
            Tag::CD => "CD",
            Tag::DT => "DT",
            Tag::EX => "EX",
            Tag::FW => "FW",
            Tag::IN => "IN",
            Tag::JJ => "JJ",
            Tag::JJR => "JJR",
            Tag::JJS => "JJS",
            Tag::LS => "LS",
            Tag::MD => "MD",
            Tag::NN => "NN",
            Tag::NNS => "NNS",
            Tag::NNP => "NNP",
            Tag::NNPS => "NNPS",
            Tag::PDT => "PDT",
            Tag::POS => "POS",
            Tag::PRP => "PRP",
            Tag::PRPS => "PRP$",
            Tag::RB => "RB",
            Tag::RBR => "RBR",
            Tag::RBS => "RBS",
            Tag::RP => "RP",
            Tag::SYM => "SYM",
            Tag::TO => "TO",
            Tag::UH => "UH",
            Tag::VB => "VB",
            Tag::VBD => "VBD",
            Tag::VBG => "VBG",
            Tag::VBN => "VBN",
            Tag::VBP => "VBP",
            Tag::VBZ => "VBZ",
            Tag::WDT => "WDT",
            Tag::WP => "WP",
            Tag::WPS => "WP$",
            Tag::WRB => "WRB",
            Tag::Comma => ",",
            Tag::Period => ".",
            Tag::Colon => ":",
            Tag::OpenQuote => "``",
            Tag::CloseQuote => "''",
            Tag::LRB => "-LRB-",
            Tag::RRB => "-RRB-",
            Tag::Dollar => "$",
            Tag::Pound => "#",
            Tag::HYPH => "HYPH",
            Tag::NFP => "NFP",
            Tag::ADD => "ADD",
            Tag::AFX => "AFX",
            Tag::GW => "GW",
            Tag::XX => "XX",
            Tag::Other => "X",
        }
    }

    /// Reads a Penn tag; unknown tags become [`Tag::Other`].
    pub fn from_penn(s: &str) -> Tag {
        match s {
            "PRP$" => Tag::PRPS,
            "WP$" => Tag::WPS,
            "``" => Tag::OpenQuote,
            "''" => Tag::CloseQuote,
            "-LRB-" | "(" => Tag::LRB,
            "-RRB-" | ")" => Tag::RRB,
            _ => Tag::ALL
                .iter()
                .copied()
                .find(|t| t.as_str() == s)
                .unwrap_or(Tag::Other),
        }
    }

    /// Any verb form (`VB`, `VBD`, `VBG`, `VBN`, `VBP`, `VBZ`); not modals.
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Tag::VB | Tag::VBD | Tag::VBG | Tag::VBN | Tag::VBP | Tag::VBZ
        )
    }

    /// Common or proper noun, singular or plural.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS)
    }

    /// Proper noun, singular or plural.
    pub fn is_proper_noun(self) -> bool {
        matches!(self, Tag::NNP | Tag::NNPS)
    }

    /// Adjective, comparative or superlative.
    pub fn is_adjective(self) -> bool {
        matches!(self, Tag::JJ | Tag::JJR | Tag::JJS)
    }

    /// Adverb, comparative or superlative.
    pub fn is_adverb(self) -> bool {
        matches!(self, Tag::RB | Tag::RBR | Tag::RBS)
    }

    /// Punctuation of any kind.
    pub fn is_punctuation(self) -> bool {
        matches!(
            self,
            Tag::Comma
                | Tag::Period
                | Tag::Colon
                | Tag::OpenQuote
                | Tag::CloseQuote
                | Tag::LRB
                | Tag::RRB
                | Tag::HYPH
                | Tag::NFP
        )
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A phrase or clause label (Penn Treebank bracket labels, without function tags).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// The root of every analysis.
    Root,
    S,
    SBAR,
    SBARQ,
    SINV,
    SQ,
    NP,
    VP,
    PP,
    ADJP,
    ADVP,
    PRN,
    QP,
    WHNP,
    WHADVP,
    WHADJP,
    WHPP,
    UCP,
    NX,
    NAC,
    CONJP,
    FRAG,
    INTJ,
    LST,
    PRT,
    RRC,
    X,
}

impl Label {
    /// Reads a bracket label; function tags and indices (`NP-SBJ-1`, `S=2`) are dropped and
    /// unknown labels become [`Label::X`].
    pub fn from_penn(s: &str) -> Label {
        let base = if s.starts_with('-') {
            s
        } else {
            s.split(['-', '=']).next().unwrap_or(s)
        };
        match base {
            "ROOT" | "TOP" | "" => Label::Root,
            "S" => Label::S,
            "SBAR" => Label::SBAR,
            "SBARQ" => Label::SBARQ,
            "SINV" => Label::SINV,
            "SQ" => Label::SQ,
            "NP" => Label::NP,
            "VP" => Label::VP,
            "PP" => Label::PP,
            "ADJP" => Label::ADJP,
            "ADVP" => Label::ADVP,
            "PRN" => Label::PRN,
            "QP" => Label::QP,
            "WHNP" => Label::WHNP,
            "WHADVP" => Label::WHADVP,
            "WHADJP" => Label::WHADJP,
            "WHPP" => Label::WHPP,
            "UCP" => Label::UCP,
            "NX" => Label::NX,
            "NAC" => Label::NAC,
            "CONJP" => Label::CONJP,
            "FRAG" => Label::FRAG,
            "INTJ" => Label::INTJ,
            "LST" => Label::LST,
            "PRT" => Label::PRT,
            "RRC" => Label::RRC,
            _ => Label::X,
        }
    }

    /// The label as written in the Penn Treebank.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Root => "ROOT",
            Label::S => "S",
            Label::SBAR => "SBAR",
            Label::SBARQ => "SBARQ",
            Label::SINV => "SINV",
            Label::SQ => "SQ",
            Label::NP => "NP",
            Label::VP => "VP",
            Label::PP => "PP",
            Label::ADJP => "ADJP",
            Label::ADVP => "ADVP",
            Label::PRN => "PRN",
            Label::QP => "QP",
            Label::WHNP => "WHNP",
            Label::WHADVP => "WHADVP",
            Label::WHADJP => "WHADJP",
            Label::WHPP => "WHPP",
            Label::UCP => "UCP",
            Label::NX => "NX",
            Label::NAC => "NAC",
            Label::CONJP => "CONJP",
            Label::FRAG => "FRAG",
            Label::INTJ => "INTJ",
            Label::LST => "LST",
            Label::PRT => "PRT",
            Label::RRC => "RRC",
            Label::X => "X",
        }
    }

    /// A clause label: `S`, `SBAR`, `SBARQ`, `SINV`, `SQ`.
    pub fn is_clause(self) -> bool {
        matches!(
            self,
            Label::S | Label::SBAR | Label::SBARQ | Label::SINV | Label::SQ
        )
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One token of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The token as it appears in the analysed text (Penn conventions: `n't`, `'s`, ...).
    pub text: CompactString,
    /// Dictionary form (`said` → `say`, `talks` → `talk`); equal to `text` when unknown.
    pub lemma: CompactString,
    /// Part-of-speech tag.
    pub tag: Tag,
    /// Byte offset of the token's first byte in [`Analysis::text`].
    pub start: u32,
    /// Byte offset one past the token's last byte in [`Analysis::text`].
    pub end: u32,
}

/// A child of a tree node: a sub-phrase or a token (leaf).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Child {
    /// Another node.
    Node(NodeId),
    /// A token, by index in [`Analysis::tokens`].
    Token(u32),
}

/// A phrase or clause: a labelled node of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Phrase label.
    pub label: Label,
    /// Parent node; `None` only for the root.
    pub parent: Option<NodeId>,
    /// Children in sentence order.
    pub children: Vec<Child>,
    /// First token covered.
    pub start: u32,
    /// One past the last token covered (equal to `start` for an empty node).
    pub end: u32,
}

/// The analysis of one sentence. See the module documentation.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Analysis {
    /// The sentence text that token offsets point into.
    pub text: String,
    /// Byte offset of [`Analysis::text`] in the document it came from.
    pub offset: usize,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Tree nodes; `nodes[0]` is the root.
    pub nodes: Vec<Node>,
}

impl Analysis {
    /// The root node's id (always 0).
    pub const ROOT: NodeId = 0;

    /// The node with this id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The token with this index.
    pub fn token(&self, index: u32) -> &Token {
        &self.tokens[index as usize]
    }

    /// Ids of the child nodes of `id`, in order (tokens skipped).
    pub fn child_nodes(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.node(id).children.iter().filter_map(|c| match c {
            Child::Node(n) => Some(*n),
            Child::Token(_) => None,
        })
    }

    /// The innermost node whose children include token `index`.
    pub fn parent_of_token(&self, index: u32) -> NodeId {
        let mut best = Self::ROOT;
        loop {
            let next = self.child_nodes(best).find(|&n| {
                let node = self.node(n);
                node.start <= index && index < node.end
            });
            match next {
                Some(n) => best = n,
                None => return best,
            }
        }
    }

    /// `id` and its ancestors, innermost first, ending at the root.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&n| self.node(n).parent)
    }

    /// The tokens covered by node `id`.
    pub fn tokens_of(&self, id: NodeId) -> &[Token] {
        let node = self.node(id);
        &self.tokens[node.start as usize..node.end as usize]
    }

    /// The words of node `id` joined by single spaces.
    pub fn words_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        for token in self.tokens_of(id) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&token.text);
        }
        out
    }

    /// The exact source text covered by node `id` (empty for an empty node).
    pub fn text_of(&self, id: NodeId) -> &str {
        let tokens = self.tokens_of(id);
        match (tokens.first(), tokens.last()) {
            (Some(first), Some(last)) => &self.text[first.start as usize..last.end as usize],
            _ => "",
        }
    }

    /// The tree in Penn bracket notation, one line: `(ROOT (S (NP (NNP Arnor)) ...))`.
    pub fn to_penn(&self) -> String {
        let mut out = String::new();
        self.write_penn(Self::ROOT, &mut out);
        out
    }

    fn write_penn(&self, id: NodeId, out: &mut String) {
        let node = self.node(id);
        out.push('(');
        out.push_str(node.label.as_str());
        for child in &node.children {
            out.push(' ');
            match *child {
                Child::Node(n) => self.write_penn(n, out),
                Child::Token(t) => {
                    let token = self.token(t);
                    out.push('(');
                    out.push_str(token.tag.as_str());
                    out.push(' ');
                    out.push_str(&token.text);
                    out.push(')');
                }
            }
        }
        out.push(')');
    }
}

/// Builds an [`Analysis`] top-down: open a node, push its tokens and sub-nodes, close it.
///
/// Every producer (our chunker, the Penn and CoNLL-U adapters) uses this builder, so spans
/// and parent links are computed in one place.
///
/// ```
/// use detente_text::{AnalysisBuilder, Label, Tag};
/// let mut b = AnalysisBuilder::new("Arnor met Gondor.");
/// b.open(Label::S);
/// b.open(Label::NP);
/// b.token("Arnor", "Arnor", Tag::NNP, 0, 5);
/// b.close();
/// b.open(Label::VP);
/// b.token("met", "meet", Tag::VBD, 6, 9);
/// b.open(Label::NP);
/// b.token("Gondor", "Gondor", Tag::NNP, 10, 16);
/// b.close();
/// b.close();
/// b.token(".", ".", Tag::Period, 16, 17);
/// b.close();
/// let a = b.finish();
/// assert_eq!(a.to_penn(), "(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))");
/// ```
#[derive(Debug)]
pub struct AnalysisBuilder {
    analysis: Analysis,
    stack: Vec<NodeId>,
}

impl AnalysisBuilder {
    /// Starts an analysis of `text` with an open root node.
    pub fn new(text: impl Into<String>) -> AnalysisBuilder {
        let root = Node {
            label: Label::Root,
            parent: None,
            children: Vec::new(),
            start: 0,
            end: 0,
        };
        AnalysisBuilder {
            analysis: Analysis {
                text: text.into(),
                offset: 0,
                tokens: Vec::new(),
                nodes: vec![root],
            },
            // Room for typical nesting, so building a tree rarely regrows the stack.
            stack: {
                let mut stack = Vec::with_capacity(16);
                stack.push(Analysis::ROOT);
                stack
            },
        }
    }

    /// Sets the offset of the text in its document.
    pub fn offset(&mut self, offset: usize) -> &mut Self {
        self.analysis.offset = offset;
        self
    }

    /// The text being analysed.
    pub fn text(&self) -> &str {
        &self.analysis.text
    }

    /// Number of tokens pushed so far.
    pub fn token_count(&self) -> usize {
        self.analysis.tokens.len()
    }

    /// Opens a node under the current one; it becomes current. Returns its id.
    pub fn open(&mut self, label: Label) -> NodeId {
        let parent = *self.stack.last().expect("root is never closed");
        let id = self.analysis.nodes.len() as NodeId;
        let start = self.analysis.tokens.len() as u32;
        self.analysis.nodes.push(Node {
            label,
            parent: Some(parent),
            children: Vec::new(),
            start,
            end: start,
        });
        self.analysis.nodes[parent as usize]
            .children
            .push(Child::Node(id));
        self.stack.push(id);
        id
    }

    /// Reserves room for `tokens` more tokens and `nodes` more nodes, so a producer that
    /// knows the size of its tree in advance builds it without reallocating.
    pub fn reserve(&mut self, tokens: usize, nodes: usize) {
        self.analysis.tokens.reserve(tokens);
        self.analysis.nodes.reserve(nodes);
    }

    /// Like [`AnalysisBuilder::open`], with room for `children` children (tokens and nodes)
    /// in the new node.
    pub fn open_with_capacity(&mut self, label: Label, children: usize) -> NodeId {
        let id = self.open(label);
        self.analysis.nodes[id as usize]
            .children
            .reserve_exact(children);
        id
    }

    /// Closes the current node. Closing the root is ignored, so unbalanced input from an
    /// outside parse cannot break the tree.
    pub fn close(&mut self) {
        if self.stack.len() > 1 {
            let id = self.stack.pop().expect("checked length");
            let end = self.analysis.tokens.len() as u32;
            self.analysis.nodes[id as usize].end = end;
        }
    }

    /// Depth of open nodes, the root not counted.
    pub fn depth(&self) -> usize {
        self.stack.len() - 1
    }

    /// Adds a token under the current node. Offsets are byte offsets into the text.
    pub fn token(&mut self, text: &str, lemma: &str, tag: Tag, start: usize, end: usize) -> u32 {
        self.push(Token {
            text: text.into(),
            lemma: lemma.into(),
            tag,
            start: start as u32,
            end: end as u32,
        })
    }

    /// Adds a ready-made token under the current node; returns its index.
    pub fn push(&mut self, token: Token) -> u32 {
        let index = self.analysis.tokens.len() as u32;
        self.analysis.tokens.push(token);
        let current = *self.stack.last().expect("root is never closed");
        self.analysis.nodes[current as usize]
            .children
            .push(Child::Token(index));
        index
    }

    /// Closes every open node and returns the analysis.
    pub fn finish(mut self) -> Analysis {
        while self.stack.len() > 1 {
            self.close();
        }
        let end = self.analysis.tokens.len() as u32;
        self.analysis.nodes[0].end = end;
        self.analysis
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Analysis {
        let mut b = AnalysisBuilder::new("Arnor met Gondor.");
        b.open(Label::S);
        b.open(Label::NP);
        b.token("Arnor", "Arnor", Tag::NNP, 0, 5);
        b.close();
        b.open(Label::VP);
        b.token("met", "meet", Tag::VBD, 6, 9);
        b.open(Label::NP);
        b.token("Gondor", "Gondor", Tag::NNP, 10, 16);
        b.close();
        b.close();
        b.token(".", ".", Tag::Period, 16, 17);
        b.finish()
    }

    #[test]
    fn spans_and_parents() {
        let a = sample();
        assert_eq!(a.nodes.len(), 5);
        let s = a.node(1);
        assert_eq!((s.start, s.end), (0, 4));
        let vp = a.node(3);
        assert_eq!(vp.label, Label::VP);
        assert_eq!((vp.start, vp.end), (1, 3));
        assert_eq!(a.parent_of_token(2), 4);
        assert_eq!(a.parent_of_token(1), 3);
        assert_eq!(a.ancestors(4).collect::<Vec<_>>(), vec![4, 3, 1, 0]);
        assert_eq!(a.text_of(3), "met Gondor");
        assert_eq!(a.words_of(1), "Arnor met Gondor .");
    }

    #[test]
    fn tags_round_trip() {
        for tag in Tag::ALL {
            assert_eq!(Tag::from_penn(tag.as_str()), tag);
        }
        assert_eq!(Tag::from_penn("BOGUS"), Tag::Other);
        assert_eq!(Label::from_penn("NP-SBJ-1"), Label::NP);
        assert_eq!(Label::from_penn("-NONE-"), Label::X);
    }

    #[test]
    fn unbalanced_close_is_harmless() {
        let mut b = AnalysisBuilder::new("x");
        b.close();
        b.close();
        b.token("x", "x", Tag::NN, 0, 1);
        let a = b.finish();
        assert_eq!(a.to_penn(), "(ROOT (NN x))");
    }
}

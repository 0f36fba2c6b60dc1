//! Head finding: which word a phrase is about.
//!
//! This module owns the head rules used on every [`Analysis`], whichever producer made it.
//! They follow Collins (1999) as revised in the Stanford parser, with three changes that suit
//! event coding, where heads are used to find actors and verbs:
//! - `S` is headed by its `VP` and `SBAR` by its `S` (the semantic head), not by a
//!   complementizer;
//! - in an `NP` only the children before the first post-modifier (`PP`, `SBAR`, `VP`, a comma,
//!   a conjunction, ...) are searched, so `Gondor, Arnor and Rohan` is headed by `Gondor`
//!   and the head of a coordinated or appositive NP is the first conjunct's;
//! - a possessive `'s` never heads an NP: the noun it marks does.
//!
//! A rule lists categories by priority and a direction: for each category in turn the
//! children are searched in that direction, and the first child of that category is the head
//! child; when no category matches, the first child in the direction is taken.

use crate::analysis::{Analysis, Child, Label, NodeId, Tag};

/// The head token of node `node`: its head child, then that child's head, down to a word.
/// `None` for a node without words.
pub fn head_token(a: &Analysis, node: NodeId) -> Option<u32> {
    let mut current = node;
    // Each step goes one level down, so the loop ends; the bound guards a malformed arena.
    for _ in 0..=a.nodes.len() {
        match head_child(a, current)? {
            Child::Token(t) => return Some(t),
            Child::Node(n) => current = n,
        }
    }
    None
}

/// The head noun token of an NP (or `NX`, `NAC`, `WHNP`). For a coordinated or appositive
/// NP, `(NP (NP A) (CC and) (NP B))` or `(NP (NP X) (, ,) (NP Y))`, the first conjunct's
/// head. `None` when `node` is not a noun phrase or has no words.
pub fn np_head(a: &Analysis, node: NodeId) -> Option<u32> {
    match a.node(node).label {
        Label::NP | Label::NX | Label::NAC | Label::WHNP => head_token(a, node),
        _ => None,
    }
}

/// The head child of `node` by the rules above; `None` for a node without children.
pub fn head_child(a: &Analysis, node: NodeId) -> Option<Child> {
    let n = a.node(node);
    let children = &n.children;
    if children.is_empty() {
        return None;
    }
    let kinds: Vec<Kind> = children.iter().map(|&c| kind(a, c)).collect();
    let pick = |i: usize| Some(children[i]);
    use Dir::{Left, Right};
    use Kind::{L, T};
    let found = match n.label {
        Label::NP | Label::NX | Label::NAC | Label::WHNP => {
            return np_head_child(children, &kinds);
        }
        Label::Root => search(&kinds, Left, &[L(Label::S), L(Label::SINV), L(Label::SQ)]),
        Label::S => search(
            &kinds,
            Left,
            &[
                L(Label::VP),
                L(Label::S),
                L(Label::SBAR),
                L(Label::ADJP),
                L(Label::UCP),
                L(Label::NP),
                T(Tag::TO),
                T(Tag::IN),
            ],
        ),
        Label::SBAR => search(
            &kinds,
            Left,
            &[
                L(Label::S),
                L(Label::SQ),
                L(Label::SINV),
                L(Label::SBAR),
                L(Label::FRAG),
                L(Label::WHNP),
                L(Label::WHPP),
                L(Label::WHADVP),
                L(Label::WHADJP),
                T(Tag::IN),
                T(Tag::DT),
            ],
        ),
        Label::SBARQ => search(
            &kinds,
            Left,
            &[
                L(Label::SQ),
                L(Label::S),
                L(Label::SINV),
                L(Label::SBARQ),
                L(Label::FRAG),
            ],
        ),
        Label::SINV | Label::SQ => search(
            &kinds,
            Left,
            &[
                T(Tag::VBZ),
                T(Tag::VBD),
                T(Tag::VBP),
                T(Tag::VB),
                T(Tag::MD),
                L(Label::VP),
                L(Label::S),
                L(Label::SINV),
                L(Label::SQ),
                L(Label::ADJP),
                L(Label::NP),
            ],
        ),
        Label::VP => search(
            &kinds,
            Left,
            &[
                T(Tag::TO),
                T(Tag::VBD),
                T(Tag::VBN),
                T(Tag::MD),
                T(Tag::VBZ),
                T(Tag::VB),
                T(Tag::VBG),
                T(Tag::VBP),
                L(Label::VP),
                L(Label::ADJP),
                T(Tag::NN),
                T(Tag::NNS),
                L(Label::NP),
            ],
        ),
        Label::PP | Label::WHPP => search(
            &kinds,
            Left,
            &[
                T(Tag::IN),
                T(Tag::TO),
                T(Tag::VBG),
                T(Tag::VBN),
                T(Tag::RP),
                T(Tag::FW),
                L(Label::PP),
            ],
        ),
        Label::ADJP | Label::WHADJP => search(
            &kinds,
            Left,
            &[
                T(Tag::NNS),
                L(Label::QP),
                T(Tag::NN),
                T(Tag::Dollar),
                L(Label::ADVP),
                T(Tag::JJ),
                T(Tag::VBN),
                T(Tag::VBG),
                L(Label::ADJP),
                T(Tag::JJR),
                L(Label::NP),
                T(Tag::JJS),
                T(Tag::DT),
                T(Tag::FW),
                T(Tag::RBR),
                T(Tag::RBS),
                L(Label::SBAR),
                T(Tag::RB),
            ],
        ),
        Label::ADVP | Label::WHADVP => search(
            &kinds,
            Right,
            &[
                T(Tag::RB),
                T(Tag::RBR),
                T(Tag::RBS),
                T(Tag::WRB),
                T(Tag::FW),
                L(Label::ADVP),
                T(Tag::TO),
                T(Tag::CD),
                T(Tag::JJR),
                T(Tag::JJ),
                T(Tag::IN),
                L(Label::NP),
                T(Tag::JJS),
                T(Tag::NN),
            ],
        ),
        Label::QP => search(
            &kinds,
            Left,
            &[
                T(Tag::Dollar),
                T(Tag::IN),
                T(Tag::NNS),
                T(Tag::NN),
                T(Tag::JJ),
                T(Tag::CD),
                T(Tag::RB),
                T(Tag::DT),
                L(Label::QP),
                T(Tag::JJR),
                T(Tag::JJS),
            ],
        ),
        Label::PRT => search(&kinds, Right, &[T(Tag::RP)]),
        Label::CONJP => search(&kinds, Right, &[T(Tag::CC), T(Tag::RB), T(Tag::IN)]),
        Label::LST => search(&kinds, Right, &[T(Tag::LS), T(Tag::Colon)]),
        Label::RRC => search(
            &kinds,
            Right,
            &[
                L(Label::VP),
                L(Label::NP),
                L(Label::ADVP),
                L(Label::ADJP),
                L(Label::PP),
            ],
        ),
        Label::PRN | Label::INTJ => search(&kinds, Left, &[]),
        Label::FRAG | Label::UCP | Label::X => search(&kinds, Right, &[]),
    };
    found.and_then(pick)
}

/// What a child is, for matching against rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A phrase with this label.
    L(Label),
    /// A word with this tag.
    T(Tag),
}

#[derive(Clone, Copy)]
enum Dir {
    Left,
    Right,
}

fn kind(a: &Analysis, child: Child) -> Kind {
    match child {
        Child::Node(n) => Kind::L(a.node(n).label),
        Child::Token(t) => Kind::T(a.token(t).tag),
    }
}

/// Index of the head among `kinds` by a priority list; when nothing matches, the first child
/// in the search direction that is not punctuation (or the first child at all).
fn search(kinds: &[Kind], dir: Dir, priority: &[Kind]) -> Option<usize> {
    let order: Vec<usize> = match dir {
        Dir::Left => (0..kinds.len()).collect(),
        Dir::Right => (0..kinds.len()).rev().collect(),
    };
    for want in priority {
        if let Some(&i) = order.iter().find(|&&i| kinds[i] == *want) {
            return Some(i);
        }
    }
    order
        .iter()
        .copied()
        .find(|&i| !matches!(kinds[i], Kind::T(t) if t.is_punctuation()))
        .or_else(|| order.first().copied())
}

/// Collins's NP rule, on the children before the first post-modifier.
fn np_head_child(children: &[Child], kinds: &[Kind]) -> Option<Child> {
    let is_break = |k: &Kind| match *k {
        Kind::L(l) => matches!(
            l,
            Label::PP | Label::SBAR | Label::VP | Label::S | Label::PRN | Label::RRC
        ),
        Kind::T(t) => matches!(t, Tag::Comma | Tag::CC | Tag::Colon | Tag::LRB),
    };
    let cut = kinds
        .iter()
        .position(is_break)
        .filter(|&i| i > 0)
        .unwrap_or(kinds.len());
    let kinds = &kinds[..cut];
    let from_right = |pred: &dyn Fn(&Kind) -> bool| kinds.iter().rposition(pred);
    let from_left = |pred: &dyn Fn(&Kind) -> bool| kinds.iter().position(pred);
    let found =
        from_right(&|k| matches!(k, Kind::T(t) if t.is_noun()) || matches!(k, Kind::L(Label::NX)))
            .or_else(|| from_left(&|k| matches!(k, Kind::L(Label::NP))))
            .or_else(|| from_right(&|k| matches!(k, Kind::T(Tag::PRP | Tag::WP | Tag::EX))))
            .or_else(|| {
                from_right(&|k| {
                    matches!(
                        k,
                        Kind::T(Tag::Dollar | Tag::JJR) | Kind::L(Label::ADJP | Label::PRN)
                    )
                })
            })
            .or_else(|| from_right(&|k| matches!(k, Kind::T(Tag::CD))))
            .or_else(|| {
                from_right(&|k| {
                    matches!(
                        k,
                        Kind::T(Tag::JJ | Tag::JJS | Tag::RB | Tag::DT | Tag::WDT)
                            | Kind::L(Label::QP)
                    )
                })
            })
            .or_else(|| {
                from_right(&|k| !matches!(k, Kind::T(t) if t.is_punctuation() || *t == Tag::POS))
            })
            .or_else(|| kinds.len().checked_sub(1));
    found.map(|i| children[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::penn;

    fn tree(s: &str) -> Analysis {
        penn::parse(s).unwrap()
    }

    /// The first node with this label, in pre-order.
    fn find(a: &Analysis, label: Label) -> NodeId {
        (0..a.nodes.len() as NodeId)
            .find(|&n| a.node(n).label == label)
            .unwrap()
    }

    fn word(a: &Analysis, t: Option<u32>) -> &str {
        t.map(|t| a.token(t).text.as_str()).unwrap_or("-")
    }

    #[test]
    fn clause_heads_are_verbs() {
        let a = tree(
            "(ROOT (S (NP (DT The) (JJ senior) (NN official)) (VP (VBD said) (SBAR (IN that) \
             (S (NP (NNP Arnor)) (VP (MD will) (VP (VB meet) (NP (NNP Gondor))))))) (. .)))",
        );
        assert_eq!(word(&a, head_token(&a, Analysis::ROOT)), "said");
        assert_eq!(word(&a, head_token(&a, find(&a, Label::S))), "said");
        assert_eq!(word(&a, head_token(&a, find(&a, Label::SBAR))), "will");
        assert_eq!(word(&a, np_head(&a, find(&a, Label::NP))), "official");
        let vp_meet = (0..a.nodes.len() as NodeId)
            .rfind(|&n| a.node(n).label == Label::VP)
            .unwrap();
        assert_eq!(word(&a, head_token(&a, vp_meet)), "meet");
    }

    #[test]
    fn noun_phrases() {
        let cases = [
            (
                "(NP (DT the) (JJ joint) (NN transport) (NN committee))",
                "committee",
            ),
            (
                "(NP (NP (DT the) (NN committee)) (PP (IN with) (NP (NNP Arnor))))",
                "committee",
            ),
            (
                "(NP (NNP Gondor) (, ,) (NNP Arnor) (CC and) (NNP Rohan))",
                "Gondor",
            ),
            ("(NP (NP (NNP Arnor)) (CC and) (NP (NNP Gondor)))", "Arnor"),
            (
                "(NP (NP (NNP Telemar)) (, ,) (NP (DT the) (NN minister)) (, ,))",
                "Telemar",
            ),
            (
                "(NP (NP (NNP Dagolath) (POS 's)) (NN minister))",
                "minister",
            ),
            ("(NP (NNP Dagolath) (POS 's))", "Dagolath"),
            ("(NP (PRP they))", "they"),
            ("(NP (DT All))", "All"),
            ("(NP (RB almost) (CD five) (NNS years))", "years"),
            ("(NP (QP (RB about) (CD 500)))", "500"),
            (
                "(NP (NN oil) (NN spill) (SBAR (WHNP (WDT that)) (S (VP (VBD spread)))))",
                "spill",
            ),
        ];
        for (s, want) in cases {
            let a = tree(s);
            assert_eq!(word(&a, np_head(&a, 1)), want, "{s}");
        }
        let a = tree("(S (VP (VBD left)))");
        assert_eq!(np_head(&a, 1), None);
    }

    #[test]
    fn other_phrases() {
        let cases = [
            ("(PP (IN with) (NP (NNP Gondor)))", "with"),
            (
                "(PP (ADVP (RB especially)) (IN by) (S (VP (VBG promoting))))",
                "by",
            ),
            ("(VP (TO to) (VP (VB restore)))", "to"),
            ("(VP (VBZ is) (VP (VBN expected)))", "is"),
            ("(VP (MD will) (VP (VB meet)))", "will"),
            ("(ADJP (RB very) (JJ angry))", "angry"),
            ("(ADVP (RB very) (RB quickly))", "quickly"),
            (
                "(SBAR (IN after) (S (NP (NNS crowds)) (VP (VBD trashed))))",
                "trashed",
            ),
            ("(PRT (RP down))", "down"),
            ("(QP (RB almost) (CD five))", "five"),
            ("(FRAG (NP (NN x)) (. .))", "x"),
        ];
        for (s, want) in cases {
            let a = tree(s);
            assert_eq!(word(&a, head_token(&a, 1)), want, "{s}");
        }
    }

    #[test]
    fn empty_node_has_no_head() {
        let mut b = crate::AnalysisBuilder::new("");
        b.open(Label::NP);
        let a = b.finish();
        assert_eq!(head_token(&a, 1), None);
        assert_eq!(head_token(&a, 0), None);
    }
}

//! A sentence prepared for coding: the analysis plus what every stage of the coder looks up
//! repeatedly — upper-case words (dictionaries are upper-case) and, for every token, the
//! noun phrases that start and end there.

use compact_str::CompactString;
use detente_text::{Analysis, Label, NodeId, Tag};

/// An [`Analysis`] with upper-case words and a noun-phrase index.
pub struct Prepared<'a> {
    /// The analysis being coded.
    pub analysis: &'a Analysis,
    /// Upper-case form of every token (`'s` → `'S`), the form dictionaries are written in.
    upper: Vec<CompactString>,
    /// NP nodes in preorder (outer before inner, left before right).
    pub noun_phrases: Vec<NodeId>,
}

impl<'a> Prepared<'a> {
    /// Prepares `analysis` for coding.
    pub fn new(analysis: &'a Analysis) -> Prepared<'a> {
        let upper = analysis
            .tokens
            .iter()
            .map(|t| normalise_word(&t.text, t.tag))
            .collect();
        let mut noun_phrases = Vec::new();
        collect_noun_phrases(analysis, Analysis::ROOT, &mut noun_phrases);
        Prepared {
            analysis,
            upper,
            noun_phrases,
        }
    }

    /// Upper-case words as `&str`, for the dictionary matchers.
    pub fn words(&self) -> Vec<&str> {
        self.upper.iter().map(CompactString::as_str).collect()
    }

    /// The upper-case word at `index`.
    pub fn word(&self, index: usize) -> &str {
        &self.upper[index]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.upper.len()
    }

    /// Whether the sentence has no tokens.
    pub fn is_empty(&self) -> bool {
        self.upper.is_empty()
    }

    /// The tag of token `index`.
    pub fn tag(&self, index: usize) -> Tag {
        self.analysis.tokens[index].tag
    }

    /// The innermost NP that starts at token `start` and ends before `limit`, preferring the
    /// outermost such NP (largest span).
    pub fn noun_phrase_at(&self, start: usize, limit: usize) -> Option<NodeId> {
        self.noun_phrases.iter().copied().find(|&n| {
            let node = self.analysis.node(n);
            node.start as usize == start && node.end as usize <= limit && node.end > node.start
        })
    }

    /// Every NP starting at `start` and ending by `limit`, outermost first.
    pub fn noun_phrases_at(&self, start: usize, limit: usize) -> impl Iterator<Item = NodeId> + '_ {
        self.noun_phrases.iter().copied().filter(move |&n| {
            let node = self.analysis.node(n);
            node.start as usize == start && node.end as usize <= limit && node.end > node.start
        })
    }

    /// Every NP ending at `end` (exclusive) and starting at or after `floor`, outermost
    /// first.
    pub fn noun_phrases_ending_at(
        &self,
        end: usize,
        floor: usize,
    ) -> impl Iterator<Item = NodeId> + '_ {
        self.noun_phrases.iter().copied().filter(move |&n| {
            let node = self.analysis.node(n);
            node.end as usize == end && node.start as usize >= floor && node.end > node.start
        })
    }

    /// The innermost NP strictly containing token `index` (started before it).
    pub fn noun_phrase_around(&self, index: usize) -> Option<NodeId> {
        self.noun_phrases.iter().rev().copied().find(|&n| {
            let node = self.analysis.node(n);
            (node.start as usize) < index && index < node.end as usize
        })
    }

    /// The outermost NP that ends at token `end` (exclusive) and starts at or after `floor`.
    pub fn noun_phrase_ending_at(&self, end: usize, floor: usize) -> Option<NodeId> {
        self.noun_phrases.iter().copied().find(|&n| {
            let node = self.analysis.node(n);
            node.end as usize == end && node.start as usize >= floor && node.end > node.start
        })
    }
}

/// Second halves of hyphenated adjectives whose first half names the actor behind the noun.
const ACTOR_RELATIONS: [&str; 12] = [
    "LED",
    "BACKED",
    "BASED",
    "SUPPORTED",
    "SPONSORED",
    "CONTROLLED",
    "HELD",
    "RUN",
    "OWNED",
    "FUNDED",
    "ALLIED",
    "ARMED",
];

/// Dictionary form of a word: upper-case, with Penn's bracket and quote tokens spelled out.
fn normalise_word(text: &str, tag: Tag) -> CompactString {
    match tag {
        Tag::LRB => CompactString::const_new("("),
        Tag::RRB => CompactString::const_new(")"),
        Tag::OpenQuote | Tag::CloseQuote => CompactString::const_new("\""),
        // "The US said": written in capitals and tagged as a name, `US` is the country, not
        // the pronoun, which the dictionaries leave out.
        Tag::NNP | Tag::NNPS if text == "US" => CompactString::const_new("U.S."),
        _ if text.is_ascii() => {
            let mut upper = CompactString::from(text);
            upper.make_ascii_uppercase();
            // "Saudi-led", "Russian-backed", "Moscow-based": the actor leads, backs or
            // houses what follows, so the word reads as the actor's name.
            if let Some((actor, relation)) = upper.rsplit_once('-') {
                if !actor.is_empty() && ACTOR_RELATIONS.contains(&relation) {
                    return CompactString::from(if actor == "US" { "U.S." } else { actor });
                }
            }
            upper
        }
        _ => CompactString::from(text.to_uppercase()),
    }
}

fn collect_noun_phrases(a: &Analysis, id: NodeId, out: &mut Vec<NodeId>) {
    if a.node(id).label == Label::NP {
        out.push(id);
    }
    for child in a.child_nodes(id) {
        collect_noun_phrases(a, child, out);
    }
}

//! The entry point of our own shallow parser: raw text → one [`Analysis`] per sentence.
//!
//! [`Analyzer`] wires the stages of this crate: [`split_sentences`](crate::sentence),
//! [`tokenize`](crate::tokenize), [`tag_words`](crate::tagger::tag_words) and the chunker
//! ([`crate::chunk`]). It holds no state of its own beyond the embedded lexicon, which is
//! built once per process on first use, so one `Analyzer` (or many) can be shared freely
//! across threads.

use crate::analysis::{Analysis, AnalysisBuilder, Tag};
use crate::chunk::ChunkScratch;
use crate::lexicon::Lexicon;
use crate::sentence::split_sentences;
use crate::tagger::TagScratch;
use crate::tokenize::{tokenize_into, RawToken};
use compact_str::CompactString;
use std::cell::RefCell;

/// Working buffers of one analysis, kept per thread and reused from sentence to sentence, so
/// that the only allocations of an analysis are those of the [`Analysis`] it returns.
#[derive(Debug, Default)]
struct Scratch {
    raw: Vec<RawToken>,
    /// Always empty between analyses; see [`recycle`].
    words: Vec<&'static str>,
    spans: Vec<(u32, u32)>,
    tagger: TagScratch,
    chunk: ChunkScratch,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    fn analyze_sentence(&mut self, sentence: &str) -> Analysis {
        self.raw.clear();
        tokenize_into(sentence, &mut self.raw);
        let mut words = recycle(std::mem::take(&mut self.words));
        words.extend(self.raw.iter().map(|t| t.text(sentence)));
        crate::tagger::tag_into(&words, &mut self.tagger);
        self.spans.clear();
        self.spans.extend(self.raw.iter().map(|t| (t.start, t.end)));
        let mut b = AnalysisBuilder::new(sentence);
        crate::chunk::build_with(
            &mut b,
            &words,
            &self.tagger.tags,
            &self.tagger.lemmas,
            &self.spans,
            &mut self.chunk,
        );
        self.words = recycle(words);
        b.finish()
    }
}

/// Empties `v` and hands its allocation over to a vector of another lifetime (collecting a
/// vector's own `into_iter` reuses its buffer), so a buffer of borrowed words can be kept
/// between sentences.
fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

/// Raw text → analyses. Immutable, `Send + Sync` and cheap to copy.
///
/// ```
/// use detente_text::Analyzer;
/// let analyses = Analyzer::new().analyze("Syria was attacked by Israel. Arnor met Gondor.");
/// assert_eq!(analyses.len(), 2);
/// assert_eq!(analyses[1].offset, 30);
/// assert_eq!(
///     analyses[1].to_penn(),
///     "(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))"
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Analyzer {
    _private: (),
}

impl Analyzer {
    /// A new analyzer. The lexicon is built on the first analysis (a few milliseconds) and
    /// shared by every analyzer of the process.
    pub fn new() -> Analyzer {
        Analyzer { _private: () }
    }

    /// Builds the shared lexicon now rather than on the first analysis.
    pub fn warm_up(&self) {
        Lexicon::get();
    }

    /// Splits `text` into sentences and analyses each; every analysis's `offset` is the
    /// sentence's byte offset in `text`.
    pub fn analyze(&self, text: &str) -> Vec<Analysis> {
        split_sentences(text)
            .into_iter()
            .map(|r| {
                let mut a = self.analyze_sentence(&text[r.clone()]);
                a.offset = r.start;
                a
            })
            .collect()
    }

    /// Analyses one sentence (not split further).
    pub fn analyze_sentence(&self, sentence: &str) -> Analysis {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => scratch.analyze_sentence(sentence),
            // Only if an analysis were somehow re-entered on this thread.
            Err(_) => Scratch::default().analyze_sentence(sentence),
        })
    }

    /// Tags and lemmas for a given token sequence (one sentence, Penn tokens).
    pub fn tag_tokens(&self, words: &[&str]) -> Vec<(Tag, CompactString)> {
        crate::tagger::tag_words(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Child, Label};

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn is_send_sync() {
        assert_send_sync::<Analyzer>();
    }

    /// Checks the invariants every analysis must keep.
    fn check(a: &Analysis) {
        let text = &a.text;
        let mut last_end = 0u32;
        for t in &a.tokens {
            assert!(t.start < t.end, "empty token in {text:?}");
            assert!(t.start >= last_end, "tokens out of order in {text:?}");
            assert!((t.end as usize) <= text.len());
            assert!(
                text.is_char_boundary(t.start as usize) && text.is_char_boundary(t.end as usize)
            );
            last_end = t.end;
        }
        // Every token in exactly one leaf slot, in order; spans consistent.
        let mut seen = vec![0u32; a.tokens.len()];
        let mut order = Vec::new();
        fn walk(a: &Analysis, id: u32, seen: &mut [u32], order: &mut Vec<u32>) -> (u32, u32) {
            let node = a.node(id);
            let mut lo = u32::MAX;
            let mut hi = 0;
            for c in &node.children {
                let (s, e) = match *c {
                    Child::Token(t) => {
                        seen[t as usize] += 1;
                        order.push(t);
                        (t, t + 1)
                    }
                    Child::Node(n) => {
                        assert_eq!(a.node(n).parent, Some(id));
                        walk(a, n, seen, order)
                    }
                };
                if s < e {
                    lo = lo.min(s);
                    hi = hi.max(e);
                }
            }
            if lo != u32::MAX {
                assert_eq!(
                    (node.start, node.end),
                    (lo, hi),
                    "span of node {id} in {:?}",
                    a.text
                );
            }
            (node.start, node.end)
        }
        walk(a, Analysis::ROOT, &mut seen, &mut order);
        assert!(
            seen.iter().all(|&c| c == 1),
            "token not in exactly one leaf: {:?}",
            a.text
        );
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "leaves out of order: {:?}",
            a.text
        );
        assert_eq!(a.nodes[0].label, Label::Root);
    }

    #[test]
    fn offsets_point_into_the_document() {
        let text = "  Arnor met Gondor.\n\nSyria was attacked by Israel.  ";
        let all = Analyzer::new().analyze(text);
        assert_eq!(all.len(), 2);
        for a in &all {
            assert_eq!(&text[a.offset..a.offset + a.text.len()], a.text);
            check(a);
        }
        assert_eq!(all[1].tokens[0].text, "Syria");
        assert_eq!(all[1].tokens[1].lemma, "be");
    }

    #[test]
    fn degenerate_inputs() {
        let an = Analyzer::new();
        for s in [
            "",
            " ",
            ".",
            "...",
            "\"",
            "''",
            ",,,",
            "(",
            ")",
            "'s",
            "\u{0}\u{1}",
            "—",
            "é",
        ] {
            for a in an.analyze(s) {
                check(&a);
            }
            check(&an.analyze_sentence(s));
        }
        let long = "the attack of the army of Gondor on ".repeat(1500);
        check(&an.analyze_sentence(&long));
        let long = "Arnor said that ".repeat(2000);
        check(&an.analyze_sentence(&long));
        let long = "( \" ' , and ".repeat(2000);
        check(&an.analyze_sentence(&long));
    }

    #[test]
    fn pseudo_random_strings_never_panic() {
        const ALPHABET: &[&str] = &[
            "a", "e", "s", "t", "n", "A", "G", "Z", "the", "said", "of", "and", "was", "by", "'s",
            "n't", "to", "Gondor", "attacked", " ", " ", " ", "\n", "\n\n", "\t", ".", ",", "!",
            "?", ";", ":", "-", "--", "—", "(", ")", "[", "\"", "'", "“", "”", "‘", "’", "$", "%",
            "1", "3.5", "1,000", "…", "é", "É", "ß", "日本", "🙂", "\u{0}", "\u{7}", "\u{200b}",
            "U.S.", "Mr.", "a.m.", "&", "#", "/", "`", "_", "Dol_Amr", "anti-", "old and",
        ];
        let an = Analyzer::new();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..5000 {
            let len = (next() % if round % 50 == 0 { 400 } else { 40 }) as usize;
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(ALPHABET[(next() % ALPHABET.len() as u64) as usize]);
                if next() % 3 == 0 {
                    s.push(' ');
                }
            }
            for a in an.analyze(&s) {
                assert_eq!(&s[a.offset..a.offset + a.text.len()], a.text);
                check(&a);
            }
            check(&an.analyze_sentence(&s));
        }
    }
}

//! Tone: how positive or negative the words of a document or a sentence are, on the scale of
//! GDELT's `AvgTone`, with VADER's lexicon (the `vader_sentiment` crate: Hutto & Gilbert,
//! ICWSM 2014, MIT licence).
//!
//! # What the number means
//! [`Tone::tone`] is GDELT's definition applied to VADER's word list: the percentage of the
//! text's words that VADER's lexicon rates positive minus the percentage it rates negative,
//! `100 × (positive words − negative words) / words`. It runs from −100 to +100; news
//! usually falls between −10 and +10, as GDELT's `AvgTone` does. Like GDELT's, it counts
//! words and ignores their context ("not good" counts one positive word) and their strength
//! ("kill" weighs as much as "dislike"). One departure: a capitalised word inside a sentence
//! is taken as part of a name and counted as a word but not rated, because news is full of
//! names made of rated words ("the United Nations Security Council", "the Liberal Democrats")
//! that say nothing of the tone. A document's tone is that of all its words, so long documents
//! are not diluted by averaging sentences.
//!
//! [`Tone::compound`] is VADER's own sentence score, −1 to +1, which does weigh negation,
//! intensifiers, "but" and exclamation marks; it is meant for single sentences (for a
//! document, [`document_tone`] gives the mean of its sentences' compounds). It is reported
//! beside the GDELT-scale number, not mixed into it.
//!
//! Words are runs of letters and digits (with inner apostrophes and hyphens: "don't",
//! "cease-fire"), compared with the lexicon in lower case.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use vader_sentiment::SentimentIntensityAnalyzer;

/// The tone of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tone {
    /// GDELT-scale tone: `positive − negative` (percentage points), −100 to +100.
    pub tone: f64,
    /// Percentage of the words that VADER's lexicon rates positive.
    pub positive: f64,
    /// Percentage of the words that VADER's lexicon rates negative.
    pub negative: f64,
    /// `positive + negative`: how emotionally charged the text is (GDELT's "polarity").
    pub polarity: f64,
    /// Number of words counted.
    pub words: usize,
    /// VADER's compound score, −1 to +1 (for a document, the mean over its sentences).
    pub compound: f64,
}

/// VADER's lexicon in lower case: word → valence (−4 to +4).
fn lexicon() -> &'static FxHashMap<String, f64> {
    static LEXICON: OnceLock<FxHashMap<String, f64>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        vader_sentiment::LEXICON
            .iter()
            .map(|(word, &valence)| (word.to_lowercase(), valence))
            .collect()
    })
}

/// Counts of words, positive words and negative words of a text.
#[derive(Clone, Copy, Debug, Default)]
struct WordCounts {
    words: usize,
    positive: usize,
    negative: usize,
}

impl WordCounts {
    fn of(text: &str) -> WordCounts {
        let lexicon = lexicon();
        let mut counts = WordCounts::default();
        // One buffer for every word's lower-case form: counting allocates nothing per word.
        let mut lower = String::new();
        for (word, opens) in words_with_position(text) {
            counts.words += 1;
            if !opens && looks_like_name(word) {
                continue;
            }
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                for c in word.chars() {
                    if c == '\u{2019}' {
                        lower.push('\'');
                    } else if c.is_ascii() {
                        lower.push(c.to_ascii_lowercase());
                    } else {
                        lower.extend(c.to_lowercase());
                    }
                }
            }
            match lexicon.get(lower.as_str()) {
                Some(&v) if v > 0.0 => counts.positive += 1,
                Some(&v) if v < 0.0 => counts.negative += 1,
                _ => {}
            }
        }
        counts
    }

    fn tone(self, compound: f64) -> Tone {
        let share = |n: usize| {
            if self.words == 0 {
                0.0
            } else {
                100.0 * n as f64 / self.words as f64
            }
        };
        let (positive, negative) = (share(self.positive), share(self.negative));
        Tone {
            tone: positive - negative,
            positive,
            negative,
            polarity: positive + negative,
            words: self.words,
            compound,
        }
    }
}

/// The words of a text: runs of letters and digits, keeping apostrophes and hyphens between
/// two of them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    words_with_position(text).map(|(w, _)| w)
}

/// [`words`], each with whether it opens a sentence (the first word of the text, or a word
/// after `.`, `!`, `?`, `:`, `;`, a line break or an opening quotation mark).
fn words_with_position(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let is_inner = |c: char| c == '\'' || c == '\u{2019}' || c == '-';
    let mut previous_end = 0usize;
    text.split(move |c: char| !(c.is_alphanumeric() || is_inner(c)))
        .map(move |w| {
            let trimmed = w.trim_matches(is_inner);
            // `split` yields subslices of `text`: their offsets are pointer differences.
            let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
            (trimmed, start)
        })
        .filter(|(w, _)| w.chars().any(char::is_alphanumeric))
        .map(move |(w, start)| {
            let gap = text.get(previous_end..start).unwrap_or("");
            let opens =
                previous_end == 0 || gap.contains(['.', '!', '?', ':', ';', '\n', '"', '\u{201c}']);
            previous_end = start + w.len();
            (w, opens)
        })
}

/// Whether a word inside a sentence is written as part of a name: a capital followed by
/// a small letter ("United" in "the United Nations"). All-capital words are not names here.
fn looks_like_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase)
}

/// VADER's compound score of one sentence (0 for a text without words).
fn compound(analyzer: &SentimentIntensityAnalyzer<'_>, sentence: &str) -> f64 {
    analyzer
        .polarity_scores(sentence)
        .get("compound")
        .copied()
        .filter(|c| c.is_finite())
        .unwrap_or(0.0)
}

/// The tone of one sentence.
///
/// ```
/// let t = detente_doc::tone::sentence_tone("The talks were a great success.");
/// assert!(t.tone > 0.0 && t.compound > 0.0);
/// ```
pub fn sentence_tone(sentence: &str) -> Tone {
    let analyzer = SentimentIntensityAnalyzer::new();
    WordCounts::of(sentence).tone(compound(&analyzer, sentence))
}

/// The tone of a document: the word shares over all its words, and the mean VADER compound
/// of its sentences (split with `detente_text::split_sentences`).
pub fn document_tone(text: &str) -> Tone {
    let analyzer = SentimentIntensityAnalyzer::new();
    let mut sum = 0.0;
    let mut sentences = 0usize;
    for range in detente_text::split_sentences(text) {
        let Some(sentence) = text.get(range) else {
            continue;
        };
        if words(sentence).next().is_none() {
            continue;
        }
        sum += compound(&analyzer, sentence);
        sentences += 1;
    }
    let mean = if sentences == 0 {
        0.0
    } else {
        sum / sentences as f64
    };
    WordCounts::of(text).tone(mean)
}

/// The tone of each sentence of a document and of the document itself, in one pass: the
/// document's word shares are those of all its sentences' words together. VADER's compound
/// score is the costly part (it runs VADER's full rules on every sentence); without
/// `compound`, every `compound` field is 0.
pub fn sentence_and_document_tones(sentences: &[&str], compound: bool) -> (Tone, Vec<Tone>) {
    let analyzer = compound.then(SentimentIntensityAnalyzer::new);
    let mut total = WordCounts::default();
    let mut sum = 0.0;
    let mut scored = 0usize;
    let tones = sentences
        .iter()
        .map(|sentence| {
            let counts = WordCounts::of(sentence);
            total.words += counts.words;
            total.positive += counts.positive;
            total.negative += counts.negative;
            let c = match &analyzer {
                Some(a) if counts.words > 0 => {
                    let c = self::compound(a, sentence);
                    sum += c;
                    scored += 1;
                    c
                }
                _ => 0.0,
            };
            counts.tone(c)
        })
        .collect();
    let mean = if scored == 0 {
        0.0
    } else {
        sum / scored as f64
    };
    (total.tone(mean), tones)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn one_pass_tones_agree_with_the_single_ones() {
        let sentences = ["The talks were a great success.", "Violence flared again."];
        let (doc, each) = sentence_and_document_tones(&sentences, true);
        for (s, t) in sentences.iter().zip(&each) {
            let single = sentence_tone(s);
            assert!(close(t.tone, single.tone) && close(t.compound, single.compound));
        }
        assert_eq!(doc.words, each[0].words + each[1].words);
        assert!(close(
            doc.compound,
            (each[0].compound + each[1].compound) / 2.0
        ));
        let (cheap, _) = sentence_and_document_tones(&sentences, false);
        assert!(close(cheap.tone, doc.tone) && cheap.compound == 0.0);
    }

    #[test]
    fn word_shares_follow_gdelt_definition() {
        // Ten words; VADER's lexicon rates "welcomed" and "peace" positive and "violence"
        // negative, and has no entry for the others.
        let t = sentence_tone("The minister welcomed the peace plan but deplored the violence.");
        assert_eq!(t.words, 10);
        assert!(close(t.positive, 20.0), "{t:?}");
        assert!(close(t.negative, 10.0), "{t:?}");
        assert!(close(t.tone, 10.0), "{t:?}");
        assert!(close(t.polarity, 30.0), "{t:?}");
    }

    #[test]
    fn positive_and_negative_sentences() {
        let good =
            sentence_tone("Both sides praised the agreement and hailed a new era of friendship.");
        let bad =
            sentence_tone("Rebels killed twelve soldiers in a brutal attack on the border town.");
        assert!(good.tone > 5.0, "{good:?}");
        assert!(good.compound > 0.5, "{good:?}");
        assert!(bad.tone < -5.0, "{bad:?}");
        assert!(bad.compound < -0.5, "{bad:?}");
    }

    #[test]
    fn a_neutral_sentence_scores_zero() {
        let t = sentence_tone("The delegation arrived in Geneva on Tuesday afternoon.");
        assert_eq!((t.tone, t.positive, t.negative), (0.0, 0.0, 0.0));
        assert_eq!(t.words, 8);
        assert_eq!(t.compound, 0.0);
    }

    #[test]
    fn compound_sees_negation_that_word_shares_do_not() {
        let t = sentence_tone("The talks were not successful.");
        assert!(
            t.tone > 0.0,
            "word shares count 'successful' as positive: {t:?}"
        );
        assert!(t.compound < 0.0, "VADER reads the negation: {t:?}");
    }

    #[test]
    fn document_tone_counts_all_words_and_averages_compounds() {
        let a = "Both sides praised the agreement.";
        let b = "Rebels killed twelve soldiers.";
        let doc = format!("{a} {b}");
        let t = document_tone(&doc);
        let (ta, tb) = (sentence_tone(a), sentence_tone(b));
        assert_eq!(t.words, ta.words + tb.words);
        let expected = 100.0
            * (ta.positive / 100.0 * ta.words as f64 + tb.positive / 100.0 * tb.words as f64)
            / t.words as f64;
        assert!(close(t.positive, expected), "{t:?}");
        assert!(
            close(t.compound, (ta.compound + tb.compound) / 2.0),
            "{t:?}"
        );
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for text in [
            "",
            "   ",
            "!!!",
            "?",
            "a",
            "-- ' -",
            "😀",
            "no",
            "not so",
            "at least very",
        ] {
            let t = document_tone(text);
            assert!(
                t.tone.is_finite() && t.compound.is_finite(),
                "{text:?}: {t:?}"
            );
            let t = sentence_tone(text);
            assert!(
                t.tone.is_finite() && t.compound.is_finite(),
                "{text:?}: {t:?}"
            );
        }
        assert_eq!(document_tone("").words, 0);
    }

    #[test]
    fn capitalised_words_inside_a_sentence_are_names_and_not_rated() {
        // "United" and "Security" are positive in VADER's lexicon; here they are names.
        let t = sentence_tone("Members of the United Nations Security Council met on Monday.");
        assert_eq!((t.words, t.positive, t.negative), (10, 0.0, 0.0));
        // At the start of a sentence, or of a quotation, a capital says nothing.
        let t = sentence_tone("Security was tight. \"Peace is near,\" he said.");
        assert!(close(t.positive, 100.0 * 2.0 / 8.0), "{t:?}");
        // All-capital words are rated.
        let t = document_tone("REBELS KILLED SOLDIERS");
        assert!(close(t.negative, 200.0 / 3.0), "{t:?}");
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let w: Vec<&str> = words("Don't break the cease-fire -- 'now', he said.").collect();
        assert_eq!(
            w,
            ["Don't", "break", "the", "cease-fire", "now", "he", "said"]
        );
    }
}

//! Sentence splitting: the byte ranges of the sentences of a text.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis (with any closing quotes and brackets that
//! follow it) when whitespace and then something other than a lower-case letter come next, and
//! always at a blank line (a paragraph break). A single newline is not a break: news text is
//! often wrapped. A period after an abbreviation does not end a sentence: titles (`Mr.`,
//! `Gen.`), months (`Jan.`), initials (`George W. Bush`) never do; abbreviations that often end
//! sentences too (`U.S.`, `Inc.`, `p.m.`, `etc.`) do only when the next word is one that
//! typically starts a sentence (`The`, `He`, `But`...). Numbers (`3.5`) never break, since the
//! period is not followed by whitespace.
//!
//! This module owns nothing else: tokens come from [`crate::tokenize`].

use std::ops::Range;

const ELLIPSIS: &[u8] = "…".as_bytes();

/// Abbreviations (without their final period) after which a sentence never ends.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "pres", "prof", "st",
    "capt", "maj", "adm", "cmdr", "cdr", "brig", "cpl", "pvt", "rev", "hon", "amb", "gens", "sens",
    "reps", "messrs", "mt", "ft", "fr", "supt", "insp", "det", "lieut", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v", "no", "nos", "approx",
    "dept", "est", "fig", "vol", "ca", "cf", "e.g", "i.e",
];

/// Abbreviations that may end a sentence: they do when a typical sentence opener follows.
const MAYBE_FINAL: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "sr", "etc", "al", "govt",
];

/// Capitalised words that typically open a sentence; after an ambiguous abbreviation they
/// mark a break.
const OPENERS: &[&str] = &[
    "A",
    "An",
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "But",
    "And",
    "Or",
    "So",
    "In",
    "On",
    "At",
    "For",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Last",
    "Officials",
    "Police",
    "Some",
    "Many",
    "Most",
    "No",
    "Not",
    "Now",
    "Then",
    "Yet",
    "Still",
    "Also",
    "According",
    "As",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
];

/// The byte ranges of the sentences of `text`, in order, without surrounding whitespace.
/// Every range starts and ends on a char boundary and no range is empty.
///
/// ```
/// use detente_text::sentence::split_sentences;
/// let text = "Mr. Smith went to Washington. He met Gen. Jones at 3.5 p.m. on Jan. 5.";
/// let s: Vec<&str> = split_sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(s, ["Mr. Smith went to Washington.", "He met Gen. Jones at 3.5 p.m. on Jan. 5."]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        // Most bytes can neither end a sentence nor start a paragraph break (`…` starts with
        // 0xE2): skip them eight at a time.
        i = skip_plain(bytes, i);
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        if b == b'\n' {
            // A blank line (newline, optional spaces, newline) is a paragraph break.
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push_trimmed(text, start, i, &mut out);
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        if !matches!(b, b'.' | b'!' | b'?') && !bytes[i..].starts_with(ELLIPSIS) {
            i += 1;
            continue;
        }
        // The run of terminators, then closing quotes and brackets.
        let term_start = i;
        let mut j = i;
        loop {
            if j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            } else if bytes[j..].starts_with(ELLIPSIS) {
                j += ELLIPSIS.len();
            } else {
                break;
            }
        }
        let term_end = j;
        loop {
            let rest = &text[j..];
            match rest.chars().next() {
                Some(c @ ('"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»')) => {
                    j += c.len_utf8()
                }
                _ => break,
            }
        }
        let end = j;
        // Whitespace must follow (or the end of the text).
        let mut k = j;
        while k < bytes.len() && matches!(bytes[k], b' ' | b'\t' | b'\r' | b'\n') {
            k += 1;
        }
        if k == j && k < bytes.len() {
            i = term_end.max(i + 1);
            continue;
        }
        if k >= bytes.len() {
            break;
        }
        let next = next_word(text, k);
        let is_break = next
            .chars()
            .next()
            .map(|c| !c.is_lowercase())
            .unwrap_or(true)
            && !(b == b'.'
                && term_end - term_start == 1
                && is_abbreviation(text, term_start, next));
        if is_break {
            push_trimmed(text, start, end, &mut out);
            start = k;
            i = k;
        } else {
            i = term_end;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The first index at or after `i` holding `\n`, `.`, `!`, `?` or 0xE2 (the first byte of
/// `…`), or `bytes.len()` if there is none.
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    const LO: u64 = u64::from_ne_bytes([0x01; 8]);
    const HI: u64 = u64::from_ne_bytes([0x80; 8]);
    // High bit of each byte of `x` equal to `b`; bits above the first match may be false
    // positives (borrows), but the lowest set bit is always a true match.
    #[inline(always)]
    fn matches(x: u64, b: u8) -> u64 {
        let y = x ^ (LO * b as u64);
        y.wrapping_sub(LO) & !y & HI
    }
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let m = matches(x, b'\n')
            | matches(x, b'.')
            | matches(x, b'!')
            | matches(x, b'?')
            | matches(x, 0xE2);
        if m != 0 {
            // Little-endian: the lowest set bit is in the first matching byte.
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !matches!(bytes[i], b'\n' | b'.' | b'!' | b'?' | 0xE2) {
        i += 1;
    }
    i
}

/// The word starting at byte `k` (up to whitespace), its leading quotes kept.
fn next_word(text: &str, k: usize) -> &str {
    let rest = &text[k..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    &rest[..end]
}

/// Whether the single period at byte `dot` closes an abbreviation rather than the sentence,
/// given the next word.
fn is_abbreviation(text: &str, dot: usize, next: &str) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '\'' | '‘' | '['))
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let next_core = next.trim_end_matches(|c: char| !c.is_alphanumeric());
    let opener = OPENERS.contains(&next_core);
    // Initials: a single capital letter ("W." in "George W. Bush").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return !opener || next_core == "A";
        }
    }
    // Letter-dot sequences: "U.S", "a.m", "U.N".
    if word.len() >= 3
        && word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    {
        return !opener;
    }
    if word.len() > 8 || !word.is_ascii() {
        return false;
    }
    let mut lower = [0u8; 8];
    for (d, s) in lower.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&lower[..word.len()]).unwrap_or("");
    if NEVER_FINAL.contains(&lower) {
        // "no." and "v." are only abbreviations before a number or a capitalised name.
        if matches!(lower, "no" | "nos") {
            return word.starts_with('N') && next.starts_with(|c: char| c.is_ascii_digit());
        }
        return true;
    }
    if MAYBE_FINAL.contains(&lower) {
        return !opener;
    }
    false
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let slice = &text[start..end];
    let trimmed_start = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let s = start + trimmed_start;
        out.push(s..s + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_plain_finds_the_first_candidate() {
        let naive = |b: &[u8], i: usize| {
            (i..b.len())
                .find(|&k| matches!(b[k], b'\n' | b'.' | b'!' | b'?' | 0xE2))
                .unwrap_or(b.len())
        };
        let texts = [
            "",
            "abc",
            "abcdefghijklmnop",
            "abcdefghij.klmnop",
            "-/,.!?\n\u{2026}\u{e9}\u{7f}\u{80}",
            "He said \u{2026} then. Stop! What? \nNo\n\nyes",
            "\u{a0}\u{100}\u{2014}\u{2026}xxxxxxxx\u{e2}",
        ];
        for t in texts {
            let b = t.as_bytes();
            for i in 0..=b.len() {
                assert_eq!(super::skip_plain(b, i), naive(b, i), "{t:?} at {i}");
            }
        }
        // Every byte value in every position of a window.
        for v in 0..=255u8 {
            for p in 0..12 {
                let mut b = vec![b'a'; 12];
                b[p] = v;
                assert_eq!(super::skip_plain(&b, 0), naive(&b, 0), "{v} at {p}");
                b[(p + 5) % 12] = b'.';
                assert_eq!(super::skip_plain(&b, 0), naive(&b, 0), "{v} at {p} with .");
            }
        }
    }

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn basic_and_abbreviations() {
        assert_eq!(
            split("Arnor met Gondor. Then it left!"),
            ["Arnor met Gondor.", "Then it left!"]
        );
        assert_eq!(
            split("Mr. Smith and Dr. Jones met Sen. Reid. They talked."),
            ["Mr. Smith and Dr. Jones met Sen. Reid.", "They talked."]
        );
        assert_eq!(
            split("George W. Bush met U.S. Secretary of State John Kerry."),
            ["George W. Bush met U.S. Secretary of State John Kerry."]
        );
        assert_eq!(
            split("He moved to the U.S. The move was quick."),
            ["He moved to the U.S.", "The move was quick."]
        );
        assert_eq!(
            split("Acme Inc. said it lost $1.2 billion. Shares fell 3.5 percent."),
            [
                "Acme Inc. said it lost $1.2 billion.",
                "Shares fell 3.5 percent."
            ]
        );
        assert_eq!(
            split("It ended at 5 p.m. on Jan. 5."),
            ["It ended at 5 p.m. on Jan. 5."]
        );
        assert_eq!(split("See No. 5 vs. No. 6."), ["See No. 5 vs. No. 6."]);
    }

    #[test]
    fn quotes_ellipses_and_paragraphs() {
        assert_eq!(
            split("\"We will fight,\" he said. \"It is over.\" Next came talks."),
            [
                "\"We will fight,\" he said.",
                "\"It is over.\"",
                "Next came talks."
            ]
        );
        assert_eq!(
            split("Wait... and then? Nothing."),
            ["Wait... and then?", "Nothing."]
        );
        assert_eq!(
            split("A headline\n\nThe text\nwraps here. Done"),
            ["A headline", "The text\nwraps here.", "Done"]
        );
        assert_eq!(split("“Why?” he asked."), ["“Why?” he asked."]);
    }

    #[test]
    fn degenerate_inputs() {
        assert!(split("").is_empty());
        assert!(split("   \n\n  ").is_empty());
        assert_eq!(split("..."), ["..."]);
        assert_eq!(split("é. Ün! …"), ["é.", "Ün!", "…"]);
        assert_eq!(split("a.b.c"), ["a.b.c"]);
    }
}

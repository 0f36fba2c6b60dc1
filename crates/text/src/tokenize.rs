//! Penn-Treebank-style tokenization of one sentence, with byte offsets into it.
//!
//! Conventions: `don't` → `do n't`, `can't` → `ca n't`, `won't` → `wo n't`, clitics `'s 're 've
//! 'll 'd 'm` split off, possessive `countries'` → `countries '`; quotes become ``` `` ``` (opening)
//! or `''` (closing), brackets `-LRB-`/`-RRB-`; commas, semicolons, colons, `!`, `?`, `$`, `%`,
//! dashes (`--`, `—`, `–`) and ellipses are tokens of their own; hyphenated words
//! (`Moscow-based`), numbers (`1,000`, `3.5`, `10:30`) and abbreviations (`U.S.`, `Mr.`) stay
//! whole; a word's final period is split off unless the word is an abbreviation that is not
//! the last word of the sentence. A prefix cut off from its word by a space keeps its hyphen
//! (`anti- Gondor` → `anti-`, `Gondor`), and an underscore joining the words of a name, as
//! PETRARCH writes them (`Dol_Amroth`), separates them like a space.
//!
//! Tokens never copy text: a token is a byte range plus, for quotes and brackets, the Penn
//! spelling that replaces the source characters.

/// One token: a byte range of the sentence, and the Penn spelling when it differs from the
/// source (quotes and brackets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawToken {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// Penn spelling replacing the source text (``` `` ```, `''`, `-LRB-`...), if any.
    pub norm: Option<&'static str>,
}

impl RawToken {
    /// The token's text: its Penn spelling if it has one, else its source text.
    pub fn text<'a>(&self, sentence: &'a str) -> &'a str {
        match self.norm {
            Some(n) => n,
            None => &sentence[self.start as usize..self.end as usize],
        }
    }
}

/// Tokenizes one sentence.
///
/// ```
/// use detente_text::tokenize::tokenize;
/// let s = "\"Arnor's envoy can't come,\" he said.";
/// let words: Vec<&str> = tokenize(s).iter().map(|t| t.text(s)).collect();
/// assert_eq!(words, ["``", "Arnor", "'s", "envoy", "ca", "n't", "come", ",", "''", "he", "said", "."]);
/// ```
pub fn tokenize(sentence: &str) -> Vec<RawToken> {
    let mut out = Vec::with_capacity(sentence.len() / 5 + 2);
    tokenize_into(sentence, &mut out);
    out
}

/// Tokenizes one sentence, appending to `out` (which is not cleared).
pub fn tokenize_into(s: &str, out: &mut Vec<RawToken>) {
    let bytes = s.as_bytes();
    // Last byte of the sentence's last alphanumeric char: words ending before it are not final.
    let last_alnum = s
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, _)| i)
        .unwrap_or(0);
    let first = out.len();
    let mut open_single = false;
    let mut i = 0usize;
    while i < bytes.len() {
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        // Only quotes need to know whether they start a word.
        let at_word_start =
            || i == 0 || s[..i].ends_with(char::is_whitespace) || prev_is_opener(out, first);
        match c {
            ' ' => {
                i += 1;
            }
            c if c.is_whitespace() || c.is_control() => {
                i += len;
            }
            // PETRARCH joins the words of a name with underscores ("Dol_Amroth"): a space.
            '_' if i > 0
                && bytes[i - 1].is_ascii_alphanumeric()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) =>
            {
                i += 1;
            }
            'a'..='z' | 'A'..='Z' | '0'..='9' => {
                let end = scan_word(s, i + 1, last_alnum);
                push_word(s, i, end, out);
                i = end;
            }
            '"' => {
                let open = at_word_start();
                push(out, i, i + 1, Some(if open { "``" } else { "''" }));
                i += 1;
            }
            '“' | '«' => {
                push(out, i, i + len, Some("``"));
                i += len;
            }
            '”' | '»' => {
                push(out, i, i + len, Some("''"));
                i += len;
            }
            '`' => {
                let n = if bytes.get(i + 1) == Some(&b'`') {
                    2
                } else {
                    1
                };
                push(out, i, i + n, Some(if n == 2 { "``" } else { "`" }));
                open_single = n == 1;
                i += n;
            }
            '\'' | '’' | '‘' => {
                let at_word_start = at_word_start();
                let next_alnum = s[i + len..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if c == '‘' || (at_word_start && next_alnum && !is_clitic_start(&s[i + len..])) {
                    push(out, i, i + len, Some("`"));
                    open_single = true;
                } else if !at_word_start
                    && !open_single
                    && out
                        .last()
                        .is_some_and(|t| t.end as usize == i && s[..i].ends_with(['s', 'S']))
                {
                    // Possessive of a plural: "countries'".
                    push(out, i, i + len, None);
                } else if at_word_start && next_alnum {
                    // A clitic after a space ("'s") or a decade ("'90s"): scan as a word.
                    let end = scan_word(s, i + len, last_alnum);
                    push_word(s, i, end, out);
                    i = end;
                    continue;
                } else {
                    push(out, i, i + len, Some("''"));
                    open_single = false;
                }
                i += len;
            }
            '(' => {
                push(out, i, i + 1, Some("-LRB-"));
                i += 1;
            }
            ')' => {
                push(out, i, i + 1, Some("-RRB-"));
                i += 1;
            }
            '[' => {
                push(out, i, i + 1, Some("-LSB-"));
                i += 1;
            }
            ']' => {
                push(out, i, i + 1, Some("-RSB-"));
                i += 1;
            }
            '{' => {
                push(out, i, i + 1, Some("-LCB-"));
                i += 1;
            }
            '}' => {
                push(out, i, i + 1, Some("-RCB-"));
                i += 1;
            }
            '.' => {
                let mut j = i;
                while j < bytes.len() && bytes[j] == b'.' {
                    j += 1;
                }
                push(out, i, j, None);
                i = j;
            }
            '-' if bytes.get(i + 1) == Some(&b'-') => {
                let mut j = i;
                while j < bytes.len() && bytes[j] == b'-' {
                    j += 1;
                }
                push(out, i, j, None);
                i = j;
            }
            c if c.is_alphanumeric()
                || (c == '-' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit())) =>
            {
                let end = scan_word(s, i + len, last_alnum);
                push_word(s, i, end, out);
                i = end;
            }
            _ => {
                // Any other char (punctuation, symbol, dash, ellipsis) is a token alone.
                push(out, i, i + len, None);
                i += len;
            }
        }
    }
}

fn push(out: &mut Vec<RawToken>, start: usize, end: usize, norm: Option<&'static str>) {
    out.push(RawToken {
        start: start as u32,
        end: end as u32,
        norm,
    });
}

/// Whether the previous token opens something (quote or bracket), so a quote right after it
/// opens too.
fn prev_is_opener(out: &[RawToken], first: usize) -> bool {
    out.len() > first
        && matches!(
            out.last().and_then(|t| t.norm),
            Some("``" | "`" | "-LRB-" | "-LSB-" | "-LCB-")
        )
}

/// Whether text after an apostrophe starts a clitic (`s`, `re`, `ll`...) rather than a quotation.
fn is_clitic_start(rest: &str) -> bool {
    let word: &str = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    ["s", "re", "ve", "ll", "d", "m", "t", "em"]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c))
        || word.starts_with(|c: char| c.is_ascii_digit())
}

/// Scans a word whose first char ends before `i`; returns the end of the word.
fn scan_word(s: &str, mut i: usize, last_alnum: usize) -> usize {
    let bytes = s.as_bytes();
    let word_start = s[..i]
        .char_indices()
        .next_back()
        .map(|(p, _)| p)
        .unwrap_or(0);
    loop {
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() || c == '\u{AD}' {
            i += c.len_utf8();
            continue;
        }
        if !matches!(c, '-' | '\'' | '’' | '&' | '.' | ',' | ':' | '/') {
            // Not a char that can join two parts of a word (the usual case: a space).
            break;
        }
        let next = s[i + c.len_utf8()..].chars().next();
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
        let joins = match c {
            // "anti- Gondor": a prefix cut off from its word keeps its hyphen.
            '-' if next.is_some_and(|n| n == ' ')
                && bytes[i - 1].is_ascii_alphabetic()
                && s[i + 1..]
                    .trim_start_matches(' ')
                    .starts_with(char::is_alphanumeric) =>
            {
                i += 1;
                break;
            }
            '-' => next_alnum,
            '\'' | '’' => next_alnum,
            '&' => next_alnum && bytes[i - 1].is_ascii_uppercase(),
            '.' => next_alnum,
            ',' | ':' => prev_digit && next.is_some_and(|d| d.is_ascii_digit()),
            '/' => next_alnum && prev_digit,
            _ => false,
        };
        if joins {
            i += c.len_utf8();
            continue;
        }
        if c == '.' && bytes.get(i + 1) != Some(&b'.') {
            // A final period stays on abbreviations that are not the sentence's last word.
            let word = &s[word_start..i];
            if is_abbreviation(word) && (i < last_alnum || is_letter_dots(word)) {
                i += 1;
            }
        }
        break;
    }
    i
}

/// Whether `word` (without its final period) is a letter-dot sequence like `U.S` or `a.m`.
fn is_letter_dots(word: &str) -> bool {
    word.len() >= 3
        && word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// Whether `word` (without its final period) is an abbreviation that keeps its period.
fn is_abbreviation(word: &str) -> bool {
    if is_letter_dots(word) {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    if word.len() > 7 || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 7];
    for (d, b) in buf.iter_mut().zip(word.bytes()) {
        *d = b.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
    ABBREVIATIONS.contains(&lower)
        || (word.starts_with(char::is_uppercase) && matches!(lower, "no" | "nos"))
}

/// Abbreviations (lower case, without the final period) that keep their period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "pres", "prof", "st",
    "capt", "maj", "adm", "cmdr", "cdr", "brig", "cpl", "pvt", "rev", "hon", "amb", "gens", "sens",
    "reps", "messrs", "mt", "ft", "fr", "supt", "insp", "det", "lieut", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v", "approx", "dept", "fig",
    "vol", "cf", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "sr", "etc", "al", "govt",
    "e.g", "i.e",
];

/// Pushes a word, splitting off `n't` and the clitics `'s 're 've 'll 'd 'm`.
fn push_word(s: &str, start: usize, end: usize, out: &mut Vec<RawToken>) {
    let word = &s[start..end];
    // Fast path: no apostrophe (straight or curly, whose UTF-8 starts with 0xE2) and not
    // `cannot`: the word is one token. Most words take this path.
    if !word.bytes().any(|b| b == b'\'' || b == 0xE2) && !word.eq_ignore_ascii_case("cannot") {
        out.push(RawToken {
            start: start as u32,
            end: end as u32,
            norm: None,
        });
        return;
    }
    let mut push = |a: usize, b: usize| {
        if a < b {
            out.push(RawToken {
                start: a as u32,
                end: b as u32,
                norm: None,
            })
        }
    };
    let lower_ends = |suffix: &str| -> Option<usize> {
        // Matches `suffix` (written with '), also with a curly apostrophe, case-insensitively.
        for apos in ["'", "’"] {
            let n = suffix.len() - 1 + apos.len();
            if word.len() > n && word.is_char_boundary(word.len() - n) {
                let tail = &word.as_bytes()[word.len() - n..];
                let (head, rest) = suffix.split_at(suffix.find('\'').unwrap_or(0));
                let (head, rest) = (head.as_bytes(), &rest.as_bytes()[1..]);
                let apos = apos.as_bytes();
                if tail.len() == head.len() + apos.len() + rest.len()
                    && tail[..head.len()].eq_ignore_ascii_case(head)
                    && tail[head.len()..].starts_with(apos)
                    && tail[head.len() + apos.len()..].eq_ignore_ascii_case(rest)
                {
                    return Some(end - n);
                }
            }
        }
        None
    };
    if let Some(cut) = lower_ends("n't") {
        push(start, cut);
        push(cut, end);
        return;
    }
    for clitic in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if let Some(cut) = lower_ends(clitic) {
            push(start, cut);
            push(cut, end);
            return;
        }
    }
    if word.eq_ignore_ascii_case("cannot") {
        push(start, start + 3);
        push(start + 3, end);
        return;
    }
    push(start, end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn contractions_and_possessives() {
        assert_eq!(words("I don't know"), ["I", "do", "n't", "know"]);
        assert_eq!(
            words("They won't, can't"),
            ["They", "wo", "n't", ",", "ca", "n't"]
        );
        assert_eq!(
            words("Arnor's leaders've said they'll go and I'm sure we'd"),
            [
                "Arnor", "'s", "leaders", "'ve", "said", "they", "'ll", "go", "and", "I", "'m",
                "sure", "we", "'d"
            ]
        );
        assert_eq!(
            words("the countries' envoys"),
            ["the", "countries", "'", "envoys"]
        );
        assert_eq!(words("Gondor’s army"), ["Gondor", "’s", "army"]);
        assert_eq!(words("O'Brien cannot"), ["O'Brien", "can", "not"]);
    }

    #[test]
    fn prefixes_and_underscores() {
        // A prefix cut off from its word keeps its hyphen; a dash between spaces does not.
        assert_eq!(
            words("an anti- Israel rally - pro- and anti-war"),
            ["an", "anti-", "Israel", "rally", "-", "pro-", "and", "anti-war"]
        );
        assert_eq!(words("trade- "), ["trade", "-"]);
        // Underscores join the words of a name: each word is a token.
        let s = "the Gaza_Strip _x_ a__b";
        assert_eq!(
            words(s),
            ["the", "Gaza", "Strip", "_", "x", "_", "a", "_", "_", "b"]
        );
        assert_eq!(tokenize(s)[2].start, 9);
    }

    #[test]
    fn quotes_brackets_and_punctuation() {
        assert_eq!(
            words("\"We will fight,\" he said (loudly)."),
            [
                "``", "We", "will", "fight", ",", "''", "he", "said", "-LRB-", "loudly", "-RRB-",
                "."
            ]
        );
        assert_eq!(
            words("“Yes” and ‘no’"),
            ["``", "Yes", "''", "and", "`", "no", "''"]
        );
        assert_eq!(
            words("war -- and peace—again"),
            ["war", "--", "and", "peace", "—", "again"]
        );
        assert_eq!(
            words("Wait... now; then: go!"),
            ["Wait", "...", "now", ";", "then", ":", "go", "!"]
        );
    }

    #[test]
    fn numbers_words_and_abbreviations() {
        assert_eq!(
            words("Mr. Smith of the U.S. paid $1.2 billion, or 3.5% of 1,000 at 10:30 a.m. in Moscow-based al-Assad's firm."),
            [
                "Mr.", "Smith", "of", "the", "U.S.", "paid", "$", "1.2", "billion", ",", "or", "3.5", "%",
                "of", "1,000", "at", "10:30", "a.m.", "in", "Moscow-based", "al-Assad", "'s", "firm", "."
            ]
        );
        assert_eq!(
            words("He went to the U.S."),
            ["He", "went", "to", "the", "U.S."]
        );
        assert_eq!(
            words("George W. Bush left."),
            ["George", "W.", "Bush", "left", "."]
        );
        assert_eq!(words("in the '90s"), ["in", "the", "'90s"]);
    }

    #[test]
    fn offsets_are_exact() {
        let s = "“Élan’s” café, naïve.";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start as usize) && s.is_char_boundary(t.end as usize));
            assert!(t.start < t.end);
        }
        assert_eq!(
            words(s),
            ["``", "Élan", "’s", "''", "café", ",", "naïve", "."]
        );
        assert!(tokenize("").is_empty());
        assert!(tokenize(" \u{0}\t ").is_empty());
    }
}

//! Regular English inflection of upper-case dictionary words: noun plurals and verb forms.
//!
//! The PETRARCH dictionaries rely on the program to generate regular forms ("the current
//! dictionary has all of [the irregular ones]"), so these rules only need to be right for
//! regular words; irregular ones are listed in the files. Where the PETRARCH spec's rule is
//! not English (`ATTORNEY` → `ATTORNIES`), we generate the English form (`ATTORNEYS`).

/// Whether `c` is a vowel letter (Y is handled by the callers).
fn is_vowel(c: u8) -> bool {
    matches!(c, b'A' | b'E' | b'I' | b'O' | b'U')
}

/// Whether `c` is an ASCII letter that is not a vowel.
fn is_consonant(c: u8) -> bool {
    c.is_ascii_alphabetic() && !is_vowel(c)
}

/// The plural of a noun: `ES` after SS, SH, CH, X, Z; `IES` after a consonant + Y; else `S`.
/// A word ending in a single `S` is taken to be plural already and returned unchanged
/// (`TROOPS`, `DOLLARS`), so callers must deduplicate.
pub(crate) fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if n == 0 {
        return String::new();
    }
    let ends = |s: &str| noun.ends_with(s);
    if ends("S") && !ends("SS") {
        noun.to_string()
    } else if ends("SS") || ends("SH") || ends("CH") || ends("X") || ends("Z") {
        format!("{noun}ES")
    } else if b[n - 1] == b'Y' && n >= 2 && is_consonant(b[n - 2]) {
        format!("{}IES", &noun[..n - 1])
    } else {
        format!("{noun}S")
    }
}

/// Endings of two-syllable verbs stressed on the last syllable, whose final consonant doubles
/// (`ADMIT` → `ADMITTED`, `PREFER` → `PREFERRED`, `COMPEL` → `COMPELLED`).
const STRESSED_ENDINGS: &[&str] = &[
    "MIT", "CUR", "PEL", "TROL", "GRET", "BED", "QUIP", "QUIT", "FER", "BID", "VET",
];

/// Number of vowel groups, a rough syllable count (`U` after `Q` is not a vowel).
fn vowel_groups(word: &[u8]) -> usize {
    let mut groups = 0;
    let mut in_group = false;
    for (i, &c) in word.iter().enumerate() {
        let vowel = (is_vowel(c) && !(c == b'U' && i > 0 && word[i - 1] == b'Q'))
            || (c == b'Y' && i > 0 && is_consonant(word[i - 1]) && i + 1 == word.len());
        if vowel && !in_group {
            groups += 1;
        }
        in_group = vowel;
    }
    groups
}

/// Whether the final consonant doubles before `-ED`/`-ING` (`STOP` → `STOPPED`).
fn doubles_final(verb: &str) -> bool {
    let b = verb.as_bytes();
    let n = b.len();
    if n < 3 {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    let qu = c1 == b'U' && n >= 4 && b[n - 4] == b'Q';
    let cvc = (is_consonant(c1) || qu)
        && is_vowel(v)
        && is_consonant(c2)
        && !matches!(c2, b'W' | b'X' | b'Y');
    if !cvc {
        return false;
    }
    if vowel_groups(b) == 1 {
        return true;
    }
    STRESSED_ENDINGS.iter().any(|e| verb.ends_with(e))
        && !verb.ends_with("FFER")
        && !verb.ends_with("OFFER")
}

/// Third person singular: `MEETS`, `PUSHES`, `TRIES`, `GOES`, `FOCUSES`.
pub(crate) fn third_person(verb: &str) -> String {
    let b = verb.as_bytes();
    let n = b.len();
    if n >= 2 && (b[n - 1] == b'O' && is_consonant(b[n - 2]) || b[n - 1] == b'S') {
        return format!("{verb}ES");
    }
    plural(verb)
}

/// Past tense and participle: `VISITED`, `AGREED`, `TRIED`, `STOPPED`.
pub(crate) fn past(verb: &str) -> String {
    let b = verb.as_bytes();
    let n = b.len();
    if n == 0 {
        return String::new();
    }
    if b[n - 1] == b'E' {
        format!("{verb}D")
    } else if b[n - 1] == b'Y' && n >= 2 && is_consonant(b[n - 2]) {
        format!("{}IED", &verb[..n - 1])
    } else if doubles_final(verb) {
        format!("{verb}{}ED", b[n - 1] as char)
    } else {
        format!("{verb}ED")
    }
}

/// Present participle: `MEETING`, `ACCUSING`, `AGREEING`, `DYING`, `STOPPING`.
pub(crate) fn gerund(verb: &str) -> String {
    let b = verb.as_bytes();
    let n = b.len();
    if n == 0 {
        return String::new();
    }
    if verb.ends_with("IE") {
        format!("{}YING", &verb[..n - 2])
    } else if verb.ends_with("EE") || verb.ends_with("YE") || verb.ends_with("OE") || n <= 2 {
        format!("{verb}ING")
    } else if b[n - 1] == b'E' {
        format!("{}ING", &verb[..n - 1])
    } else if doubles_final(verb) {
        format!("{verb}{}ING", b[n - 1] as char)
    } else {
        format!("{verb}ING")
    }
}

/// The regular forms of a verb, base form first: base, `-S`, `-ED`, `-ING` (deduplicated).
pub(crate) fn verb_forms(verb: &str) -> Vec<String> {
    let mut forms = vec![verb.to_string()];
    for f in [third_person(verb), past(verb), gerund(verb)] {
        if !f.is_empty() && !forms.contains(&f) {
            forms.push(f);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        for (s, p) in [
            ("MINISTER", "MINISTERS"),
            ("CONGRESS", "CONGRESSES"),
            ("ARMY", "ARMIES"),
            ("ATTORNEY", "ATTORNEYS"),
            ("CHURCH", "CHURCHES"),
            ("TAX", "TAXES"),
            ("F-16", "F-16S"),
            ("TROOPS", "TROOPS"),
        ] {
            assert_eq!(plural(s), p, "{s}");
        }
    }

    #[test]
    fn verbs() {
        let cases: &[(&str, &[&str])] = &[
            ("MEET", &["MEET", "MEETS", "MEETED", "MEETING"]),
            ("VISIT", &["VISIT", "VISITS", "VISITED", "VISITING"]),
            ("STOP", &["STOP", "STOPS", "STOPPED", "STOPPING"]),
            ("TRY", &["TRY", "TRIES", "TRIED", "TRYING"]),
            ("AGREE", &["AGREE", "AGREES", "AGREED", "AGREEING"]),
            ("ACCUSE", &["ACCUSE", "ACCUSES", "ACCUSED", "ACCUSING"]),
            ("ADMIT", &["ADMIT", "ADMITS", "ADMITTED", "ADMITTING"]),
            ("OFFER", &["OFFER", "OFFERS", "OFFERED", "OFFERING"]),
            ("PREFER", &["PREFER", "PREFERS", "PREFERRED", "PREFERRING"]),
            ("QUIT", &["QUIT", "QUITS", "QUITTED", "QUITTING"]),
            ("PLAY", &["PLAY", "PLAYS", "PLAYED", "PLAYING"]),
            ("PUSH", &["PUSH", "PUSHES", "PUSHED", "PUSHING"]),
            ("VETO", &["VETO", "VETOES", "VETOED", "VETOING"]),
            ("DIE", &["DIE", "DIES", "DIED", "DYING"]),
            ("FIX", &["FIX", "FIXES", "FIXED", "FIXING"]),
            ("FOCUS", &["FOCUS", "FOCUSES", "FOCUSED", "FOCUSING"]),
            ("OPEN", &["OPEN", "OPENS", "OPENED", "OPENING"]),
            ("RAID", &["RAID", "RAIDS", "RAIDED", "RAIDING"]),
        ];
        for (v, forms) in cases {
            assert_eq!(verb_forms(v), forms.to_vec(), "{v}");
        }
    }
}

//! Discard and issue lists.

use super::{lines, upper, Line, PetrarchLoader, Sink};
use crate::compile::normalize_blanks;
use crate::inflect;
use crate::model::{Discard, Issue};

pub(super) fn load_discards(loader: &mut PetrarchLoader, text: &str, file: &str) {
    let mut sink = Sink {
        file: file.into(),
        errors: &mut loader.errors,
    };
    for line in lines(text, &mut sink) {
        let (story, body) = match line.text.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, line.text),
        };
        let body = body.trim();
        let whole_word = body.ends_with('_');
        let phrase = normalize_blanks(&body.trim_end_matches('_').replace('_', " "));
        if phrase.is_empty() {
            sink.malformed(line, "discard", "empty phrase");
            continue;
        }
        loader.data.discards.push(Discard {
            phrase: phrase.into(),
            whole_word,
            story,
            provenance: sink.provenance(line),
        });
    }
}

/// At most this many expansions of one issue phrase.
const MAX_EXPANSIONS: usize = 4096;

pub(super) fn load_issues(loader: &mut PetrarchLoader, text: &str, file: &str) {
    let mut sink = Sink {
        file: file.into(),
        errors: &mut loader.errors,
    };
    let issues = &mut loader.data.issues;
    let mut category: Option<Box<str>> = None;
    for line in lines(text, &mut sink) {
        let t = line.text;
        if t.starts_with("</") {
            category = None;
            continue;
        }
        if let Some(tag) = t.strip_prefix('<') {
            category = tag_category(tag);
            if category.is_none() {
                sink.malformed(line, "issue tag", "expected <ISSUE CATEGORY=\"NAME\" ...>");
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix('~') {
            let phrase = rest.trim_start_matches('~');
            let phrase = phrase.split('[').next().unwrap_or("");
            push_issue(issues, phrase, None, line, &mut sink);
            continue;
        }
        // One line may hold several `phrase [CODE]` entries; a phrase without a code takes
        // the category's name.
        let mut rest = t;
        let mut last_code: Option<Box<str>> = None;
        loop {
            let r = rest.trim();
            if r.is_empty() {
                break;
            }
            match r.find('[') {
                Some(open) => {
                    let Some(close) = r[open..].find(']') else {
                        sink.malformed(line, "issue", "unclosed [");
                        break;
                    };
                    let phrase = r[..open].trim();
                    let group = &r[open..=open + close];
                    let code = group[1..group.len() - 1].trim();
                    if code.is_empty() || code.contains(char::is_whitespace) {
                        sink.bad_code(line, group);
                        break;
                    }
                    if phrase.is_empty() {
                        // `aqim [X] [X]`: a repeated code is harmless.
                        if last_code.as_deref() != Some(code) {
                            sink.malformed(line, "issue", "code without a phrase");
                        }
                    } else {
                        push_issue(issues, phrase, Some(code.into()), line, &mut sink);
                        last_code = Some(code.into());
                    }
                    rest = &r[open + close + 1..];
                }
                None => {
                    // Trailing decoration such as `*******` is not a phrase.
                    if !r.chars().any(char::is_alphanumeric) {
                        break;
                    }
                    match &category {
                        Some(c) => push_issue(issues, r, Some(c.clone()), line, &mut sink),
                        None => sink.malformed(line, "issue", "no [code] outside an <ISSUE>"),
                    }
                    break;
                }
            }
        }
    }
}

/// `ISSUE CATEGORY="NAME" TYPE="ALL">` → `NAME`.
fn tag_category(tag: &str) -> Option<Box<str>> {
    let tag = tag.trim_end_matches('>');
    let mut it = tag.split_whitespace();
    if !it.next()?.eq_ignore_ascii_case("ISSUE") {
        return None;
    }
    for attr in it {
        if let Some((k, v)) = attr.split_once('=') {
            if k.eq_ignore_ascii_case("CATEGORY") {
                let v = v.trim_matches(|c| c == '"' || c == '\'');
                return (!v.is_empty()).then(|| upper(v));
            }
        }
    }
    None
}

fn push_issue(
    issues: &mut Vec<Issue>,
    phrase: &str,
    code: Option<Box<str>>,
    line: Line<'_>,
    sink: &mut Sink<'_>,
) {
    match expand_issue(phrase) {
        Ok(phrases) if !phrases.is_empty() => issues.push(Issue {
            phrases,
            code,
            provenance: sink.provenance(line),
        }),
        Ok(_) => sink.malformed(line, "issue", "empty phrase"),
        Err(reason) => sink.malformed(line, "issue", reason),
    }
}

/// Expands `n:` (singular and plural), `v:` (regular verb forms) and `+` (blank and hyphen)
/// in every word of an issue phrase; upper-case.
fn expand_issue(phrase: &str) -> Result<Vec<Box<str>>, &'static str> {
    let mut variants = vec![String::new()];
    for word in phrase.split_whitespace() {
        let mut word_forms = vec![String::new()];
        for (k, part) in word.split('+').enumerate() {
            let forms: Vec<String> = if let Some(n) = strip_prefix_ci(part, "n:") {
                let n = n.to_uppercase();
                let p = inflect::plural(&n);
                vec![n, p]
            } else if let Some(v) = strip_prefix_ci(part, "v:") {
                inflect::verb_forms(&v.to_uppercase())
            } else {
                vec![part.to_uppercase()]
            };
            let joints: &[&str] = if k == 0 { &[""] } else { &[" ", "-"] };
            let mut next = Vec::new();
            for w in &word_forms {
                for j in joints {
                    for f in &forms {
                        next.push(format!("{w}{j}{f}"));
                    }
                }
            }
            word_forms = next;
            if word_forms.len() > MAX_EXPANSIONS {
                return Err("too many expansions");
            }
        }
        let mut next = Vec::with_capacity(variants.len() * word_forms.len());
        for v in &variants {
            for w in &word_forms {
                next.push(if v.is_empty() {
                    w.clone()
                } else {
                    format!("{v} {w}")
                });
            }
        }
        if next.len() > MAX_EXPANSIONS {
            return Err("too many expansions");
        }
        variants = next;
    }
    let mut out: Vec<Box<str>> = Vec::new();
    for v in variants {
        let v = v.trim();
        if !v.is_empty() && !out.iter().any(|o| &**o == v) {
            out.push(v.into());
        }
    }
    Ok(out)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansions() {
        let e = |s: &str| -> Vec<String> {
            expand_issue(s)
                .unwrap()
                .into_iter()
                .map(String::from)
                .collect()
        };
        assert_eq!(e("war n:crime"), ["WAR CRIME", "WAR CRIMES"]);
        assert_eq!(
            e("al+zarqawi network"),
            ["AL ZARQAWI NETWORK", "AL-ZARQAWI NETWORK"]
        );
        assert_eq!(
            e("pre+n:school"),
            ["PRE SCHOOL", "PRE SCHOOLS", "PRE-SCHOOL", "PRE-SCHOOLS"]
        );
        assert_eq!(e("v:purge"), ["PURGE", "PURGES", "PURGED", "PURGING"]);
        assert_eq!(e("ethnic N:purge").len(), 2);
    }

    #[test]
    fn categories() {
        assert_eq!(
            tag_category("ISSUE CATEGORY=\"EU\" TYPE=\"ALL\">").as_deref(),
            Some("EU")
        );
        assert_eq!(tag_category("OTHER>"), None);
    }
}

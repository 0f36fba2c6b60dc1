//! Actor and agent dictionaries.

use super::{lines, plural_phrase, strip_semicolon, upper, Line, PetrarchLoader, Sink};
use crate::model::{Actor, Agent, AgentPlacement, Date, DateRange, Phrase, PhraseWord};

/// A stem shorter than this many characters is read as an exact word: short stems are
/// acronyms, and as stems `PLA`, `PLO`, `AUC`, `GOA` would match "plan", "plot", "auction",
/// "goal".
pub(super) const MIN_STEM_CHARS: usize = 4;

/// Two-digit years at or above this are 19YY, below it 20YY.
pub(super) const YEAR_PIVOT: u32 = 30;

pub(super) fn load_actors(loader: &mut PetrarchLoader, text: &str, file: &str) {
    let mut sink = Sink {
        file: file.into(),
        errors: &mut loader.errors,
    };
    let stems = loader.actor_stems;
    let actors = &mut loader.data.actors;
    // The actor that synonyms and restrictions apply to; `None` before the first one or
    // after a malformed primary line (whose synonyms are then dropped with it).
    let mut current: Option<usize> = None;
    let mut after_bad = false;
    for line in lines(text, &mut sink) {
        let t = strip_semicolon(line.text);
        if t.is_empty() {
            continue;
        }
        if t.starts_with('[') {
            match current {
                Some(a) => code_groups(t, &mut actors[a], line, &mut sink),
                None if after_bad => {}
                None => sink.malformed(line, "actor", "date restriction before any actor"),
            }
            continue;
        }
        let (synonym, body) = match t.strip_prefix('+') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        let split = body.find('[').unwrap_or(body.len());
        let (phrase_text, codes) = (body[..split].trim(), &body[split..]);
        // Words joined by `_` are consecutive; a blank (`ITHILEN TELEVISION`) lets a few
        // words stand between, as in agent phrases ("Ithilen state-run television").
        let mut phrase = agent_phrase(phrase_text);
        if let Some(last) = phrase.words.last_mut() {
            last.exact = !stems || phrase_text.ends_with('_');
        }
        if let Some(last) = phrase.words.last_mut() {
            last.exact |= last.text.chars().count() < MIN_STEM_CHARS;
        }
        if phrase.words.is_empty() || phrase_text.contains([']', '{', '}']) {
            sink.malformed(line, "actor", "expected PHRASE [CODE]");
            if !synonym {
                current = None;
                after_bad = true;
            }
            continue;
        }
        if synonym {
            let Some(a) = current else {
                if !after_bad {
                    sink.malformed(line, "actor", "synonym before any actor");
                }
                continue;
            };
            actors[a].phrases.push(phrase);
        } else {
            actors.push(Actor {
                phrases: vec![phrase],
                codes: Vec::new(),
                provenance: sink.provenance(line),
            });
            current = Some(actors.len() - 1);
            after_bad = false;
        }
        if !codes.is_empty() {
            code_groups(codes, &mut actors[current.unwrap()], line, &mut sink);
        }
    }
}

/// Parses `[CODE] [CODE date] ...` and appends the codes to `actor`.
fn code_groups(text: &str, actor: &mut Actor, line: Line<'_>, sink: &mut Sink<'_>) {
    let mut rest = text.trim();
    while !rest.is_empty() {
        if !rest.starts_with('[') {
            sink.malformed(line, "actor", "text after a code");
            return;
        }
        let Some(close) = rest.find(']') else {
            sink.malformed(line, "actor", "unclosed [");
            return;
        };
        let group = &rest[..=close];
        match actor_code(&group[1..close]) {
            Ok(code) => actor.codes.push(code),
            Err(CodeError::Code) => sink.bad_code(line, group),
            Err(CodeError::Date) => sink.bad_date(line, group),
        }
        rest = rest[close + 1..].trim_start();
    }
}

enum CodeError {
    Code,
    Date,
}

/// Parses the inside of an actor code group: `USA`, `ELR/GAL`, `---`, `USAGOV 850103-130201`,
/// `USAGOV >130201`, `HOB < 950601`.
fn actor_code(inner: &str) -> Result<(DateRange, Vec<Box<str>>), CodeError> {
    let inner = inner.trim();
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(inner.len());
    let (code, date) = (&inner[..end], &inner[end..]);
    if code.is_empty() {
        return Err(CodeError::Code);
    }
    let codes: Vec<Box<str>> = if code == "---" || code == "+++" {
        Vec::new()
    } else {
        let parts: Vec<&str> = code.split('/').collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || p.contains(['[', '{', '}', '(', ')', '~', '-']))
        {
            return Err(CodeError::Code);
        }
        parts.into_iter().map(Into::into).collect()
    };
    let date: String = date.chars().filter(|c| !c.is_whitespace()).collect();
    let range = if date.is_empty() {
        DateRange::Always
    } else if let Some(d) = date.strip_prefix('<') {
        DateRange::Until(parse_date(d).ok_or(CodeError::Date)?)
    } else if let Some(d) = date.strip_prefix('>') {
        DateRange::From(parse_date(d).ok_or(CodeError::Date)?)
    } else if let Some((a, b)) = date.split_once('-') {
        let (a, b) = (
            parse_date(a).ok_or(CodeError::Date)?,
            parse_date(b).ok_or(CodeError::Date)?,
        );
        if a > b {
            return Err(CodeError::Date);
        }
        DateRange::Between(a, b)
    } else {
        return Err(CodeError::Date);
    };
    Ok((range, codes))
}

/// `YYYYMMDD` or `YYMMDD` (two-digit years pivot at [`YEAR_PIVOT`]) as a [`Date`].
pub(super) fn parse_date(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    let date = match s.len() {
        8 => n,
        6 => {
            let yy = n / 10000;
            let century = if yy >= YEAR_PIVOT { 1900 } else { 2000 };
            (century + yy) * 10000 + n % 10000
        }
        _ => return None,
    };
    let (month, day) = (date / 100 % 100, date % 100);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(date)
}

pub(super) fn load_agents(loader: &mut PetrarchLoader, text: &str, file: &str) {
    let mut sink = Sink {
        file: file.into(),
        errors: &mut loader.errors,
    };
    let agents = &mut loader.data.agents;
    let substitutions = &mut loader.substitutions;
    for line in lines(text, &mut sink) {
        let t = line.text;
        if let Some((name, values)) = substitution(t) {
            let values: Vec<Box<str>> = values
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(upper)
                .collect();
            if values.is_empty() {
                sink.malformed(line, "substitution set", "no values");
            } else {
                substitutions.insert(name.into(), values);
            }
            continue;
        }
        let Some(open) = t.rfind('[') else {
            sink.malformed(line, "agent", "no [code]");
            continue;
        };
        // Tolerate `[~LEG}` (a typo in real files) when there is no `]`.
        let Some(close) = t[open..].find(']').or_else(|| t[open..].find('}')) else {
            sink.malformed(line, "agent", "unclosed [");
            continue;
        };
        let group = &t[open..=open + close];
        if !t[open + close + 1..].trim().is_empty() {
            sink.malformed(line, "agent", "text after [code]");
            continue;
        }
        let code = group[1..group.len() - 1].trim();
        let (code, placement) = if let Some(c) = code.strip_prefix('~') {
            (c, AgentPlacement::Suffix)
        } else if let Some(c) = code.strip_suffix('~') {
            (c, AgentPlacement::Prefix)
        } else {
            sink.bad_code(line, group);
            continue;
        };
        let code = code.trim();
        if code.is_empty() || code.contains(|c: char| c.is_whitespace() || "~[]{}()".contains(c)) {
            sink.bad_code(line, group);
            continue;
        }
        let head = &t[..open];
        let (phrase_text, plurals) = match head.find('{') {
            Some(b) => {
                let Some(e) = head[b..].find('}') else {
                    sink.malformed(line, "agent", "unclosed {");
                    continue;
                };
                if !head[b + e + 1..].trim().is_empty() {
                    sink.malformed(line, "agent", "text after {...}");
                    continue;
                }
                (&head[..b], Some(&head[b + 1..b + e]))
            }
            None => (head, None),
        };
        let variants = match expand_markers(phrase_text, substitutions) {
            Ok(v) => v,
            Err(reason) => {
                sink.malformed(line, "agent", reason);
                continue;
            }
        };
        let has_markers = variants.len() > 1 || phrase_text.contains('!');
        let mut phrases: Vec<Phrase> = Vec::new();
        for v in &variants {
            let p = agent_phrase(v);
            if !p.words.is_empty() && !phrases.contains(&p) {
                phrases.push(p);
            }
        }
        if phrases.is_empty() {
            sink.malformed(line, "agent", "no phrase");
            continue;
        }
        if !has_markers {
            match plurals {
                None => {
                    let p = plural_phrase(&phrases[0]);
                    if !phrases.contains(&p) {
                        phrases.push(p);
                    }
                }
                Some(listed) => {
                    for spec in listed.split(|c: char| c == ',' || c.is_whitespace()) {
                        let p = agent_phrase(spec);
                        if !p.words.is_empty() && !phrases.contains(&p) {
                            phrases.push(p);
                        }
                    }
                }
            }
        }
        agents.push(Agent {
            phrases,
            code: code.into(),
            placement,
            provenance: sink.provenance(line),
        });
    }
}

/// `!NAME! = A, B, C` → `("NAME", "A, B, C")`.
fn substitution(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix('!')?;
    let end = rest.find('!')?;
    let name = &rest[..end];
    let values = rest[end + 1..].trim_start().strip_prefix('=')?;
    (!name.is_empty() && !name.contains(char::is_whitespace)).then_some((name, values))
}

/// Every variant of `text` with its `!NAME!` markers replaced by each value of their set.
fn expand_markers(
    text: &str,
    sets: &crate::compile::FxHashMap<Box<str>, Vec<Box<str>>>,
) -> Result<Vec<String>, &'static str> {
    let mut variants = vec![String::new()];
    let mut rest = text;
    while let Some(open) = rest.find('!') {
        let Some(len) = rest[open + 1..].find('!') else {
            return Err("unclosed !MARKER!");
        };
        let name = &rest[open + 1..open + 1 + len];
        let Some(values) = sets.get(name) else {
            return Err("unknown substitution marker");
        };
        let prefix = &rest[..open];
        let mut next = Vec::with_capacity(variants.len() * values.len());
        for v in &variants {
            for value in values {
                next.push(format!("{v}{prefix}{value}"));
            }
        }
        if next.len() > 4096 {
            return Err("too many substitution variants");
        }
        variants = next;
        rest = &rest[open + 2 + len..];
    }
    for v in &mut variants {
        v.push_str(rest);
    }
    Ok(variants)
}

/// An agent or actor phrase: words joined by `_` are consecutive, a blank allows a gap (of
/// at most [`crate::MAX_GAP`] words); all exact.
fn agent_phrase(text: &str) -> Phrase {
    let mut phrase = Phrase::default();
    for chunk in text.split_whitespace() {
        let mut first_in_chunk = true;
        for w in chunk.split('_').filter(|w| !w.is_empty()) {
            if !phrase.words.is_empty() {
                phrase.consecutive.push(!first_in_chunk);
            }
            first_in_chunk = false;
            phrase.words.push(PhraseWord {
                text: upper(w),
                exact: true,
            });
        }
    }
    phrase
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("850103"), Some(19850103));
        assert_eq!(parse_date("130201"), Some(20130201));
        assert_eq!(parse_date("300101"), Some(19300101));
        assert_eq!(parse_date("291231"), Some(20291231));
        assert_eq!(parse_date("19270101"), Some(19270101));
        assert_eq!(parse_date("2004017"), None);
        assert_eq!(parse_date("201005011"), None);
        assert_eq!(parse_date("991301"), None);
        assert_eq!(parse_date("99x"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn code_groups_parse() {
        let ok = |s: &str| actor_code(s).ok();
        assert_eq!(ok("USA"), Some((DateRange::Always, vec!["USA".into()])));
        assert_eq!(
            ok("ELR/GAL"),
            Some((DateRange::Always, vec!["ELR".into(), "GAL".into()]))
        );
        assert_eq!(ok("---"), Some((DateRange::Always, vec![])));
        assert_eq!(
            ok("--- <950630"),
            Some((DateRange::Until(19950630), vec![]))
        );
        assert_eq!(
            ok("HOBGOV 19950601 - 19990815"),
            Some((
                DateRange::Between(19950601, 19990815),
                vec!["HOBGOV".into()]
            ))
        );
        assert_eq!(
            ok("IGOUNO  >070201"),
            Some((DateRange::From(20070201), vec!["IGOUNO".into()]))
        );
        assert!(matches!(actor_code("USA 99x"), Err(CodeError::Date)));
        assert!(matches!(
            actor_code("MNEGOV 20121204"),
            Err(CodeError::Date)
        ));
        assert!(matches!(actor_code(""), Err(CodeError::Code)));
        assert!(matches!(actor_code("A//B"), Err(CodeError::Code)));
        assert!(matches!(
            actor_code("A 121207-120802"),
            Err(CodeError::Date)
        ));
    }

    #[test]
    fn phrases_with_gaps() {
        let p = agent_phrase("!M! FOR_ YOUTH_AND_SPORTS");
        let words: Vec<&str> = p.words.iter().map(|w| &*w.text).collect();
        assert_eq!(words, ["!M!", "FOR", "YOUTH", "AND", "SPORTS"]);
        assert_eq!(p.consecutive, [false, false, true, true]);
    }
}

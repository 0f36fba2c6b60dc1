//! The verb dictionary: synsets, verb blocks, verbs with their forms, patterns and
//! transformations.

use super::{
    consecutive_phrase, lines, plural_phrase, strip_semicolon, upper, Line, PetrarchLoader, Sink,
};
use crate::compile::FxHashMap;
use crate::inflect;
use crate::model::{
    BlockId, EventCode, Pattern, PatternElement, PatternItem, Synset, SynsetId, Transformation,
    Verb, VerbBlock,
};

/// What `+` lines mean at this point of the file.
#[derive(Clone, Copy)]
enum Mode {
    /// Verbs of the current block.
    Verbs,
    /// Members of this synset; `bool`: plurals suppressed for the whole synset.
    Synset(SynsetId, bool),
    /// Members of a synset whose header was malformed: skipped.
    SkipMembers,
}

pub(super) fn load(loader: &mut PetrarchLoader, text: &str, file: &str) {
    let mut sink = Sink {
        file: file.into(),
        errors: &mut loader.errors,
    };
    let data = &mut loader.data;
    let synset_ids = &mut loader.synset_ids;
    let mut mode = Mode::Verbs;
    let mut block: Option<BlockId> = None;
    for line in lines(text, &mut sink) {
        let t = line.text;
        if let Some(rest) = t.strip_prefix('&') {
            let label = rest.split_whitespace().next().unwrap_or("");
            let no_plural = label.ends_with('_');
            let name = upper(label.trim_end_matches('_'));
            if name.is_empty() || name.contains(['&', '[', '{', '(', '*']) {
                sink.malformed(line, "synset", "expected &NAME");
                mode = Mode::SkipMembers;
                continue;
            }
            let id = match synset_ids.get(&name) {
                Some(&id) => {
                    sink.malformed(
                        line,
                        "synset",
                        "defined twice; members are added to the first",
                    );
                    id
                }
                None => {
                    let id = data.synsets.len() as SynsetId;
                    data.synsets.push(Synset {
                        name: name.clone(),
                        phrases: Vec::new(),
                        provenance: sink.provenance(line),
                    });
                    synset_ids.insert(name, id);
                    id
                }
            };
            mode = Mode::Synset(id, no_plural);
            continue;
        }
        if let Some(member) = t.strip_prefix('+') {
            match mode {
                Mode::Synset(id, no_plural) => synset_member(
                    &mut data.synsets,
                    synset_ids,
                    id,
                    no_plural,
                    member,
                    line,
                    &mut sink,
                ),
                Mode::SkipMembers => {}
                Mode::Verbs => verb_line(data, block, t, line, &mut sink),
            }
            continue;
        }
        mode = Mode::Verbs;
        if t.starts_with("---") {
            block = Some(block_header(data, line, &mut sink));
        } else if let Some(body) = t.strip_prefix('-') {
            let Some(b) = block else {
                sink.malformed(line, "pattern", "pattern before any verb block");
                continue;
            };
            if let Some(p) = pattern(body, synset_ids, line, &mut sink) {
                data.verb_blocks[b as usize].patterns.push(p);
            }
        } else if let Some(body) = t.strip_prefix('~') {
            if let Some(tr) = transformation(body, line, &mut sink) {
                data.transformations.push(tr);
            }
        } else {
            verb_line(data, block, t, line, &mut sink);
        }
    }
}

/// Adds one `+` line to a synset: a phrase (and its plural) or another synset's phrases.
fn synset_member(
    synsets: &mut [Synset],
    synset_ids: &FxHashMap<Box<str>, SynsetId>,
    id: SynsetId,
    no_plural: bool,
    member: &str,
    line: Line<'_>,
    sink: &mut Sink<'_>,
) {
    let member = member.trim();
    let add = |synsets: &mut [Synset], p| {
        let phrases = &mut synsets[id as usize].phrases;
        if !phrases.contains(&p) {
            phrases.push(p);
        }
    };
    if let Some(other) = member.strip_prefix('&') {
        let name = upper(other.trim().trim_end_matches('_'));
        match synset_ids.get(&name) {
            Some(&o) if o != id => {
                for p in synsets[o as usize].phrases.clone() {
                    add(synsets, p);
                }
            }
            Some(_) => sink.malformed(line, "synset member", "a synset cannot include itself"),
            None => sink.unknown_synset(line, &name),
        }
        return;
    }
    let phrase = consecutive_phrase(member, true);
    let bad_word = phrase.words.iter().any(|w| {
        matches!(&*w.text, "$" | "+" | "%" | "^" | "*")
            || w.text.contains(['&', '[', ']', '{', '}', '(', ')', '*'])
    });
    if phrase.words.is_empty() || bad_word {
        sink.malformed(
            line,
            "synset member",
            "expected +WORDS (no $ + % ^ * & or brackets)",
        );
        return;
    }
    let plural = (!no_plural && !member.ends_with('_')).then(|| plural_phrase(&phrase));
    add(synsets, phrase);
    if let Some(p) = plural {
        add(synsets, p);
    }
}

/// Parses `--- NAME [CODE] ---` and adds the block; a bad code is reported and the block
/// still opens (with the null code), so that its verbs do not fall into the previous block.
fn block_header(data: &mut crate::DictionaryData, line: Line<'_>, sink: &mut Sink<'_>) -> BlockId {
    let inner = line
        .text
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim();
    let (name, code) = match inner.find('[') {
        Some(open) => {
            let name = inner[..open].trim();
            let code = match inner[open..].find(']') {
                Some(close) => {
                    parse_event_code(&inner[open + 1..open + close]).unwrap_or_else(|| {
                        sink.bad_code(line, &inner[open..=open + close]);
                        EventCode::default()
                    })
                }
                None => {
                    sink.malformed(line, "verb block", "unclosed [");
                    EventCode::default()
                }
            };
            (name, code)
        }
        None => (inner, EventCode::default()),
    };
    if name.is_empty() {
        sink.malformed(line, "verb block", "block without a name");
    }
    data.verb_blocks.push(VerbBlock {
        name: name.into(),
        code,
        patterns: Vec::new(),
        provenance: sink.provenance(line),
    });
    (data.verb_blocks.len() - 1) as BlockId
}

/// Parses the inside of `[...]` in a verb file: `064`, `---`, `032:033`, `:190`, `075A`.
pub(crate) fn parse_event_code(text: &str) -> Option<EventCode> {
    let part = |p: &str| -> Result<Option<Box<str>>, ()> {
        let p = p.trim();
        if p.is_empty() || p == "---" {
            Ok(None)
        } else if p
            .chars()
            .any(|c| c.is_whitespace() || "[]{}()~:".contains(c))
        {
            Err(())
        } else {
            Ok(Some(p.into()))
        }
    };
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.split_once(':') {
        Some((a, b)) => {
            let code = EventCode {
                primary: part(a).ok()?,
                reciprocal: part(b).ok()?,
            };
            (!code.is_null() || a.trim() == "---").then_some(code)
        }
        None => {
            let primary = part(text).ok()?;
            Some(EventCode {
                primary,
                reciprocal: None,
            })
        }
    }
}

/// A verb phrase `WIRE_+TAP`: words before the verb word, the verb word, words after.
pub(super) type VerbShape = (Vec<Box<str>>, Box<str>, Vec<Box<str>>);

/// Splits a (possibly multi-word) verb at its `+` word; without `+`, the first word is the
/// verb.
pub(super) fn verb_shape(text: &str) -> Result<VerbShape, &'static str> {
    let words: Vec<&str> = text
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err("no verb");
    }
    let marked: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].starts_with('+'))
        .collect();
    let at = match marked[..] {
        [] => 0,
        [i] => i,
        _ => return Err("more than one + in a verb"),
    };
    let verb = words[at].trim_start_matches('+');
    let valid = |w: &str| {
        !w.is_empty() && !w.contains(['+', '[', ']', '{', '}', '(', ')', '*', '&', '$', '%', '^'])
    };
    if !valid(verb) || words.iter().enumerate().any(|(i, w)| i != at && !valid(w)) {
        return Err("not a verb phrase");
    }
    Ok((
        words[..at].iter().map(|w| upper(w)).collect(),
        upper(verb),
        words[at + 1..].iter().map(|w| upper(w)).collect(),
    ))
}

/// Words before the verb word, words after it, and the verb word's forms in that context.
type FormGroup = (Vec<Box<str>>, Vec<Box<str>>, Vec<Box<str>>);

/// Parses a verb line `+CORDON_OFF {+CORDONED_OFF ...} [CODE]` into one verb per distinct
/// context of words before/after the verb word.
fn verb_line(
    data: &mut crate::DictionaryData,
    block: Option<BlockId>,
    text: &str,
    line: Line<'_>,
    sink: &mut Sink<'_>,
) {
    let Some(block) = block else {
        sink.malformed(line, "verb", "verb before any verb block");
        return;
    };
    let t = strip_semicolon(text);
    let (main, code) = match t.find('[') {
        Some(open) => {
            let Some(close) = t[open..].find(']') else {
                sink.malformed(line, "verb", "unclosed [");
                return;
            };
            if !t[open + close + 1..].trim().is_empty() {
                sink.malformed(line, "verb", "text after [code]");
                return;
            }
            match parse_event_code(&t[open + 1..open + close]) {
                Some(code) => (&t[..open], Some(code)),
                None => {
                    sink.bad_code(line, &t[open..=open + close]);
                    return;
                }
            }
        }
        None => (t, None),
    };
    let (head, listed) = match main.find('{') {
        Some(open) => {
            let Some(close) = main[open..].find('}') else {
                sink.malformed(line, "verb", "unclosed {");
                return;
            };
            if !main[open + close + 1..].trim().is_empty() {
                sink.malformed(line, "verb", "text after {...}");
                return;
            }
            (&main[..open], Some(&main[open + 1..open + close]))
        }
        None => (main, None),
    };
    let (before, lemma, after) = match verb_shape(head) {
        Ok(shape) => shape,
        Err(reason) => {
            sink.malformed(line, "verb", reason);
            return;
        }
    };
    // Forms grouped by their context (words before, words after), base context first.
    let mut groups: Vec<FormGroup> = vec![(before, after, vec![lemma.clone()])];
    match listed {
        None => {
            groups[0].2 = inflect::verb_forms(&lemma)
                .into_iter()
                .map(Into::into)
                .collect()
        }
        Some(listed) => {
            for spec in listed.split(|c: char| c == ',' || c.is_whitespace()) {
                if spec.is_empty() {
                    continue;
                }
                let (b, v, a) = match verb_shape(spec) {
                    Ok(shape) => shape,
                    Err(reason) => {
                        sink.malformed(line, "verb", reason);
                        return;
                    }
                };
                match groups.iter_mut().find(|g| g.0 == b && g.1 == a) {
                    Some(g) => {
                        if !g.2.contains(&v) {
                            g.2.push(v)
                        }
                    }
                    None => groups.push((b, a, vec![v])),
                }
            }
        }
    }
    for (words_before, words_after, forms) in groups {
        data.verbs.push(Verb {
            lemma: lemma.clone(),
            forms,
            words_before,
            words_after,
            code: code.clone(),
            block,
            provenance: sink.provenance(line),
        });
    }
}

/// Why a pattern was rejected.
enum PatError {
    Malformed(&'static str),
    UnknownSynset(String),
}

/// A token of a pattern: the verb marker `*` or an element.
enum Tok {
    Verb,
    Item(PatternItem),
}

/// Parses a pattern line (without its leading `-`); reports and returns `None` when bad.
pub(super) fn pattern(
    body: &str,
    synsets: &FxHashMap<Box<str>, SynsetId>,
    line: Line<'_>,
    sink: &mut Sink<'_>,
) -> Option<Pattern> {
    let Some(open) = body.rfind('[') else {
        sink.malformed(line, "pattern", "no [code]");
        return None;
    };
    let Some(close) = body[open..].find(']') else {
        sink.malformed(line, "pattern", "unclosed [");
        return None;
    };
    if !body[open + close + 1..].trim().is_empty() {
        sink.malformed(line, "pattern", "text after [code]");
        return None;
    }
    let Some(code) = parse_event_code(&body[open + 1..open + close]) else {
        sink.bad_code(line, &body[open..=open + close]);
        return None;
    };
    let toks = match tokenize(&body[..open], synsets) {
        Ok(toks) => toks,
        Err(PatError::Malformed(reason)) => {
            sink.malformed(line, "pattern", reason);
            return None;
        }
        Err(PatError::UnknownSynset(name)) => {
            sink.unknown_synset(line, &name);
            return None;
        }
    };
    let verbs: Vec<usize> = (0..toks.len())
        .filter(|&i| matches!(toks[i].0, Tok::Verb))
        .collect();
    let v = match verbs[..] {
        [v] => v,
        [] => {
            sink.malformed(line, "pattern", "no verb marker *");
            return None;
        }
        _ => {
            sink.malformed(line, "pattern", "more than one *");
            return None;
        }
    };
    // `toks[i].1`: joined by `_` to the previous token.
    let mut before = Vec::with_capacity(v);
    let mut after = Vec::with_capacity(toks.len() - v - 1);
    for (i, (tok, joined_prev)) in toks.iter().enumerate() {
        let Tok::Item(item) = tok else { continue };
        if i < v {
            before.push(PatternElement {
                item: item.clone(),
                consecutive: toks[i + 1].1,
            });
        } else {
            after.push(PatternElement {
                item: item.clone(),
                consecutive: *joined_prev,
            });
        }
    }
    Some(Pattern {
        before,
        after,
        code,
        provenance: sink.provenance(line),
    })
}

/// Whether `b` ends a word in a pattern.
fn is_delim(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'_' | b'*' | b'{' | b'}' | b'(' | b')')
}

/// The longest defined synset name made of `parts[..k]` joined by `_`: `(k, id)`.
fn longest_synset(
    parts: &[&str],
    synsets: &FxHashMap<Box<str>, SynsetId>,
) -> Option<(usize, SynsetId)> {
    let mut name = String::new();
    let mut best = None;
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            name.push('_');
        }
        name.push_str(&part.to_uppercase());
        if let Some(&id) = synsets.get(name.as_str()) {
            best = Some((k + 1, id));
        }
    }
    best
}

/// The words of a `{...}` or `(...)` group: split at blanks and `_`, upper-cased; synset
/// references are checked and kept as `&NAME`.
fn group_words(
    content: &str,
    synsets: &FxHashMap<Box<str>, SynsetId>,
) -> Result<Vec<Box<str>>, PatError> {
    let mut out = Vec::new();
    for chunk in content.split_whitespace() {
        let parts: Vec<&str> = chunk.split('_').filter(|p| !p.is_empty()).collect();
        let mut k = 0;
        while k < parts.len() {
            if let Some(first) = parts[k].strip_prefix('&') {
                let mut rest = parts[k..].to_vec();
                rest[0] = first;
                let Some((n, id)) = longest_synset(&rest, synsets) else {
                    return Err(PatError::UnknownSynset(first.to_uppercase()));
                };
                let _ = id;
                out.push(format!("&{}", rest[..n].join("_").to_uppercase()).into());
                k += n;
            } else {
                out.push(upper(parts[k]));
                k += 1;
            }
        }
    }
    Ok(out)
}

/// Splits a pattern into tokens, each with whether `_` joins it to the previous one.
fn tokenize(
    text: &str,
    synsets: &FxHashMap<Box<str>, SynsetId>,
) -> Result<Vec<(Tok, bool)>, PatError> {
    let b = text.as_bytes();
    let mut out: Vec<(Tok, bool)> = Vec::new();
    let mut joined = false;
    let mut i = 0;
    let push = |out: &mut Vec<(Tok, bool)>, tok: Tok, joined: &mut bool| {
        let j = *joined && !out.is_empty();
        out.push((tok, j));
        *joined = false;
    };
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' => i += 1,
            b'_' => {
                joined = true;
                i += 1;
            }
            b'*' => {
                push(&mut out, Tok::Verb, &mut joined);
                i += 1;
            }
            b'{' => {
                let close = text[i..]
                    .find('}')
                    .ok_or(PatError::Malformed("unclosed {"))?;
                let content = &text[i + 1..i + close];
                if content.contains(['{', '(', ')']) {
                    return Err(PatError::Malformed("brackets inside {...}"));
                }
                let words = group_words(content, synsets)?;
                if words.is_empty() {
                    return Err(PatError::Malformed("empty {}"));
                }
                push(
                    &mut out,
                    Tok::Item(PatternItem::NounPhrase(words)),
                    &mut joined,
                );
                i += close + 1;
            }
            b'(' => {
                let close = text[i..]
                    .find(')')
                    .ok_or(PatError::Malformed("unclosed ("))?;
                let content = &text[i + 1..i + close];
                if content.contains('(') {
                    return Err(PatError::Malformed("nested ("));
                }
                let braces = content.matches('{').count();
                if braces != content.matches('}').count() {
                    return Err(PatError::Malformed("unbalanced {} inside (...)"));
                }
                let flat = content.replace(['{', '}'], " ");
                let mut words = group_words(&flat, synsets)?.into_iter();
                let prep = words.next().ok_or(PatError::Malformed("empty ()"))?;
                let item = PatternItem::PrepPhrase(prep, words.collect());
                push(&mut out, Tok::Item(item), &mut joined);
                i += close + 1;
            }
            b'}' | b')' => return Err(PatError::Malformed("unbalanced } or )")),
            _ => {
                let mut j = i;
                while j < b.len() && !is_delim(b[j]) {
                    j += 1;
                }
                let word = &text[i..j];
                if let Some(first) = word.strip_prefix('&') {
                    // Synset names may contain `_`: take the longest defined one.
                    let mut parts = vec![first];
                    let mut ends = vec![j];
                    let mut k = j;
                    while k < b.len() && b[k] == b'_' {
                        let mut m = k + 1;
                        while m < b.len() && !is_delim(b[m]) {
                            m += 1;
                        }
                        if m == k + 1 {
                            break;
                        }
                        parts.push(&text[k + 1..m]);
                        ends.push(m);
                        k = m;
                    }
                    let Some((n, id)) = longest_synset(&parts, synsets) else {
                        return Err(PatError::UnknownSynset(first.to_uppercase()));
                    };
                    push(&mut out, Tok::Item(PatternItem::Synset(id)), &mut joined);
                    i = ends[n - 1];
                    continue;
                }
                let item = match word {
                    "$" => PatternItem::Source,
                    "+" => PatternItem::Target,
                    "%" => PatternItem::Compound,
                    "^" => PatternItem::Skip,
                    _ => PatternItem::Word(upper(word)),
                };
                push(&mut out, Tok::Item(item), &mut joined);
                i = j;
            }
        }
    }
    Ok(out)
}

/// Parses `~ a (a b ATTACK) SAY = a b 015` (without the `~`).
pub(super) fn transformation(
    body: &str,
    line: Line<'_>,
    sink: &mut Sink<'_>,
) -> Option<Transformation> {
    let parsed = (|| {
        let (lhs, rhs) = body.split_once('=')?;
        let open = lhs.find('(')?;
        let close = open + lhs[open..].find(')')?;
        let single = |s: &str| -> Option<Box<str>> {
            let mut it = s.split_whitespace();
            let w = it.next()?;
            it.next().is_none().then(|| w.into())
        };
        let outer_source = single(&lhs[..open])?;
        let inner: Vec<&str> = lhs[open + 1..close].split_whitespace().collect();
        let outer_verb = upper(&single(&lhs[close + 1..])?);
        let result: Vec<&str> = rhs.split_whitespace().collect();
        let ([s, t, v], [rs, rt, rc]) = (&inner[..], &result[..]) else {
            return None;
        };
        Some(Transformation {
            outer_source,
            inner_source: (*s).into(),
            inner_target: (*t).into(),
            inner_verb: upper(v),
            outer_verb,
            result_source: (*rs).into(),
            result_target: (*rt).into(),
            result_code: (*rc).into(),
            provenance: sink.provenance(line),
        })
    })();
    if parsed.is_none() {
        sink.malformed(
            line,
            "transformation",
            "expected ~ a (b c VERB) VERB = a b CODE",
        );
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        let c = |s: &str| parse_event_code(s).map(|c| (c.primary, c.reciprocal));
        assert_eq!(c("064"), Some((Some("064".into()), None)));
        assert_eq!(
            c(" 032:033 "),
            Some((Some("032".into()), Some("033".into())))
        );
        assert_eq!(c(":190"), Some((None, Some("190".into()))));
        assert_eq!(c("---"), Some((None, None)));
        assert_eq!(c("---:---"), Some((None, None)));
        assert_eq!(c("0x30"), Some((Some("0x30".into()), None)));
        assert_eq!(c(""), None);
        assert_eq!(c(":"), None);
        assert_eq!(c("07 4"), None);
        assert_eq!(c("1:2:3"), None);
    }

    #[test]
    fn shapes() {
        let s = |t: &str| verb_shape(t).map(|(b, v, a)| (b.len(), v, a.len()));
        assert_eq!(s("+CORDON_OFF"), Ok((0, "CORDON".into(), 1)));
        assert_eq!(s("WIRE_+TAP"), Ok((1, "TAP".into(), 0)));
        assert_eq!(s("LASH OUT"), Ok((0, "LASH".into(), 1)));
        assert!(s("+A_+B").is_err());
        assert!(s("").is_err());
        assert!(s("A*").is_err());
    }

    #[test]
    fn synset_names_with_underscores() {
        let mut syn = FxHashMap::default();
        syn.insert(Box::from("FIGHT"), 0);
        syn.insert(Box::from("FIGHT_OF_WORDS"), 1);
        let toks = tokenize("&FIGHT_OF_WORDS_NOW * &FIGHT_OF", &syn)
            .ok()
            .unwrap();
        let items: Vec<String> = toks
            .iter()
            .map(|(t, j)| match t {
                Tok::Verb => format!("*{j}"),
                Tok::Item(i) => format!("{i:?}{j}"),
            })
            .collect();
        assert_eq!(
            items,
            [
                "Synset(1)false",
                "Word(\"NOW\")true",
                "*false",
                "Synset(0)false",
                "Word(\"OF\")true"
            ]
        );
    }
}

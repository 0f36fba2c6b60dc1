//! Writing dictionaries as native files.

use std::collections::HashSet;
use std::fmt::Write;

use crate::inflect;
use crate::model::{
    AgentPlacement, Date, DateRange, EventCode, PatternElement, PatternItem, Phrase, Provenance,
};
use crate::Dictionaries;

use super::{FORMAT_VERSION, MAGIC};

/// Writes `dict` as native files: `(file name, text)` in the order they should be loaded.
///
/// Each entry goes to the file named after its source file (`kb/petrarch/verbs.txt` →
/// `verbs.kb`), except synsets, which all go to `synsets.kb`. Ids come from the primary
/// phrase (actors, agents, discards, issues), the block name (verbs) or the synset name,
/// slugified and made unique per kind. Loading the files with
/// [`super::NativeLoader`] gives back the same entries in the same order; only provenance
/// changes, and verb block names become their ids.
pub fn dump(dict: &Dictionaries) -> Vec<(String, String)> {
    let mut out = Files::default();
    let mut ids = Ids::default();

    for s in &dict.synsets {
        let id = ids.take("synset", &s.name.to_lowercase());
        let text = out.file("synsets.kb", &s.provenance);
        let _ = writeln!(text, "synset {id}");
        phrase_list(text, &s.phrases);
        text.push('\n');
    }
    let synset_names: Vec<String> = dict.synsets.iter().map(|s| s.name.to_lowercase()).collect();

    for (b, block) in dict.verb_blocks.iter().enumerate() {
        let id = ids.take("verb", &block.name);
        let text = out.file(&target(&block.provenance), &block.provenance);
        let _ = writeln!(text, "verb {id}");
        if !block.code.is_null() {
            let _ = writeln!(text, "  code {}", code(&block.code));
        }
        for v in dict.verbs.iter().filter(|v| v.block as usize == b) {
            // Native forms always begin with the verb word; a PETRARCH group listed without
            // its base form takes its first form as the verb word.
            let (head, rest) = if v.forms.first() == Some(&v.lemma) {
                (&v.lemma, &v.forms[1..])
            } else if let Some((first, rest)) = v.forms.split_first() {
                (first, rest)
            } else {
                (&v.lemma, &v.forms[..0])
            };
            let mut words: Vec<String> = v.words_before.iter().map(|w| lower(w)).collect();
            let marker = if v.words_before.is_empty() { "" } else { "+" };
            words.push(format!("{marker}{}", lower(head)));
            words.extend(v.words_after.iter().map(|w| lower(w)));
            let _ = write!(text, "  verb {}", words.join(" "));
            if let Some(c) = &v.code {
                let _ = write!(text, " -> {}", code(c));
            }
            text.push('\n');
            let generated: Vec<Box<str>> = inflect::verb_forms(head)
                .into_iter()
                .map(Into::into)
                .collect();
            if rest.is_empty() {
                text.push_str("  form -\n");
            } else if !(head == &v.lemma && v.forms == generated) {
                for f in rest {
                    let _ = writeln!(text, "  form {}", lower(f));
                }
            }
        }
        for p in &block.patterns {
            let _ = writeln!(
                text,
                "  pattern {} -> {}",
                pattern(&p.before, &p.after, &synset_names),
                code(&p.code)
            );
        }
        text.push('\n');
    }

    for t in &dict.transformations {
        let id = ids.take("transform", &format!("{}-{}", t.outer_verb, t.inner_verb));
        let text = out.file(&target(&t.provenance), &t.provenance);
        let _ = writeln!(
            text,
            "transform {id}\n  rule {} ({} {} {}) {} = {} {} {}\n",
            t.outer_source,
            t.inner_source,
            t.inner_target,
            lower(&t.inner_verb),
            lower(&t.outer_verb),
            t.result_source,
            t.result_target,
            t.result_code
        );
    }

    for a in &dict.actors {
        let id = ids.take("actor", &phrase_slug(&a.phrases[0]));
        let text = out.file(&target(&a.provenance), &a.provenance);
        let _ = writeln!(text, "actor {id}");
        for p in &a.phrases {
            let _ = writeln!(text, "  name {}", phrase(p, true));
        }
        for (range, codes) in &a.codes {
            let codes = if codes.is_empty() {
                "-".to_string()
            } else {
                codes.join(" ")
            };
            let _ = writeln!(text, "  code {codes}{}", range_text(*range));
        }
        text.push('\n');
    }

    for a in &dict.agents {
        let id = ids.take("agent", &phrase_slug(&a.phrases[0]));
        let text = out.file(&target(&a.provenance), &a.provenance);
        let _ = writeln!(text, "agent {id}");
        phrase_list(text, &a.phrases);
        let _ = match a.placement {
            AgentPlacement::Suffix => writeln!(text, "  code ~{}", a.code),
            AgentPlacement::Prefix => writeln!(text, "  code {}~", a.code),
        };
        text.push('\n');
    }

    for d in &dict.discards {
        let id = ids.take("discard", &d.phrase);
        let text = out.file(&target(&d.provenance), &d.provenance);
        let fact = if d.story { "story" } else { "sentence" };
        let star = if d.whole_word { "" } else { "*" };
        let words: Vec<String> = d.phrase.split(' ').map(lower).collect();
        let _ = writeln!(text, "discard {id}\n  {fact} {}{star}\n", words.join(" "));
    }

    for i in &dict.issues {
        let id = ids.take("issue", i.phrases.first().map(|p| &**p).unwrap_or("issue"));
        let text = out.file(&target(&i.provenance), &i.provenance);
        let _ = writeln!(text, "issue {id}");
        let _ = writeln!(text, "  code {}", i.code.as_deref().unwrap_or("-"));
        for p in &i.phrases {
            let words: Vec<String> = p.split(' ').map(lower).collect();
            let _ = writeln!(text, "  phrase {}", words.join(" "));
        }
        text.push('\n');
    }

    out.files
        .into_iter()
        .map(|(name, mut text)| {
            while text.ends_with("\n\n") {
                text.pop();
            }
            (name, text)
        })
        .collect()
}

/// The output files, in order of first use.
#[derive(Default)]
struct Files {
    files: Vec<(String, String)>,
}

impl Files {
    fn file(&mut self, name: &str, from: &Provenance) -> &mut String {
        let i = match self.files.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                let header = format!(
                    "{MAGIC} {FORMAT_VERSION}\n# Written by `detente dict convert` from {}.\n\n",
                    from.file
                );
                self.files.push((name.to_string(), header));
                self.files.len() - 1
            }
        };
        &mut self.files[i].1
    }
}

/// Ids taken so far, per kind.
#[derive(Default)]
struct Ids {
    taken: HashSet<(&'static str, String)>,
}

impl Ids {
    /// A unique id for `kind` made from `text`: slugified, `-2`, `-3`, ... if taken.
    fn take(&mut self, kind: &'static str, text: &str) -> String {
        let mut base = slug(text);
        if base.is_empty() {
            base = kind.to_string();
        }
        let mut id = base.clone();
        let mut n = 1;
        while !self.taken.insert((kind, id.to_lowercase())) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// Lower-case letters and digits, other characters as single `-`; `_` and `.` kept inside.
fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '.' {
            dash = true;
        }
    }
    out
}

fn phrase_slug(p: &Phrase) -> String {
    let words: Vec<&str> = p.words.iter().map(|w| &*w.text).collect();
    slug(&words.join(" "))
}

/// The native file an entry goes to: its source file's name with `.kb` for the extension.
fn target(p: &Provenance) -> String {
    let name = p.file.rsplit(['/', '\\']).next().unwrap_or(&p.file);
    let stem = name
        .strip_suffix(".txt")
        .or_else(|| name.strip_suffix(".kb"))
        .unwrap_or(name);
    let stem = if stem.is_empty() { "dictionary" } else { stem };
    format!("{stem}.kb")
}

/// ASCII words lower-case; others as they are (their case may not survive a round trip).
fn lower(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_string()
    }
}

/// Words that stay lower-case inside a title-cased name.
const SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "al", "el",
    "bin", "ben", "von", "van", "der", "del", "di", "da", "dos", "y",
];

/// A name word in natural case: `RUSSIAN` → `Russian`, `OF` → `of`, `U.S.` and `PKK` kept.
fn title(word: &str, first: bool) -> String {
    if !word.is_ascii() {
        return word.to_string();
    }
    let low = word.to_ascii_lowercase();
    if !first && SMALL_WORDS.contains(&low.as_str()) {
        return low;
    }
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    let vowels = word.chars().filter(|c| "AEIOUYaeiouy".contains(*c)).count();
    if word.contains('.') || letters <= 2 || vowels == 0 {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in low.chars() {
        out.push(if start { c.to_ascii_uppercase() } else { c });
        start = !c.is_ascii_alphanumeric();
    }
    out
}

/// A phrase as written in a `name` line.
fn phrase(p: &Phrase, title_case: bool) -> String {
    let mut out = String::new();
    for (i, w) in p.words.iter().enumerate() {
        if i > 0 {
            out.push_str(if p.consecutive[i - 1] { " " } else { " .. " });
        }
        if title_case {
            out.push_str(&title(&w.text, i == 0));
        } else {
            out.push_str(&lower(&w.text));
        }
        if !w.exact {
            out.push('*');
        }
    }
    out
}

/// The `name` (and `plural`) lines of an agent or synset. When the phrases are exactly some
/// names each followed by its regular plural, only the names are written (the loader
/// generates the plurals); otherwise every phrase and `plural -`.
fn phrase_list(text: &mut String, phrases: &[Phrase]) {
    let mut names: Vec<&Phrase> = Vec::new();
    let mut i = 0;
    while i < phrases.len() {
        names.push(&phrases[i]);
        i += 1;
        if phrases.get(i) == Some(&super::plural_of(&phrases[i - 1])) {
            i += 1;
        }
    }
    let mut regenerated: Vec<Phrase> = Vec::new();
    for n in &names {
        for p in [(*n).clone(), super::plural_of(n)] {
            if !regenerated.contains(&p) {
                regenerated.push(p);
            }
        }
    }
    if regenerated == phrases {
        for n in names {
            let _ = writeln!(text, "  name {}", phrase(n, false));
        }
    } else {
        for p in phrases {
            let _ = writeln!(text, "  name {}", phrase(p, false));
        }
        text.push_str("  plural -\n");
    }
}

fn code(c: &EventCode) -> String {
    match (&c.primary, &c.reciprocal) {
        (None, None) => "---".into(),
        (Some(p), None) => p.to_string(),
        (None, Some(r)) => format!(":{r}"),
        (Some(p), Some(r)) => format!("{p}:{r}"),
    }
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
}

fn range_text(r: DateRange) -> String {
    match r {
        DateRange::Always => String::new(),
        DateRange::Until(d) => format!(" ..{}", iso(d)),
        DateRange::From(d) => format!(" {}..", iso(d)),
        DateRange::Between(a, b) => format!(" {}..{}", iso(a), iso(b)),
    }
}

fn item(i: &PatternItem, synsets: &[String]) -> String {
    let words = |ws: &[Box<str>]| ws.iter().map(|w| lower(w)).collect::<Vec<_>>().join(" ");
    match i {
        PatternItem::Word(w) => lower(w),
        PatternItem::Synset(id) => format!(
            "&{}",
            synsets.get(*id as usize).map(|s| s.as_str()).unwrap_or("?")
        ),
        PatternItem::Source => "$".into(),
        PatternItem::Target => "+".into(),
        PatternItem::Compound => "%".into(),
        PatternItem::Skip => "^".into(),
        PatternItem::NounPhrase(ws) => format!("{{{}}}", words(ws)),
        PatternItem::PrepPhrase(p, ws) if ws.is_empty() => format!("({})", lower(p)),
        PatternItem::PrepPhrase(p, ws) => format!("({} {})", lower(p), words(ws)),
    }
}

/// A pattern in PETRARCH element syntax: `so in_and_*_out again`.
fn pattern(before: &[PatternElement], after: &[PatternElement], synsets: &[String]) -> String {
    let mut out = String::new();
    for e in before {
        out.push_str(&item(&e.item, synsets));
        out.push(if e.consecutive { '_' } else { ' ' });
    }
    out.push('*');
    for e in after {
        out.push(if e.consecutive { '_' } else { ' ' });
        out.push_str(&item(&e.item, synsets));
    }
    out
}

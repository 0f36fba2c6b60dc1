//! Writing dictionaries as native files.

// A PETRARCH `#` comment is removed exactly as the PETRARCH loader does.
use crate::petrarch::shared::strip_hash;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use crate::inflect;
use crate::model::{
    AgentPlacement, Date, DateRange, EventCode, PatternElement, PatternItem, Phrase, Provenance,
};
use crate::Dictionaries;

use super::{is_native, FORMAT_VERSION, MAGIC};

/// Writes `dict` as native files: `(file name, text)` in the order they should be loaded.
///
/// Each entry goes to the file named after its source file (`petrarch/verbs.txt` →
/// `verbs.kb`), except synsets, which all go to `synsets.kb`. Ids come from the primary
/// phrase (actors, agents, discards, issues), the block name (verbs) or the synset name,
/// slugified and made unique per kind. Loading the files with
/// [`super::NativeLoader`] gives back the same entries in the same order; only provenance
/// changes, and verb block names become their ids.
///
/// The model keeps no comments; [`dump_with_sources`] carries them over from the source texts.
pub fn dump(dict: &Dictionaries) -> Vec<(String, String)> {
    dump_with_sources::<&str, &str>(dict, &[])
}

/// [`dump`], carrying the comments of the PETRARCH source files into the native files.
///
/// `sources` are `(file name, text)`, the name as the entries' [`Provenance::file`] has it.
/// For each source file:
/// - its leading comment block (up to the first blank line) becomes
///   the header of the native file its entries go to, after the version marker and a line
///   naming the source;
/// - comment lines before an entry's line are written as `#` lines before the native entry
///   (or, for a verb, pattern, synonym or dated code, before its fact line), blank lines
///   between them kept;
/// - a trailing comment (`JOHN_KERRY_ [USAELI]  # senator ...`) stays on its line: an
///   entry's first line's on the entry's header line (`actor john-kerry  # senator ...`),
///   other lines' on the fact they became (`  code USAGOV 2013-02-01..2017-01-20  # ...`);
///   when several source lines became one fact, all but the last go as `#` lines above it;
/// - `<!-- ... -->` comments are read like `#` lines (without the markers), TABARI `;`
///   comments on actor and verb lines like trailing `#` comments;
/// - comments after the last entry, and any that cannot be placed (the comments of a line
///   that gives no entry, such as `!PERSON! = ...`, go before the next entry), end the file.
///
/// An entry's source lines run from its line ([`Provenance::line`]) to the next entry's line
/// or the next blank line. No comment text is dropped; the order of the comments of one
/// source file is kept, except where the native format reorders entries (synsets go to
/// `synsets.kb`, transformations follow the verb blocks, an actor's names come before its
/// codes). Sources that are native files, or that no entry comes from, carry nothing.
pub fn dump_with_sources<N: AsRef<str>, T: AsRef<str>>(
    dict: &Dictionaries,
    sources: &[(N, T)],
) -> Vec<(String, String)> {
    let mut out = Files {
        files: Vec::new(),
        comments: Comments::new(dict, sources),
    };
    let mut ids = Ids::default();

    for s in &dict.synsets {
        let id = ids.take("synset", &s.name.to_lowercase());
        let unit = out.take(&s.provenance);
        let text = out.file("synsets.kb", &s.provenance);
        head(text, &format!("synset {id}"), &unit);
        let (names, plural) = phrase_list(&s.phrases);
        // The `+` lines are the names when they are as many.
        let members = unit.get(1..).unwrap_or_default();
        let matched = members.len() == names.len();
        for (i, n) in names.iter().enumerate() {
            let from: Vec<&UnitLine> = if matched {
                vec![&members[i]]
            } else {
                Vec::new()
            };
            fact(text, &format!("  name {n}"), &from);
        }
        if plural {
            text.push_str("  plural -\n");
        }
        if !matched {
            rest(text, members.iter());
        }
        text.push('\n');
    }
    let synset_names: Vec<String> = dict.synsets.iter().map(|s| s.name.to_lowercase()).collect();

    for (b, block) in dict.verb_blocks.iter().enumerate() {
        let id = ids.take("verb", &block.name);
        let unit = out.take(&block.provenance);
        let verbs: Vec<_> = dict
            .verbs
            .iter()
            .filter(|v| v.block as usize == b)
            .map(|v| (v, semicolons(out.take(&v.provenance))))
            .collect();
        let patterns: Vec<_> = block
            .patterns
            .iter()
            .map(|p| (p, out.take(&p.provenance)))
            .collect();
        let text = out.file(&target(&block.provenance), &block.provenance);
        head(text, &format!("verb {id}"), &unit);
        if !block.code.is_null() {
            let _ = writeln!(text, "  code {}", code(&block.code));
        }
        rest(text, unit.iter().skip(1));
        for (v, unit) in verbs {
            // Native forms always begin with the verb word; a PETRARCH group listed without
            // its base form takes its first form as the verb word.
            let (head, others) = if v.forms.first() == Some(&v.lemma) {
                (&v.lemma, &v.forms[1..])
            } else if let Some((first, others)) = v.forms.split_first() {
                (first, others)
            } else {
                (&v.lemma, &v.forms[..0])
            };
            let mut words: Vec<String> = v.words_before.iter().map(|w| lower(w)).collect();
            let marker = if v.words_before.is_empty() { "" } else { "+" };
            words.push(format!("{marker}{}", lower(head)));
            words.extend(v.words_after.iter().map(|w| lower(w)));
            let mut line = format!("  verb {}", words.join(" "));
            if let Some(c) = &v.code {
                let _ = write!(line, " -> {}", code(c));
            }
            fact(text, &line, &unit.iter().take(1).collect::<Vec<_>>());
            let generated: Vec<Box<str>> = inflect::verb_forms(head)
                .into_iter()
                .map(Into::into)
                .collect();
            if others.is_empty() {
                text.push_str("  form -\n");
            } else if !(head == &v.lemma && v.forms == generated) {
                for f in others {
                    let _ = writeln!(text, "  form {}", lower(f));
                }
            }
            rest(text, unit.iter().skip(1));
        }
        for (p, unit) in patterns {
            let line = format!(
                "  pattern {} -> {}",
                pattern(&p.before, &p.after, &synset_names),
                code(&p.code)
            );
            fact(text, &line, &unit.iter().take(1).collect::<Vec<_>>());
            rest(text, unit.iter().skip(1));
        }
        text.push('\n');
    }

    for t in &dict.transformations {
        let id = ids.take("transform", &format!("{}-{}", t.outer_verb, t.inner_verb));
        let unit = out.take(&t.provenance);
        let text = out.file(&target(&t.provenance), &t.provenance);
        head(text, &format!("transform {id}"), &unit);
        let _ = writeln!(
            text,
            "  rule {} ({} {} {}) {} = {} {} {}",
            t.outer_source,
            t.inner_source,
            t.inner_target,
            lower(&t.inner_verb),
            lower(&t.outer_verb),
            t.result_source,
            t.result_target,
            t.result_code
        );
        rest(text, unit.iter().skip(1));
        text.push('\n');
    }

    for a in &dict.actors {
        let id = ids.take("actor", &phrase_slug(&a.phrases[0]));
        let unit = semicolons(out.take(&a.provenance));
        let slots = actor_slots(&unit);
        let text = out.file(&target(&a.provenance), &a.provenance);
        head(text, &format!("actor {id}"), &unit);
        let mut used = vec![false; slots.len()];
        let mut from = |slot: Slot| -> Vec<&UnitLine> {
            let mut lines = Vec::new();
            for (i, s) in slots.iter().enumerate() {
                if *s == slot {
                    used[i] = true;
                    lines.push(&unit[i + 1]);
                }
            }
            lines
        };
        for (i, p) in a.phrases.iter().enumerate() {
            fact(
                text,
                &format!("  name {}", phrase(p, true)),
                &from(Slot::Name(i)),
            );
        }
        for (i, (range, codes)) in a.codes.iter().enumerate() {
            let codes = if codes.is_empty() {
                "-".to_string()
            } else {
                codes.join(" ")
            };
            let line = format!("  code {codes}{}", range_text(*range));
            fact(text, &line, &from(Slot::Code(i)));
        }
        rest(
            text,
            unit.iter()
                .skip(1)
                .zip(&used)
                .filter(|(_, u)| !**u)
                .map(|(l, _)| l),
        );
        text.push('\n');
    }

    for a in &dict.agents {
        let id = ids.take("agent", &phrase_slug(&a.phrases[0]));
        let unit = out.take(&a.provenance);
        let text = out.file(&target(&a.provenance), &a.provenance);
        head(text, &format!("agent {id}"), &unit);
        let (names, plural) = phrase_list(&a.phrases);
        for n in names {
            let _ = writeln!(text, "  name {n}");
        }
        if plural {
            text.push_str("  plural -\n");
        }
        let _ = match a.placement {
            AgentPlacement::Suffix => writeln!(text, "  code ~{}", a.code),
            AgentPlacement::Prefix => writeln!(text, "  code {}~", a.code),
        };
        rest(text, unit.iter().skip(1));
        text.push('\n');
    }

    for d in &dict.discards {
        let id = ids.take("discard", &d.phrase);
        let unit = out.take(&d.provenance);
        let text = out.file(&target(&d.provenance), &d.provenance);
        head(text, &format!("discard {id}"), &unit);
        let fact = if d.story { "story" } else { "sentence" };
        let star = if d.whole_word { "" } else { "*" };
        let words: Vec<String> = d.phrase.split(' ').map(lower).collect();
        let _ = writeln!(text, "  {fact} {}{star}", words.join(" "));
        rest(text, unit.iter().skip(1));
        text.push('\n');
    }

    for i in &dict.issues {
        let id = ids.take("issue", i.phrases.first().map(|p| &**p).unwrap_or("issue"));
        let unit = out.take(&i.provenance);
        let text = out.file(&target(&i.provenance), &i.provenance);
        head(text, &format!("issue {id}"), &unit);
        let _ = writeln!(text, "  code {}", i.code.as_deref().unwrap_or("-"));
        for p in &i.phrases {
            let words: Vec<String> = p.split(' ').map(lower).collect();
            let _ = writeln!(text, "  phrase {}", words.join(" "));
        }
        rest(text, unit.iter().skip(1));
        text.push('\n');
    }

    out.finish()
}

/// The output files, in order of first use, and the source comments still to write.
struct Files {
    files: Vec<(String, String)>,
    comments: Comments,
}

impl Files {
    /// The text of native file `name`, created on first use. The first entry that goes to
    /// the native file named after its source file brings that source's header comment.
    fn file(&mut self, name: &str, from: &Provenance) -> &mut String {
        let i = match self.files.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.files
                    .push((name.to_string(), format!("{MAGIC} {FORMAT_VERSION}\n")));
                self.files.len() - 1
            }
        };
        let fresh = self.files[i].1.lines().count() == 1;
        let header = if target(from) == name {
            self.comments
                .sources
                .get_mut(&*from.file)
                .and_then(|s| s.header.take())
        } else {
            None
        };
        let text = &mut self.files[i].1;
        if fresh || header.is_some() {
            let _ = writeln!(
                text,
                "# Written by `detente dict convert` from {}.",
                from.file
            );
            if let Some(h) = header.as_ref().filter(|h| !h.is_empty()) {
                text.push_str("#\n");
                block(text, "", h);
            }
            text.push('\n');
        }
        text
    }

    /// The source lines of the entry at `p`, with their comments; empty if there are none or
    /// they were taken already (several entries may come from one line).
    fn take(&mut self, p: &Provenance) -> Vec<UnitLine> {
        self.comments
            .sources
            .get_mut(&*p.file)
            .and_then(|s| s.units.remove(&p.line))
            .unwrap_or_default()
    }

    /// Writes what is left of each source's comments at the end of its native file, and
    /// returns the files.
    fn finish(mut self) -> Vec<(String, String)> {
        let names: Vec<String> = self.comments.order.clone();
        for name in names {
            let Some(source) = self.comments.sources.get_mut(&name) else {
                continue;
            };
            let mut left: Vec<(u32, Vec<UnitLine>)> = source.units.drain().collect();
            left.sort_by_key(|(line, _)| *line);
            let mut footer: Block = Vec::new();
            for (_, unit) in left {
                for u in unit {
                    join(&mut footer, u.before);
                    if let Some(t) = u.trailing {
                        footer.push(trail(&t));
                    }
                }
            }
            join(&mut footer, std::mem::take(&mut source.footer));
            let has_header = source.header.as_ref().is_some_and(|h| !h.is_empty());
            if footer.is_empty() && !has_header {
                continue;
            }
            let from = Provenance {
                file: name.as_str().into(),
                line: 0,
                text: "".into(),
            };
            let text = self.file(&target(&from), &from);
            while text.ends_with("\n\n") {
                text.pop();
            }
            if !text.ends_with("\n\n") && !footer.is_empty() {
                text.push('\n');
            }
            block(text, "", &footer);
        }
        self.files
            .into_iter()
            .map(|(name, mut text)| {
                while text.ends_with("\n\n") {
                    text.pop();
                }
                (name, text)
            })
            .collect()
    }
}

/// Comment lines as written (`# ...`), `""` for a blank line between them.
type Block = Vec<String>;

/// One source line of an entry: its text without comments, and its comments.
#[derive(Debug, Default)]
struct UnitLine {
    /// The line, `#` comment removed, trimmed.
    text: String,
    /// The comment lines just before it.
    before: Block,
    /// Its trailing comment: the text after `#`.
    trailing: Option<String>,
}

/// The comments of one source file, by entry.
#[derive(Debug, Default)]
struct Source {
    /// The leading comment block, until written.
    header: Option<Block>,
    /// Entry line → the entry's source lines, first its own.
    units: HashMap<u32, Vec<UnitLine>>,
    /// Comments after the last entry.
    footer: Block,
}

/// The comments of the source files.
struct Comments {
    sources: HashMap<String, Source>,
    /// Source names in the order given.
    order: Vec<String>,
}

impl Comments {
    fn new<N: AsRef<str>, T: AsRef<str>>(dict: &Dictionaries, sources: &[(N, T)]) -> Self {
        let mut anchors: HashMap<std::sync::Arc<str>, HashSet<u32>> = HashMap::new();
        let mut add = |p: &Provenance| {
            anchors.entry(p.file.clone()).or_default().insert(p.line);
        };
        dict.synsets.iter().for_each(|s| add(&s.provenance));
        for b in &dict.verb_blocks {
            add(&b.provenance);
            b.patterns.iter().for_each(|p| add(&p.provenance));
        }
        dict.verbs.iter().for_each(|v| add(&v.provenance));
        dict.transformations.iter().for_each(|t| add(&t.provenance));
        dict.actors.iter().for_each(|a| add(&a.provenance));
        dict.agents.iter().for_each(|a| add(&a.provenance));
        dict.discards.iter().for_each(|d| add(&d.provenance));
        dict.issues.iter().for_each(|i| add(&i.provenance));

        let mut out = Comments {
            sources: HashMap::new(),
            order: Vec::new(),
        };
        for (name, text) in sources {
            let (name, text) = (name.as_ref(), text.as_ref());
            let Some(anchors) = anchors.get(name) else {
                continue;
            };
            if is_native(text) || out.sources.contains_key(name) {
                continue;
            }
            out.sources
                .insert(name.to_string(), source_comments(text, anchors));
            out.order.push(name.to_string());
        }
        out
    }
}

/// A content line of a PETRARCH file, with its comments.
struct Scanned {
    no: u32,
    line: UnitLine,
    /// A blank line stands between it and the content line before it.
    after_blank: bool,
}

/// Reads the comments of a PETRARCH file as `lines` does: `#` to the end of the line
/// (except in a code such as `[###]`), `<!-- ... -->` lines.
fn scan(text: &str) -> (Block, Vec<Scanned>, Block) {
    let text = text.trim_start_matches('\u{feff}');
    let mut pending: Block = Vec::new();
    let mut lines: Vec<Scanned> = Vec::new();
    let mut blank = false;
    let mut open = false;
    for (i, raw) in text.lines().enumerate() {
        let no = (i + 1).min(u32::MAX as usize) as u32;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let t = raw.trim();
        if open || t.starts_with("<!") {
            let opens = !open;
            open = !raw.contains("-->") && (open || !t[2..].contains("-->"));
            let mut inner = t;
            if opens {
                inner = inner
                    .strip_prefix("<!--")
                    .or_else(|| inner.strip_prefix("<!"))
                    .unwrap_or(inner);
            }
            let closes = raw.contains("-->");
            let inner = inner.replacen("-->", "", 1);
            let inner = inner.trim();
            // The lines holding only a marker have no text.
            if !inner.is_empty() {
                pending.push(format!("# {inner}"));
            } else if !opens && !closes {
                pending.push("#".to_string());
            }
            continue;
        }
        if t.is_empty() {
            blank = true;
            if pending.last().is_some_and(|l| !l.is_empty()) {
                pending.push(String::new());
            }
            continue;
        }
        let content = strip_hash(raw);
        if content.trim().is_empty() {
            pending.push(t.to_string());
            continue;
        }
        let trailing = (content.len() < raw.len()).then(|| raw[content.len() + 1..].trim_end());
        let before = std::mem::take(&mut pending);
        lines.push(Scanned {
            no,
            line: UnitLine {
                text: content.trim().to_string(),
                before,
                trailing: trailing.map(str::to_string),
            },
            after_blank: blank,
        });
        blank = false;
    }
    trim_block(&mut pending);
    // The header ends at the first blank line.
    let header = match lines.first_mut() {
        Some(first) => {
            let before = &mut first.line.before;
            match before.iter().position(|l| l.is_empty()) {
                Some(cut) => {
                    let rest = before.split_off(cut + 1);
                    let mut header = std::mem::replace(before, rest);
                    trim_block(&mut header);
                    header
                }
                None => std::mem::take(before),
            }
        }
        None => std::mem::take(&mut pending),
    };
    (header, lines, pending)
}

/// Groups a source file's comments by entry: `anchors` are the lines that entries come from.
fn source_comments(text: &str, anchors: &HashSet<u32>) -> Source {
    let (header, lines, footer) = scan(text);
    let mut units: HashMap<u32, Vec<UnitLine>> = HashMap::new();
    // The comments of lines that are no entry's, for the next entry.
    let mut carry: Block = Vec::new();
    let mut current: Option<u32> = None;
    for Scanned {
        no,
        mut line,
        after_blank,
    } in lines
    {
        if anchors.contains(&no) {
            let mut before = std::mem::take(&mut carry);
            join(&mut before, std::mem::take(&mut line.before));
            line.before = before;
            units.insert(no, vec![line]);
            current = Some(no);
        } else if let (Some(a), false) = (current, after_blank) {
            units.entry(a).or_default().push(line);
        } else {
            current = None;
            join(&mut carry, line.before);
            if let Some(t) = line.trailing {
                carry.push(trail(&t));
            }
        }
    }
    join(&mut carry, footer);
    Source {
        header: Some(header),
        units,
        footer: carry,
    }
}

/// Removes blank lines at both ends of a block.
fn trim_block(block: &mut Block) {
    while block.last().is_some_and(|l| l.is_empty()) {
        block.pop();
    }
    let lead = block.iter().take_while(|l| l.is_empty()).count();
    block.drain(..lead);
}

/// Appends `more` to `block`, a blank line between them.
fn join(block: &mut Block, more: Block) {
    let lead = more.iter().take_while(|l| l.is_empty()).count();
    if lead == more.len() {
        return;
    }
    if block.last().is_some_and(|l| !l.is_empty()) {
        block.push(String::new());
    }
    block.extend(more.into_iter().skip(lead));
}

/// A trailing comment's text as a native comment: `# text`.
fn trail(text: &str) -> String {
    if text.is_empty() || text.starts_with([' ', '\t']) {
        format!("#{text}")
    } else {
        format!("# {text}")
    }
}

/// TABARI `;` comments (actor and verb lines) become trailing comments; a line that is only
/// a `;` comment gives its comments to the next line.
fn semicolons(unit: Vec<UnitLine>) -> Vec<UnitLine> {
    let mut out: Vec<UnitLine> = Vec::with_capacity(unit.len());
    let mut pending: Block = Vec::new();
    for mut u in unit {
        if let Some((text, note)) = u.text.split_once(';') {
            let note = note.trim();
            u.trailing = match (note.is_empty(), u.trailing.take()) {
                (true, t) => t,
                (false, None) => Some(note.to_string()),
                (false, Some(t)) => Some(format!("{note} #{t}")),
            };
            u.text = text.trim().to_string();
        }
        if u.text.is_empty() && !out.is_empty() {
            join(&mut pending, u.before);
            if let Some(t) = u.trailing {
                pending.push(trail(&t));
            }
            continue;
        }
        let mut before = std::mem::take(&mut pending);
        join(&mut before, u.before);
        u.before = before;
        out.push(u);
    }
    if !pending.is_empty() {
        out.push(UnitLine {
            before: pending,
            ..UnitLine::default()
        });
    }
    out
}

/// The fact an actor's source line became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Name(usize),
    Code(usize),
    /// None found: its comments go after the facts.
    End,
}

/// The slots of an actor's source lines after its first (`+SYNONYM`: the next name; a line
/// of codes: its first code), counted as the PETRARCH loader adds them.
fn actor_slots(unit: &[UnitLine]) -> Vec<Slot> {
    let groups = |t: &str| t.find('[').map_or(0, |i| t[i..].matches('[').count());
    let mut names = 0;
    let mut codes = unit.first().map_or(0, |u| groups(&u.text));
    let mut slots = Vec::new();
    for u in unit.iter().skip(1) {
        let t = u.text.trim();
        if t.is_empty() {
            slots.push(Slot::End);
        } else if t.starts_with('[') {
            slots.push(Slot::Code(codes));
        } else {
            names += 1;
            slots.push(Slot::Name(names));
        }
        codes += groups(t);
    }
    slots
}

/// Writes comment lines, indented; a blank line between them as a blank line at the top
/// level, `#` inside an entry (where blank lines at the end are left out).
fn block(text: &mut String, indent: &str, mut block: &[String]) {
    if !indent.is_empty() {
        while let Some((last, rest)) = block.split_last() {
            if !last.is_empty() {
                break;
            }
            block = rest;
        }
    }
    for l in block {
        if l.is_empty() {
            text.push_str(if indent.is_empty() { "\n" } else { "  #\n" });
        } else {
            let _ = writeln!(text, "{indent}{l}");
        }
    }
}

/// Writes a line with a trailing comment.
fn line(text: &mut String, line: &str, trailing: Option<&str>) {
    text.push_str(line);
    if let Some(t) = trailing {
        text.push_str("  ");
        text.push_str(&trail(t));
    }
    text.push('\n');
}

/// Writes an entry's header line with the comments of its first source line.
fn head(text: &mut String, header: &str, unit: &[UnitLine]) {
    if let Some(u) = unit.first() {
        block(text, "", &u.before);
    }
    line(
        text,
        header,
        unit.first().and_then(|u| u.trailing.as_deref()),
    );
}

/// Writes a fact line with the comments of the source lines it came from: their comment
/// lines above it, the last trailing comment on it, the others above it.
fn fact(text: &mut String, fact: &str, from: &[&UnitLine]) {
    for (i, u) in from.iter().enumerate() {
        block(text, "  ", &u.before);
        if i + 1 < from.len() {
            if let Some(t) = &u.trailing {
                let _ = writeln!(text, "  {}", trail(t));
            }
        }
    }
    line(text, fact, from.last().and_then(|u| u.trailing.as_deref()));
}

/// Writes the comments of source lines that no fact was matched to, as comment lines.
fn rest<'a>(text: &mut String, lines: impl Iterator<Item = &'a UnitLine>) {
    for u in lines {
        block(text, "  ", &u.before);
        if let Some(t) = &u.trailing {
            let _ = writeln!(text, "  {}", trail(t));
        }
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

/// The `name` values of an agent or synset, and whether `plural -` follows. When the
/// phrases are exactly some names each followed by its regular plural, only the names are
/// written (the loader generates the plurals); otherwise every phrase and `plural -`.
fn phrase_list(phrases: &[Phrase]) -> (Vec<String>, bool) {
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
        (names.iter().map(|n| phrase(n, false)).collect(), false)
    } else {
        (phrases.iter().map(|p| phrase(p, false)).collect(), true)
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

//! Détente's own dictionary format (`*.kb`), specified in `kb/README.md`.
//!
//! A file starts with the version marker `# detente-kb 1`; then entries, each a header line
//! `KIND ID` at column 0 followed by indented fact lines (`name Russia`, `code RUS`,
//! `pattern * (with +) -> 040`). Every entry has a stable id, unique per kind across all the
//! files loaded together, and every model entry built from it carries `KIND ID` in its
//! [`Provenance::text`] (patterns, verbs and discards add their fact line), so that `explain`
//! names it.
//!
//! [`NativeLoader`] has the shape of [`crate::petrarch::PetrarchLoader`]: add files, then
//! [`NativeLoader::finish`]; each bad line is reported as a [`DictError`] with file and line
//! and everything else loads. Pattern elements, verb phrases, event codes and transformations
//! are read by the PETRARCH parsers (`petrarch::shared`), so both formats agree on them.
//!
//! # Mixing with PETRARCH files
//! Both loaders produce the same [`crate::DictionaryData`]. [`NativeLoader::extend`] appends
//! the entries of already-loaded dictionaries (a finished `PetrarchLoader`, say), shifting
//! their synset and block indexes, so one `Dictionaries` can hold both formats; native
//! patterns may then use the PETRARCH synsets. We chose this over a builder shared by both
//! loaders because it leaves the PETRARCH loader as it is (its synsets and substitution
//! markers are resolved in file order, ours at [`NativeLoader::finish`]).
//!
//! # Order independence
//! Synset references (in patterns and in `name &other`) are resolved at
//! [`NativeLoader::finish`], so a pattern may use a synset defined in a file added later.
//!
//! [`dump`] writes any [`Dictionaries`] as native files; loading them gives the same model
//! back (provenance aside; verb block names become their ids).

mod dump;

pub use dump::{dump, dump_with_sources};

use std::path::Path;
use std::sync::Arc;

use crate::compile::{normalize_blanks, FxHashMap};
use crate::inflect;
use crate::model::{
    Actor, Agent, AgentPlacement, Date, DateRange, Discard, EventCode, Issue, PatternItem, Phrase,
    PhraseWord, Provenance, Synset, SynsetId, Verb, VerbBlock,
};
use crate::petrarch::shared;
use crate::{DictError, Dictionaries, DictionaryData};

/// The version of the native format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The first line of every native file, without its version number.
pub const MAGIC: &str = "# detente-kb";

/// Whether `text` is a native dictionary (of any version): its first line is the marker.
pub fn is_native(text: &str) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    first
        .trim()
        .strip_prefix(MAGIC)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// The kinds of entry.
const KINDS: [&str; 7] = [
    "actor",
    "agent",
    "synset",
    "verb",
    "transform",
    "discard",
    "issue",
];

/// A member of a synset before synset references are resolved.
#[derive(Debug)]
enum Member {
    Phrase(Phrase),
    /// `name &OTHER`: the other synset's phrases; `(name, line, text)` for errors.
    Include(Box<str>, u32, Box<str>),
}

/// A synset's members, resolved at [`NativeLoader::finish`].
#[derive(Debug)]
struct PendingSynset {
    id: SynsetId,
    file: Arc<str>,
    members: Vec<Member>,
    /// Generate regular plurals of the phrase members.
    plurals: bool,
}

/// A pattern line, parsed at [`NativeLoader::finish`].
#[derive(Debug)]
struct PendingPattern {
    block: u32,
    file: Arc<str>,
    line: u32,
    /// `ELEMENTS [CODE]`, PETRARCH syntax.
    body: String,
    /// The fact line as written.
    raw: Box<str>,
    /// The provenance text (`verb meet: pattern ...`).
    text: Box<str>,
}

/// Where an id was first defined: file and line.
type Place = (Arc<str>, u32);

/// Builds [`Dictionaries`] from native dictionary files.
#[derive(Debug, Default)]
pub struct NativeLoader {
    data: DictionaryData,
    errors: Vec<DictError>,
    /// `(kind, lower-case id)` → where it was first defined.
    ids: FxHashMap<(&'static str, Box<str>), Place>,
    synset_ids: FxHashMap<Box<str>, SynsetId>,
    synsets: Vec<PendingSynset>,
    patterns: Vec<PendingPattern>,
}

impl NativeLoader {
    /// An empty loader.
    pub fn new() -> Self {
        NativeLoader::default()
    }

    /// Adds a native dictionary file's text; `name` is the file name errors and provenance
    /// use. A file without the version marker, or of another version, is refused whole.
    pub fn file(&mut self, text: &str, name: &str) -> &mut Self {
        load_file(self, text, name);
        self
    }

    /// Reads and adds a native dictionary file; an unreadable file is reported.
    pub fn path(&mut self, path: &Path) -> &mut Self {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                self.file(&text, &name)
            }
            Err(source) => {
                self.errors.push(DictError::Io {
                    file: name.into(),
                    source,
                });
                self
            }
        }
    }

    /// Appends already loaded dictionaries (for instance a finished PETRARCH loader's), so
    /// that one [`Dictionaries`] holds entries of both formats. Their synsets become usable
    /// in native patterns; a synset name defined in both is reported at the native one.
    pub fn extend(&mut self, dict: Dictionaries) -> &mut Self {
        let other = dict.into_data();
        let synset_offset = self.data.synsets.len() as SynsetId;
        let block_offset = self.data.verb_blocks.len() as u32;
        for s in other.synsets {
            let id = self.data.synsets.len() as SynsetId;
            self.synset_ids.entry(s.name.clone()).or_insert(id);
            self.ids
                .entry(("synset", s.name.to_lowercase().into()))
                .or_insert((s.provenance.file.clone(), s.provenance.line));
            self.data.synsets.push(s);
        }
        for mut b in other.verb_blocks {
            for p in &mut b.patterns {
                for e in p.before.iter_mut().chain(p.after.iter_mut()) {
                    if let PatternItem::Synset(id) = &mut e.item {
                        *id += synset_offset;
                    }
                }
            }
            self.data.verb_blocks.push(b);
        }
        for mut v in other.verbs {
            v.block += block_offset;
            self.data.verbs.push(v);
        }
        self.data.actors.extend(other.actors);
        self.data.agents.extend(other.agents);
        self.data.transformations.extend(other.transformations);
        self.data.discards.extend(other.discards);
        self.data.issues.extend(other.issues);
        self
    }

    /// The errors reported so far (synset and pattern errors appear at `finish`).
    pub fn errors(&self) -> &[DictError] {
        &self.errors
    }

    /// Resolves synsets and patterns, compiles, and returns the dictionaries with every
    /// error reported.
    pub fn finish(mut self) -> (Dictionaries, Vec<DictError>) {
        self.resolve_synsets();
        self.resolve_patterns();
        (Dictionaries::new(self.data), self.errors)
    }

    fn resolve_synsets(&mut self) {
        let pending = std::mem::take(&mut self.synsets);
        let index: FxHashMap<SynsetId, usize> =
            pending.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        // 0 = not done, 1 = in progress, 2 = done.
        let mut state = vec![0u8; pending.len()];
        for i in 0..pending.len() {
            self.resolve_synset(i, &pending, &index, &mut state);
        }
    }

    fn resolve_synset(
        &mut self,
        i: usize,
        pending: &[PendingSynset],
        index: &FxHashMap<SynsetId, usize>,
        state: &mut [u8],
    ) {
        if state[i] != 0 {
            return;
        }
        state[i] = 1;
        let p = &pending[i];
        let mut phrases: Vec<Phrase> = Vec::new();
        let add = |phrases: &mut Vec<Phrase>, ph: Phrase| {
            if !phrases.contains(&ph) {
                phrases.push(ph);
            }
        };
        for m in &p.members {
            match m {
                Member::Phrase(ph) => {
                    add(&mut phrases, ph.clone());
                    if p.plurals {
                        add(&mut phrases, plural_of(ph));
                    }
                }
                Member::Include(name, line, text) => match self.synset_ids.get(name).copied() {
                    Some(o) if o == p.id => malformed(
                        &mut self.errors,
                        &p.file,
                        *line,
                        "synset member",
                        text,
                        "a synset cannot include itself",
                    ),
                    Some(o) => {
                        if let Some(&j) = index.get(&o) {
                            if state[j] == 1 {
                                malformed(
                                    &mut self.errors,
                                    &p.file,
                                    *line,
                                    "synset member",
                                    text,
                                    "synsets include each other",
                                );
                                continue;
                            }
                            self.resolve_synset(j, pending, index, state);
                        }
                        for ph in self.data.synsets[o as usize].phrases.clone() {
                            add(&mut phrases, ph);
                        }
                    }
                    None => self.errors.push(DictError::UnknownSynset {
                        file: (*p.file).into(),
                        line: *line,
                        name: name.clone(),
                        text: text.clone(),
                    }),
                },
            }
        }
        self.data.synsets[p.id as usize].phrases = phrases;
        state[i] = 2;
    }

    fn resolve_patterns(&mut self) {
        for p in std::mem::take(&mut self.patterns) {
            if let Some(mut pattern) = shared::pattern(
                &p.body,
                &self.synset_ids,
                &p.file,
                p.line,
                &p.raw,
                &mut self.errors,
            ) {
                pattern.provenance.text = p.text;
                self.data.verb_blocks[p.block as usize]
                    .patterns
                    .push(pattern);
            }
        }
    }
}

fn malformed(
    errors: &mut Vec<DictError>,
    file: &str,
    line: u32,
    what: &'static str,
    text: &str,
    reason: &'static str,
) {
    errors.push(DictError::Malformed {
        file: file.into(),
        line,
        what,
        text: text.into(),
        reason,
    });
}

/// One indented line of an entry.
#[derive(Debug)]
struct Fact<'a> {
    line: u32,
    /// The fact's name (`name`, `code`, ...).
    name: &'a str,
    /// The rest of the line, trimmed.
    value: &'a str,
    /// The whole line, comment stripped, trimmed.
    raw: &'a str,
}

/// An entry: its header and facts.
#[derive(Debug)]
struct Entry<'a> {
    kind: &'static str,
    id: &'a str,
    line: u32,
    facts: Vec<Fact<'a>>,
}

/// Removes a comment: `#` at the start, or after a blank and before a blank or the end.
fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c != b'#' {
            continue;
        }
        let starts = line[..i].trim().is_empty() || matches!(b[i - 1], b' ' | b'\t');
        let ends = i + 1 == b.len() || matches!(b[i + 1], b' ' | b'\t');
        if line[..i].trim().is_empty() || (starts && ends) {
            return &line[..i];
        }
    }
    line
}

/// Whether `id` is a valid id: letters, digits, `-`, `_`, `.`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn load_file(loader: &mut NativeLoader, text: &str, name: &str) {
    let file: Arc<str> = name.into();
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().enumerate();
    let first = lines.next().map(|(_, l)| l.trim()).unwrap_or("");
    let expected = format!("{MAGIC} {FORMAT_VERSION}");
    if first.split_whitespace().collect::<Vec<_>>() != expected.split(' ').collect::<Vec<_>>() {
        let reason = if is_native(first) {
            "unsupported version: this build reads `# detente-kb 1`; the file is skipped"
        } else {
            "the first line must be `# detente-kb 1`; the file is skipped"
        };
        malformed(
            &mut loader.errors,
            &file,
            1,
            "version marker",
            first,
            reason,
        );
        return;
    }
    let mut entry: Option<Entry<'_>> = None;
    // After a bad header, its facts are skipped silently.
    let mut skipping = false;
    for (i, raw) in lines {
        let no = (i + 1).min(u32::MAX as usize) as u32;
        let content = strip_comment(raw);
        let t = content.trim();
        if t.is_empty() {
            continue;
        }
        if !raw.starts_with([' ', '\t']) {
            if let Some(e) = entry.take() {
                build(loader, &file, e);
            }
            let mut words = t.split_whitespace();
            let (kind, id) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            let Some(kind) = KINDS.iter().copied().find(|k| *k == kind) else {
                malformed(
                    &mut loader.errors,
                    &file,
                    no,
                    "entry",
                    t,
                    "expected KIND ID (actor, agent, synset, verb, transform, discard, issue) or an indented fact",
                );
                skipping = true;
                continue;
            };
            if !valid_id(id) || words.next().is_some() {
                malformed(
                    &mut loader.errors,
                    &file,
                    no,
                    kind,
                    t,
                    "expected one id of letters, digits, - _ .",
                );
                skipping = true;
                continue;
            }
            let key = (kind, Box::<str>::from(id.to_lowercase()));
            if let Some((first_file, first_line)) = loader.ids.get(&key) {
                loader.errors.push(DictError::Duplicate {
                    file: (*file).into(),
                    line: no,
                    kind,
                    id: id.into(),
                    first_file: (**first_file).into(),
                    first_line: *first_line,
                });
                skipping = true;
                continue;
            }
            loader.ids.insert(key, (file.clone(), no));
            skipping = false;
            entry = Some(Entry {
                kind,
                id,
                line: no,
                facts: Vec::new(),
            });
        } else if let Some(e) = &mut entry {
            let (name, value) = t.split_once([' ', '\t']).unwrap_or((t, ""));
            e.facts.push(Fact {
                line: no,
                name,
                value: value.trim(),
                raw: t,
            });
        } else if !skipping {
            malformed(
                &mut loader.errors,
                &file,
                no,
                "fact",
                t,
                "indented line outside an entry",
            );
        }
    }
    if let Some(e) = entry.take() {
        build(loader, &file, e);
    }
}

/// Reports errors of one entry's facts against its file.
struct Report<'l> {
    file: Arc<str>,
    errors: &'l mut Vec<DictError>,
}

impl Report<'_> {
    fn bad(&mut self, fact: &Fact<'_>, what: &'static str, reason: &'static str) {
        malformed(self.errors, &self.file, fact.line, what, fact.raw, reason);
    }

    fn unknown(&mut self, fact: &Fact<'_>, kind: &'static str) {
        self.bad(fact, kind, "unknown fact for this kind of entry");
    }

    fn provenance(&self, line: u32, text: String) -> Provenance {
        Provenance {
            file: self.file.clone(),
            line,
            text: text.into(),
        }
    }
}

fn build(loader: &mut NativeLoader, file: &Arc<str>, e: Entry<'_>) {
    let mut r = Report {
        file: file.clone(),
        errors: &mut loader.errors,
    };
    let head = format!("{} {}", e.kind, e.id);
    let header_prov = r.provenance(e.line, head.clone());
    let data = &mut loader.data;
    match e.kind {
        "actor" => {
            let mut phrases = Vec::new();
            let mut codes = Vec::new();
            for f in &e.facts {
                match f.name {
                    "name" => match parse_phrase(f.value) {
                        Ok(p) => phrases.push(p),
                        Err(reason) => r.bad(f, "name", reason),
                    },
                    "code" => match parse_actor_code(f.value) {
                        Ok(c) => codes.push(c),
                        Err(CodeError::Code) => r.errors.push(DictError::BadCode {
                            file: (*r.file).into(),
                            line: f.line,
                            text: f.raw.into(),
                        }),
                        Err(CodeError::Date) => r.errors.push(DictError::BadDate {
                            file: (*r.file).into(),
                            line: f.line,
                            text: f.raw.into(),
                        }),
                    },
                    _ => r.unknown(f, "actor"),
                }
            }
            if phrases.is_empty() {
                malformed(r.errors, file, e.line, "actor", &head, "no valid name line");
                return;
            }
            data.actors.push(Actor {
                phrases,
                codes,
                provenance: header_prov,
            });
        }
        "agent" => {
            let mut list = PhraseList::default();
            let mut code: Option<(Box<str>, AgentPlacement)> = None;
            for f in &e.facts {
                match f.name {
                    "name" | "plural" => list.fact(f, &mut r),
                    "code" => {
                        if code.is_some() {
                            r.bad(f, "code", "an agent has one code");
                            continue;
                        }
                        let v = f.value;
                        let (c, placement) = if let Some(c) = v.strip_prefix('~') {
                            (c, AgentPlacement::Suffix)
                        } else if let Some(c) = v.strip_suffix('~') {
                            (c, AgentPlacement::Prefix)
                        } else {
                            ("", AgentPlacement::Suffix)
                        };
                        if c.is_empty()
                            || c.contains(|ch: char| ch.is_whitespace() || "~[]{}()".contains(ch))
                        {
                            r.errors.push(DictError::BadCode {
                                file: (*r.file).into(),
                                line: f.line,
                                text: f.raw.into(),
                            });
                            continue;
                        }
                        code = Some((c.into(), placement));
                    }
                    _ => r.unknown(f, "agent"),
                }
            }
            let phrases = list.phrases();
            let (Some((code, placement)), false) = (code, phrases.is_empty()) else {
                malformed(
                    r.errors,
                    file,
                    e.line,
                    "agent",
                    &head,
                    "an agent needs a name and a code (~GOV or NGO~)",
                );
                return;
            };
            data.agents.push(Agent {
                phrases,
                code,
                placement,
                provenance: header_prov,
            });
        }
        "synset" => {
            let mut list = PhraseList::default();
            let mut members = Vec::new();
            for f in &e.facts {
                match f.name {
                    "name" if f.value.starts_with('&') => {
                        let name = f.value[1..].trim();
                        if valid_id(name) {
                            members.push(Member::Include(
                                name.to_uppercase().into(),
                                f.line,
                                f.raw.into(),
                            ));
                        } else {
                            r.bad(f, "name", "expected &SYNSET");
                        }
                    }
                    "name" | "plural" => {
                        let before = list.names.len() + list.plurals.len();
                        list.fact(f, &mut r);
                        if list.names.len() + list.plurals.len() > before {
                            let p = if f.name == "name" {
                                list.names.last()
                            } else {
                                list.plurals.last()
                            };
                            members.push(Member::Phrase(p.cloned().unwrap_or_default()));
                        }
                    }
                    _ => r.unknown(f, "synset"),
                }
            }
            let id = data.synsets.len() as SynsetId;
            let name: Box<str> = e.id.to_uppercase().into();
            loader.synset_ids.insert(name.clone(), id);
            data.synsets.push(Synset {
                name,
                phrases: Vec::new(),
                provenance: header_prov,
            });
            loader.synsets.push(PendingSynset {
                id,
                file: file.clone(),
                members,
                plurals: !list.explicit(),
            });
        }
        "verb" => {
            let block = data.verb_blocks.len() as u32;
            let mut code: Option<EventCode> = None;
            let mut verbs: Vec<Verb> = Vec::new();
            // Whether the last verb got `form` lines (else regular forms are generated).
            let mut listed = false;
            let finish_verb = |verbs: &mut Vec<Verb>, listed: bool| {
                if let Some(v) = verbs.last_mut() {
                    if !listed {
                        v.forms = inflect::verb_forms(&v.lemma)
                            .into_iter()
                            .map(Into::into)
                            .collect();
                    }
                }
            };
            for f in &e.facts {
                let text = || format!("{head}: {}", f.raw);
                match f.name {
                    "code" => {
                        if code.is_some() {
                            r.bad(f, "code", "a verb block has one code");
                        } else if let Some(c) = event_code(f.value) {
                            code = Some(c);
                        } else {
                            r.errors.push(DictError::BadCode {
                                file: (*r.file).into(),
                                line: f.line,
                                text: f.raw.into(),
                            });
                        }
                    }
                    "verb" => {
                        let (phrase, vcode) = match f.value.rsplit_once("->") {
                            Some((p, c)) => match event_code(c) {
                                Some(c) => (p, Some(c)),
                                None => {
                                    r.errors.push(DictError::BadCode {
                                        file: (*r.file).into(),
                                        line: f.line,
                                        text: f.raw.into(),
                                    });
                                    continue;
                                }
                            },
                            None => (f.value, None),
                        };
                        match shared::verb_shape(phrase) {
                            Ok((words_before, lemma, words_after)) => {
                                finish_verb(&mut verbs, listed);
                                listed = false;
                                verbs.push(Verb {
                                    forms: vec![lemma.clone()],
                                    lemma,
                                    words_before,
                                    words_after,
                                    code: vcode,
                                    block,
                                    provenance: r.provenance(f.line, text()),
                                });
                            }
                            Err(reason) => r.bad(f, "verb", reason),
                        }
                    }
                    "form" => {
                        let Some(v) = verbs.last_mut() else {
                            r.bad(f, "form", "a form must follow its verb line");
                            continue;
                        };
                        if f.value == "-" {
                            listed = true;
                            continue;
                        }
                        let mut it = f.value.split_whitespace();
                        match (it.next(), it.next()) {
                            (Some(w), None)
                                if !w.contains(['+', '[', ']', '{', '}', '(', ')', '*', '&']) =>
                            {
                                listed = true;
                                let w = upper(w);
                                if !v.forms.contains(&w) {
                                    v.forms.push(w);
                                }
                            }
                            _ => r.bad(f, "form", "expected one word (a form of the verb word)"),
                        }
                    }
                    "pattern" => match f.value.rsplit_once("->") {
                        Some((elements, c)) => {
                            let c = c.trim();
                            let c = if c == "-" { "---" } else { c };
                            loader.patterns.push(PendingPattern {
                                block,
                                file: file.clone(),
                                line: f.line,
                                body: format!("{elements} [{c}]"),
                                raw: f.raw.into(),
                                text: text().into(),
                            });
                        }
                        None => r.bad(f, "pattern", "expected ELEMENTS -> CODE"),
                    },
                    _ => r.unknown(f, "verb"),
                }
            }
            finish_verb(&mut verbs, listed);
            data.verb_blocks.push(VerbBlock {
                name: e.id.into(),
                code: code.unwrap_or_default(),
                patterns: Vec::new(),
                provenance: header_prov,
            });
            data.verbs.extend(verbs);
        }
        "transform" => {
            let mut found = false;
            for f in &e.facts {
                match f.name {
                    "rule" if !found => {
                        found = true;
                        if let Some(mut t) =
                            shared::transformation(f.value, file, f.line, f.raw, r.errors)
                        {
                            t.provenance.text = format!("{head}: {}", f.raw).into();
                            data.transformations.push(t);
                        }
                    }
                    "rule" => r.bad(f, "rule", "a transform has one rule"),
                    _ => r.unknown(f, "transform"),
                }
            }
            if !found {
                malformed(r.errors, file, e.line, "transform", &head, "no rule line");
            }
        }
        "discard" => {
            for f in &e.facts {
                let story = match f.name {
                    "sentence" => false,
                    "story" => true,
                    _ => {
                        r.unknown(f, "discard");
                        continue;
                    }
                };
                let v = f.value.replace('_', " ");
                let v = v.trim();
                let whole_word = !v.ends_with('*');
                let phrase = normalize_blanks(v.trim_end_matches('*'));
                if phrase.is_empty() || phrase.contains('*') {
                    r.bad(f, "discard", "expected words (the last may end in *)");
                    continue;
                }
                data.discards.push(Discard {
                    phrase: phrase.into(),
                    whole_word,
                    story,
                    provenance: r.provenance(f.line, format!("{head}: {}", f.raw)),
                });
            }
        }
        "issue" => {
            let mut code: Option<Option<Box<str>>> = None;
            let mut phrases: Vec<Box<str>> = Vec::new();
            for f in &e.facts {
                match f.name {
                    "code" if code.is_none() => {
                        let v = f.value;
                        if v.is_empty() || v.contains(char::is_whitespace) {
                            r.errors.push(DictError::BadCode {
                                file: (*r.file).into(),
                                line: f.line,
                                text: f.raw.into(),
                            });
                        } else {
                            code = Some((v != "-").then(|| v.into()));
                        }
                    }
                    "code" => r.bad(f, "code", "an issue has one code"),
                    "phrase" => {
                        let p: Box<str> = normalize_blanks(&f.value.replace('_', " ")).into();
                        if p.is_empty() {
                            r.bad(f, "phrase", "empty phrase");
                        } else if !phrases.contains(&p) {
                            phrases.push(p);
                        }
                    }
                    _ => r.unknown(f, "issue"),
                }
            }
            let (Some(code), false) = (code, phrases.is_empty()) else {
                malformed(
                    r.errors,
                    file,
                    e.line,
                    "issue",
                    &head,
                    "an issue needs a code and a phrase",
                );
                return;
            };
            data.issues.push(Issue {
                phrases,
                code,
                provenance: header_prov,
            });
        }
        _ => unreachable!("kinds are checked when the header is read"),
    }
}

/// The `name` and `plural` lines of an agent or synset.
#[derive(Default)]
struct PhraseList {
    names: Vec<Phrase>,
    plurals: Vec<Phrase>,
    /// `plural -` was written.
    no_plurals: bool,
    /// Names and plurals in line order (for the explicit case).
    order: Vec<Phrase>,
}

impl PhraseList {
    fn fact(&mut self, f: &Fact<'_>, r: &mut Report<'_>) {
        if f.name == "plural" && f.value == "-" {
            self.no_plurals = true;
            return;
        }
        match parse_phrase(f.value) {
            Ok(p) => {
                if f.name == "name" {
                    self.names.push(p.clone());
                } else {
                    self.plurals.push(p.clone());
                }
                self.order.push(p);
            }
            Err(reason) => r.bad(f, f.name_static(), reason),
        }
    }

    /// Whether plurals are listed (or refused) rather than generated.
    fn explicit(&self) -> bool {
        self.no_plurals || !self.plurals.is_empty()
    }

    fn phrases(&self) -> Vec<Phrase> {
        let mut out: Vec<Phrase> = Vec::new();
        let mut add = |p: Phrase| {
            if !out.contains(&p) {
                out.push(p);
            }
        };
        if self.explicit() {
            self.order.iter().cloned().for_each(&mut add);
        } else {
            for n in &self.names {
                add(n.clone());
                add(plural_of(n));
            }
        }
        out
    }
}

impl Fact<'_> {
    fn name_static(&self) -> &'static str {
        match self.name {
            "name" => "name",
            "plural" => "plural",
            _ => "fact",
        }
    }
}

/// The phrase with its last word replaced by its regular plural.
fn plural_of(phrase: &Phrase) -> Phrase {
    let mut p = phrase.clone();
    if let Some(last) = p.words.last_mut() {
        last.text = inflect::plural(&last.text).into();
    }
    p
}

/// Upper-cases a word (ASCII fast path).
fn upper(word: &str) -> Box<str> {
    if word.is_ascii() {
        word.to_ascii_uppercase().into()
    } else {
        word.to_uppercase().into()
    }
}

/// Parses a phrase: words separated by blanks (or `_`) are consecutive; `..` between two
/// words allows up to [`crate::MAX_GAP`] words between them; a word ending in `*` is a stem.
fn parse_phrase(text: &str) -> Result<Phrase, &'static str> {
    let mut phrase = Phrase::default();
    let mut gap = false;
    for w in text.split(|c: char| c == '_' || c.is_whitespace()) {
        if w.is_empty() {
            continue;
        }
        if w == ".." {
            if phrase.words.is_empty() || gap {
                return Err("`..` must stand between two words");
            }
            gap = true;
            continue;
        }
        // A `*` inside a word is a letter (`E*Trade`); at its end it makes a stem.
        let (w, exact) = match w.strip_suffix('*') {
            Some("") => return Err("`*` alone is not a word"),
            Some(stem) => (stem, false),
            None => (w, true),
        };
        if !phrase.words.is_empty() {
            phrase.consecutive.push(!gap);
        }
        gap = false;
        phrase.words.push(PhraseWord {
            text: upper(w),
            exact,
        });
    }
    if gap {
        return Err("`..` must stand between two words");
    }
    if phrase.words.is_empty() {
        return Err("empty phrase");
    }
    Ok(phrase)
}

enum CodeError {
    Code,
    Date,
}

/// Parses `CODE... [RANGE]` or `- [RANGE]`.
fn parse_actor_code(text: &str) -> Result<(DateRange, Vec<Box<str>>), CodeError> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let range = match words.last() {
        Some(w) if w.contains("..") => {
            let r = parse_range(w).ok_or(CodeError::Date)?;
            words.pop();
            r
        }
        _ => DateRange::Always,
    };
    if words.is_empty() {
        return Err(CodeError::Code);
    }
    if words == ["-"] || words == ["---"] {
        return Ok((range, Vec::new()));
    }
    if words
        .iter()
        .any(|w| w.contains(['[', ']', '{', '}', '(', ')', '~', '-', '/', '.']))
    {
        return Err(CodeError::Code);
    }
    Ok((range, words.into_iter().map(Into::into).collect()))
}

/// `FROM..TO`, `..TO`, `FROM..` with ISO dates.
fn parse_range(text: &str) -> Option<DateRange> {
    let (a, b) = text.split_once("..")?;
    match (a.is_empty(), b.is_empty()) {
        (true, true) => None,
        (true, false) => Some(DateRange::Until(parse_iso(b)?)),
        (false, true) => Some(DateRange::From(parse_iso(a)?)),
        (false, false) => {
            let (a, b) = (parse_iso(a)?, parse_iso(b)?);
            (a <= b).then_some(DateRange::Between(a, b))
        }
    }
}

/// `YYYY-MM-DD` as a [`Date`].
fn parse_iso(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| -> Option<u32> {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(&text[..4])?, num(&text[5..7])?, num(&text[8..])?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(y * 10000 + m * 100 + d)
}

/// An event code as written after `->` or `code`: `040`, `032:033`, `:190`, `-`, `---`.
fn event_code(text: &str) -> Option<EventCode> {
    let t = text.trim();
    shared::parse_event_code(if t == "-" { "---" } else { t })
}

#[cfg(test)]
mod tests;

//! PETRARCH XML: the input files of PETRARCH (`<Sentences>` of `<Sentence>` records) and its
//! validation files (the same records with `<EventCoding>` expectations, inside a
//! `<Validation>` element that starts with an `<Environment>`).
//!
//! This module owns reading those files into a [`PetrarchFile`]; it does not read the
//! dictionaries that the environment names, nor parse the `<Parse>` content (that is
//! `detente_text::penn` or `detente_text::conllu`, depending on the file).
//!
//! The reader is tolerant where the files are known to be loose: attribute order and
//! spacing (`noevents = "True"`), `<EventCoding ...></EventCoding>` and
//! `<EventCoding .../>` alike, comments anywhere, and, inside `<Text>` and `<Parse>`, a bare
//! `&` or `<` that should have been escaped. Line numbers in records and errors count from 1
//! in the file as given.
//!
//! ```
//! use detente_doc::PetrarchFile;
//! let xml = r#"<Sentences>
//! <Sentence date="19950101" id="DEMO-01" category="DEMO">
//! <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>
//! <Text>Arnor will restore ties with Gondor & Rohan.</Text>
//! </Sentence>
//! </Sentences>"#;
//! let file = PetrarchFile::from_str(xml, "demo.xml").unwrap();
//! let record = &file.records[0];
//! assert_eq!(record.line, 2);
//! assert_eq!(record.text, "Arnor will restore ties with Gondor & Rohan.");
//! assert_eq!(record.expected[0].code, "064");
//! ```

use crate::error::DocError;
use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// A PETRARCH input or validation file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetrarchFile {
    /// The `<Environment>` block (all empty when the file has none).
    pub environment: Environment,
    /// `<Config>` options, in file order, wherever they appear (validation files switch
    /// options between records).
    pub config: Vec<ConfigOption>,
    /// The records, in file order. Reading stops at a `<Stop>` element, as PETRARCH does.
    pub records: Vec<Record>,
}

/// The `<Environment>` block of a validation file: file names as written, not resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verb_file: Option<String>,
    /// `<Actorfile>` (each element may hold several names separated by commas).
    pub actor_files: Vec<String>,
    /// `<Agentfile>` (each element may hold several names separated by commas).
    pub agent_files: Vec<String>,
    /// `<Discardfile>`.
    pub discard_file: Option<String>,
    /// `<Issuefile>`.
    pub issue_file: Option<String>,
    /// `<Errorfile>`.
    pub error_file: Option<String>,
    /// `<Include>`: categories of records to code (whitespace-separated in the file).
    pub include: Vec<String>,
    /// `<Exclude>`: categories of records to skip.
    pub exclude: Vec<String>,
    /// `<Pause>`.
    pub pause: Option<String>,
    /// Any other element of the block, as (name, whitespace-normalised text).
    pub other: Vec<(String, String)>,
}

/// A `<Config option=".." value=".."/>` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigOption {
    /// The option's name (`require_dyad`, `new_actor_length`, ...).
    pub option: String,
    /// Its value as written (`True`, `false`, `4`, ...).
    pub value: String,
    /// Index in [`PetrarchFile::records`] of the first record it applies to.
    pub applies_from: usize,
    /// Line of the element.
    pub line: usize,
}

/// One `<Sentence>` record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The `id` attribute (empty when absent).
    pub id: String,
    /// The `date` attribute as given (`YYYYMMDD`; empty when absent, which PETRARCH treats
    /// as a record to skip).
    pub date: String,
    /// The `category` attribute; when there is none, the `source` attribute (the CoNLL-U
    /// version of the unit tests writes the category there).
    pub category: Option<String>,
    /// The `source` attribute (a news source such as `AFP` in input files).
    pub source: Option<String>,
    /// The `place` attribute: the code for anonymous actors.
    pub place: Option<String>,
    /// The `sentence` attribute: `true` when the text is one sentence.
    pub sentence: Option<bool>,
    /// The `<Text>`, whitespace normalised (runs of white space are one space, no space at
    /// either end).
    pub text: String,
    /// The raw content of `<Parse>` (entities decoded, layout kept), when present.
    pub parse: Option<String>,
    /// The expected events of a validation record.
    pub expected: Vec<ExpectedEvent>,
    /// True when the record says `noevents="True"` or has no `<EventCoding>` at all.
    pub expects_no_events: bool,
    /// The `error` attribute of an `<EventCoding>` (`bad_input_parse`, `storydiscard`, ...):
    /// the record is expected to be rejected for that reason.
    pub expected_error: Option<String>,
    /// Line of the `<Sentence` tag.
    pub line: usize,
}

/// One `<EventCoding sourcecode=".." targetcode=".." eventcode=".."/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedEvent {
    /// `sourcecode` as written (may be quoted text for an actor not in the dictionaries:
    /// `"INJURY TOLL"` with its quotes).
    pub source: String,
    /// `targetcode` as written.
    pub target: String,
    /// `eventcode`.
    pub code: String,
    /// Line of the element.
    pub line: usize,
}

impl PetrarchFile {
    /// Reads the file at `path`.
    pub fn from_path(path: &Path) -> Result<PetrarchFile, DocError> {
        let text = std::fs::read_to_string(path).map_err(|source| DocError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        PetrarchFile::from_str(&text, &path.display().to_string())
    }

    /// Reads PETRARCH XML from `text`; `name` names the file in errors.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str, name: &str) -> Result<PetrarchFile, DocError> {
        Parser::new(text, name).run()
    }
}

/// Escapes what the files leave bare: a `&` that does not start an entity (everywhere) and
/// a `<` inside `<Text>` or `<Parse>` that does not start the closing tag. No line break is
/// added or removed, so line numbers stay those of the input.
fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    let mut rest = text;
    // Inside a content element: the closing tag to wait for.
    let mut inside: Option<&str> = None;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('&') {
            if starts_entity(rest) {
                out.push('&');
            } else {
                out.push_str("&amp;");
            }
            rest = &rest[1..];
            continue;
        }
        // '<'
        if let Some(close) = inside {
            if rest.starts_with(close) {
                inside = None;
                out.push('<');
            } else if rest.starts_with("<![CDATA[") {
                let end = rest.find("]]>").map_or(rest.len(), |e| e + 3);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            } else {
                out.push_str("&lt;");
            }
            rest = &rest[1..];
            continue;
        }
        if rest.starts_with("<!--") {
            // Comments are copied as they are (they may mention <Text>).
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        for (open, close) in [("<Text", "</Text"), ("<Parse", "</Parse")] {
            if let Some(after) = rest.strip_prefix(open) {
                let tag_end = after.find('>');
                let boundary = after.chars().next();
                let self_closing = tag_end.is_some_and(|e| after[..e].ends_with('/'));
                if matches!(
                    boundary,
                    Some('>') | Some(' ') | Some('\t') | Some('\n') | Some('\r')
                ) && !self_closing
                {
                    if let Some(e) = tag_end {
                        out.push_str(&rest[..open.len() + e + 1]);
                        rest = &rest[open.len() + e + 1..];
                        inside = Some(close);
                    }
                }
                break;
            }
        }
        if inside.is_none() && rest.starts_with('<') {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether `s` (starting with `&`) starts a character or predefined entity reference.
fn starts_entity(s: &str) -> bool {
    let body = &s[1..];
    let Some(end) = body.find(';').filter(|&e| e <= 10) else {
        return false;
    };
    let name = &body[..end];
    match name.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()),
        },
        None => matches!(name, "amp" | "lt" | "gt" | "quot" | "apos"),
    }
}

/// Line starts of a text, to turn byte offsets into line numbers.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    fn line(&self, pos: usize) -> usize {
        self.0.partition_point(|&s| s <= pos)
    }
}

/// What the parser is collecting text for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collect {
    Nothing,
    Text,
    Parse,
    EnvField,
}

struct Parser<'a> {
    name: &'a str,
    xml: String,
}

impl<'a> Parser<'a> {
    fn new(text: &str, name: &'a str) -> Self {
        Parser {
            name,
            xml: sanitize(text),
        }
    }

    fn run(self) -> Result<PetrarchFile, DocError> {
        let lines = Lines::new(&self.xml);
        let name = self.name;
        let mut reader = quick_xml::Reader::from_str(&self.xml);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        let mut file = PetrarchFile::default();
        let mut in_env = false;
        let mut record: Option<Record> = None;
        let mut saw_coding = false;
        let mut collect = Collect::Nothing;
        let mut buffer = String::new();
        let mut field = String::new();
        let xml_error = |line: usize, message: String| DocError::Xml {
            file: name.to_string(),
            line,
            message,
        };
        loop {
            let before = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| {
                xml_error(lines.line(reader.error_position() as usize), e.to_string())
            })?;
            let after = reader.buffer_position() as usize;
            // Start of the markup just read (text events start where the last one ended).
            let tag_pos = self.xml[before..after]
                .find('<')
                .map_or(before, |i| before + i);
            let line = lines.line(tag_pos);
            match event {
                Event::Eof => break,
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let tag = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    let attrs = attributes(e, name, line)?;
                    match tag.as_str() {
                        "Environment" => in_env = !empty,
                        "Stop" => break,
                        "Config" => file.config.push(ConfigOption {
                            option: attr(&attrs, "option").unwrap_or_default(),
                            value: attr(&attrs, "value").unwrap_or_default(),
                            applies_from: file.records.len(),
                            line,
                        }),
                        "Sentence" => {
                            if let Some(open) = &record {
                                return Err(DocError::Invalid {
                                    file: name.into(),
                                    line,
                                    message: format!(
                                        "<Sentence> inside the <Sentence> of line {}",
                                        open.line
                                    ),
                                });
                            }
                            let category =
                                attr(&attrs, "category").or_else(|| attr(&attrs, "source"));
                            let r = Record {
                                id: attr(&attrs, "id").unwrap_or_default(),
                                date: attr(&attrs, "date").unwrap_or_default(),
                                category,
                                source: attr(&attrs, "source"),
                                place: attr(&attrs, "place"),
                                sentence: attr(&attrs, "sentence")
                                    .map(|s| s.trim().eq_ignore_ascii_case("true")),
                                line,
                                ..Record::default()
                            };
                            saw_coding = false;
                            if empty {
                                finish(&mut file, r, false);
                            } else {
                                record = Some(r);
                            }
                        }
                        "EventCoding" => {
                            let Some(r) = record.as_mut() else {
                                return Err(DocError::Invalid {
                                    file: name.into(),
                                    line,
                                    message: "<EventCoding> outside a <Sentence>".into(),
                                });
                            };
                            saw_coding = true;
                            if attr(&attrs, "noevents")
                                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
                            {
                                r.expects_no_events = true;
                            }
                            if let Some(err) = attr(&attrs, "error") {
                                r.expected_error = Some(err);
                            }
                            let code = attr(&attrs, "eventcode");
                            let source = attr(&attrs, "sourcecode");
                            let target = attr(&attrs, "targetcode");
                            if code.is_some() || source.is_some() || target.is_some() {
                                r.expected.push(ExpectedEvent {
                                    source: source.unwrap_or_default(),
                                    target: target.unwrap_or_default(),
                                    code: code.unwrap_or_default(),
                                    line,
                                });
                            }
                        }
                        "Text" if record.is_some() && !empty => {
                            collect = Collect::Text;
                            buffer.clear();
                        }
                        "Parse" if record.is_some() && !empty => {
                            collect = Collect::Parse;
                            buffer.clear();
                        }
                        _ if in_env && !empty => {
                            collect = Collect::EnvField;
                            field = tag;
                            buffer.clear();
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) => {
                    let tag = e.name();
                    match tag.as_ref() {
                        b"Environment" => in_env = false,
                        b"Sentence" => {
                            if let Some(r) = record.take() {
                                finish(&mut file, r, saw_coding);
                            }
                        }
                        b"Text" if collect == Collect::Text => {
                            if let Some(r) = record.as_mut() {
                                r.text = normalise(&buffer);
                            }
                            collect = Collect::Nothing;
                        }
                        b"Parse" if collect == Collect::Parse => {
                            if let Some(r) = record.as_mut() {
                                r.parse = Some(std::mem::take(&mut buffer));
                            }
                            collect = Collect::Nothing;
                        }
                        _ if collect == Collect::EnvField && tag.as_ref() == field.as_bytes() => {
                            set_env(&mut file.environment, &field, &buffer);
                            collect = Collect::Nothing;
                        }
                        _ => {}
                    }
                }
                Event::Text(ref t) if collect != Collect::Nothing => {
                    let text = t.unescape().map_err(|e| xml_error(line, e.to_string()))?;
                    buffer.push_str(&text);
                }
                Event::CData(ref t) if collect != Collect::Nothing => {
                    buffer.push_str(&String::from_utf8_lossy(t));
                }
                _ => {}
            }
        }
        if let Some(r) = record {
            return Err(DocError::Invalid {
                file: name.into(),
                line: r.line,
                message: "<Sentence> is not closed".into(),
            });
        }
        Ok(file)
    }
}

/// Adds a finished record.
fn finish(file: &mut PetrarchFile, mut record: Record, saw_coding: bool) {
    if !saw_coding {
        record.expects_no_events = true;
    }
    file.records.push(record);
}

/// Attributes of a tag as (name, decoded value), in order.
fn attributes(
    e: &BytesStart<'_>,
    file: &str,
    line: usize,
) -> Result<Vec<(String, String)>, DocError> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| DocError::Xml {
            file: file.into(),
            line,
            message: err.to_string(),
        })?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = match a.unescape_value() {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        };
        out.push((key, value));
    }
    Ok(out)
}

fn attr(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// Runs of white space become one space; none at either end.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn set_env(env: &mut Environment, field: &str, text: &str) {
    let value = normalise(text);
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    let words = |v: &str| -> Vec<String> { v.split_whitespace().map(String::from).collect() };
    let single = |v: &str| (!v.is_empty()).then(|| v.to_string());
    match field {
        "Verbfile" => env.verb_file = single(&value),
        "Actorfile" => env.actor_files.extend(list(&value)),
        "Agentfile" => env.agent_files.extend(list(&value)),
        "Discardfile" => env.discard_file = single(&value),
        "Issuefile" => env.issue_file = single(&value),
        "Errorfile" => env.error_file = single(&value),
        "Include" => env.include.extend(words(&value)),
        "Exclude" => env.exclude.extend(words(&value)),
        "Pause" => env.pause = single(&value),
        _ => env.other.push((field.to_string(), value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!-- a comment with <Text> in it & an ampersand -->
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>a.txt, b.txt</Actorfile>
    <Actorfile>c.txt</Actorfile>
    <Agentfile>agents.txt</Agentfile>
    <Discardfile>discards.txt</Discardfile>
    <Include>valid DEMO  ACTOR</Include>
    <Exclude>SKIP</Exclude>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-01" category="DEMO" sentence="true">
<!-- comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding eventcode="033" targetcode="ARN" sourcecode='"INJURY TOLL"' />
<Text>
Arnor   is about to restore
ties with Gondor &amp; Rohan & 3 < 4.
</Text>
<Parse>
(ROOT (S (NP (NNP Arnor)) (VP (VBZ is))))
</Parse>
</Sentence>
<Config option="require_dyad" value="false"/>
<Sentence source = "DEMO" date = "19950102" id ="DEMO_02">
<EventCoding noevents = "True"> </EventCoding>
<Text>Nothing.</Text>
</Sentence>
<Sentence date="19950103" id="E-1" category="ERROR">
<EventCoding error="bad_input_parse" />
<Text>x</Text>
</Sentence>
<Sentence date="19950104" id="N-1"><Text>No coding.</Text></Sentence>
</Sentences>
</Validation>
"#;

    #[test]
    fn reads_environment_records_and_expectations() {
        let f = PetrarchFile::from_str(SAMPLE, "sample.xml").unwrap();
        let env = &f.environment;
        assert_eq!(env.verb_file.as_deref(), Some("verbs.txt"));
        assert_eq!(env.actor_files, ["a.txt", "b.txt", "c.txt"]);
        assert_eq!(env.agent_files, ["agents.txt"]);
        assert_eq!(env.discard_file.as_deref(), Some("discards.txt"));
        assert_eq!(env.include, ["valid", "DEMO", "ACTOR"]);
        assert_eq!(env.exclude, ["SKIP"]);
        assert_eq!(f.config.len(), 2);
        assert_eq!(f.config[0].option, "stop_on_error");
        assert_eq!(f.config[1].applies_from, 1);
        assert_eq!(f.config[1].line, 27);
        assert_eq!(f.records.len(), 4);

        let r = &f.records[0];
        assert_eq!(
            (r.id.as_str(), r.date.as_str(), r.line),
            ("DEMO-01", "19950101", 15)
        );
        assert_eq!(r.category.as_deref(), Some("DEMO"));
        assert_eq!(r.sentence, Some(true));
        assert_eq!(
            r.text,
            "Arnor is about to restore ties with Gondor & Rohan & 3 < 4."
        );
        assert_eq!(
            r.parse.as_deref(),
            Some("\n(ROOT (S (NP (NNP Arnor)) (VP (VBZ is))))\n")
        );
        assert_eq!(r.expected.len(), 2);
        assert_eq!(r.expected[0].code, "064");
        assert_eq!(r.expected[0].line, 17);
        assert_eq!(r.expected[1].source, "\"INJURY TOLL\"");
        assert_eq!(r.expected[1].target, "ARN");
        assert!(!r.expects_no_events);

        let r = &f.records[1];
        assert_eq!(r.id, "DEMO_02");
        assert_eq!(r.category.as_deref(), Some("DEMO"));
        assert!(r.expects_no_events);
        assert!(r.expected.is_empty());
        assert_eq!(r.parse, None);

        let r = &f.records[2];
        assert_eq!(r.expected_error.as_deref(), Some("bad_input_parse"));
        assert!(!r.expects_no_events);
        assert!(f.records[3].expects_no_events);
        assert_eq!(f.records[3].text, "No coding.");
    }

    #[test]
    fn stop_ends_reading() {
        let xml = "<Sentences><Sentence date='1' id='a'><Text>a</Text></Sentence>\n<Stop></Stop>\n\
                   <Sentence date='2' id='b'><Text>b</Text></Sentence></Sentences>";
        let f = PetrarchFile::from_str(xml, "x").unwrap();
        assert_eq!(f.records.len(), 1);
    }

    #[test]
    fn errors_name_file_and_line() {
        let xml =
            "<Sentences>\n<Sentence date='1' id='a'>\n<Text>a</Text>\n</Sentense>\n</Sentences>";
        let e = PetrarchFile::from_str(xml, "bad.xml").unwrap_err();
        assert!(
            matches!(&e, DocError::Xml { file, .. } if file == "bad.xml"),
            "{e}"
        );
        assert_eq!(e.line(), Some(4), "{e}");
        let xml = "<Sentences>\n<Sentence date='1' id='a'>\n<Text>a</Text>\n";
        let e = PetrarchFile::from_str(xml, "open.xml").unwrap_err();
        assert!(e.to_string().starts_with("open.xml:"), "{e}");
        let xml = "<Sentences>\n\n<EventCoding eventcode='1'/>\n</Sentences>";
        let e = PetrarchFile::from_str(xml, "x.xml").unwrap_err();
        assert_eq!(e.line(), Some(3));
        let e = PetrarchFile::from_path(Path::new("/nonexistent/file.xml")).unwrap_err();
        assert!(matches!(e, DocError::Io { .. }));
    }

    #[test]
    fn sanitize_keeps_lines_and_entities() {
        assert_eq!(
            sanitize("a & b &amp; &#38; &#x26; &nbsp;"),
            "a &amp; b &amp; &#38; &#x26; &amp;nbsp;"
        );
        assert_eq!(
            sanitize("<Text>1 < 2</Text><Parse>(X <)</Parse>"),
            "<Text>1 &lt; 2</Text><Parse>(X &lt;)</Parse>"
        );
        assert_eq!(sanitize("<Text/><b>"), "<Text/><b>");
        assert_eq!(sanitize("<Textual>a</Textual>"), "<Textual>a</Textual>");
    }

    #[test]
    fn garbage_never_panics() {
        for end in 0..=SAMPLE.len() {
            if SAMPLE.is_char_boundary(end) {
                let _ = PetrarchFile::from_str(&SAMPLE[..end], "cut.xml");
            }
        }
        for g in [
            "",
            "<",
            "&",
            "<<>>",
            "<Text>",
            "<Sentence",
            "<!--",
            "<![CDATA[",
            "</a>",
            "<Text><![CDATA[x",
            "\u{0}<é>",
        ] {
            let _ = PetrarchFile::from_str(g, "g.xml");
        }
    }
}

//! Running a PETRARCH validation file: code every record and compare its event set with the
//! expected one. Used by `detente validate` and by the conformance tests, so that both
//! measure the same thing.
//!
//! A record passes when the set of `(source, target, code)` triples coded equals the set
//! expected (a missing actor is written `---`); a record expecting no events passes only when
//! nothing is coded.

use crate::petrarch_xml::{PetrarchFile, Record};
use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_dict::petrarch::load_dir;
use detente_dict::DictError;
use detente_dict::Dictionaries;
use detente_text::{conllu, penn, Analysis, Analyzer};
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where each record's analysis comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseSource {
    /// The record's own `<Parse>` (Penn Treebank or CoNLL-U, detected from its content).
    Supplied,
    /// Our own analysis of the record's `<Text>`.
    Reparse,
}

/// An event as compared: `(source, target, code)` with `---` for a missing actor.
pub type Triple = (String, String, String);

/// The outcome of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordOutcome {
    /// Record id.
    pub id: String,
    /// Line of the record in its file.
    pub line: usize,
    /// The record's text.
    pub text: String,
    /// Expected events.
    pub expected: BTreeSet<Triple>,
    /// Coded events.
    pub got: BTreeSet<Triple>,
    /// Why the record could not be coded (unreadable parse or date), if so.
    pub error: Option<String>,
}

/// What must agree for a record to pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Compare {
    /// Source, target and event code (PETRARCH's own criterion).
    #[default]
    Events,
    /// Source and target only: for files whose expected codes come from another verb
    /// dictionary than the one their `<Environment>` names.
    Dyads,
}

impl RecordOutcome {
    /// Whether the record passes under `compare`.
    pub fn passed_by(&self, compare: Compare) -> bool {
        match compare {
            Compare::Events => self.passed(),
            Compare::Dyads => dyads(&self.expected) == dyads(&self.got),
        }
    }

    /// Whether the coded events are exactly the expected ones.
    ///
    /// A record whose parse cannot be read codes nothing; it passes only if nothing was
    /// expected (PETRARCH's error records test exactly that).
    pub fn passed(&self) -> bool {
        self.expected == self.got
    }
}

impl fmt::Display for RecordOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "FAILED {} (line {}): {}", self.id, self.line, self.text)?;
        if let Some(error) = &self.error {
            writeln!(f, "  error:    {error}")?;
        }
        writeln!(f, "  expected: {}", show(&self.expected))?;
        write!(f, "  got:      {}", show(&self.got))
    }
}

fn dyads(set: &BTreeSet<Triple>) -> BTreeSet<(&str, &str)> {
    set.iter()
        .map(|(s, t, _)| (s.as_str(), t.as_str()))
        .collect()
}

fn show(set: &BTreeSet<Triple>) -> String {
    if set.is_empty() {
        return "no events".to_string();
    }
    set.iter()
        .map(|(s, t, c)| format!("{s} {t} {c}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The outcome of a whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationReport {
    /// One outcome per record, in file order.
    pub records: Vec<RecordOutcome>,
}

impl ValidationReport {
    /// Number of records that passed.
    pub fn passed(&self) -> usize {
        self.records.iter().filter(|r| r.passed()).count()
    }

    /// Number of records that failed.
    pub fn failed(&self) -> usize {
        self.records.len() - self.passed()
    }

    /// Number of records that passed under `compare`.
    pub fn passed_by(&self, compare: Compare) -> usize {
        self.records.iter().filter(|r| r.passed_by(compare)).count()
    }

    /// Share of records that passed, 0.0–1.0.
    pub fn pass_rate(&self) -> f64 {
        if self.records.is_empty() {
            0.0
        } else {
            self.passed() as f64 / self.records.len() as f64
        }
    }
}

/// `../dictionaries` beside the validation file's folder, where PETRARCH keeps them.
pub fn default_dictionary_dir(file: &Path) -> PathBuf {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    folder.join("..").join("dictionaries")
}

/// Loads the dictionaries a file's `<Environment>` names, from `dir`. A missing file is an
/// error; malformed lines come back beside the dictionaries.
pub fn load_environment(
    file: &PetrarchFile,
    dir: &Path,
) -> Result<(Dictionaries, Vec<DictError>), DictError> {
    let env = &file.environment;
    fn names(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }
    let discards: Vec<&str> = env.discard_file.iter().map(String::as_str).collect();
    let issues: Vec<&str> = env.issue_file.iter().map(String::as_str).collect();
    load_dir(
        dir,
        env.verb_file.as_deref().unwrap_or(""),
        &names(&env.actor_files),
        &names(&env.agent_files),
        &discards,
        &issues,
    )
}

/// Codes every record of `file` with `dict` and compares the results.
pub fn validate(
    file: &PetrarchFile,
    dict: &Dictionaries,
    codebook: &Codebook,
    source: ParseSource,
) -> ValidationReport {
    let analyzer = Analyzer::new();
    let mut report = ValidationReport::default();
    let mut options = petrarch_options();
    for (index, record) in file.records.iter().enumerate() {
        apply_config(&mut options, file, index);
        let coder = Coder::new(dict, codebook, options.clone());
        let expected: BTreeSet<Triple> = record
            .expected
            .iter()
            .map(|e| (dashes(&e.source), dashes(&e.target), e.code.clone()))
            .collect();
        let mut outcome = RecordOutcome {
            id: record.id.clone(),
            line: record.line,
            text: record.text.clone(),
            expected,
            got: BTreeSet::new(),
            error: None,
        };
        match (date_of(record), analyses(record, source, &analyzer)) {
            (Some(date), Ok(analyses)) => {
                for analysis in &analyses {
                    for event in coder.code(analysis, date) {
                        outcome.got.insert((
                            dashes(&event.source),
                            dashes(&event.target),
                            event.cameo.to_string(),
                        ));
                    }
                }
            }
            (None, _) => outcome.error = Some(format!("bad date {:?}", record.date)),
            (_, Err(e)) => outcome.error = Some(e),
        }
        report.records.push(outcome);
    }
    report
}

/// PETRARCH's conventions: its unit tests expect a future action's own code, not the
/// intention, and no events named by nouns.
fn petrarch_options() -> CoderOptions {
    CoderOptions {
        future_as_intent: false,
        noun_events: false,
        home_country: false,
        skip_hypothetical: false,
        ..CoderOptions::default()
    }
}

/// The coder options in force for record `index` (every `<Config>` before it applied).
pub fn options_for(file: &PetrarchFile, index: usize) -> CoderOptions {
    let mut options = petrarch_options();
    for i in 0..=index {
        apply_config(&mut options, file, i);
    }
    options
}

/// Applies the `<Config>` options that precede record `index` (they stay in force
/// afterwards).
fn apply_config(options: &mut CoderOptions, file: &PetrarchFile, index: usize) {
    for config in file.config.iter().filter(|c| c.applies_from == index) {
        if config.option.eq_ignore_ascii_case("require_dyad") {
            options.require_dyad = config.value.trim().eq_ignore_ascii_case("true");
        } else if config.option.eq_ignore_ascii_case("new_actor_length") {
            options.new_actor_length = config.value.trim().parse().unwrap_or(0);
        }
    }
}

fn dashes(code: &str) -> String {
    if code.is_empty() {
        "---".to_string()
    } else {
        code.to_string()
    }
}

/// The record's date as `YYYYMMDD`, if it is one.
pub fn date_of(record: &Record) -> Option<u32> {
    let digits: String = record.date.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// The analyses to code for a record: its supplied parse, or our own analysis of its text.
pub fn analyses(
    record: &Record,
    source: ParseSource,
    analyzer: &Analyzer,
) -> Result<Vec<Analysis>, String> {
    match (source, &record.parse) {
        (ParseSource::Reparse, _) | (ParseSource::Supplied, None) => {
            Ok(analyzer.analyze(&record.text))
        }
        (ParseSource::Supplied, Some(parse)) => {
            if parse.trim_start().starts_with('(') {
                penn::parse(parse)
                    .map(|a| vec![a])
                    .map_err(|e| format!("Penn parse: {e}"))
            } else {
                conllu::parse(parse)
                    .map(|a| vec![a])
                    .map_err(|e| format!("CoNLL-U parse: {e}"))
            }
        }
    }
}

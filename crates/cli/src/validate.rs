//! `detente validate FILE.xml`: runs a PETRARCH validation file with the dictionaries its
//! `<Environment>` names and prints every record whose events differ, then `N passed, M failed`.

use anyhow::{Context, Result};
use detente_dict::codebook::Codebook;
use detente_doc::petrarch_xml::PetrarchFile;
use detente_doc::validation::{
    default_dictionary_dir, load_environment, validate, Compare, ParseSource,
};
use std::path::PathBuf;
use std::process::ExitCode;

/// `--compare` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareArg {
    /// Source, target and event code.
    Events,
    /// Source and target only.
    Dyads,
}

/// Arguments of `detente validate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The PETRARCH validation file (`<Validation>` with `<Environment>` and `<Sentences>`).
    pub file: PathBuf,
    /// Analyse each record's `<Text>` with our own parser instead of using its `<Parse>`.
    #[arg(long)]
    pub reparse: bool,
    /// Folder holding the dictionaries named by `<Environment>` (default: `../dictionaries`
    /// beside the file's folder).
    #[arg(long, value_name = "DIR")]
    pub dict_dir: Option<PathBuf>,
    /// Print only the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// What must agree for a record to pass: `events` (source, target and code) or `dyads`
    /// (source and target only, for files whose expected codes come from another verb
    /// dictionary, such as the CoNLL-U copy of the unit tests).
    #[arg(long, value_enum, default_value_t = CompareArg::Events)]
    pub compare: CompareArg,
    /// Explain how the record with this id is coded (repeatable), as `detente explain` does.
    #[arg(long, value_name = "ID")]
    pub show: Vec<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let file = PetrarchFile::from_path(&args.file)?;
    let dir = match &args.dict_dir {
        Some(dir) => dir.clone(),
        None => default_dictionary_dir(&args.file),
    };
    let (dictionaries, errors) = load_environment(&file, &dir)
        .with_context(|| format!("loading the dictionaries named in {}", args.file.display()))?;
    for error in &errors {
        eprintln!("detente: warning: {error}");
    }
    let source = if args.reparse {
        ParseSource::Reparse
    } else {
        ParseSource::Supplied
    };
    let report = validate(&file, &dictionaries, Codebook::builtin(), source);
    for id in &args.show {
        let explained = explain_record(&file, &dictionaries, source, id);
        out!("{explained}");
    }
    let compare = match args.compare {
        CompareArg::Events => Compare::Events,
        CompareArg::Dyads => Compare::Dyads,
    };
    if !args.quiet {
        for outcome in report.records.iter().filter(|r| !r.passed_by(compare)) {
            outln!("{outcome}");
        }
    }
    let passed = report.passed_by(compare);
    let failed = report.records.len() - passed;
    outln!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The `explain` rendering of one record, with the options in force for it.
fn explain_record(
    file: &PetrarchFile,
    dict: &detente_dict::Dictionaries,
    source: ParseSource,
    id: &str,
) -> String {
    let mut out = String::new();
    let Some(index) = file.records.iter().position(|r| r.id == id) else {
        return format!("no record with id {id:?}\n");
    };
    let record = &file.records[index];
    let options = detente_doc::validation::options_for(file, index);
    let coder = detente_code::Coder::new(dict, Codebook::builtin(), options);
    let date = detente_doc::validation::date_of(record).unwrap_or(0);
    match detente_doc::validation::analyses(record, source, &detente_text::Analyzer::new()) {
        Ok(analyses) => {
            for analysis in &analyses {
                let report = coder.report(analysis, date);
                crate::explain::render(&mut out, dict, analysis, &report, date);
            }
        }
        Err(e) => out.push_str(&format!("{id}: {e}\n")),
    }
    out
}

//! The `detente` command line: parses arguments, wires the stages, prints. No coding logic
//! lives here; each subcommand module only connects library calls to input and output.

/// `println!` that returns the write error instead of panicking, so that a closed pipe
/// (`detente dict stats | head`) ends the command quietly (see `main`).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?;
    }};
}

/// `print!` that returns the write error instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout(), $($arg)*)?;
    }};
}

mod ask;
mod bench;
mod code;
mod convert;
mod dict;
mod dicts;
mod explain;
// exports and imports (issue 5, item 3): `export`, `import-gdelt`
mod export;
mod import_gdelt;
mod ingest;
mod quotes;
// `detente serve` (issue 5, item 5): the HTTP API and the dashboard
mod serve;
// store queries (issue 5): `events`, `timeline`
mod store_cmds;
mod validate;

use clap::{Parser, Subcommand};

/// mimalloc: the coder makes many small, short-lived allocations per sentence, which the
/// system allocator serves markedly slower (measured with `detente bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

/// Détente: political event data from news text (CAMEO and PLOVER events with provenance).
#[derive(Parser, Debug)]
#[command(name = "detente", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Dictionary selection shared by the coding commands.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DictArgs {
    /// Dictionary file or folder (repeatable), in Détente's native format (a file whose first
    /// line is `# detente-kb 1`, see kb/README.md) or in PETRARCH/TABARI format, whose kind is
    /// taken from the file name: `*verb*` or `CAMEO*` verbs, `*agent*` agents, `*discard*`
    /// discards, `*issue*` issues, anything else actors. Replaces the built-in knowledge base.
    #[arg(long = "dict", value_name = "PATH")]
    pub dict: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Code documents into events, one JSON object a line.
    ///
    /// Input: text, HTML pages, JSON Lines `{"id", "date", "url", "title", "text"}` or
    /// PETRARCH XML, gzipped or not, from files, folders or standard input (`-`); captions,
    /// credits, paywall prompts and other boilerplate are removed first.
    Code(code::Args),
    /// Show how one sentence is analysed and coded: tokens, tree, verbs, patterns, actors,
    /// events and the dictionary lines behind them.
    Explain(explain::Args),
    /// Run a PETRARCH validation file and report every record whose events differ.
    Validate(validate::Args),
    /// Measure coding speed (sentences per CPU-second), dictionary load time and memory.
    Bench(bench::Args),
    /// Find the quotes of documents and who said them, one JSON object a line.
    Quotes(quotes::Args),
    /// Check the dictionaries for defects, or count what they cover.
    #[command(subcommand)]
    Dict(dict::Command),
    // --- store queries (issue 5) ---
    /// Code documents into the event store (SQLite): parallel coding, one transaction a
    /// batch; the same document twice is stored once, a changed one replaces its events.
    Ingest(ingest::Args),
    /// List stored events, filtered by actor, dyad, PLOVER type, CAMEO code or date.
    Events(store_cmds::EventsArgs),
    /// Relations between two actors over time: per period and direction, events by
    /// QuadClass, mean Goldstein score and net cooperation.
    Timeline(store_cmds::TimelineArgs),
    /// Answer a question about two actors from the store ("Are the US and Russia bridging
    /// their divide over Syria?"): trend, turning point, numbers and evidence. Ingests the
    /// sample corpus first when the store is empty.
    Ask(ask::Args),
    // --- end store queries ---
    // --- exports and imports (issue 5, item 3) ---
    /// Write stored events as JSON Lines, GDELT 2.0 Events rows, PLOVER JSON Lines or
    /// Parquet, filtered as `detente events` filters them.
    Export(export::Args),
    /// Read GDELT 2.0 Events files (plain or gzip) into the store, so that `timeline` and
    /// `ask` work on GDELT data; re-importing a file stores nothing twice.
    ImportGdelt(import_gdelt::Args),
    // --- end exports and imports ---
    // --- serve (issue 5, item 5) ---
    /// Serve the JSON API and the dashboard over the store (http://127.0.0.1:8080/ by
    /// default); with --token, documents can be posted to POST /api/ingest.
    Serve(serve::Args),
    // --- end serve ---
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Dict(command) => dict::run(command),
        Command::Quotes(args) => quotes::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Events(args) => store_cmds::events(args),
        Command::Timeline(args) => store_cmds::timeline(args),
        Command::Ask(args) => ask::run(args),
        Command::Export(args) => export::run(args),
        Command::ImportGdelt(args) => import_gdelt::run(args),
        Command::Serve(args) => serve::run(args), // serve (issue 5, item 5)
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("detente: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Parses a date given as `YYYY-MM-DD`, `YYYYMMDD` or an ISO timestamp into `YYYYMMDD`
/// (the documents' reader's own function, so that `--date` and dates in documents agree).
pub use detente_doc::parse_date;

/// The date of flag `--{flag}`, if given, with an error naming the flag when it is no date.
pub fn date_flag(flag: &str, text: Option<&String>) -> anyhow::Result<Option<u32>> {
    use anyhow::Context;
    text.map(|t| {
        parse_date(t).with_context(|| format!("--{flag} {t:?} is not a date (YYYY-MM-DD)"))
    })
    .transpose()
}

/// Sizes the global worker pool when `--threads N` is given (all cores otherwise).
pub fn use_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2013-02-27"), Some(20130227));
        assert_eq!(parse_date("20130227"), Some(20130227));
        assert_eq!(parse_date("2013-02-27T10:00:00Z"), Some(20130227));
        assert_eq!(parse_date("2013-13-27"), None);
        assert_eq!(parse_date("yesterday"), None);
    }
}

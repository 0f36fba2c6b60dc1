//! `detente ask "<question>"`: answers a question about two actors from the event store,
//! ingesting the bundled sample corpus first when the store is empty (so that the README's
//! main command works on a fresh clone). The understanding and the answer are
//! `detente_store::ask`'s; this module only wires them to the command line.

use crate::{dicts, ingest, DictArgs};
use anyhow::{Context, Result};
use detente_store::ask::{answer, understand};
use detente_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `detente ask`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The question, in plain English: two actors (countries, organisations, leaders,
    /// capitals or codes) and, optionally, a topic ("... over Syria", "... about sanctions").
    pub question: String,
    /// The store.
    #[arg(long, value_name = "PATH", default_value = detente_store::DEFAULT_PATH)]
    pub db: PathBuf,
    /// Articles to ingest first when the store is empty or missing.
    #[arg(long, value_name = "PATH", default_value = "examples/corpus")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub dicts: DictArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let dictionaries = dicts::load(&args.dicts)?;
    let mut store = Store::open(&args.db)
        .with_context(|| format!("opening the store {}", args.db.display()))?;
    if store.counts()?.documents == 0 {
        if !args.corpus.exists() {
            anyhow::bail!(
                "the store {} is empty and there is no corpus at {} to ingest: run `detente ingest FILES --db {}` first",
                args.db.display(),
                args.corpus.display(),
                args.db.display()
            );
        }
        eprintln!(
            "detente: the store {} is empty; ingesting {} first",
            args.db.display(),
            args.corpus.display()
        );
        ingest::ingest_into(
            &mut store,
            &dictionaries,
            ingest::Source::Paths(std::slice::from_ref(&args.corpus)),
            None,
            256,
            false,
        )?;
    }
    let question = match understand(&args.question, &dictionaries, today()) {
        Ok(question) => question,
        Err(not_understood) => {
            eprintln!("detente: {not_understood}");
            return Ok(ExitCode::from(1));
        }
    };
    let found = answer(&store, &question)?;
    outln!("{}", found.render());
    Ok(ExitCode::SUCCESS)
}

/// Today's date, `YYYYMMDD`, for reading leaders' dated codes (only their country is used).
pub(crate) fn today() -> u32 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y * 10000 + m * 100 + d) as u32
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_a_date() {
        let t = super::today();
        assert!(t > 2024_01_01 && t < 2200_01_01, "{t}");
        assert!((1..=12).contains(&(t / 100 % 100)) && (1..=31).contains(&(t % 100)));
    }
}

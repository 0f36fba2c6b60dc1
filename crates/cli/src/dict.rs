//! `detente dict check` and `detente dict stats`: a dictionary author's tools.

use crate::{dicts, DictArgs};
use anyhow::Result;
use detente_dict::check::{check, stats};
use detente_dict::codebook::Codebook;
use std::process::ExitCode;

/// Subcommands of `detente dict`.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Report duplicate and conflicting phrases, overlapping terms of office, unknown CAMEO
    /// codes and patterns that can never be chosen; exit status 1 when there are any.
    Check(Args),
    /// Count what the knowledge base covers.
    Stats(Args),
    /// Write the dictionaries (the built-in ones, or `--dict`) as native `.kb` files.
    Convert(crate::convert::Args),
}

/// The dictionaries to look at.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub dicts: DictArgs,
}

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Convert(args) => crate::convert::run(args),
        Command::Check(args) => {
            let dictionaries = dicts::load(&args.dicts)?;
            let defects = check(&dictionaries, Codebook::builtin());
            for defect in &defects {
                outln!("{defect}");
            }
            outln!("{} defects", defects.len());
            Ok(if defects.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Stats(args) => {
            let dictionaries = dicts::load(&args.dicts)?;
            let s = stats(&dictionaries, Codebook::builtin());
            outln!("actors:          {} ({} names)", s.actors, s.actor_phrases);
            outln!("  with dated codes (officials): {}", s.dated_actors);
            outln!("  countries coded: {}", s.countries);
            outln!(
                "agents:          {} ({} phrases with plurals)",
                s.agents,
                s.agent_phrases
            );
            outln!("verb blocks:     {}", s.verb_blocks);
            outln!("verbs:           {} ({} forms)", s.verbs, s.verb_forms);
            outln!("patterns:        {}", s.patterns);
            outln!("synsets:         {}", s.synsets);
            outln!("discards:        {}", s.discards);
            outln!("issues:          {}", s.issues);
            outln!(
                "CAMEO codes produced: {} of {} in the codebook",
                s.cameo_codes_reached,
                s.cameo_codes
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

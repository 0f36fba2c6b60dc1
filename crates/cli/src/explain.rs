//! `detente explain "<sentence>"`: the analysis, the dictionary matches and the events of one
//! sentence, for a dictionary author to see why.

use crate::code::format_date;
use crate::{dicts, parse_date, DictArgs};
use anyhow::{Context, Result};
use detente_code::coder::describe;
use detente_code::{Coder, CoderOptions, SentenceReport};
use detente_dict::codebook::Codebook;
use detente_dict::Dictionaries;
use detente_text::{Analysis, Analyzer};
use std::fmt::Write as _;
use std::process::ExitCode;

/// Arguments of `detente explain`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The sentence (or several) to explain.
    pub text: String,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// The sentence's date, YYYY-MM-DD (date-restricted actors depend on it).
    #[arg(long, default_value = "2014-01-01")]
    pub date: String,
    /// Also code events that lack a source or a target.
    #[arg(long)]
    pub allow_monads: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let date =
        parse_date(&args.date).with_context(|| format!("--date {:?} is not a date", args.date))?;
    let dictionaries = dicts::load(&args.dicts)?;
    let coder = Coder::new(
        &dictionaries,
        Codebook::builtin(),
        CoderOptions {
            require_dyad: !args.allow_monads,
            provenance: true,
            ..CoderOptions::default()
        },
    );
    let analyzer = Analyzer::new();
    let mut out = String::new();
    for analysis in analyzer.analyze(&args.text) {
        let report = coder.report(&analysis, date);
        render(&mut out, &dictionaries, &analysis, &report, date);
    }
    out!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// Writes the human-readable explanation of one sentence.
pub fn render(
    out: &mut String,
    dict: &Dictionaries,
    a: &Analysis,
    report: &SentenceReport,
    date: u32,
) {
    let _ = writeln!(out, "sentence: {}", a.text.trim());
    let _ = writeln!(out, "date:     {}", format_date(date));
    let _ = write!(out, "tokens:  ");
    for (i, t) in a.tokens.iter().enumerate() {
        let _ = write!(out, " {i}:{}/{}", t.text, t.tag);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "tree:     {}", a.to_penn());
    if let Some(discard) = &report.discarded {
        let scope = if report.discards_story {
            "the whole story"
        } else {
            "the sentence"
        };
        let _ = writeln!(out, "discarded ({scope}) by {discard}");
        let _ = writeln!(out);
        return;
    }
    if report.verbs.is_empty() {
        let _ = writeln!(out, "verbs:    none in the dictionary");
    }
    for verb in &report.verbs {
        let Some(found) = verb.verb else { continue };
        let entry = &dict.verbs[found.verb as usize];
        let block = dict.block(found.verb);
        let _ = writeln!(
            out,
            "verb {:?} (token {}) -> {} [block {}]",
            verb.word,
            verb.token,
            describe(&entry.provenance),
            block.name
        );
        match &verb.pattern {
            Some(p) => {
                let _ = writeln!(out, "  pattern: {}", describe(p));
            }
            None => {
                let _ = writeln!(out, "  pattern: none matched; the verb's own code applies");
            }
        }
        if let Some(code) = &verb.code {
            let _ = writeln!(
                out,
                "  code:    {}{}",
                code.primary.as_deref().unwrap_or("---"),
                code.reciprocal
                    .as_deref()
                    .map(|r| format!(":{r}"))
                    .unwrap_or_default()
            );
        }
        if verb.passive {
            let _ = writeln!(out, "  passive voice: the `by` phrase is the source");
        }
        if verb.negated {
            let _ = writeln!(out, "  negated");
        }
        if verb.future {
            let _ = writeln!(
                out,
                "  future tense: coded as the intention (cooperation) or threat (conflict)"
            );
        }
        for (role, list) in [("source", &verb.sources), ("target", &verb.targets)] {
            for actor in list {
                let words: Vec<&str> = a.tokens
                    [actor.start as usize..(actor.end as usize).min(a.tokens.len())]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect();
                let _ = writeln!(out, "  {role}:  {} <- {:?}", actor.code, words.join(" "));
                if let Some(id) = actor.actor {
                    let _ = writeln!(
                        out,
                        "           actor {}",
                        describe(&dict.actors[id as usize].provenance)
                    );
                }
                for &agent in &actor.agents {
                    let _ = writeln!(
                        out,
                        "           agent {}",
                        describe(&dict.agents[agent as usize].provenance)
                    );
                }
            }
        }
        match verb.note {
            Some(note) if verb.events == 0 => {
                let _ = writeln!(out, "  no event: {note}");
            }
            _ => {
                let _ = writeln!(out, "  events:  {}", verb.events);
            }
        }
    }
    let _ = writeln!(out, "events:");
    if report.events.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for e in &report.events {
        let _ = writeln!(
            out,
            "  {} {} {}  plover={} goldstein={} quad_class={}",
            or_dash(&e.source),
            or_dash(&e.target),
            e.cameo,
            e.plover.as_deref().unwrap_or("-"),
            e.goldstein
                .map(|g| g.to_string())
                .unwrap_or_else(|| "-".into()),
            e.quad_class
                .map(|q| q.to_string())
                .unwrap_or_else(|| "-".into()),
        );
    }
    let _ = writeln!(out);
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "---"
    } else {
        s
    }
}

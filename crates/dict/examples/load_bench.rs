//! Loads the PETRARCH production dictionaries (CAMEO 2.0 verbs, Phoenix actors, agents,
//! discards and issues) and prints the counts, the load time and the peak memory.
//!
//! ```text
//! cargo run --release -p detente-dict --example load_bench [DICTIONARY_DIR] [--errors]
//! ```
//! Without a directory it looks for `shared/peers/petrarch2/dictionaries` above the crate.
//! The dictionaries are third-party files and are not part of this repository.

use std::path::{Path, PathBuf};
use std::time::Instant;

use detente_dict::petrarch::load_dir;

fn find_dir() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/peers/petrarch2/dictionaries"))
        .find(|d| d.join("CAMEO.2.0.txt").is_file())
}

/// Peak resident set size from `/proc/self/status` (`VmHWM`), if available.
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .map(|l| l["VmHWM:".len()..].trim().to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .or_else(find_dir);
    let Some(dir) = dir else {
        eprintln!("PETRARCH dictionaries not found; pass their directory");
        std::process::exit(2);
    };
    let runs = 5;
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        drop(last.take()); // one set alive at a time: the peak is one load's
        let t = Instant::now();
        let loaded = load_dir(
            &dir,
            "CAMEO.2.0.txt",
            &[
                "Phoenix.Countries.actors.txt",
                "Phoenix.International.actors.txt",
                "Phoenix.MilNonState.actors.txt",
            ],
            &["Phoenix.agents.txt"],
            &["Phoenix.discards.txt"],
            &["Phoenix.IssueCoding.txt"],
        )
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(loaded);
    }
    let (d, errors) = last.unwrap();
    let phrases: usize = d.actors.iter().map(|a| a.phrases.len()).sum();
    let patterns: usize = d.verb_blocks.iter().map(|b| b.patterns.len()).sum();
    let forms: usize = d.verbs.iter().map(|v| v.forms.len()).sum();
    println!(
        "actors {} ({} phrases), agents {}, synsets {}, verb blocks {}, verbs {} ({} forms), \
         patterns {}, transformations {}, discards {}, issues {}",
        d.actors.len(),
        phrases,
        d.agents.len(),
        d.synsets.len(),
        d.verb_blocks.len(),
        d.verbs.len(),
        forms,
        patterns,
        d.transformations.len(),
        d.discards.len(),
        d.issues.len()
    );
    println!("trie nodes (actors, agents, synsets): {:?}", d.trie_sizes());
    println!("errors: {}", errors.len());
    if show_errors {
        for e in &errors {
            println!("  {e}");
        }
    }
    println!(
        "load + compile: best of {runs} runs {:.1} ms; peak RSS {}",
        best * 1e3,
        peak_rss().unwrap_or_else(|| "n/a".into())
    );

    // Matching speed: every position of a fixed text, actor and agent look-ups.
    const TEXT: &str = "RUSSIAN FOREIGN MINISTER SERGEY LAVROV MET SECRETARY OF STATE JOHN KERRY \
        IN BERLIN ON TUESDAY AS ISRAELI TROOPS AND HAMAS MILITANTS CLASHED NEAR GAZA CITY WHILE \
        THE UNITED NATIONS SECURITY COUNCIL URGED BOTH SIDES TO HALT THE FIGHTING AND THE \
        EUROPEAN UNION PLEDGED HUMANITARIAN AID TO PALESTINIAN REFUGEES IN LEBANON AND JORDAN";
    let words: Vec<&str> = TEXT.split_whitespace().collect();
    let rounds = 20_000;
    let t = Instant::now();
    let mut found = 0usize;
    for _ in 0..rounds {
        for i in 0..words.len() {
            found += d.match_actor(&words, i).is_some() as usize;
            found += d.match_agent(&words, i).is_some() as usize;
        }
    }
    let calls = rounds * words.len() * 2;
    println!(
        "matching: {:.0} ns per look-up ({} matches per pass of {} words)",
        t.elapsed().as_secs_f64() * 1e9 / calls as f64,
        found / rounds,
        words.len()
    );
}

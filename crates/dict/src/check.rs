//! Checking a knowledge base for defects a dictionary author would want to hear about, and
//! counting what it covers. Works on the format-independent model, so it checks PETRARCH
//! files and our own alike.
//!
//! Defects found ([`DefectKind`]):
//! - the same phrase names two actors (or two agents) with the same codes (a duplicate) or
//!   with different codes (a conflict: only the first can ever be used);
//! - an actor's dated codes overlap with different codes (two offices at once);
//! - a verb or pattern code that is not a CAMEO code in the codebook;
//! - a pattern that can never be chosen because an identical pattern comes first in its block.

use crate::codebook::Codebook;
use crate::model::{DateRange, EventCode, Phrase, Provenance};
use crate::Dictionaries;
use std::collections::HashMap;
use std::fmt;

/// What is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DefectKind {
    /// The same phrase names two entries with the same codes.
    DuplicatePhrase,
    /// The same phrase names two entries with different codes.
    ConflictingCodes,
    /// Two dated codes of one actor overlap and differ.
    OverlappingTerms,
    /// A code that the CAMEO codebook does not list.
    UnknownCameoCode,
    /// A pattern identical to an earlier one of its block: it can never be chosen.
    UnreachablePattern,
}

impl DefectKind {
    /// A short name, as printed.
    pub fn name(self) -> &'static str {
        match self {
            DefectKind::DuplicatePhrase => "duplicate phrase",
            DefectKind::ConflictingCodes => "conflicting codes",
            DefectKind::OverlappingTerms => "overlapping terms",
            DefectKind::UnknownCameoCode => "unknown CAMEO code",
            DefectKind::UnreachablePattern => "unreachable pattern",
        }
    }
}

/// One defect, located at the entry that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Defect {
    /// What is wrong.
    pub kind: DefectKind,
    /// The entry's file.
    pub file: String,
    /// The entry's line.
    pub line: u32,
    /// Details, naming the other entry where there is one.
    pub message: String,
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file,
            self.line,
            self.kind.name(),
            self.message
        )
    }
}

fn defect(kind: DefectKind, at: &Provenance, message: String) -> Defect {
    Defect {
        kind,
        file: at.file.to_string(),
        line: at.line,
        message,
    }
}

fn phrase_text(p: &Phrase) -> String {
    let mut out = String::new();
    for (i, w) in p.words.iter().enumerate() {
        if i > 0 {
            out.push(if p.consecutive.get(i - 1).copied().unwrap_or(true) {
                '_'
            } else {
                ' '
            });
        }
        out.push_str(&w.text);
        if !w.exact {
            out.push('*');
        }
    }
    out
}

fn at(p: &Provenance) -> String {
    format!("{}:{}", p.file, p.line)
}

/// Every defect in `dict`, in file order.
pub fn check(dict: &Dictionaries, codebook: &Codebook) -> Vec<Defect> {
    let mut out = Vec::new();
    // Phrases shared by entries.
    let actor_codes = |id: usize| format!("{:?}", dict.actors[id].codes);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (id, actor) in dict.actors.iter().enumerate() {
        for phrase in &actor.phrases {
            let text = phrase_text(phrase);
            match seen.get(&text) {
                Some(&first) if first != id => {
                    let same = actor_codes(first) == actor_codes(id);
                    let kind = if same {
                        DefectKind::DuplicatePhrase
                    } else {
                        DefectKind::ConflictingCodes
                    };
                    out.push(defect(
                        kind,
                        &actor.provenance,
                        format!(
                            "actor phrase {text} is also defined at {}",
                            at(&dict.actors[first].provenance)
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    seen.insert(text, id);
                }
            }
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (id, agent) in dict.agents.iter().enumerate() {
        for phrase in &agent.phrases {
            let text = phrase_text(phrase);
            match seen.get(&text) {
                Some(&first) if first != id => {
                    let other = &dict.agents[first];
                    let same = other.code == agent.code && other.placement == agent.placement;
                    let kind = if same {
                        DefectKind::DuplicatePhrase
                    } else {
                        DefectKind::ConflictingCodes
                    };
                    out.push(defect(
                        kind,
                        &agent.provenance,
                        format!(
                            "agent phrase {text} is also defined at {}",
                            at(&other.provenance)
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    seen.insert(text, id);
                }
            }
        }
    }
    // Terms of office.
    for actor in &dict.actors {
        let dated: Vec<&(DateRange, Vec<Box<str>>)> = actor
            .codes
            .iter()
            .filter(|(r, _)| *r != DateRange::Always)
            .collect();
        for (i, (a, ca)) in dated.iter().enumerate() {
            for (b, cb) in &dated[i + 1..] {
                if ca != cb && overlap(*a, *b) {
                    out.push(defect(
                        DefectKind::OverlappingTerms,
                        &actor.provenance,
                        format!("{:?} {:?} overlaps {:?} {:?}", ca, a, cb, b),
                    ));
                }
            }
        }
    }
    // Codes and patterns.
    let known = |code: &str| codebook.get(code).is_some();
    let check_code = |code: &EventCode, where_: &Provenance, out: &mut Vec<Defect>| {
        for c in [&code.primary, &code.reciprocal].into_iter().flatten() {
            if !known(c) {
                out.push(defect(
                    DefectKind::UnknownCameoCode,
                    where_,
                    format!(
                        "code {c} is not in the CAMEO codebook ({})",
                        codebook.file()
                    ),
                ));
            }
        }
    };
    for block in &dict.verb_blocks {
        check_code(&block.code, &block.provenance, &mut out);
        for (i, pattern) in block.patterns.iter().enumerate() {
            check_code(&pattern.code, &pattern.provenance, &mut out);
            if let Some(earlier) = block.patterns[..i]
                .iter()
                .find(|p| p.before == pattern.before && p.after == pattern.after)
            {
                out.push(defect(
                    DefectKind::UnreachablePattern,
                    &pattern.provenance,
                    format!(
                        "the same pattern comes first at {}",
                        at(&earlier.provenance)
                    ),
                ));
            }
        }
    }
    for verb in &dict.verbs {
        if let Some(code) = &verb.code {
            check_code(code, &verb.provenance, &mut out);
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, a.kind).cmp(&(&b.file, b.line, b.kind)));
    out
}

fn bounds(r: DateRange) -> (u32, u32) {
    match r {
        DateRange::Always => (0, u32::MAX),
        DateRange::Until(d) => (0, d),
        DateRange::From(d) => (d, u32::MAX),
        DateRange::Between(a, b) => (a, b),
    }
}

/// Whether two inclusive ranges share a day other than a hand-over day (one term may end
/// on the day the next begins).
fn overlap(a: DateRange, b: DateRange) -> bool {
    let (a0, a1) = bounds(a);
    let (b0, b1) = bounds(b);
    a0.max(b0) < a1.min(b1)
}

/// What a knowledge base covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Actor entries.
    pub actors: usize,
    /// Actor phrases (names).
    pub actor_phrases: usize,
    /// Actors with dated codes (officials and changing regimes).
    pub dated_actors: usize,
    /// Distinct three-letter country codes used by actors.
    pub countries: usize,
    /// Agent entries.
    pub agents: usize,
    /// Agent phrases (with plurals).
    pub agent_phrases: usize,
    /// Verb blocks.
    pub verb_blocks: usize,
    /// Verbs.
    pub verbs: usize,
    /// Inflected verb forms.
    pub verb_forms: usize,
    /// Patterns.
    pub patterns: usize,
    /// Synsets.
    pub synsets: usize,
    /// Discard phrases.
    pub discards: usize,
    /// Issue phrases.
    pub issues: usize,
    /// CAMEO codes of the codebook that some verb, block or pattern produces.
    pub cameo_codes_reached: usize,
    /// CAMEO codes in the codebook.
    pub cameo_codes: usize,
}

/// Counts what `dict` covers.
pub fn stats(dict: &Dictionaries, codebook: &Codebook) -> Stats {
    let mut countries = std::collections::BTreeSet::new();
    for actor in &dict.actors {
        for (_, codes) in &actor.codes {
            for code in codes {
                if code.len() >= 3 && code[..3].chars().all(|c| c.is_ascii_uppercase()) {
                    countries.insert(code[..3].to_string());
                }
            }
        }
    }
    let mut reached = std::collections::BTreeSet::new();
    let mut add = |code: &EventCode| {
        for c in [&code.primary, &code.reciprocal].into_iter().flatten() {
            if codebook.get(c).is_some() {
                reached.insert(c.to_string());
            }
        }
    };
    for block in &dict.verb_blocks {
        add(&block.code);
        for p in &block.patterns {
            add(&p.code);
        }
    }
    for verb in &dict.verbs {
        if let Some(code) = &verb.code {
            add(code);
        }
    }
    Stats {
        actors: dict.actors.len(),
        actor_phrases: dict.actors.iter().map(|a| a.phrases.len()).sum(),
        dated_actors: dict
            .actors
            .iter()
            .filter(|a| a.codes.iter().any(|(r, _)| *r != DateRange::Always))
            .count(),
        countries: countries.len(),
        agents: dict.agents.len(),
        agent_phrases: dict.agents.iter().map(|a| a.phrases.len()).sum(),
        verb_blocks: dict.verb_blocks.len(),
        verbs: dict.verbs.len(),
        verb_forms: dict.verbs.iter().map(|v| v.forms.len()).sum(),
        patterns: dict.verb_blocks.iter().map(|b| b.patterns.len()).sum(),
        synsets: dict.synsets.len(),
        discards: dict.discards.len(),
        issues: dict.issues.len(),
        cameo_codes_reached: reached.len(),
        cameo_codes: codebook.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::petrarch::PetrarchLoader;

    fn load(verbs: &str, actors: &str, agents: &str) -> Dictionaries {
        let mut loader = PetrarchLoader::new();
        loader
            .verbs(verbs, "t.verbs")
            .actors(actors, "t.actors")
            .agents(agents, "t.agents");
        let (dict, errors) = loader.finish();
        assert!(errors.is_empty(), "{errors:?}");
        dict
    }

    fn kinds(defects: &[Defect]) -> Vec<(DefectKind, u32)> {
        defects.iter().map(|d| (d.kind, d.line)).collect()
    }

    #[test]
    fn a_clean_knowledge_base_has_no_defects() {
        let dict = load(
            "--- MEET [040] ---\nMEET {MEETS MET MEETING}\n- * (WITH +) [040]\n",
            "RUSSIA_ [RUS]\n+MOSCOW_\nSERGEI_LAVROV_ [RUSELI]\n\t[RUSGOV 20040309-20991231]\n",
            "MINISTER [~GOV]\n",
        );
        assert!(check(&dict, Codebook::builtin()).is_empty());
    }

    #[test]
    fn each_defect_is_found_where_it_is() {
        let dict = load(
            "--- MEET [040] ---\nMEET\n- * (WITH +) [040]\n- * (WITH +) [041]\n- * TALKS [999]\n",
            "RUSSIA_ [RUS]\nRUSSIA_ [RUS]\nMOSCOW_ [RUS]\n+KREMLIN_\nKREMLIN_ [RUSGOV]\nPUTIN_ [RUSELI]\n\t[RUSGOV 20000507-20080507]\n\t[RUSMIL 20050101-20060101]\n",
            "MINISTER [~GOV]\nMINISTER [~MIL]\nOFFICIAL [~GOV]\nOFFICIAL [~GOV]\n",
        );
        let found = check(&dict, Codebook::builtin());
        let all: Vec<String> = found.iter().map(ToString::to_string).collect();
        let k = kinds(&found);
        assert!(k.contains(&(DefectKind::UnreachablePattern, 4)), "{all:#?}");
        assert!(k.contains(&(DefectKind::UnknownCameoCode, 5)), "{all:#?}");
        assert!(k.contains(&(DefectKind::DuplicatePhrase, 2)), "{all:#?}");
        assert!(k.contains(&(DefectKind::ConflictingCodes, 5)), "{all:#?}");
        assert!(k.contains(&(DefectKind::OverlappingTerms, 6)), "{all:#?}");
        assert!(
            found.iter().any(|d| d.kind == DefectKind::ConflictingCodes
                && d.file == "t.agents"
                && d.line == 2),
            "{all:#?}"
        );
        assert!(
            found.iter().any(|d| d.kind == DefectKind::DuplicatePhrase
                && d.file == "t.agents"
                && d.line == 4),
            "{all:#?}"
        );
        assert!(
            all.iter()
                .any(|s| s.starts_with("t.verbs:5: unknown CAMEO code: code 999")),
            "{all:#?}"
        );
    }

    #[test]
    fn hand_over_days_are_not_overlaps() {
        let dict = load(
            "",
            "JOHN_KERRY_ [USAELI]\n\t[USALEG 19850102-20130201]\n\t[USAGOV 20130201-20170120]\n",
            "",
        );
        assert!(check(&dict, Codebook::builtin()).is_empty());
    }

    #[test]
    fn stats_count_entries_and_codes() {
        let dict = load(
            "--- MEET [040] ---\nMEET {MEETS MET MEETING}\n- * (WITH +) [042:043]\n",
            "RUSSIA_ [RUS]\n+MOSCOW_\nSERGEI_LAVROV_ [RUSELI]\n\t[RUSGOV 20040309-20991231]\n",
            "MINISTER [~GOV]\n",
        );
        let s = stats(&dict, Codebook::builtin());
        assert_eq!(
            (s.actors, s.actor_phrases, s.dated_actors, s.countries),
            (2, 3, 1, 1)
        );
        assert_eq!((s.verb_blocks, s.verbs, s.patterns), (1, 1, 1));
        assert_eq!(s.cameo_codes_reached, 3);
        assert!(s.cameo_codes > 280);
    }
}

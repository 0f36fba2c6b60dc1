//! `ask`: a question about two actors in plain English, answered from the store.
//!
//! 1. [`understand`] finds the two actors (names, demonyms, leaders, capitals or codes, by
//!    the knowledge base's actor dictionary: "the US", "Russia", "Putin", "Moscow", `USA`)
//!    and an optional topic: a third actor ("over Syria") or the words after `over`,
//!    `about`, `on` or `regarding` ("over sanctions"). Words it cannot place are reported
//!    with the closest actor names the knowledge base knows.
//! 2. [`answer`] takes the dyad's events in both directions from documents that mention the
//!    topic, groups them by month, finds the turning point (the month that best splits the
//!    series into two periods of different mean Goldstein score), compares the recent period
//!    with the earlier one, and picks the strongest evidence: the most cooperative and the
//!    most conflictual events, with their sentences and documents, and the two sides' quotes.
//!
//! Every number in the answer comes from the events it lists or counts; nothing is invented
//! when there is too little to say, the answer says so.

use crate::query::{EventFilter, StoredEvent, StoredQuote};
use crate::{Result, Store};
use detente_dict::Dictionaries;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One side of the question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party {
    /// The code prefix events are matched by (`USA`, `RUS`, `IGOUNO`).
    pub code: String,
    /// The words that named it in the question ("the US").
    pub name: String,
}

/// What the question is about, besides the two sides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Topic {
    /// As the question says it ("Syria", "sanctions").
    pub name: String,
    /// Words of which documents must contain one (case-sensitive): the topic's own word and,
    /// for an actor, its names and adjectives ("Syria", "Syrian", "Damascus", "Assad").
    pub words: Vec<String>,
}

/// A question understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    /// The question as asked.
    pub text: String,
    /// The first side.
    pub a: Party,
    /// The second side.
    pub b: Party,
    /// The topic, if any.
    pub topic: Option<Topic>,
}

/// Why a question could not be understood, with suggestions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotUnderstood {
    /// What is missing.
    pub message: String,
    /// Actor names the knowledge base knows that are close to the words it could not place.
    pub suggestions: Vec<String>,
}

impl std::fmt::Display for NotUnderstood {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)?;
        if !self.suggestions.is_empty() {
            write!(f, " Did you mean: {}?", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

/// Small words that start no actor name worth reporting as unknown.
const FUNCTION_WORDS: [&str; 24] = [
    "ARE",
    "IS",
    "THE",
    "AND",
    "DO",
    "DOES",
    "HOW",
    "WHAT",
    "WHY",
    "HAVE",
    "HAS",
    "WILL",
    "WHEN",
    "OVER",
    "ABOUT",
    "ON",
    "BETWEEN",
    "OF",
    "IN",
    "WITH",
    "THEIR",
    "THEY",
    "REGARDING",
    "CAN",
];

/// Finds the two actors and the topic of `text` with the actor dictionary of `dict`, whose
/// dated codes are read on `date` (`YYYYMMDD`; a leader is matched to their country).
pub fn understand(
    text: &str,
    dict: &Dictionaries,
    date: u32,
) -> std::result::Result<Question, NotUnderstood> {
    let raw = detente_text::tokenize(text);
    let written: Vec<&str> = raw.iter().map(|t| t.text(text)).collect();
    let words: Vec<String> = written.iter().map(|w| dict_word(w)).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    // Actors in order of appearance, one per distinct code.
    let mut found: Vec<(Party, usize, usize, u32)> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut i = 0;
    while i < refs.len() {
        if let Some(m) = dict.match_actor(&refs, i) {
            let len = m.len.max(1);
            let codes = dict.actors[m.id as usize].codes_on(date);
            if let Some(code) = codes
                .iter()
                .find(|c| !c.starts_with("---") && !c.is_empty())
            {
                let code = party_code(code);
                let name = written[i..i + len].join(" ");
                if !found.iter().any(|(p, ..)| p.code == code) {
                    found.push((Party { code, name }, i, i + len, m.id));
                }
            }
            i += len;
            continue;
        }
        let w = written[i];
        let capitalised = w.chars().next().is_some_and(char::is_uppercase) && i > 0;
        let code_like = w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase());
        if code_like && is_country_code(dict, w, date) {
            // A country code typed as such: `USA`, `RUS`.
            if !found.iter().any(|(p, ..)| p.code == w) {
                let party = Party {
                    code: w.to_string(),
                    name: w.to_string(),
                };
                found.push((party, i, i + 1, u32::MAX));
            }
        } else if capitalised && !FUNCTION_WORDS.contains(&refs[i]) {
            unknown.push(w.to_string());
        }
        i += 1;
    }
    if found.len() < 2 {
        let message = match found.first() {
            Some((p, ..)) => format!(
                "Only one actor found in the question ({} = {}); ask about two, as in \"Are the US and Russia bridging their divide over Syria?\".",
                p.name, p.code
            ),
            None => "No actor found in the question; name two countries, organisations or leaders, as in \"Are the US and Russia bridging their divide over Syria?\".".to_string(),
        };
        return Err(NotUnderstood {
            message,
            suggestions: suggest(dict, &unknown),
        });
    }
    let (a, _, a_end, _) = found[0].clone();
    let (b, _, b_end, _) = found[1].clone();
    let topic = if let Some((party, _, _, id)) = found.get(2) {
        Some(Topic {
            name: party.name.clone(),
            words: topic_words(dict, *id, &party.name),
        })
    } else {
        // "over sanctions", "about the chemical weapons": the words after the cue.
        let after = a_end.max(b_end);
        refs.iter()
            .enumerate()
            .skip(after)
            .find(|(_, w)| matches!(**w, "OVER" | "ABOUT" | "ON" | "REGARDING" | "CONCERNING"))
            .and_then(|(mut k, _)| {
                // "get on over sanctions": the last of the cue words that follow each other.
                while refs.get(k + 1).is_some_and(|w| {
                    matches!(*w, "OVER" | "ABOUT" | "ON" | "REGARDING" | "CONCERNING")
                }) {
                    k += 1;
                }
                let rest: Vec<&str> = written[k + 1..]
                    .iter()
                    .copied()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .filter(|w| !matches!(w.to_ascii_lowercase().as_str(), "the" | "a" | "an"))
                    .collect();
                (!rest.is_empty()).then(|| Topic {
                    name: rest.join(" "),
                    words: vec![rest.join(" ")],
                })
            })
    };
    Ok(Question {
        text: text.to_string(),
        a,
        b,
        topic,
    })
}

/// The dictionary form of a question word: upper case, `US` as the country.
fn dict_word(word: &str) -> String {
    if word == "US" {
        return "U.S.".to_string();
    }
    word.to_uppercase()
}

/// The code an answer matches events by: the country (`USA` of `USAGOV`), or for an
/// international or non-state actor its first six letters (`IGOUNO`).
fn party_code(code: &str) -> String {
    let head = code.get(..3).unwrap_or(code);
    if matches!(head, "IGO" | "NGO" | "NGM" | "MNC" | "IMG") {
        code.get(..6).unwrap_or(code).to_string()
    } else {
        head.to_string()
    }
}

/// Whether some actor of the dictionary has `code` as its code's first three letters.
fn is_country_code(dict: &Dictionaries, code: &str, date: u32) -> bool {
    dict.actors
        .iter()
        .any(|a| a.codes_on(date).iter().any(|c| c.as_ref() == code))
}

/// Names by which documents about an actor name it: every phrase of every actor whose code
/// starts with the same country code, as written in title case, plus the question's word.
fn topic_words(dict: &Dictionaries, id: u32, asked: &str) -> Vec<String> {
    let mut words = vec![asked.to_string()];
    let Some(actor) = dict.actors.get(id as usize) else {
        return words;
    };
    let Some(code) = actor.codes.iter().flat_map(|(_, c)| c.iter()).next() else {
        return words;
    };
    let country = code.get(..3).unwrap_or(code);
    for other in &dict.actors {
        let same = other
            .codes
            .iter()
            .flat_map(|(_, c)| c.iter())
            .any(|c| c.starts_with(country));
        if !same {
            continue;
        }
        for phrase in &other.phrases {
            let name: Vec<String> = phrase.words.iter().map(|w| title_case(&w.text)).collect();
            let name = name.join(" ");
            // Short names ("US") and generic ones would match too much.
            if name.len() >= 4 && !words.contains(&name) {
                words.push(name);
            }
        }
    }
    words
}

fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Up to five actor names close to the words the question did not place (edit distance).
fn suggest(dict: &Dictionaries, unknown: &[String]) -> Vec<String> {
    let mut scored: Vec<(usize, String)> = Vec::new();
    for word in unknown {
        let upper = word.to_uppercase();
        for actor in &dict.actors {
            for phrase in &actor.phrases {
                let Some(first) = phrase.words.first() else {
                    continue;
                };
                let d = distance(&upper, &first.text);
                if d <= 2.max(upper.len() / 4) {
                    let name: Vec<String> =
                        phrase.words.iter().map(|w| title_case(&w.text)).collect();
                    scored.push((d, name.join(" ")));
                }
            }
        }
    }
    scored.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !out.contains(&name) {
            out.push(name);
        }
        if out.len() == 5 {
            break;
        }
    }
    out
}

/// Levenshtein distance of two short strings.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// Counts over a set of events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Events counted.
    pub events: usize,
    /// Mean Goldstein score (−10 conflict … +10 cooperation).
    pub goldstein: f64,
    /// Net cooperation: (cooperative − conflictual) / all, by QuadClass (1–2 against 3–4).
    pub net_cooperation: f64,
    /// Events of QuadClass 1 to 4 (verbal and material cooperation, verbal and material
    /// conflict).
    pub quad: [usize; 4],
    /// First and last day, `YYYYMMDD`.
    pub from: u32,
    /// Last day.
    pub to: u32,
}

impl Stats {
    fn of<'a>(events: impl IntoIterator<Item = &'a StoredEvent>) -> Stats {
        let mut s = Stats {
            from: u32::MAX,
            ..Stats::default()
        };
        let (mut sum, mut scored, mut coop, mut classed) = (0.0, 0usize, 0i64, 0usize);
        for e in events {
            s.events += 1;
            s.from = s.from.min(e.date);
            s.to = s.to.max(e.date);
            if let Some(g) = e.goldstein {
                sum += g;
                scored += 1;
            }
            if let Some(q) = e.quad_class {
                if let Some(n) = s.quad.get_mut(usize::from(q).wrapping_sub(1)) {
                    *n += 1;
                }
                classed += 1;
                coop += if q <= 2 { 1 } else { -1 };
            }
        }
        if s.events == 0 {
            s.from = 0;
        }
        s.goldstein = if scored == 0 {
            0.0
        } else {
            sum / scored as f64
        };
        s.net_cooperation = if classed == 0 {
            0.0
        } else {
            coop as f64 / classed as f64
        };
        s
    }
}

/// One month of the dyad's relations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    /// Both directions together.
    pub both: Stats,
}

/// Where the relation changed most.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TurningPoint {
    /// The first month of the second period, `YYYY-MM`.
    pub month: String,
    /// Before it.
    pub before: Stats,
    /// From it on.
    pub after: Stats,
}

/// How the recent period compares with the earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// Clearly more cooperative recently.
    Closer,
    /// Clearly less cooperative recently.
    FurtherApart,
    /// No clear change.
    Unchanged,
    /// Too few events to tell.
    TooFew,
}

/// The answer to a question.
#[derive(Clone, Debug, Serialize)]
pub struct Answer {
    /// The question understood.
    pub question: Question,
    /// Whether the topic had to be dropped because no document about it had events of the
    /// dyad.
    pub topic_dropped: bool,
    /// All the dyad's events counted.
    pub all: Stats,
    /// Documents they come from.
    pub documents: usize,
    /// Month by month.
    pub months: Vec<Month>,
    /// The earlier period (before the recent one).
    pub earlier: Stats,
    /// The recent period: the last six months of events (or the last third of them when those
    /// months hold fewer than five).
    pub recent: Stats,
    /// The turning point, when the series has one.
    pub turning_point: Option<TurningPoint>,
    /// The verdict.
    pub verdict: Verdict,
    /// The strongest evidence: most cooperative and most conflictual events.
    pub evidence: Vec<StoredEvent>,
    /// What the two sides said, from the evidence's documents.
    pub quotes: Vec<StoredQuote>,
}

/// Answers a question from the store.
pub fn answer(store: &Store, question: &Question) -> Result<Answer> {
    let mut filter = EventFilter {
        dyad: Some((question.a.code.clone(), question.b.code.clone())),
        topic: question
            .topic
            .as_ref()
            .map(|t| t.words.clone())
            .unwrap_or_default(),
        ..EventFilter::default()
    };
    let mut events = store.events(&filter)?;
    let mut topic_dropped = false;
    if events.is_empty() && question.topic.is_some() {
        filter.topic.clear();
        events = store.events(&filter)?;
        topic_dropped = true;
    }
    let all = Stats::of(&events);
    let documents = {
        let mut ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let mut by_month: BTreeMap<String, Vec<&StoredEvent>> = BTreeMap::new();
    for e in &events {
        by_month.entry(month_of(e.date)).or_default().push(e);
    }
    let months: Vec<Month> = by_month
        .iter()
        .map(|(m, es)| Month {
            month: m.clone(),
            both: Stats::of(es.iter().copied()),
        })
        .collect();
    let (earlier, recent) = split_recent(&events);
    let turning_point = turning_point(&by_month);
    let verdict = if earlier.events < 3 || recent.events < 3 {
        Verdict::TooFew
    } else {
        let delta = recent.goldstein - earlier.goldstein;
        let net = recent.net_cooperation - earlier.net_cooperation;
        if delta >= 0.75 && net >= 0.0 {
            Verdict::Closer
        } else if delta <= -0.75 && net <= 0.0 {
            Verdict::FurtherApart
        } else {
            Verdict::Unchanged
        }
    };
    let evidence = strongest(&events);
    let ids: Vec<String> = {
        let mut ids: Vec<String> = evidence.iter().map(|e| e.id.clone()).collect();
        ids.dedup();
        ids
    };
    let speakers = [question.a.code.clone(), question.b.code.clone()];
    let mut quotes = store.quotes(&ids, &speakers)?;
    quotes.truncate(4);
    Ok(Answer {
        question: question.clone(),
        topic_dropped,
        all,
        documents,
        months,
        earlier,
        recent,
        turning_point,
        verdict,
        evidence,
        quotes,
    })
}

fn month_of(date: u32) -> String {
    format!("{:04}-{:02}", date / 10000, date / 100 % 100)
}

fn day(date: u32) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date / 10000,
        date / 100 % 100,
        date % 100
    )
}

/// The earlier and the recent period: the last six months before the latest event, or the
/// last third of the events when those months hold fewer than five.
fn split_recent(events: &[StoredEvent]) -> (Stats, Stats) {
    let Some(last) = events.iter().map(|e| e.date).max() else {
        return (Stats::default(), Stats::default());
    };
    let (y, m) = (last / 10000, last / 100 % 100);
    let (y0, m0) = if m > 6 { (y, m - 6) } else { (y - 1, m + 6) };
    let cut = y0 * 10000 + m0 * 100 + last % 100;
    let recent_count = events.iter().filter(|e| e.date > cut).count();
    let cut = if recent_count >= 5 {
        cut
    } else {
        let mut dates: Vec<u32> = events.iter().map(|e| e.date).collect();
        dates.sort_unstable();
        dates[dates.len() - dates.len().div_ceil(3)].saturating_sub(1)
    };
    let earlier = Stats::of(events.iter().filter(|e| e.date <= cut));
    let recent = Stats::of(events.iter().filter(|e| e.date > cut));
    (earlier, recent)
}

/// The month that best splits the series: the largest change of mean Goldstein score,
/// weighted by how evenly the events fall on the two sides, with at least five events on
/// each side.
fn turning_point(by_month: &BTreeMap<String, Vec<&StoredEvent>>) -> Option<TurningPoint> {
    let months: Vec<(&String, &Vec<&StoredEvent>)> = by_month.iter().collect();
    let mut best: Option<(f64, TurningPoint)> = None;
    for k in 1..months.len() {
        let before = Stats::of(months[..k].iter().flat_map(|(_, es)| es.iter().copied()));
        let after = Stats::of(months[k..].iter().flat_map(|(_, es)| es.iter().copied()));
        if before.events < 5 || after.events < 5 {
            continue;
        }
        let n = (before.events + after.events) as f64;
        let balance = (before.events.min(after.events) as f64 / n).sqrt();
        let score = (after.goldstein - before.goldstein).abs() * balance;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((
                score,
                TurningPoint {
                    month: months[k].0.clone(),
                    before,
                    after,
                },
            ));
        }
    }
    best.map(|(_, t)| t)
}

/// The three most cooperative and the three most conflictual events (Goldstein score
/// weighted by mentions), recent first within each group.
fn strongest(events: &[StoredEvent]) -> Vec<StoredEvent> {
    let weight = |e: &StoredEvent| e.goldstein.unwrap_or(0.0) * f64::from(e.mentions.max(1));
    let mut cooperative: Vec<&StoredEvent> = events
        .iter()
        .filter(|e| e.quad_class.is_some_and(|q| q <= 2))
        .collect();
    cooperative.sort_by(|x, y| weight(y).total_cmp(&weight(x)).then(y.date.cmp(&x.date)));
    let mut conflictual: Vec<&StoredEvent> = events
        .iter()
        .filter(|e| e.quad_class.is_some_and(|q| q >= 3))
        .collect();
    conflictual.sort_by(|x, y| weight(x).total_cmp(&weight(y)).then(y.date.cmp(&x.date)));
    let mut out: Vec<StoredEvent> = Vec::new();
    for e in cooperative.iter().take(3).chain(conflictual.iter().take(3)) {
        let duplicate = out
            .iter()
            .any(|o| o.id == e.id && o.sentence == e.sentence && o.cameo == e.cameo);
        if !duplicate {
            out.push((*e).clone());
        }
    }
    out
}

impl Answer {
    /// The answer in a few sentences, with its numbers, the month-by-month trend and the
    /// evidence.
    pub fn render(&self) -> String {
        let q = &self.question;
        let mut out = String::new();
        let about = match (&q.topic, self.topic_dropped) {
            (Some(t), false) => format!(" in documents about {}", t.name),
            (Some(t), true) => format!(
                " (no document about {} has events between them, so all their events are counted)",
                t.name
            ),
            (None, _) => String::new(),
        };
        let _ = writeln!(out, "{}", q.text);
        let _ = writeln!(
            out,
            "Reading {} as {} and {} as {}{}.",
            q.a.name, q.a.code, q.b.name, q.b.code, about
        );
        if self.all.events == 0 {
            let _ = writeln!(
                out,
                "No events between {} and {} are stored: ingest articles about them first (detente ingest).",
                q.a.code, q.b.code
            );
            return out;
        }
        let verdict = match self.verdict {
            Verdict::Closer => {
                "Yes: recently their relations have been more cooperative than before."
            }
            Verdict::FurtherApart => {
                "No: recently their relations have been less cooperative than before."
            }
            Verdict::Unchanged => {
                "Not clearly: the recent period is about as cooperative as the earlier one."
            }
            Verdict::TooFew => "Too few events to compare the recent period with the earlier one.",
        };
        let _ = writeln!(out, "\n{verdict}");
        let _ = writeln!(
            out,
            "- {} events between them in {} documents, {} to {}: mean Goldstein {:+.2}, net cooperation {:+.2}.",
            self.all.events,
            self.documents,
            day(self.all.from),
            day(self.all.to),
            self.all.goldstein,
            self.all.net_cooperation
        );
        if self.earlier.events > 0 && self.recent.events > 0 {
            let _ = writeln!(
                out,
                "- Earlier ({} to {}, {} events): mean Goldstein {:+.2}, net cooperation {:+.2}. Recent ({} to {}, {} events): {:+.2}, {:+.2}.",
                day(self.earlier.from),
                day(self.earlier.to),
                self.earlier.events,
                self.earlier.goldstein,
                self.earlier.net_cooperation,
                day(self.recent.from),
                day(self.recent.to),
                self.recent.events,
                self.recent.goldstein,
                self.recent.net_cooperation
            );
        }
        if let Some(t) = &self.turning_point {
            let way = if t.after.goldstein > t.before.goldstein {
                "more cooperative"
            } else {
                "less cooperative"
            };
            let _ = writeln!(
                out,
                "- Turning point: {}. Relations became {way}: mean Goldstein {:+.2} over {} events before, {:+.2} over {} events from then on.",
                t.month, t.before.goldstein, t.before.events, t.after.goldstein, t.after.events
            );
        }
        if let Some(peak) = self
            .months
            .iter()
            .filter(|m| m.both.events >= 3)
            .max_by(|x, y| x.both.goldstein.total_cmp(&y.both.goldstein))
        {
            let _ = writeln!(
                out,
                "- Most cooperative month: {} ({} events, mean Goldstein {:+.2}).",
                peak.month, peak.both.events, peak.both.goldstein
            );
        }
        let _ = writeln!(out, "\nBy month (both directions):");
        for m in &self.months {
            let bar = "#".repeat(m.both.events.min(40));
            let _ = writeln!(
                out,
                "  {}  {:>3} events  Goldstein {:+5.2}  net {:+.2}  {}",
                m.month, m.both.events, m.both.goldstein, m.both.net_cooperation, bar
            );
        }
        let _ = writeln!(out, "\nStrongest evidence:");
        for e in &self.evidence {
            let _ = writeln!(
                out,
                "  {}  {} -> {}  {} ({}, Goldstein {:+.1}{})  [{} #{}]\n      \"{}\"",
                day(e.date),
                e.source,
                e.target,
                e.cameo,
                e.plover.as_deref().unwrap_or("-"),
                e.goldstein.unwrap_or(0.0),
                if e.mentions > 1 {
                    format!(", told {} times", e.mentions)
                } else {
                    String::new()
                },
                e.id,
                e.sentence,
                e.text
            );
        }
        if !self.quotes.is_empty() {
            let _ = writeln!(out, "\nWhat they said:");
            for quote in &self.quotes {
                let _ = writeln!(
                    out,
                    "  {}  {} ({}): \"{}\"  [{}]",
                    day(quote.date),
                    quote.speaker,
                    quote.speaker_code.as_deref().unwrap_or("-"),
                    quote.text,
                    quote.id
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("RUSIA", "RUSSIA"), 1);
        assert_eq!(distance("", "ABC"), 3);
        assert_eq!(distance("SYRIA", "SYRIA"), 0);
    }

    #[test]
    fn party_codes() {
        assert_eq!(party_code("USAGOV"), "USA");
        assert_eq!(party_code("IGOUNOKOF"), "IGOUNO");
        assert_eq!(party_code("RUS"), "RUS");
    }

    fn event(date: u32, goldstein: f64, quad: u8) -> StoredEvent {
        StoredEvent {
            id: format!("d{date}"),
            sentence: 0,
            date,
            date_precision: "document".into(),
            source: "USA".into(),
            target: "RUS".into(),
            source_name: None,
            target_name: None,
            cameo: "040".into(),
            plover: None,
            goldstein: Some(goldstein),
            quad_class: Some(quad),
            place: None,
            tone: None,
            mentions: 1,
            spans: Default::default(),
            text: String::new(),
            url: None,
            provenance: None,
        }
    }

    #[test]
    fn turning_point_and_recent_period() {
        // Six months of conflict, then six of cooperation.
        let mut events = Vec::new();
        for m in 1..=6 {
            events.push(event(20130000 + m * 100 + 1, -5.0, 4));
        }
        for m in 7..=12 {
            events.push(event(20130000 + m * 100 + 1, 4.0, 1));
            events.push(event(20130000 + m * 100 + 2, 3.0, 1));
        }
        let mut by_month: BTreeMap<String, Vec<&StoredEvent>> = BTreeMap::new();
        for e in &events {
            by_month.entry(month_of(e.date)).or_default().push(e);
        }
        let t = turning_point(&by_month).expect("a turning point");
        assert_eq!(t.month, "2013-07");
        assert!(t.before.goldstein < 0.0 && t.after.goldstein > 0.0);
        let (earlier, recent) = split_recent(&events);
        assert!(recent.goldstein > earlier.goldstein);
        assert_eq!(earlier.events + recent.events, events.len());
    }
}

#[cfg(test)]
mod understanding {
    use super::*;

    fn kb() -> &'static Dictionaries {
        detente_dict::builtin::shared()
    }

    #[test]
    fn two_actors_and_a_topic_actor() {
        let q = understand(
            "Are the US and Russia bridging their divide over Syria?",
            kb(),
            20130601,
        )
        .expect("understood");
        assert_eq!((q.a.code.as_str(), q.b.code.as_str()), ("USA", "RUS"));
        let topic = q.topic.expect("a topic");
        assert_eq!(topic.name, "Syria");
        for word in ["Syria", "Syrian", "Damascus"] {
            assert!(
                topic.words.iter().any(|w| w == word),
                "{word}: {:?}",
                topic.words
            );
        }
    }

    #[test]
    fn leaders_capitals_and_word_topics() {
        let q = understand(
            "How do Putin and Obama get on over sanctions?",
            kb(),
            20140601,
        )
        .expect("understood");
        assert_eq!((q.a.code.as_str(), q.b.code.as_str()), ("RUS", "USA"));
        assert_eq!(q.topic.map(|t| t.name).as_deref(), Some("sanctions"));
        let q = understand("Are Beijing and Tokyo closer?", kb(), 20140601).expect("understood");
        assert_eq!((q.a.code.as_str(), q.b.code.as_str()), ("CHN", "JPN"));
        assert!(q.topic.is_none());
        let q = understand("Relations between USA and RUS", kb(), 20140601).expect("codes");
        assert_eq!((q.a.code.as_str(), q.b.code.as_str()), ("USA", "RUS"));
    }

    #[test]
    fn unknown_actors_get_suggestions() {
        let e = understand("Are the US and Rusia friends?", kb(), 20140601).unwrap_err();
        assert!(e.message.contains("Only one actor"), "{e}");
        assert!(e.suggestions.iter().any(|s| s == "Russia"), "{e}");
        let e = understand("Is it raining?", kb(), 20140601).unwrap_err();
        assert!(e.message.contains("No actor"), "{e}");
    }
}

//! Coding noun phrases as actors: dictionary actors combined with agents (`RUS` + `GOV` →
//! `RUSGOV`), date restrictions, possessives, `of` phrases ("the ambassadors of Arnor"),
//! coordination ("Fornost and Gondor legislators") and anonymous agents (`---GOV` for "a
//! senior official").

use crate::sentence::Prepared;
use detente_dict::model::{AgentPlacement, Date};
use detente_dict::Dictionaries;
use detente_text::{Child, Label, NodeId, Tag};

/// The code used for an actor that has an agent but no dictionary actor ("an official").
pub const ANONYMOUS: &str = "---";

/// One actor found in a noun phrase, with the dictionary entries that made its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodedActor {
    /// The full code, e.g. `USAGOV`, `NGOARN`, `---GOV`.
    pub code: String,
    /// The actor entry (index into `Dictionaries::actors`), if a dictionary actor was found.
    pub actor: Option<u32>,
    /// The agent entries applied, in order.
    pub agents: Vec<u32>,
    /// First token of the words that named the actor.
    pub start: u32,
    /// One past the last token of those words.
    pub end: u32,
}

impl CodedActor {
    /// Whether the actor has a dictionary actor (not only an anonymous agent).
    pub fn is_named(&self) -> bool {
        self.actor.is_some()
    }
}

/// A dictionary match inside a run of tokens.
#[derive(Clone, Copy, Debug)]
struct Found {
    id: u32,
    start: usize,
    end: usize,
}

/// Codes noun phrases of one sentence on one date.
pub struct ActorCoder<'s, 'a> {
    dict: &'s Dictionaries,
    sentence: &'s Prepared<'a>,
    words: Vec<&'s str>,
    date: Date,
}

impl<'s, 'a> ActorCoder<'s, 'a> {
    /// An actor coder for `sentence` on `date`.
    pub fn new(dict: &'s Dictionaries, sentence: &'s Prepared<'a>, date: Date) -> Self {
        ActorCoder {
            dict,
            sentence,
            words: sentence.words(),
            date,
        }
    }

    /// The actors named by the noun phrase `np`; empty when it names none. Coordinated
    /// phrases give one actor per member.
    pub fn code_noun_phrase(&self, np: NodeId) -> Vec<CodedActor> {
        let a = self.sentence.analysis;
        if let Some(segments) = self.conjuncts(np) {
            let mut coded: Vec<Vec<CodedActor>> = Vec::new();
            let mut agent_only: Vec<Vec<u32>> = Vec::new();
            for segment in &segments {
                let (actors, agents) = self.scan_segment(segment);
                agent_only.push(if actors.is_empty() {
                    agents.clone()
                } else {
                    Vec::new()
                });
                coded.push(self.combine(&actors, &agents, segment));
            }
            // Agents written once for several members ("Fornost and Gondor legislators"):
            // the last member's agents also qualify earlier members that have none.
            let last_agents = segments
                .last()
                .map(|s| self.scan_segment(s).1)
                .unwrap_or_default();
            let mut out = Vec::new();
            for (i, members) in coded.into_iter().enumerate() {
                for mut actor in members {
                    if actor.agents.is_empty() && i + 1 < segments.len() && actor.is_named() {
                        for &agent in &last_agents {
                            self.apply_agent(&mut actor, agent);
                        }
                    }
                    out.push(actor);
                }
            }
            let named = out.iter().any(CodedActor::is_named);
            if named {
                out.retain(CodedActor::is_named);
            }
            dedup(&mut out);
            return out;
        }

        let own = self.own_tokens(np);
        let (actors, agents) = self.scan_segment(&own);
        if actors.is_empty() && !agents.is_empty() {
            // "the ambassadors of Arnor, Osgiliath and Gondor": the agent qualifies the
            // actors of the `of` phrase.
            if let Some(inner) = self.of_phrase(np) {
                let mut members = self.code_noun_phrase(inner);
                if members.iter().any(CodedActor::is_named) {
                    members.retain(CodedActor::is_named);
                    for member in &mut members {
                        for &agent in &agents {
                            self.apply_agent(member, agent);
                        }
                    }
                    return members;
                }
            }
        }
        let mut out = self.combine(&actors, &agents, &own);
        dedup(&mut out);
        let _ = a;
        out
    }

    /// The codes of the first coded noun phrase among `nodes` (preorder), skipping the
    /// insides of a phrase once it is coded.
    pub fn first_coded(
        &self,
        nodes: impl Iterator<Item = NodeId>,
    ) -> Option<(NodeId, Vec<CodedActor>)> {
        for np in nodes {
            let coded = self.code_noun_phrase(np);
            if !coded.is_empty() {
                return Some((np, coded));
            }
        }
        None
    }

    /// Tokens that name the phrase itself: its direct words and those of pre-head
    /// sub-phrases (possessives, adjectives, nested noun groups), but not its prepositional
    /// phrases, clauses, parentheticals or appositions.
    pub fn own_tokens(&self, np: NodeId) -> Vec<u32> {
        let a = self.sentence.analysis;
        let mut out = Vec::new();
        let mut seen_head_noun = false;
        for child in &a.node(np).children {
            match *child {
                Child::Token(t) => {
                    let tag = a.token(t).tag;
                    if tag == Tag::Comma && seen_head_noun {
                        break;
                    }
                    if tag.is_noun() {
                        seen_head_noun = true;
                    }
                    out.push(t);
                }
                Child::Node(n) => {
                    let node = a.node(n);
                    match node.label {
                        Label::NP | Label::NX | Label::NAC | Label::ADJP | Label::QP => {
                            if node.label == Label::NP && seen_head_noun {
                                // An apposition or a second noun group after the head.
                                break;
                            }
                            out.extend(node.start..node.end);
                            if node.label == Label::NP && !ends_with_possessive(a, n) {
                                seen_head_noun = true;
                            }
                        }
                        _ => {
                            if matches!(
                                node.label,
                                Label::PP
                                    | Label::SBAR
                                    | Label::VP
                                    | Label::S
                                    | Label::PRN
                                    | Label::RRC
                            ) {
                                break;
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// Splits a coordinated phrase into its members (token lists); `None` when the phrase is
    /// not coordinated.
    fn conjuncts(&self, np: NodeId) -> Option<Vec<Vec<u32>>> {
        let a = self.sentence.analysis;
        let node = a.node(np);
        let has_conjunction = node.children.iter().any(|c| match *c {
            Child::Token(t) => a.token(t).tag == Tag::CC,
            Child::Node(n) => a.node(n).label == Label::CONJP,
        });
        if !has_conjunction {
            return None;
        }
        let mut segments: Vec<Vec<u32>> = vec![Vec::new()];
        for child in &node.children {
            match *child {
                Child::Token(t) => {
                    let tag = a.token(t).tag;
                    if tag == Tag::CC || tag == Tag::Comma || tag == Tag::Colon {
                        if !segments.last().is_some_and(Vec::is_empty) {
                            segments.push(Vec::new());
                        }
                    } else if tag != Tag::DT || !segments.last().is_some_and(Vec::is_empty) {
                        segments.last_mut().expect("non-empty").push(t);
                    }
                }
                Child::Node(n) => {
                    let sub = a.node(n);
                    match sub.label {
                        Label::CONJP => {
                            if !segments.last().is_some_and(Vec::is_empty) {
                                segments.push(Vec::new());
                            }
                        }
                        Label::NP | Label::NX | Label::ADJP | Label::NAC | Label::QP => {
                            let inner = self.own_tokens_or_all(n);
                            segments.last_mut().expect("non-empty").extend(inner);
                        }
                        _ => {}
                    }
                }
            }
        }
        segments.retain(|s| !s.is_empty());
        if segments.len() < 2 {
            return None;
        }
        Some(segments)
    }

    fn own_tokens_or_all(&self, np: NodeId) -> Vec<u32> {
        let a = self.sentence.analysis;
        if a.node(np).label == Label::NP {
            self.own_tokens(np)
        } else {
            let node = a.node(np);
            (node.start..node.end).collect()
        }
    }

    /// The noun phrase inside an `of` prepositional phrase of `np`, if any.
    fn of_phrase(&self, np: NodeId) -> Option<NodeId> {
        let a = self.sentence.analysis;
        let node = a.node(np);
        let pp = node.children.iter().find_map(|c| match *c {
            Child::Node(n) if a.node(n).label == Label::PP => Some(n),
            _ => None,
        })?;
        let pp_node = a.node(pp);
        let prep = pp_node.children.iter().find_map(|c| match *c {
            Child::Token(t) => Some(t),
            Child::Node(_) => None,
        })?;
        if self.words[prep as usize] != "OF" {
            return None;
        }
        a.child_nodes(pp).find(|&n| a.node(n).label == Label::NP)
    }

    /// Actors and agents found in a run of tokens (which may have gaps: the run is matched
    /// piecewise over its contiguous stretches).
    fn scan_segment(&self, tokens: &[u32]) -> (Vec<Found>, Vec<u32>) {
        let mut actors = Vec::new();
        let mut agents = Vec::new();
        for (start, end) in stretches(tokens) {
            let mut i = start;
            while i < end {
                if self.sentence.tag(i) == Tag::POS {
                    i += 1;
                    continue;
                }
                let window = &self.words[..end];
                let actor = self.dict.match_actor(window, i);
                let agent = self.dict.match_agent(window, i);
                match (actor, agent) {
                    (Some(ac), Some(ag)) if ag.len > ac.len => {
                        agents.push(ag.id);
                        i += ag.len;
                    }
                    (Some(ac), _) => {
                        actors.push(Found {
                            id: ac.id,
                            start: i,
                            end: i + ac.len,
                        });
                        i += ac.len;
                    }
                    (None, Some(ag)) => {
                        agents.push(ag.id);
                        i += ag.len;
                    }
                    (None, None) => i += 1,
                }
            }
        }
        (actors, agents)
    }

    /// Codes for the actors of one segment with its agents applied.
    fn combine(&self, actors: &[Found], agents: &[u32], tokens: &[u32]) -> Vec<CodedActor> {
        let (start, end) = span(tokens);
        let mut out = Vec::new();
        // Several dictionary actors in one uncoordinated phrase ("Calenardhon leader
        // Calimehtar") name one actor: the first that has a code on this date wins.
        for found in actors {
            let codes = self.dict.actors[found.id as usize].codes_on(self.date);
            let codes: Vec<&str> = codes
                .iter()
                .map(|c| c.as_ref())
                .filter(|c| !is_null_code(c))
                .collect();
            if codes.is_empty() {
                continue;
            }
            for code in codes {
                let mut actor = CodedActor {
                    code: code.to_string(),
                    actor: Some(found.id),
                    agents: Vec::new(),
                    start: found.start as u32,
                    end: found.end as u32,
                };
                for &agent in agents {
                    self.apply_agent(&mut actor, agent);
                }
                actor.start = actor.start.min(start);
                actor.end = actor.end.max(end);
                out.push(actor);
            }
            return out;
        }
        if !agents.is_empty() {
            let mut actor = CodedActor {
                code: String::new(),
                actor: None,
                agents: Vec::new(),
                start,
                end,
            };
            let has_prefix = agents
                .iter()
                .any(|&g| self.dict.agents[g as usize].placement == AgentPlacement::Prefix);
            if !has_prefix {
                actor.code.push_str(ANONYMOUS);
            }
            for &agent in agents {
                self.apply_agent(&mut actor, agent);
            }
            out.push(actor);
        }
        out
    }

    /// Adds an agent's code to an actor's code, unless the code already carries it.
    fn apply_agent(&self, actor: &mut CodedActor, agent: u32) {
        let entry = &self.dict.agents[agent as usize];
        let code: &str = &entry.code;
        if code.is_empty() {
            return;
        }
        match entry.placement {
            AgentPlacement::Suffix => {
                if !carries_suffix(&actor.code, code) {
                    actor.code.push_str(code);
                }
            }
            AgentPlacement::Prefix => {
                if !actor.code.starts_with(code) {
                    actor.code.insert_str(0, code);
                }
            }
        }
        if !actor.agents.contains(&agent) {
            actor.agents.push(agent);
        }
    }
}

/// Whether `code` already carries the agent code `agent` after its first three letters, on a
/// three-letter boundary (`USAGOV` carries `GOV`; `HGWGOVMED` carries `GOVMED`).
fn carries_suffix(code: &str, agent: &str) -> bool {
    if code.len() <= 3 {
        return false;
    }
    let rest = &code[3..];
    let mut i = 0;
    while i + agent.len() <= rest.len() {
        if rest.is_char_boundary(i)
            && rest.is_char_boundary(i + agent.len())
            && &rest[i..i + agent.len()] == agent
        {
            return true;
        }
        i += 3;
    }
    false
}

/// Null codes in actor dictionaries: the phrase is known but names no codable actor.
pub fn is_null_code(code: &str) -> bool {
    code.is_empty() || code.chars().all(|c| c == '-' || c == '+' || c == '#')
}

fn ends_with_possessive(a: &detente_text::Analysis, np: NodeId) -> bool {
    let node = a.node(np);
    node.end > node.start && a.token(node.end - 1).tag == Tag::POS
}

/// Contiguous stretches `(start, end)` of a sorted token list.
fn stretches(tokens: &[u32]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &t in tokens {
        let t = t as usize;
        match out.last_mut() {
            Some((_, end)) if *end == t => *end = t + 1,
            _ => out.push((t, t + 1)),
        }
    }
    out
}

fn span(tokens: &[u32]) -> (u32, u32) {
    let start = tokens.iter().copied().min().unwrap_or(0);
    let end = tokens.iter().copied().max().map_or(0, |t| t + 1);
    (start, end)
}

fn dedup(actors: &mut Vec<CodedActor>) {
    let mut seen: Vec<String> = Vec::new();
    actors.retain(|a| {
        if seen.contains(&a.code) {
            false
        } else {
            seen.push(a.code.clone());
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_redundancy() {
        assert!(carries_suffix("USAGOV", "GOV"));
        assert!(carries_suffix("HGWGOVMED", "GOVMED"));
        assert!(!carries_suffix("GOV", "GOV"));
        assert!(!carries_suffix("ARNREL", "GOV"));
    }

    #[test]
    fn stretches_split_on_gaps() {
        assert_eq!(stretches(&[1, 2, 3, 6, 7]), vec![(1, 4), (6, 8)]);
        assert!(stretches(&[]).is_empty());
    }

    #[test]
    fn null_codes() {
        assert!(is_null_code("---"));
        assert!(is_null_code("+++"));
        assert!(!is_null_code("USA"));
    }
}

//! Coding noun phrases as actors: dictionary actors combined with agents (`RUS` + `GOV` →
//! `RUSGOV`), date restrictions, possessives, `of` phrases ("the ambassadors of Arnor"),
//! coordination ("Fornost and Gondor legislators") and anonymous agents (`---GOV` for "a
//! senior official").

use crate::sentence::Prepared;
use compact_str::CompactString;
use detente_dict::model::{AgentPlacement, Date};
use detente_dict::{Dictionaries, PhraseMatch};
use detente_text::{Child, Label, NodeId, Tag};
use std::cell::RefCell;

/// The code used for an actor that has an agent but no dictionary actor ("an official").
pub const ANONYMOUS: &str = "---";

/// Head nouns of phrases that name a place: an actor word before them ("the Thai border",
/// "Syrian territory") locates the event rather than naming its target.
const PLACE_NOUNS: [&str; 28] = [
    "BORDER",
    "BORDERS",
    "FRONTIER",
    "TERRITORY",
    "TERRITORIES",
    "REGION",
    "AREA",
    "VILLAGE",
    "VILLAGES",
    "TOWN",
    "CITY",
    "PROVINCE",
    "COAST",
    "WATERS",
    "AIRSPACE",
    "SOIL",
    "BRIDGE",
    "ROAD",
    "ROADS",
    "STREET",
    "STREETS",
    "HIGHWAY",
    "SQUARE",
    "CROSSING",
    "PORT",
    "AIRPORT",
    "BASE",
    "CAMP",
];

/// One actor found in a noun phrase, with the dictionary entries that made its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodedActor {
    /// The full code, e.g. `USAGOV`, `NGOARN`, `---GOV`.
    pub code: CompactString,
    /// The actor entry (index into `Dictionaries::actors`), if a dictionary actor was found.
    pub actor: Option<u32>,
    /// The agent entries applied, in order.
    pub agents: Vec<u32>,
    /// First token of the words that named the actor.
    pub start: u32,
    /// One past the last token of those words.
    pub end: u32,
    /// When the words name no dictionary actor but the document does ("Mr. Lukyanov", "the
    /// spokeswoman", "he"): how the [`MentionResolver`] resolved them, for provenance.
    pub resolved: Option<Box<str>>,
}

/// Resolves a mention to an actor from outside the sentence: the document's people
/// (`detente-doc` registers "Russian Foreign Minister Sergey Lavrov" once and resolves later
/// surnames, titles and pronouns to him). Offsets are bytes in the document, as
/// [`Analysis::offset`](detente_text::Analysis) plus token offsets give them.
pub trait MentionResolver: Sync {
    /// The actor behind the mention at `start..end`, if the document knows it.
    fn resolve(&self, start: usize, end: usize) -> Option<ResolvedMention>;
}

/// An actor a [`MentionResolver`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedMention {
    /// The actor's code on the sentence's date (`RUSGOV`).
    pub code: CompactString,
    /// Who it is and why, for provenance ("document person: Sergey Lavrov, Foreign Minister").
    pub description: String,
}

impl CodedActor {
    /// Whether the actor has a dictionary actor (not only an anonymous agent).
    pub fn is_named(&self) -> bool {
        self.actor.is_some() || self.resolved.is_some()
    }
}

/// The agent code of a former office holder.
const FORMER: &str = "ELI";

/// What a run of words names: dictionary actors and agents, and whether it says "former".
#[derive(Clone, Debug, Default)]
struct Scan {
    actors: Vec<Found>,
    agents: Vec<u32>,
    former: bool,
}

/// Whether a token with this tag can begin an actor or agent phrase: punctuation,
/// conjunctions, prepositions, `to`, modals and the possessive never do, so the
/// dictionaries are not asked about them.
fn may_start_name(tag: Tag) -> bool {
    !(tag.is_punctuation() || matches!(tag, Tag::CC | Tag::IN | Tag::TO | Tag::MD | Tag::POS))
}

/// Conjunctions that join members of a compound (not "both", "either", "neither").
fn is_joining(word: &str) -> bool {
    matches!(word, "AND" | "OR" | "NOR" | "&" | "PLUS")
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
    /// Codes already computed, by node id: patterns ask about the same phrases many times.
    cache: RefCell<Vec<Option<Vec<CodedActor>>>>,
    /// Phrases of at most this many words that no dictionary names are coded as themselves
    /// (0: never).
    new_actor_length: usize,
    /// The longest actor and agent phrases starting at each token, looked up once.
    matches: RefCell<Vec<Option<(Option<PhraseMatch>, Option<PhraseMatch>)>>>,
    /// The document's actors, for phrases the dictionaries do not name.
    resolver: Option<&'s dyn MentionResolver>,
    /// Whether a city named after `in` or `at` is where an event happened rather than its
    /// target ([`ActorCoder::with_places`]).
    places: bool,
}

impl<'s, 'a> ActorCoder<'s, 'a> {
    /// An actor coder for `sentence` on `date`.
    pub fn new(
        dict: &'s Dictionaries,
        sentence: &'s Prepared<'a>,
        words: Vec<&'s str>,
        date: Date,
        new_actor_length: usize,
    ) -> Self {
        ActorCoder {
            dict,
            sentence,
            words,
            date,
            cache: RefCell::new(vec![None; sentence.analysis.nodes.len()]),
            new_actor_length,
            matches: RefCell::new(vec![None; sentence.len()]),
            resolver: None,
            places: false,
        }
    }

    /// Treats a city named after `in` or `at` ("a meeting in Brussels", "said in London") as
    /// the place of the event, never its target (PETRARCH coded it as the target).
    pub fn with_places(mut self, places: bool) -> Self {
        self.places = places;
        self
    }

    /// Whether `np` is a city in a locative phrase ("in Brussels", "at Geneva"), when
    /// [`ActorCoder::with_places`] is on.
    fn is_city_place(&self, np: NodeId) -> bool {
        if !self.places {
            return false;
        }
        let a = self.sentence.analysis;
        let Some(parent) = a.node(np).parent else {
            return false;
        };
        let pp = a.node(parent);
        if pp.label != Label::PP || pp.end <= pp.start {
            return false;
        }
        if !matches!(self.words[pp.start as usize], "IN" | "AT") {
            return false;
        }
        let node = a.node(np);
        let mut start = node.start as usize;
        if a.token(node.start).tag == Tag::DT {
            start += 1;
        }
        let end = node.end as usize;
        if start >= end {
            return false;
        }
        let gazetteer = detente_dict::gazetteer::Gazetteer::builtin();
        gazetteer
            .match_words(&self.words[..end], start)
            .filter(|m| start + m.len == end)
            .and_then(|m| gazetteer.place(m.place))
            .is_some_and(|p| p.kind == detente_dict::gazetteer::PlaceKind::City)
    }

    /// Also asks `resolver` about phrases that name no dictionary actor.
    pub fn with_resolver(mut self, resolver: Option<&'s dyn MentionResolver>) -> Self {
        self.resolver = resolver;
        self
    }

    /// The document's actor behind the phrase `np`, from the resolver.
    fn resolve(&self, np: NodeId) -> Option<CodedActor> {
        let resolver = self.resolver?;
        let a = self.sentence.analysis;
        let node = a.node(np);
        if node.end <= node.start {
            return None;
        }
        let first = a.token(node.start);
        let last = a.token(node.end - 1);
        let found = resolver.resolve(
            a.offset + first.start as usize,
            a.offset + last.end as usize,
        )?;
        Some(CodedActor {
            code: found.code,
            actor: None,
            agents: Vec::new(),
            start: node.start,
            end: node.end,
            resolved: Some(found.description.into()),
        })
    }

    /// The actors named by the noun phrase `np`; empty when it names none. Coordinated
    /// phrases give one actor per member.
    pub fn code_noun_phrase(&self, np: NodeId) -> Vec<CodedActor> {
        if let Some(Some(coded)) = self.cache.borrow().get(np as usize) {
            return coded.clone();
        }
        let coded = self.code_uncached(np);
        if let Some(slot) = self.cache.borrow_mut().get_mut(np as usize) {
            *slot = Some(coded.clone());
        }
        coded
    }

    fn code_uncached(&self, np: NodeId) -> Vec<CodedActor> {
        let a = self.sentence.analysis;
        // Coordination of whole phrases: (NP (NP A) (CC and) (NP the government of B)).
        let members: Vec<NodeId> = a
            .child_nodes(np)
            .filter(|&c| a.node(c).label == Label::NP)
            .collect();
        if members.len() >= 2 && self.has_conjunction(np) {
            let mut out = Vec::new();
            for member in members {
                out.extend(self.code_noun_phrase(member));
            }
            dedup(&mut out);
            return out;
        }

        let own = self.own_tokens(np);
        // "up to US $50 million": an amount of money, not the country whose currency it is.
        if own.iter().any(|&t| self.words[t as usize] == "$") {
            return Vec::new();
        }
        let mut out = self.code_words(np, &own);
        if !out.iter().any(CodedActor::is_named) {
            // "Old foes Gondor and Osgiliath": an apposition names the actor.
            if let Some(apposition) = self.apposition(np) {
                let coded = self.code_noun_phrase(apposition);
                if coded.iter().any(CodedActor::is_named) {
                    out = coded;
                }
            }
        }
        if !out.iter().any(CodedActor::is_named) {
            // "Mr. Lukyanov", "the spokeswoman", "he": the document may know who.
            if let Some(found) = self.resolve(np) {
                out = vec![found];
            }
        }
        if out.is_empty() && self.new_actor_length > 0 {
            out.extend(self.new_actor(np));
        }
        dedup(&mut out);
        out
    }

    /// PETRARCH's `new_actor_length`: a phrase no dictionary names, of at most that many
    /// words, is coded as its own words in quotes (`"THE MINISTRY OF MAGIC"`), so that
    /// frequent actors missing from the dictionaries can be found in the output.
    fn new_actor(&self, np: NodeId) -> Option<CodedActor> {
        let a = self.sentence.analysis;
        let node = a.node(np);
        let words: Vec<&str> = (node.start..node.end)
            .filter(|&t| {
                let tag = a.token(t).tag;
                tag != Tag::POS && !tag.is_punctuation()
            })
            .map(|t| self.words[t as usize])
            .collect();
        if words.is_empty() || words.len() > self.new_actor_length {
            return None;
        }
        let mut code = CompactString::const_new("\"");
        code.push_str(&words.join(" "));
        code.push('"');
        Some(CodedActor {
            code,
            actor: None,
            agents: Vec::new(),
            start: node.start,
            end: node.end,
            resolved: None,
        })
    }

    /// Codes the phrase's own words, which may be a flat coordination ("Danish media and
    /// government", "Eriadori and Calenardhon leaders").
    fn code_words(&self, np: NodeId, own: &[u32]) -> Vec<CodedActor> {
        let segments = self.split_coordination(own);
        let np_end = self.sentence.analysis.node(np).end as usize;
        let scanned: Vec<Scan> = segments
            .iter()
            .map(|segment| self.scan_segment(segment, np_end))
            .collect();
        if scanned.iter().all(|s| s.actors.is_empty()) {
            let groups: Vec<&Scan> = scanned.iter().filter(|s| !s.agents.is_empty()).collect();
            // "the ambassadors of Arnor, Osgiliath and Gondor", "soldiers from Gondor",
            // "lawmakers and officials in Fornost and Gondor": the agents qualify the actors
            // of the phrase's modifier.
            if let Some(inner) = self.modifier_phrase(np, !groups.is_empty()) {
                let mut members = self.code_noun_phrase(inner);
                members.retain(CodedActor::is_named);
                if !members.is_empty() {
                    if groups.is_empty() {
                        return members;
                    }
                    let mut out = Vec::new();
                    for group in &groups {
                        for member in &members {
                            let mut actor = member.clone();
                            for &agent in &group.agents {
                                self.apply_agent(&mut actor, agent, group.former);
                            }
                            out.push(actor);
                        }
                    }
                    return out;
                }
            }
            let mut out = Vec::new();
            for (segment, scan) in segments.iter().zip(&scanned) {
                out.extend(self.combine(&[], scan, segment));
            }
            return out;
        }
        // Agents written once for several members ("Fornost and Gondor legislators") qualify
        // the members that have none; a member with only an agent ("Danish media and
        // government") takes the actor before it.
        let shared = scanned
            .last()
            .filter(|s| !s.actors.is_empty() && !s.agents.is_empty() && scanned.len() > 1);
        let mut out = Vec::new();
        let mut previous: Option<&Scan> = None;
        for (i, (segment, scan)) in segments.iter().zip(&scanned).enumerate() {
            if scan.actors.is_empty() {
                // "Danish Islamist media and government": the member takes the actor and
                // the modifiers (all agents but the head's) of the member before it.
                let inherited = match previous {
                    Some(prev) => {
                        let keep = prev.agents.len().saturating_sub(1);
                        let mut agents = prev.agents[..keep].to_vec();
                        agents.extend(scan.agents.iter().copied());
                        Scan {
                            actors: prev.actors.clone(),
                            agents,
                            former: scan.former,
                        }
                    }
                    None => scan.clone(),
                };
                out.extend(self.combine(&inherited.actors, &inherited, segment));
                continue;
            }
            if scan.agents.is_empty() && i + 1 < scanned.len() {
                if let Some(shared) = shared {
                    let borrowed = Scan {
                        actors: scan.actors.clone(),
                        agents: shared.agents.clone(),
                        former: shared.former || scan.former,
                    };
                    out.extend(self.combine(&scan.actors, &borrowed, segment));
                    previous = Some(scan);
                    continue;
                }
            }
            out.extend(self.combine(&scan.actors, scan, segment));
            previous = Some(scan);
        }
        out
    }

    /// The actors named by a run of tokens that is not a phrase of its own (the modifiers
    /// before a noun: "Russian" in "Russian airstrikes").
    pub fn code_tokens(&self, tokens: &[u32]) -> Vec<CodedActor> {
        let end = tokens.iter().copied().max().map_or(0, |t| t as usize + 1);
        let scan = self.scan_segment(tokens, end);
        if scan.actors.is_empty() {
            return Vec::new();
        }
        self.combine(&scan.actors, &scan, tokens)
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

    /// The target among candidate phrases (preorder): the first that names a dictionary
    /// actor, unless a phrase with only an agent comes first and the named one is a mere
    /// landmark ("attacked rebel positions near Luhansk": the rebels). An agent-only phrase
    /// is a weak target otherwise ("offered its troops to Lebanon", "boycott all official
    /// contact with the United States"), used when nothing is named.
    pub fn first_target(
        &self,
        nodes: impl Iterator<Item = NodeId>,
    ) -> Option<(NodeId, Vec<CodedActor>)> {
        let mut fallback = None;
        // A city after `in`/`at` is the place; it is the target only when nothing else is
        // ("postponed the demonstration in Baku").
        let mut place = None;
        for np in nodes {
            if self.is_city_place(np) {
                if place.is_none() {
                    let coded = self.code_noun_phrase(np);
                    if !coded.is_empty() {
                        place = Some((np, coded));
                    }
                }
                continue;
            }
            let coded = self.code_noun_phrase(np);
            if coded.is_empty() {
                continue;
            }
            if coded.iter().any(CodedActor::is_named) {
                if fallback.is_some() && self.is_landmark(np) {
                    break;
                }
                return Some((np, coded));
            }
            if fallback.is_none() {
                fallback = Some((np, coded));
            }
        }
        fallback.or(place)
    }

    /// Whether the phrase is headed by a noun of [`PLACE_NOUNS`] ("the Thai border", "the
    /// Europe Bridge"): it says where, not who.
    pub fn names_place(&self, np: NodeId) -> bool {
        let node = self.sentence.analysis.node(np);
        node.end > node.start && PLACE_NOUNS.contains(&self.words[node.end as usize - 1])
    }

    /// Whether the phrase is the object of a spatial preposition ("near Luhansk", "along
    /// the border"): a place, not a party to the event.
    fn is_landmark(&self, np: NodeId) -> bool {
        let a = self.sentence.analysis;
        // "a stronghold on the Thai border": a phrase headed by a place noun names where,
        // not whom.
        if self.names_place(np) {
            return true;
        }
        let Some(parent) = a.node(np).parent else {
            return false;
        };
        let pp = a.node(parent);
        pp.label == Label::PP
            && pp.end > pp.start
            && matches!(
                self.words[pp.start as usize],
                "NEAR"
                    | "OUTSIDE"
                    | "INSIDE"
                    | "ALONG"
                    | "AROUND"
                    | "ACROSS"
                    | "BESIDE"
                    | "AT"
                    | "NEARBY"
                    | "BEYOND"
            )
    }

    /// Tokens that name the phrase itself: its direct words and those of pre-head
    /// sub-phrases (possessives, adjectives, nested noun groups), but not its prepositional
    /// phrases, clauses, parentheticals or appositions.
    pub fn own_tokens(&self, np: NodeId) -> Vec<u32> {
        let a = self.sentence.analysis;
        let mut out = Vec::new();
        let mut seen_head_noun = false;
        let coordinated = self.has_conjunction(np);
        for child in &a.node(np).children {
            match *child {
                Child::Token(t) => {
                    let tag = a.token(t).tag;
                    if tag == Tag::Comma && seen_head_noun && !coordinated {
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

    /// Whether the phrase has a coordinating conjunction among its children.
    fn has_conjunction(&self, np: NodeId) -> bool {
        let a = self.sentence.analysis;
        a.node(np).children.iter().any(|c| match *c {
            Child::Token(t) => a.token(t).tag == Tag::CC && is_joining(self.words[t as usize]),
            Child::Node(n) => a.node(n).label == Label::CONJP,
        })
    }

    /// Splits a run of words at nominal coordination ("Danish media and government",
    /// "Arnor, Osgiliath and Gondor"); adjectives joined by a conjunction ("awful and evil
    /// minister") are not split. Returns the run itself when there is nothing to split.
    fn split_coordination(&self, own: &[u32]) -> Vec<Vec<u32>> {
        let s = self.sentence;
        let nominal = |k: usize| -> bool {
            let t = own[k] as usize;
            s.tag(t) == Tag::CC
                && is_joining(self.words[t])
                && k > 0
                && k + 1 < own.len()
                && (s.tag(own[k - 1] as usize).is_noun() || s.tag(own[k - 1] as usize) == Tag::POS)
        };
        if !(0..own.len()).any(nominal) {
            return vec![own.to_vec()];
        }
        let mut segments: Vec<Vec<u32>> = vec![Vec::new()];
        for (k, &t) in own.iter().enumerate() {
            let tag = s.tag(t as usize);
            let split =
                nominal(k) || (tag == Tag::Comma && k > 0 && s.tag(own[k - 1] as usize).is_noun());
            if split {
                if !segments.last().is_some_and(Vec::is_empty) {
                    segments.push(Vec::new());
                }
            } else if tag != Tag::CC && tag != Tag::Comma {
                segments.last_mut().expect("never empty").push(t);
            }
        }
        segments.retain(|seg| !seg.is_empty());
        segments
    }

    /// The noun phrase of a modifier that names the actor a head qualifies: `of` always
    /// ("the government of Gondor"); `from`, `in` and `at` when the head is an agent
    /// ("soldiers from Gondor").
    fn modifier_phrase(&self, np: NodeId, head_is_agent: bool) -> Option<NodeId> {
        let a = self.sentence.analysis;
        let pp = a.child_nodes(np).find(|&n| a.node(n).label == Label::PP)?;
        let prep = a.node(pp).children.iter().find_map(|c| match *c {
            Child::Token(t) => Some(t),
            Child::Node(_) => None,
        })?;
        let ok = match self.words[prep as usize] {
            "OF" => true,
            "FROM" | "IN" | "AT" => head_is_agent,
            // "a camp for Congolese refugees" was attacked: a facility stands for those it
            // serves.
            "FOR" => {
                let head = a.node(np).children.iter().rev().find_map(|c| match *c {
                    Child::Node(n) if a.node(n).label == Label::NP => Some(a.node(n).end),
                    _ => None,
                });
                head.is_some_and(|end| {
                    end > 0
                        && matches!(
                            self.words[end as usize - 1],
                            "CAMP"
                                | "CAMPS"
                                | "SHELTER"
                                | "SHELTERS"
                                | "HOSPITAL"
                                | "CLINIC"
                                | "SCHOOL"
                                | "CENTER"
                                | "CENTRE"
                        )
                })
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        a.child_nodes(pp).find(|&n| a.node(n).label == Label::NP)
    }

    /// A second noun phrase standing in apposition to the first: (NP (NP Old foes) (NP
    /// Gondor and Osgiliath)) or (NP (NP X) (, ,) (NP Y)).
    fn apposition(&self, np: NodeId) -> Option<NodeId> {
        let a = self.sentence.analysis;
        if self.has_conjunction(np) {
            return None;
        }
        let mut nps = a.child_nodes(np).filter(|&c| a.node(c).label == Label::NP);
        let first = nps.next()?;
        if ends_with_possessive(a, first) {
            return None;
        }
        nps.next()
    }

    /// Actors and agents found in a run of tokens. The run may have gaps (it is matched
    /// piecewise over its contiguous stretches); a phrase starting in its last stretch may
    /// run on to `extend_to` ("Ministry" + "of Silly Walks").
    fn scan_segment(&self, tokens: &[u32], extend_to: usize) -> Scan {
        let mut scan = Scan::default();
        let pieces = stretches(tokens);
        let count = pieces.len();
        for (k, (start, end)) in pieces.into_iter().enumerate() {
            let window_end = if k + 1 == count {
                end.max(extend_to.min(self.words.len()))
            } else {
                end
            };
            let window = &self.words[..window_end];
            let mut i = start;
            while i < end {
                let word = self.words[i];
                if self.sentence.tag(i) == Tag::POS {
                    i += 1;
                    continue;
                }
                if word == "FORMER" || word == "EX" {
                    scan.former = true;
                }
                let (actor, agent) = self.phrases_at(window, i);
                match (actor, agent) {
                    (Some(ac), Some(ag)) if ag.len > ac.len => {
                        scan.agents.push(ag.id);
                        i += ag.len;
                    }
                    (Some(ac), _) => {
                        scan.actors.push(Found {
                            id: ac.id,
                            start: i,
                            end: i + ac.len,
                        });
                        i += ac.len;
                    }
                    (None, Some(ag)) => {
                        scan.agents.push(ag.id);
                        i += ag.len;
                    }
                    (None, None) => i += 1,
                }
            }
        }
        scan
    }

    /// The longest actor and agent phrases at `i` that end within `window`, from the
    /// per-token memo (a phrase running past the window is looked up again, limited).
    fn phrases_at(&self, window: &[&str], i: usize) -> (Option<PhraseMatch>, Option<PhraseMatch>) {
        if !may_start_name(self.sentence.tag(i)) {
            return (None, None);
        }
        let memo = self.matches.borrow().get(i).copied().flatten();
        let (actor, agent) = match memo {
            Some(found) => found,
            None => {
                let found = (
                    self.dict.match_actor(&self.words, i),
                    self.dict.match_agent(&self.words, i),
                );
                if let Some(slot) = self.matches.borrow_mut().get_mut(i) {
                    *slot = Some(found);
                }
                found
            }
        };
        let fits = |m: Option<PhraseMatch>| m.is_none_or(|m| i + m.len <= window.len());
        if fits(actor) && fits(agent) {
            (actor, agent)
        } else {
            (
                self.dict.match_actor(window, i),
                self.dict.match_agent(window, i),
            )
        }
    }

    /// Codes for the actors of one segment with its agents applied.
    fn combine(&self, actors: &[Found], scan: &Scan, tokens: &[u32]) -> Vec<CodedActor> {
        let agents = &scan.agents;
        let (start, end) = span(tokens);
        let mut out = Vec::new();
        // Several dictionary actors in one uncoordinated phrase ("Calenardhon leader
        // Calimehtar") name one actor: the first that has a code on this date wins, unless
        // a later one refines it ("US Secretary of State John Kerry": USA, then USAGOV).
        let codes_of = |found: &Found| -> Vec<&str> {
            self.dict.actors[found.id as usize]
                .codes_on(self.date)
                .iter()
                .map(|c| c.as_ref())
                .filter(|c| !is_null_code(c))
                .collect()
        };
        let mut chosen: Option<(&Found, Vec<&str>)> = None;
        for found in actors {
            let codes = codes_of(found);
            if codes.is_empty() {
                continue;
            }
            match &chosen {
                None => chosen = Some((found, codes)),
                Some((_, first)) => {
                    let refines = first.len() == 1
                        && codes
                            .iter()
                            .all(|c| c.len() > first[0].len() && c.starts_with(first[0]));
                    if refines {
                        chosen = Some((found, codes));
                    }
                    break;
                }
            }
        }
        if let Some((found, codes)) = chosen {
            for code in codes {
                let mut actor = CodedActor {
                    code: CompactString::from(code),
                    actor: Some(found.id),
                    agents: Vec::new(),
                    start: found.start as u32,
                    end: found.end as u32,
                    resolved: None,
                };
                for &agent in agents {
                    self.apply_agent(&mut actor, agent, scan.former);
                }
                actor.start = actor.start.min(start);
                actor.end = actor.end.max(end);
                out.push(actor);
            }
            return out;
        }
        if !agents.is_empty() {
            let mut actor = CodedActor {
                code: CompactString::default(),
                actor: None,
                agents: Vec::new(),
                start,
                end,
                resolved: None,
            };
            let has_prefix = agents
                .iter()
                .any(|&g| self.dict.agents[g as usize].placement == AgentPlacement::Prefix);
            if !has_prefix {
                actor.code.push_str(ANONYMOUS);
            }
            for &agent in agents {
                self.apply_agent(&mut actor, agent, scan.former);
            }
            out.push(actor);
        }
        out
    }

    /// Adds an agent's code to an actor's code, unless the code already carries it. An
    /// agent said to be "former" becomes `ELI` (a former elite), as CAMEO codes it.
    fn apply_agent(&self, actor: &mut CodedActor, agent: u32, former: bool) {
        let entry = &self.dict.agents[agent as usize];
        let code: &str = if former { FORMER } else { &entry.code };
        if code.is_empty() {
            return;
        }
        match entry.placement {
            AgentPlacement::Suffix => {
                if !carries_suffix(&actor.code, code) {
                    // A person coded as an elite outside their dated terms but named with a
                    // title now ("President Laurent Gbagbo") takes the title's sector:
                    // CIVELI + GOV is CIVGOV, not CIVELIGOV.
                    if !former
                        && code != FORMER
                        && actor.code.len() == 6
                        && actor.code.ends_with(FORMER)
                    {
                        actor.code.truncate(3);
                    }
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
    let mut seen: Vec<CompactString> = Vec::new();
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

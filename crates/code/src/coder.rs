//! The coder: for every verb of a sentence, find its dictionary entry and pattern, its source
//! and target actors, and emit events.
//!
//! Conventions (CAMEO/PETRARCH):
//! - the source is the verb's subject (found up the tree through auxiliaries, coordinated
//!   verb phrases and control: "Arnor is about to restore ties" → Arnor restores), the target
//!   the first coded noun phrase after the verb in its phrase, unless the pattern binds them
//!   with `$`/`+`/`%`;
//! - passive voice ("was attacked by Israel") swaps them: the `by` phrase is the source;
//! - a negated verb ("did not attack") is not coded as the positive event unless its pattern
//!   itself mentions the negation;
//! - compound actors code one event per member pair; paired codes `[032:033]` also code the
//!   reverse event; `%` compounds code each member against the others;
//! - a sentence containing a discard phrase codes nothing;
//! - with `require_dyad` (the default), events need both a source and a target.

use crate::actors::{ActorCoder, CodedActor, MentionResolver};
use crate::event::{Event, Provenance, Spans};
use crate::patterns::{
    best_pattern, find_verbs, Bindings, PatternIndex, SentenceIndex, VerbMatch, Window,
};
use crate::sentence::Prepared;
use compact_str::CompactString;
use detente_dict::codebook::Codebook;
use detente_dict::model::{
    BlockId, Date, EventCode, Pattern, PatternItem, Provenance as EntryProvenance,
};
use detente_dict::Dictionaries;
use detente_text::{Analysis, Child, Label, NodeId, Tag};

/// Options that change what is coded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoderOptions {
    /// Code only events with both a source and a target (PETRARCH's `require_dyad`).
    pub require_dyad: bool,
    /// Code an action in the future tense ("will meet", "would send troops") as the intent
    /// to do it (036, 033, 138, ...), as CAMEO and PLOVER do: future cooperation is an
    /// expressed intent, future conflict a threat. PETRARCH did not; its unit tests expect
    /// the action's own code.
    pub future_as_intent: bool,
    /// Also code events named by nouns ("a visit by X to Y", "X's attack on Y"); PETRARCH
    /// codes verbs only, and its unit tests expect that.
    pub noun_events: bool,
    /// Code noun phrases that no dictionary names, of at most this many words, as their own
    /// words in quotes (PETRARCH's `new_actor_length`; 0, the default, never does).
    pub new_actor_length: usize,
    /// Give an actor that names only a role ("the government", "rebels": `---GOV`,
    /// `---REB`) the country of the event's other party when that party is a state, as news
    /// usually means the home side ("Ugandan police arrested the opposition" codes the police
    /// UGA even when only "police" is written); and code two different phrases with the same
    /// code as a domestic event ("Croatia is investigating Croatian extremists"). PETRARCH
    /// did neither.
    pub home_country: bool,
    /// Code no event told as a condition or a question: verbs and event nouns inside a
    /// clause opened by `if`, `unless` or `whether` ("even if Russia and the US can work
    /// together"), and in a sentence that ends with a question mark ("Are the US and Russia
    /// bridging their divide?"). PETRARCH coded them as facts.
    pub skip_hypothetical: bool,
    /// Fill every event's [`Provenance`] with the dictionary lines behind it (costs a few
    /// string allocations an event, so it is off unless asked for).
    pub provenance: bool,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            require_dyad: true,
            future_as_intent: true,
            noun_events: true,
            new_actor_length: 0,
            home_country: true,
            skip_hypothetical: true,
            provenance: false,
        }
    }
}

/// Codes analysed sentences with a set of dictionaries. Immutable and `Sync`: share one
/// coder across threads.
pub struct Coder<'d> {
    dict: &'d Dictionaries,
    codebook: &'d Codebook,
    options: CoderOptions,
    patterns: PatternIndex,
}

/// What the coder did with one verb: the material of `explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbReport {
    /// Token index of the verb word.
    pub token: u32,
    /// The verb word as written.
    pub word: CompactString,
    /// The dictionary verb that matched and its span, if any.
    pub verb: Option<VerbMatch>,
    /// One past the last token of the verb's phrase.
    pub phrase_end: u32,
    /// Provenance of the pattern that matched, if any.
    pub pattern: Option<EntryProvenance>,
    /// The event code that applied (pattern, verb or block code).
    pub code: Option<EventCode>,
    /// Source actors.
    pub sources: Vec<CodedActor>,
    /// Target actors.
    pub targets: Vec<CodedActor>,
    /// Passive voice detected.
    pub passive: bool,
    /// Negation detected.
    pub negated: bool,
    /// Future tense detected ("will meet"): the event was coded as an intention.
    pub future: bool,
    /// Why no event was coded, when none was.
    pub note: Option<&'static str>,
    /// Number of events this verb produced.
    pub events: usize,
}

/// Everything the coder found in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceReport {
    /// The discard phrase that stopped coding, if any, as `file:line: text`.
    pub discarded: Option<String>,
    /// Whether that discard phrase is story-level (`+` in PETRARCH files): the whole story
    /// it appears in is not coded.
    pub discards_story: bool,
    /// One report per verb token.
    pub verbs: Vec<VerbReport>,
    /// The events coded.
    pub events: Vec<Event>,
}

impl<'d> Coder<'d> {
    /// A coder over `dict`, classifying codes with `codebook`.
    pub fn new(dict: &'d Dictionaries, codebook: &'d Codebook, options: CoderOptions) -> Self {
        Coder {
            dict,
            codebook,
            options,
            patterns: PatternIndex::new(dict),
        }
    }

    /// The options in force.
    pub fn options(&self) -> &CoderOptions {
        &self.options
    }

    /// Codes one analysed sentence dated `date` (`YYYYMMDD`).
    pub fn code(&self, analysis: &Analysis, date: Date) -> Vec<Event> {
        self.report(analysis, date).events
    }

    /// Codes the sentences of one story (an article), all dated `date`: the events of each
    /// sentence, in order, or nothing at all when a sentence holds a story-level discard
    /// phrase (a sports report, say).
    pub fn code_story(&self, sentences: &[Analysis], date: Date) -> Vec<Vec<Event>> {
        self.code_story_with(sentences, date, None)
    }

    /// [`Coder::code_story`], asking `resolver` about phrases the dictionaries do not name
    /// (see [`Coder::report_with`]).
    pub fn code_story_with(
        &self,
        sentences: &[Analysis],
        date: Date,
        resolver: Option<&dyn MentionResolver>,
    ) -> Vec<Vec<Event>> {
        let mut out = Vec::with_capacity(sentences.len());
        for analysis in sentences {
            let report = self.report_with(analysis, date, resolver);
            if report.discards_story {
                return vec![Vec::new(); sentences.len()];
            }
            out.push(report.events);
        }
        out
    }

    /// Codes one sentence and reports every step.
    pub fn report(&self, analysis: &Analysis, date: Date) -> SentenceReport {
        self.report_with(analysis, date, None)
    }

    /// [`Coder::report`], asking `resolver` about phrases the dictionaries do not name
    /// (the document's people: "Mr. Lukyanov", "he").
    pub fn report_with(
        &self,
        analysis: &Analysis,
        date: Date,
        resolver: Option<&dyn MentionResolver>,
    ) -> SentenceReport {
        let mut report = SentenceReport {
            discarded: None,
            discards_story: false,
            verbs: Vec::new(),
            events: Vec::new(),
        };
        let sentence = Prepared::new(analysis);
        let words = sentence.words();
        if let Some(discard) = self.dict.discard_words(&words) {
            report.discarded = Some(describe(&discard.provenance));
            report.discards_story = discard.story;
            return report;
        }
        let at = SentenceIndex::new(self.dict, &self.patterns, &words);
        let actors = ActorCoder::new(
            self.dict,
            &sentence,
            words.clone(),
            date,
            self.options.new_actor_length,
        )
        .with_resolver(resolver)
        .with_places(self.options.home_country);
        let hypothetical = if self.options.skip_hypothetical {
            hypothetical_tokens(analysis)
        } else {
            Vec::new()
        };
        let is_hypothetical = |index: usize| hypothetical.get(index).copied().unwrap_or(false);
        // A verb with a code governs its phrase: verbs inside it ("abandoned efforts to
        // stop ...") are part of its event, not events of their own; statements excepted.
        let mut governed_until = 0usize;
        for index in 0..sentence.len() {
            if !sentence.tag(index).is_verb() || index < governed_until || is_hypothetical(index) {
                continue;
            }
            let verb_report = self.code_verb(
                &sentence,
                &words,
                &at,
                &actors,
                index,
                &hypothetical,
                &mut report.events,
            );
            if verb_report.code.as_ref().is_some_and(governs) {
                governed_until = verb_report.phrase_end as usize;
            }
            if verb_report.verb.is_some() {
                report.verbs.push(verb_report);
            }
        }
        if self.options.noun_events {
            for &np in &sentence.noun_phrases {
                if is_hypothetical(analysis.node(np).start as usize) {
                    continue;
                }
                if let Some(noun_report) =
                    self.code_noun_event(&sentence, &actors, np, &mut report.events)
                {
                    report.verbs.push(noun_report);
                }
            }
        }
        if self.options.home_country {
            for event in &mut report.events {
                give_home_country(event);
            }
            // "A roadside bombing near the town of Samarra killed one U.S. soldier": an unnamed
            // perpetrator is of the country where it struck, when a place the dictionaries
            // know (and the gazetteer of the document stage may not) says where.
            let unnamed = |code: &CompactString| code.as_str() == "---UAF";
            if report
                .events
                .iter()
                .any(|e| unnamed(&e.source) || unnamed(&e.target))
            {
                if let Some(state) = place_country(&sentence, &actors) {
                    let filled = CompactString::from(format!("{state}UAF"));
                    for event in &mut report.events {
                        for code in [&mut event.source, &mut event.target] {
                            if unnamed(code) {
                                *code = filled.clone();
                            }
                        }
                    }
                }
            }
        }
        dedup_events(&mut report.events);
        report
    }

    /// An event named by a noun ("a visit by Moualem to Moscow", "Israel's attack on Gaza",
    /// "talks between Kerry and Lavrov", "Russian airstrikes on Homs"): the noun is a form of
    /// a dictionary verb with a code; the source is a possessive, a `by` phrase or an actor
    /// modifying the noun, the target the object of `to`, `on`, `against`, `with` or `for`,
    /// and `between A and B` makes A and B each other's source and target. Only the verb's
    /// own code applies (no patterns), and only with both a source and a target.
    fn code_noun_event(
        &self,
        sentence: &Prepared<'_>,
        actors: &ActorCoder<'_, '_>,
        np: NodeId,
        events: &mut Vec<Event>,
    ) -> Option<VerbReport> {
        let a = sentence.analysis;
        // The noun's prepositional phrases: its own, or those of the phrase it heads. No
        // phrase, no target: most noun phrases stop here, before any look-up.
        let container = a
            .node(np)
            .parent
            .filter(|&p| a.node(p).label == Label::NP && a.child_nodes(p).next() == Some(np))
            .unwrap_or(np);
        if !a
            .child_nodes(container)
            .any(|c| a.node(c).label == Label::PP)
        {
            return None;
        }
        let head = detente_text::heads::np_head(a, np)?;
        if !matches!(a.token(head).tag, Tag::NN | Tag::NNS) {
            return None;
        }
        let found = find_verbs(self.dict, sentence, head as usize)
            .into_iter()
            .find(|c| !self.dict.code_of(c.verb).is_null())?;
        let code = self.dict.code_of(found.verb).clone();
        // Who: a possessive or an actor among the words before the noun, else `by`.
        let mut sources = Vec::new();
        for child in a.child_nodes(np) {
            let node = a.node(child);
            if node.end > head {
                break;
            }
            if node.label == Label::NP {
                sources = actors.code_noun_phrase(child);
            }
        }
        if sources.is_empty() {
            let before: Vec<u32> = (a.node(np).start..head)
                .filter(|&t| a.parent_of_token(t) == np)
                .collect();
            if !before.is_empty() {
                sources = actors.code_tokens(&before);
            }
        }
        let mut targets = Vec::new();
        let mut between = false;
        // `of` names the doer when nothing else does ("the visit of Putin to China") and
        // otherwise the one done to ("Iraq's invasion of Kuwait", "the shelling of Homs by
        // government forces").
        let mut of_object = Vec::new();
        for pp in a
            .child_nodes(container)
            .filter(|&c| a.node(c).label == Label::PP)
        {
            let prep = a.node(pp).start as usize;
            let Some(object) = a.child_nodes(pp).find(|&c| a.node(c).label == Label::NP) else {
                continue;
            };
            match sentence.word(prep) {
                "BY" if sources.is_empty() => sources = actors.code_noun_phrase(object),
                "TO" | "ON" | "AGAINST" | "WITH" | "FOR" | "INTO" if targets.is_empty() => {
                    targets = actors.code_noun_phrase(object)
                }
                "BETWEEN" | "AMONG" if targets.is_empty() => {
                    targets = actors.code_noun_phrase(object);
                    between = targets.len() >= 2;
                }
                "OF" if of_object.is_empty() => of_object = actors.code_noun_phrase(object),
                _ => {}
            }
        }
        if !of_object.is_empty() && !between {
            if sources.is_empty() {
                sources = of_object;
            } else if targets.is_empty() {
                targets = of_object;
            }
        }
        if between && sources.is_empty() {
            sources = targets.clone();
        }
        if sources.is_empty() || targets.is_empty() {
            return None;
        }
        let mut report = VerbReport {
            token: head,
            word: a.token(head).text.clone(),
            verb: Some(found),
            phrase_end: a.node(container).end,
            pattern: None,
            code: Some(code.clone()),
            sources: sources.clone(),
            targets: targets.clone(),
            passive: false,
            negated: false,
            future: false,
            note: None,
            events: 0,
        };
        self.emit(&mut report, found, &code, None, &sources, &targets, events);
        Some(report)
    }

    #[allow(clippy::too_many_arguments)]
    fn code_verb(
        &self,
        sentence: &Prepared<'_>,
        words: &[&str],
        at: &SentenceIndex<'_>,
        actors: &ActorCoder<'_, '_>,
        index: usize,
        hypothetical: &[bool],
        events: &mut Vec<Event>,
    ) -> VerbReport {
        let a = sentence.analysis;
        let mut report = VerbReport {
            token: index as u32,
            word: a.tokens[index].text.clone(),
            verb: None,
            phrase_end: index as u32 + 1,
            pattern: None,
            code: None,
            sources: Vec::new(),
            targets: Vec::new(),
            passive: false,
            negated: false,
            future: false,
            note: None,
            events: 0,
        };
        let candidates = find_verbs(self.dict, sentence, index);
        let Some(&first) = candidates.first() else {
            return report;
        };
        let verb_phrase = a.parent_of_token(index as u32);
        let mut lower_end = (a.node(verb_phrase).end as usize).max(first.end);
        report.phrase_end = lower_end as u32;
        // "Nigeria will withdraw its force from Chad unless Oueddei arranges a ceasefire":
        // neither the verb's pattern nor its target reaches into a condition it sets.
        let condition =
            (first.end..lower_end).find(|&i| hypothetical.get(i).copied().unwrap_or(false));
        if let Some(cut) = condition {
            lower_end = cut;
        }
        // "Russia closed its borders with Iran and Turkey because of fighting between ...":
        // a pattern reaches back no further than the verb's own clause (the nearest one with
        // a subject, or embedded after a preposition or subordinator), not into another
        // clause's actors.
        let upper_start = if self.options.home_country {
            a.ancestors(verb_phrase)
                .find(|&n| {
                    let node = a.node(n);
                    let embedded = node
                        .parent
                        .is_some_and(|p| matches!(a.node(p).label, Label::PP | Label::SBAR));
                    node.label == Label::S
                        && (embedded || a.child_nodes(n).any(|c| a.node(c).label == Label::NP))
                })
                .map_or(0, |n| a.node(n).start as usize)
        } else {
            0
        };
        let window = Window {
            upper_start,
            verb_start: first.start,
            verb_end: first.end,
            lower_end,
        };
        let blocks: Vec<BlockId> = candidates
            .iter()
            .map(|c| self.dict.verbs[c.verb as usize].block)
            .collect();
        let matched = best_pattern(
            self.dict,
            sentence,
            actors,
            words,
            &self.patterns,
            at,
            &blocks,
            window,
        );
        let (found, code, mut bindings, pattern) = match &matched {
            Some(m) => {
                let found = candidates[m.candidate];
                let pattern = &self.dict.block(found.verb).patterns[m.index];
                (
                    found,
                    pattern.code.clone(),
                    m.bindings.clone(),
                    Some(pattern),
                )
            }
            None => {
                let found = candidates
                    .iter()
                    .copied()
                    .find(|c| !self.dict.code_of(c.verb).is_null())
                    .unwrap_or(first);
                (
                    found,
                    self.dict.code_of(found.verb).clone(),
                    Bindings::default(),
                    None,
                )
            }
        };
        report.verb = Some(found);
        report.pattern = pattern.map(|p| p.provenance.clone());
        report.code = Some(code.clone());
        if code.is_null() {
            report.note = Some("null code");
            return report;
        }

        // "Sharon vowed not to return the Golan Heights": a promise, plan or call not to act
        // is no commitment to act; the coder does not guess what it commits to instead.
        let negated_complement = found.end + 1 < sentence.len()
            && matches!(sentence.word(found.end), "NOT" | "NEVER")
            && sentence.word(found.end + 1) == "TO";
        report.negated = negated_complement || is_negated(sentence, verb_phrase, found.start);
        if report.negated && !pattern.is_some_and(|p| self.mentions_negation(p)) {
            report.note = Some("negated verb");
            return report;
        }
        let mut code = code;
        // "Bosnia and Slovenia agreed to a ceasefire", "agreed upon a free-trade pact": to
        // agree to an act is to commit to it (an intent, 03x), not yet to do it.
        if self.options.home_country
            && self
                .dict
                .code_of(found.verb)
                .primary
                .as_deref()
                .is_some_and(|c| c.starts_with("03"))
            && code.primary.as_deref().is_some_and(cooperative_action)
        {
            code = EventCode {
                primary: code.primary.as_deref().map(intent_code),
                reciprocal: code.reciprocal.as_deref().map(intent_code),
            };
            report.code = Some(code.clone());
        }
        // "Lavrov said the United States should stop arming the rebels": a statement whose
        // clause states an obligation is an appeal (should) or a demand (must).
        if self.options.home_country && code.primary.as_deref().is_some_and(|c| c.starts_with("01"))
        {
            if let Some(kind) = complement_obligation(sentence, verb_phrase) {
                code = EventCode {
                    primary: Some(kind.into()),
                    reciprocal: None,
                };
                report.code = Some(code.clone());
            }
        }
        if self.options.future_as_intent && is_future(sentence, verb_phrase, found.start) {
            report.future = true;
            code = EventCode {
                primary: code.primary.as_deref().map(intent_code),
                reciprocal: None,
            };
            report.code = Some(code.clone());
        }
        // "Nigeria will withdraw its force unless Oueddei arranges a ceasefire": an act
        // announced on a condition the other side must meet is a threat.
        if self.options.home_country
            && report.future
            && condition.is_some_and(|cut| sentence.word(cut) == "UNLESS")
        {
            code = EventCode {
                primary: code.primary.as_deref().map(threat_code),
                reciprocal: None,
            };
            report.code = Some(code.clone());
        }

        // Source and target: pattern bindings first, then the syntax.
        let passive = is_passive(sentence, index, verb_phrase);
        let by_phrase = if passive {
            by_agent(sentence, found.end, lower_end)
        } else {
            None
        };
        report.passive = by_phrase.is_some();
        // "A journalist has been killed in a car bomb explosion": violence in the passive
        // with no `by` names its victim as the subject and no perpetrator.
        let unnamed_perpetrator = passive
            && by_phrase.is_none()
            && self.options.home_country
            && is_violence(&code)
            && bindings.source.is_none()
            && bindings.target.is_none();
        let speaker = (self.options.home_country && is_verbal_act(&code))
            .then(|| speaker_of_coordinated_act(sentence, verb_phrase))
            .flatten();
        let subject = speaker
            .or_else(|| subject_of(a, verb_phrase))
            .map(|np| antecedent(sentence, np));
        let upper_start = matched.as_ref().map_or(found.start, |m| m.upper_start);

        let mut sources = bindings
            .source
            .map(|np| actors.code_noun_phrase(np))
            .unwrap_or_default();
        if bindings.source.is_none() {
            sources = if let Some(by) = by_phrase {
                actors.code_noun_phrase(by)
            } else if upper_start < found.start
                && !subject.is_some_and(|np| {
                    let node = a.node(np);
                    (node.start as usize) <= upper_start && upper_start < node.end as usize
                })
            {
                // The pattern reached back before the verb ("- NOTED + *"): the source is
                // the actor before what it matched, unless what it matched is part of the
                // subject ("Bangladeshi peacekeeping troops arrived").
                self.nearest_before(sentence, actors, upper_start)
            } else {
                subject
                    .map(|np| actors.code_noun_phrase(np))
                    .unwrap_or_default()
            };
        }

        let source_codes: Vec<&str> = sources.iter().map(|s| s.code.as_str()).collect();
        // "Syria offered its troops to Lebanon's president": what the source gives of its
        // own ("its troops", "their forces") is not the one it acts on.
        let own_thing = |np: NodeId| {
            let node = a.node(np);
            self.options.home_country
                && node.end > node.start
                && a.token(node.start).tag == Tag::PRPS
                && !source_codes.is_empty()
                && actors
                    .code_noun_phrase(np)
                    .iter()
                    .all(|c| c.code.starts_with("---") || source_codes.contains(&c.code.as_str()))
        };
        if bindings.target.is_some_and(own_thing) {
            bindings.target = None;
        }
        let mut targets = bindings
            .target
            .map(|np| actors.code_noun_phrase(np))
            .unwrap_or_default();
        if bindings.target.is_none() {
            if by_phrase.is_some() {
                targets = subject
                    .map(|np| actors.code_noun_phrase(np))
                    .unwrap_or_default();
            } else {
                let skip: Vec<NodeId> = [bindings.source, bindings.compound, subject]
                    .into_iter()
                    .flatten()
                    .collect();
                let candidates = sentence.noun_phrases.iter().copied().filter(|&np| {
                    let node = a.node(np);
                    node.start as usize >= found.end
                        && node.end as usize <= lower_end
                        && !skip.iter().any(|&s| within(a, np, s))
                        && !in_adjunct_clause(sentence, np, verb_phrase)
                        && !own_thing(np)
                });
                if let Some((_, coded)) = actors.first_target(candidates) {
                    targets = coded;
                }
            }
        }

        if unnamed_perpetrator {
            targets = std::mem::take(&mut sources);
        }
        // "A roadside bombing killed one U.S. soldier", "a journalist has been killed in a car
        // bomb explosion": violence whose perpetrator the text does not name is by
        // unidentified armed forces (`---UAF`), whose country is then the place's or, failing
        // that, the other side's.
        if sources.is_empty()
            && self.options.home_country
            && is_violence(&code)
            && !targets.is_empty()
        {
            let (start, end) = subject
                .map(|np| (a.node(np).start, a.node(np).end))
                .unwrap_or((found.start as u32, found.start as u32));
            sources = vec![CodedActor {
                code: CompactString::const_new("---UAF"),
                actor: None,
                agents: Vec::new(),
                start,
                end,
                resolved: None,
            }];
        }

        // Passive with a `by` phrase: the subject is what was done to, even when a pattern
        // found a target further on ("A camp for Congolese refugees was attacked by
        // militiamen ..., killing at least 156 people").
        if by_phrase.is_some() && bindings.target.is_some() && self.options.home_country {
            let undergoer = subject
                .map(|np| actors.code_noun_phrase(np))
                .unwrap_or_default();
            if undergoer.iter().any(CodedActor::is_named) {
                targets = undergoer;
            }
        }

        // "Lavrov criticised Washington for continuing sanctions against Russia": a pattern
        // whose target lies past a direct object that names an actor reached too far.
        if let Some(bound) = bindings.target {
            let object = a.child_nodes(verb_phrase).find(|&np| {
                let node = a.node(np);
                node.label == Label::NP && node.start as usize >= found.end
            });
            if let Some(object) = object {
                let past = a.node(bound).start >= a.node(object).end;
                if past && self.options.home_country && !actors.names_place(object) {
                    let coded = actors.code_noun_phrase(object);
                    if coded.iter().any(CodedActor::is_named) {
                        targets = coded;
                    }
                }
            }
        }

        // "Kerry and Hagel met Lavrov and Shoigu": a pattern that pairs the members of the
        // subject ("A and B met") does not apply when the verb has an object that names
        // actors; the subject's members act on the object's.
        let pairs_subject = |np: Option<NodeId>| {
            np.zip(subject)
                .is_some_and(|(np, subject)| within(a, np, subject) || np == subject)
        };
        if bindings.compound.is_none()
            && pairs_subject(bindings.source)
            && pairs_subject(bindings.target)
        {
            // The direct object only: a phrase in a PP ("for talks on European missiles")
            // is no party to the meeting.
            let objects = a.child_nodes(verb_phrase).filter(|&np| {
                a.node(np).label == Label::NP && a.node(np).start as usize >= found.end
            });
            if let Some((_, object)) = actors.first_target(objects) {
                if object.iter().any(CodedActor::is_named) {
                    sources = subject
                        .map(|np| actors.code_noun_phrase(np))
                        .unwrap_or_default();
                    targets = object;
                }
            }
        }

        if let Some(np) = bindings.compound {
            let members = actors.code_noun_phrase(np);
            if !members.is_empty() {
                if bindings.compound_before {
                    if bindings.source.is_none() {
                        sources = members.clone();
                    }
                    // "Kerry and Lavrov agreed on a plan for Syria": the members act on each
                    // other, not on an actor further on, unless the pattern binds one.
                    if bindings.target.is_none() {
                        targets = members;
                    }
                } else if bindings.target.is_none() {
                    targets = members;
                }
            }
        }
        // "Straw said the Sudanese government must reach an agreement": an obligation the
        // speaker states is the speaker's demand (must) or appeal (should) to the clause's
        // subject, not the act itself.
        if self.options.home_country {
            if let Some(kind) = obligation(sentence, verb_phrase, found.start) {
                let speaker = reporting_verb_phrase(sentence, verb_phrase)
                    .and_then(|say| subject_of(a, say))
                    .map(|np| actors.code_noun_phrase(antecedent(sentence, np)))
                    .unwrap_or_default();
                if !speaker.is_empty() && !sources.is_empty() {
                    code = EventCode {
                        primary: Some(kind.into()),
                        reciprocal: None,
                    };
                    report.code = Some(code.clone());
                    targets = std::mem::replace(&mut sources, speaker);
                }
            }
        }
        // "Tutu called for sanctions against Nigeria", "a newspaper called on Arabs to
        // mobilize against Sharon": soliciting action against someone rallies opposition
        // against them (113), aimed at them rather than at those called on.
        if self.options.home_country
            && code
                .primary
                .as_deref()
                .is_some_and(|c| c.starts_with("02") || c.starts_with("10"))
        {
            let against = sentence.noun_phrases.iter().copied().find(|&np| {
                let node = a.node(np);
                let in_against = node.parent.is_some_and(|p| {
                    let pp = a.node(p);
                    pp.label == Label::PP
                        && pp.end > pp.start
                        && sentence.word(pp.start as usize) == "AGAINST"
                });
                in_against && node.start as usize >= found.end && (node.end as usize) <= lower_end
            });
            if let Some(np) = against {
                let (start, end) = (a.node(np).start, a.node(np).end);
                let opposed = actors.code_noun_phrase(np);
                let inside = |c: &CodedActor| c.start >= start && c.end <= end;
                let only_groups = targets.iter().all(|t| state_of(&t.code).is_none());
                if opposed.iter().any(CodedActor::is_named)
                    && (targets.iter().all(inside) || only_groups)
                {
                    targets = opposed;
                    code = EventCode {
                        primary: Some("113".into()),
                        reciprocal: None,
                    };
                    report.code = Some(code.clone());
                }
            }
        }
        // "Russia threatened to stop the talks if the United States deploys missiles": a
        // threat is aimed at the one whose act the condition names.
        if self.options.home_country
            && targets.is_empty()
            && code.primary.as_deref().is_some_and(|c| c.starts_with("13"))
        {
            if let Some(np) = condition.and_then(|cut| condition_subject(a, cut)) {
                targets = actors.code_noun_phrase(np);
            }
        }
        // "Serb forces killed three ethnic Albanians in southeastern Serbia": an ethnic group
        // is coded with the country it lives in, as CAMEO does, when the sentence places it.
        // So is a people named with where it lives ("the Albanians of southern Serbia"), and
        // an ethnic group protesting against a state's act lives in that state ("ethnic Turks
        // began a hunger strike to protest against Sweden's decision").
        if self.options.home_country {
            let ethnic = |c: &CodedActor| {
                if state_of(&c.code).is_none() {
                    return false;
                }
                if (c.start..c.end).any(|t| sentence.word(t as usize) == "ETHNIC") {
                    return true;
                }
                // One plural word naming a people ("Albanians"), not a country whose name
                // ends in -s ("the United States of ...", "the Philippines").
                let end = c.end as usize;
                let mut named = (c.start..c.end)
                    .filter(|&t| a.token(t).tag != Tag::DT)
                    .map(|t| sentence.word(t as usize));
                c.code.len() == 3
                    && end < sentence.len()
                    && matches!(sentence.word(end), "OF" | "IN")
                    && matches!((named.next(), named.next()), (Some(w), None)
                        if w.ends_with('S') && !PLURAL_COUNTRIES.contains(&w))
            };
            if sources.iter().chain(targets.iter()).any(ethnic) {
                let protested_state = || {
                    targets
                        .iter()
                        .filter(|t| !ethnic(t))
                        .find_map(|t| state_of(&t.code))
                        .filter(|_| is_protest(&code))
                        .map(CompactString::from)
                };
                if let Some(home) = place_country(sentence, actors).or_else(protested_state) {
                    for side in [&mut sources, &mut targets] {
                        for actor in side.iter_mut().filter(|c| ethnic(c)) {
                            actor.code = CompactString::from(format!("{home}{}", &actor.code[3..]));
                        }
                    }
                }
            }
        }
        // "Thousands of Nigerians rallied in Lagos", "workers went on strike": a protest
        // that names no one it is against is against the protesters' own government.
        if self.options.home_country && targets.is_empty() && is_protest(&code) {
            let own_government = sources.iter().find_map(|s| {
                let state = state_of(&s.code)?;
                (!official_role(&s.code[3..])).then(|| {
                    implied_actor(
                        format!("{state}GOV"),
                        found,
                        "the protesters' own government (no target named)",
                    )
                })
            });
            targets.extend(own_government);
        }
        // "Avril resigned to allow Haiti's first elections", "Akayev agreed to resign
        // without returning to Kyrgyzstan": a resignation is the resigner's own act, done to
        // no one; what follows it names a purpose or a place, not a target.
        if self.options.home_country && code.primary.as_deref().is_some_and(is_resignation) {
            // Only a resignation the sentence asserts ("resigned", "has agreed to resign",
            // "will resign"); "whether Assad needs to step down" or "urged him to resign"
            // asserts none, and without a target nothing else would stop it.
            let asserted = report.future
                || matches!(
                    a.token(found.start as u32).tag,
                    Tag::VBD | Tag::VBZ | Tag::VBP
                )
                || (a.token(found.start as u32).tag == Tag::VBN
                    && auxiliaries(sentence, verb_phrase, found.start)
                        .any(|i| matches!(sentence.word(i), "HAS" | "HAVE" | "HAD")));
            if !asserted {
                report.note = Some("resignation not asserted");
                return report;
            }
            targets.clear();
        }
        // "The government imposed a curfew", "Iraq is prepared to impose martial law",
        // "Bashir shortened the curfew": restrictions a state imposes or eases with no one
        // named fall on its own country.
        if self.options.home_country && targets.is_empty() && is_inward(&code) {
            let own_country = sources.iter().find_map(|s| {
                let state = state_of(&s.code)?;
                let role = &s.code[3..];
                (role.is_empty() || official_role(role)).then(|| {
                    implied_actor(
                        state.to_string(),
                        found,
                        "the state's own country (no target named)",
                    )
                })
            });
            targets.extend(own_country);
        }
        report.sources = sources.clone();
        report.targets = targets.clone();
        self.emit(
            &mut report,
            found,
            &code,
            pattern,
            &sources,
            &targets,
            events,
        );
        report
    }

    /// Builds the events of one verb: every source against every target, with the reverse
    /// event of a paired code.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        report: &mut VerbReport,
        found: VerbMatch,
        code: &EventCode,
        pattern: Option<&Pattern>,
        sources: &[CodedActor],
        targets: &[CodedActor],
        events: &mut Vec<Event>,
    ) {
        let verb_span = (found.start as u32, found.end as u32);
        let provenance_base = if self.options.provenance {
            Provenance {
                verb: describe(&self.dict.verbs[found.verb as usize].provenance),
                pattern: pattern.map(|p| describe(&p.provenance)),
                source: Vec::new(),
                target: Vec::new(),
            }
        } else {
            Provenance::default()
        };
        let before = events.len();
        let none = CodedActor {
            code: CompactString::default(),
            actor: None,
            agents: Vec::new(),
            start: 0,
            end: 0,
            resolved: None,
        };
        let source_list: Vec<&CodedActor> = if sources.is_empty() {
            vec![&none]
        } else {
            sources.iter().collect()
        };
        let target_list: Vec<&CodedActor> = if targets.is_empty() {
            vec![&none]
        } else {
            targets.iter().collect()
        };
        for source in &source_list {
            for target in &target_list {
                if !source.code.is_empty() && source.code == target.code {
                    // The same actor named once is no event; two phrases with the same code
                    // ("Croatia is investigating Croatian extremists") are a domestic one,
                    // unless PETRARCH's convention is asked for.
                    let distinct = (source.end <= target.start || target.end <= source.start)
                        && !source.code.starts_with("---");
                    if !(self.options.home_country && distinct) {
                        continue;
                    }
                }
                for (cameo, forward) in [(&code.primary, true), (&code.reciprocal, false)] {
                    let Some(cameo) = cameo else { continue };
                    let (s, t) = if forward {
                        (*source, *target)
                    } else {
                        (*target, *source)
                    };
                    if s.code.is_empty() && t.code.is_empty() {
                        continue;
                    }
                    // A resignation needs no target (see `is_resignation`).
                    let monadic = self.options.home_country
                        && forward
                        && !s.code.is_empty()
                        && is_resignation(cameo);
                    if self.options.require_dyad
                        && (s.code.is_empty() || t.code.is_empty())
                        && !monadic
                    {
                        continue;
                    }
                    // "a dialogue between the government and the opposition": roles with no
                    // country on either side say nothing about whose relations changed.
                    // (Unidentified armed forces wait for the document stage to place them.)
                    if self.options.home_country
                        && s.code.starts_with("---")
                        && t.code.starts_with("---")
                        && !s.code.starts_with("---UAF")
                    {
                        continue;
                    }
                    // "Kerry said the United States would ...": a statement about one's own
                    // country is not addressed to it.
                    if self.options.home_country
                        && cameo.starts_with("01")
                        && t.code.len() == 3
                        && s.code.starts_with(t.code.as_str())
                    {
                        continue;
                    }
                    let mut provenance = provenance_base.clone();
                    if self.options.provenance {
                        provenance.source = self.actor_provenance(s);
                        provenance.target = self.actor_provenance(t);
                    }
                    events.push(self.event(cameo, s, t, verb_span, report.passive, provenance));
                }
            }
        }
        report.events = events.len() - before;
        if report.events == 0 {
            report.note = Some(if sources.is_empty() {
                "no source actor"
            } else if targets.is_empty() {
                "no target actor"
            } else {
                "source and target are the same actor"
            });
        }
    }

    /// The actors of the coded noun phrase nearest before token `pos`.
    fn nearest_before(
        &self,
        sentence: &Prepared<'_>,
        actors: &ActorCoder<'_, '_>,
        pos: usize,
    ) -> Vec<CodedActor> {
        let a = sentence.analysis;
        let mut candidates: Vec<NodeId> = sentence
            .noun_phrases
            .iter()
            .copied()
            .filter(|&np| (a.node(np).end as usize) <= pos)
            .collect();
        // Nearest first; for the same end, the outermost phrase first.
        candidates.sort_by_key(|&np| (std::cmp::Reverse(a.node(np).end), a.node(np).start));
        actors
            .first_coded(candidates.into_iter())
            .map(|(_, coded)| coded)
            .unwrap_or_default()
    }

    /// Whether a pattern itself speaks of negation (`- NOT * [112]`, `- &NEGATVAUXVRB *`), in
    /// which case a negated verb matches it rather than being dropped.
    fn mentions_negation(&self, pattern: &Pattern) -> bool {
        pattern
            .before
            .iter()
            .chain(pattern.after.iter())
            .any(|e| match &e.item {
                PatternItem::Word(w) => is_negation(w),
                PatternItem::Synset(id) => self.dict.synsets[*id as usize]
                    .phrases
                    .iter()
                    .any(|p| p.words.iter().any(|w| is_negation(&w.text))),
                _ => false,
            })
    }

    fn event(
        &self,
        cameo: &str,
        source: &CodedActor,
        target: &CodedActor,
        verb: (u32, u32),
        passive: bool,
        provenance: Provenance,
    ) -> Event {
        let class = self.codebook.classify(cameo);
        Event {
            source: source.code.clone(),
            target: target.code.clone(),
            cameo: CompactString::from(cameo),
            plover: class.and_then(|c| c.plover.as_deref().map(CompactString::from)),
            plover_mode: class.and_then(|c| c.plover_mode.as_deref().map(CompactString::from)),
            goldstein: class.map(|c| c.goldstein),
            quad_class: class.map(|c| c.quad_class),
            passive,
            spans: Spans {
                verb,
                source: (source.start, source.end),
                target: (target.start, target.end),
            },
            provenance,
        }
    }

    fn actor_provenance(&self, actor: &CodedActor) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(id) = actor.actor {
            out.push(describe(&self.dict.actors[id as usize].provenance));
        }
        if let Some(resolved) = &actor.resolved {
            out.push(resolved.to_string());
        }
        for &agent in &actor.agents {
            out.push(describe(&self.dict.agents[agent as usize].provenance));
        }
        out
    }
}

/// Whether a verb coded with `code` governs the verbs inside its phrase. Statements do not:
/// in reported speech ("Lavrov said Moscow would restore ties") the speaker makes a
/// statement and the reported event is coded too.
fn governs(code: &EventCode) -> bool {
    match &code.primary {
        Some(primary) => !primary.starts_with("01"),
        None => code.reciprocal.is_some(),
    }
}

/// `file:line: text` for an entry.
pub fn describe(p: &EntryProvenance) -> String {
    format!("{}:{}: {}", p.file, p.line, p.text)
}

/// Whether a code is violence: assault, fight or mass violence (roots 18, 19, 20).
fn is_violence(code: &EventCode) -> bool {
    code.primary
        .as_deref()
        .and_then(|c| c.get(..2))
        .is_some_and(|root| matches!(root, "18" | "19" | "20"))
}

/// Whether an actor role is the state's own (government, military, police, intelligence,
/// judiciary, legislature), as against its people's.
fn official_role(role: &str) -> bool {
    ["GOV", "MIL", "COP", "SPY", "JUD", "LEG"]
        .iter()
        .any(|r| role.starts_with(r))
}

/// An actor the text implies but does not name, placed at the verb and explained by `why`
/// (shown by `explain` and in provenance).
fn implied_actor(code: String, found: VerbMatch, why: &str) -> CodedActor {
    CodedActor {
        code: CompactString::from(code),
        actor: None,
        agents: Vec::new(),
        start: found.start as u32,
        end: found.end as u32,
        resolved: Some(why.into()),
    }
}

/// Whether a code is a resignation (0831, acceding to a change in leadership, as the
/// knowledge base codes "resign" and "step down") or the intent to resign (0341): PLOVER's
/// RETREAT "also covers resignations of government officials", which have no target, so
/// they are coded even without one.
fn is_resignation(code: &str) -> bool {
    matches!(code, "0831" | "0341")
}

/// Whether a code is a protest (root 14: demonstrations, strikes, boycotts, blockades).
fn is_protest(code: &EventCode) -> bool {
    code.primary.as_deref().is_some_and(|c| c.starts_with("14"))
}

/// Whether a code is a restriction a state imposes on, threatens or eases for its own
/// people when the text names no one else: easing restrictions, bans, curfews and martial
/// law (081x) or the intent to (0351), threatening them (132x) or repression (137), imposing
/// them (172x).
fn is_inward(code: &EventCode) -> bool {
    code.primary.as_deref().is_some_and(|c| {
        ["081", "0351", "172", "132", "137"]
            .iter()
            .any(|inward| c.starts_with(inward))
    })
}

/// Whether a code is a verbal act (statements, appeals, praise, accusations, rejections,
/// threats: roots 01, 02, 05, 09–13), which a speaker performs by speaking.
fn is_verbal_act(code: &EventCode) -> bool {
    code.primary
        .as_deref()
        .and_then(|c| c.get(..2))
        .is_some_and(|root| matches!(root, "01" | "02" | "05" | "09" | "10" | "11" | "12" | "13"))
}

/// "Rice said the council had let the Syrian people down and accused Moscow of ...": a verbal
/// act coordinated after the clause a speaker reports is the speaker's, not the reported
/// clause's subject's. Returns the speaker's noun phrase when `vp` is such a second conjunct
/// inside the complement of a verb of saying.
fn speaker_of_coordinated_act(sentence: &Prepared<'_>, vp: NodeId) -> Option<NodeId> {
    let a = sentence.analysis;
    let coordination = a.node(vp).parent?;
    let c = a.node(coordination);
    let after_conjunction = c.label == Label::VP
        && a.child_nodes(coordination).next() != Some(vp)
        && c.children.iter().any(|child| match *child {
            Child::Token(t) => a.token(t).tag == Tag::CC && t < a.node(vp).start,
            Child::Node(_) => false,
        });
    if !after_conjunction {
        return None;
    }
    let clause = a
        .node(coordination)
        .parent
        .filter(|&n| a.node(n).label == Label::S)?;
    let say = says_clause(a, clause)?;
    subject_of(a, say)
}

/// The verb phrase of a verb of saying whose complement is `clause` ("said (that) ..."):
/// the clause's parent, or its SBAR's parent, when that phrase is headed by say, tell,
/// announce, state, add, insist, declare, stress, note, write or tweet.
fn says_clause(a: &Analysis, clause: NodeId) -> Option<NodeId> {
    let mut up = a.node(clause).parent?;
    if a.node(up).label == Label::SBAR {
        up = a.node(up).parent?;
    }
    if a.node(up).label != Label::VP {
        return None;
    }
    let says = a.node(up).children.iter().any(|child| match *child {
        Child::Token(t) => {
            let token = a.token(t);
            token.tag.is_verb()
                && matches!(
                    token.lemma.to_ascii_lowercase().as_str(),
                    "say"
                        | "tell"
                        | "announce"
                        | "state"
                        | "add"
                        | "insist"
                        | "declare"
                        | "stress"
                        | "note"
                        | "write"
                        | "tweet"
                        | "conclude"
                )
        }
        Child::Node(_) => false,
    });
    says.then_some(up)
}

/// The saying verb phrase whose complement holds the verb phrase `vp` (through its
/// auxiliaries and coordination).
fn reporting_verb_phrase(sentence: &Prepared<'_>, vp: NodeId) -> Option<NodeId> {
    let a = sentence.analysis;
    let mut node = vp;
    while let Some(parent) = a.node(node).parent {
        if a.node(parent).label != Label::VP {
            break;
        }
        node = parent;
    }
    let clause = a
        .node(node)
        .parent
        .filter(|&n| a.node(n).label == Label::S)?;
    says_clause(a, clause)
}

/// The obligation stated by the clause a verb of saying reports: `must` or `has to` (100),
/// `should` or `ought` (020) opening the clause's verb phrase.
fn complement_obligation(sentence: &Prepared<'_>, vp: NodeId) -> Option<&'static str> {
    let a = sentence.analysis;
    let complement = a
        .child_nodes(vp)
        .find(|&c| matches!(a.node(c).label, Label::SBAR | Label::S))?;
    let clause = if a.node(complement).label == Label::SBAR {
        a.child_nodes(complement)
            .find(|&c| a.node(c).label == Label::S)?
    } else {
        complement
    };
    let inner = a
        .child_nodes(clause)
        .find(|&c| a.node(c).label == Label::VP)?;
    let start = a.node(inner).start as usize;
    let mut k = start;
    while k < sentence.len() && sentence.tag(k).is_adverb() {
        k += 1;
    }
    match sentence.word(k) {
        "MUST" => Some("100"),
        "SHOULD" | "OUGHT" => Some("020"),
        "HAS" | "HAVE" if k + 1 < sentence.len() && sentence.word(k + 1) == "TO" => Some("100"),
        _ => None,
    }
}

/// Whether the verb is an obligation: `must`, `should`, `ought`, or `has/have to` among its
/// auxiliaries; the CAMEO code of stating it: demand (100) or appeal (020).
fn obligation(sentence: &Prepared<'_>, vp: NodeId, verb_start: usize) -> Option<&'static str> {
    let aux = auxiliaries(sentence, vp, verb_start);
    for i in aux.clone() {
        match sentence.word(i) {
            "MUST" => return Some("100"),
            "SHOULD" | "OUGHT" => return Some("020"),
            _ => {}
        }
    }
    let have_to = verb_start >= 2
        && sentence.word(verb_start - 1) == "TO"
        && matches!(sentence.word(verb_start - 2), "HAS" | "HAVE")
        && aux.start < verb_start - 1;
    have_to.then_some("100")
}

/// Whether `inner` lies within `outer` (or is it).
fn within(a: &Analysis, inner: NodeId, outer: NodeId) -> bool {
    a.ancestors(inner).any(|n| n == outer)
}

/// The subject noun phrase of the verb phrase `vp`: climb through verb phrases (auxiliary
/// chains, coordination) to the clause and take its last noun phrase before the verb phrase;
/// clauses without a subject (infinitives, participles) inherit the subject of the clause
/// above them (control); relative clauses take the noun phrase they modify.
pub fn subject_of(a: &Analysis, vp: NodeId) -> Option<NodeId> {
    let mut node = vp;
    loop {
        let parent = a.node(node).parent?;
        let p = a.node(parent);
        match p.label {
            Label::VP
            | Label::UCP
            | Label::PRN
            | Label::ADVP
            | Label::ADJP
            | Label::PP
            | Label::FRAG => {
                node = parent;
            }
            Label::S | Label::SQ | Label::SINV | Label::RRC => {
                let start = a.node(node).start;
                let subject = a
                    .child_nodes(parent)
                    .filter(|&c| a.node(c).label == Label::NP && a.node(c).end <= start)
                    .last();
                if subject.is_some() {
                    return subject;
                }
                if p.label == Label::SINV {
                    // "said the minister": the subject follows.
                    if let Some(np) = a.child_nodes(parent).find(|&c| {
                        a.node(c).label == Label::NP && a.node(c).start >= a.node(node).end
                    }) {
                        return Some(np);
                    }
                }
                node = parent;
            }
            Label::SBAR => {
                if let Some(grand) = p.parent {
                    if a.node(grand).label == Label::NP {
                        // A relative clause: its subject is the phrase it modifies.
                        let wh_subject = a
                            .child_nodes(parent)
                            .any(|c| matches!(a.node(c).label, Label::WHNP));
                        if wh_subject {
                            return a
                                .child_nodes(grand)
                                .find(|&c| a.node(c).label == Label::NP)
                                .or(Some(grand));
                        }
                    }
                }
                node = parent;
            }
            Label::NP => {
                // A reduced relative ("troops stationed in the south"): the modified phrase.
                return a.child_nodes(parent).find(|&c| {
                    a.node(c).label == Label::NP && a.node(c).end <= a.node(node).start
                });
            }
            _ => return None,
        }
    }
}

/// The phrase a subject pronoun stands for within the sentence: in "Russia said it would
/// send aid", *it* is the subject of the clause that embeds its own ("Russia"). Other
/// phrases, and pronouns with no such clause, stand for themselves. (Pronouns pointing to
/// earlier sentences are the document stage's business.)
fn antecedent(sentence: &Prepared<'_>, np: NodeId) -> NodeId {
    let a = sentence.analysis;
    let mut current = np;
    for _ in 0..4 {
        let node = a.node(current);
        let is_pronoun = node.end == node.start + 1
            && a.token(node.start).tag == Tag::PRP
            && matches!(
                sentence.word(node.start as usize),
                "IT" | "THEY" | "HE" | "SHE"
            );
        if !is_pronoun {
            return current;
        }
        // The verb phrase that embeds the pronoun's clause, and that phrase's subject.
        let Some(outer) = a
            .ancestors(current)
            .skip(1)
            .find(|&n| a.node(n).label == Label::VP)
        else {
            return current;
        };
        match subject_of(a, outer) {
            Some(found) if found != current && a.node(found).end <= node.start => current = found,
            _ => return current,
        }
    }
    current
}

/// Whether the verb at `index` is a passive participle: tagged VBN, with a form of "be" or
/// "get" as the auxiliary of its phrase.
fn is_passive(sentence: &Prepared<'_>, index: usize, vp: NodeId) -> bool {
    let a = sentence.analysis;
    if a.tokens[index].tag != Tag::VBN {
        return false;
    }
    // The auxiliary is the verb heading the phrase above ours.
    let mut node = vp;
    while let Some(parent) = a.node(node).parent {
        if a.node(parent).label != Label::VP {
            break;
        }
        let aux = a.node(parent).children.iter().find_map(|c| match *c {
            Child::Token(t) if a.token(t).tag.is_verb() || a.token(t).tag == Tag::MD => Some(t),
            _ => None,
        });
        if let Some(t) = aux {
            let w = sentence.word(t as usize);
            if is_be_or_get(w) {
                return true;
            }
            if matches!(w, "HAS" | "HAVE" | "HAD" | "HAVING") {
                node = parent;
                continue;
            }
            return false;
        }
        node = parent;
    }
    // Penn trees sometimes flatten "was attacked" into one phrase.
    index > 0 && is_be_or_get(sentence.word(index - 1))
}

fn is_be_or_get(w: &str) -> bool {
    matches!(
        w,
        "BE" | "IS"
            | "ARE"
            | "WAS"
            | "WERE"
            | "BEEN"
            | "BEING"
            | "'S"
            | "'RE"
            | "GET"
            | "GETS"
            | "GOT"
            | "GOTTEN"
            | "GETTING"
    )
}

/// Whether `np` lies in an adverbial or relative clause inside the verb phrase `vp` ("after
/// crowds trashed its embassy", "which Gondor built"): such clauses hold no target of the
/// verb, while complement clauses ("believes [that] Dagolath can cope") do.
fn in_adjunct_clause(sentence: &Prepared<'_>, np: NodeId, vp: NodeId) -> bool {
    let a = sentence.analysis;
    for node in a.ancestors(np) {
        if node == vp {
            return false;
        }
        if a.node(node).label != Label::SBAR {
            continue;
        }
        let adjunct = a.node(node).children.iter().any(|c| match *c {
            Child::Token(t) => {
                a.token(t).tag == Tag::IN
                    && !matches!(sentence.word(t as usize), "THAT" | "WHETHER" | "IF")
            }
            Child::Node(n) => matches!(
                a.node(n).label,
                Label::WHNP | Label::WHADVP | Label::WHPP | Label::WHADJP
            ),
        });
        if adjunct {
            return true;
        }
    }
    false
}

/// The noun phrase of a `by` phrase after the verb, within its phrase.
fn by_agent(sentence: &Prepared<'_>, from: usize, to: usize) -> Option<NodeId> {
    (from..to)
        .find(|&i| sentence.word(i) == "BY" && sentence.tag(i) == Tag::IN)
        .and_then(|i| sentence.noun_phrase_at(i + 1, to))
}

fn is_negation(w: &str) -> bool {
    matches!(w, "NOT" | "N'T" | "NEVER")
}

/// The tokens before the verb in its chain of verb phrases (auxiliaries, modals, adverbs):
/// from the top of the chain ("did not", "will") up to the verb.
fn auxiliaries(sentence: &Prepared<'_>, vp: NodeId, verb_start: usize) -> std::ops::Range<usize> {
    let a = sentence.analysis;
    let mut top = vp;
    while let Some(parent) = a.node(top).parent {
        if a.node(parent).label != Label::VP {
            break;
        }
        top = parent;
    }
    let from = (a.node(top).start as usize).min(verb_start);
    from..verb_start
}

/// Whether the verb is negated: a negation word among its auxiliaries.
fn is_negated(sentence: &Prepared<'_>, vp: NodeId, verb_start: usize) -> bool {
    auxiliaries(sentence, vp, verb_start).any(|i| is_negation(sentence.word(i)))
}

/// Whether the verb is in the future tense: `will`, `would`, `shall` or `'ll` among its
/// auxiliaries.
fn is_future(sentence: &Prepared<'_>, vp: NodeId, verb_start: usize) -> bool {
    auxiliaries(sentence, vp, verb_start).any(|i| {
        sentence.tag(i) == Tag::MD
            && matches!(sentence.word(i), "WILL" | "WOULD" | "SHALL" | "'LL" | "WO")
    }) || readiness_before(sentence, verb_start)
}

/// Whether the verb follows "ready to", "prepared to", "willing to", "poised to", "set to",
/// "due to", "going to", "plans to" or "intends to": an action announced, not done ("France
/// is ready to contribute troops").
fn readiness_before(sentence: &Prepared<'_>, verb_start: usize) -> bool {
    verb_start >= 2
        && sentence.word(verb_start - 1) == "TO"
        && matches!(
            sentence.word(verb_start - 2),
            "READY"
                | "PREPARED"
                | "WILLING"
                | "POISED"
                | "SET"
                | "GOING"
                | "DETERMINED"
                | "DUE"
                | "PLANS"
                | "PLAN"
                | "PLANNING"
                | "INTENDS"
                | "INTEND"
                | "INTENDING"
        )
}

/// The intention code for an action, as specific as CAMEO allows: cooperation (roots 04–08)
/// becomes the matching intent to cooperate (062 military cooperation → 0312, 074
/// peacekeeping → 0334, 087 de-escalation → 0356), material conflict (14–20) the matching
/// threat (163 embargo → 1312, 1723 curfew → 1323, 19x attack → 1384); statements, appeals,
/// intentions and verbal conflict (01–03, 09–13) keep their code.
fn intent_code(code: &str) -> Box<str> {
    const SPECIFIC: [(&str, &str); 33] = [
        ("061", "0311"),
        ("062", "0312"),
        ("063", "0313"),
        ("064", "0314"),
        ("071", "0331"),
        ("072", "0332"),
        ("073", "0333"),
        ("074", "0334"),
        ("081", "0351"),
        ("082", "0352"),
        ("083", "034"),
        ("0831", "0341"),
        ("0832", "0342"),
        ("0833", "0343"),
        ("0834", "0344"),
        ("084", "0353"),
        ("085", "0354"),
        ("086", "0355"),
        ("087", "0356"),
        ("161", "1313"),
        ("162", "1311"),
        ("163", "1312"),
        ("164", "134"),
        ("165", "135"),
        ("166", "136"),
        ("172", "132"),
        ("1721", "1321"),
        ("1722", "1322"),
        ("1723", "1323"),
        ("1724", "1324"),
        ("191", "1381"),
        ("192", "1382"),
        ("204", "1385"),
    ];
    // The most specific entry: the code itself, then its three-digit parent.
    let specific = SPECIFIC
        .iter()
        .find(|(action, _)| *action == code)
        .or_else(|| {
            code.get(..3)
                .and_then(|parent| SPECIFIC.iter().find(|(action, _)| *action == parent))
        });
    if let Some((_, intent)) = specific {
        return (*intent).into();
    }
    let intent = match code.get(..2) {
        Some("04") => "036",
        Some("05") => "032",
        Some("06") => "031",
        Some("07") => "033",
        Some("08") => "035",
        Some("14") => "133",
        Some("15") | Some("20") => "138",
        Some("16") => "131",
        Some("17") => "137",
        Some("18") => "1383",
        Some("19") => "1384",
        _ => code,
    };
    intent.into()
}

/// Whether a code is a cooperative action (roots 04–08: consult, support, cooperate, aid,
/// yield), which one can agree or intend to do.
fn cooperative_action(code: &str) -> bool {
    matches!(code.get(..2), Some("04" | "05" | "06" | "07" | "08"))
}

/// The threat of an action made conditional ("will withdraw unless ..."): violence is a
/// threat of force (138), sanctions a threat of sanctions (1312), repression a threat of
/// repression (137), protest a threat to protest (133), withdrawing cooperation a non-force
/// threat (131), anything else the general threat (130). Threats and other verbal
/// conflict keep their code.
fn threat_code(code: &str) -> Box<str> {
    let threat = match code.get(..2) {
        Some("13") => code,
        Some("14") => "133",
        Some("15" | "18" | "19" | "20") => "138",
        Some("16") => "1312",
        Some("17") => "137",
        Some("08") => "131",
        _ => "130",
    };
    threat.into()
}

/// [`CoderOptions::skip_hypothetical`]: per token, whether it stands in a conditional
/// clause or in a question.
fn hypothetical_tokens(a: &Analysis) -> Vec<bool> {
    let n = a.tokens.len();
    if a.tokens.last().is_some_and(|t| t.text == "?") {
        return vec![true; n];
    }
    // Most sentences have no conditional: no allocation then (a missing flag is false).
    let conditional = |t: &detente_text::Token| {
        ["if", "unless", "whether"]
            .iter()
            .any(|w| t.text.eq_ignore_ascii_case(w))
    };
    if !a.tokens.iter().any(conditional) {
        return Vec::new();
    }
    let mut out = vec![false; n];
    for node in &a.nodes {
        if node.label != Label::SBAR {
            continue;
        }
        let opener = node.children.iter().find_map(|c| match *c {
            Child::Token(t) => Some(a.token(t)),
            Child::Node(_) => None,
        });
        if opener.is_some_and(conditional) {
            for flag in &mut out[node.start as usize..(node.end as usize).min(n)] {
                *flag = true;
            }
        }
    }
    out
}

/// CAMEO's three-letter codes that name no state: international, non-governmental and
/// multinational bodies, armed groups without a country, and regions.
const NOT_STATES: [&str; 30] = [
    "IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "UAF", "AFR", "NAF", "WAF", "EAF", "SAF", "CFR",
    "ASA", "SAS", "SEA", "CAS", "EUR", "EEU", "BLK", "CAU", "SCN", "MEA", "PGS", "ARB", "LAM",
    "SAM", "NMR", "CRB", "WST",
];

/// The state an actor code starts with (`UGA` of `UGAGOV`), if it starts with one.
fn state_of(code: &str) -> Option<&str> {
    let head = code.get(..3)?;
    let letters = head.bytes().all(|b| b.is_ascii_uppercase());
    (letters && !NOT_STATES.contains(&head)).then_some(head)
}

/// [`CoderOptions::home_country`]: `---GOV` acting on `UGA...` becomes `UGAGOV`, and the
/// other way round.
fn give_home_country(event: &mut Event) {
    let home = |role: &CompactString, other: &CompactString| -> Option<CompactString> {
        // Unidentified armed forces take the place's country first (the document stage).
        let rest = role
            .strip_prefix("---")
            .filter(|r| !r.is_empty() && !r.starts_with("UAF"))?;
        let state = state_of(other)?;
        Some(CompactString::from(format!("{state}{rest}")))
    };
    // An event of an actor on itself ("forces launched artillery", both MIL) is no event
    // to complete.
    if let Some(source) = home(&event.source, &event.target).filter(|s| *s != event.target) {
        event.source = source;
    } else if let Some(target) = home(&event.target, &event.source)
        .filter(|t| *t != event.source)
        .filter(|_| !victims_of_violence(event))
    {
        event.target = target;
    }
}

/// Whether the event is material conflict against civilians or refugees named without a
/// country: they are as often the other side's people ("bombers killed 23 people in Tel
/// Aviv") as the attacker's, so [`give_home_country`] leaves them alone.
fn victims_of_violence(event: &Event) -> bool {
    event.quad_class == Some(4)
        && (event.target.starts_with("---CVL") || event.target.starts_with("---REF"))
}

/// The country of the first place the sentence locates something in: a phrase after `in`,
/// `at`, `near`, `outside` or `of` ("the town of Samarra") that the dictionaries code as a
/// bare state (a city or region entry, `IRQ`), not as an actor with a role.
fn place_country(sentence: &Prepared<'_>, actors: &ActorCoder<'_, '_>) -> Option<CompactString> {
    let a = sentence.analysis;
    sentence.noun_phrases.iter().find_map(|&np| {
        let parent = a.node(np).parent?;
        let pp = a.node(parent);
        if pp.label != Label::PP || pp.end <= pp.start {
            return None;
        }
        if !matches!(
            sentence.word(pp.start as usize),
            "IN" | "AT" | "NEAR" | "OUTSIDE" | "OF"
        ) {
            return None;
        }
        // A name ("Samarra", "the Tyumen region"), not a description ("the Palestinian
        // uprising").
        let node = a.node(np);
        let named = node.end > node.start
            && (node.start..node.end).all(|t| {
                matches!(a.token(t).tag, Tag::NNP | Tag::NNPS | Tag::DT)
                    || COMPASS.contains(&sentence.word(t as usize))
                    || (t + 1 == node.end
                        && matches!(
                            sentence.word(t as usize),
                            "REGION" | "PROVINCE" | "DISTRICT" | "CITY" | "TOWN" | "VILLAGE"
                        ))
            });
        if !named {
            return None;
        }
        let coded = actors.code_noun_phrase(np);
        match coded.as_slice() {
            [one] if one.code.len() == 3 => state_of(&one.code).map(CompactString::from),
            _ => None,
        }
    })
}

/// The subject of the conditional clause that opens at token `cut` ("if the United States
/// goes ahead" → "the United States").
fn condition_subject(a: &Analysis, cut: usize) -> Option<NodeId> {
    let sbar = (0..a.nodes.len() as NodeId).find(|&n| {
        let node = a.node(n);
        node.label == Label::SBAR && node.start as usize == cut
    })?;
    let clause = a.child_nodes(sbar).find(|&c| a.node(c).label == Label::S)?;
    a.child_nodes(clause)
        .find(|&c| a.node(c).label == Label::NP)
}

/// Country names that end in -s like a plural people.
const PLURAL_COUNTRIES: [&str; 9] = [
    "PHILIPPINES",
    "BAHAMAS",
    "MALDIVES",
    "SEYCHELLES",
    "COMOROS",
    "NETHERLANDS",
    "STATES",
    "EMIRATES",
    "ISLANDS",
];

/// Words that place a part of a country ("southeastern Serbia", "northern Iraq").
const COMPASS: [&str; 13] = [
    "NORTHERN",
    "SOUTHERN",
    "EASTERN",
    "WESTERN",
    "CENTRAL",
    "NORTHEASTERN",
    "NORTHWESTERN",
    "SOUTHEASTERN",
    "SOUTHWESTERN",
    "NORTH",
    "SOUTH",
    "EAST",
    "WEST",
];

/// Removes repeated events (same source, target and code), keeping the first.
fn dedup_events(events: &mut Vec<Event>) {
    let mut seen: Vec<(CompactString, CompactString, CompactString)> = Vec::new();
    events.retain(|e| {
        let key = (e.source.clone(), e.target.clone(), e.cameo.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

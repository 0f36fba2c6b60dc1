//! The document pipeline: one [`Document`] in, its coded events out, each with the context
//! only the whole article gives.
//!
//! 1. sentences: each paragraph of the cleaned text is split and analysed
//!    ([`analyse_paragraphs`]), once for all the steps below;
//! 2. people and quotes ([`crate::quotes::extract`]): the article's people are registered at
//!    their first full mention, and the coder asks them about phrases its dictionaries do
//!    not name ("he", "Mr. Lukyanov", "the spokeswoman"), through
//!    [`detente_code::MentionResolver`];
//! 3. events ([`detente_code::Coder::code_story_with`]), each given its date
//!    ([`crate::when`]: "on Tuesday" against the article date), its place
//!    ([`crate::places`] and the gazetteer) and its sentence's tone ([`crate::tone`]);
//! 4. within-document deduplication: the same event (source, target, CAMEO code) told in
//!    several sentences becomes one [`DocEvent`] with a mention count and every sentence
//!    kept as evidence.
//!
//! Plain functions over plain data: the caller reads documents and writes the results.

use crate::document::Document;
use crate::people::{analyse_paragraphs, People};
use crate::places;
use crate::quotes::{self, Quote};
use crate::tone::{self, Tone};
use crate::when::{self, Precision, TimeExpr};
use detente_code::{Coder, Event, MentionResolver};
use detente_dict::gazetteer::Gazetteer;
use detente_dict::Dictionaries;
use detente_text::Analysis;

/// What the pipeline does beyond coding sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PipelineOptions {
    /// Track the document's people and quotes, and resolve mentions the dictionaries do not
    /// name (pronouns, surnames, role phrases) to them.
    pub people: bool,
    /// Merge repeated events of the document into one with a mention count.
    pub dedup: bool,
    /// Also compute VADER's compound score for every sentence (GDELT's word-share tone is
    /// always computed; the compound score costs more than coding the sentence).
    pub compound: bool,
}

impl Default for PipelineOptions {
    fn default() -> Self {
        PipelineOptions {
            people: true,
            dedup: true,
            compound: false,
        }
    }
}

/// Codes whole documents. Immutable and `Sync`: share one across threads.
pub struct Pipeline<'d> {
    coder: &'d Coder<'d>,
    dict: &'d Dictionaries,
    gazetteer: &'d Gazetteer,
    options: PipelineOptions,
}

/// Where an event took place, from the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct EventPlace {
    /// The place's usual English name.
    pub name: String,
    /// ISO 3166-1 alpha-3 code of its country.
    pub country: String,
    /// Latitude, decimal degrees.
    pub lat: f32,
    /// Longitude, decimal degrees.
    pub lon: f32,
    /// Byte range of the place's name in the document's cleaned text.
    pub span: (usize, usize),
}

/// One sentence that tells an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// Index of the sentence in [`CodedDocument::sentences`].
    pub sentence: usize,
    /// Byte range of the sentence in the document's cleaned text ([`Document::text`]).
    pub span: (usize, usize),
}

/// An event of a document, with its context.
#[derive(Clone, Debug, PartialEq)]
pub struct DocEvent {
    /// The coded event (from its first mention).
    pub event: Event,
    /// The sentence of its first mention.
    pub sentence: usize,
    /// When it happened: the time expression nearest its verb, or the article date.
    pub when: TimeExpr,
    /// Where it happened, when the sentence says.
    pub place: Option<EventPlace>,
    /// The tone of its first sentence ([`tone::sentence_tone`]'s GDELT-scale `tone`).
    pub tone: f64,
    /// How many sentences tell it.
    pub mentions: u32,
    /// Every sentence that tells it, first mention first.
    pub evidence: Vec<Evidence>,
}

/// A coded document.
#[derive(Clone, Debug)]
pub struct CodedDocument {
    /// The analysed sentences of the cleaned text, in order.
    pub sentences: Vec<Analysis>,
    /// The coded events of each sentence, before deduplication (what GDELT's export and
    /// `detente-store` consume), resolved against the document's people.
    pub sentence_events: Vec<Vec<Event>>,
    /// The document's events, deduplicated when [`PipelineOptions::dedup`] is on.
    pub events: Vec<DocEvent>,
    /// The document's people (empty when [`PipelineOptions::people`] is off).
    pub people: People,
    /// Direct and partial quotes with their speakers.
    pub quotes: Vec<Quote>,
    /// The tone of the whole document.
    pub tone: Tone,
}

impl<'d> Pipeline<'d> {
    /// A pipeline coding with `coder`, whose dictionaries are `dict`, placing events with
    /// `gazetteer`.
    pub fn new(
        coder: &'d Coder<'d>,
        dict: &'d Dictionaries,
        gazetteer: &'d Gazetteer,
        options: PipelineOptions,
    ) -> Self {
        Pipeline {
            coder,
            dict,
            gazetteer,
            options,
        }
    }

    /// Codes one document.
    pub fn code(&self, doc: &Document) -> CodedDocument {
        let sentences = analyse_paragraphs(&doc.text);
        let (people, quotes) = if self.options.people {
            let found = quotes::extract_analysed(&doc.text, &sentences, doc.date, self.dict);
            (found.people, found.quotes)
        } else {
            (People::default(), Vec::new())
        };
        let resolver: Option<&dyn MentionResolver> = self.options.people.then_some(&people);
        let sentence_events = self.coder.code_story_with(&sentences, doc.date, resolver);
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        let (document_tone, sentence_tones) =
            tone::sentence_and_document_tones(&texts, self.options.compound);
        let mut events: Vec<DocEvent> = Vec::new();
        for (index, (analysis, coded)) in sentences.iter().zip(&sentence_events).enumerate() {
            if coded.is_empty() {
                continue;
            }
            let times = when::find(analysis, doc.date);
            let found = places::find(analysis, self.gazetteer);
            let sentence_tone = sentence_tones[index].tone;
            let span = sentence_span(analysis);
            for event in coded {
                let verb = event.spans.verb.0 as usize;
                let mut when = when::event_date(&times, verb, doc.date);
                when.bytes = shift(&when.bytes, analysis.offset);
                let place = places::best_for_event(analysis, &found, verb).map(|m| EventPlace {
                    name: m.place.name.to_string(),
                    country: m.place.country.to_string(),
                    lat: m.place.lat,
                    lon: m.place.lon,
                    span: (
                        analysis.offset + m.bytes.start,
                        analysis.offset + m.bytes.end,
                    ),
                });
                // "killed 23 people in Tel Aviv": a side named only by its role (`---CVL`)
                // takes the country of the place where the event happened.
                let mut event = event.clone();
                // Failing a place in the verb's clause, a place elsewhere in the sentence
                // ("killed 23 people ... when they blew themselves up in Tel Aviv") still says
                // where the unnamed side was; it fills a country but is not the event's place.
                let role_only = |code: &str| code.len() > 3 && code.starts_with("---");
                let fill_country = (role_only(&event.source) || role_only(&event.target))
                    .then(|| {
                        place.as_ref().map(|p| p.country.as_str()).or_else(|| {
                            found
                                .iter()
                                .find(|m| m.cue == places::Cue::Preposition)
                                .map(|m| &*m.place.country)
                        })
                    })
                    .flatten();
                if let Some(country) = fill_country {
                    for code in [&mut event.source, &mut event.target] {
                        if let Some(role) = code.strip_prefix("---").filter(|r| !r.is_empty()) {
                            *code = format!("{country}{role}").into();
                        }
                    }
                }
                // An unnamed perpetrator placed nowhere says nothing about relations.
                if event.source.starts_with("---UAF") || event.target.starts_with("---UAF") {
                    continue;
                }
                let event = &event;
                let evidence = Evidence {
                    sentence: index,
                    span,
                };
                let same = |e: &DocEvent| {
                    e.event.source == event.source
                        && e.event.target == event.target
                        && e.event.cameo == event.cameo
                };
                match events.iter_mut().find(|e| self.options.dedup && same(e)) {
                    Some(known) => {
                        known.mentions += 1;
                        if !known.evidence.iter().any(|e| e.sentence == index) {
                            known.evidence.push(evidence);
                        }
                        // A later sentence may say when or where the first did not.
                        if known.when.precision == Precision::Document
                            && when.precision != Precision::Document
                        {
                            known.when = when;
                        }
                        if known.place.is_none() {
                            known.place = place;
                        }
                    }
                    None => events.push(DocEvent {
                        event: event.clone(),
                        sentence: index,
                        when,
                        place,
                        tone: sentence_tone,
                        mentions: 1,
                        evidence: vec![evidence],
                    }),
                }
            }
        }
        CodedDocument {
            tone: document_tone,
            sentences,
            sentence_events,
            events,
            people,
            quotes,
        }
    }
}

/// The byte range of a sentence's text in the document, without surrounding white space.
pub fn sentence_span(analysis: &Analysis) -> (usize, usize) {
    let lead = analysis.text.len() - analysis.text.trim_start().len();
    let start = analysis.offset + lead;
    (start, start + analysis.text.trim().len())
}

fn shift(range: &std::ops::Range<usize>, by: usize) -> std::ops::Range<usize> {
    if range.is_empty() {
        range.clone()
    } else {
        range.start + by..range.end + by
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_code::CoderOptions;
    use detente_dict::codebook::Codebook;

    fn document(text: &str, date: u32) -> Document {
        Document::from_text("test", date, text)
    }

    #[test]
    fn dates_places_people_and_dedup() {
        let dict = detente_dict::builtin::shared();
        let coder = Coder::new(dict, Codebook::builtin(), CoderOptions::default());
        let pipeline = Pipeline::new(
            &coder,
            dict,
            Gazetteer::builtin(),
            PipelineOptions::default(),
        );
        let text = "Russian Foreign Minister Sergey Lavrov met Secretary of State John Kerry in \
                    Berlin on Tuesday.\n\nLavrov met Kerry again later. On Monday, he criticized \
                    Germany over its arms sales.";
        let doc = document(text, 20130227);
        let coded = pipeline.code(&doc);
        let meeting = coded
            .events
            .iter()
            .find(|e| e.event.source == "RUSGOV" && e.event.target == "USAGOV")
            .expect("the meeting");
        assert_eq!(meeting.when.date, 20130226, "on Tuesday");
        assert_eq!(meeting.when.precision, Precision::Day);
        let place = meeting.place.as_ref().expect("a place");
        assert_eq!(
            (place.name.as_str(), place.country.as_str()),
            ("Berlin", "DEU")
        );
        assert_eq!(&text[place.span.0..place.span.1], "Berlin");
        assert_eq!(meeting.mentions, 2, "told twice: {:?}", coded.events);
        assert_eq!(meeting.evidence.len(), 2);
        let (s, e) = meeting.evidence[1].span;
        assert_eq!(&text[s..e], "Lavrov met Kerry again later.");
        // "he" is Lavrov, from the document's people.
        let criticism = coded
            .events
            .iter()
            .find(|e| e.event.source == "RUSGOV" && e.event.target == "DEU")
            .expect("Lavrov's criticism, through the pronoun");
        assert_eq!(criticism.when.date, 20130225, "on Monday");
        assert_eq!(criticism.mentions, 1);
    }

    #[test]
    fn without_people_or_dedup() {
        let dict = detente_dict::builtin::shared();
        let coder = Coder::new(dict, Codebook::builtin(), CoderOptions::default());
        let options = PipelineOptions {
            people: false,
            dedup: false,
            compound: false,
        };
        let pipeline = Pipeline::new(&coder, dict, Gazetteer::builtin(), options);
        let text = "Russian Foreign Minister Sergey Lavrov met John Kerry.\n\nLavrov met Kerry \
                    again. Later, he criticized Germany.";
        let coded = pipeline.code(&document(text, 20130227));
        assert!(coded.people.persons().is_empty());
        assert!(
            !coded.events.iter().any(|e| e.event.target == "DEU"),
            "no resolver"
        );
        let meetings = coded
            .events
            .iter()
            .filter(|e| e.event.source == "RUSGOV" && e.event.target == "USAGOV")
            .count();
        assert_eq!(meetings, 2);
    }
}

//! Quote extraction: the direct quotes of one document, each with its speaker (a person of
//! [`crate::people`] where the text names one), the speaker's role, organisation and CAMEO
//! code, and the speech verb.
//!
//! Quotation marks are straight (`"`) or curly (`“ ”`); single marks are left alone (they
//! are apostrophes far more often). A quote left open at the end of a paragraph continues
//! when the next paragraph opens with a mark (the newspaper convention for a quote running
//! over paragraphs); one left open otherwise is a stray mark and is dropped.
//!
//! The speaker is found, in this order:
//! 1. after the quote: `"…," says X`, `"…," X said`, `"…," he says`, `"…," according to X`
//!    (not after a quote closed by a period, which ends the sentence);
//! 2. before it, in the same sentence: `X said: "…"`, `X told reporters, "…"`, and partial
//!    quotes (`X called the plan "a disaster"`): the subject of the nearest speech verb
//!    before the quote;
//! 3. from a neighbouring quote: another quote of the same paragraph that has a speaker
//!    (`"…," X said. "…"`), or, for a paragraph that opens with a quote, the last quote of the
//!    previous paragraph.
//!
//! A quote with no speaker by these rules (a title, a scare quote) is not reported. Reported
//! speech without marks ("Lavrov said the talks ...") is coded as statement events by
//! `detente-code` and is not a quote here.

use crate::people::{is_cue, paragraphs, DocTokens, MentionKind, People, PersonId, Tok};
use detente_dict::model::{AgentPlacement, Date};
use detente_dict::Dictionaries;
use detente_text::Tag;
use std::ops::Range;

/// The quotation marks of one quote: what they enclose, per paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct QuoteSpan {
    /// The quoted text of each paragraph the quote covers (marks excluded, trimmed).
    pub parts: Vec<Range<usize>>,
    /// The same regions with their marks.
    pub marked: Vec<Range<usize>>,
}

/// Finds the quotation marks of `text` and pairs them (see the module doc).
pub(crate) fn find_quote_spans(text: &str) -> Vec<QuoteSpan> {
    let paras = paragraphs(text);
    let mut out = Vec::new();
    // The quote being read: its finished parts, and where its current part began (the mark).
    let mut current: Option<(QuoteSpan, usize)> = None;
    for (p, range) in paras.iter().enumerate() {
        let para = &text[range.clone()];
        let mut chars = para.char_indices().peekable();
        if let Some((span, _)) = current.take() {
            // A quote left open: continues only if this paragraph opens with a mark.
            if let Some(&(0, c)) = chars.peek() {
                if c == '"' || c == '“' {
                    chars.next();
                    current = Some((span, range.start));
                }
            }
        }
        for (i, c) in chars {
            let at = range.start + i;
            let opener = current
                .as_ref()
                .and_then(|(_, open)| text[*open..].chars().next());
            let closes = match (opener, c) {
                // A curly quote closes only with a curly mark: straight marks inside it are
                // a quote within the quote.
                (Some('“'), '”') => true,
                (Some('"'), '"' | '”') => true,
                _ => false,
            };
            if closes {
                if let Some((mut span, open)) = current.take() {
                    let end = at + c.len_utf8();
                    push_part(text, &mut span, open, at, end);
                    if !span.parts.is_empty() {
                        out.push(span);
                    }
                }
            } else if current.is_none() && (c == '"' || c == '“') {
                let span = QuoteSpan {
                    parts: Vec::new(),
                    marked: Vec::new(),
                };
                current = Some((span, at));
            }
        }
        if let Some((mut span, open)) = current.take() {
            let continues = paras.get(p + 1).is_some_and(|next| {
                text[next.clone()].starts_with('"') || text[next.clone()].starts_with('“')
            });
            if continues {
                push_part(text, &mut span, open, range.end, range.end);
                current = Some((span, range.end));
            }
        }
    }
    out
}

/// Adds the part between the mark at `open` and the closing mark at `close..end`.
fn push_part(text: &str, span: &mut QuoteSpan, open: usize, close: usize, end: usize) {
    let mark_len = text[open..].chars().next().map_or(0, char::len_utf8);
    let inner_start = (open + mark_len).min(close);
    let inner = &text[inner_start..close];
    let lead = inner.len() - inner.trim_start().len();
    // The comma before an attribution ("…," he said) belongs to the sentence, not the quote
    // (a part ending a paragraph, with no closing mark, keeps its own).
    let mut trimmed = inner.trim();
    if end > close {
        trimmed = trimmed.trim_end_matches(',').trim_end();
    }
    if !trimmed.is_empty() {
        let s = inner_start + lead;
        span.parts.push(s..s + trimmed.len());
    }
    span.marked.push(open..end);
}

/// How a quote's speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// Attribution next to the quote (`"…," X said`, `X said: "…"`).
    Direct,
    /// A few quoted words inside a sentence whose subject said them.
    Partial,
    /// No attribution of its own: continues a neighbouring quote's speaker.
    Continued,
}

impl QuoteKind {
    /// `direct`, `partial` or `continued`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Continued => "continued",
        }
    }
}

/// Who said a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The person's fullest name, or the words naming a speaker who is not a registered
    /// person ("Foreign Ministry", "a senior official").
    pub name: String,
    /// The person, when the speaker is one.
    pub person: Option<PersonId>,
    /// Role as written.
    pub role: Option<String>,
    /// Organisation as written.
    pub organisation: Option<String>,
    /// CAMEO actor code on the document's date.
    pub code: Option<String>,
    /// Byte offsets of the words that name the speaker at this quote ("he", "Mr. Lavrov").
    pub start: usize,
    /// One past their end.
    pub end: usize,
}

impl Speaker {
    /// The country part of the code (`RUS` for `RUSGOV`).
    pub fn country(&self) -> Option<&str> {
        let country = self.code.as_deref()?.get(..3)?;
        (country != "---" && country.chars().all(|c| c.is_ascii_uppercase())).then_some(country)
    }
}

/// A direct or partial quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words (without a comma before the closing mark); the parts of a quote
    /// running over paragraphs are joined by a newline.
    pub text: String,
    /// Byte offset of the first quoted byte (after the opening mark).
    pub start: usize,
    /// Byte offset one past the last quoted byte (before the closing mark).
    pub end: usize,
    /// Who said it.
    pub speaker: Speaker,
    /// The speech verb as written ("says", "told"); for a continued quote, the verb of the
    /// quote it continues.
    pub cue: String,
    /// How the speaker was found.
    pub kind: QuoteKind,
}

/// The people and the quotes of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentQuotes {
    /// The people of the document.
    pub people: People,
    /// The quotes, in document order.
    pub quotes: Vec<Quote>,
}

/// Finds the quotes of `text` (a document's body, paragraphs separated by newlines) on
/// `date` (`YYYYMMDD`), with speakers resolved against the document's people.
///
/// ```
/// use detente_dict::Dictionaries;
/// use detente_doc::quotes::extract;
///
/// let text = "Foreign Minister Anna Berg spoke on Monday.\n\n\
///             \u{201c}We will not give in,\u{201d} she said. \"Never.\"";
/// let found = extract(text, 20130227, &Dictionaries::default());
/// assert_eq!(found.quotes.len(), 2);
/// assert_eq!(found.quotes[0].text, "We will not give in");
/// assert_eq!(found.quotes[0].speaker.name, "Anna Berg");
/// assert_eq!(found.quotes[0].cue, "said");
/// assert_eq!(found.quotes[1].speaker.name, "Anna Berg");
/// ```
pub fn extract(text: &str, date: Date, dict: &Dictionaries) -> DocumentQuotes {
    extract_analysed(text, &crate::people::analyse_paragraphs(text), date, dict)
}

/// [`extract`] over the document's sentences as [`crate::people::analyse_paragraphs`] gave
/// them (a caller that codes the document too analyses it once).
pub fn extract_analysed(
    text: &str,
    analyses: &[detente_text::Analysis],
    date: Date,
    dict: &Dictionaries,
) -> DocumentQuotes {
    let spans = find_quote_spans(text);
    let tokens = DocTokens::from_analyses(text, analyses, &spans);
    let people = People::from_tokens(&tokens, date, dict);
    let finder = Finder {
        text,
        toks: &tokens,
        people: &people,
        dict,
        date,
    };
    // First pass: each quote's own attribution.
    let mut found: Vec<(QuoteSpan, Option<Attribution>)> = spans
        .into_iter()
        .map(|span| {
            let a = finder.attribute(&span);
            (span, a)
        })
        .collect();
    // Second pass: quotes without one take a neighbour's.
    let paragraph_of = |offset: usize| {
        tokens
            .paragraphs
            .partition_point(|p| p.end <= offset)
            .min(tokens.paragraphs.len().saturating_sub(1))
    };
    let info: Vec<(usize, usize, bool)> = found
        .iter()
        .map(|(span, _)| {
            let open = span.marked.first().map_or(0, |m| m.start);
            let close = span.marked.last().map_or(0, |m| m.start);
            let p = paragraph_of(open);
            let opens = tokens.paragraphs.get(p).is_some_and(|r| r.start == open);
            (p, paragraph_of(close), opens)
        })
        .collect();
    for q in 0..found.len() {
        if found[q].1.is_some() {
            continue;
        }
        let (p, _, opens) = info[q];
        let earlier = (0..q).rev().take_while(|&o| info[o].1 == p).find(|&o| {
            found[o]
                .1
                .as_ref()
                .is_some_and(|a| a.kind != QuoteKind::Partial)
        });
        let later = (q + 1..found.len())
            .take_while(|&o| info[o].0 == p)
            .find(|&o| {
                found[o]
                    .1
                    .as_ref()
                    .is_some_and(|a| a.kind == QuoteKind::Direct)
            });
        let previous = if opens && p > 0 {
            (0..q)
                .rev()
                .take_while(|&o| info[o].1 + 1 >= p)
                .find(|&o| info[o].1 + 1 == p)
                .filter(|&o| found[o].1.is_some())
        } else {
            None
        };
        if let Some(o) = earlier.or(later).or(previous) {
            let mut a = found[o].1.clone();
            if let Some(a) = &mut a {
                a.kind = QuoteKind::Continued;
            }
            found[q].1 = a;
        }
    }
    let quotes = found
        .into_iter()
        .filter_map(|(span, a)| {
            let a = a?;
            let first = span.parts.first()?;
            let last = span.parts.last()?;
            let text: Vec<&str> = span.parts.iter().map(|r| &finder.text[r.clone()]).collect();
            Some(Quote {
                text: text.join("\n"),
                start: first.start,
                end: last.end,
                speaker: a.speaker,
                cue: a.cue,
                kind: a.kind,
            })
        })
        .collect();
    DocumentQuotes { people, quotes }
}

/// A quote's speaker, verb and kind.
#[derive(Clone, Debug)]
struct Attribution {
    speaker: Speaker,
    cue: String,
    kind: QuoteKind,
}

struct Finder<'t> {
    text: &'t str,
    toks: &'t DocTokens,
    people: &'t People,
    dict: &'t Dictionaries,
    date: Date,
}

/// Whether a token ends a sentence.
fn is_final(t: &Tok) -> bool {
    matches!(t.text.as_str(), "." | "!" | "?" | ";" | "…")
}

/// Words that may begin a speaker's noun phrase.
fn may_begin_speaker(t: &Tok) -> bool {
    t.capitalised() && !t.tag.is_punctuation()
        || t.is(&[
            "the", "a", "an", "he", "she", "they", "we", "i", "one", "another",
        ])
        || t.tag == Tag::PRPS
        || (t.tag.is_noun() || t.tag.is_adjective()) && !t.is(&["according"])
}

impl Finder<'_> {
    fn attribute(&self, span: &QuoteSpan) -> Option<Attribution> {
        let toks = &self.toks.toks;
        let open = span.marked.first()?.start;
        let close_end = span.marked.last()?.end;
        let last_part = span.parts.last()?;
        // Tokens after the closing mark, up to the end of the clause.
        let first_after = toks.partition_point(|t| t.start < close_end);
        let paragraph = toks.get(first_after).map(|t| t.paragraph);
        let close_paragraph = toks.get(first_after.saturating_sub(1)).map(|t| t.paragraph);
        let mut after_end = first_after;
        while after_end < toks.len()
            && !toks[after_end].quoted
            && paragraph == close_paragraph
            && toks[after_end].paragraph == toks[first_after].paragraph
            && !is_final(&toks[after_end])
        {
            after_end += 1;
        }
        // Tokens before the opening mark, back to the start of the sentence.
        let mark = toks.partition_point(|t| t.start < open);
        let mut before_start = mark;
        let open_paragraph = toks.get(mark).map(|t| t.paragraph);
        while before_start > 0
            && !toks[before_start - 1].quoted
            && Some(toks[before_start - 1].paragraph) == open_paragraph
            && !is_final(&toks[before_start - 1])
        {
            before_start -= 1;
        }
        let mid_sentence = mark > before_start
            && !matches!(toks[mark - 1].text.as_str(), "," | ":" | "—" | "-" | "--")
            && !is_cue(&toks[mark - 1]);
        let closed_by_period = self.text[..last_part.end].ends_with('.');
        if !closed_by_period && after_end > first_after {
            if let Some((speaker, cue)) = self.after(first_after..after_end) {
                let kind = if mid_sentence {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Direct
                };
                return self.attribution(speaker, cue, kind);
            }
        }
        if mark > before_start {
            if let Some((speaker, cue)) = self.before(before_start..mark) {
                let kind = if mid_sentence {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Direct
                };
                return self.attribution(speaker, cue, kind);
            }
        }
        None
    }

    /// `"…," says X` / `"…," X said` / `"…," according to X`: the speaker's tokens and the
    /// verb's token.
    fn after(&self, range: Range<usize>) -> Option<(Range<usize>, usize)> {
        let toks = &self.toks.toks;
        let mut k = range.start;
        while k < range.end && toks[k].tag.is_punctuation() {
            k += 1;
        }
        if k >= range.end {
            return None;
        }
        if toks[k].is(&["according"]) && k + 1 < range.end && toks[k + 1].is(&["to"]) {
            let speaker = self.phrase_after(k + 2, range.end);
            return (!speaker.is_empty()).then_some((speaker, k));
        }
        if is_cue(&toks[k]) {
            let speaker = self.phrase_after(k + 1, range.end);
            return (!speaker.is_empty()).then_some((speaker, k));
        }
        if !may_begin_speaker(&toks[k]) {
            return None;
        }
        // Speaker, then the verb: no other verb or clause between.
        let mut m = k;
        while m < range.end && m < k + 10 {
            let t = &toks[m];
            if is_cue(t) && m > k && (t.tag.is_verb() || !toks[m - 1].tag.is_verb()) {
                let mut end = m;
                while end > k && (toks[end - 1].tag.is_adverb() || toks[end - 1].tag == Tag::MD) {
                    end -= 1;
                }
                return (end > k).then_some((k..end, m));
            }
            if t.text == "," && m > k {
                // "…," a spokeswoman, Eleni Stavrou, told: an apposition, then the verb.
                return self.apposition_then_cue(k, m, range.end);
            }
            // A base-form "verb" between nouns is a noun the tagger missed ("a fire service
            // spokeswoman").
            let noun_like = matches!(t.tag, Tag::VB | Tag::VBP)
                && m > k
                && (toks[m - 1].tag.is_noun() || toks[m - 1].tag == Tag::DT)
                && toks.get(m + 1).is_some_and(|n| n.tag.is_noun());
            if (t.tag.is_verb() && !noun_like) || t.tag == Tag::MD || t.is(&["who", "which"]) {
                return None;
            }
            m += 1;
        }
        None
    }

    /// After a speaker `k..comma`: `, <apposition> , (adverbs) <speech verb>`. The speaker
    /// is the apposition when it names a person, else the words before it.
    fn apposition_then_cue(
        &self,
        k: usize,
        comma: usize,
        end: usize,
    ) -> Option<(Range<usize>, usize)> {
        let toks = &self.toks.toks;
        let close = (comma + 1..end.min(comma + 10)).find(|&c| toks[c].text == ",")?;
        if (comma + 1..close).any(|c| toks[c].tag.is_verb() || toks[c].tag == Tag::MD) {
            return None;
        }
        let mut v = close + 1;
        while v < end && toks[v].tag.is_adverb() {
            v += 1;
        }
        if v >= end || !is_cue(&toks[v]) || !toks[v].tag.is_verb() {
            return None;
        }
        let named = self
            .people
            .mention_in(toks[comma + 1].start..toks[close - 1].end)
            .is_some_and(|m| matches!(m.kind, MentionKind::Name | MentionKind::Surname));
        Some((if named { comma + 1..close } else { k..comma }, v))
    }

    /// The noun phrase of a speaker starting at `k` ("Andrei Baklitsky", "the Russian
    /// foreign minister", "Mr. Lukyanov"), up to a comma, a preposition other than `of`, or
    /// a verb.
    fn phrase_after(&self, k: usize, end: usize) -> Range<usize> {
        let toks = &self.toks.toks;
        if k >= end || !may_begin_speaker(&toks[k]) {
            return k..k;
        }
        let mut e = k;
        while e < end {
            let t = &toks[e];
            if t.tag.is_punctuation() && t.text != "." && t.text != "-"
                || t.tag.is_verb()
                || (matches!(t.tag, Tag::IN | Tag::TO | Tag::WDT | Tag::WP) && !t.is(&["of"]))
                || t.is(&[
                    "who", "on", "in", "at", "after", "during", "before", "while",
                ])
            {
                break;
            }
            e += 1;
        }
        k..e
    }

    /// `X said: "…"`, `X told reporters "…"`, `X called the plan "…"`: the subject of the
    /// nearest speech verb before the quote.
    fn before(&self, range: Range<usize>) -> Option<(Range<usize>, usize)> {
        let toks = &self.toks.toks;
        if toks[range.start..range.end]
            .iter()
            .rev()
            .take(2)
            .any(|t| t.is(&["according"]))
            || range.end >= range.start + 3
                && toks[range.end - 1].text == ","
                && toks[range.start].is(&["according"])
        {
            // "According to X, "…"".
            if toks[range.start].is(&["according"]) {
                let speaker = self.phrase_after(range.start + 2, range.end);
                return (!speaker.is_empty()).then_some((speaker, range.start));
            }
        }
        // The nearest speech verb with a subject; a participle ("..., saying that") takes
        // the subject of the verb before it.
        let cues: Vec<usize> = (range.start..range.end)
            .rev()
            .filter(|&m| is_cue(&toks[m]) && (toks[m].tag.is_verb() || m + 1 == range.end))
            .collect();
        let nearest = *cues.first()?;
        for &m in &cues {
            let subject = self.subject_before(range.start, m);
            if !subject.is_empty() {
                return Some((subject, nearest));
            }
        }
        // No subject found: the first person named in the sentence before the verb.
        let mention = self
            .people
            .mentions()
            .iter()
            .find(|p| p.start >= toks[range.start].start && p.end <= toks[nearest].start)?;
        let s = toks.partition_point(|t| t.start < mention.start);
        let e = toks.partition_point(|t| t.start < mention.end);
        (e > s).then_some((s..e, nearest))
    }

    /// The noun phrase right before the verb at `m`: adverbs skipped; a comma-enclosed
    /// apposition or relative clause skipped ("Kerry, who met Lavrov, said"), unless it is a
    /// person's name ("The Dutch minister, Bram de Vries, said": the name); a relative
    /// clause without commas skipped ("an official who attended the talks described").
    fn subject_before(&self, floor: usize, m: usize) -> Range<usize> {
        let toks = &self.toks.toks;
        let mut e = m;
        while e > floor && (toks[e - 1].tag.is_adverb() || toks[e - 1].tag == Tag::MD) {
            e -= 1;
        }
        if e > floor && toks[e - 1].text == "," {
            let mut c = e - 1;
            while c > floor && toks[c - 1].text != "," {
                c -= 1;
            }
            if c == floor {
                return m..m;
            }
            // The inserted words, if they are (or begin with) a person's name.
            if let Some(mention) = self.people.mention_in(toks[c].start..toks[c].end) {
                if matches!(mention.kind, MentionKind::Name | MentionKind::Surname) {
                    let s = c;
                    let e2 = toks.partition_point(|t| t.start < mention.end);
                    return s..e2.max(s + 1);
                }
            }
            e = c - 1;
        }
        let mut s = e;
        loop {
            while s > floor {
                let t = &toks[s - 1];
                let inner = s < e
                    && s - 1 > floor
                    && (toks[s - 2].tag.is_noun()
                        || toks[s - 2].tag.is_adjective()
                        || self.mistagged_noun(floor, s - 2));
                let nominal = t.tag.is_noun()
                    || t.tag.is_adjective()
                    || matches!(t.tag, Tag::DT | Tag::PRP | Tag::PRPS | Tag::POS | Tag::CD)
                    || t.capitalised() && !t.tag.is_punctuation()
                    || t.text == "-" && inner
                    || t.is(&["of", "for", "from", "at", "in", "with"]) && inner
                    || matches!(t.tag, Tag::VBN | Tag::VBG) && inner
                    || self.mistagged_noun(floor, s - 1);
                if !nominal
                    || t.tag.is_verb()
                        && !matches!(t.tag, Tag::VBN | Tag::VBG)
                        && !t.capitalised()
                        && !self.mistagged_noun(floor, s - 1)
                {
                    break;
                }
                s -= 1;
            }
            // "an official who attended the talks": back over the relative clause.
            let relative = (s.saturating_sub(6).max(floor)..s)
                .rev()
                .find(|&r| toks[r].is(&["who", "that", "which"]));
            match relative {
                Some(r) if s > floor && toks[s - 1].tag.is_verb() && r > floor && s < e => {
                    e = r;
                    s = r;
                }
                _ => break,
            }
        }
        // Never start on a preposition or a participle.
        while s < e && (toks[s].tag == Tag::IN || toks[s].tag == Tag::VBN) {
            s += 1;
        }
        s..e
    }

    /// Whether the present-tense "verb" at `i` is a noun the tagger missed, as subjects'
    /// heads often are ("One monitor, who ...", "Farm groups in ..."): it follows a
    /// determiner, number, adjective or noun (or opens the clause) and is followed by a
    /// preposition, a comma or a noun.
    fn mistagged_noun(&self, floor: usize, i: usize) -> bool {
        let toks = &self.toks.toks;
        let Some(t) = toks.get(i) else { return false };
        if !matches!(t.tag, Tag::VB | Tag::VBP | Tag::VBZ) || t.capitalised() {
            return false;
        }
        let before = i == floor
            || toks.get(i.wrapping_sub(1)).is_some_and(|p| {
                p.tag.is_noun()
                    || p.tag.is_adjective()
                    || matches!(p.tag, Tag::DT | Tag::CD | Tag::PRPS | Tag::POS)
            });
        let after = toks
            .get(i + 1)
            .is_some_and(|n| n.tag == Tag::IN || n.text == "," || n.tag.is_noun());
        before && after
    }

    fn attribution(
        &self,
        speaker: Range<usize>,
        cue: usize,
        kind: QuoteKind,
    ) -> Option<Attribution> {
        let toks = &self.toks.toks;
        let first = toks.get(speaker.start)?;
        let last = toks.get(speaker.end.checked_sub(1)?)?;
        let (start, end) = (first.start, last.end);
        let cue = toks.get(cue)?.text.clone();
        // "said the union's president, Rui Pereira, at a rally": the name after the comma.
        let apposed = || {
            let comma = toks.get(speaker.end).filter(|t| t.text == ",")?;
            let next = toks.get(speaker.end + 1)?;
            let m = self.people.mention_in(next.start..next.end)?;
            (m.start >= comma.end && matches!(m.kind, MentionKind::Name)).then_some(m)
        };
        // The person the phrase is about, not a possessor in it ("Smith's lawyer", "his
        // spokesman").
        let head = self
            .people
            .mentions()
            .iter()
            .filter(|m| m.start < end && start < m.end)
            .find(|m| {
                let after = toks.partition_point(|t| t.start < m.end);
                let possessive = toks.get(after).is_some_and(|t| t.tag == Tag::POS)
                    || self.text[m.start..m.end].ends_with("'s")
                    || self.text[m.start..m.end].ends_with("’s");
                let object = matches!(
                    self.text[m.start..m.end].to_lowercase().as_str(),
                    "his" | "her" | "him" | "hers"
                );
                !possessive && !object
            });
        let speaker = match head.or_else(apposed) {
            Some(mention) => {
                let p = self.people.person(mention.person)?;
                Speaker {
                    name: p.name.clone(),
                    person: Some(mention.person),
                    role: p.role.clone(),
                    organisation: p.organisation.clone(),
                    code: p.code.clone(),
                    start,
                    end,
                }
            }
            None => {
                let mut words = speaker.clone();
                while words.start < words.end && toks[words.start].is(&["the"]) {
                    words.start += 1;
                }
                let name = self.toks.text_of(self.text, words).to_string();
                if name.is_empty() {
                    return None;
                }
                Speaker {
                    name,
                    person: None,
                    role: None,
                    organisation: None,
                    code: self.code_words(speaker),
                    start,
                    end,
                }
            }
        };
        Some(Attribution {
            speaker,
            cue: cue.to_string(),
            kind,
        })
    }

    /// The CAMEO code of a speaker who is not a person ("the Foreign Ministry", "a Kremlin
    /// spokesman"): the first actor's code with the first agent's.
    fn code_words(&self, range: Range<usize>) -> Option<String> {
        let toks = &self.toks.toks[range];
        let words: Vec<&str> = toks.iter().map(|t| t.upper.as_str()).collect();
        let mut actor: Option<String> = None;
        let mut agent: Option<(String, AgentPlacement)> = None;
        let mut k = 0;
        while k < words.len() {
            if let Some(m) = self.dict.match_actor(&words, k) {
                if actor.is_none() {
                    actor = self.dict.actors[m.id as usize]
                        .codes_on(self.date)
                        .first()
                        .filter(|c| !c.starts_with("---") && !c.starts_with("+++"))
                        .map(|c| c.to_string());
                }
                k += m.len.max(1);
            } else if let Some(m) = self.dict.match_agent(&words, k) {
                let a = &self.dict.agents[m.id as usize];
                agent.get_or_insert((a.code.to_string(), a.placement));
                k += m.len.max(1);
            } else {
                k += 1;
            }
        }
        match (actor, agent) {
            (Some(a), Some((g, AgentPlacement::Suffix))) if a.len() == 3 => Some(format!("{a}{g}")),
            (Some(a), Some((g, AgentPlacement::Prefix))) if a.len() == 3 => Some(format!("{g}{a}")),
            (Some(a), _) => Some(a),
            (None, Some((g, _))) => Some(format!("---{g}")),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        find_quote_spans(text)
            .iter()
            .map(|s| &text[s.parts[0].clone()])
            .collect()
    }

    #[test]
    fn marks_pair_up() {
        assert_eq!(texts("He said \"yes\" and “no”."), ["yes", "no"]);
        assert_eq!(texts("A stray \" mark."), Vec::<&str>::new());
        assert_eq!(texts("It’s ‘fine’."), Vec::<&str>::new());
        assert_eq!(
            texts("“Nested \"inner\" words”"),
            ["Nested \"inner\" words"]
        );
    }

    #[test]
    fn quotes_run_over_paragraphs() {
        let text = "\"First part.\n\n\"Second part,\" he said.\n\nAfter.";
        let spans = find_quote_spans(text);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].parts.len(), 2);
        assert_eq!(&text[spans[0].parts[1].clone()], "Second part");
        // Not continued: dropped.
        assert!(find_quote_spans("\"Open\n\nNo mark here.").is_empty());
    }

    #[test]
    fn speakers_from_patterns() {
        let dict = Dictionaries::default();
        let text = "\"We are ready,\" said Jane Doe, an analyst.\n\n\
                    Jane Doe said: \"Talks will start.\"\n\n\
                    John Smith called the plan \"a dead end\" on Monday.\n\n\
                    \"It is late,\" Mr. Smith said. \"Very late.\"";
        let found = extract(text, 20200101, &dict);
        let got: Vec<(&str, &str, QuoteKind)> = found
            .quotes
            .iter()
            .map(|q| (q.text.as_str(), q.speaker.name.as_str(), q.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("We are ready", "Jane Doe", QuoteKind::Direct),
                ("Talks will start.", "Jane Doe", QuoteKind::Direct),
                ("a dead end", "John Smith", QuoteKind::Partial),
                ("It is late", "John Smith", QuoteKind::Direct),
                ("Very late.", "John Smith", QuoteKind::Continued),
            ]
        );
    }

    #[test]
    fn possessors_are_not_speakers() {
        let dict = Dictionaries::default();
        let text = "Foreign Minister Anna Berg was not there.\n\n\
                    \"She will answer later,\" her spokesman said.\n\n\
                    \"No comment,\" said Berg's lawyer, Jon Vik.";
        let found = extract(text, 20200101, &dict);
        let got: Vec<&str> = found
            .quotes
            .iter()
            .map(|q| q.speaker.name.as_str())
            .collect();
        assert_eq!(got, ["her spokesman", "Jon Vik"]);
    }
}

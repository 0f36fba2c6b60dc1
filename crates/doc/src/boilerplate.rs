//! Boilerplate removal: what a news page wraps around its article — photo credits and
//! captions, paywall and subscription prompts, share, related-story and newsletter blocks,
//! cookie notices, menus, advertisements, time stamps — is cut line by line, each removal
//! keeping its reason and the rule that made it; bylines and datelines are cut from the body
//! and kept as metadata. The cleaned text only ever keeps whole pieces of the original, so
//! every offset in it maps back to the original ([`crate::document::Alignment`]).
//!
//! The cleaner is a list of small rules (in the manner of vaporetto's string filters): a
//! [`LineRule`] judges one line on its own words; a [`ContextRule`] then looks at lines
//! around the verdicts (the caption beside a photo credit, the headlines under "Related:",
//! a run of menu items). [`Cleaner::standard`] holds the rules below; [`CleanerBuilder`]
//! builds other lists. Rules only ever remove short lines or lines beside other boilerplate:
//! losing an article sentence is worse than keeping a stray credit.
//!
//! ```
//! use detente_doc::boilerplate::{Cleaner, Reason};
//! let page = "MOSCOW (Reuters) - Russia said on Tuesday it would send a delegation.\n\
//!             Share this article\n\
//!             Subscribe to continue reading.\n";
//! let cleaned = Cleaner::standard().clean(page);
//! assert_eq!(cleaned.text, "Russia said on Tuesday it would send a delegation.");
//! assert_eq!(cleaned.dateline.as_deref(), Some("MOSCOW (Reuters)"));
//! assert_eq!(cleaned.removed[1].reason, Reason::Share);
//! assert_eq!(cleaned.alignment.to_original(0), 19);
//! ```

use crate::document::Alignment;
use aho_corasick::{AhoCorasick, MatchKind};
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// Why a piece of the original was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// A photo caption.
    Caption,
    /// A photo credit (`Jane Doe/AP`, `Photo: AFP`).
    Credit,
    /// A paywall or subscription prompt.
    Paywall,
    /// Share buttons.
    Share,
    /// Related stories, "Read more", most-read lists.
    Related,
    /// A newsletter sign-up box.
    Newsletter,
    /// A cookie or consent notice.
    Cookie,
    /// Menus, breadcrumbs, "Skip to content".
    Navigation,
    /// Advertisements and sponsored-content labels.
    Advertisement,
    /// "Published ... / Updated ..." lines and reading times.
    Timestamp,
    /// Copyright notices.
    Copyright,
    /// Comment-section prompts.
    Comments,
    /// A byline ("By Jane Doe"), kept as metadata.
    Byline,
    /// A dateline ("MOSCOW (Reuters) —"), kept as metadata.
    Dateline,
    /// A block of an HTML page that is mostly link text.
    LinkList,
    /// Page furniture outside the article: site header, footer, sidebar, forms.
    PageChrome,
    /// Calls to act: "Click here", "Watch the video above", "Send us a tip", donation
    /// appeals, app downloads.
    Promotion,
    /// Notes about the story rather than the story: "Editor's note: ...", "This story has
    /// been updated".
    EditorialNote,
    /// Embedded posts from social networks.
    Embed,
    /// Lines of punctuation only (`___`, `* * *`).
    Separator,
    /// A short line standing alone that is not a sentence ("Supported by", "Enditem",
    /// "Media enquiries"), other than the headline.
    Fragment,
}

impl Reason {
    /// A short lower-case name: `caption`, `paywall`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Caption => "caption",
            Reason::Credit => "credit",
            Reason::Paywall => "paywall",
            Reason::Share => "share",
            Reason::Related => "related",
            Reason::Newsletter => "newsletter",
            Reason::Cookie => "cookie",
            Reason::Navigation => "navigation",
            Reason::Advertisement => "advertisement",
            Reason::Timestamp => "timestamp",
            Reason::Copyright => "copyright",
            Reason::Comments => "comments",
            Reason::Byline => "byline",
            Reason::Dateline => "dateline",
            Reason::LinkList => "link-list",
            Reason::PageChrome => "page-chrome",
            Reason::Promotion => "promotion",
            Reason::EditorialNote => "editorial-note",
            Reason::Embed => "embed",
            Reason::Separator => "separator",
            Reason::Fragment => "fragment",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A removed piece of the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Its byte range in the original.
    pub range: Range<usize>,
    /// Why it was removed.
    pub reason: Reason,
    /// The rule that removed it (`markup` for what an HTML page's structure marked).
    pub rule: &'static str,
}

/// One line of the original, as the rules see it.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The line without surrounding white space.
    pub text: &'a str,
    /// `text` in lower case.
    pub lower: String,
    /// Byte range of `text` in the original.
    pub range: Range<usize>,
    /// Index of the paragraph (lines separated by blank lines) the line belongs to.
    pub paragraph: usize,
    /// Number of words (white-space separated).
    pub words: usize,
}

impl Line<'_> {
    /// True when the line ends as a sentence does (`.`, `?`, `!`, or a closing quote).
    pub fn ends_sentence(&self) -> bool {
        self.text
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '?', '!', '…'])
    }
}

/// A verdict on a line: why it goes and which rule said so.
pub type Verdict = Option<(Reason, &'static str)>;

/// A rule that judges one line on its own.
pub trait LineRule: Send + Sync {
    /// The rule's name, kept with each removal it makes.
    fn name(&self) -> &'static str;
    /// Why `line` is boilerplate, or `None` when it is not this rule's kind.
    fn judge(&self, line: &Line<'_>) -> Option<Reason>;
}

/// A rule that looks at lines around the verdicts of the line rules.
pub trait ContextRule: Send + Sync {
    /// The rule's name, kept with each removal it makes.
    fn name(&self) -> &'static str;
    /// Changes verdicts (only ever from keep to remove).
    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]);
}

/// The result of cleaning a text.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// The kept lines: lines of one paragraph joined by a line break, paragraphs (and lines
    /// that had a removed line between them) by a blank line.
    pub text: String,
    /// Maps `text` back to the original.
    pub alignment: Alignment,
    /// What was removed, in order, with reasons.
    pub removed: Vec<Removed>,
    /// The first byline found, without its "By".
    pub byline: Option<String>,
    /// The dateline cut from the first kept line.
    pub dateline: Option<String>,
}

/// Builds a [`Cleaner`] from a list of rules.
#[derive(Default)]
pub struct CleanerBuilder {
    line_rules: Vec<Box<dyn LineRule>>,
    context_rules: Vec<Box<dyn ContextRule>>,
    datelines: bool,
}

impl CleanerBuilder {
    /// An empty list: a cleaner that keeps everything.
    pub fn new() -> CleanerBuilder {
        CleanerBuilder::default()
    }

    /// Adds a line rule (rules are asked in the order added; the first verdict stands).
    pub fn line_rule(mut self, rule: impl LineRule + 'static) -> CleanerBuilder {
        self.line_rules.push(Box::new(rule));
        self
    }

    /// Adds a context rule (run in the order added, after all line rules).
    pub fn context_rule(mut self, rule: impl ContextRule + 'static) -> CleanerBuilder {
        self.context_rules.push(Box::new(rule));
        self
    }

    /// Cut a dateline from the start of the first kept line.
    pub fn datelines(mut self, yes: bool) -> CleanerBuilder {
        self.datelines = yes;
        self
    }

    /// The cleaner: immutable, shared across threads.
    pub fn build(self) -> Cleaner {
        Cleaner {
            line_rules: self.line_rules,
            context_rules: self.context_rules,
            datelines: self.datelines,
        }
    }
}

/// Removes boilerplate from article text.
pub struct Cleaner {
    line_rules: Vec<Box<dyn LineRule>>,
    context_rules: Vec<Box<dyn ContextRule>>,
    datelines: bool,
}

impl fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self
            .line_rules
            .iter()
            .map(|r| r.name())
            .chain(self.context_rules.iter().map(|r| r.name()))
            .collect();
        f.debug_struct("Cleaner")
            .field("rules", &names)
            .field("datelines", &self.datelines)
            .finish()
    }
}

impl Default for Cleaner {
    fn default() -> Cleaner {
        Cleaner::standard()
    }
}

impl Cleaner {
    /// The standard rules, for news in English.
    pub fn standard() -> Cleaner {
        CleanerBuilder::new()
            .line_rule(Phrases::cookie())
            .line_rule(Phrases::newsletter())
            .line_rule(Paywall)
            .line_rule(Phrases::share())
            .line_rule(Phrases::related())
            .line_rule(Credit)
            .line_rule(Phrases::caption())
            .line_rule(Phrases::advertisement())
            .line_rule(Timestamp)
            .line_rule(Phrases::copyright())
            .line_rule(Phrases::comments())
            .line_rule(Menu)
            .line_rule(Phrases::credits_trailer())
            .line_rule(Phrases::promotion())
            .line_rule(Phrases::editorial_note())
            .line_rule(Separator)
            .line_rule(Contact)
            .context_rule(CaptionBesideCredit)
            .context_rule(CaptionBetweenCredits)
            .context_rule(RelatedList)
            .context_rule(MenuRun)
            .context_rule(BoxHeading)
            .context_rule(Byline)
            .context_rule(Kicker)
            .context_rule(Fragment)
            .context_rule(AuthorBio)
            .datelines(true)
            .build()
    }

    /// A cleaner that removes nothing (for text known to be clean).
    pub fn none() -> Cleaner {
        CleanerBuilder::new().build()
    }

    /// Cleans `original`.
    pub fn clean(&self, original: &str) -> Cleaned {
        self.clean_marked(original, &[])
    }

    /// Cleans `original`, where `marked` are ranges already known to be boilerplate (from an
    /// HTML page's structure: `<nav>`, `<figcaption>`, a `class="share"` block...). A line
    /// inside a marked range is removed with that reason before any rule runs.
    pub fn clean_marked(&self, original: &str, marked: &[(Range<usize>, Reason)]) -> Cleaned {
        let lines = split_lines(original);
        let mut verdicts: Vec<Verdict> = vec![None; lines.len()];
        for (line, verdict) in lines.iter().zip(verdicts.iter_mut()) {
            if let Some((_, reason)) = marked
                .iter()
                .find(|(r, _)| r.start <= line.range.start && line.range.end <= r.end)
            {
                *verdict = Some((*reason, "markup"));
                continue;
            }
            *verdict = self
                .line_rules
                .iter()
                .find_map(|rule| rule.judge(line).map(|reason| (reason, rule.name())));
        }
        for rule in &self.context_rules {
            rule.apply(&lines, &mut verdicts);
        }
        assemble(original, &lines, &verdicts, self.datelines)
    }
}

/// Splits into non-blank lines with their paragraph numbers.
fn split_lines(original: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut paragraph = 0;
    let mut blank = false;
    let mut start = 0;
    for raw in original.split_inclusive('\n') {
        let end = start + raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        let text = body.trim();
        if text.is_empty() {
            blank = true;
        } else {
            if blank && !lines.is_empty() {
                paragraph += 1;
            }
            blank = false;
            let lead = body.len() - body.trim_start().len();
            let range = start + lead..start + lead + text.len();
            lines.push(Line {
                text,
                lower: text.to_lowercase(),
                range,
                paragraph,
                words: text.split_whitespace().count(),
            });
        }
        start = end;
    }
    lines
}

fn assemble(original: &str, lines: &[Line<'_>], verdicts: &[Verdict], datelines: bool) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let mut previous_kept: Option<usize> = None;
    let mut past_lead = false;
    for (index, (line, verdict)) in lines.iter().zip(verdicts).enumerate() {
        if let Some((reason, rule)) = verdict {
            if *reason == Reason::Byline
                && cleaned.byline.is_none()
                && matches!(*rule, "byline" | "markup")
                && line.words <= 10
            {
                cleaned.byline = Some(strip_by(line.text).to_string());
            }
            cleaned.removed.push(Removed {
                range: line.range.clone(),
                reason: *reason,
                rule,
            });
            continue;
        }
        let mut range = line.range.clone();
        // the dateline opens the body: look at the kept lines up to the first long one
        // (a headline may come before it)
        if datelines && !past_lead && cleaned.dateline.is_none() {
            past_lead = line.words >= 15;
            if let Some((cut, dateline)) = split_dateline(line.text) {
                cleaned.dateline = Some(dateline.to_string());
                cleaned.removed.push(Removed {
                    range: range.start..range.start + cut,
                    reason: Reason::Dateline,
                    rule: "dateline",
                });
                range.start += cut;
            }
        }
        if let Some(prev) = previous_kept {
            let adjacent = prev + 1 == index && lines[prev].paragraph == line.paragraph;
            cleaned.text.push_str(if adjacent { "\n" } else { "\n\n" });
        }
        cleaned
            .alignment
            .push(cleaned.text.len(), range.start, range.len());
        cleaned.text.push_str(&original[range]);
        previous_kept = Some(index);
    }
    cleaned
}

/// "By Jane Doe · 12 June 2021" → "Jane Doe".
fn strip_by(text: &str) -> &str {
    let lower = text.to_lowercase();
    let mut name = text;
    for prefix in ["written by ", "by "] {
        if lower.starts_with(prefix) && text.is_char_boundary(prefix.len()) {
            name = &text[prefix.len()..];
            break;
        }
    }
    name_part(name).trim()
}

/// The part of a byline before a separator (`·`, `|`, `•`, `—`).
fn name_part(text: &str) -> &str {
    text.split(['·', '|', '•', '—']).next().unwrap_or(text)
}

/// Splits a dateline (`MOSCOW (Reuters) -`, `KYIV, Ukraine (AP) —`, `WASHINGTON —`) from the
/// start of a line: returns the number of bytes to cut (dateline and separator) and the
/// dateline itself.
pub fn split_dateline(line: &str) -> Option<(usize, &str)> {
    let window = &line[..floor_boundary(line, 120)];
    let (sep_start, sep_end) = [" — ", " – ", " -- ", " - ", "— ", "– "]
        .iter()
        .filter_map(|sep| window.find(sep).map(|at| (at, at + sep.len())))
        .min()?;
    let prefix = line[..sep_start].trim();
    if line[sep_end..].trim().is_empty() {
        return None;
    }
    let head = match prefix.strip_suffix(')') {
        Some(inner) => {
            let open = inner.rfind('(')?;
            let agency = &inner[open + 1..];
            if agency.split_whitespace().count() > 4 || agency.trim().is_empty() {
                return None;
            }
            inner[..open].trim()
        }
        None => prefix,
    };
    if head.is_empty() && prefix.starts_with('(') {
        // an agency alone, its words capitalised: "(CNN) —"
        let agency = prefix.trim_matches(['(', ')']);
        if !agency
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return None;
        }
        let mut cut = sep_end;
        cut += line[cut..].len() - line[cut..].trim_start().len();
        return Some((cut, prefix));
    }
    let (place, rest) = match head.split_once(',') {
        Some((place, rest)) => (place.trim(), Some(rest.trim())),
        None => (head, None),
    };
    let place_words: Vec<&str> = place.split_whitespace().collect();
    if place_words.is_empty() || place_words.len() > 4 || !place_words.iter().all(|w| caps_word(w))
    {
        return None;
    }
    if place.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    if let Some(rest) = rest {
        let words: Vec<&str> = rest.split_whitespace().collect();
        if words.is_empty()
            || words.len() > 4
            || !words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
        {
            return None;
        }
    }
    let mut cut = sep_end;
    cut += line[cut..].len() - line[cut..].trim_start().len();
    Some((cut, prefix))
}

/// A word in capitals: letters all upper case, with `.`, `'`, `-` allowed.
fn caps_word(word: &str) -> bool {
    word.chars().any(|c| c.is_alphabetic())
        && word
            .chars()
            .all(|c| (c.is_alphabetic() && !c.is_lowercase()) || matches!(c, '.' | '\'' | '-'))
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// ---------------------------------------------------------------------------------------
// Line rules

/// Lines recognised by what they start with, what they contain, or what they are, up to a
/// number of words.
pub struct Phrases {
    name: &'static str,
    reason: Reason,
    max_words: usize,
    exact: &'static [&'static str],
    starts: &'static [&'static str],
    contains: &'static [&'static str],
    /// `contains` as one automaton, built on first use: one pass over a line instead of
    /// one search per phrase.
    finder: OnceLock<Option<AhoCorasick>>,
}

impl Phrases {
    fn cookie() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "cookie",
            reason: Reason::Cookie,
            max_words: 60,
            exact: &[
                "accept",
                "accept all",
                "reject all",
                "i agree",
                "manage preferences",
                "manage cookies",
                "privacy settings",
                "cookie settings",
            ],
            starts: &[],
            contains: &[
                "cookie",
                "we value your privacy",
                "your consent",
                "consent to",
                "accept all",
            ],
        }
    }

    fn newsletter() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "newsletter",
            reason: Reason::Newsletter,
            max_words: 40,
            exact: &["sign up", "email address", "your email"],
            starts: &[],
            contains: &[
                "newsletter",
                "enter your email",
                "your email address",
                "to your inbox",
                "in your inbox",
                "unsubscribe at any time",
                "sign up for our",
                "sign up to our",
            ],
        }
    }

    fn share() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "share",
            reason: Reason::Share,
            max_words: 12,
            exact: &[
                "share",
                "tweet",
                "email",
                "print",
                "copy link",
                "save",
                "whatsapp",
                "e-mail",
                "like",
                "restack",
                "repost",
                "reply",
                "text size",
                "font size",
            ],
            starts: &[
                "share this",
                "share on ",
                "share:",
                "share article",
                "share story",
                "share via",
                "share the story",
                "share the article",
                "follow us on",
                "listen to this article",
            ],
            contains: &[
                "share on facebook",
                "share on twitter",
                "click to share",
                "on twitter",
                "on facebook",
                "on instagram",
                "on telegram",
            ],
        }
    }

    fn related() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "related",
            reason: Reason::Related,
            max_words: 20,
            exact: &[
                "related",
                "more stories",
                "most read",
                "most popular",
                "most viewed",
                "trending",
                "recommended",
                "top stories",
                "latest news",
                "in other news",
            ],
            starts: &[
                "related:",
                "related stories",
                "related articles",
                "related coverage",
                "related content",
                "related news",
                "related topics",
                "read more:",
                "read more ",
                "read also",
                "also read",
                "see also",
                "more on this",
                "more from ",
                "more stories",
                "recommended for you",
                "recommended:",
                "you may also like",
                "you might also like",
                "most read",
                "most popular",
                "trending now",
                "further reading",
                "watch:",
                "listen:",
                "read next",
                "what to read next",
                "don't miss",
                "don’t miss",
                "more coverage",
                "topics:",
                "tags:",
                "keywords:",
                "most emailed",
                "most e-mailed",
                "most shared",
                "most commented",
                "also on this topic",
                "explore more",
            ],
            contains: &[],
        }
    }

    fn caption() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "caption",
            reason: Reason::Caption,
            max_words: 60,
            exact: &[],
            starts: &[
                "photo:",
                "photo by",
                "photos:",
                "photograph:",
                "photo credit",
                "image:",
                "image credit",
                "image caption",
                "picture:",
                "caption:",
                "pictured:",
                "file photo",
                "file picture",
                "credit:",
                "(photo",
                "[photo",
                "enlarge this image",
                "hide caption",
                "toggle caption",
                "view image",
                "click to enlarge",
                "gallery:",
                "video:",
            ],
            contains: &[
                "photograph:",
                " photo:",
                "(photo:",
                "photo credit",
                "getty images",
                "ap photo",
                "afp photo",
                "reuters photo",
                "image source",
                "photo illustration",
                "(afp via",
                "/ afp)",
                "/afp)",
            ],
        }
    }

    fn advertisement() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "advertisement",
            reason: Reason::Advertisement,
            max_words: 10,
            exact: &[
                "advertisement",
                "advertising",
                "ad",
                "sponsored",
                "sponsored content",
                "sponsor message",
                "supported by",
                "paid content",
                "promoted",
                "partner content",
                "story continues below advertisement",
                "story continues below",
                "article continues below",
                "continue reading below",
                "scroll to continue with content",
                "ad could not be loaded",
            ],
            starts: &[
                "advertisement",
                "sponsored by",
                "paid for by",
                "promoted by",
                "report this ad",
            ],
            contains: &[],
        }
    }

    fn copyright() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "copyright",
            reason: Reason::Copyright,
            max_words: 40,
            exact: &[],
            starts: &["©", "copyright ", "(c) "],
            contains: &["all rights reserved", "may not be published, broadcast"],
        }
    }

    fn comments() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "comments",
            reason: Reason::Comments,
            max_words: 8,
            exact: &["comments", "comment"],
            starts: &[
                "comments (",
                "show comments",
                "view comments",
                "join the conversation",
                "leave a comment",
                "add a comment",
                "post a comment",
                "read comments",
            ],
            contains: &[],
        }
    }

    fn promotion() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "promotion",
            reason: Reason::Promotion,
            max_words: 25,
            exact: &["support us", "donate", "get the app"],
            starts: &[
                "click here",
                "watch the video",
                "watch:",
                "have a tip",
                "send us a tip",
                "got a tip",
                "download our app",
                "download the app",
                "our journalism needs your support",
                "support our journalism",
                "make a contribution",
                "every contribution",
                "rate this article",
                "is this page useful",
                "was this page useful",
                "was this article helpful",
                "report a problem",
                "rate this story",
                "print this page",
                "print this story",
                "e-mail to a friend",
                "email to a friend",
                "email this story",
                "e-mail this story",
            ],
            contains: &[
                "video above",
                "video below",
                "news alerts",
                "breaking news alerts",
                "send it to us",
                "push notifications",
            ],
        }
    }

    fn editorial_note() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "editorial-note",
            reason: Reason::EditorialNote,
            max_words: 40,
            exact: &[],
            starts: &[
                "editor's note",
                "editor’s note",
                "editors' note",
                "this story has been updated",
                "this article has been updated",
                "this story was originally published",
                "this article was originally published",
                "this story has been corrected",
                "this article has been corrected",
                "views expressed",
                "a version of this article appears",
                "this article was produced",
                "this story was produced",
                "this content was produced",
                "produced in partnership",
                "this article appeared in print",
                "the views expressed",
                "opinions expressed",
                "the opinions expressed",
            ],
            contains: &["(update "],
        }
    }

    /// The credits at the end of a wire story: "Reporting by ...; Editing by ...".
    fn credits_trailer() -> Phrases {
        Phrases {
            finder: OnceLock::new(),
            name: "credits",
            reason: Reason::Byline,
            max_words: 40,
            exact: &[],
            starts: &[
                "reporting by",
                "additional reporting by",
                "writing by",
                "editing by",
                "compiled by",
                "(reporting by",
                "(additional reporting",
                "(writing by",
                "(editing by",
                "(compiled by",
                "(reporting by",
                "produced by",
                "audio narration",
                "((",
                "contact the reporter",
                "our standards:",
            ],
            contains: &[
                "contributed to this report",
                "contributed reporting",
                "contributed to this story",
                "audio narration by",
            ],
        }
    }
}

impl LineRule for Phrases {
    fn name(&self) -> &'static str {
        self.name
    }

    fn judge(&self, line: &Line<'_>) -> Option<Reason> {
        if line.words > self.max_words {
            return None;
        }
        let lower = line.lower.as_str();
        let bare = lower.trim_end_matches([':', '.', '!', ' ']);
        let hit = self.exact.contains(&bare)
            || self.starts.iter().any(|s| lower.starts_with(s))
            || contains_any(&self.finder, self.contains, lower);
        hit.then_some(self.reason)
    }
}

/// Whether `text` contains any of `phrases`, with the automaton `finder` built from them on
/// first use (one pass over the text instead of one search per phrase).
fn contains_any(finder: &OnceLock<Option<AhoCorasick>>, phrases: &[&str], text: &str) -> bool {
    // Leftmost-first: only then does the automaton search with SIMD (Teddy), several times
    // faster on short lines than the standard semantics, which answer `is_match` the same.
    // Building fails only past size limits that a few short phrases never reach; should it,
    // the phrases are searched one by one.
    let build = || {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(phrases)
            .ok()
    };
    match finder.get_or_init(build) {
        Some(finder) => finder.is_match(text),
        None => phrases.iter().any(|p| text.contains(p)),
    }
}

/// A reporter's contact line: a short line with an e-mail address ("((jane.doe@example.com;
/// +1 202 555 0100))").
pub struct Contact;

impl LineRule for Contact {
    fn name(&self) -> &'static str {
        "contact"
    }

    fn judge(&self, line: &Line<'_>) -> Option<Reason> {
        if line.words > 15 || !line.text.contains('@') {
            return None;
        }
        let email = line.text.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        });
        (line.words <= 15 && email).then_some(Reason::Byline)
    }
}

/// A line without a letter or digit: `___`, `* * *`, `—`.
pub struct Separator;

impl LineRule for Separator {
    fn name(&self) -> &'static str {
        "separator"
    }

    fn judge(&self, line: &Line<'_>) -> Option<Reason> {
        (!line.text.chars().any(char::is_alphanumeric)).then_some(Reason::Separator)
    }
}

/// Paywall and subscription prompts. "Subscribe" alone is common in articles ("Russia would
/// subscribe to the plan"), so it counts only in a very short line or beside words that only
/// prompts use.
pub struct Paywall;

const PAYWALL_PHRASES: &[&str] = &[
    "free articles",
    "free article",
    "free stories",
    "unlimited digital",
    "unlimited access",
    "get unlimited",
    "unlimited stories",
    "stories this month",
    "articles this month",
    "sign in to continue",
    "log in to continue",
    "sign in to read",
    "log in to read",
    "to continue reading",
    "subscribe to continue",
    "subscribe to read",
    "subscribe now",
    "subscribe today",
    "already a subscriber",
    "already have an account",
    "premium content",
    "become a member",
    "exclusive to members",
    "for subscribers",
    "subscribers only",
    "register to read",
    "register for free",
    "create a free account",
    "support our journalism",
    "support independent journalism",
    "this article is for",
    "start your free trial",
    "free trial",
    "cancel anytime",
    "upgrade to paid",
    "subscribe for free",
    "thanks for reading",
    "paid subscribers",
];

impl LineRule for Paywall {
    fn name(&self) -> &'static str {
        "paywall"
    }

    fn judge(&self, line: &Line<'_>) -> Option<Reason> {
        if line.words > 30 {
            return None;
        }
        let lower = line.lower.as_str();
        static FINDER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
        let phrase = contains_any(&FINDER, PAYWALL_PHRASES, lower);
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        let short_prompt = (line.words <= 6 && lower.contains("subscri"))
            || matches!(
                bare,
                "paid" | "premium" | "members only" | "subscribers only"
            );
        let price = (lower.contains("/month")
            || lower.contains("per month")
            || lower.contains("a month")
            || lower.contains("/week"))
            && lower.contains(['$', '£', '€'])
            && (lower.contains("access") || lower.contains("digital") || lower.contains("subscri"));
        (phrase || short_prompt || price).then_some(Reason::Paywall)
    }
}

/// News agencies and picture libraries that appear in photo credits.
const AGENCIES: &[&str] = &[
    "ap",
    "afp",
    "reuters",
    "getty",
    "getty images",
    "epa",
    "epa-efe",
    "efe",
    "xinhua",
    "anadolu",
    "anadolu agency",
    "bloomberg",
    "sputnik",
    "tass",
    "ria novosti",
    "pool",
    "shutterstock",
    "alamy",
    "ap photo",
    "afp photo",
    "dpa",
    "ansa",
    "kyodo",
    "yonhap",
    "imago",
    "sipa",
    "zuma",
    "rex",
    "handout",
    "file",
];

/// A photo credit standing alone: `Jacquelyn Martin/AP`, `Photo: Jane Doe / AFP`,
/// `AFP via Getty Images`.
pub struct Credit;

impl LineRule for Credit {
    fn name(&self) -> &'static str {
        "credit"
    }

    fn judge(&self, line: &Line<'_>) -> Option<Reason> {
        if line.words > 8 || line.ends_sentence() {
            return None;
        }
        let lower = line.lower.trim_matches(['(', ')', '[', ']', ' ']);
        for prefix in [
            "photo:",
            "photograph:",
            "photos:",
            "credit:",
            "image:",
            "picture:",
            "source:",
        ] {
            if lower.starts_with(prefix) {
                return Some(Reason::Credit);
            }
        }
        if lower.ends_with("getty images") || lower.ends_with("via getty") {
            return Some(Reason::Credit);
        }
        let (before, after) = lower.rsplit_once('/')?;
        let after = after.trim();
        let before = before.trim();
        if before.is_empty() || after.is_empty() {
            return None;
        }
        let agency = AGENCIES.contains(&after) || AGENCIES.contains(&before);
        // "Jane Doe/The Daily Courier": every word capitalised on both sides
        let text = line.text.trim_matches(['(', ')', '[', ']', ' ']);
        let capitalised = text.split(['/', ' ']).filter(|w| !w.is_empty()).all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) || w == "via" || w == "for"
        });
        (agency || (capitalised && line.words <= 5)).then_some(Reason::Credit)
    }
}

/// "Published 27 February 2013", "Updated: 10:32 GMT", "4 min read".
pub struct Timestamp;

impl LineRule for Timestamp {
    fn name(&self) -> &'static str {
        "timestamp"
    }

    fn judge(&self, line: &Line<'_>) -> Option<Reason> {
        if line.words > 15 {
            return None;
        }
        let lower = line.lower.as_str();
        let stamp = [
            "published",
            "updated",
            "posted",
            "last updated",
            "first published",
            "last modified",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
            && lower.contains(|c: char| c.is_ascii_digit());
        let reading =
            line.words <= 6 && (lower.contains("min read") || lower.contains("reading time"));
        (stamp || reading || date_only(line)).then_some(Reason::Timestamp)
    }
}

const DATE_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "et",
    "est",
    "edt",
    "bst",
    "cet",
    "at",
    "on",
    "the",
    "of",
];

/// A line that is only a date (and time): "Jun 14, 2022", "Wednesday, July 26, 2023 10:30 GMT".
fn date_only(line: &Line<'_>) -> bool {
    if line.words > 8 || !line.lower.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut named = false;
    let all = line.lower.split_whitespace().all(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || word.chars().all(|c| c.is_ascii_digit() || c == ':') {
            return true;
        }
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            return true; // 14th, 10am
        }
        let known = DATE_WORDS.contains(&word.trim_end_matches('.'));
        named |= known && !matches!(word, "at" | "on" | "the" | "of");
        known
    });
    all && named
}

/// A media player's clock: "0:00 / 3:12".
fn player_time(lower: &str) -> bool {
    let clock = |w: &str| {
        let mut parts = w.split(':');
        matches!((parts.next(), parts.next(), parts.next()), (Some(m), Some(s), None)
            if !m.is_empty() && m.chars().all(|c| c.is_ascii_digit())
                && s.len() == 2 && s.chars().all(|c| c.is_ascii_digit()))
    };
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() <= 4
        && words.iter().filter(|w| clock(w)).count() >= 1
        && words.iter().all(|w| clock(w) || *w == "/")
}

/// A menu on one line: `Home | World | Politics | Business`, or a lone menu word.
pub struct Menu;

const MENU_WORDS: &[&str] = &[
    "skip to content",
    "please turn on javascript to use this feature",
    "please enable javascript",
    "listen",
    "play",
    "pause",
    "skip to main content",
    "skip to navigation",
    "menu",
    "main menu",
    "search",
    "home",
    "sign in",
    "log in",
    "login",
    "register",
    "back to top",
    "toggle navigation",
    "open menu",
    "close",
    "navigation",
    "sections",
    "next",
    "previous",
    "next article",
    "previous article",
];

impl LineRule for Menu {
    fn name(&self) -> &'static str {
        "menu"
    }

    fn judge(&self, line: &Line<'_>) -> Option<Reason> {
        if line.words > 24 {
            return None;
        }
        let bare = line.lower.trim_end_matches([':', '.', ' ']);
        if MENU_WORDS.contains(&bare)
            || line.lower.contains("javascript")
            || line.lower.contains("your browser does not support")
            || line.lower.contains("audio available")
            || (line.words <= 4 && player_time(&line.lower))
            || (caps_line(line.text) && line.text.contains('/') && line.words <= 6)
        {
            // menus, script notices, media players, wire slugs ("RUSSIA-UKRAINE/TALKS")
            return Some(Reason::Navigation);
        }
        const SEPARATORS: [char; 6] = ['|', '•', '·', '»', '›', '>'];
        if !line.text.contains(SEPARATORS) {
            return None;
        }
        let parts: Vec<&str> = line
            .text
            .split(SEPARATORS)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let menu = parts.len() >= 3
            && parts
                .iter()
                .all(|p| p.split_whitespace().count() <= 4 && !p.ends_with('.'));
        menu.then_some(Reason::Navigation)
    }
}

// ---------------------------------------------------------------------------------------
// Context rules

/// Present-tense verbs that captions use ("Kerry shakes hands with Lavrov"); articles tell
/// in the past tense, so a line beside a credit that uses one is its caption.
const CAPTION_VERBS: &[&str] = &[
    "speaks",
    "speak",
    "attends",
    "attend",
    "arrives",
    "arrive",
    "shakes",
    "shake",
    "waves",
    "wave",
    "gestures",
    "gesture",
    "looks",
    "look",
    "listens",
    "listen",
    "poses",
    "pose",
    "walks",
    "walk",
    "stands",
    "stand",
    "holds",
    "hold",
    "gathers",
    "gather",
    "marches",
    "march",
    "sits",
    "sit",
    "delivers",
    "greets",
    "greet",
    "talks",
    "talk",
    "leaves",
    "hugs",
    "embraces",
    "salutes",
    "salute",
    "addresses",
    "votes",
    "vote",
    "signs",
    "sign",
    "inspects",
    "chant",
    "chants",
    "rally",
    "rallies",
    "wait",
    "waits",
    "carry",
    "carries",
    "watch",
    "watches",
    "meets",
    "meet",
    "lays",
    "pray",
    "prays",
    "mourn",
    "mourns",
    "patrol",
    "patrols",
    "is",
    "are",
    "seen",
];

const POSITION_MARKS: &[&str] = &[
    "(l.)",
    "(r.)",
    "(c.)",
    "(l)",
    "(r)",
    "(c)",
    "(left)",
    "(right)",
    "(center)",
    "(centre)",
    "(front)",
    "(back)",
    "(second left)",
    "(second right)",
    "(top)",
    "(bottom)",
];

fn caption_like(line: &Line<'_>) -> bool {
    if line.words > 60 {
        return false;
    }
    if POSITION_MARKS.iter().any(|m| line.lower.contains(m)) {
        return true;
    }
    line.lower
        .split_whitespace()
        .take(14)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .any(|w| CAPTION_VERBS.contains(&w))
        && !line.lower.contains(" said")
        && !line.lower.contains(" says")
        && !line.text.contains('"')
        && !line.text.contains('“')
}

/// The caption next to a photo credit: the line just before or after a credit in the same
/// paragraph, when it reads as a caption.
pub struct CaptionBesideCredit;

impl ContextRule for CaptionBesideCredit {
    fn name(&self) -> &'static str {
        "caption-beside-credit"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        let credits: Vec<usize> = (0..lines.len())
            .filter(|&i| matches!(verdicts[i], Some((Reason::Credit, _))))
            .collect();
        for i in credits {
            for j in [i.wrapping_sub(1), i + 1] {
                if j < lines.len()
                    && lines[j].paragraph == lines[i].paragraph
                    && verdicts[j].is_none()
                    && caption_like(&lines[j])
                {
                    verdicts[j] = Some((Reason::Caption, self.name()));
                }
            }
        }
    }
}

/// A line between two caption or credit lines (blank lines aside) is a caption too:
/// "Enlarge this image / (the caption) / Jane Doe/AFP via Getty Images".
pub struct CaptionBetweenCredits;

impl ContextRule for CaptionBetweenCredits {
    fn name(&self) -> &'static str {
        "caption-between-credits"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        let photo = |v: &Verdict| matches!(v, Some((Reason::Caption | Reason::Credit, _)));
        for i in 1..lines.len().saturating_sub(1) {
            if verdicts[i].is_none()
                && lines[i].words <= 60
                && photo(&verdicts[i - 1])
                && photo(&verdicts[i + 1])
            {
                verdicts[i] = Some((Reason::Caption, self.name()));
            }
        }
    }
}

/// The headlines under a "Related:" or "Read more" heading: the following short lines that
/// do not end as sentences do (or that start with a bullet), up to the next long line.
pub struct RelatedList;

impl ContextRule for RelatedList {
    fn name(&self) -> &'static str {
        "related-list"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        for i in 0..lines.len() {
            let Some((Reason::Related, _)) = verdicts[i] else {
                continue;
            };
            let heading = lines[i].text.ends_with(':') || lines[i].words <= 4;
            if !heading {
                continue;
            }
            // the list is in the heading's paragraph, or in the next when the heading
            // stands alone
            let alone = lines
                .get(i + 1)
                .is_some_and(|l| l.paragraph != lines[i].paragraph);
            let last_paragraph = lines[i].paragraph + usize::from(alone);
            let mut j = i + 1;
            while j < lines.len() && verdicts[j].is_none() && lines[j].paragraph <= last_paragraph {
                let line = &lines[j];
                let bullet = line.text.starts_with(['-', '•', '*', '›', '»', '–']);
                let statement = line
                    .text
                    .trim_end_matches(['"', '”', '\'', '’'])
                    .ends_with(['.', '!']);
                if line.words > 16 || (statement && !bullet) {
                    break;
                }
                verdicts[j] = Some((Reason::Related, self.name()));
                j += 1;
            }
        }
    }
}

/// The heading of a box: a short line that does not end as a sentence does, in the same
/// paragraph as (just before or after) a newsletter, paywall, cookie, share or related line
/// ("The Morning Briefing" above "Get the day's top stories delivered to your inbox").
pub struct BoxHeading;

impl ContextRule for BoxHeading {
    fn name(&self) -> &'static str {
        "box-heading"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        for i in 0..lines.len() {
            let Some((
                reason @ (Reason::Newsletter
                | Reason::Paywall
                | Reason::Cookie
                | Reason::Share
                | Reason::Related),
                _,
            )) = verdicts[i]
            else {
                continue;
            };
            for j in [i.wrapping_sub(1), i + 1] {
                if j < lines.len()
                    && lines[j].paragraph == lines[i].paragraph
                    && verdicts[j].is_none()
                    && lines[j].words <= 6
                    && !lines[j].ends_sentence()
                {
                    verdicts[j] = Some((reason, self.name()));
                }
            }
        }
    }
}

/// A line of at most four words, standing alone in its paragraph (no other kept line with
/// it), that does not end as a sentence does and is not the first kept line (the
/// headline) or in capitals: the leftovers of page furniture ("Supported by", "Enditem",
/// "Media enquiries"). Articles are told in sentences; what is lost is at most a
/// sub-heading.
pub struct Fragment;

impl ContextRule for Fragment {
    fn name(&self) -> &'static str {
        "fragment"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        let Some(first) = verdicts.iter().position(Option::is_none) else {
            return;
        };
        let mut kept_in_paragraph = vec![0usize; lines.last().map_or(0, |l| l.paragraph + 1)];
        for (line, verdict) in lines.iter().zip(verdicts.iter()) {
            if verdict.is_none() {
                kept_in_paragraph[line.paragraph] += 1;
            }
        }
        for i in first + 1..lines.len() {
            let line = &lines[i];
            if verdicts[i].is_none()
                && line.words <= 4
                && kept_in_paragraph[line.paragraph] == 1
                && !line.ends_sentence()
                && !line.text.starts_with(['"', '“', '\'', '‘'])
                && !caps_line(line.text)
            {
                verdicts[i] = Some((Reason::Fragment, self.name()));
            }
        }
    }
}

/// A line in capitals: in wire copy, a sub-heading that can report an event ("OBAMA
/// AIRDROPS"), not furniture.
fn caps_line(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= 2
        && text.split([' ', '\t', '/']).all(caps_word_or_number)
}

fn caps_word_or_number(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) || caps_word(word)
}

/// Section labels above the headline: a first paragraph of two or more short lines that
/// do not end as sentences do ("Opinion / Columnist", "LIVE / Key events").
pub struct Kicker;

impl ContextRule for Kicker {
    fn name(&self) -> &'static str {
        "kicker"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        let Some(first) = verdicts.iter().position(Option::is_none) else {
            return;
        };
        let paragraph = lines[first].paragraph;
        let members: Vec<usize> = (first..lines.len())
            .take_while(|&i| lines[i].paragraph == paragraph)
            .filter(|&i| verdicts[i].is_none())
            .collect();
        let more = lines.iter().any(|l| l.paragraph > paragraph);
        let labels = members
            .iter()
            .all(|&i| lines[i].words <= 4 && !lines[i].ends_sentence());
        if more && members.len() >= 2 && labels {
            for i in members {
                verdicts[i] = Some((Reason::Navigation, self.name()));
            }
        }
    }
}

/// The author's note that closes an opinion piece: "Jane Doe is a senior fellow at ...",
/// as the last kept line.
pub struct AuthorBio;

const BIO_ROLES: &[&str] = &[
    "fellow",
    "professor",
    "correspondent",
    "author",
    "editor",
    "director",
    "columnist",
    "reporter",
    "writer",
    "researcher",
    "analyst",
    "former",
    "lecturer",
    "contributor",
    "journalist",
    "ambassador",
];

impl ContextRule for AuthorBio {
    fn name(&self) -> &'static str {
        "author-bio"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        let Some(last) = verdicts.iter().rposition(Option::is_none) else {
            return;
        };
        let line = &lines[last];
        if line.words > 40 || verdicts.iter().filter(|v| v.is_none()).count() < 2 {
            return;
        }
        let words: Vec<&str> = line.text.split_whitespace().collect();
        let Some(verb) = words.iter().position(|w| matches!(*w, "is" | "was")) else {
            return;
        };
        let named = (2..=4).contains(&verb)
            && words[..verb]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let role = words[verb..]
            .iter()
            .take(8)
            .any(|w| BIO_ROLES.contains(&w.trim_matches(|c: char| !c.is_alphabetic())));
        if named && role {
            verdicts[last] = Some((Reason::Byline, self.name()));
        }
    }
}

/// A menu one item a line: three or more consecutive lines of at most three words that do
/// not end as sentences do (short lines already removed for another reason count too:
/// "Like / Comment / Restack").
pub struct MenuRun;

impl ContextRule for MenuRun {
    fn name(&self) -> &'static str {
        "menu-run"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        let item = |i: usize, verdicts: &[Verdict]| match verdicts[i] {
            Some((Reason::Navigation, _)) => true,
            Some(_) => lines[i].words <= 6,
            None => lines[i].words <= 3 && !lines[i].ends_sentence(),
        };
        let mut i = 0;
        while i < lines.len() {
            let mut j = i;
            while j < lines.len() && item(j, verdicts) {
                j += 1;
            }
            if j - i >= 3 {
                for verdict in &mut verdicts[i..j] {
                    if verdict.is_none() {
                        *verdict = Some((Reason::Navigation, "menu-run"));
                    }
                }
            }
            i = j.max(i + 1);
        }
    }
}

/// "By Jane Doe" (or "By JANE DOE, Moscow correspondent") among the lines before the article
/// proper begins (its first line of 20 words or more).
pub struct Byline;

const BYLINE_WORDS: &[&str] = &[
    "and",
    "&",
    "in",
    "for",
    "of",
    "the",
    "at",
    "staff",
    "correspondent",
    "reporter",
    "writer",
    "editor",
    "with",
    "|",
    "-",
    "—",
    "and,",
];

impl ContextRule for Byline {
    fn name(&self) -> &'static str {
        "byline"
    }

    fn apply(&self, lines: &[Line<'_>], verdicts: &mut [Verdict]) {
        for (i, line) in lines.iter().enumerate() {
            if verdicts[i].is_none() && line.words >= 20 {
                break;
            }
            if verdicts[i].is_some() || line.words < 2 || line.words > 12 {
                continue;
            }
            let lower = line.lower.as_str();
            let rest = if lower.starts_with("by ") {
                &line.text[3..]
            } else if lower.starts_with("written by ") {
                &line.text[11..]
            } else {
                continue;
            };
            let rest = name_part(rest);
            let named = rest.split_whitespace().all(|w| {
                w.chars().next().is_some_and(|c| c.is_uppercase())
                    || BYLINE_WORDS.contains(&w.to_lowercase().as_str())
            }) && rest.chars().next().is_some_and(|c| c.is_uppercase());
            if named && (!line.text.ends_with(['.', '?', '!']) || line.words <= 4) {
                verdicts[i] = Some((Reason::Byline, self.name()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> String {
        Cleaner::standard().clean(text).text
    }

    #[test]
    fn datelines() {
        assert_eq!(
            split_dateline("MOSCOW (Reuters) - Russia said."),
            Some((19, "MOSCOW (Reuters)"))
        );
        assert_eq!(
            split_dateline("KYIV, Ukraine (AP) — Ukraine said."),
            Some((23, "KYIV, Ukraine (AP)"))
        );
        assert_eq!(
            split_dateline("WASHINGTON — The US said."),
            Some((15, "WASHINGTON"))
        );
        assert_eq!(split_dateline("Russia - the largest country - said."), None);
        assert_eq!(split_dateline("The talks — held in Geneva — failed."), None);
        assert_eq!(split_dateline("MOSCOW — "), None);
        assert_eq!(split_dateline("(CNN) — Iran said."), Some((10, "(CNN)")));
        assert_eq!(split_dateline("(The talks) — failed."), None);
    }

    #[test]
    fn credit_and_its_caption() {
        let text = "Jacquelyn Martin/AP\nKerry (r.) shakes hands with Lavrov in Berlin.\n\nLavrov said the talks were useful.";
        let cleaned = Cleaner::standard().clean(text);
        assert_eq!(cleaned.text, "Lavrov said the talks were useful.");
        assert_eq!(cleaned.removed[0].reason, Reason::Credit);
        assert_eq!(cleaned.removed[1].reason, Reason::Caption);
    }

    #[test]
    fn article_lines_that_look_like_prompts_stay() {
        for line in [
            "Russia said it would subscribe to the Geneva plan for a ceasefire in the spring.",
            "Share prices fell sharply.",
            "By Tuesday evening the two ministers had agreed on a text that neither liked.",
            "Jane Doe said the vote would go ahead.",
        ] {
            assert_eq!(kept(line), line);
        }
    }

    #[test]
    fn byline_is_metadata() {
        let cleaned =
            Cleaner::standard().clean("Headline here\n\nBy Jane Doe\n\nRussia said it would talk.");
        assert_eq!(cleaned.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(cleaned.text, "Headline here\n\nRussia said it would talk.");
    }

    #[test]
    fn related_list_and_menu_run() {
        let text = "Home\nWorld\nPolitics\n\nRussia said it would talk.\n\nRelated:\n- Kerry visits Berlin\n- Lavrov in Rome\n\nThe talks began on Monday.";
        assert_eq!(
            kept(text),
            "Russia said it would talk.\n\nThe talks began on Monday."
        );
    }

    #[test]
    fn fragments_go_but_headlines_and_capital_subheads_stay() {
        let text = "Talks resume\n\nRussia said it would talk.\n\nMedia enquiries\n\nSANCTIONS LIFTED\n\nThe talks began.";
        assert_eq!(
            kept(text),
            "Talks resume\n\nRussia said it would talk.\n\nSANCTIONS LIFTED\n\nThe talks began."
        );
    }

    #[test]
    fn kicker_and_author_bio() {
        let text = "Opinion\nColumnist\n\nThe council needs Russia\n\nThe council was built for calmer times.\n\nJane Doe is a senior fellow at the Polar Institute.";
        let cleaned = Cleaner::standard().clean(text);
        assert_eq!(
            cleaned.text,
            "The council needs Russia\n\nThe council was built for calmer times."
        );
        assert_eq!(cleaned.byline, None, "a bio is not a byline");
        // a closing sentence about someone else stays
        let text =
            "Talks resume\n\nThe talks began.\n\nLavrov is a former ambassador, officials said.";
        assert!(kept(text).ends_with("officials said."));
    }

    #[test]
    fn players_slugs_and_contacts() {
        let text = "Listen\n0:00 / 3:12\n\nRUSSIA-UKRAINE/TALKS\n\nRussia said it would talk.\n\n((jane.doe@example.com; +1 202 555 0100))";
        assert_eq!(kept(text), "Russia said it would talk.");
        assert!(!player_time("at 3:12 pm"));
    }

    #[test]
    fn offsets_point_into_the_original() {
        let text = "Photo: AFP\nKYIV, Ukraine (AP) — Ukraine said it would talk.";
        let cleaned = Cleaner::standard().clean(text);
        assert_eq!(cleaned.text, "Ukraine said it would talk.");
        let at = cleaned.alignment.to_original(0);
        assert!(text[at..].starts_with("Ukraine said"));
    }
}

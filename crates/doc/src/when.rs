//! Event dates: the temporal expressions of a sentence ("on Tuesday", "last summer", "March 3,
//! 2013", "two weeks ago"), resolved against the article's date.
//!
//! Dates are `u32` numbers `YYYYMMDD`, as everywhere in Détente. Each expression found is a
//! [`TimeExpr`]: the resolved date, its [`Precision`], and its span as token indexes and byte
//! offsets into the sentence. A resolved period is dated by its first day: a week by its Monday,
//! a month by its 1st, a season by the 1st of its first month (spring March, summer June,
//! autumn September, winter December, northern-hemisphere seasons), a year by 1 January.
//!
//! Resolution rules (the article date is "today"):
//! - a weekday alone ("on Tuesday", "Tuesday") is the latest such day on or before the article
//!   date (the article date itself when it is that day); "last Tuesday" is strictly before it,
//!   "next Tuesday" strictly after. When the sentence is in the future tense ("will", "shall",
//!   "'ll", "scheduled", "upcoming") a weekday alone looks forward (on or after the date).
//! - a month without a year ("in March", "on March 3", "3 March") is the latest one not after
//!   the article date, or, in the future tense, the earliest one not before it; "last March"
//!   and "next March" exclude the current month.
//! - "yesterday", "today", "tonight", "tomorrow", "last night", "this morning"; "last/this/
//!   next week, month, year"; "earlier this month"; "last/this/next summer" (and the other
//!   seasons; "last summer" is the latest summer over before the article date); "in 2014";
//!   "N days/weeks/months/years ago"; "in two days", "within three weeks"; "earlier in the
//!   day".
//!
//! When a sentence has no expression the event takes the article date with precision
//! [`Precision::Document`] ([`TimeExpr::document`], [`event_date`]).
//!
//! The module reads plain words with offsets: [`find`] takes a [`detente_text::Analysis`],
//! [`find_in_text`] tokenizes a sentence itself. It knows nothing of events or documents.

use compact_str::CompactString;
use detente_text::Analysis;
use std::ops::Range;

/// How precisely an expression dates an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// A day ("yesterday", "on Tuesday", "March 3, 2013").
    Day,
    /// A week, dated by its Monday ("last week").
    Week,
    /// A month, dated by its first day ("in March").
    Month,
    /// A season, dated by the first day of its first month ("last summer").
    Season,
    /// A year, dated 1 January ("in 2014", "next year").
    Year,
    /// No expression: the article's date.
    Document,
}

impl Precision {
    /// The name used in output: `day`, `week`, `month`, `season`, `year`, `document`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Document => "document",
        }
    }
}

/// A temporal expression found in a sentence, with the date it resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    /// The resolved date, `YYYYMMDD` (first day of the period for coarser precisions).
    pub date: u32,
    /// How precise the date is.
    pub precision: Precision,
    /// Token indexes of the expression (empty for [`Precision::Document`]).
    pub tokens: Range<usize>,
    /// Byte offsets of the expression in the sentence text (empty for the document default).
    pub bytes: Range<usize>,
}

impl TimeExpr {
    /// The default when a sentence says nothing about time: the article date, precision
    /// [`Precision::Document`], empty spans.
    pub fn document(article: u32) -> TimeExpr {
        TimeExpr {
            date: article,
            precision: Precision::Document,
            tokens: 0..0,
            bytes: 0..0,
        }
    }
}

/// The temporal expressions of an analysed sentence, in order, not overlapping. Byte offsets
/// are those of the analysis' tokens (into [`Analysis::text`]). Empty when `article` is not a
/// valid `YYYYMMDD` date.
pub fn find(analysis: &Analysis, article: u32) -> Vec<TimeExpr> {
    let words: Vec<&str> = analysis.tokens.iter().map(|t| t.text.as_str()).collect();
    let spans: Vec<(u32, u32)> = analysis.tokens.iter().map(|t| (t.start, t.end)).collect();
    find_in_words(&words, &spans, article)
}

/// The temporal expressions of one sentence of plain text (tokenized here), in order.
///
/// ```
/// use detente_doc::when::{find_in_text, Precision};
///
/// let found = find_in_text("Kerry met Lavrov on Tuesday in Geneva.", 20130227);
/// assert_eq!(found[0].date, 20130226);
/// assert_eq!(found[0].precision, Precision::Day);
/// assert_eq!(found[0].bytes, 17..27); // "on Tuesday"
/// ```
pub fn find_in_text(sentence: &str, article: u32) -> Vec<TimeExpr> {
    let raw = detente_text::tokenize(sentence);
    let words: Vec<&str> = raw.iter().map(|t| t.text(sentence)).collect();
    let spans: Vec<(u32, u32)> = raw.iter().map(|t| (t.start, t.end)).collect();
    find_in_words(&words, &spans, article)
}

/// The date of an event whose verb (or naming noun) is token `verb`: the expression nearest
/// to it (ties go to the one after the verb, where English puts time adverbials), or else the
/// article date ([`TimeExpr::document`]).
pub fn event_date(found: &[TimeExpr], verb: usize, article: u32) -> TimeExpr {
    found
        .iter()
        .min_by_key(|e| {
            if e.tokens.start > verb {
                (e.tokens.start - verb) * 2
            } else if e.tokens.end <= verb {
                (verb + 1 - e.tokens.end) * 2 + 1
            } else {
                0
            }
        })
        .cloned()
        .unwrap_or_else(|| TimeExpr::document(article))
}

/// The core: expressions among `words` (token texts) whose byte spans are `spans`.
///
/// `spans` must have one entry per word; extra entries of either are ignored.
pub fn find_in_words(words: &[&str], spans: &[(u32, u32)], article: u32) -> Vec<TimeExpr> {
    let n = words.len().min(spans.len());
    let Some(today) = Ymd::from_u32(article) else {
        return Vec::new();
    };
    // Short words stay inline: no allocation per token.
    let lower: Vec<CompactString> = words[..n]
        .iter()
        .map(|w| {
            if w.is_ascii() {
                let mut l = CompactString::from(*w);
                l.make_ascii_lowercase();
                l
            } else {
                CompactString::from(w.to_lowercase())
            }
        })
        .collect();
    let future = lower.iter().enumerate().any(|(i, w)| {
        matches!(
            w.as_str(),
            "will" | "shall" | "'ll" | "scheduled" | "upcoming"
        ) || (w.as_str() == "wo" && lower.get(i + 1).is_some_and(|n| n.as_str() == "n't"))
    });
    let scan = Scan {
        words: &words[..n],
        lower: &lower,
        today,
        future,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        match scan.at(i) {
            Some((start, end, date, precision)) => {
                out.push(TimeExpr {
                    date: date.to_u32(),
                    precision,
                    tokens: start..end,
                    bytes: spans[start].0 as usize..spans[end - 1].1 as usize,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Words that, before a month, season or year, make a bare name a date ("in March").
const CUES: [&str; 14] = [
    "in",
    "on",
    "during",
    "since",
    "until",
    "till",
    "by",
    "before",
    "after",
    "of",
    "from",
    "through",
    "throughout",
    "at",
];

/// Cues that belong to the expression's span ("in March", "on Tuesday").
const SPAN_CUES: [&str; 3] = ["in", "on", "during"];

struct Scan<'a> {
    words: &'a [&'a str],
    lower: &'a [CompactString],
    today: Ymd,
    future: bool,
}

/// What an expression at a position resolved to: its length in tokens, date and precision.
type Found = (usize, Ymd, Precision);

impl Scan<'_> {
    fn w(&self, i: usize) -> &str {
        self.lower.get(i).map(CompactString::as_str).unwrap_or("")
    }

    /// Whether word `i` starts with a capital letter (weekday and month names must).
    fn capitalized(&self, i: usize) -> bool {
        self.words
            .get(i)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// The expression starting at token `i`, cue included: (start, end, date, precision).
    fn at(&self, i: usize) -> Option<(usize, usize, Ymd, Precision)> {
        // "earlier in the day", "later in the day": today.
        if matches!(self.w(i), "earlier" | "later")
            && self.w(i + 1) == "in"
            && self.w(i + 2) == "the"
            && self.w(i + 3) == "day"
        {
            return Some((i, i + 4, self.today, Precision::Day));
        }
        // "in two days", "within three weeks": forward from the article date.
        if matches!(self.w(i), "in" | "within") && self.w(i + 3) != "ago" {
            if let Some(found) = self.ahead(i + 1) {
                return Some((i, i + 3, found.1, found.2));
            }
        }
        let mut j = i;
        let mut cue = false;
        let mut span_start = i;
        let mut article = false;
        if CUES.contains(&self.w(j)) {
            cue = true;
            let in_span = SPAN_CUES.contains(&self.w(j));
            j += 1;
            if self.w(j) == "the" {
                article = true;
                j += 1;
            }
            if !in_span {
                span_start = j;
            }
        }
        if matches!(self.w(j), "early" | "late" | "mid" | "earlier" | "later") {
            if !cue {
                span_start = j;
            }
            cue = true;
            j += 1;
        }
        if j >= self.words.len() {
            return None;
        }
        let (len, date, precision) = self.expr(j, cue)?;
        // "in the 1994 genocide": after "the" a bare year modifies a noun.
        if article && precision == Precision::Year && len == 1 {
            return None;
        }
        let start = if span_start > j { j } else { span_start };
        Some((start, j + len, date, precision))
    }

    /// An expression starting exactly at `i`; `cue` says whether a preposition or modifier
    /// stood before it (needed for bare months, seasons and years).
    fn expr(&self, i: usize, cue: bool) -> Option<Found> {
        let t = self.today;
        let w = self.w(i);
        match w {
            "today" | "tonight" => return Some((1 + self.part_of_day(i + 1), t, Precision::Day)),
            "yesterday" => {
                return Some((1 + self.part_of_day(i + 1), t.add_days(-1), Precision::Day))
            }
            "tomorrow" => {
                return Some((1 + self.part_of_day(i + 1), t.add_days(1), Precision::Day))
            }
            "last" | "past" | "next" | "this" | "coming" => {
                if let Some(found) = self.relative(i) {
                    return Some(found);
                }
            }
            _ => {}
        }
        if let Some(found) = self.ago(i) {
            return Some(found);
        }
        if let Some(wd) = weekday(w).filter(|_| self.capitalized(i)) {
            let date = if self.future {
                t.weekday_on_or_after(wd)
            } else {
                t.weekday_on_or_before(wd)
            };
            return Some((1 + self.part_of_day(i + 1), date, Precision::Day));
        }
        if let Some(found) = self.month_forms(i, cue) {
            return Some(found);
        }
        if let Some(found) = self.day_month(i) {
            return Some(found);
        }
        if let Some(s) = season(w) {
            if let Some(y) = self.explicit_year(i + 1) {
                return Some((1 + y.0, Season::start(s, y.1), Precision::Season));
            }
            if cue && w != "fall" {
                let y = if self.future {
                    Season::current_or_next(s, t)
                } else {
                    Season::latest_started(s, t)
                };
                return Some((1, Season::start(s, y), Precision::Season));
            }
        }
        if cue {
            if let Some(y) = year(w) {
                return Some((1, Ymd::new(y, 1, 1)?, Precision::Year));
            }
        }
        None
    }

    /// "morning", "afternoon", "evening", "night" after a day word: 1 if present.
    fn part_of_day(&self, i: usize) -> usize {
        usize::from(matches!(
            self.w(i),
            "morning" | "afternoon" | "evening" | "night"
        ))
    }

    /// "of 2012" or "2012" after a season: (tokens used, year).
    fn explicit_year(&self, i: usize) -> Option<(usize, i32)> {
        if self.w(i) == "of" {
            year(self.w(i + 1)).map(|y| (2, y))
        } else {
            year(self.w(i)).map(|y| (1, y))
        }
    }

    /// "last/past/next/this/coming" + week, month, year, night, morning, a weekday, a
    /// season or a month.
    fn relative(&self, i: usize) -> Option<Found> {
        let t = self.today;
        let which = match self.w(i) {
            "last" | "past" => Rel::Last,
            "next" | "coming" => Rel::Next,
            _ => Rel::This,
        };
        // "this coming Tuesday"
        let (k, which) = if self.w(i) == "this" && self.w(i + 1) == "coming" {
            (i + 2, Rel::Next)
        } else {
            (i + 1, which)
        };
        let len = k + 1 - i;
        let w = self.w(k);
        // "past" only for "the past week" style periods; never "past Tuesday".
        if self.w(i) == "past" && !matches!(w, "week" | "month" | "year") {
            return None;
        }
        let delta: i32 = match which {
            Rel::Last => -1,
            Rel::This => 0,
            Rel::Next => 1,
        };
        match w {
            "night" if which == Rel::Last => Some((len, t.add_days(-1), Precision::Day)),
            "morning" | "afternoon" | "evening" | "night" if which == Rel::This => {
                Some((len, t, Precision::Day))
            }
            "week" => Some((
                len,
                t.monday().add_days(7 * i64::from(delta)),
                Precision::Week,
            )),
            "month" => Some((len, t.add_months(delta)?, Precision::Month)),
            "year" => Some((len, Ymd::new(t.y + delta, 1, 1)?, Precision::Year)),
            _ => {
                if let Some(wd) = weekday(w).filter(|_| self.capitalized(k)) {
                    let date = match which {
                        Rel::Last => t.add_days(-1).weekday_on_or_before(wd),
                        Rel::Next => t.add_days(1).weekday_on_or_after(wd),
                        Rel::This if self.future => t.weekday_on_or_after(wd),
                        Rel::This => t.weekday_on_or_before(wd),
                    };
                    return Some((len + self.part_of_day(k + 1), date, Precision::Day));
                }
                if let Some(s) = season(w) {
                    let y = match which {
                        Rel::Last => Season::latest_ended(s, t),
                        Rel::Next => Season::next_starting(s, t),
                        Rel::This => {
                            let started = Season::latest_started(s, t);
                            if Season::contains(s, started, t) || !self.future {
                                started
                            } else {
                                Season::next_starting(s, t)
                            }
                        }
                    };
                    return Some((len, Season::start(s, y), Precision::Season));
                }
                if let Some((m, abbrev)) = month(w) {
                    if abbrev || !self.capitalized(k) {
                        return None;
                    }
                    let y = match which {
                        Rel::Last if m < t.m => t.y,
                        Rel::Last => t.y - 1,
                        Rel::Next if m > t.m => t.y,
                        Rel::Next => t.y + 1,
                        Rel::This => t.y,
                    };
                    return Some((len, Ymd::new(y, m, 1)?, Precision::Month));
                }
                None
            }
        }
    }

    /// "N days/weeks/months/years" counted forward ("in two days").
    fn ahead(&self, i: usize) -> Option<Found> {
        let n = i32::try_from(count(self.w(i))?).ok()?;
        let t = self.today;
        let found = match self.w(i + 1) {
            "day" | "days" => (t.add_days(i64::from(n)), Precision::Day),
            "week" | "weeks" => (t.add_days(7 * i64::from(n)).monday(), Precision::Week),
            "month" | "months" => (t.add_months(n)?, Precision::Month),
            "year" | "years" => (Ymd::new(t.y.checked_add(n)?, 1, 1)?, Precision::Year),
            _ => return None,
        };
        Some((2, found.0, found.1))
    }

    /// "N days/weeks/months/years ago".
    fn ago(&self, i: usize) -> Option<Found> {
        let n = count(self.w(i))?;
        if self.w(i + 2) != "ago" {
            return None;
        }
        let t = self.today;
        let n = i32::try_from(n).ok()?;
        let found = match self.w(i + 1) {
            "day" | "days" => (t.add_days(-i64::from(n)), Precision::Day),
            "week" | "weeks" => (t.add_days(-7 * i64::from(n)).monday(), Precision::Week),
            "month" | "months" => (t.add_months(-n)?, Precision::Month),
            "year" | "years" => (Ymd::new(t.y.checked_sub(n)?, 1, 1)?, Precision::Year),
            _ => return None,
        };
        Some((3, found.0, found.1))
    }

    /// Forms that start with a month name: "March 3, 2013", "March 3 2013", "March 3",
    /// "March 2013", and a bare "March" after a cue.
    fn month_forms(&self, i: usize, cue: bool) -> Option<Found> {
        let raw = self.w(i);
        let (word, mid) = match raw.strip_prefix("mid-") {
            Some(rest) => (rest, true),
            None => (raw, false),
        };
        let (m, abbrev) = month(word)?;
        let capital = if mid {
            self.words[i].chars().nth(4).is_some_and(char::is_uppercase)
        } else {
            self.capitalized(i)
        };
        if !capital {
            return None;
        }
        let t = self.today;
        if let Some(d) = day(self.w(i + 1)) {
            // "March 3, 2013" / "March 3 2013"
            let comma = usize::from(self.w(i + 2) == ",");
            if let Some(y) = year(self.w(i + 2 + comma)) {
                if let Some(date) = Ymd::new(y, m, d) {
                    return Some((3 + comma, date, Precision::Day));
                }
            }
            let date = self.month_day_nearest(m, d)?;
            return Some((2, date, Precision::Day));
        }
        if let Some(y) = year(self.w(i + 1)) {
            return Some((2, Ymd::new(y, m, 1)?, Precision::Month));
        }
        if (cue || mid) && !abbrev && !(m == 5 && i == 0) {
            let y = if self.future {
                if m >= t.m {
                    t.y
                } else {
                    t.y + 1
                }
            } else if m <= t.m {
                t.y
            } else {
                t.y - 1
            };
            return Some((1, Ymd::new(y, m, 1)?, Precision::Month));
        }
        None
    }

    /// "3 March", "3 March 2013", "3rd of March".
    fn day_month(&self, i: usize) -> Option<Found> {
        let d = day(self.w(i))?;
        let of = usize::from(self.w(i + 1) == "of");
        let k = i + 1 + of;
        let (m, _) = month(self.w(k))?;
        if !self.capitalized(k) {
            return None;
        }
        if let Some(y) = year(self.w(k + 1)) {
            if let Some(date) = Ymd::new(y, m, d) {
                return Some((k + 2 - i, date, Precision::Day));
            }
        }
        Some((k + 1 - i, self.month_day_nearest(m, d)?, Precision::Day))
    }

    /// A month and day without a year: the latest such day on or before the article date, or
    /// in the future tense the earliest on or after it.
    fn month_day_nearest(&self, m: u32, d: u32) -> Option<Ymd> {
        let t = self.today;
        let this = Ymd::new(t.y, m, d);
        if self.future {
            match this {
                Some(date) if date >= t => Some(date),
                _ => Ymd::new(t.y + 1, m, d),
            }
        } else {
            match this {
                Some(date) if date <= t => Some(date),
                _ => Ymd::new(t.y - 1, m, d),
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rel {
    Last,
    This,
    Next,
}

/// A calendar date, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Ymd {
    y: i32,
    m: u32,
    d: u32,
}

impl Ymd {
    /// A valid date between years 1 and 9999, or `None`.
    fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Ymd { y, m, d })
    }

    fn from_u32(date: u32) -> Option<Ymd> {
        Ymd::new((date / 10000) as i32, date / 100 % 100, date % 100)
    }

    fn to_u32(self) -> u32 {
        self.y as u32 * 10000 + self.m * 100 + self.d
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `z` days after 1970-01-01 (`civil_from_days`), clamped to the valid years.
    fn from_days(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        if y < 1 {
            return Ymd { y: 1, m: 1, d: 1 };
        }
        if y > 9999 {
            return Ymd {
                y: 9999,
                m: 12,
                d: 31,
            };
        }
        Ymd { y: y as i32, m, d }
    }

    fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }

    /// Monday = 0 ... Sunday = 6.
    fn weekday(self) -> i64 {
        (self.days() + 3).rem_euclid(7)
    }

    fn monday(self) -> Ymd {
        self.add_days(-self.weekday())
    }

    fn weekday_on_or_before(self, wd: i64) -> Ymd {
        self.add_days(-(self.weekday() - wd).rem_euclid(7))
    }

    fn weekday_on_or_after(self, wd: i64) -> Ymd {
        self.add_days((wd - self.weekday()).rem_euclid(7))
    }

    /// The first day of the month `n` months from this one.
    fn add_months(self, n: i32) -> Option<Ymd> {
        let index = self
            .y
            .checked_mul(12)?
            .checked_add(self.m as i32 - 1)?
            .checked_add(n)?;
        Ymd::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Seasons, by the month they start in (northern hemisphere, meteorological).
struct Season;

impl Season {
    /// The first day of season `start_month` of year `y` (winter: the December of `y`).
    fn start(start_month: u32, y: i32) -> Ymd {
        Ymd::new(y, start_month, 1).unwrap_or(Ymd { y: 1, m: 1, d: 1 })
    }

    /// The year of the latest such season that has started by `t`.
    fn latest_started(start_month: u32, t: Ymd) -> i32 {
        if t.m >= start_month {
            t.y
        } else {
            t.y - 1
        }
    }

    /// Whether `t` lies in the season that started in `y`.
    fn contains(start_month: u32, y: i32, t: Ymd) -> bool {
        let start = Season::start(start_month, y);
        let end = start.add_months(3).unwrap_or(start);
        start <= t && t < end
    }

    /// The year of the latest such season over before `t`.
    fn latest_ended(start_month: u32, t: Ymd) -> i32 {
        let y = Season::latest_started(start_month, t);
        if Season::contains(start_month, y, t) {
            y - 1
        } else {
            y
        }
    }

    /// The year of the earliest such season starting after `t`.
    fn next_starting(start_month: u32, t: Ymd) -> i32 {
        Season::latest_started(start_month, t) + 1
    }

    /// The current season if `t` is in it, else the next one.
    fn current_or_next(start_month: u32, t: Ymd) -> i32 {
        let y = Season::latest_started(start_month, t);
        if Season::contains(start_month, y, t) {
            y
        } else {
            y + 1
        }
    }
}

/// The month a (lower-case) word names, and whether it is an abbreviation.
fn month(w: &str) -> Option<(u32, bool)> {
    let w = w.strip_suffix('.').unwrap_or(w);
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Monday = 0 ... Sunday = 6, for a (lower-case) weekday name.
fn weekday(w: &str) -> Option<i64> {
    Some(match w {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

/// The month a season starts in.
fn season(w: &str) -> Option<u32> {
    Some(match w {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        "winter" => 12,
        _ => return None,
    })
}

/// A day of the month: `1`–`31`, optionally `1st`, `2nd`, `3rd`, `4th`...
fn day(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year written with four digits, 1800 to 2199.
fn year(w: &str) -> Option<i32> {
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        w.parse().ok().filter(|y| (1800..2200).contains(y))
    } else {
        None
    }
}

/// A small count, in digits or words ("3", "three", "a").
fn count(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "several" | "few" => return None,
        _ => {
            if w.len() <= 4 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
                w.parse().ok()?
            } else {
                return None;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2013-02-27 was a Wednesday.
    const ART: u32 = 20130227;

    fn one(s: &str, article: u32) -> (u32, Precision, String) {
        let found = find_in_text(s, article);
        assert_eq!(found.len(), 1, "{s}: {found:?}");
        let e = &found[0];
        (e.date, e.precision, s[e.bytes.clone()].to_string())
    }

    fn date(s: &str) -> (u32, Precision) {
        let (d, p, _) = one(s, ART);
        (d, p)
    }

    #[test]
    fn weekdays_look_back_to_the_article_date() {
        assert_eq!(
            one("Kerry met Lavrov on Tuesday.", ART),
            (20130226, Precision::Day, "on Tuesday".into())
        );
        assert_eq!(
            date("Kerry met Lavrov on Monday."),
            (20130225, Precision::Day)
        );
        assert_eq!(
            date("Rebels attacked Wednesday."),
            (20130227, Precision::Day)
        );
        assert_eq!(
            date("Rebels attacked on Thursday."),
            (20130221, Precision::Day)
        );
        assert_eq!(
            date("Troops withdrew on Sunday night."),
            (20130224, Precision::Day)
        );
        assert_eq!(
            date("He said last Wednesday that ..."),
            (20130220, Precision::Day)
        );
        assert_eq!(
            date("They will meet next Tuesday."),
            (20130305, Precision::Day)
        );
        assert_eq!(
            date("They meet next Wednesday."),
            (20130306, Precision::Day)
        );
        // Future tense looks forward.
        assert_eq!(
            date("They will meet on Friday."),
            (20130301, Precision::Day)
        );
        assert_eq!(
            date("Talks will resume Wednesday."),
            (20130227, Precision::Day)
        );
    }

    #[test]
    fn lower_case_weekday_and_month_words_are_not_dates() {
        assert!(find_in_text("Protesters march on the capital.", ART).is_empty());
        assert!(find_in_text("Prices may fall.", ART).is_empty());
        assert!(find_in_text("The march was peaceful.", ART).is_empty());
        assert!(find_in_text("May God help us.", ART).is_empty());
    }

    #[test]
    fn days_around_today() {
        assert_eq!(
            date("Rebels attacked yesterday."),
            (20130226, Precision::Day)
        );
        assert_eq!(date("Rebels attacked today."), (20130227, Precision::Day));
        assert_eq!(date("He will speak tonight."), (20130227, Precision::Day));
        assert_eq!(date("He will speak tomorrow."), (20130228, Precision::Day));
        assert_eq!(date("Shells fell last night."), (20130226, Precision::Day));
        assert_eq!(date("He spoke this morning."), (20130227, Precision::Day));
        assert_eq!(date("He spoke earlier today."), (20130227, Precision::Day));
        assert_eq!(
            one("Shells fell yesterday morning.", ART).2,
            "yesterday morning"
        );
        // Month and year boundaries.
        assert_eq!(one("He left yesterday.", 20130301).0, 20130228);
        assert_eq!(one("He left yesterday.", 20120301).0, 20120229);
        assert_eq!(one("He arrives tomorrow.", 20131231).0, 20140101);
    }

    #[test]
    fn weeks_months_years() {
        assert_eq!(date("They met last week."), (20130218, Precision::Week));
        assert_eq!(date("They met this week."), (20130225, Precision::Week));
        assert_eq!(
            date("They will meet next week."),
            (20130304, Precision::Week)
        );
        assert_eq!(date("They met last month."), (20130101, Precision::Month));
        assert_eq!(
            date("They met earlier this month."),
            (20130201, Precision::Month)
        );
        assert_eq!(
            one("They met earlier this month.", ART).2,
            "earlier this month"
        );
        assert_eq!(
            date("They will meet next month."),
            (20130301, Precision::Month)
        );
        assert_eq!(date("They met last year."), (20120101, Precision::Year));
        assert_eq!(
            date("They will meet next year."),
            (20140101, Precision::Year)
        );
        assert_eq!(
            date("Elections are due this year."),
            (20130101, Precision::Year)
        );
        assert_eq!(one("They met last month.", 20130115).0, 20121201);
    }

    #[test]
    fn seasons() {
        assert_eq!(date("They met last summer."), (20120601, Precision::Season));
        assert_eq!(
            date("They will meet next summer."),
            (20130601, Precision::Season)
        );
        // In winter, "last winter" is the one before this one.
        assert_eq!(
            date("It snowed last winter."),
            (20111201, Precision::Season)
        );
        assert_eq!(
            date("It snowed this winter."),
            (20121201, Precision::Season)
        );
        assert_eq!(
            date("It happened in the summer of 2010."),
            (20100601, Precision::Season)
        );
        assert_eq!(date("They met in spring."), (20120301, Precision::Season));
        assert_eq!(
            date("They will meet in spring."),
            (20130301, Precision::Season)
        );
        // In October 2013 last summer is 2013's.
        assert_eq!(one("They met last summer.", 20131015).0, 20130601);
        assert_eq!(one("They met last fall.", 20131015).0, 20120901);
    }

    #[test]
    fn months() {
        assert_eq!(
            one("They met in March.", ART),
            (20120301, Precision::Month, "in March".into())
        );
        assert_eq!(
            date("They will meet in March."),
            (20130301, Precision::Month)
        );
        assert_eq!(date("They met in February."), (20130201, Precision::Month));
        assert_eq!(date("They met in January."), (20130101, Precision::Month));
        assert_eq!(date("They met in December."), (20121201, Precision::Month));
        assert_eq!(
            date("They met in March 2011."),
            (20110301, Precision::Month)
        );
        assert_eq!(date("They met last March."), (20120301, Precision::Month));
        assert_eq!(
            date("They will meet next March."),
            (20130301, Precision::Month)
        );
        assert_eq!(
            date("Fighting intensified in mid-January."),
            (20130101, Precision::Month)
        );
        assert_eq!(
            date("Fighting intensified in early January."),
            (20130101, Precision::Month)
        );
        assert_eq!(
            date("It has not rained since May."),
            (20120501, Precision::Month)
        );
        assert_eq!(
            one("Nothing changed since the August 13 vote.", ART).2,
            "August 13"
        );
    }

    #[test]
    fn calendar_dates() {
        assert_eq!(
            one("The deal was signed on March 3, 2013.", ART),
            (20130303, Precision::Day, "on March 3, 2013".into())
        );
        assert_eq!(
            date("The deal was signed March 3 2011."),
            (20110303, Precision::Day)
        );
        assert_eq!(
            date("The deal was signed on March 3."),
            (20120303, Precision::Day)
        );
        assert_eq!(
            date("The deal will be signed on March 3."),
            (20130303, Precision::Day)
        );
        assert_eq!(
            date("The deal was signed on February 3."),
            (20130203, Precision::Day)
        );
        assert_eq!(
            date("The deal was signed on 3 March."),
            (20120303, Precision::Day)
        );
        assert_eq!(
            date("The deal was signed on 3 March 2010."),
            (20100303, Precision::Day)
        );
        assert_eq!(
            date("It was signed on the 3rd of March."),
            (20120303, Precision::Day)
        );
        assert_eq!(date("It was signed Feb. 14."), (20130214, Precision::Day));
        assert_eq!(
            date("It was signed on Sept. 11, 2001."),
            (20010911, Precision::Day)
        );
        // An impossible date is no date; February 29 falls back to the last leap year.
        assert!(find_in_text("It was signed on February 30, 2013.", ART)
            .iter()
            .all(|e| e.precision != Precision::Day));
        assert_eq!(
            date("It was signed on February 29."),
            (20120229, Precision::Day)
        );
    }

    #[test]
    fn years_and_ago() {
        assert_eq!(
            one("Russia annexed Crimea in 2014.", ART),
            (20140101, Precision::Year, "in 2014".into())
        );
        assert_eq!(date("They met three days ago."), (20130224, Precision::Day));
        assert_eq!(date("They met 2 weeks ago."), (20130211, Precision::Week));
        assert_eq!(date("They met a month ago."), (20130101, Precision::Month));
        assert_eq!(date("They met two years ago."), (20110101, Precision::Year));
        assert_eq!(
            one("The Games open in two days.", ART),
            (20130301, Precision::Day, "in two days".into())
        );
        assert_eq!(
            date("Talks resume within three weeks."),
            (20130318, Precision::Week)
        );
        assert_eq!(
            one("Jets struck Gaza earlier in the day.", ART),
            (ART, Precision::Day, "earlier in the day".into())
        );
        // A bare number is not a year, nor a year that modifies a noun.
        assert!(find_in_text("Some 2014 people marched.", ART).is_empty());
        assert!(find_in_text("He played a role in the 1994 genocide.", ART).is_empty());
    }

    #[test]
    fn several_expressions_and_spans() {
        let s = "After talks on Monday, he said on Tuesday they would meet in 2014.";
        let found = find_in_text(s, ART);
        let texts: Vec<&str> = found.iter().map(|e| &s[e.bytes.clone()]).collect();
        assert_eq!(texts, ["on Monday", "on Tuesday", "in 2014"]);
        assert_eq!(found[0].tokens, 2..4);
        assert_eq!(event_date(&found, 6, ART).date, 20130226); // "said" is nearer "on Tuesday"
        assert_eq!(event_date(&found, 1, ART).date, 20130225);
        assert_eq!(event_date(&[], 1, ART), TimeExpr::document(ART));
        assert_eq!(TimeExpr::document(ART).precision.as_str(), "document");
    }

    #[test]
    fn works_on_an_analysis() {
        let a = detente_text::Analyzer::new().analyze_sentence("Kerry met Lavrov on Monday.");
        let found = find(&a, ART);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date, 20130225);
        assert_eq!(&a.text[found[0].bytes.clone()], "on Monday");
    }

    #[test]
    fn invalid_article_date_finds_nothing() {
        assert!(find_in_text("They met yesterday.", 0).is_empty());
        assert!(find_in_text("They met yesterday.", 20131301).is_empty());
        assert!(find_in_text("They met yesterday.", u32::MAX).is_empty());
        // Extreme but valid dates do not overflow.
        assert_eq!(one("They met yesterday.", 10101).0, 10101);
        assert!(find_in_text("They meet next year.", 99991231).is_empty());
    }

    #[test]
    fn date_arithmetic() {
        let d = Ymd::new(2013, 2, 27).unwrap();
        assert_eq!(d.weekday(), 2); // Wednesday
        assert_eq!(Ymd::new(1970, 1, 1).unwrap().days(), 0);
        for z in [-700_000i64, -1, 0, 1, 15_763, 2_000_000] {
            assert_eq!(Ymd::from_days(z).days(), z);
        }
        assert_eq!(d.add_months(-2).unwrap().to_u32(), 20121201);
        assert_eq!(d.add_months(11).unwrap().to_u32(), 20140101);
    }

    #[test]
    fn random_input_never_panics() {
        let vocabulary = [
            "on",
            "in",
            "Tuesday",
            "March",
            "3",
            "3rd",
            ",",
            "2013",
            "last",
            "next",
            "this",
            "summer",
            "ago",
            "two",
            "days",
            "the",
            "of",
            "yesterday",
            "mid-May",
            "May",
            "early",
            "9999",
            "0",
            "31",
            "February",
            "29",
            "will",
            "week",
            "month",
            "year",
            "coming",
            "past",
            "night",
            "é",
            "",
            "Sept.",
            "fall",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 12) as usize;
            let words: Vec<&str> = (0..len)
                .map(|_| vocabulary[(next() % vocabulary.len() as u64) as usize])
                .collect();
            let text = words.join(" ");
            let article = match next() % 4 {
                0 => (next() % 100_000_000) as u32,
                1 => 99991231,
                2 => 10101,
                _ => 20130227,
            };
            for e in find_in_text(&text, article) {
                assert!(e.bytes.end <= text.len());
                assert!(e.tokens.start < e.tokens.end);
            }
        }
    }
}

//! Whole-file documents — plain text and HTML pages — and the step every article goes
//! through: cleaning its text of boilerplate into a [`Document`] that keeps the original.

use super::{DocumentReader, Source};
use crate::boilerplate::Reason;
use crate::document::{Document, Format};
use crate::error::DocError;
use std::ops::Range;

/// What is known of a document before its text is cleaned.
pub(crate) struct Meta {
    pub id: String,
    pub date: u32,
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub line: Option<usize>,
    pub format: Format,
}

/// Cleans `original` (with the blocks a page marked) and builds the document.
pub(crate) fn build(
    reader: &DocumentReader,
    original: String,
    marked: &[(Range<usize>, Reason)],
    meta: Meta,
    source: &Source,
) -> Document {
    let cleaned = reader.cleaner().clean_marked(&original, marked);
    let title = meta.title.or_else(|| headline(&cleaned.text));
    Document {
        id: meta.id,
        date: meta.date,
        url: meta.url,
        title,
        byline: cleaned.byline.or(meta.byline),
        dateline: cleaned.dateline,
        text: cleaned.text,
        original,
        alignment: cleaned.alignment,
        removed: cleaned.removed,
        path: source.path.clone(),
        line: meta.line,
        format: meta.format,
    }
}

/// The headline of a plain text: its first paragraph, when that is one line of at most 25
/// words that does not end with a full stop. It stays in the text too (headlines report
/// events).
pub fn headline(text: &str) -> Option<String> {
    let first = text.split("\n\n").next()?.trim();
    let words = first.split_whitespace().count();
    (words > 0 && words <= 25 && !first.contains('\n') && !first.ends_with(['.', ':', ',']))
        .then(|| first.to_string())
}

/// A plain text file: one article.
pub(crate) fn document(
    reader: &DocumentReader,
    text: String,
    source: &Source,
) -> Result<Document, DocError> {
    let own = date_line(&text);
    let date = reader.date(own.as_deref(), &source.name, None, None)?;
    let meta = Meta {
        id: source.id(),
        date,
        url: None,
        title: None,
        byline: None,
        line: None,
        format: Format::Text,
    };
    Ok(build(reader, text, &[], meta, source))
}

/// An HTML page: one article.
pub(crate) fn html_document(
    reader: &DocumentReader,
    html: &str,
    source: &Source,
) -> Result<Document, DocError> {
    let page = reader.html.read(html);
    let date = reader.date(page.date.as_deref(), &source.name, None, None)?;
    let meta = Meta {
        id: source.id(),
        date,
        url: page.url,
        title: page.title,
        byline: page.author,
        line: None,
        format: Format::Html,
    };
    Ok(build(reader, page.text, &page.marked, meta, source))
}

/// The publication date a scraped text states on a line of its own near the top
/// ("Published 2013-05-07", "Updated: May 7, 2013 10:42", "7 May 2013"), as `YYYY-MM-DD`.
/// Only the first eight non-blank lines are looked at, and only short lines that hold
/// nothing but the date (and a word such as "Published"), so a date in the story is never
/// taken for the document's.
pub(crate) fn date_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(8)
        .filter(|l| l.len() <= 60)
        .find_map(line_date)
}

/// The date of one line made of a date, an optional lead word and an optional time.
fn line_date(line: &str) -> Option<String> {
    const LEADS: [&str; 6] = [
        "published",
        "posted",
        "updated",
        "date",
        "last updated",
        "on",
    ];
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = line.to_ascii_lowercase();
    let mut rest = lower.as_str();
    for lead in LEADS {
        if let Some(r) = rest.strip_prefix(lead) {
            rest = r.trim_start_matches([':', ' ']);
        }
    }
    let words: Vec<&str> = rest
        .split(|c: char| c == ' ' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.starts_with(m) && w.trim_end_matches('.').len() >= 3)
            .map(|i| i as u32 + 1)
    };
    let number = |w: &str| w.trim_end_matches(['.', ',']).parse::<u32>().ok();
    let is_time = |w: &str| {
        w.contains(':')
            || matches!(
                w,
                "am" | "pm" | "a.m." | "p.m." | "gmt" | "utc" | "et" | "est" | "edt"
            )
    };
    let (year, month, day, used) = match words.as_slice() {
        // 2013-05-07 (or 2013-05-07T10:42:00)
        [iso, ..] if iso.len() >= 10 && iso.as_bytes()[4] == b'-' => {
            let digits: String = iso
                .get(..10)?
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let v: u32 = digits.parse().ok()?;
            (v / 10000, v / 100 % 100, v % 100, 1)
        }
        // May 7, 2013
        [m, d, y, ..] if month(m).is_some() => (number(y)?, month(m)?, number(d)?, 3),
        // 7 May 2013
        [d, m, y, ..] if month(m).is_some() => (number(y)?, month(m)?, number(d)?, 3),
        _ => return None,
    };
    if !words[used..].iter().all(|w| is_time(w)) {
        return None;
    }
    let valid =
        (1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod date_line_tests {
    use super::date_line;

    #[test]
    fn dates_stated_near_the_top() {
        let d = |t: &str| date_line(t);
        assert_eq!(
            d("Published 2014-09-24\nRussia says ..."),
            Some("2014-09-24".into())
        );
        assert_eq!(
            d("Title\nUpdated: May 7, 2013 10:42 GMT\nText."),
            Some("2013-05-07".into())
        );
        assert_eq!(d("7 Sept. 2013\nText."), Some("2013-09-07".into()));
        assert_eq!(d("2013-02-27T09:00:00Z\nText."), Some("2013-02-27".into()));
        // A date inside a sentence is the story's, not the document's.
        assert_eq!(d("Kerry met Lavrov on May 7, 2013 in Moscow."), None);
        assert_eq!(d("The meeting.\n\nNo date here."), None);
        assert_eq!(
            d("February 30 2013 is not checked, 13 May 2013 garbage"),
            None
        );
    }
}

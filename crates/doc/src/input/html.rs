//! HTML pages: the page's visible text as blocks (one paragraph a block), with the blocks
//! that the page's structure marks as furniture (`<nav>`, `<figcaption>`, `<aside>`, a
//! `class="share-tools"` box, a block that is mostly links...) marked with a [`Reason`] for
//! the cleaner; and the page's metadata: title, publication date, URL and author from
//! `<meta>` tags (Open Graph, `article:published_time`, ...), JSON-LD (`headline`,
//! `datePublished`, `author`), `<time datetime>`, the canonical link and `<title>`.
//!
//! The approach is readability's (furniture found by tag, class and id, and by link
//! density), kept simple and explicit so that every block that goes has a reason.

use crate::boilerplate::Reason;
use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};
use std::ops::Range;

/// What a page yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The title from the metadata, else `<title>` (without a " | Site" suffix), else the
    /// first `<h1>`.
    pub title: Option<String>,
    /// The publication date as written in the page (ISO 8601 as a rule).
    pub date: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The author from the metadata.
    pub author: Option<String>,
    /// The visible text: one block a paragraph, blocks separated by blank lines, white space
    /// within a block collapsed.
    pub text: String,
    /// Blocks of `text` that the page's structure marks as boilerplate.
    pub marked: Vec<(Range<usize>, Reason)>,
}

/// Elements whose content is never visible text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed",
    "select", "option", "textarea", "canvas", "video", "audio", "map", "math", "input",
];

/// Elements that start a new block.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "form",
    "address",
    "hr",
    "br",
    "body",
    "details",
    "summary",
    "fieldset",
    "legend",
    "center",
    "dialog",
    "button",
    "picture",
];

/// Class and id words that mark furniture, and why.
const CLASS_HINTS: &[(&str, Reason)] = &[
    ("cookie", Reason::Cookie),
    ("cookies", Reason::Cookie),
    ("consent", Reason::Cookie),
    ("gdpr", Reason::Cookie),
    ("newsletter", Reason::Newsletter),
    ("signup", Reason::Newsletter),
    ("paywall", Reason::Paywall),
    ("regwall", Reason::Paywall),
    ("subscribe", Reason::Paywall),
    ("subscription", Reason::Paywall),
    ("premium", Reason::Paywall),
    ("meter", Reason::Paywall),
    ("share", Reason::Share),
    ("sharing", Reason::Share),
    ("sharebar", Reason::Share),
    ("social", Reason::Share),
    ("related", Reason::Related),
    ("recommended", Reason::Related),
    ("recommendations", Reason::Related),
    ("outbrain", Reason::Related),
    ("taboola", Reason::Related),
    ("trending", Reason::Related),
    ("popular", Reason::Related),
    ("mostread", Reason::Related),
    ("readmore", Reason::Related),
    ("tags", Reason::Related),
    ("topics", Reason::Related),
    ("caption", Reason::Caption),
    ("figcaption", Reason::Caption),
    ("credit", Reason::Credit),
    ("ad", Reason::Advertisement),
    ("ads", Reason::Advertisement),
    ("advert", Reason::Advertisement),
    ("advertisement", Reason::Advertisement),
    ("sponsor", Reason::Advertisement),
    ("sponsored", Reason::Advertisement),
    ("promo", Reason::Advertisement),
    ("byline", Reason::Byline),
    ("author", Reason::Byline),
    ("breadcrumb", Reason::Navigation),
    ("breadcrumbs", Reason::Navigation),
    ("nav", Reason::Navigation),
    ("navbar", Reason::Navigation),
    ("navigation", Reason::Navigation),
    ("menu", Reason::Navigation),
    ("masthead", Reason::Navigation),
    ("logo", Reason::Navigation),
    ("brand", Reason::Navigation),
    ("skip", Reason::Navigation),
    ("footer", Reason::PageChrome),
    ("sidebar", Reason::PageChrome),
    ("rail", Reason::PageChrome),
    ("widget", Reason::PageChrome),
    ("comment", Reason::Comments),
    ("comments", Reason::Comments),
    ("disqus", Reason::Comments),
    ("contribution", Reason::Promotion),
    ("donate", Reason::Promotion),
    ("donation", Reason::Promotion),
    ("epic", Reason::Promotion),
    ("twitter", Reason::Embed),
    ("tweet", Reason::Embed),
    ("instagram", Reason::Embed),
    ("embed", Reason::Embed),
    ("tools", Reason::Share),
    ("toolbar", Reason::Share),
    ("disclaimer", Reason::EditorialNote),
    ("bio", Reason::Byline),
    ("timestamp", Reason::Timestamp),
    ("pubdate", Reason::Timestamp),
    ("published", Reason::Timestamp),
    ("updated", Reason::Timestamp),
    ("date", Reason::Timestamp),
];

/// Whole class strings (of several words) that mark furniture.
const CLASS_PHRASES: &[(&str, Reason)] = &[
    ("read-more", Reason::Related),
    ("more-stories", Reason::Related),
    ("most-read", Reason::Related),
    ("also-read", Reason::Related),
    ("top-bar", Reason::Navigation),
    ("topbar", Reason::Navigation),
];

/// Reads HTML pages. Build once; it holds compiled selectors.
#[derive(Debug)]
pub struct HtmlReader {
    json_ld: Selector,
    canonical: Selector,
    time: Selector,
    title: Selector,
    h1: Selector,
    meta: Selector,
}

impl Default for HtmlReader {
    fn default() -> HtmlReader {
        HtmlReader::new()
    }
}

fn selector(text: &str) -> Selector {
    // The selectors are constants of this file, checked by the tests.
    Selector::parse(text).unwrap_or_else(|_| panic!("bad built-in selector {text}"))
}

impl HtmlReader {
    /// A reader.
    pub fn new() -> HtmlReader {
        HtmlReader {
            json_ld: selector(r#"script[type="application/ld+json"]"#),
            canonical: selector(r#"link[rel="canonical"]"#),
            time: selector("time[datetime]"),
            title: selector("title"),
            h1: selector("h1"),
            meta: selector("meta"),
        }
    }

    /// Reads one page.
    pub fn read(&self, html: &str) -> Page {
        let document = Html::parse_document(html);
        let mut page = Page::default();
        let site = self.metadata(&document, &mut page);
        visible_text(&document, &mut page);
        if let Some(site) = site {
            mark_site_name(&mut page, &site);
        }
        if page.title.is_none() {
            page.title = document
                .select(&self.h1)
                .next()
                .map(|h| collapse(&h.text().collect::<String>()))
                .filter(|t| !t.is_empty());
        }
        page
    }

    /// Fills the page's metadata; returns the site's name, when the page gives it.
    fn metadata(&self, document: &Html, page: &mut Page) -> Option<String> {
        let mut metas: Vec<(String, String)> = Vec::new();
        for meta in document.select(&self.meta) {
            let element = meta.value();
            let Some(content) = element.attr("content") else {
                continue;
            };
            for key in ["property", "name", "itemprop"] {
                if let Some(k) = element.attr(key) {
                    metas.push((k.to_ascii_lowercase(), collapse(content)));
                }
            }
        }
        let meta = |keys: &[&str]| -> Option<String> {
            keys.iter().find_map(|key| {
                metas
                    .iter()
                    .find(|(k, v)| k == key && !v.is_empty())
                    .map(|(_, v)| v.clone())
            })
        };
        let ld = self.json_ld_fields(document);
        let title_element = document
            .select(&self.title)
            .next()
            .map(|t| collapse(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
        let (title_head, title_site) = match &title_element {
            Some(title) => site_suffix_split(title),
            None => (None, None),
        };
        page.title = meta(&["og:title", "twitter:title"])
            .or(ld.headline)
            .or(title_head);
        page.date = meta(&[
            "article:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "parsely-pub-date",
            "sailthru.date",
            "og:published_time",
        ])
        .or(ld.date_published)
        .or_else(|| {
            document
                .select(&self.time)
                .find_map(|t| t.value().attr("datetime").map(str::trim).map(String::from))
        });
        page.url = document
            .select(&self.canonical)
            .find_map(|l| l.value().attr("href").map(str::trim).map(String::from))
            .or_else(|| meta(&["og:url"]))
            .or(ld.url);
        page.author = meta(&["author", "article:author", "byl", "dc.creator"])
            .filter(|a| !a.starts_with("http"))
            .or(ld.author);
        meta(&["og:site_name", "application-name"]).or(title_site)
    }

    fn json_ld_fields(&self, document: &Html) -> LdFields {
        let mut fields = LdFields::default();
        for script in document.select(&self.json_ld) {
            let text: String = script.text().collect();
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            let mut stack = vec![&value];
            while let Some(value) = stack.pop() {
                match value {
                    serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                    serde_json::Value::Object(object) => {
                        if let Some(graph) = object.get("@graph") {
                            stack.push(graph);
                        }
                        let string = |key: &str| {
                            object
                                .get(key)
                                .and_then(|v| v.as_str())
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                        };
                        if fields.date_published.is_none() {
                            fields.date_published = string("datePublished");
                        }
                        if fields.headline.is_none() {
                            fields.headline = string("headline");
                        }
                        if fields.url.is_none() && object.contains_key("datePublished") {
                            fields.url = string("url");
                        }
                        if fields.author.is_none() {
                            fields.author = object.get("author").and_then(author_name);
                        }
                    }
                    _ => {}
                }
            }
        }
        fields
    }
}

#[derive(Default)]
struct LdFields {
    headline: Option<String>,
    date_published: Option<String>,
    url: Option<String>,
    author: Option<String>,
}

fn author_name(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        serde_json::Value::Object(o) => o.get("name").and_then(author_name),
        serde_json::Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(author_name).collect();
            (!names.is_empty()).then(|| names.join(" and "))
        }
        _ => None,
    }
}

/// "Headline | Site" → ("Headline", "Site").
fn site_suffix_split(title: &str) -> (Option<String>, Option<String>) {
    for sep in [" | ", " - ", " — ", " – "] {
        if let Some((head, site)) = title.rsplit_once(sep) {
            if head.split_whitespace().count() >= 2 && site.split_whitespace().count() <= 4 {
                return (Some(head.trim().to_string()), Some(site.trim().to_string()));
            }
        }
    }
    (Some(title.to_string()), None)
}

/// Marks the blocks that only name the site (a masthead without markup).
fn mark_site_name(page: &mut Page, site: &str) {
    let mut start = 0;
    for block in page.text.split("\n\n") {
        let range = start..start + block.len();
        start = range.end + 2;
        if block.trim().eq_ignore_ascii_case(site.trim())
            && !page
                .marked
                .iter()
                .any(|(r, _)| r.start <= range.start && range.end <= r.end)
        {
            page.marked.push((range, Reason::Navigation));
        }
    }
    page.marked.sort_by_key(|(r, _)| r.start);
}

/// White space collapsed to single spaces, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The hint an element gives by its tag, class and id.
fn element_hint(element: &scraper::node::Element, in_article: bool) -> Option<Reason> {
    let name = element.name();
    let by_tag = match name {
        "nav" => Some(Reason::Navigation),
        "footer" | "aside" | "form" | "dialog" => Some(Reason::PageChrome),
        "figcaption" | "figure" => Some(Reason::Caption),
        "header" if !in_article => Some(Reason::Navigation),
        "button" | "amp-sidebar" => Some(Reason::Navigation),
        "amp-ad" | "amp-embed" => Some(Reason::Advertisement),
        _ => None,
    };
    if by_tag.is_some() || matches!(name, "article" | "main" | "body" | "html") {
        return by_tag;
    }
    let mut words = String::new();
    for attr in ["class", "id", "role"] {
        if let Some(value) = element.attr(attr) {
            words.push(' ');
            words.push_str(&value.to_ascii_lowercase());
        }
    }
    if words.is_empty() {
        return None;
    }
    if words.contains("navigation") {
        return Some(Reason::Navigation);
    }
    if let Some((_, reason)) = CLASS_PHRASES.iter().find(|(p, _)| words.contains(p)) {
        return Some(*reason);
    }
    words
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .find_map(|word| {
            CLASS_HINTS
                .iter()
                .find(|(w, _)| *w == word)
                .map(|(_, reason)| *reason)
        })
}

struct Frame {
    hint: Option<Reason>,
    block: bool,
    link: bool,
    invisible: bool,
    article: bool,
}

#[derive(Default)]
struct Block {
    text: String,
    link_chars: usize,
    chars: usize,
    space: bool,
    heading: bool,
    /// The hint of the elements holding the block's text, while they all agree.
    text_hint: Option<Reason>,
    /// The text's elements disagree about the hint.
    mixed: bool,
}

fn visible_text(document: &Html, page: &mut Page) {
    let mut frames: Vec<Frame> = Vec::new();
    let mut block = Block::default();
    let mut hint: Option<Reason> = None;
    let flush = |block: &mut Block, hint: Option<Reason>, page: &mut Page| {
        let text = block.text.trim();
        if !text.is_empty() {
            if !page.text.is_empty() {
                page.text.push_str("\n\n");
            }
            let start = page.text.len();
            page.text.push_str(text);
            let range = start..page.text.len();
            let words = text.split_whitespace().count();
            // all the text inside one marked inline element: `<p><span class=credit>..`
            let hint = if block.mixed {
                hint
            } else {
                block.text_hint.or(hint)
            };
            let link_dense = block.chars > 0
                && block.link_chars * 4 >= block.chars * 3
                && words <= 20
                && !block.heading;
            match hint {
                Some(reason) => page.marked.push((range, reason)),
                None if link_dense => page.marked.push((range, Reason::LinkList)),
                None => {}
            }
        }
        *block = Block::default();
    };
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let parent = frames.last();
                    let invisible =
                        parent.is_some_and(|f| f.invisible) || INVISIBLE.contains(&element.name());
                    let in_article = parent.is_some_and(|f| f.article);
                    let article = in_article || matches!(element.name(), "article" | "main");
                    let own = if invisible {
                        None
                    } else {
                        element_hint(element, in_article)
                    };
                    let inherited = parent.and_then(|f| f.hint);
                    let block_tag = BLOCKS.contains(&element.name());
                    if block_tag && !invisible {
                        flush(&mut block, hint, page);
                    }
                    let frame = Frame {
                        hint: own.or(inherited),
                        block: block_tag,
                        link: parent.is_some_and(|f| f.link) || element.name() == "a",
                        invisible,
                        article,
                    };
                    if block_tag {
                        hint = frame.hint;
                        block.heading =
                            matches!(element.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                    }
                    frames.push(frame);
                }
                Node::Text(text) => {
                    let Some(frame) = frames.last() else { continue };
                    if frame.invisible {
                        continue;
                    }
                    if !text.trim().is_empty() {
                        if block.chars == 0 {
                            block.text_hint = frame.hint;
                        } else if block.text_hint != frame.hint {
                            block.mixed = true;
                        }
                    }
                    for c in text.chars() {
                        if c.is_whitespace() {
                            block.space = true;
                            continue;
                        }
                        if block.space && !block.text.is_empty() {
                            block.text.push(' ');
                        }
                        block.space = false;
                        block.text.push(c);
                        block.chars += 1;
                        if frame.link {
                            block.link_chars += 1;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(_) = node.value() {
                    if let Some(frame) = frames.pop() {
                        if frame.block && !frame.invisible {
                            flush(&mut block, hint, page);
                            hint = frames.last().and_then(|f| f.hint);
                        }
                    }
                }
            }
        }
    }
    flush(&mut block, hint, page);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_compile() {
        let _ = HtmlReader::new();
    }

    #[test]
    fn metadata_and_blocks() {
        let html = r#"<html><head><title>Talks resume | The Courier</title>
<meta property="article:published_time" content="2013-02-27T09:00:00Z">
<link rel="canonical" href="https://example.org/a">
<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Jane Doe"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
<article><h1>Talks resume</h1><p>Russia said it <b>would</b> talk.</p>
<figure><img src="x.jpg"><figcaption>Lavrov speaks. Photo: AFP</figcaption></figure>
<div class="share-tools"><a>Facebook</a></div></article></body></html>"#;
        let page = HtmlReader::new().read(html);
        assert_eq!(page.title.as_deref(), Some("Talks resume"));
        assert_eq!(page.date.as_deref(), Some("2013-02-27T09:00:00Z"));
        assert_eq!(page.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(page.author.as_deref(), Some("Jane Doe"));
        assert_eq!(
            page.text,
            "Home World\n\nTalks resume\n\nRussia said it would talk.\n\nLavrov speaks. Photo: AFP\n\nFacebook"
        );
        let reasons: Vec<Reason> = page.marked.iter().map(|(_, r)| *r).collect();
        assert_eq!(
            reasons,
            [Reason::Navigation, Reason::Caption, Reason::Share]
        );
    }
}

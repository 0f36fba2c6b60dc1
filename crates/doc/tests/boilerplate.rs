//! Boilerplate removal measured on the fixtures in `tests/fixtures/boilerplate/`: short news
//! articles written for this test (invented, not copied) wrapped in the noise that news pages
//! carry. Each `NAME.txt` or `NAME.html` has a sibling `NAME.expected.txt` holding the article
//! text that must survive, after optional `# title:`, `# byline:`, `# dateline:` and
//! `# date:` lines giving the metadata that must be found.
//!
//! Every line of a document's original text (for a page: its visible text) that is not
//! article text is boilerplate. The test prints and asserts the share of boilerplate lines
//! removed (at least 0.95) and the number of article sentences lost (none).

use detente_doc::boilerplate::split_dateline;
use detente_doc::{Document, DocumentReader, ReaderOptions};
use detente_text::split_sentences;
use std::path::{Path, PathBuf};

/// The fixtures folder, or another folder of fixtures in the same layout named by
/// `DETENTE_BOILERPLATE_FIXTURES` (to measure on other annotated pages).
fn fixtures() -> (PathBuf, bool) {
    match std::env::var_os("DETENTE_BOILERPLATE_FIXTURES") {
        Some(dir) => (PathBuf::from(dir), false),
        None => (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boilerplate"),
            true,
        ),
    }
}

#[derive(Default)]
struct Expected {
    title: Option<String>,
    byline: Option<String>,
    dateline: Option<String>,
    date: Option<u32>,
    body: String,
}

fn expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut expected = Expected::default();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("# ") {
            let (key, value) = header.split_once(": ").expect("`# key: value`");
            let value = Some(value.trim().to_string());
            match key {
                "title" => expected.title = value,
                "byline" => expected.byline = value,
                "dateline" => expected.dateline = value,
                "date" => expected.date = value.and_then(|v| v.parse().ok()),
                other => panic!("{}: unknown header {other}", path.display()),
            }
        } else {
            expected.body.push_str(line);
            expected.body.push('\n');
        }
    }
    expected
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read(reader: &DocumentReader, path: &Path) -> Document {
    let mut documents = reader.documents(&[path.to_path_buf()]);
    let document = documents
        .next()
        .unwrap_or_else(|| panic!("{}: no document", path.display()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(documents.next().is_none(), "one document a file");
    document
}

/// Counts for one fixture.
#[derive(Default)]
struct Score {
    boilerplate: usize,
    removed: usize,
    sentences: usize,
    lost: usize,
    problems: Vec<String>,
}

fn score(document: &Document, expected: &Expected) -> Score {
    let mut score = Score::default();
    let cleaned = normalize(&document.text);
    for paragraph in expected.body.split("\n\n") {
        for range in split_sentences(paragraph) {
            let sentence = normalize(&paragraph[range]);
            if sentence.is_empty() {
                continue;
            }
            score.sentences += 1;
            if !cleaned.contains(&sentence) {
                score.lost += 1;
                score.problems.push(format!("lost sentence: {sentence}"));
            }
        }
    }
    let article = normalize(&expected.body);
    let kept: Vec<String> = document.text.lines().map(normalize).collect();
    for line in document.original.lines() {
        let line = normalize(line);
        if line.is_empty() {
            continue;
        }
        let body = split_dateline(&line).map_or(line.as_str(), |(cut, _)| &line[cut..]);
        let is_article = article.contains(body)
            && (body.split_whitespace().count() >= 4 || body.ends_with(['.', '?', '!', '"']));
        if is_article {
            continue;
        }
        score.boilerplate += 1;
        if kept.contains(&line) {
            score.problems.push(format!("kept boilerplate: {line}"));
        } else {
            score.removed += 1;
        }
    }
    let mut check = |what: &str, want: &Option<String>, got: &Option<String>| {
        if want.is_some() && want != got {
            score
                .problems
                .push(format!("{what}: expected {want:?}, found {got:?}"));
        }
    };
    check("title", &expected.title, &document.title);
    check("byline", &expected.byline, &document.byline);
    check("dateline", &expected.dateline, &document.dateline);
    if let Some(date) = expected.date {
        if date != document.date {
            score
                .problems
                .push(format!("date: expected {date}, found {}", document.date));
        }
    }
    score
}

#[test]
fn boilerplate_is_removed_and_no_article_sentence_is_lost() {
    let (dir, ours) = fixtures();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.ends_with(".expected.txt") && (name.ends_with(".txt") || name.ends_with(".html"))
        })
        .collect();
    paths.sort();
    assert!(
        !ours || paths.len() >= 20,
        "at least 20 fixtures, found {}",
        paths.len()
    );
    // text files carry no date: a default stands in (HTML pages must find their own)
    let reader = DocumentReader::new(ReaderOptions {
        default_date: Some(20000101),
        keep_boilerplate: false,
    });
    let mut total = Score::default();
    let mut metadata = Vec::new();
    for path in &paths {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let stem = name.rsplit_once('.').expect("extension").0;
        let expected = expected(&path.with_file_name(format!("{stem}.expected.txt")));
        let document = read(&reader, path);
        let score = score(&document, &expected);
        println!(
            "{name}: {}/{} boilerplate lines removed, {}/{} sentences lost",
            score.removed, score.boilerplate, score.lost, score.sentences
        );
        for problem in &score.problems {
            println!("  {problem}");
            if !problem.starts_with("kept boilerplate") && !problem.starts_with("lost") {
                metadata.push(format!("{name}: {problem}"));
            }
        }
        total.boilerplate += score.boilerplate;
        total.removed += score.removed;
        total.sentences += score.sentences;
        total.lost += score.lost;
    }
    let share = total.removed as f64 / total.boilerplate.max(1) as f64;
    println!(
        "boilerplate lines removed: {}/{} = {share:.3}; article sentences lost: {}/{}",
        total.removed, total.boilerplate, total.lost, total.sentences
    );
    assert!(
        !ours || total.boilerplate >= 100,
        "fixtures carry enough boilerplate"
    );
    assert!(
        share >= 0.95,
        "share of boilerplate lines removed {share:.3} < 0.95"
    );
    assert_eq!(total.lost, 0, "article sentences lost");
    assert!(
        metadata.is_empty(),
        "metadata not found:\n{}",
        metadata.join("\n")
    );
}

/// The seed article of `../shared/seeds` (not copied into the repository) comes out without
/// its photo credit, caption or paywall prompt, and with all its article paragraphs.
#[test]
fn seed_article_loses_credit_caption_and_paywall() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds/000_944bbe82fb79d8a7.txt");
    if !path.exists() {
        println!("skipped: {} is absent", path.display());
        return;
    }
    let reader = DocumentReader::new(ReaderOptions {
        default_date: Some(20130226),
        keep_boilerplate: false,
    });
    let document = read(&reader, &path);
    for gone in [
        "Jacquelyn Martin/AP",
        "shakes hands",
        "(r.)",
        "Subscribe",
        "free articles",
        "Unlimited digital access",
        "Get unlimited",
        "stories this month",
    ] {
        assert!(
            !document.text.contains(gone),
            "{gone:?} is still in the text"
        );
    }
    for kept in [
        "Are the US and Russia bridging their divide over Syria?",
        "After a surprisingly positive first meeting",
        "Really, not so much.",
        "\"We can expect that the dynamic between Lavrov and Kerry will be better,\" says Mr. Lukyanov.",
    ] {
        assert!(document.text.contains(kept), "{kept:?} was lost");
    }
    // every paragraph of the cleaned text is a paragraph of the original, where it points
    for paragraph in document.text.split("\n\n") {
        let start = paragraph.as_ptr() as usize - document.text.as_ptr() as usize;
        let range = document.original_range(start..start + paragraph.len());
        assert_eq!(&document.original[range], paragraph);
    }
    let reasons: Vec<&str> = document.removed.iter().map(|r| r.reason.as_str()).collect();
    println!("seed: removed {reasons:?}");
    assert!(
        reasons.contains(&"credit") && reasons.contains(&"caption") && reasons.contains(&"paywall")
    );
}

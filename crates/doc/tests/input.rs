//! Reading documents: each input format, gzip, folders, standard input (as a stream), dates,
//! and malformed input, which must give an error naming the file and line without panicking.

use detente_doc::{DocError, Document, DocumentReader, Format, ReaderOptions};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A fresh temporary folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-doc-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, bytes).expect("write");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

fn reader(date: Option<u32>) -> DocumentReader {
    DocumentReader::new(ReaderOptions {
        default_date: date,
        keep_boilerplate: false,
    })
}

fn all(reader: &DocumentReader, inputs: &[PathBuf]) -> Vec<Result<Document, DocError>> {
    reader.documents(inputs).collect()
}

fn ok(results: Vec<Result<Document, DocError>>) -> Vec<Document> {
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("unexpected error: {e}")))
        .collect()
}

const ARTICLE: &str = "Talks resume in Geneva\n\nBy Jane Doe\n\nGENEVA (AFP) - Russia and the United States resumed talks on Monday.\n\nShare this article\n";

const PAGE: &str = r#"<html><head><meta property="og:title" content="Talks resume">
<meta property="article:published_time" content="2013-02-27T10:00:00Z">
<link rel="canonical" href="https://example.org/talks"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Talks resume</h1>
<p>Russia and the United States resumed talks on Monday.</p>
<div class="newsletter">Sign up for our daily newsletter</div></article></body></html>"#;

#[test]
fn text_file() {
    let dir = scratch("text");
    let path = dir.join("a.txt");
    write(&path, ARTICLE.as_bytes());
    let docs = ok(all(&reader(Some(20130227)), std::slice::from_ref(&path)));
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.id, path.display().to_string());
    assert_eq!(doc.date, 20130227);
    assert_eq!(doc.format, Format::Text);
    assert_eq!(doc.title.as_deref(), Some("Talks resume in Geneva"));
    assert_eq!(doc.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(doc.dateline.as_deref(), Some("GENEVA (AFP)"));
    assert_eq!(
        doc.text,
        "Talks resume in Geneva\n\nRussia and the United States resumed talks on Monday."
    );
    // the sentence points at its place in the original
    let at = doc.text.find("Russia").expect("sentence");
    let range = doc.original_range(at..doc.text.len());
    assert_eq!(
        &doc.original[range],
        "Russia and the United States resumed talks on Monday."
    );
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    let reasons: Vec<&str> = doc.removed.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons, ["byline", "dateline", "share"]);
}

#[test]
fn keep_boilerplate_keeps_the_text() {
    let dir = scratch("keep");
    let path = dir.join("a.txt");
    write(&path, ARTICLE.as_bytes());
    let reader = DocumentReader::new(ReaderOptions {
        default_date: Some(20130227),
        keep_boilerplate: true,
    });
    let doc = ok(all(&reader, &[path])).remove(0);
    assert!(doc.text.contains("Share this article"));
    assert!(doc.removed.is_empty());
}

#[test]
fn html_page_with_its_own_date() {
    let dir = scratch("html");
    let path = dir.join("page.html");
    write(&path, PAGE.as_bytes());
    let doc = ok(all(&reader(None), &[path])).remove(0);
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.date, 20130227);
    assert_eq!(doc.title.as_deref(), Some("Talks resume"));
    assert_eq!(doc.url.as_deref(), Some("https://example.org/talks"));
    assert_eq!(
        doc.text,
        "Talks resume\n\nRussia and the United States resumed talks on Monday."
    );
}

#[test]
fn json_lines_records() {
    let dir = scratch("jsonl");
    let path = dir.join("news.jsonl");
    write(
        &path,
        concat!(
            r#"{"id":"a1","date":"2013-02-27","url":"https://example.org/a1","title":"Talks","text":"Russia met the United States.\nShare this article"}"#,
            "\n\n",
            r#"{"id":7,"date":"20130228","html":"<p>Syria rejected the plan.</p><div class='share'>Tweet</div>"}"#,
            "\n"
        )
        .as_bytes(),
    );
    let docs = ok(all(&reader(None), &[path]));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "a1");
    assert_eq!(docs[0].url.as_deref(), Some("https://example.org/a1"));
    assert_eq!(docs[0].title.as_deref(), Some("Talks"));
    assert_eq!(docs[0].text, "Russia met the United States.");
    assert_eq!(docs[0].line, Some(1));
    assert_eq!(docs[1].id, "7");
    assert_eq!(docs[1].date, 20130228);
    assert_eq!(docs[1].text, "Syria rejected the plan.");
    assert_eq!(docs[1].line, Some(3));
}

#[test]
fn petrarch_xml_records() {
    let dir = scratch("xml");
    let path = dir.join("input.xml");
    write(
        &path,
        br#"<Sentences>
<Sentence date="20130227" id="S1" source="AFP" sentence="True">
<Text>Russia accused Syria of shelling.</Text>
</Sentence>
<Sentence date="20130228" id="S2" sentence="True">
<Text>Iran met Iraq.</Text>
</Sentence>
</Sentences>
"#,
    );
    let docs = ok(all(&reader(None), &[path]));
    let ids: Vec<(&str, u32, &str)> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.date, d.text.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("S1", 20130227, "Russia accused Syria of shelling."),
            ("S2", 20130228, "Iran met Iraq.")
        ]
    );
    assert_eq!(docs[0].format, Format::PetrarchXml);
}

#[test]
fn gzip_files_by_name_and_by_magic() {
    let dir = scratch("gzip");
    let line = br#"{"id":"g1","date":"2013-02-27","text":"Russia met Syria."}"#;
    write(&dir.join("a.jsonl.gz"), &gzip(line));
    // no .gz in the name: recognised by its magic bytes
    write(&dir.join("b.jsonl"), &gzip(line));
    write(&dir.join("c.txt.gz"), &gzip(b"Syria met Iran."));
    let docs = ok(all(
        &reader(Some(20130301)),
        &[
            dir.join("a.jsonl.gz"),
            dir.join("b.jsonl"),
            dir.join("c.txt.gz"),
        ],
    ));
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Russia met Syria.", "Russia met Syria.", "Syria met Iran."]
    );
}

#[test]
fn folders_are_read_recursively_in_order() {
    let dir = scratch("folder");
    write(&dir.join("b.txt"), b"Syria met Iran.");
    write(&dir.join("a/z.txt"), b"Russia met Syria.");
    write(&dir.join("a/y/x.html"), PAGE.as_bytes());
    write(
        &dir.join("c.jsonl"),
        br#"{"id":"r1","date":"2013-02-27","text":"Iran met Iraq."}"#,
    );
    write(&dir.join(".hidden.txt"), b"not read");
    write(&dir.join("README"), b"not read");
    write(&dir.join("notes.md"), b"not read");
    // a link back to the folder is not followed
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("a/loop")).expect("symlink");
    let docs = ok(all(&reader(Some(20130301)), std::slice::from_ref(&dir)));
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let expected: Vec<String> = ["a/y/x.html", "a/z.txt", "b.txt"]
        .iter()
        .map(|p| dir.join(p).display().to_string())
        .chain(["r1".to_string()])
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn streams_are_recognised_by_their_first_bytes() {
    let reader = reader(Some(20130227));
    let cases: [(&[u8], &str); 4] = [
        (br#"{"id":"s1","text":"Russia met Syria."}"#, "Russia met Syria."),
        (PAGE.as_bytes(), "Talks resume\n\nRussia and the United States resumed talks on Monday."),
        (b"Iran met Iraq.\n", "Iran met Iraq."),
        (b"<Sentences><Sentence id=\"x\" date=\"20130227\"><Text>Iraq met Iran.</Text></Sentence></Sentences>", "Iraq met Iran."),
    ];
    for (bytes, text) in cases {
        for bytes in [bytes.to_vec(), gzip(bytes)] {
            let docs: Vec<Document> = ok(reader
                .documents_from_reader(Box::new(std::io::Cursor::new(bytes)), "<stdin>")
                .collect());
            assert_eq!(docs.len(), 1);
            assert_eq!(docs[0].text, text);
        }
    }
    let doc = reader
        .documents_from_reader(
            Box::new(std::io::Cursor::new(b"Iran met Iraq.".to_vec())),
            "<stdin>",
        )
        .next()
        .expect("a document")
        .expect("read");
    assert_eq!(doc.id, "stdin");
}

#[test]
fn a_missing_date_is_an_error_naming_the_file_or_record() {
    let dir = scratch("nodate");
    let text = dir.join("a.txt");
    write(&text, b"Russia met Syria.");
    let page = dir.join("p.html");
    write(&page, b"<p>Russia met Syria.</p>");
    let jsonl = dir.join("r.jsonl");
    write(
        &jsonl,
        b"{\"id\":\"ok\",\"date\":\"2013-02-27\",\"text\":\"x.\"}\n{\"id\":\"r2\",\"text\":\"x.\"}\n{\"id\":\"r3\",\"date\":\"soon\",\"text\":\"x.\"}\n",
    );
    let results = all(&reader(None), &[text.clone(), page.clone(), jsonl.clone()]);
    let messages: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
        .collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages[0].starts_with(&format!("{}: the document has no date", text.display())));
    assert!(messages[1].starts_with(&format!("{}: the document has no date", page.display())));
    assert_eq!(
        messages[2],
        format!(
            "{}:2: record \"r2\" has no \"date\" (give --date YYYY-MM-DD)",
            jsonl.display()
        )
    );
    assert_eq!(
        messages[3],
        format!(
            "{}:3: record \"r3\" has a bad date \"soon\"",
            jsonl.display()
        )
    );
    // with --date, the same files are read; a bad date stays an error
    let results = all(&reader(Some(20130301)), &[text, page, jsonl]);
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 4);
    assert!(results[4]
        .as_ref()
        .is_err_and(|e| e.to_string().contains("bad date")));
}

#[test]
fn malformed_input_is_named_by_file_and_line() {
    let dir = scratch("malformed");
    let jsonl = dir.join("bad.jsonl");
    let mut bytes = b"{\"id\":\"a\",\"date\":\"2013-02-27\",\"text\":\"Russia met Syria.\"}\nnot json\n[1,2]\n{\"date\":\"2013-02-27\",\"text\":\"x\"}\n{\"id\":\"t\",\"date\":\"2013-02-27\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"id\":\"u\",\"date\":\"2013-02-27\",\"text\":\"caf\xe9\"}\n");
    bytes
        .extend_from_slice(b"{\"id\":\"b\",\"date\":\"2013-02-27\",\"text\":\"Iran met Iraq.\"}\n");
    write(&jsonl, &bytes);
    let latin1 = dir.join("latin1.txt");
    write(&latin1, b"Line one.\nLine two.\nCaf\xe9 society.\n");
    let broken = dir.join("broken.jsonl.gz");
    let mut compressed = gzip(
        "{\"id\":\"z\",\"date\":\"2013-02-27\",\"text\":\"Russia met Syria.\"}\n"
            .repeat(200)
            .as_bytes(),
    );
    compressed.truncate(compressed.len() / 2);
    write(&broken, &compressed);
    let garbage = dir.join("garbage.txt.gz");
    write(&garbage, b"\x1f\x8bthis is not gzip at all");
    let missing = dir.join("missing.txt");

    let results = all(
        &reader(None),
        &[
            jsonl.clone(),
            latin1.clone(),
            broken.clone(),
            garbage.clone(),
            missing.clone(),
        ],
    );
    let mut errors = Vec::new();
    let mut ids = Vec::new();
    for result in results {
        match result {
            Ok(doc) => ids.push(doc.id),
            Err(error) => errors.push((error.line(), error.to_string())),
        }
    }
    let j = jsonl.display().to_string();
    assert_eq!(
        errors[0].1.split(": not valid JSON").next(),
        Some(format!("{j}:2").as_str())
    );
    assert_eq!(
        errors[1].1,
        format!("{j}:3: not valid JSON: a record must be a JSON object")
    );
    assert_eq!(errors[2].1, format!("{j}:4: the document has no \"id\""));
    assert_eq!(errors[3].1, format!("{j}:5: record \"t\" has no \"text\""));
    assert_eq!(errors[4].1, format!("{j}:6: not UTF-8 text"));
    assert_eq!(
        errors[5].1,
        format!("{}:3: not UTF-8 text", latin1.display())
    );
    assert!(
        errors[6].1.starts_with(&format!("{}:", broken.display()))
            && errors[6].1.contains("broken gzip stream"),
        "{}",
        errors[6].1
    );
    assert!(
        errors[6].0.is_some_and(|line| line > 1),
        "the line where it broke"
    );
    assert!(
        errors[7]
            .1
            .starts_with(&format!("{}:1: broken gzip stream", garbage.display())),
        "{}",
        errors[7].1
    );
    assert!(
        errors[8].1.starts_with(&missing.display().to_string()),
        "{}",
        errors[8].1
    );
    assert_eq!(errors.len(), 9, "{errors:?}");
    // the good records around the bad ones are read, and so are the whole records before
    // the break in the gzip stream
    assert_eq!(&ids[..2], ["a", "b"]);
    assert!(
        ids[2..].iter().all(|id| id == "z") && ids.len() > 2,
        "{ids:?}"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    let reader = reader(Some(20130227));
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for round in 0..300 {
        let len = (round * 7) % 700;
        let mut bytes = Vec::with_capacity(len);
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // mostly markup and text characters, some arbitrary bytes
            let pick = (seed % 100) as u8;
            bytes.push(match pick {
                0..=9 => b"<>/{}\"'=:\n"[pick as usize],
                10..=69 => b'a' + (pick - 10) % 26,
                70..=79 => b' ',
                _ => (seed >> 32) as u8,
            });
        }
        let prefixes: [&[u8]; 4] = [
            b"",
            b"{",
            b"<html><p>",
            b"<Sentences><Sentence id='1' date='20130227'><Text>",
        ];
        for prefix in prefixes {
            let mut input = prefix.to_vec();
            input.extend_from_slice(&bytes);
            for _ in reader.documents_from_reader(Box::new(std::io::Cursor::new(input)), "<fuzz>") {
            }
        }
    }
}

//! Integration tests of the `detente` binary: golden files for `code` and `explain` (inputs
//! and dictionaries under `tests/data`, written for these tests), and error reporting.
//!
//! Set `DETENTE_BLESS=1` to rewrite the golden files after an intended change, then review
//! the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .current_dir(data())
        .output()
        .expect("the detente binary runs")
}

/// Compares `actual` with the golden file `name`, or rewrites it under `DETENTE_BLESS=1`.
fn golden(name: &str, actual: &str) {
    let path = data().join(name);
    if std::env::var_os("DETENTE_BLESS").is_some() {
        std::fs::write(&path, actual).expect("golden file writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with DETENTE_BLESS=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let mut diff = String::new();
        for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
            if e != a {
                diff.push_str(&format!(
                    "line {}:\n  expected: {e}\n  actual:   {a}\n",
                    i + 1
                ));
            }
        }
        let (ne, na) = (expected.lines().count(), actual.lines().count());
        if ne != na {
            diff.push_str(&format!("expected {ne} lines, got {na}\n"));
        }
        panic!("{} differs from the output:\n{diff}", path.display());
    }
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "detente failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn code_golden() {
    let out = detente(&["code", "--dict", "dict", "input.jsonl"]);
    golden("code.golden.jsonl", &stdout(&out));
}

/// The README's main job: the built-in knowledge base on the bundled sample articles.
#[test]
fn sample_articles_with_builtin_knowledge_base() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample.jsonl");
    let out = detente(&["code", examples.to_str().expect("UTF-8 path")]);
    let text = stdout(&out);
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "the built-in knowledge base loads without warnings: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    golden("sample.golden.jsonl", &text);
}

#[test]
fn builtin_knowledge_base_passes_dict_check() {
    let out = detente(&["dict", "check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stats = stdout(&detente(&["dict", "stats"]));
    assert!(stats.contains("CAMEO codes produced"), "{stats}");
}

#[test]
fn code_explain_golden() {
    let out = detente(&["code", "--explain", "--dict", "dict", "input.jsonl"]);
    let text = stdout(&out);
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let verb = value["provenance"]["verb"]
            .as_str()
            .expect("provenance.verb");
        assert!(verb.starts_with("dict/golden.verbs.txt:"), "{verb}");
    }
    golden("code.explain.golden.jsonl", &text);
}

#[test]
fn explain_golden() {
    let out = detente(&[
        "explain",
        "--dict",
        "dict",
        "--date",
        "2013-02-26",
        "Russian Foreign Minister Sergei Lavrov met Secretary of State John Kerry in Berlin on Tuesday. Russia did not attack Syria.",
    ]);
    golden("explain.golden.txt", &stdout(&out));
}

#[test]
fn code_reads_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["code", "--dict", "dict"])
        .current_dir(data())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(br#"{"id":"s1","date":"2013-03-01","text":"The United States accused Russia of arming the Syrian government."}"#)
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let text = stdout(&out);
    assert!(
        text.contains(r#""source":"USA","target":"RUS","cameo":"112""#),
        "{text}"
    );
}

#[test]
fn bad_records_are_named_and_skipped() {
    let dir = std::env::temp_dir().join(format!("detente-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let input = dir.join("bad.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"ok\",\"date\":\"2013-03-01\",\"text\":\"Russia accused the United States of arming rebels.\"}\n\
         not json\n\
         {\"id\":\"nodate\",\"text\":\"x\"}\n\
         {\"id\":\"baddate\",\"date\":\"tomorrow\",\"text\":\"x\"}\n",
    )
    .expect("write input");
    let out = detente(&[
        "code",
        "--dict",
        "dict",
        input.to_str().expect("UTF-8 path"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.jsonl:2: not valid JSON"), "{stderr}");
    assert!(
        stderr.contains("bad.jsonl:3: record \"nodate\" has no \"date\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.jsonl:4: record \"baddate\" has a bad date"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(r#""id":"ok""#),
        "the good record is still coded: {stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn malformed_dictionary_lines_are_reported_with_location() {
    let dir = std::env::temp_dir().join(format!("detente-dict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let verbs = dir.join("broken.verbs.txt");
    std::fs::write(
        &verbs,
        "--- MEET [040] ---\nMEET {MET}\n- MEET WITH [040]\n- * (WITH +) [040]\n",
    )
    .expect("write");
    let out = detente(&[
        "code",
        "--dict",
        verbs.to_str().expect("UTF-8 path"),
        "--dict",
        "dict/golden.actors.txt",
        "input.jsonl",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.verbs.txt:3:"), "{stderr}");
    assert!(out.status.success(), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `detente quotes`: quotes with speakers as JSON Lines (golden file), the people with
/// `--people`, and a record without a date named by file and line.
#[test]
fn quotes_golden() {
    let output = detente(&["quotes", "quotes.input.jsonl"]);
    assert_eq!(output.status.code(), Some(1), "a record could not be read");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("quotes.input.jsonl:2: record \"q2\" has no \"date\""),
        "{stderr}"
    );
    let quotes = String::from_utf8(output.stdout).expect("UTF-8 output");
    golden("quotes.golden.jsonl", &quotes);
    let people = detente(&[
        "quotes",
        "--people",
        "--date",
        "2019-03-12",
        "quotes.input.jsonl",
    ]);
    golden("quotes.people.golden.jsonl", &stdout(&people));
}

/// Whole articles: an HTML page is coded from its article text only (the caption, which
/// would code an event of its own, is boilerplate), with its date, title and URL.
#[test]
fn code_reads_an_html_page() {
    let out = detente(&["code", "--dict", "dict", "--offsets", "article.html"]);
    let text = stdout(&out);
    let events: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(events.len(), 1, "{text}");
    let event = &events[0];
    assert_eq!(event["id"], "article.html");
    assert_eq!(event["date"], "2013-03-01");
    assert_eq!(event["source"], "USA");
    assert_eq!(event["target"], "RUS");
    assert_eq!(event["title"], "US accuses Russia over Syria arms");
    assert_eq!(event["url"], "https://example.org/us-russia-arms");
    assert_eq!(
        event["text"],
        "The United States accused Russia of arming the Syrian government."
    );
    // the offset points past the dateline into the page's text
    let offset = event["offset"].as_array().expect("offset");
    let (start, end) = (offset[0].as_u64().unwrap(), offset[1].as_u64().unwrap());
    assert_eq!(end - start, 65);
    assert!(start > 0);
}

/// Folders (recursively), gzip files and plain text from standard input with `--date`.
#[test]
fn code_reads_folders_gzip_and_text_from_stdin() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("detente-inputs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
    std::fs::write(
        dir.join("a.txt"),
        "By Jane Doe\n\nThe United States accused Russia of arming the Syrian government.\n",
    )
    .expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(br#"{"id":"z1","date":"2013-03-02","text":"Russia accused the United States of arming rebels."}"#)
        .expect("compress");
    std::fs::write(dir.join("sub/b.jsonl.gz"), gz.finish().expect("compress")).expect("write");

    let folder = dir.to_str().expect("UTF-8 path");
    let out = detente(&["code", "--dict", "dict", "--date", "2013-03-01", folder]);
    let text = stdout(&out);
    let ids: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            format!(
                "{} {}",
                v["id"].as_str().expect("id"),
                v["date"].as_str().expect("date")
            )
        })
        .collect();
    let a = dir.join("a.txt").display().to_string();
    assert_eq!(
        ids,
        [format!("{a} 2013-03-01"), "z1 2013-03-02".to_string()]
    );

    // without --date the text file is an error naming it; the record is still coded
    let out = detente(&["code", "--dict", "dict", folder]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{a}: the document has no date")),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(r#""id":"z1""#));

    let mut child = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["code", "--dict", "dict", "--date", "2013-02-27", "-"])
        .current_dir(data())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&std::fs::read(dir.join("a.txt")).expect("read"))
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let text = stdout(&out);
    assert!(
        text.contains(
            r#""id":"stdin","sentence":0,"date":"2013-02-27","source":"USA","target":"RUS""#
        ),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `detente code --format gdelt`: GDELT 2.0 Events rows. Every column of every row is fixed
/// by the golden file, and the rows read back with the GDELT reader agree with the JSON
/// Lines output of the same input (actors, codes, Goldstein, QuadClass, date, mentions).
#[test]
fn code_gdelt_export_reads_back() {
    use detente_doc::gdelt::{GdeltReader, COLUMNS};
    let out = detente(&["code", "--dict", "dict", "--format", "gdelt", "input.jsonl"]);
    let tsv = stdout(&out);
    golden("code.gdelt.golden.tsv", &tsv);
    assert_eq!(COLUMNS.len(), 61);
    for line in tsv.lines() {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
    let rows: Vec<_> = GdeltReader::new(tsv.as_bytes(), "export")
        .map(|row| row.expect("a row we wrote reads back"))
        .collect();
    let jsonl = stdout(&detente(&["code", "--dict", "dict", "input.jsonl"]));
    let events: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(
        rows.len(),
        events.len(),
        "one row an event:\n{tsv}\n{jsonl}"
    );
    for (row, event) in rows.iter().zip(&events) {
        let code = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
        assert_eq!(row.actor1.code, code(&event["source"]));
        assert_eq!(row.actor2.code, code(&event["target"]));
        assert_eq!(row.event_code, code(&event["cameo"]));
        assert_eq!(row.event_base_code, row.event_code[..3]);
        assert_eq!(row.event_root_code, row.event_code[..2]);
        assert_eq!(row.quad_class.map(u64::from), event["quad_class"].as_u64());
        let goldstein = row.goldstein_scale.map(f64::from).unwrap_or(f64::NAN);
        let expected = event["goldstein"].as_f64().unwrap_or(f64::NAN);
        assert!(
            (goldstein - expected).abs() < 1e-4,
            "{goldstein} {expected}"
        );
        assert_eq!(row.num_mentions, event["mentions"].as_u64().unwrap() as u32);
        let date = code(&event["date"]).replace('-', "");
        assert_eq!(row.day.to_string(), date);
        assert_eq!(row.month_year, row.day / 100);
        assert_eq!(row.year, row.day / 10000);
        assert_eq!(row.source_url, code(&event["id"]));
        let country = |c: &str| c.get(..3).filter(|p| *p != "---").unwrap_or("").to_string();
        assert_eq!(row.actor1.country_code, country(&row.actor1.code));
    }
}

// The coder's rules with the built-in knowledge base, and the gold-set ratchet (issue 3).
mod coding;

// `detente events` and `detente timeline` over a store (issue 5).
mod store;

// `detente export` and `detente import-gdelt` (issue 5, item 3).
mod exports;
// `detente serve`: the API through the real pipeline, and the dashboard in a browser (issue 5, item 5).
mod serve;

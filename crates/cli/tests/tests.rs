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

// `detente events` and `detente timeline` over a store (issue 5).
mod store;

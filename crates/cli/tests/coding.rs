//! The coder's rules with the built-in knowledge base, end to end through `detente code`:
//! sentences written for these tests, each checking one rule by the PLOVER type and the
//! source and target countries it must (or must not) produce; and the ratchet on the
//! development gold set (`../shared/peers/gold/plover-gsr-dev.jsonl`, measured exactly as
//! `../shared/tools/score.py` does at its `plover_dyad` level; skipped when absent).

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::Stdio;

/// (PLOVER type, source country, target country): the key the gold set is scored on.
type Key = (String, String, String);

/// Three letters of an actor code, empty for none or `---`.
fn country(code: &str) -> String {
    let head: String = code.trim().to_uppercase().chars().take(3).collect();
    if head == "---" {
        String::new()
    } else {
        head
    }
}

/// Runs `detente code` on JSON Lines and returns the keys of every record id.
fn code_records(input: &str) -> BTreeMap<String, BTreeSet<Key>> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["code", "-"])
        .current_dir(data())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn detente");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write records");
    let text = stdout(&child.wait_with_output().expect("wait"));
    let mut keys: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
    for line in text.lines() {
        let event: serde_json::Value = serde_json::from_str(line).expect("JSON event");
        let field = |name: &str| event[name].as_str().unwrap_or_default().to_string();
        let plover = plover_type(&field("plover"));
        if plover.is_empty() {
            continue;
        }
        keys.entry(field("id")).or_default().insert((
            plover,
            country(&field("source")),
            country(&field("target")),
        ));
    }
    keys
}

/// Codes `sentences` (one record each, dated 2005-03-01) and returns their keys in order.
fn code_sentences(sentences: &[&str]) -> Vec<BTreeSet<Key>> {
    let input: String = sentences
        .iter()
        .enumerate()
        .map(|(i, text)| {
            serde_json::json!({"id": format!("s{i}"), "date": "2005-03-01", "text": text})
                .to_string()
                + "\n"
        })
        .collect();
    let mut coded = code_records(&input);
    (0..sentences.len())
        .map(|i| coded.remove(&format!("s{i}")).unwrap_or_default())
        .collect()
}

/// PLOVER's older type names as `score.py` folds them.
fn plover_type(name: &str) -> String {
    let name = name.trim().to_uppercase();
    match name.as_str() {
        "DEMAND" => "REQUEST".into(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".into(),
        "FIGHT" => "ASSAULT".into(),
        _ => name,
    }
}

fn key(plover: &str, source: &str, target: &str) -> Key {
    (plover.into(), source.into(), target.into())
}

/// Each sentence with the keys it must produce and the keys it must not.
#[test]
fn coding_rules_on_sentences_written_for_them() {
    let cases: &[(&str, &[Key], &[Key])] = &[
        // Agreeing to an act is committing to it (AGREE), not yet doing it.
        (
            "Armenia and Azerbaijan agreed to a ceasefire on Tuesday.",
            &[key("AGREE", "ARM", "AZE"), key("AGREE", "AZE", "ARM")],
            &[key("RETREAT", "ARM", "AZE")],
        ),
        (
            "Chile and Peru agreed on a new trade pact.",
            &[key("AGREE", "CHL", "PER"), key("AGREE", "PER", "CHL")],
            &[key("SUPPORT", "CHL", "PER")],
        ),
        // An act announced on a condition is a threat; the condition codes nothing.
        (
            "Kenya will withdraw its troops from Somalia unless the Somali government pays their salaries.",
            &[key("THREATEN", "KEN", "SOM")],
            &[key("AGREE", "KEN", "SOM"), key("RETREAT", "KEN", "SOM")],
        ),
        // Victims named by their role take the country of the place, even one named in
        // another clause of the sentence.
        (
            "Three gunmen killed 12 people on Friday when they opened fire in Nairobi.",
            &[key("ASSAULT", "KEN", "KEN")],
            &[],
        ),
        // A protest that names no one it is against is against the protesters' government.
        (
            "Thousands of Kenyan teachers went on strike on Monday.",
            &[key("PROTEST", "KEN", "KEN")],
            &[],
        ),
        // An ethnic group is coded with the country it lives in.
        (
            "Macedonian police arrested five ethnic Albanians in northern Macedonia.",
            &[key("COERCE", "MKD", "MKD")],
            &[key("COERCE", "MKD", "ALB")],
        ),
        // What the source gives of its own is not the one it acts on.
        (
            "Egypt offered its troops to the new Sudanese government.",
            &[key("AGREE", "EGY", "SDN")],
            &[key("AGREE", "EGY", "EGY")],
        ),
        // A state that imposes a curfew and names no one imposes it on its own country.
        (
            "The Ugandan government imposed a curfew on Sunday.",
            &[key("COERCE", "UGA", "UGA")],
            &[],
        ),
        // A people named with where it lives is coded with that country; an ethnic group
        // protesting a state's act lives in that state.
        (
            "The Hungarians of southern Slovakia are demanding autonomy from the Slovak government.",
            &[key("REQUEST", "SVK", "SVK")],
            &[key("REQUEST", "HUN", "SVK")],
        ),
        (
            "Hundreds of ethnic Turks began a hunger strike to protest against Germany's decision to deport them.",
            &[key("PROTEST", "DEU", "DEU")],
            &[key("PROTEST", "TUR", "DEU")],
        ),
        // A pattern does not reach back into another clause for its actors.
        (
            "Russia closed its borders with Iran and Turkey because of fighting between Chechens and Ingush.",
            &[],
            &[key("ASSAULT", "IRN", "TUR"), key("ASSAULT", "TUR", "IRN")],
        ),
        // A resignation is done to no one: coded without a target, and what follows it is a
        // purpose, not a target.
        (
            "The Peruvian prime minister resigned on Friday to allow new elections in Peru.",
            &[key("RETREAT", "PER", "")],
            &[key("RETREAT", "PER", "PER")],
        ),
        (
            "The talks were vague on whether the Syrian president needs to step down.",
            &[],
            &[key("RETREAT", "SYR", ""), key("AGREE", "SYR", "")],
        ),
        // Soliciting action against someone is rallying opposition against them.
        (
            "South Africa called for sanctions against Zimbabwe on Monday.",
            &[key("ACCUSE", "ZAF", "ZWE")],
            &[key("REQUEST", "ZAF", "ZWE")],
        ),
        // A threat is aimed at the one whose act its condition names.
        (
            "Iran threatened to halt the talks if the United States imposes new sanctions.",
            &[key("THREATEN", "IRN", "USA")],
            &[],
        ),
        // A vow not to act commits to nothing.
        (
            "Israel vowed not to return the territory to Syria.",
            &[],
            &[key("AGREE", "ISR", "SYR")],
        ),
        // An amount in dollars is not the United States.
        (
            "Haitian officials accused the former president of stealing up to US $20 million.",
            &[],
            &[key("ACCUSE", "HTI", "USA")],
        ),
        // Destroying property is coercion in PLOVER's definition, not assault.
        (
            "Ethiopian soldiers demolished Eritrean homes near the border.",
            &[key("COERCE", "ETH", "ERI")],
            &[key("ASSAULT", "ETH", "ERI")],
        ),
    ];
    let sentences: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let coded = code_sentences(&sentences);
    let mut failures = Vec::new();
    for ((sentence, must, must_not), keys) in cases.iter().zip(&coded) {
        for k in must.iter().filter(|k| !keys.contains(k)) {
            failures.push(format!("{sentence}\n  missing {k:?}; coded {keys:?}"));
        }
        for k in must_not.iter().filter(|k| keys.contains(k)) {
            failures.push(format!("{sentence}\n  wrongly coded {k:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The development gold set, scored as `score.py` does: per record, the set of
/// (PLOVER type, source country, target country) keys of gold and prediction.
#[test]
fn development_gold_set_ratchet() {
    let gold_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/peers/gold/plover-gsr-dev.jsonl");
    let Ok(gold_text) = std::fs::read_to_string(&gold_path) else {
        eprintln!(
            "skipped: {} is absent (the gold set lives beside the repository)",
            gold_path.display()
        );
        return;
    };
    let mut gold: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
    let mut input = String::new();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("gold JSON");
        let id = record["id"].as_str().expect("gold id").to_string();
        let keys = gold.entry(id.clone()).or_default();
        for event in record["events"].as_array().into_iter().flatten() {
            let field = |name: &str| event[name].as_str().unwrap_or_default().to_string();
            let plover = plover_type(&field("plover"));
            if !plover.is_empty() {
                keys.insert((plover, country(&field("source")), country(&field("target"))));
            }
        }
        // The text and date only: the prediction must not see the answers.
        input.push_str(
            &serde_json::json!({"id": id, "date": record["date"], "text": record["text"]})
                .to_string(),
        );
        input.push('\n');
    }
    let predicted = code_records(&input);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let empty = BTreeSet::new();
    for (id, keys) in &gold {
        let pred = predicted.get(id).unwrap_or(&empty);
        tp += keys.intersection(pred).count();
        fp += pred.difference(keys).count();
        fn_ += keys.difference(pred).count();
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    eprintln!("development gold set: P {precision:.3} R {recall:.3} F1 {f1:.3} ({tp}/{fp}/{fn_})");
    // Issue 3's threshold (F1 0.75) and the floors reached; raise them as the coder improves.
    assert!(tp >= 143, "true positives fell to {tp}");
    assert!(precision >= 0.79, "precision fell to {precision:.3}");
    assert!(f1 >= 0.75, "F1 fell to {f1:.3}");
}

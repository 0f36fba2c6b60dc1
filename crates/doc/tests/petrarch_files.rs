//! Reads the PETRARCH sample files from `../shared/peers/petrarch2/text` (skipped with a
//! message when `shared` is absent): every record, its expected events and its parse, and
//! measures how close CoNLL-U parses converted to Penn shape are to the Penn parses of the
//! same sentences.
//!
//! Set `DETENTE_SHOW_DISAGREEMENTS=1` to print the verbs whose subject or object differ, and
//! `DETENTE_SHOW_ID=DEMO-01,DEMO-02` to print both trees of those records.

use detente_doc::PetrarchFile;
use detente_text::heads::np_head;
use detente_text::{conllu, penn, Analysis, Label};
use std::collections::HashMap;

mod common;

fn read(name: &str) -> Option<PetrarchFile> {
    common::read(name).map(|(_, file)| file)
}

#[test]
fn penn_unit_test_file() {
    let Some(file) = read("PETR.UnitTest.records.xml") else {
        return;
    };
    assert_eq!(file.records.len(), 284);
    assert_eq!(
        file.environment.verb_file.as_deref(),
        Some("PETR.Validate.verbs.txt")
    );
    assert_eq!(file.environment.actor_files, ["PETR.Validate.actors.txt"]);
    assert!(file.environment.include.contains(&"DEMO".to_string()));
    assert!(file.config.len() >= 10);
    let first = &file.records[0];
    assert_eq!(
        (first.id.as_str(), first.date.as_str()),
        ("DEMO-00", "19950101")
    );
    assert_eq!(first.category.as_deref(), Some("DEMO"));
    assert_eq!(first.expected.len(), 1);
    assert_eq!(
        (
            first.expected[0].source.as_str(),
            first.expected[0].target.as_str(),
            first.expected[0].code.as_str()
        ),
        ("ARN", "GON", "064")
    );
    assert!(first
        .text
        .starts_with("Arnor is about to restore full diplomatic ties with Gondor almost five"));
    let events: usize = file.records.iter().map(|r| r.expected.len()).sum();
    let silent = file.records.iter().filter(|r| r.expects_no_events).count();
    assert!(events > 300, "{events} expected events");
    assert!(silent >= 15, "{silent} records expecting no events");
    let mut failures = Vec::new();
    for r in &file.records {
        let parse = r
            .parse
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no parse", r.id));
        let bad_input = r.expected_error.as_deref() == Some("bad_input_parse");
        match penn::parse(parse) {
            Ok(a) => {
                assert!(!bad_input, "{} should not parse", r.id);
                assert!(!a.tokens.is_empty());
            }
            Err(_) if bad_input => failures.push(r.id.clone()),
            Err(e) => panic!("{} (line {}): {e}", r.id, r.line),
        }
    }
    assert_eq!(failures, ["ERROR-02", "ERROR-03"]);
}

#[test]
fn conllu_unit_test_file() {
    let Some(file) = read("PETR.UnitTest.records.udpipe2.conllu.xml") else {
        return;
    };
    assert_eq!(file.records.len(), 284);
    assert_eq!(file.records[0].id, "DEMO_00");
    assert_eq!(file.records[0].category.as_deref(), Some("DEMO"));
    assert_eq!(file.records[0].expected[0].code, "050");
    let events: usize = file.records.iter().map(|r| r.expected.len()).sum();
    assert!(events > 300, "{events} expected events");
    for r in &file.records {
        let parse = r
            .parse
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no parse", r.id));
        let a = conllu::parse(parse).unwrap_or_else(|e| panic!("{} (line {}): {e}", r.id, r.line));
        assert!(!a.tokens.is_empty());
        // A flat tree means the conversion gave up on this sentence.
        assert!(a.nodes.len() > 2, "{}: flat tree {}", r.id, a.to_penn());
    }
}

#[test]
fn gigaword_sample_file() {
    let Some(file) = read("GigaWord.sample.PETR.xml") else {
        return;
    };
    assert_eq!(file.records.len(), 76);
    for r in &file.records {
        assert!(r.expects_no_events && r.expected.is_empty());
        assert_eq!(r.source.as_deref(), Some("AFP"));
        penn::parse(r.parse.as_deref().unwrap()).unwrap_or_else(|e| panic!("{}: {e}", r.id));
    }
}

/// For each verb: the head token of its subject NP and of its object NP, if any.
fn verb_arguments(a: &Analysis) -> Vec<(u32, Option<u32>, Option<u32>)> {
    let mut out = Vec::new();
    for (t, token) in a.tokens.iter().enumerate() {
        if !token.tag.is_verb() {
            continue;
        }
        let t = t as u32;
        let vp = a.parent_of_token(t);
        if a.node(vp).label != Label::VP {
            out.push((t, None, None));
            continue;
        }
        let object = a
            .child_nodes(vp)
            .find(|&n| a.node(n).label == Label::NP && a.node(n).start > t)
            .and_then(|n| np_head(a, n));
        let mut top = vp;
        while let Some(p) = a.node(top).parent.filter(|&p| a.node(p).label == Label::VP) {
            top = p;
        }
        let subject = a.node(top).parent.and_then(|s| {
            if !matches!(a.node(s).label, Label::S | Label::SINV | Label::SQ) {
                return None;
            }
            let before = a.node(top).start;
            a.child_nodes(s)
                .filter(|&n| a.node(n).label == Label::NP && a.node(n).end <= before)
                .last()
                .and_then(|n| np_head(a, n))
        });
        out.push((t, subject, object));
    }
    out
}

/// The token text, quotes unified.
fn norm(text: &str) -> &str {
    match text {
        "``" | "''" | "“" | "”" => "\"",
        t => t,
    }
}

/// Aligns the tokens of two analyses of the same sentence (longest common subsequence of
/// words: the Penn and CoNLL-U files do not always hold the same wording): for each token
/// of `a`, the matching token of `b`.
fn align(a: &Analysis, b: &Analysis) -> Vec<Option<u32>> {
    let (n, m) = (a.tokens.len(), b.tokens.len());
    let same = |i: usize, j: usize| norm(&a.tokens[i].text) == norm(&b.tokens[j].text);
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if same(i, j) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if same(i, j) && lcs[i][j] == lcs[i + 1][j + 1] + 1 {
            out[i] = Some(j as u32);
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[test]
fn converted_conllu_agrees_with_penn() {
    let (Some(penn_file), Some(ud_file)) = (
        read("PETR.UnitTest.records.xml"),
        read("PETR.UnitTest.records.udpipe2.conllu.xml"),
    ) else {
        return;
    };
    let show = std::env::var_os("DETENTE_SHOW_DISAGREEMENTS").is_some();
    let ud: HashMap<String, &str> = ud_file
        .records
        .iter()
        .filter_map(|r| Some((r.id.replace('_', "-"), r.parse.as_deref()?)))
        .collect();
    let (mut sentences, mut unaligned) = (0, 0);
    let (mut subj_total, mut subj_agree, mut obj_total, mut obj_agree) = (0, 0, 0, 0);
    for r in &penn_file.records {
        let Some(gold) = r.parse.as_deref().and_then(|p| penn::parse(p).ok()) else {
            continue;
        };
        let Some(conv) = ud
            .get(&r.id.replace('_', "-"))
            .and_then(|p| conllu::parse(p).ok())
        else {
            continue;
        };
        if std::env::var("DETENTE_SHOW_ID").is_ok_and(|ids| ids.split(',').any(|i| i == r.id)) {
            println!(
                "{}\n  penn:   {}\n  conllu: {}",
                r.id,
                gold.to_penn(),
                conv.to_penn()
            );
        }
        let to_conv = align(&gold, &conv);
        let matched = to_conv.iter().filter(|m| m.is_some()).count();
        if matched * 10 < gold.tokens.len().max(conv.tokens.len()) * 8 {
            if show {
                println!("{} unaligned:\n  {}\n  {}", r.id, gold.text, conv.text);
            }
            unaligned += 1;
            continue;
        }
        sentences += 1;
        let map = |t: Option<u32>| t.and_then(|t| to_conv[t as usize]);
        let conv_args: HashMap<u32, (Option<u32>, Option<u32>)> = verb_arguments(&conv)
            .into_iter()
            .map(|(v, s, o)| (v, (s, o)))
            .collect();
        for (v, gs, go) in verb_arguments(&gold) {
            let Some(cv) = map(Some(v)) else { continue };
            let (cs, co) = conv_args.get(&cv).copied().unwrap_or((None, None));
            let word = |a: &Analysis, t: Option<u32>| {
                t.map_or("-".to_string(), |t| a.token(t).text.to_string())
            };
            if gs.is_some() || cs.is_some() {
                subj_total += 1;
                if gs.is_some() && map(gs) == cs {
                    subj_agree += 1;
                } else if show {
                    println!(
                        "{} {}: subject {} vs {}",
                        r.id,
                        gold.token(v).text,
                        word(&gold, gs),
                        word(&conv, cs)
                    );
                }
            }
            if go.is_some() || co.is_some() {
                obj_total += 1;
                if go.is_some() && map(go) == co {
                    obj_agree += 1;
                } else if show {
                    println!(
                        "{} {}: object {} vs {}",
                        r.id,
                        gold.token(v).text,
                        word(&gold, go),
                        word(&conv, co)
                    );
                }
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "{sentences} sentences compared ({unaligned} too different in wording skipped); \
         subject agreement {subj_agree}/{subj_total} = {:.1}%, object agreement {obj_agree}/{obj_total} = {:.1}%",
        pct(subj_agree, subj_total),
        pct(obj_agree, obj_total)
    );
    assert!(sentences > 250);
    assert!(pct(subj_agree, subj_total) > 60.0);
    assert!(pct(obj_agree, obj_total) > 60.0);
}

/// How faithfully the conversion keeps the dependency parse's own subjects and objects: for
/// each verb with an `nsubj` or `obj` dependent, whether the converted tree's subject NP and
/// object NP are headed by that dependent.
#[test]
fn conversion_keeps_dependency_subjects_and_objects() {
    let Some(file) = read("PETR.UnitTest.records.udpipe2.conllu.xml") else {
        return;
    };
    let show = std::env::var_os("DETENTE_SHOW_DISAGREEMENTS").is_some();
    let (mut subj_total, mut subj_agree, mut obj_total, mut obj_agree) = (0, 0, 0, 0);
    for r in &file.records {
        let parse = r.parse.as_deref().unwrap();
        let a = conllu::parse(parse).unwrap();
        // (head, relation) of each word, in order.
        let arcs: Vec<(usize, String)> = parse
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|c| c.len() == 10 && c[0].bytes().all(|b| b.is_ascii_digit()))
            .map(|c| (c[6].parse().unwrap_or(0), c[7].to_string()))
            .collect();
        assert_eq!(arcs.len(), a.tokens.len());
        let dependent = |v: u32, rels: &[&str]| {
            arcs.iter()
                .position(|(h, rel)| *h == v as usize + 1 && rels.contains(&rel.as_str()))
                .map(|d| d as u32)
        };
        for (v, subject, object) in verb_arguments(&a) {
            let want_subject = dependent(v, &["nsubj", "nsubjpass", "nsubj:pass", "csubj"]);
            let want_object = dependent(v, &["obj", "dobj"]);
            if let Some(want) = want_subject {
                subj_total += 1;
                if subject == Some(want) {
                    subj_agree += 1;
                } else if show {
                    println!(
                        "{} {}: subject {:?} vs {:?}",
                        r.id,
                        a.token(v).text,
                        want,
                        subject
                    );
                }
            }
            if let Some(want) = want_object {
                obj_total += 1;
                if object == Some(want) {
                    obj_agree += 1;
                } else if show {
                    println!(
                        "{} {}: object {:?} vs {:?}",
                        r.id,
                        a.token(v).text,
                        want,
                        object
                    );
                }
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "conversion keeps subjects {subj_agree}/{subj_total} = {:.1}%, objects {obj_agree}/{obj_total} = {:.1}%",
        pct(subj_agree, subj_total),
        pct(obj_agree, obj_total)
    );
    assert!(pct(subj_agree, subj_total) > 90.0);
    assert!(pct(obj_agree, obj_total) > 90.0);
}

//! The `timeline` query.

use detente_store::export::timeline_csv;
use detente_store::{Batch, Direction, NewDocument, Period, Store, TimelineQuery};

use crate::util::{document, event, TempDir};

fn store_with(docs: Vec<NewDocument>) -> (TempDir, Store) {
    let dir = TempDir::new("timeline");
    let mut store = Store::open(dir.db()).unwrap();
    store
        .ingest(&Batch {
            documents: docs,
            actors: vec![],
        })
        .unwrap();
    (dir, store)
}

fn query(a: &str, b: &str, by: Period) -> TimelineQuery {
    TimelineQuery {
        a: a.into(),
        b: b.into(),
        by,
        from: None,
        to: None,
        topic: Vec::new(),
    }
}

fn sample() -> (TempDir, Store) {
    store_with(vec![
        // February: USA→RUS two cooperation, one verbal conflict; RUS→USA one material conflict.
        document(
            "f1",
            20130204,
            vec![
                event("USAGOV", "RUS", "040", 1, 1.0, 20130204),
                event("USA", "RUSGOV", "057", 2, 6.0, 20130206),
                event("USA", "RUS", "111", 3, -2.0, 20130227),
                event("RUS", "USA", "190", 4, -10.0, 20130227),
            ],
        ),
        // March: RUS→USA one verbal cooperation; unrelated dyads that must not count.
        document(
            "m1",
            20130304,
            vec![
                event("RUS", "USAMIL", "040", 1, 1.0, 20130304),
                event("USA", "CHN", "190", 4, -10.0, 20130304),
                event("CHN", "RUS", "040", 1, 1.0, 20130304),
                event("UKR", "RUS", "040", 1, 1.0, 20130304),
            ],
        ),
    ])
}

#[test]
fn monthly_counts_goldstein_and_net_cooperation() {
    let (_dir, store) = sample();
    let rows = store.timeline(&query("USA", "RUS", Period::Month)).unwrap();
    let summary: Vec<_> = rows
        .iter()
        .map(|r| (r.period.as_str(), r.direction, r.events, r.quad))
        .collect();
    assert_eq!(
        summary,
        [
            ("2013-02", Direction::AToB, 3, [1, 1, 1, 0]),
            ("2013-02", Direction::BToA, 1, [0, 0, 0, 1]),
            ("2013-03", Direction::BToA, 1, [1, 0, 0, 0]),
        ]
    );
    let feb = &rows[0];
    assert!((feb.mean_goldstein.unwrap() - 5.0 / 3.0).abs() < 1e-6);
    assert!((feb.net_cooperation.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(rows[1].net_cooperation, Some(-1.0));
    assert_eq!(
        (rows[0].source.as_str(), rows[0].target.as_str()),
        ("USA", "RUS")
    );
}

#[test]
fn weeks_prefixes_and_ranges() {
    let (_dir, store) = sample();
    let weeks: Vec<_> = store
        .timeline(&query("USA", "RUS", Period::Week))
        .unwrap()
        .into_iter()
        .map(|r| (r.period, r.direction, r.events))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2013-02-04".to_string(), Direction::AToB, 2),
            ("2013-02-25".to_string(), Direction::AToB, 1),
            ("2013-02-25".to_string(), Direction::BToA, 1),
            ("2013-03-04".to_string(), Direction::BToA, 1),
        ]
    );
    // A longer prefix narrows the actor: only USAGOV→RUS and RUS→USAGOV (none).
    let gov = store
        .timeline(&query("USAGOV", "RUS", Period::Month))
        .unwrap();
    assert_eq!(gov.len(), 1);
    assert_eq!((gov[0].direction, gov[0].events), (Direction::AToB, 1));
    // Dates bound the events, not the periods.
    let mut ranged = query("USA", "RUS", Period::Month);
    ranged.from = Some(20130206);
    ranged.to = Some(20130304);
    let total: u64 = store
        .timeline(&ranged)
        .unwrap()
        .iter()
        .map(|r| r.events)
        .sum();
    assert_eq!(total, 4);
    assert!(store.timeline(&query("", "RUS", Period::Month)).is_err());
}

#[test]
fn timeline_reads_only_the_covering_index() {
    let (_dir, store) = sample();
    // Prefixes of three characters or more fix both roots, so the rows come out of the
    // index in date order: no table access, no sort. (Shorter prefixes are left to the
    // planner.)
    for (a, b) in [("USA", "RUS"), ("USAGOV", "RUSMIL"), ("IGOUNO", "USA")] {
        let plan = store
            .explain_timeline(&query(a, b, Period::Month))
            .unwrap()
            .join(" | ");
        assert!(
            plan.contains("COVERING INDEX events_dyad"),
            "{a} {b}: {plan}"
        );
        assert!(!plan.contains("TEMP B-TREE"), "{a} {b}: {plan}");
    }
    // A date range narrows the index search itself.
    let mut ranged = query("USA", "RUS", Period::Week);
    ranged.from = Some(20130201);
    ranged.to = Some(20130228);
    let plan = store.explain_timeline(&ranged).unwrap().join(" | ");
    assert!(
        plan.contains(
            "COVERING INDEX events_dyad (source_root=? AND target_root=? AND date>? AND date<?)"
        ),
        "{plan}"
    );
}

#[test]
fn csv_output() {
    let (_dir, store) = sample();
    let rows = store.timeline(&query("USA", "RUS", Period::Month)).unwrap();
    let mut out = Vec::new();
    timeline_csv(&mut out, &rows).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "period,direction,source,target,events,qc1,qc2,qc3,qc4,unclassified,mean_goldstein,net_cooperation");
    assert_eq!(lines[1], "2013-02,A->B,USA,RUS,3,1,1,1,0,0,1.667,0.333");
    assert_eq!(lines.len(), 4);
}

/// `topic` keeps the events of documents that mention one of its words.
#[test]
fn topic_keeps_documents_that_mention_it() {
    use detente_store::{content_hash, Batch, NewDocument, NewEvent, NewSentence, Store};
    let dir = std::env::temp_dir().join(format!("detente-topic-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut store = Store::open(dir.join("t.db")).unwrap();
    let doc = |id: &str, text: &str| NewDocument {
        id: id.into(),
        date: 20130301,
        text: text.into(),
        content_hash: content_hash(&[text.as_bytes()]),
        sentences: vec![NewSentence {
            start: 0,
            end: text.len() as u32,
            text: text.into(),
        }],
        events: vec![NewEvent {
            source: "USA".into(),
            target: "RUS".into(),
            cameo: "040".into(),
            quad_class: Some(1),
            goldstein: Some(1.0),
            date: 20130301,
            date_precision: "document".into(),
            mentions: 1,
            ..NewEvent::default()
        }],
        ..NewDocument::default()
    };
    store
        .ingest(&Batch {
            documents: vec![
                doc("a", "Kerry met Lavrov about Syria."),
                doc("b", "Kerry met Lavrov about trade."),
            ],
            actors: Vec::new(),
        })
        .unwrap();
    let mut q = query("USA", "RUS", Period::Month);
    let all: u64 = store.timeline(&q).unwrap().iter().map(|r| r.events).sum();
    q.topic = vec!["Syria".into()];
    let syria: u64 = store.timeline(&q).unwrap().iter().map(|r| r.events).sum();
    assert_eq!((all, syria), (2, 1));
    let _ = std::fs::remove_dir_all(&dir);
}

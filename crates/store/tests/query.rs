//! The `events` query and its writers.

use detente_store::export::{events_csv, events_jsonl};
use detente_store::{Batch, EventFilter, NewActor, Store};

use crate::util::{document, event, TempDir};

/// Five events between the US, Russia and China in February–March 2013.
fn sample() -> (TempDir, Store) {
    let dir = TempDir::new("query");
    let mut store = Store::open(dir.db()).unwrap();
    let mut lavrov = event("RUSGOV", "USA", "040", 1, 1.0, 20130301);
    lavrov.source_name = Some("Sergey Lavrov".into());
    let docs = vec![
        document(
            "d1",
            20130227,
            vec![event("USAGOV", "RUS", "040", 1, 1.0, 20130227)],
        ),
        document(
            "d2",
            20130228,
            vec![event("RUS", "USAGOV", "111", 3, -2.0, 20130228)],
        ),
        document(
            "d3",
            20130301,
            vec![lavrov, event("USA", "CHN", "057", 2, 6.0, 20130301)],
        ),
        document(
            "d4",
            20130310,
            vec![event("CHN", "RUSMIL", "190", 4, -10.0, 20130310)],
        ),
    ];
    let actors = vec![NewActor {
        code: "RUS".into(),
        name: "Russia".into(),
    }];
    store
        .ingest(&Batch {
            documents: docs,
            actors,
        })
        .unwrap();
    (dir, store)
}

fn ids(store: &Store, filter: EventFilter) -> Vec<String> {
    store
        .events(&filter)
        .unwrap()
        .into_iter()
        .map(|e| format!("{}:{}>{}", e.id, e.source, e.target))
        .collect()
}

#[test]
fn actor_code_prefix_matches_either_side() {
    let (_dir, store) = sample();
    let usa = ids(
        &store,
        EventFilter {
            actor: Some("usa".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        usa,
        [
            "d1:USAGOV>RUS",
            "d2:RUS>USAGOV",
            "d3:RUSGOV>USA",
            "d3:USA>CHN"
        ]
    );
    let gov = ids(
        &store,
        EventFilter {
            actor: Some("USAGOV".into()),
            ..Default::default()
        },
    );
    assert_eq!(gov, ["d1:USAGOV>RUS", "d2:RUS>USAGOV"]);
    let short = ids(
        &store,
        EventFilter {
            actor: Some("CH".into()),
            ..Default::default()
        },
    );
    assert_eq!(short, ["d3:USA>CHN", "d4:CHN>RUSMIL"]);
    assert!(store
        .events(&EventFilter {
            actor: Some("U S".into()),
            ..Default::default()
        })
        .is_err());
}

#[test]
fn actor_name_uses_the_actors_table_and_event_names() {
    let (_dir, store) = sample();
    let russia = ids(
        &store,
        EventFilter {
            actor_name: Some("russia".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        russia,
        [
            "d1:USAGOV>RUS",
            "d2:RUS>USAGOV",
            "d3:RUSGOV>USA",
            "d4:CHN>RUSMIL"
        ]
    );
    let lavrov = ids(
        &store,
        EventFilter {
            actor_name: Some("Lavrov".into()),
            ..Default::default()
        },
    );
    assert_eq!(lavrov, ["d3:RUSGOV>USA"]);
    let nobody = ids(
        &store,
        EventFilter {
            actor_name: Some("Atlantis".into()),
            ..Default::default()
        },
    );
    assert!(nobody.is_empty());
}

#[test]
fn dyad_in_either_direction_and_other_filters() {
    let (_dir, store) = sample();
    let dyad = ids(
        &store,
        EventFilter {
            dyad: Some(("RUS".into(), "USA".into())),
            ..Default::default()
        },
    );
    assert_eq!(dyad, ["d1:USAGOV>RUS", "d2:RUS>USAGOV", "d3:RUSGOV>USA"]);
    let consult = ids(
        &store,
        EventFilter {
            plover: Some("consult".into()),
            ..Default::default()
        },
    );
    assert_eq!(consult, ["d1:USAGOV>RUS", "d3:RUSGOV>USA"]);
    let cameo = ids(
        &store,
        EventFilter {
            cameo: Some("19".into()),
            ..Default::default()
        },
    );
    assert_eq!(cameo, ["d4:CHN>RUSMIL"]);
    let dated = ids(
        &store,
        EventFilter {
            from: Some(20130228),
            to: Some(20130301),
            ..Default::default()
        },
    );
    assert_eq!(dated, ["d2:RUS>USAGOV", "d3:RUSGOV>USA", "d3:USA>CHN"]);
    let limited = ids(
        &store,
        EventFilter {
            actor: Some("USA".into()),
            limit: Some(2),
            ..Default::default()
        },
    );
    assert_eq!(limited, ["d1:USAGOV>RUS", "d2:RUS>USAGOV"]);
    let both = ids(
        &store,
        EventFilter {
            dyad: Some(("RUS".into(), "USA".into())),
            plover: Some("ACCUSE".into()),
            ..Default::default()
        },
    );
    assert_eq!(both, ["d2:RUS>USAGOV"]);
    assert!(store
        .events(&EventFilter {
            from: Some(20130302),
            to: Some(20130301),
            ..Default::default()
        })
        .is_err());
    assert!(store
        .events(&EventFilter {
            from: Some(20131301),
            ..Default::default()
        })
        .is_err());
}

#[test]
fn jsonl_and_csv_round_trip() {
    let (_dir, store) = sample();
    let events = store
        .events(&EventFilter {
            actor_name: Some("Lavrov".into()),
            ..Default::default()
        })
        .unwrap();
    let mut jsonl = Vec::new();
    events_jsonl(&mut jsonl, &events).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&jsonl).unwrap();
    assert_eq!(value["source"], "RUSGOV");
    assert_eq!(value["source_name"], "Sergey Lavrov");
    assert_eq!(value["cameo"], "040");
    assert_eq!(value["plover"], "CONSULT");
    assert_eq!(value["quad_class"], 1);
    assert_eq!(value["text"], "Sentence of d3.");
    let mut csv = Vec::new();
    events_csv(&mut csv, &events).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("id,sentence,date,date_precision,source,source_name,target"));
    assert!(
        lines[1].starts_with("d3,0,20130301,document,RUSGOV,Sergey Lavrov,USA,,040,CONSULT,1,1,"),
        "{}",
        lines[1]
    );
}

#[test]
fn a_name_fitting_too_many_codes_is_refused_clearly() {
    let (_dir, mut store) = sample();
    let actors = (0..1001)
        .map(|i| NewActor {
            code: format!("Q{i:04}"),
            name: format!("Quux {i}"),
        })
        .chain([NewActor {
            code: "RUSGOV".into(),
            name: "Russian government".into(),
        }])
        .collect();
    store
        .ingest(&Batch {
            documents: vec![],
            actors,
        })
        .unwrap();
    let err = store
        .events(&EventFilter {
            actor_name: Some("quux".into()),
            ..Default::default()
        })
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("fits 1001 actor codes"), "{err}");
    // "Russia" now names RUS and RUSGOV; RUS covers RUSGOV, the answer is unchanged.
    let russia = ids(
        &store,
        EventFilter {
            actor_name: Some("Russia".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        russia,
        [
            "d1:USAGOV>RUS",
            "d2:RUS>USAGOV",
            "d3:RUSGOV>USA",
            "d4:CHN>RUSMIL"
        ]
    );
}

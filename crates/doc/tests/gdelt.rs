//! GDELT export of articles coded end to end with the built-in knowledge base: our own
//! invented articles → analysis → coder → `document_rows` → GDELT file → read back.

use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_dict::gazetteer::Gazetteer;
use detente_dict::native::NativeLoader;
use detente_dict::Dictionaries;
use detente_doc::fips::Fips;
use detente_doc::gdelt::{date_added, document_rows, write_rows, GdeltDocument, GdeltReader};
use detente_text::Analyzer;
use std::path::Path;
use std::sync::OnceLock;

/// The built-in knowledge base (as the CLI embeds it).
fn kb() -> &'static Dictionaries {
    static KB: OnceLock<Dictionaries> = OnceLock::new();
    KB.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kb/native");
        let mut loader = NativeLoader::new();
        for name in [
            "synsets.kb",
            "verbs.kb",
            "countries.actors.kb",
            "international.actors.kb",
            "agents.kb",
            "discards.kb",
        ] {
            loader.path(&root.join(name));
        }
        let (dict, errors) = loader.finish();
        assert!(errors.is_empty(), "{errors:?}");
        dict
    })
}

const ARTICLE: &str =
    "Russian Foreign Minister Sergey Lavrov met U.S. Secretary of State John Kerry \
in Geneva on Monday. Syrian rebels attacked government troops in Aleppo. Moscow-based analysts \
criticized the United States. Syrian rebels attacked government troops in Aleppo.";

#[test]
fn a_coded_article_exports_and_reads_back() {
    let codebook = Codebook::builtin();
    let coder = Coder::new(kb(), codebook, CoderOptions::default());
    let sentences = Analyzer::new().analyze(ARTICLE);
    let events = coder.code_story(&sentences, 20130304);
    let doc = GdeltDocument {
        id: "doc-1",
        url: Some("https://example.org/geneva"),
        date: 20130304,
        text: ARTICLE,
        date_added: date_added(20130304, 101500),
        tone: None,
    };
    let rows = document_rows(
        &doc,
        &sentences,
        &events,
        codebook,
        Fips::builtin(),
        Gazetteer::builtin(),
    );
    let mut file = Vec::new();
    write_rows(&mut file, &rows).unwrap();
    let text = String::from_utf8(file).unwrap();
    assert!(text.lines().all(|l| l.split('\t').count() == 61), "{text}");
    let back: Vec<_> = GdeltReader::new(text.as_bytes(), "doc-1.export.CSV")
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(back, rows);

    // Three distinct events; the repeated attack is one row with two mentions.
    assert_eq!(rows.len(), 3, "{text}");
    let ids: std::collections::BTreeSet<u64> = rows.iter().map(|r| r.global_event_id).collect();
    assert_eq!(ids.len(), 3);
    let tone = detente_doc::tone::document_tone(ARTICLE).tone;
    assert!(tone < 0.0);
    for r in &rows {
        assert_eq!((r.day, r.month_year, r.year), (20130304, 201303, 2013));
        assert_eq!(r.avg_tone, tone);
        assert_eq!(r.source_url, "https://example.org/geneva");
        assert_eq!(r.date_added, 20130304101500);
        assert_eq!(&r.event_code[..2], r.event_root_code);
    }

    let meet = &rows[0];
    assert!(meet.is_root_event);
    assert_eq!(meet.event_root_code, "04");
    assert_eq!(
        (&*meet.actor1.code, &*meet.actor2.code),
        ("RUSGOV", "USAGOV")
    );
    assert_eq!(meet.actor1.name, "RUSSIAN FOREIGN MINISTER SERGEY LAVROV");
    assert_eq!(meet.action_geo.full_name, "Geneva, Switzerland");
    assert_eq!(meet.action_geo.country_code, "SZ");

    let attack = &rows[1];
    assert!(!attack.is_root_event);
    assert_eq!(
        (&*attack.actor1.country_code, &*attack.actor1.type1_code),
        ("SYR", "REB")
    );
    assert_eq!(
        (attack.event_root_code.as_str(), attack.quad_class),
        ("19", Some(4))
    );
    assert_eq!(attack.num_mentions, 2);
    assert_eq!((attack.num_sources, attack.num_articles), (1, 1));
    assert_eq!(attack.action_geo.full_name, "Aleppo, Syria");
    assert_eq!(attack.action_geo.country_code, "SY");

    let criticism = &rows[2];
    assert_eq!(criticism.actor1.name, "MOSCOW-BASED ANALYSTS");
    assert_eq!(criticism.actor1_geo.full_name, "Moscow, Russia");
    assert_eq!(criticism.actor1_geo.country_code, "RS");
    assert_eq!(criticism.quad_class, Some(3));
}

/// Pseudo-random input (a fixed xorshift sequence) as GDELT lines, FIPS tables, actor codes
/// and text to score: nothing may panic. The same calls as the `gdelt_fips_tone` fuzz target.
#[test]
fn pseudo_random_input_never_panics() {
    use detente_doc::gdelt::GdeltActor;
    use detente_doc::tone;
    const PIECES: [&str; 16] = [
        "\t",
        "\t\t\t",
        "\n",
        "20150218",
        "-10.0",
        "1",
        "0",
        "USAGOV",
        "IGOUNO",
        "é",
        "\u{fffd}",
        "95.5",
        "---",
        "GM",
        "own",
        "Peace! not good,",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let mut text = String::new();
        let n = next() % 200;
        for _ in 0..n {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let bytes = text.as_bytes();
        for row in GdeltReader::new(bytes, "random.CSV").flatten() {
            assert_eq!(row.to_tsv().split('\t').count(), 61);
        }
        let own = match Fips::parse(&text, "random.tsv") {
            Ok(f) => f,
            Err(e) => e.into_partial(),
        };
        for word in text.split_whitespace().take(64) {
            let _ = own.for_place(word, word);
            let _ = GdeltActor::from_code(word, &text, Fips::builtin());
        }
        assert!(tone::document_tone(&text).tone.is_finite());
        assert!(tone::sentence_tone(&text).compound.is_finite());
    }
}

//! The native format against the PETRARCH importer: PETRARCH text → model → dump → native
//! load gives the same model, for a small dictionary written here and for the built-in
//! knowledge base (`kb/petrarch`).

use std::path::Path;
use std::sync::Arc;

use detente_dict::model::Provenance;
use detente_dict::native::{dump, NativeLoader};
use detente_dict::petrarch::PetrarchLoader;
use detente_dict::{Dictionaries, DictionaryData};

/// The model with provenance blanked and verb block names reduced to slugs (native block
/// names are their ids).
fn normalized(dict: Dictionaries) -> DictionaryData {
    let mut d = dict.into_data();
    let blank = |p: &mut Provenance| {
        *p = Provenance {
            file: Arc::from(""),
            line: 0,
            text: "".into(),
        }
    };
    d.actors.iter_mut().for_each(|a| blank(&mut a.provenance));
    d.agents.iter_mut().for_each(|a| blank(&mut a.provenance));
    d.synsets.iter_mut().for_each(|s| blank(&mut s.provenance));
    d.verbs.iter_mut().for_each(|v| blank(&mut v.provenance));
    d.transformations
        .iter_mut()
        .for_each(|t| blank(&mut t.provenance));
    d.discards.iter_mut().for_each(|x| blank(&mut x.provenance));
    d.issues.iter_mut().for_each(|x| blank(&mut x.provenance));
    for b in &mut d.verb_blocks {
        blank(&mut b.provenance);
        b.patterns.iter_mut().for_each(|p| blank(&mut p.provenance));
        let slug: String = b
            .name
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        b.name = slug.into();
    }
    d
}

fn load_native(files: &[(String, String)]) -> Dictionaries {
    let mut n = NativeLoader::new();
    for (name, text) in files {
        n.file(text, name);
    }
    let (d, errors) = n.finish();
    assert!(errors.is_empty(), "{errors:#?}");
    d
}

/// Compares field by field, so that a failure names the first differing entry.
fn assert_same(a: DictionaryData, b: DictionaryData) {
    macro_rules! same {
        ($f:ident) => {
            assert_eq!(a.$f.len(), b.$f.len(), stringify!($f));
            for (i, (x, y)) in a.$f.iter().zip(&b.$f).enumerate() {
                assert_eq!(x, y, "{} #{i}", stringify!($f));
            }
        };
    }
    same!(synsets);
    same!(verb_blocks);
    same!(verbs);
    same!(transformations);
    same!(actors);
    same!(agents);
    same!(discards);
    same!(issues);
}

/// A small PETRARCH dictionary exercising every construct (invented entries).
const VERBS: &str = "\
&WEAPONRY
+SPEAR
+BOW_AND_ARROW
+ARMOR_
&TWO_WORDS_
+PEBBLE
+BIG STONE
--- GREET [041] ---
GREET
MEET {MEETS MET MEETING}
+SHAKE_HANDS {+SHOOK_HANDS +SHAKES_HANDS} [042]
WIRE_+TAP
+ANGERED_BY {}
- SO IN_AND_*_OUT_AGAIN NOW [074]
- $ * + (WITH &WEAPONRY) [032:033]
- * {WARM &WEAPONRY} (IN ^) [:190]
- * (TO) % [---]
- &TWO_WORDS * ^ [###]
--- STOP ---
STOP
~ a (a b GREET) SAY = a b 015
";
const ACTORS: &str = "\
GONDOR_  [GON]
+MINAS_TIRITH_
+GONDORIAN
FARAMIR_
\t[GONMIL 30180101-30190315]
\t[GONGOV >190315]
\t[GONELI]
ELROND_\t[RIV <950630] [ELF/ELV]
HOBBIT TOWN [---]
THE_U.S._ARMY_ [USAMIL]
";
const AGENTS: &str = "\
!PERSON! = MAN, MEN, WOMAN
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
CONGRESS!PERSON! [~LEG]
MINISTER FOR_TREES [~GOVENV]
HUMAN_RIGHTS_BODY  [NGO~]
ARMY [~MIL]
";

#[test]
fn petrarch_dump_native_round_trip() {
    let mut p = PetrarchLoader::new();
    p.verbs(VERBS, "test/verbs.txt")
        .actors(ACTORS, "test/my.actors.txt")
        .agents(AGENTS, "test/agents.txt")
        .discards("+WORLD CUP\nCRICKET\nCHESS_\n", "test/discards.txt")
        .issues("war n:crime [ATROCITY]\n~toy n:gun\n", "test/issues.txt");
    let (dict, errors) = p.finish();
    assert!(errors.is_empty(), "{errors:#?}");
    let files = dump(&dict);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "synsets.kb",
            "verbs.kb",
            "my.actors.kb",
            "agents.kb",
            "discards.kb",
            "issues.kb"
        ]
    );
    let verbs = &files[1].1;
    assert!(
        verbs.contains("  pattern so in_and_*_out_again now -> 074\n"),
        "{verbs}"
    );
    assert!(
        verbs.contains("  verb meet\n  form meets\n  form met\n"),
        "{verbs}"
    );
    assert!(
        verbs.contains("  verb wire +tap\n  verb angered by\n  form -\n"),
        "{verbs}"
    );
    assert!(
        files[2]
            .1
            .contains("  code GONMIL 3018-01-01..3019-03-15\n"),
        "{}",
        files[2].1
    );
    assert!(files[2].1.contains("actor the-us-army\n"), "{}", files[2].1);
    let again = load_native(&files);
    assert_same(normalized(dict), normalized(again));
}

#[test]
fn mixed_petrarch_and_native() {
    let mut p = PetrarchLoader::new();
    p.verbs(VERBS, "verbs.txt");
    let (petrarch, _) = p.finish();
    let mut n = NativeLoader::new();
    n.extend(petrarch).file(
        "# detente-kb 1\nverb hurl\n  code 190\n  verb hurl\n  pattern * &weaponry -> 195\n",
        "mine.kb",
    );
    let (d, errors) = n.finish();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(d.verb_blocks.len(), 3);
    let hurl = d.verbs_with_form("HURLED")[0];
    assert_eq!(d.block(hurl).name.as_ref(), "hurl");
    let w = d.synset_id("WEAPONRY").unwrap();
    let p = &d.verb_blocks[2].patterns[0];
    assert_eq!(p.after[0].item, detente_dict::model::PatternItem::Synset(w));
    assert_eq!(&*p.provenance.text, "verb hurl: pattern * &weaponry -> 195");
    // The PETRARCH verbs keep their blocks and synsets.
    let met = d.verbs_with_form("MET")[0];
    assert_eq!(d.block(met).name.as_ref(), "GREET");
}

fn kb() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../kb"))
}

/// The built-in knowledge base as `dicts.rs` loads it from `kb/petrarch`.
fn builtin_petrarch() -> Dictionaries {
    let dir = kb().join("petrarch");
    let mut p = PetrarchLoader::new();
    p.verbs_path(&dir.join("verbs.txt"))
        .actors_path(&dir.join("countries.actors.txt"))
        .actors_path(&dir.join("international.actors.txt"))
        .agents_path(&dir.join("agents.txt"))
        .discards_path(&dir.join("discards.txt"));
    let (d, errors) = p.finish();
    assert!(errors.is_empty(), "{errors:#?}");
    d
}

#[test]
fn builtin_kb_round_trips() {
    let dict = builtin_petrarch();
    let files = dump(&dict);
    let again = load_native(&files);
    assert_same(normalized(dict), normalized(again));
}

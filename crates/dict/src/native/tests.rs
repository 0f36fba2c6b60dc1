use super::*;
use crate::model::PatternItem;

fn load(text: &str) -> (Dictionaries, Vec<DictError>) {
    let mut l = NativeLoader::new();
    l.file(text, "t.kb");
    l.finish()
}

fn lines_of(errors: &[DictError]) -> Vec<u32> {
    errors.iter().filter_map(|e| e.line()).collect()
}

/// Every kind of entry and fact (invented entries).
const GOOD: &str = "\
# detente-kb 1
# a comment line
actor gondor   # trailing comment
  name Gondor
  name Minas_Tirith
  name Argentin*
  name Hobbit .. Town
  code GON

actor faramir
  name Faramir
  code GONMIL 3018-01-01..3019-03-15
  code GONGOV 2019-03-15..
  code RIV ELF ..1995-06-30
  code GONELI
  code - 2030-01-01..2030-12-31

agent minister
  name minister
  name minister .. for trees
  code ~GOV

agent police
  name police
  plural -
  code ~COP

agent attorney-general
  name attorney general
  plural attorneys general
  code ~GOVATG

agent rights-body
  name human rights body
  code NGO~

synset weaponry
  name spear
  name bow and arrow

synset both
  name &weaponry
  name stone
  plural -

verb greet
  code 041
  verb greet
  verb meet -> 040:040
  form met
  verb wire +tap
  verb angered by
  form -
  pattern $ * + (with &both) -> 032:033
  pattern * {warm &weaponry} -> :190
  pattern so in_and_*_out -> ###
  pattern * &later -> -

synset later
  name later

verb stop
  verb stop

transform say-greet
  rule a (a b greet) say = a b 015

discard sports
  story world cup
  sentence cricket*

issue atrocity
  code ATROCITY
  phrase war crime
  phrase war crimes

issue toys
  code -
  phrase toy gun
";

#[test]
fn every_kind_of_line() {
    let (d, errors) = load(GOOD);
    assert!(errors.is_empty(), "{errors:#?}");
    // Actors: names, gaps, stems, dated and null codes.
    assert_eq!(d.actors.len(), 2);
    assert_eq!(&*d.actors[0].provenance.text, "actor gondor");
    assert_eq!(d.actors[0].provenance.line, 3);
    assert_eq!(d.match_actor(&["MINAS", "TIRITH"], 0).unwrap().len, 2);
    assert!(d.match_actor(&["ARGENTINA"], 0).is_some());
    assert_eq!(d.match_actor(&["HOBBIT", "BIG", "TOWN"], 0).unwrap().len, 3);
    let f = &d.actors[1];
    assert_eq!(f.codes[0].0, DateRange::Between(30180101, 30190315));
    assert_eq!(f.codes[1].0, DateRange::From(20190315));
    assert_eq!(
        f.codes[2],
        (DateRange::Until(19950630), vec!["RIV".into(), "ELF".into()])
    );
    assert_eq!(f.codes[3], (DateRange::Always, vec!["GONELI".into()]));
    assert_eq!(f.codes[4], (DateRange::Between(20300101, 20301231), vec![]));
    assert_eq!(f.codes_on(19900101), ["RIV".into(), "ELF".into()]);
    // Agents: generated, refused and listed plurals; placement.
    let agent = |w: &[&str]| {
        d.match_agent(w, 0)
            .map(|m| (&*d.agents[m.id as usize].code, m.len))
    };
    assert_eq!(agent(&["MINISTERS"]), Some(("GOV", 1)));
    assert_eq!(
        agent(&["MINISTER", "OF", "STATE", "FOR", "TREES"]),
        Some(("GOV", 5))
    );
    assert_eq!(agent(&["POLICES"]), None);
    assert_eq!(agent(&["ATTORNEYS", "GENERAL"]), Some(("GOVATG", 2)));
    assert_eq!(agent(&["ATTORNEY", "GENERALS"]), None);
    assert_eq!(d.agents[3].placement, AgentPlacement::Prefix);
    // Synsets: plurals, includes.
    let both = d.synset_id("BOTH").unwrap();
    assert_eq!(d.synset_match(both, &["SPEARS"], 0), Some(1));
    assert_eq!(d.synset_match(both, &["STONES"], 0), None);
    // Verbs: forms, own codes, context words, patterns (a synset defined later is fine).
    let met = d.verbs_with_form("MET");
    assert_eq!(met.len(), 1);
    assert_eq!(d.code_of(met[0]).reciprocal.as_deref(), Some("040"));
    assert!(d.verbs_with_form("MEETED").is_empty());
    assert_eq!(d.verbs_with_form("GREETED").len(), 1);
    assert_eq!(
        &*d.verbs[d.verbs_with_form("TAPPED")[0] as usize].words_before,
        ["WIRE".into()]
    );
    assert_eq!(d.verbs_with_form("ANGERED").len(), 1);
    assert!(d.verbs_with_form("ANGEREDS").is_empty());
    let greet = d.verbs_with_form("GREET")[0];
    assert_eq!(
        &*d.verbs[greet as usize].provenance.text,
        "verb greet: verb greet"
    );
    assert_eq!(d.block(greet).name.as_ref(), "greet");
    assert_eq!(d.code_of(greet).primary.as_deref(), Some("041"));
    let block = &d.verb_blocks[0];
    assert_eq!(block.patterns.len(), 4);
    let p = &block.patterns[0];
    assert_eq!(p.before[0].item, PatternItem::Source);
    assert_eq!(
        p.after[1].item,
        PatternItem::PrepPhrase("WITH".into(), vec!["&BOTH".into()])
    );
    assert_eq!(
        &*p.provenance.text,
        "verb greet: pattern $ * + (with &both) -> 032:033"
    );
    assert_eq!(p.provenance.line, 54);
    assert_eq!(block.patterns[1].code.reciprocal.as_deref(), Some("190"));
    assert!(!block.patterns[2].before[0].consecutive && block.patterns[2].before[1].consecutive);
    assert_eq!(block.patterns[2].code.primary.as_deref(), Some("###"));
    let later = d.synset_id("LATER").unwrap();
    assert_eq!(block.patterns[3].after[0].item, PatternItem::Synset(later));
    assert!(block.patterns[3].code.is_null());
    assert!(d.code_of(d.verbs_with_form("STOPPED")[0]).is_null());
    // Transformations, discards, issues.
    assert_eq!(&*d.transformations[0].result_code, "015");
    assert_eq!(
        &*d.transformations[0].provenance.text,
        "transform say-greet: rule a (a b greet) say = a b 015"
    );
    assert!(d.discard("He won the World Cup").unwrap().story);
    assert!(d.discard("cricketers").is_some());
    assert_eq!(
        &*d.discards[1].provenance.text,
        "discard sports: sentence cricket*"
    );
    assert_eq!(d.issues("war crimes"), vec![("ATROCITY".into(), 1)]);
    assert!(d.issues("war crimes and a toy gun").is_empty());
}

#[test]
fn version_marker() {
    assert!(is_native("# detente-kb 1\n"));
    assert!(is_native("\u{feff}# detente-kb 7\r\nactor x"));
    assert!(!is_native("# detente-kbx 1"));
    assert!(!is_native("RUSSIA_ [RUS]"));
    for (text, reason) in [
        (
            "# detente-kb 2\nactor x\n  name X\n  code X\n",
            "unsupported version",
        ),
        ("actor x\n  name X\n", "the first line must be"),
        ("", "the first line must be"),
    ] {
        let (d, errors) = load(text);
        assert!(d.actors.is_empty());
        assert_eq!(lines_of(&errors), [1], "{errors:#?}");
        assert!(errors[0].to_string().contains(reason), "{}", errors[0]);
    }
    let (d, errors) = load("# detente-kb 1\r\nactor x\r\n  name X\r\n  code X\r\n");
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(d.actors.len(), 1);
}

#[test]
fn every_error_with_its_line() {
    let text = "\
# detente-kb 1
  name Orphan
thing x
actor bad id
actor ok
  name Good
  name A .. .. B
  name *
  code RUS 2004-13-01..
  code RUS 2005-01-01..2004-01-01
  code [RUS]
  colour red
actor ok
  name Again
agent nocode
  name minister
agent twocodes
  name envoy
  code GOV
  code ~GOV
  code ~ELI
synset s
  name &missing
  name &s
verb v
  code 04 0
  form early
  verb +a +b
  verb go -> 0 4
  verb go
  form went away
  pattern * + [040]
  pattern no verb -> 040
  pattern * &missing -> 040
  pattern * (open -> 040
transform t
  rule nonsense
discard d
  story
  sentence a*b
issue i
  phrase x
";
    let (d, errors) = load(text);
    let got: Vec<(u32, String)> = errors
        .iter()
        .map(|e| (e.line().unwrap(), format!("{e}")))
        .collect();
    let lines: Vec<u32> = got.iter().map(|g| g.0).collect();
    assert_eq!(
        lines,
        [
            2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 15, 19, 21, 26, 27, 28, 29, 31, 32, 37, 39, 40, 41,
            23, 24, 33, 34, 35
        ],
        "{got:#?}"
    );
    assert!(
        matches!(errors[9], DictError::Duplicate { first_line: 5, .. }),
        "{:?}",
        errors[9]
    );
    assert!(got[9].1.contains("first defined at t.kb:5"), "{}", got[9].1);
    assert!(matches!(errors[5], DictError::BadDate { .. }));
    assert!(matches!(errors[7], DictError::BadCode { .. }));
    assert!(matches!(
        errors[23],
        DictError::UnknownSynset { line: 23, .. }
    ));
    assert!(matches!(
        errors[26],
        DictError::UnknownSynset { line: 34, .. }
    ));
    // What was good still loads.
    assert_eq!(d.actors.len(), 1);
    assert_eq!(d.actors[0].phrases.len(), 1);
    assert_eq!(d.actors[0].codes.len(), 0);
    assert_eq!(d.agents.len(), 1);
    assert_eq!(d.verbs_with_form("GOES").len(), 1);
    assert!(d.verb_blocks[0].code.is_null());
}

#[test]
fn duplicates_across_files_name_both() {
    let mut l = NativeLoader::new();
    l.file("# detente-kb 1\nactor rus\n  name Russia\n  code RUS\n", "a.kb")
        .file("# detente-kb 1\n\nactor RUS\n  name Russland\n  code RUS\nagent rus\n  name x\n  code ~GOV\n", "b.kb");
    let (d, errors) = l.finish();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].to_string(),
        "b.kb:3: duplicate actor id \"RUS\" (first defined at a.kb:2)"
    );
    assert_eq!((d.actors.len(), d.agents.len()), (1, 1));
}

#[test]
fn comments() {
    assert_eq!(strip_comment("  code ### # note"), "  code ### ");
    assert_eq!(strip_comment("# all"), "");
    assert_eq!(strip_comment("   # all"), "   ");
    assert_eq!(strip_comment("  name #1 Team"), "  name #1 Team");
    assert_eq!(strip_comment("  name X #"), "  name X ");
    let p = parse_phrase("E*Trade Argentin*").unwrap();
    assert_eq!((&*p.words[0].text, p.words[0].exact), ("E*TRADE", true));
    assert_eq!((&*p.words[1].text, p.words[1].exact), ("ARGENTIN", false));
}

#[test]
fn dump_writes_what_loads() {
    let (d, errors) = load(GOOD);
    assert!(errors.is_empty());
    let files = dump(&d);
    let mut l = NativeLoader::new();
    for (name, text) in &files {
        l.file(text, name);
    }
    let (again, errors) = l.finish();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        again
            .actors
            .iter()
            .map(|a| (&a.phrases, &a.codes))
            .collect::<Vec<_>>(),
        d.actors
            .iter()
            .map(|a| (&a.phrases, &a.codes))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        again.verbs.iter().map(|v| &v.forms).collect::<Vec<_>>(),
        d.verbs.iter().map(|v| &v.forms).collect::<Vec<_>>()
    );
    let t = &files.iter().find(|f| f.0 == "t.kb").unwrap().1;
    assert!(
        t.contains("actor faramir\n  name Faramir\n  code GONMIL 3018-01-01..3019-03-15\n"),
        "{t}"
    );
    assert!(
        t.contains("  code RIV ELF ..1995-06-30\n  code GONELI\n  code - 2030-01-01..2030-12-31\n"),
        "{t}"
    );
    assert!(t.contains("  name Hobbit .. Town\n"), "{t}");
    assert!(t.contains("  name Argentin*\n"), "{t}");
}

/// A tiny xorshift generator, so the garbage is the same on every run.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn garbage_never_panics() {
    const ALPHABET: &[&str] = &[
        "actor",
        "agent",
        "synset",
        "verb",
        "transform",
        "discard",
        "issue",
        "name",
        "plural",
        "code",
        "form",
        "pattern",
        "rule",
        "story",
        "sentence",
        "phrase",
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "\n  ",
        "x",
        "Y",
        "é",
        "..",
        ".",
        "*",
        "-",
        "->",
        "~",
        "&",
        "&x",
        "$",
        "+",
        "%",
        "^",
        "_",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "#",
        "###",
        ":",
        "=",
        "2004-03-09",
        "..1999-12-31",
        "0",
        "040",
        "# detente-kb 1\n",
        "\u{2020}",
    ];
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for _ in 0..400 {
        let mut text = String::from("# detente-kb 1\n");
        for _ in 0..(rng.next() % 60) {
            text.push_str(ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize]);
        }
        let (d, _) = load(&text);
        let words: Vec<&str> = text.split_whitespace().collect();
        for i in 0..words.len() {
            let _ = d.match_actor(&words, i);
            let _ = d.match_agent(&words, i);
            let _ = d.verbs_with_form(words[i]);
        }
        // Whatever loaded dumps and loads again without panicking.
        let mut l = NativeLoader::new();
        for (name, text) in dump(&d) {
            l.file(&text, &name);
        }
        let _ = l.finish();
    }
}

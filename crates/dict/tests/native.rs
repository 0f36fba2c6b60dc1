//! The native format against the PETRARCH importer: PETRARCH text → model → dump → native
//! load gives the same model, for a small dictionary written here and for the built-in
//! knowledge base (`kb/native`).

use std::path::Path;
use std::sync::Arc;

use detente_dict::model::Provenance;
use detente_dict::native::{dump, dump_with_sources, NativeLoader};
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

/// The built-in knowledge base as `dicts.rs` loads it from `kb/native`.
fn builtin_native() -> Dictionaries {
    let dir = kb().join("native");
    let mut files: Vec<(String, String)> = Vec::new();
    for name in [
        "synsets.kb",
        "verbs.kb",
        "countries.actors.kb",
        "international.actors.kb",
        "agents.kb",
        "discards.kb",
    ] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        files.push((path.display().to_string(), text));
    }
    load_native(&files)
}

/// The built-in knowledge base dumps and reloads to the same model.
#[test]
fn builtin_kb_round_trips() {
    let dict = builtin_native();
    assert!(dict.actors.len() > 1000 && dict.verb_blocks.len() > 100);
    let files = dump(&dict);
    let again = load_native(&files);
    assert_same(normalized(dict), normalized(again));
}

/// PETRARCH files with comments of every kind: headers, section comments, trailing `#` and
/// TABARI `;` comments, `<!-- -->` comments, a `[###]` code, a substitution line.
const COMMENTED_VERBS: &str = "\
# Test verbs: the header.
# Second header line.

# --- synsets ---
&WEAPONRY  # arms
+SPEAR  # pointy
# a note before BOW
+BOW_AND_ARROW

<!-- VERBS, an XML comment -->
--- GREET [041] ---  # greetings
# the plain verb
GREET  # hello
MEET {MEETS MET MEETING}  # with forms
- $ * + (WITH &WEAPONRY) [032:033]  # armed greeting
# a reverse-only pattern
- * {WARM &WEAPONRY} (IN ^) [:190]

~ a (a b GREET) SAY = a b 015  # a transformation

# the end of the verbs
";

const COMMENTED_ACTORS: &str = "\
# Test actors: the header.
#
# It has two paragraphs.

######################
# GONDOR
######################

GONDOR_ [GON]  # the realm
+MINAS_TIRITH_  # the capital
# a synonym after a comment
+GONDORIAN_

FARAMIR_  # a captain ; not a TABARI comment here
\t[GONMIL 30180101-30190315]  # captain of Ithilien
<!-- a multi-line
XML comment -->
\t[GONGOV >20190315]  # steward

# ELROND_ stands alone; [###] is a code, not a comment
ELROND_  # lord of Rivendell
\t[RIV <19950630]
\t[###]

BOROMIR_ [GONMIL] ; CountryInfo.txt
";

const COMMENTED_AGENTS: &str = "\
# Test agents.

# people words
!PERSON! = MAN, MEN  # substitution
CONGRESS!PERSON! {} [~LEG]  # legislators
POLICE {} [~COP]

# trailing file comment
";

fn commented() -> (Dictionaries, Vec<(String, String)>) {
    let sources = vec![
        ("t/verbs.txt".to_string(), COMMENTED_VERBS.to_string()),
        ("t/my.actors.txt".to_string(), COMMENTED_ACTORS.to_string()),
        ("t/agents.txt".to_string(), COMMENTED_AGENTS.to_string()),
    ];
    let mut p = PetrarchLoader::new();
    p.verbs(&sources[0].1, &sources[0].0)
        .actors(&sources[1].1, &sources[1].0)
        .agents(&sources[2].1, &sources[2].0);
    let (dict, errors) = p.finish();
    assert!(errors.is_empty(), "{errors:#?}");
    (dict, sources)
}

/// The comment texts of a text: `#` lines and trailing `#` comments (PETRARCH: any `#`
/// outside a code such as `[###]`; native: between blanks), `<!-- -->` lines and TABARI
/// `;` comments, in order.
fn comment_texts(text: &str, native: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut xml = false;
    let skip = usize::from(native);
    for line in text.lines().skip(skip) {
        let t = line.trim();
        if !native && (xml || t.starts_with("<!")) {
            xml = !line.contains("-->") && (xml || !t[2..].contains("-->"));
            let inner = t.replace("<!--", "").replace("-->", "");
            if !inner.trim().is_empty() {
                out.push(inner.trim().to_string());
            }
            continue;
        }
        let at = if native {
            native_comment(line)
        } else {
            petrarch_comment(line)
        };
        let (content, comment) = match at {
            Some(i) => (&line[..i], Some(&line[i + 1..])),
            None => (line, None),
        };
        if !native {
            if let Some((_, semi)) = content.split_once(';') {
                out.push(semi.trim().to_string());
            }
        }
        if let Some(c) = comment.map(str::trim).filter(|c| !c.is_empty()) {
            out.push(c.to_string());
        }
    }
    out.retain(|c| !c.starts_with("Written by `detente dict convert`") && !c.is_empty());
    out
}

/// Where a native comment starts: `#` at the start, or between blanks.
fn native_comment(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    (0..b.len()).find(|&i| {
        b[i] == b'#'
            && (line[..i].trim().is_empty()
                || (matches!(b[i - 1], b' ' | b'\t')
                    && (i + 1 == b.len() || matches!(b[i + 1], b' ' | b'\t'))))
    })
}

/// Where a PETRARCH comment starts: any `#` but those of a code (`[###]`).
fn petrarch_comment(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut in_code = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' {
            if i > 0 && (b[i - 1] == b'[' || (b[i - 1] == b'#' && in_code)) {
                in_code = true;
                continue;
            }
            return Some(i);
        }
        in_code = false;
    }
    None
}

/// The lines of native files without comments and blank lines.
fn facts_only(files: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (name, text) in files {
        out.push(format!("file {name}"));
        for line in text.lines() {
            let kept = &line[..native_comment(line).unwrap_or(line.len())];
            if !kept.trim().is_empty() {
                out.push(kept.trim_end().to_string());
            }
        }
    }
    out
}

#[test]
fn conversion_keeps_comments() {
    let (dict, sources) = commented();
    let files = dump_with_sources(&dict, &sources);
    let text = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
    assert_eq!(
        text("synsets.kb"),
        "\
# detente-kb 1
# Written by `detente dict convert` from t/verbs.txt.

# --- synsets ---
synset weaponry  # arms
  name spear  # pointy
  # a note before BOW
  name bow and arrow
"
    );
    assert_eq!(
        text("verbs.kb"),
        "\
# detente-kb 1
# Written by `detente dict convert` from t/verbs.txt.
#
# Test verbs: the header.
# Second header line.

# VERBS, an XML comment
verb greet  # greetings
  code 041
  # the plain verb
  verb greet  # hello
  verb meet  # with forms
  form meets
  form met
  form meeting
  pattern $ * + (with &weaponry) -> 032:033  # armed greeting
  # a reverse-only pattern
  pattern * {warm &weaponry} (in ^) -> :190

transform say-greet  # a transformation
  rule a (a b greet) say = a b 015

# the end of the verbs
"
    );
    assert_eq!(
        text("my.actors.kb"),
        "\
# detente-kb 1
# Written by `detente dict convert` from t/my.actors.txt.
#
# Test actors: the header.
#
# It has two paragraphs.

######################
# GONDOR
######################

actor gondor  # the realm
  name Gondor
  name Minas Tirith  # the capital
  # a synonym after a comment
  name Gondorian
  code GON

actor faramir  # a captain ; not a TABARI comment here
  name Faramir
  code GONMIL 3018-01-01..3019-03-15  # captain of Ithilien
  # a multi-line
  # XML comment
  code GONGOV 2019-03-15..  # steward

# ELROND_ stands alone; [###] is a code, not a comment
actor elrond  # lord of Rivendell
  name Elrond
  code RIV ..1995-06-30
  code ###

actor boromir  # CountryInfo.txt
  name Boromir
  code GONMIL
"
    );
    assert_eq!(
        text("agents.kb"),
        "\
# detente-kb 1
# Written by `detente dict convert` from t/agents.txt.
#
# Test agents.

# people words
# substitution
agent congressman  # legislators
  name congressman
  name congressmen
  plural -
  code ~LEG

agent police
  name police
  plural -
  code ~COP

# trailing file comment
"
    );
    // Every comment of the sources, in order (synsets' comments go to synsets.kb).
    for (name, source) in &sources {
        let stem = name.trim_start_matches("t/").trim_end_matches(".txt");
        let mut written = Vec::new();
        if stem == "verbs" {
            written.extend(comment_texts(text("synsets.kb"), true));
            let verbs = comment_texts(text("verbs.kb"), true);
            // The header comes first in the source.
            written.splice(0..0, verbs[..2].iter().cloned());
            written.extend(verbs[2..].iter().cloned());
        } else {
            written = comment_texts(text(&format!("{stem}.kb")), true);
        }
        assert_eq!(comment_texts(source, false), written, "{name}");
    }
    // The same entries as without comments, loading to the same model.
    assert_eq!(facts_only(&files), facts_only(&dump(&dict)));
    let again = load_native(&files);
    assert_same(normalized(dict), normalized(again));
}

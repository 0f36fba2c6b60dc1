//! No input may panic the coder: pseudo-random strings (letters, capitalised names that are
//! dictionary actors, verbs with patterns, punctuation, quotes, brackets, digits, multi-byte
//! characters, control characters) go through our own analysis and the coder, and also
//! through the Penn and CoNLL-U adapters; every event must point at tokens that exist.

use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_dict::petrarch::PetrarchLoader;
use detente_dict::Dictionaries;
use detente_text::{conllu, penn, Analyzer};

const VERBS: &str = "\
&TIES_
+TIES
+RELATIONS

--- MEET [040] ---
MEET {MEETS MET MEETING}
- * (WITH +) [040]
- % * [040:040]
- + WAS * BY $ [041]
- $ ^ * &TIES [064]
- NOT * [112]

--- ATTACK [190] ---
ATTACK
- * + (WITH {HEAVY WEAPONS}) [195]
";

const ACTORS: &str = "\
ARNOR_ [ARN]
+ARNORIAN_
GONDOR_ [GON]
ROHAN [ROH]
\t[ROHGOV 20000101-20101231]
";

const AGENTS: &str = "\
MINISTER [~GOV]
REBEL [~REB]
HUMAN_RIGHTS_GROUP [NGO~]
";

fn dictionaries() -> Dictionaries {
    let mut loader = PetrarchLoader::new();
    loader
        .verbs(VERBS, "t.verbs")
        .actors(ACTORS, "t.actors")
        .agents(AGENTS, "t.agents");
    let (dict, errors) = loader.finish();
    assert!(errors.is_empty(), "{errors:?}");
    dict
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "Arnor",
    "Gondor",
    "Rohan",
    "Arnorian",
    "minister",
    "rebels",
    "human rights group",
    "met",
    "meets",
    "meeting",
    "attack",
    "attacked",
    "was",
    "by",
    "with",
    "not",
    "didn't",
    "and",
    ",",
    ".",
    "?",
    "!",
    "\"",
    "“",
    "”",
    "'s",
    "'",
    "(",
    ")",
    "-",
    "--",
    "—",
    ";",
    ":",
    "ties",
    "relations",
    "heavy",
    "weapons",
    "the",
    "a",
    "of",
    "said",
    "that",
    "who",
    "which",
    "3.5",
    "U.S.",
    "Mr.",
    "$",
    "%",
    "é",
    "日本",
    "\u{200b}",
    "\t",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\u{7}",
    "Kerry",
    "A",
    "I",
    "x",
    "...",
    "…",
    "#",
    "&",
    "<",
    ">",
    "(NP",
    "NP)",
];

fn random_text(rng: &mut XorShift) -> String {
    let len = (rng.next() % 40) as usize;
    let mut text = String::new();
    for _ in 0..len {
        text.push_str(rng.pick(PIECES));
        if rng.next() % 3 != 0 {
            text.push(' ');
        }
    }
    text
}

#[test]
fn random_text_never_panics_and_events_point_at_tokens() {
    let dict = dictionaries();
    let options = CoderOptions {
        require_dyad: false,
        provenance: true,
        ..CoderOptions::default()
    };
    let coder = Coder::new(&dict, Codebook::builtin(), options);
    let analyzer = Analyzer::new();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut events = 0usize;
    for _ in 0..5_000 {
        let text = random_text(&mut rng);
        for analysis in analyzer.analyze(&text) {
            for event in coder.code(&analysis, 20050101) {
                events += 1;
                let n = analysis.tokens.len() as u32;
                let (vs, ve) = event.spans.verb;
                assert!(
                    vs < ve && ve <= n,
                    "verb span {vs}..{ve} of {n} in {text:?}"
                );
                assert!(event.spans.source.1 <= n && event.spans.target.1 <= n);
                assert!(!event.cameo.is_empty());
            }
            let _ = coder.report(&analysis, 0);
            let _ = coder.report(&analysis, u32::MAX);
        }
    }
    // The generator does produce codable sentences, so this test exercises the coder.
    assert!(events > 100, "only {events} events from random text");
}

#[test]
fn random_parses_never_panic() {
    let dict = dictionaries();
    let coder = Coder::new(&dict, Codebook::builtin(), CoderOptions::default());
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let labels = [
        "S", "NP", "VP", "PP", "SBAR", "NNP", "VBD", "IN", "CC", "X", "",
    ];
    for _ in 0..3_000 {
        // Random bracketings, balanced or not.
        let mut tree = String::new();
        for _ in 0..(rng.next() % 30) {
            match rng.next() % 4 {
                0 => tree.push_str(&format!("({} ", rng.pick(&labels))),
                1 => tree.push(')'),
                _ => tree.push_str(&format!("({} {}) ", rng.pick(&labels), rng.pick(PIECES))),
            }
        }
        if let Ok(analysis) = penn::parse(&tree) {
            let _ = coder.code(&analysis, 20000101);
        }
        // Random CoNLL-U lines.
        let mut block = String::new();
        for i in 1..=(rng.next() % 12) {
            let head = rng.next() % 14;
            block.push_str(&format!(
                "{i}\t{}\t_\t{}\t_\t_\t{head}\t{}\t_\t_\n",
                rng.pick(PIECES).replace(['\t', '\n'], " "),
                rng.pick(&["PROPN", "VERB", "NOUN", "ADP", "X"]),
                rng.pick(&["nsubj", "obj", "root", "case", "obl", "conj", "cc"])
            ));
        }
        if let Ok(analysis) = conllu::parse(&block) {
            let _ = coder.code(&analysis, 20000101);
        }
    }
}

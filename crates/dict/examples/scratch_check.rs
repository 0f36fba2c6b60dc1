use detente_dict::model::*;
use detente_dict::petrarch::load_dir;
use std::path::Path;
fn main() {
    let dir = Path::new("/work/shared/peers/petrarch2/dictionaries");
    let (d, _e) = load_dir(
        dir,
        "CAMEO.2.0.txt",
        &[
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        ],
        &["Phoenix.agents.txt"],
        &["Phoenix.discards.txt"],
        &["Phoenix.IssueCoding.txt"],
    )
    .unwrap();
    // inverted date ranges
    let mut inv = 0;
    for a in &d.actors {
        for (r, c) in &a.codes {
            if let DateRange::Between(x, y) = r {
                if x > y {
                    inv += 1;
                    if inv < 15 {
                        println!(
                            "inverted {:?} {:?} {}:{} {}",
                            r, c, a.provenance.file, a.provenance.line, a.provenance.text
                        );
                    }
                }
            }
        }
    }
    println!("inverted ranges: {inv}");
    let w = ["SERGEY", "LAVROV", "MET", "JOHN", "KERRY"];
    let m = d.match_actor(&w, 0).unwrap();
    println!(
        "{:?} {:?} {:?}",
        m,
        d.actors[m.id as usize].codes_on(20130227),
        d.actors[m.id as usize].provenance
    );
    let m = d.match_actor(&w, 3).unwrap();
    println!(
        "{:?} {:?} {:?}",
        m,
        d.actors[m.id as usize].codes_on(20130227),
        d.actors[m.id as usize].provenance
    );
    for f in [
        "MET", "MEETS", "ACCUSED", "VISITED", "SAID", "STOPPED", "AGREED", "CORDONED", "TAPPED",
        "BEEFED",
    ] {
        let ids = d.verbs_with_form(f);
        println!(
            "{f}: {:?}",
            ids.iter()
                .map(|&i| (
                    &*d.verbs[i as usize].lemma,
                    &*d.block(i).name,
                    d.code_of(i).primary.clone(),
                    d.verbs[i as usize].words_after.clone()
                ))
                .collect::<Vec<_>>()
        );
    }
    // multiword verbs without +
    for v in &d.verbs {
        if v.provenance
            .text
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty() && !w.starts_with('{'))
            .count()
            > 1
            && !v.provenance.text.contains(['+', '{', '['])
        {
            println!("noplus multi: {}", v.provenance.text);
        }
    }
    for s in &d.synsets {
        if s.name.contains('_') {
            println!("synset with _: {}", s.name);
        }
    }
    // weird words in patterns
    let mut odd = std::collections::BTreeMap::new();
    for b in &d.verb_blocks {
        for p in &b.patterns {
            for e in p.before.iter().chain(&p.after) {
                if let PatternItem::Word(w) = &e.item {
                    if !w
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '\'')
                    {
                        *odd.entry(w.clone()).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    println!("odd pattern words: {:?}", odd);
    let codes: std::collections::BTreeSet<_> = d
        .verb_blocks
        .iter()
        .flat_map(|b| b.patterns.iter().map(|p| p.code.clone()))
        .filter_map(|c| c.primary)
        .filter(|c| !c.chars().all(|c| c.is_ascii_digit()))
        .collect();
    println!("non-numeric codes: {:?}", codes);
    let a = |ws: &[&str]| {
        d.match_agent(ws, 0)
            .map(|m| (d.agents[m.id as usize].code.clone(), m.len))
    };
    println!(
        "{:?} {:?} {:?} {:?} {:?}",
        a(&["FOREIGN", "MINISTER"]),
        a(&["POLICEMEN"]),
        a(&["MINISTER", "FOR", "AGRICULTURE"]),
        a(&["REBELS"]),
        a(&["MANY"])
    );
    println!("{:?}", d.discard("He scored in the World Cup final"));
    println!(
        "{:?}",
        d.issues(
            "The European Union and the IMF discussed foreign aid and war crimes against humanity."
        )
    );
    println!(
        "{:?}",
        d.match_actor(&["GOAL"], 0)
            .map(|m| &d.actors[m.id as usize].provenance)
    );
    // Long stems
    let short: Vec<_> = d
        .actors
        .iter()
        .flat_map(|a| a.phrases.iter())
        .filter(|p| p.words.len() == 1 && !p.words[0].exact && p.words[0].text.len() <= 3)
        .map(|p| p.words[0].text.clone())
        .collect();
    println!("short stems: {:?}", short);
    for text in [
        "The European Union and the IMF discussed foreign aid",
        "war crimes against humanity",
        "the IMF",
        "foreign aid",
        "The European Union",
    ] {
        println!("{text}: {:?}", d.issues(text));
    }
    for i in &d.issues {
        if i.code.is_none() && i.phrases.iter().any(|p| p.len() <= 4) {
            println!("short ignore: {:?}", i.phrases);
        }
    }
    let tr = &d.transformations;
    println!("{:?}", tr[0]);
}
#[allow(dead_code)]
fn dbg_issues() {}

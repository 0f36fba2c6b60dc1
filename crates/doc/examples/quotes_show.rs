//! Prints the people, their mentions and the quotes that `detente-doc` finds in one text
//! file, for looking at a fixture while working on the quote finder:
//! `cargo run -p detente-doc --example quotes_show -- crates/doc/tests/fixtures/quotes/01_border_talks.txt`.

use detente_doc::quotes::extract;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: quotes_show FILE [YYYYMMDD]");
        std::process::exit(2);
    };
    let date = std::env::args()
        .nth(2)
        .and_then(|d| d.parse().ok())
        .unwrap_or(20200101);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let found = extract(&text, date, detente_dict::builtin::shared());
    for (i, p) in found.people.persons().iter().enumerate() {
        println!("person {i}: {p:?}");
    }
    for m in found.people.mentions() {
        println!("  {:?} {:?} -> {}", m.kind, &text[m.start..m.end], m.person);
    }
    for q in &found.quotes {
        println!(
            "{:?} <- {:?} [{:?}] ({} {})",
            q.text,
            q.speaker.name,
            &text[q.speaker.start..q.speaker.end],
            q.cue,
            q.kind.as_str()
        );
    }
}

//! Arbitrary text as a gazetteer file, and as a sentence for event dates and places.
#![no_main]
use detente_dict::gazetteer::Gazetteer;
use detente_doc::{places, when};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let own = match Gazetteer::parse(text, "fuzz.tsv") {
            Ok(g) => g,
            Err(e) => e.into_partial(),
        };
        let words: Vec<&str> = text.split_whitespace().collect();
        for i in 0..words.len() {
            let _ = own.match_words(&words, i);
        }
        let date = data.iter().fold(20130227u32, |d, b| d.rotate_left(3) ^ u32::from(*b));
        for analysis in detente_text::Analyzer::new().analyze(text) {
            let _ = when::find(&analysis, date);
            let _ = when::find(&analysis, 20130227);
            let found = places::find(&analysis, Gazetteer::builtin());
            for verb in 0..=analysis.tokens.len() {
                let _ = places::best_for_event(&analysis, &found, verb);
            }
        }
    }
});

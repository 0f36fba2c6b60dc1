//! Arbitrary text as a GDELT 2.0 export file, a FIPS table, a CAMEO actor code and a
//! document to score for tone.
#![no_main]
use detente_doc::fips::Fips;
use detente_doc::gdelt::{GdeltActor, GdeltReader};
use detente_doc::tone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for row in GdeltReader::new(data, "fuzz.CSV").flatten() {
        let _ = row.to_tsv();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let own = match Fips::parse(text, "fuzz.tsv") {
            Ok(f) => f,
            Err(e) => e.into_partial(),
        };
        for word in text.split_whitespace().take(64) {
            let _ = own.for_place(word, word);
            let _ = GdeltActor::from_code(word, text, Fips::builtin());
        }
        let _ = tone::document_tone(text);
        let _ = tone::sentence_tone(text);
    }
});

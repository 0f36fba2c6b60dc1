//! Arbitrary text through our own analysis and the coder (with a small dictionary).
#![no_main]
use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_dict::petrarch::PetrarchLoader;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn dictionaries() -> &'static detente_dict::Dictionaries {
    static DICT: OnceLock<detente_dict::Dictionaries> = OnceLock::new();
    DICT.get_or_init(|| {
        let mut loader = PetrarchLoader::new();
        loader
            .verbs("--- MEET [040] ---\nMEET {MET}\n- * (WITH +) [040]\n- % * [040:040]\n", "f.verbs")
            .actors("ARNOR_ [ARN]\nGONDOR_ [GON]\n", "f.actors")
            .agents("MINISTER [~GOV]\n", "f.agents");
        loader.finish().0
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let coder = Coder::new(dictionaries(), Codebook::builtin(), CoderOptions::default());
        for analysis in detente_text::Analyzer::new().analyze(text) {
            let _ = coder.report(&analysis, 20000101);
        }
    }
});

//! Arbitrary bytes as every kind of PETRARCH dictionary file.
#![no_main]
use detente_dict::petrarch::PetrarchLoader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut loader = PetrarchLoader::new();
    loader
        .verbs(&text, "f.verbs")
        .actors(&text, "f.actors")
        .agents(&text, "f.agents")
        .discards(&text, "f.discards")
        .issues(&text, "f.issues");
    let (dict, _) = loader.finish();
    let words = ["ARNOR", "MET", "GONDOR"];
    let _ = dict.match_actor(&words, 0);
    let _ = dict.discard(&text);
    let _ = dict.issues(&text);
});

//! Arbitrary bytes as a Penn Treebank bracketing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = detente_text::penn::parse_many(text);
    }
});

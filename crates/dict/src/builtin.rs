//! The knowledge base built into every Détente binary: the native-format files of
//! `kb/native/`, embedded at compile time (the gazetteer is embedded by
//! [`crate::gazetteer`]). Users replace or extend it with `--dict`.

use crate::native::NativeLoader;
use crate::{DictError, Dictionaries};
use std::sync::OnceLock;

/// The files of the knowledge base (`kb/native`, in load order: synsets before the
/// verbs that use them; on equal matches the earlier actor file wins): `(file name, text)`.
pub const FILES: [(&str, &str); 6] = [
    (
        "kb/native/synsets.kb",
        include_str!("../../../kb/native/synsets.kb"),
    ),
    (
        "kb/native/verbs.kb",
        include_str!("../../../kb/native/verbs.kb"),
    ),
    (
        "kb/native/countries.actors.kb",
        include_str!("../../../kb/native/countries.actors.kb"),
    ),
    (
        "kb/native/international.actors.kb",
        include_str!("../../../kb/native/international.actors.kb"),
    ),
    (
        "kb/native/agents.kb",
        include_str!("../../../kb/native/agents.kb"),
    ),
    (
        "kb/native/discards.kb",
        include_str!("../../../kb/native/discards.kb"),
    ),
];

/// Loads and compiles the built-in knowledge base, with any defects it reports (none, as a
/// test checks; a defect would be a bug in `kb/native`).
pub fn load() -> (Dictionaries, Vec<DictError>) {
    let mut loader = NativeLoader::new();
    for (name, text) in FILES {
        loader.file(text, name);
    }
    loader.finish()
}

/// The built-in knowledge base, loaded once per process and shared.
pub fn shared() -> &'static Dictionaries {
    static KB: OnceLock<Dictionaries> = OnceLock::new();
    KB.get_or_init(|| load().0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn loads_without_defects() {
        let (dict, errors) = super::load();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(dict.actors.len() > 1000);
    }
}

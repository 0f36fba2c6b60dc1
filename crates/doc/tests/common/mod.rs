//! Helpers shared by detente-doc's integration tests.

use detente_doc::PetrarchFile;
use std::path::PathBuf;

/// `shared/peers/petrarch2/text`, looked for beside each ancestor of this crate; `None`
/// (after printing why) when the peers' data is absent, as on a user's machine.
pub fn text_dir() -> Option<PathBuf> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let found = here
        .ancestors()
        .map(|a| a.join("shared/peers/petrarch2/text"))
        .find(|p| p.is_dir());
    if found.is_none() {
        eprintln!(
            "skipped: no shared/peers/petrarch2/text above {}",
            here.display()
        );
    }
    found
}

/// Reads one of the peers' PETRARCH files by name.
#[allow(dead_code)]
pub fn read(name: &str) -> Option<(PathBuf, PetrarchFile)> {
    let path = text_dir()?.join(name);
    let file = PetrarchFile::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    Some((path, file))
}

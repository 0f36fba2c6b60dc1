//! Choosing and loading dictionaries for a command: the user's `--dict` files, or the
//! knowledge base built into the binary.

use crate::DictArgs;
use anyhow::{bail, Context, Result};
use detente_dict::native::{is_native, NativeLoader};
use detente_dict::petrarch::PetrarchLoader;
use detente_dict::{DictError, Dictionaries};
use std::path::{Path, PathBuf};

/// The kind of a PETRARCH dictionary file, guessed from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
}

/// Guesses a file's kind from its name (see `--dict`'s help).
pub fn kind_of(path: &Path) -> Kind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.contains("verb") || name.starts_with("cameo") {
        Kind::Verbs
    } else if name.contains("agent") {
        Kind::Agents
    } else if name.contains("discard") {
        Kind::Discards
    } else if name.contains("issue") {
        Kind::Issues
    } else {
        Kind::Actors
    }
}

/// Expands folders into the dictionary files they contain (`.txt` and `.kb`, sorted).
pub(crate) fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("reading dictionary folder {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "kb"))
                .collect();
            files.sort();
            out.extend(files);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            bail!("dictionary file {} does not exist", path.display());
        }
    }
    Ok(out)
}

/// Loads the dictionaries a command should use. Bad lines are reported on stderr with file
/// and line and skipped; the rest loads.
///
/// A file whose first line is the native marker (`# detente-kb 1`) is read as a native
/// dictionary whatever its name; any other as PETRARCH, its kind taken from its name. When
/// both formats are given, the PETRARCH files are loaded first, then the native ones (whose
/// patterns may use the PETRARCH synsets).
pub fn load(args: &DictArgs) -> Result<Dictionaries> {
    if args.dict.is_empty() {
        return Ok(report(detente_dict::builtin::load()));
    }
    let mut petrarch = PetrarchLoader::new();
    let mut native: Vec<(String, String)> = Vec::new();
    for path in expand(&args.dict)? {
        let bytes = std::fs::read(&path)
            .with_context(|| format!("reading dictionary {}", path.display()))?;
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        let name = path.display().to_string();
        if is_native(&text) {
            native.push((name, text));
        } else {
            add_text(&mut petrarch, kind_of(&path), &text, &name);
        }
    }
    if native.is_empty() {
        return Ok(report(petrarch.finish()));
    }
    let (petrarch, mut errors) = petrarch.finish();
    let mut loader = NativeLoader::new();
    loader.extend(petrarch);
    for (name, text) in &native {
        loader.file(text, name);
    }
    let (dictionaries, more) = loader.finish();
    errors.extend(more);
    Ok(report((dictionaries, errors)))
}

fn report((dictionaries, errors): (Dictionaries, Vec<DictError>)) -> Dictionaries {
    for error in &errors {
        eprintln!("detente: warning: {error}");
    }
    dictionaries
}

fn add_text(loader: &mut PetrarchLoader, kind: Kind, text: &str, name: &str) {
    match kind {
        Kind::Verbs => {
            loader.verbs(text, name);
        }
        Kind::Actors => {
            loader.actors(text, name);
        }
        Kind::Agents => {
            loader.agents(text, name);
        }
        Kind::Discards => {
            loader.discards(text, name);
        }
        Kind::Issues => {
            loader.issues(text, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        assert_eq!(kind_of(Path::new("CAMEO.2.0.txt")), Kind::Verbs);
        assert_eq!(kind_of(Path::new("PETR.Validate.verbs.txt")), Kind::Verbs);
        assert_eq!(kind_of(Path::new("Phoenix.agents.txt")), Kind::Agents);
        assert_eq!(kind_of(Path::new("Phoenix.discards.txt")), Kind::Discards);
        assert_eq!(kind_of(Path::new("Phoenix.IssueCoding.txt")), Kind::Issues);
        assert_eq!(
            kind_of(Path::new("Phoenix.Countries.actors.txt")),
            Kind::Actors
        );
    }
}

//! Choosing and loading dictionaries for a command: the user's `--dict` files, or the
//! knowledge base built into the binary.

use crate::DictArgs;
use anyhow::{bail, Context, Result};
use detente_dict::petrarch::PetrarchLoader;
use detente_dict::Dictionaries;
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

/// Expands folders into the dictionary files they contain (`.txt`, sorted).
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("reading dictionary folder {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
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
pub fn load(args: &DictArgs) -> Result<Dictionaries> {
    let mut loader = PetrarchLoader::new();
    if args.dict.is_empty() {
        for (name, kind, text) in builtin() {
            add_text(&mut loader, kind, text, name);
        }
    } else {
        for path in expand(&args.dict)? {
            add_path(&mut loader, kind_of(&path), &path)?;
        }
    }
    Ok(finish(loader))
}

fn finish(loader: PetrarchLoader) -> Dictionaries {
    let (dictionaries, errors) = loader.finish();
    for error in &errors {
        eprintln!("detente: warning: {error}");
    }
    dictionaries
}

fn add_path(loader: &mut PetrarchLoader, kind: Kind, path: &Path) -> Result<()> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading dictionary {}", path.display()))?;
    let name = path.display().to_string();
    add_text(loader, kind, &text, &name);
    Ok(())
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

/// The knowledge base built into the binary: `(file name, kind, text)`.
fn builtin() -> [(&'static str, Kind, &'static str); 5] {
    [
        (
            "kb/petrarch/verbs.txt",
            Kind::Verbs,
            include_str!("../../../kb/petrarch/verbs.txt"),
        ),
        (
            "kb/petrarch/countries.actors.txt",
            Kind::Actors,
            include_str!("../../../kb/petrarch/countries.actors.txt"),
        ),
        (
            "kb/petrarch/international.actors.txt",
            Kind::Actors,
            include_str!("../../../kb/petrarch/international.actors.txt"),
        ),
        (
            "kb/petrarch/agents.txt",
            Kind::Agents,
            include_str!("../../../kb/petrarch/agents.txt"),
        ),
        (
            "kb/petrarch/discards.txt",
            Kind::Discards,
            include_str!("../../../kb/petrarch/discards.txt"),
        ),
    ]
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

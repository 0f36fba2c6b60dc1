//! `detente-dict`: the dictionaries the coder works with, and the loaders that read them.
//!
//! This crate owns
//! - the dictionary **model** ([`model`]): actors with dated codes, agents, verbs with their
//!   forms, verb blocks and patterns, synsets, transformations, discards and issues, each
//!   entry with its [`model::Provenance`] (file, line, text);
//! - the **PETRARCH/TABARI importer** ([`petrarch`]), which reads the dictionary files as
//!   documented in PETRARCH's `dictionaries.rst`, reports every malformed line with file and
//!   line number ([`DictError`]) and keeps going;
//! - the **compiled matchers** inside [`Dictionaries`]: word tries for actors, agents and
//!   synsets, a form → verbs index, discard and issue matchers. They are built once by
//!   [`Dictionaries::new`] and immutable afterwards, so one `Dictionaries` is shared by every
//!   rayon worker (`Send + Sync`).
//!
//! It knows nothing of sentences beyond upper-case words, and reads no files except
//! dictionaries. Coding itself (patterns against parsed sentences) is `detente-code`'s job.
//!
//! ```
//! use detente_dict::petrarch::PetrarchLoader;
//!
//! let mut loader = PetrarchLoader::new();
//! loader.actors("RUSSIA_ [RUS]\n+MOSCOW_\nSERGEY_LAVROV_\n\t[RUSGOV >040309]\n", "my.actors");
//! loader.agents("FOREIGN_MINISTER [~GOVFRM]\n", "my.agents");
//! let (dict, errors) = loader.finish();
//! assert!(errors.is_empty());
//!
//! let words = ["SERGEY", "LAVROV", "MET", "THE", "FOREIGN", "MINISTERS"];
//! let found = dict.match_actor(&words, 0).unwrap();
//! assert_eq!(found.len, 2);
//! assert_eq!(&*dict.actors[found.id as usize].codes_on(20130227)[0], "RUSGOV");
//! assert_eq!(dict.match_agent(&words, 4).map(|m| m.len), Some(2));
//! ```
#![deny(missing_docs)]

pub mod builtin;
pub mod check;
pub mod codebook;
mod compile;
pub mod error;
pub mod gazetteer;
mod inflect;
pub mod model;
pub mod native;
pub mod petrarch;

use std::fmt;

pub use error::DictError;
use model::{
    Actor, Agent, Discard, EventCode, Issue, Synset, SynsetId, Transformation, Verb, VerbBlock,
};

/// How many words may stand between two words of an agent phrase written with a blank
/// (`CHIEF EXECUTIVE` matches "chief financial executive"). PETRARCH matched within a parsed
/// noun phrase; matching on a word list, we bound the gap so that a phrase cannot straddle a
/// whole sentence.
pub const MAX_GAP: usize = 3;

/// A phrase found in a sentence: which entry, and how many tokens it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PhraseMatch {
    /// Index of the entry (into [`Dictionaries::actors`] or [`Dictionaries::agents`]).
    pub id: u32,
    /// Tokens consumed from the start position, words skipped in gaps included.
    pub len: usize,
}

/// The dictionary entries, as plain data, before compilation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DictionaryData {
    /// Actors.
    pub actors: Vec<Actor>,
    /// Agents.
    pub agents: Vec<Agent>,
    /// Synsets, indexed by [`SynsetId`].
    pub synsets: Vec<Synset>,
    /// Verb blocks, indexed by [`model::BlockId`].
    pub verb_blocks: Vec<VerbBlock>,
    /// Verbs, each pointing at its block.
    pub verbs: Vec<Verb>,
    /// Verb-verb transformations.
    pub transformations: Vec<Transformation>,
    /// Discard phrases.
    pub discards: Vec<Discard>,
    /// Issue phrases.
    pub issues: Vec<Issue>,
}

/// The dictionaries: the model's entries plus matchers compiled from them.
///
/// The entry vectors are public for reading (ids returned by the queries index them). The
/// matchers were compiled from them by [`Dictionaries::new`]: whoever changes an entry must
/// call [`Dictionaries::recompile`] before querying again.
pub struct Dictionaries {
    /// Actors; [`PhraseMatch::id`] of [`Dictionaries::match_actor`] indexes this.
    pub actors: Vec<Actor>,
    /// Agents; [`PhraseMatch::id`] of [`Dictionaries::match_agent`] indexes this.
    pub agents: Vec<Agent>,
    /// Synsets, indexed by [`SynsetId`].
    pub synsets: Vec<Synset>,
    /// Verb blocks, indexed by [`model::BlockId`].
    pub verb_blocks: Vec<VerbBlock>,
    /// Verbs; [`Dictionaries::verbs_with_form`] returns indexes into this.
    pub verbs: Vec<Verb>,
    /// Verb-verb transformations, in file order.
    pub transformations: Vec<Transformation>,
    /// Discard phrases.
    pub discards: Vec<Discard>,
    /// Issue phrases.
    pub issues: Vec<Issue>,
    compiled: compile::Compiled,
}

impl Default for Dictionaries {
    fn default() -> Self {
        Dictionaries::new(DictionaryData::default())
    }
}

impl fmt::Debug for Dictionaries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dictionaries")
            .field("actors", &self.actors.len())
            .field("agents", &self.agents.len())
            .field("synsets", &self.synsets.len())
            .field("verb_blocks", &self.verb_blocks.len())
            .field("verbs", &self.verbs.len())
            .field("transformations", &self.transformations.len())
            .field("discards", &self.discards.len())
            .field("issues", &self.issues.len())
            .finish_non_exhaustive()
    }
}

impl Dictionaries {
    /// Compiles the matchers for `data`.
    pub fn new(data: DictionaryData) -> Self {
        let mut d = Dictionaries {
            actors: data.actors,
            agents: data.agents,
            synsets: data.synsets,
            verb_blocks: data.verb_blocks,
            verbs: data.verbs,
            transformations: data.transformations,
            discards: data.discards,
            issues: data.issues,
            compiled: compile::Compiled::default(),
        };
        d.recompile();
        d
    }

    /// Rebuilds the matchers after the public entry vectors were changed.
    pub fn recompile(&mut self) {
        self.compiled = compile::Compiled::build(
            &self.actors,
            &self.agents,
            &self.synsets,
            &self.verbs,
            &self.discards,
            &self.issues,
        );
    }

    /// Gives the entries back as plain data (to merge, edit and compile again).
    pub fn into_data(self) -> DictionaryData {
        DictionaryData {
            actors: self.actors,
            agents: self.agents,
            synsets: self.synsets,
            verb_blocks: self.verb_blocks,
            verbs: self.verbs,
            transformations: self.transformations,
            discards: self.discards,
            issues: self.issues,
        }
    }

    /// The longest actor phrase starting at `words[start]` (upper-case words).
    ///
    /// Words of actor phrases are consecutive; a last word written without a trailing `_` is
    /// a stem (TABARI), matching any word it begins (`ARGENTIN` matches `ARGENTINA`). Among
    /// matches of equal length a full word beats a stem, then the entry defined first wins.
    pub fn match_actor(&self, words: &[&str], start: usize) -> Option<PhraseMatch> {
        self.compiled
            .match_actor(words, start)
            .map(|h| PhraseMatch {
                id: h.entry,
                len: h.len,
            })
    }

    /// The longest agent phrase starting at `words[start]` (upper-case words). Words written
    /// with a blank between them may have up to [`MAX_GAP`] other words between them; `len`
    /// counts those too.
    pub fn match_agent(&self, words: &[&str], start: usize) -> Option<PhraseMatch> {
        self.compiled
            .match_agent(words, start)
            .map(|h| PhraseMatch {
                id: h.entry,
                len: h.len,
            })
    }

    /// Ids (indexes into [`Dictionaries::verbs`]) of every verb having the form `word`
    /// (`"MET"` → the MEET entries); empty if none. Multi-word verbs are found by their verb
    /// word: check [`Verb::words_before`] and [`Verb::words_after`].
    pub fn verbs_with_form(&self, word: &str) -> &[u32] {
        self.compiled.verbs_with_form(word)
    }

    /// Length in tokens of the longest phrase of `synset` starting at `words[start]`.
    pub fn synset_match(&self, synset: SynsetId, words: &[&str], start: usize) -> Option<usize> {
        self.compiled.synset_match(synset, words, start)
    }

    /// The id of the synset named `name` (without `&`, upper-case).
    ///
    /// Noun phrases and prepositional phrases of PETRARCH 2 patterns may contain synset
    /// references (`{&MILITARY AID}`); [`model::PatternItem::NounPhrase`] and
    /// [`model::PatternItem::PrepPhrase`] keep them as words beginning with `&`, and `$ + % ^`
    /// as those one-character words: resolve the names here.
    pub fn synset_id(&self, name: &str) -> Option<SynsetId> {
        self.compiled.synset_id(name)
    }

    /// The first discard phrase in the sentence `text` (case-insensitive).
    ///
    /// A phrase must begin the text or follow a character that is not a letter or digit; one
    /// written with a trailing `_` must also end before such a character or the end,
    /// otherwise its last word is a stem (`BASEBALL` discards "baseballs"). Whether the
    /// whole story is dropped is the caller's decision ([`Discard::story`]).
    pub fn discard(&self, text: &str) -> Option<&Discard> {
        self.compiled
            .discard(&self.discards, text)
            .map(|id| &self.discards[id as usize])
    }

    /// The first discard phrase among a sentence's upper-case tokens: the same phrases as
    /// [`Dictionaries::discard`], matched on tokens (consecutive words; the last word a stem
    /// unless written with a trailing `_`), which is what the coder has at hand.
    pub fn discard_words(&self, words: &[&str]) -> Option<&Discard> {
        self.compiled
            .discard_words(&self.discards, words)
            .map(|id| &self.discards[id as usize])
    }

    /// Issue codes found in `text`, with how many phrases of each matched, in order of first
    /// occurrence. Any ignore phrase (`~`) in the text cancels all issues, as in PETRARCH.
    ///
    /// Phrases match whole words (case-insensitive; punctuation other than `-`, `'` and `/`
    /// separates words).
    pub fn issues(&self, text: &str) -> Vec<(Box<str>, u32)> {
        self.compiled.issues(&self.issues, text)
    }

    /// The block of a verb.
    ///
    /// # Panics
    /// If `verb` is not an index into [`Dictionaries::verbs`].
    pub fn block(&self, verb: u32) -> &VerbBlock {
        &self.verb_blocks[self.verbs[verb as usize].block as usize]
    }

    /// The code of a verb used alone: its own code, or else its block's.
    ///
    /// # Panics
    /// If `verb` is not an index into [`Dictionaries::verbs`].
    pub fn code_of(&self, verb: u32) -> &EventCode {
        let v = &self.verbs[verb as usize];
        v.code
            .as_ref()
            .unwrap_or_else(|| &self.verb_blocks[v.block as usize].code)
    }

    /// Node counts of the actor, agent and synset tries (for statistics).
    pub fn trie_sizes(&self) -> (usize, usize, usize) {
        self.compiled.trie_sizes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Dictionaries>();
    }

    #[test]
    fn empty() {
        let d = Dictionaries::default();
        assert_eq!(d.match_actor(&["A"], 0), None);
        assert!(d.verbs_with_form("MET").is_empty());
        assert!(d.discard("anything").is_none());
        assert!(d.issues("anything").is_empty());
        assert_eq!(d.synset_match(0, &["A"], 0), None);
    }
}

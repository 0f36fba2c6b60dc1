//! `detente-text` owns the analysis of one sentence: splitting text into sentences,
//! Penn-Treebank-style tokens, part-of-speech tags, phrase chunks and clauses. Its output is
//! an [`Analysis`]: tokens (text, lemma, tag, offsets) under a phrase-structure tree whose
//! nodes carry Penn labels (`S`, `SBAR`, `NP`, `VP`, `PP`, ...).
//!
//! Two kinds of producer make the same `Analysis`, so the coder never knows which one ran:
//! our own shallow parser (tokenizer, lexicon tagger, chunker), and adapters that read a parse
//! supplied by someone else: a Penn Treebank bracketing ([`penn`]) or a CoNLL-U sentence
//! ([`conllu`]).
//!
//! This crate knows nothing of actors, events, dictionaries or files.
#![deny(missing_docs)]

pub mod analysis;
pub mod analyzer;
pub mod chunk;
pub mod conllu;
pub mod heads;
pub mod lexicon;
pub mod penn;
pub mod sentence;
pub mod tagger;
pub mod tokenize;

pub use analysis::{Analysis, AnalysisBuilder, Child, Label, Node, NodeId, Tag, Token};
pub use analyzer::Analyzer;
pub use lexicon::lemmatize;
pub use sentence::split_sentences;
pub use tokenize::{tokenize, RawToken};

//! `detente-code` turns an analysed sentence into events: `Analysis` + `Dictionaries` + the
//! sentence's date → events with source, target, CAMEO code, PLOVER type, Goldstein score,
//! QuadClass and provenance (the dictionary verb, pattern, actors and agents that made each
//! event).
//!
//! The pipeline inside one sentence:
//! 1. [`sentence`] prepares the analysis (upper-case words, a noun-phrase index);
//! 2. [`patterns`] finds each verb's dictionary entry and its most specific pattern;
//! 3. [`actors`] codes the noun phrases that the pattern or the syntax names as source and
//!    target (actors, agents, compounds, date restrictions);
//! 4. [`coder`] applies the conventions (passive, negation, paired codes, discards,
//!    `require_dyad`) and builds [`Event`]s.
//!
//! The coder knows nothing of documents or storage, and nothing of where the analysis came
//! from (our own parser or a supplied Penn/CoNLL-U parse).
#![deny(missing_docs)]

pub mod actors;
pub mod coder;
pub mod event;
pub mod patterns;
pub mod sentence;

pub use actors::{MentionResolver, ResolvedMention};
pub use coder::{Coder, CoderOptions, SentenceReport, VerbReport};
pub use event::{Event, Provenance, Spans};

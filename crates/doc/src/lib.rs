//! `detente-doc` owns documents and their input formats: reading a file into records that
//! carry text (and, where the file has them, a parse and expected events), with file names
//! and line numbers kept for error messages. Sentence analysis belongs to `detente-text` and
//! event coding to `detente-code`.
//!
//! Formats so far:
//! - [`petrarch_xml`]: PETRARCH input and validation files (`<Sentences>` of `<Sentence>`
//!   records with `<Text>`, optional `<Parse>` and, in validation files, `<EventCoding>`).
//!
//! Event context found in a sentence:
//! - [`when`]: temporal expressions ("on Tuesday", "last summer", "March 3, 2013") resolved
//!   against the article date, with their precision and span;
//! - [`places`]: places ("in Geneva", "Moscow-based", "BEIRUT (Reuters) -") resolved with the
//!   gazetteer (`detente_dict::gazetteer`) to a country and coordinates.
//!
//! Document-level analysis:
//! - [`people`]: the people of a document (name, role, organisation, CAMEO code) and the
//!   mentions that refer to them (surnames, titles, role phrases, pronouns);
//! - [`quotes`]: direct and partial quotes with their speakers;
//! - [`tone`]: the tone of a document or sentence on GDELT's `AvgTone` scale (VADER's
//!   lexicon).
//!
//! Output and exchange:
//! - [`gdelt`]: GDELT 2.0 Events rows: the 61 columns, the tab-separated writer and reader,
//!   and the mapping from a coded event;
//! - [`fips`]: ISO 3166 alpha-3 → FIPS 10-4 country codes (`kb/fips.tsv`), which GDELT's
//!   geography columns use.
#![deny(missing_docs)]

pub mod error;
pub mod fips;
pub mod gdelt;
pub mod people;
pub mod petrarch_xml;
pub mod places;
pub mod quotes;
pub mod tone;
pub mod validation;
pub mod when;

pub use error::DocError;
pub use petrarch_xml::{ConfigOption, Environment, ExpectedEvent, PetrarchFile, Record};

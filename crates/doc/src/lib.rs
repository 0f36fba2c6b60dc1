//! `detente-doc` owns documents and their input formats: reading files, folders and standard
//! input into [`Document`]s — an id, a date, metadata, and the article's text cleaned of
//! boilerplate with offsets back to the original — and reading PETRARCH files into records
//! that carry text (and, where the file has them, a parse and expected events), with file
//! names and line numbers kept for error messages. Sentence analysis belongs to
//! `detente-text` and event coding to `detente-code`.
//!
//! - [`input`]: text, HTML, JSON Lines, PETRARCH XML, gzip, folders and standard input, as a
//!   lazy stream of documents ([`DocumentReader`]);
//! - [`boilerplate`]: the rule list that removes captions, credits, paywall prompts, share,
//!   related and newsletter blocks, cookie notices and menus, and keeps bylines and
//!   datelines as metadata;
//! - [`document`]: the [`Document`] and its [`Alignment`] with the original text;
//! - [`petrarch_xml`]: PETRARCH input and validation files (`<Sentences>` of `<Sentence>`
//!   records with `<Text>`, optional `<Parse>` and, in validation files, `<EventCoding>`);
//! - [`validation`]: runs of PETRARCH validation files.
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
//! The whole article:
//! - [`pipeline`]: a [`Document`] to its events, each with date, place, tone, resolved
//!   actors and mention count, plus the document's people, quotes and tone.
//!
//! Output and exchange:
//! - [`gdelt`]: GDELT 2.0 Events rows: the 61 columns, the tab-separated writer and reader,
//!   and the mapping from a coded event;
//! - [`fips`]: ISO 3166 alpha-3 → FIPS 10-4 country codes (`kb/fips.tsv`), which GDELT's
//!   geography columns use.
#![deny(missing_docs)]

pub mod boilerplate;
pub mod document;
pub mod error;
pub mod fips;
pub mod gdelt;
pub mod input;
pub mod people;
pub mod petrarch_xml;
pub mod pipeline;
pub mod places;
pub mod quotes;
pub mod tone;
pub mod validation;
pub mod when;

pub use boilerplate::{Cleaner, Reason};
pub use document::{Alignment, Document, Format};
pub use error::DocError;
pub use input::{parse_date, DocumentReader, Documents, RawDocument, RawDocuments, ReaderOptions};
pub use petrarch_xml::{ConfigOption, Environment, ExpectedEvent, PetrarchFile, Record};

//! `detente-doc` owns documents and their input formats.
#![deny(missing_docs)]

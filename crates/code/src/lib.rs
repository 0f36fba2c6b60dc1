//! `detente-code` turns an analysed sentence into events.
#![deny(missing_docs)]

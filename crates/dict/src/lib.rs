//! `detente-dict` owns the dictionary model (placeholder until the loader lands).
#![deny(missing_docs)]

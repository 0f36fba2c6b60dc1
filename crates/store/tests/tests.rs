//! Integration tests of `detente-store`: one binary (see Cargo.toml `autotests = false`).

mod crash;
mod ingest;
mod migrate;
mod query;
mod timeline;
mod util;

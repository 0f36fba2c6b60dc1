//! Integration tests of `detente-server`: a real server on a loopback port over a temporary
//! store written with `detente-store`, spoken to over HTTP (one binary, see Cargo.toml
//! `autotests = false`).

mod api;
mod http;
mod util;

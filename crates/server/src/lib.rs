//! `detente-server` owns Détente's HTTP face: the JSON API over the event store ([`api`]) and
//! the dashboard, one HTML page with its script and style embedded in the binary
//! ([`dashboard`]). `detente serve` starts it.
//!
//! It knows nothing of how events are coded: queries go to `detente-store`, questions to
//! `detente_store::ask` with the dictionaries the caller loaded, and `POST /api/ingest` hands
//! the request's documents to an [`Ingester`] that the caller supplies (the binary wires in
//! the whole document pipeline).
//!
//! Each request opens its own [`Store`] on a blocking thread (SQLite connections are not
//! `Sync`, and opening one costs a few system calls); writes go through one lock, so that
//! two ingests never wait on each other inside SQLite.
//!
//! ```no_run
//! use std::sync::Arc;
//! let config = detente_server::Config {
//!     db: "detente.db".into(),
//!     token: None,
//!     dictionaries: Arc::new(detente_dict::builtin::load().0),
//!     ingester: None,
//!     date: 20260101,
//! };
//! detente_server::serve("127.0.0.1:8080", config, |addr| println!("listening on http://{addr}"))?;
//! # Ok::<(), std::io::Error>(())
//! ```
#![deny(missing_docs)]

pub mod api;
pub mod dashboard;

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use detente_dict::Dictionaries;
use detente_store::Store;
use serde::Serialize;

/// What the server serves and how.
pub struct Config {
    /// The store file. It must exist unless a token is set (then an empty store is created
    /// so that documents can be posted to it).
    pub db: PathBuf,
    /// The bearer token that `POST /api/ingest` requires; `None` refuses every write.
    pub token: Option<String>,
    /// The dictionaries that questions are understood with (`/api/ask`).
    pub dictionaries: Arc<Dictionaries>,
    /// Codes and stores posted documents; `None` refuses every write.
    pub ingester: Option<Arc<dyn Ingester>>,
    /// The day (`YYYYMMDD`) on which a question's leaders are read (a leader names their
    /// country only while in office).
    pub date: u32,
}

/// Codes documents posted as JSON Lines and writes them into the store.
pub trait Ingester: Send + Sync {
    /// Reads `jsonl` (records `{"id", "date", "text", ...}`, one a line; `name` names it in
    /// error messages), codes the documents and writes them into `store`.
    fn ingest(
        &self,
        store: &mut Store,
        jsonl: Vec<u8>,
        name: &str,
    ) -> Result<IngestSummary, String>;
}

/// What an ingest did, as `POST /api/ingest` answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IngestSummary {
    /// Documents read and coded.
    pub read: usize,
    /// New documents stored.
    pub inserted: usize,
    /// Documents whose stored version was replaced.
    pub replaced: usize,
    /// Documents already stored unchanged.
    pub unchanged: usize,
    /// Events written.
    pub events: usize,
    /// Records that could not be read or stored, each naming its line or document.
    pub errors: Vec<String>,
}

/// The server's shared state: its configuration and the write lock.
pub(crate) struct State {
    pub(crate) config: Config,
    pub(crate) writer: Mutex<()>,
}

/// Checks the configuration (the store opens, or can be created when writes are allowed)
/// and builds the router: the API under `/api` and the dashboard at `/`.
pub fn router(config: Config) -> Result<axum::Router, detente_store::Error> {
    if config.token.is_some() && config.ingester.is_some() {
        Store::open(&config.db)?;
    } else {
        Store::open_existing(&config.db)?;
    }
    let state = Arc::new(State {
        config,
        writer: Mutex::new(()),
    });
    Ok(api::routes()
        .merge(dashboard::routes())
        .fallback(api::not_found)
        .with_state(state))
}

/// Serves `config` on `addr` until the process ends, on a small multi-threaded runtime;
/// `ready` is called with the bound address (useful with port 0) once it accepts
/// connections.
pub fn serve(
    addr: impl ToSocketAddrs,
    config: Config,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let router = router(config).map_err(std::io::Error::other)?;
    let listener = std::net::TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Each query runs on a blocking thread with its own SQLite connection (and up to
        // 64 MiB of page cache): at most this many at once, the rest wait their turn.
        .max_blocking_threads(16)
        .enable_io()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        ready(listener.local_addr()?);
        axum::serve(listener, router).await
    })
}

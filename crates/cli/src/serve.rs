//! `detente serve`: the JSON API and the dashboard over a store (`detente-server`), with
//! `POST /api/ingest` wired to the whole document pipeline (`ingest::ingest_into`) when a
//! token is given. The server itself is `detente_server`'s; this module only wires it.

use crate::ingest::{self, Source};
use crate::{dicts, DictArgs};
use anyhow::{bail, Context, Result};
use detente_dict::Dictionaries;
use detente_server::{Config, IngestSummary, Ingester};
use detente_store::Store;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `detente serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The store. It must exist unless a token is given (then an empty one is created).
    #[arg(long, value_name = "PATH", default_value = detente_store::DEFAULT_PATH)]
    pub db: PathBuf,
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Bearer token that `POST /api/ingest` requires (default: the DETENTE_TOKEN
    /// environment variable). Without one the server takes no writes.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// Codes posted documents with the pipeline of `detente ingest`.
struct PipelineIngester {
    dictionaries: Arc<Dictionaries>,
}

impl Ingester for PipelineIngester {
    fn ingest(
        &self,
        store: &mut Store,
        jsonl: Vec<u8>,
        name: &str,
    ) -> std::result::Result<IngestSummary, String> {
        let source = Source::Stream(Box::new(std::io::Cursor::new(jsonl)), name);
        let totals = ingest::ingest_into(store, &self.dictionaries, source, None, 256, false)
            .map_err(|e| format!("{e:#}"))?;
        Ok(IngestSummary {
            read: totals.read,
            inserted: totals.inserted,
            replaced: totals.replaced,
            unchanged: totals.unchanged,
            events: totals.events,
            errors: totals.errors,
        })
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let token = args
        .token
        .or_else(|| std::env::var("DETENTE_TOKEN").ok())
        .map(|t| t.trim().to_string());
    if token.as_deref() == Some("") {
        bail!("the token is empty: give --token TOKEN (or DETENTE_TOKEN) with some characters, or none for a read-only server");
    }
    let dictionaries = Arc::new(dicts::load(&args.dicts)?);
    let ingester: Option<Arc<dyn Ingester>> = token.as_ref().map(|_| {
        Arc::new(PipelineIngester {
            dictionaries: Arc::clone(&dictionaries),
        }) as Arc<dyn Ingester>
    });
    let writes = token.is_some();
    let config = Config {
        db: args.db.clone(),
        token,
        dictionaries,
        ingester,
        date: crate::ask::today(),
    };
    let db = args.db.display().to_string();
    detente_server::serve(args.addr.as_str(), config, |addr| {
        let mut out = std::io::stdout();
        // The first line tells a caller (a test, a script) where to connect.
        let _ = writeln!(
            out,
            "detente: serving {db} on http://{addr}/ ({})",
            if writes {
                "POST /api/ingest takes the token"
            } else {
                "read-only: no token"
            }
        );
        let _ = out.flush();
    })
    .with_context(|| format!("serving {} on {}", args.db.display(), args.addr))?;
    Ok(ExitCode::SUCCESS)
}

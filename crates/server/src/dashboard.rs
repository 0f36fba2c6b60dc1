//! The dashboard: one page (`assets/dashboard.html`), its script and its style, embedded in
//! the binary with `include_str!` (no CDN, no build step). The page at `/` asks a question
//! or picks two actors and a topic, draws the monthly timeline on a canvas, and lists the
//! evidence; `/doc/{id}` is the same page showing one document with its events' sentences
//! highlighted. All data comes from the JSON API ([`crate::api`]).

use std::sync::Arc;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::State;

/// The page.
pub const HTML: &str = include_str!("../assets/dashboard.html");
/// Its script.
pub const SCRIPT: &str = include_str!("../assets/dashboard.js");
/// Its style sheet.
pub const STYLE: &str = include_str!("../assets/dashboard.css");

/// Everything comes from this server; scripts only from files (no inline script).
const POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The dashboard's routes.
pub(crate) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/", get(|| async { page() }))
        .route("/doc/{id}", get(|| async { page() }))
        .route(
            "/assets/dashboard.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/assets/dashboard.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE) }),
        )
}

fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        HTML,
    )
        .into_response()
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

//! # sync-server — Kehila's relay
//!
//! One small axum server that a community runs on one machine. It
//! 1. serves the built app (`dist/`) from memory, pre-compressed, with cache and security headers
//!    ([`assets`]);
//! 2. answers `/healthz` for probes;
//! 3. accepts automerge-repo peers on the `/sync` WebSocket ([`sync_socket`]). Today it enforces the
//!    frame limit and the binary-only rule; the protocol engine arrives with issue 3.
//!
//! ## Typical flow
//! ```no_run
//! # async fn run() -> Result<(), sync_server::StartError> {
//! let config = sync_server::Config::new("dist".into(), "data".into());
//! let router = sync_server::app(&config)?; // loads and compresses the app
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.map_err(sync_server::StartError::Bind)?;
//! sync_server::serve(listener, router, std::future::pending()).await
//! # }
//! ```
//! `main.rs` does the same with flags, prints the URL and passes Ctrl-C/SIGTERM as the shutdown.

pub mod assets;
mod error;
mod headers;
pub mod sync_socket;

use std::{future::Future, path::PathBuf, sync::Arc};

use axum::{routing::get, Json, Router};
use tokio::net::TcpListener;

pub use error::{AppError, StartError};

/// Everything the relay needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder Trunk built the app into (holds `index.html`).
    pub dist_dir: PathBuf,
    /// The folder where the relay keeps its durable state. Created if missing.
    pub data_dir: PathBuf,
}

impl Config {
    /// A configuration serving `dist_dir` and keeping state under `data_dir`.
    pub fn new(dist_dir: PathBuf, data_dir: PathBuf) -> Self {
        Self { dist_dir, data_dir }
    }
}

/// State shared by every request handler.
#[derive(Debug)]
pub struct AppState {
    assets: assets::AssetStore,
}

/// Builds the relay's router: `/healthz`, `/sync` and the app for every other path.
///
/// # Errors
/// [`StartError`] if the data folder cannot be created or the app in `dist_dir` cannot be loaded.
pub fn app(config: &Config) -> Result<Router, StartError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::DataDir {
        path: config.data_dir.clone(),
        source,
    })?;
    let assets = assets::AssetStore::load(&config.dist_dir)?;
    let csp = headers::content_security_policy(assets.inline_script_hashes());
    let state = Arc::new(AppState { assets });
    Ok(Router::new()
        .route("/healthz", get(healthz))
        .route("/sync", get(sync_socket::upgrade))
        .fallback(assets::serve)
        .with_state(state)
        .layer(axum::middleware::map_response(move |response| {
            headers::add_security_headers(response, csp.clone())
        })))
}

/// Serves `router` (from [`app`]) on `listener` until `shutdown` completes, then lets open requests
/// finish.
///
/// # Errors
/// [`StartError::Serve`] if the server fails.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(StartError::Serve)
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

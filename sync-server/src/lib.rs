//! # sync-server — Kehila's relay
//!
//! One small axum server that a community runs on one machine. It
//! 1. serves the built app (`dist/`) from memory, pre-compressed, with cache and security headers
//!    ([`assets`]);
//! 2. answers `/healthz` for probes;
//! 3. syncs automerge-repo peers on the `/sync` WebSocket ([`sync_socket`]): each connection is a
//!    task; one hub thread runs `sync_core::hub::Hub` and owns the SQLite [`storage`], committing
//!    every change durably before any peer hears of it.
//!
//! ## Typical flow
//! ```no_run
//! # async fn run() -> Result<(), sync_server::StartError> {
//! let config = sync_server::Config::new("dist".into(), "data".into());
//! let relay = sync_server::app(&config)?; // storage, keys, the compressed app
//! if let Some(token) = &relay.first_admin_invite {
//!     println!("admin invite: http://127.0.0.1:8080/#invite={token}");
//! }
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.map_err(sync_server::StartError::Bind)?;
//! sync_server::serve(listener, relay.router, std::future::pending(), config.limits.header_read_timeout).await
//! # }
//! ```
//! `cli.rs` does the same with flags, prints the URL and passes Ctrl-C/SIGTERM as the shutdown.

pub mod access;
mod api;
pub mod assets;
pub mod cli;
mod error;
mod headers;
mod hub_thread;
pub mod serve;
pub mod storage;
pub mod sync_socket;

use std::{future::Future, path::PathBuf, sync::Arc};

use axum::{
    routing::{delete, get},
    Json, Router,
};
use tokio::net::TcpListener;

pub use error::{AppError, StartError};

/// Everything the relay needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder Trunk built the app into (holds `index.html`).
    pub dist_dir: PathBuf,
    /// The folder where the relay keeps its durable state. Created if missing.
    pub data_dir: PathBuf,
    /// The relay's limits (the named constants, unless a test lowers them).
    pub limits: Limits,
    /// Mark the session cookie `Secure`: the relay is reached over HTTPS (directly or behind a
    /// TLS-terminating proxy). Off by default, since a cookie marked `Secure` is never sent over
    /// the plain HTTP of `cargo xtask run`.
    pub secure_cookies: bool,
}

impl Config {
    /// A configuration serving `dist_dir` and keeping state under `data_dir`, with the default
    /// limits.
    pub fn new(dist_dir: PathBuf, data_dir: PathBuf) -> Self {
        Self {
            dist_dir,
            data_dir,
            limits: Limits::default(),
            secure_cookies: false,
        }
    }
}

/// The relay's limits. Defaults are the named constants, each with its reason; tests lower them
/// to prove each is enforced without opening hundreds of sockets.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// See [`sync_socket::MAX_CONNECTIONS`].
    pub max_connections: usize,
    /// See [`sync_socket::MAX_MESSAGES_PER_SECOND`].
    pub max_messages_per_second: f64,
    /// See [`sync_socket::MESSAGE_BURST`].
    pub message_burst: f64,
    /// See [`sync_socket::MAX_CONNECTIONS_PER_TOKEN`].
    pub max_connections_per_token: usize,
    /// See [`sync_socket::MAX_CONNECTIONS_PER_INVITE`].
    pub max_connections_per_invite: usize,
    /// See [`sync_socket::SEND_TIMEOUT`].
    pub send_timeout: std::time::Duration,
    /// See [`sync_socket::IDLE_TIMEOUT`].
    pub idle_timeout: std::time::Duration,
    /// See [`serve::HEADER_READ_TIMEOUT`].
    pub header_read_timeout: std::time::Duration,
    /// The most the database may grow to, in bytes (`None`: as much as the disk holds). Past
    /// it the relay behaves as on a full disk: changes refused with a clear error, reads go on.
    pub max_database_bytes: Option<u64>,
    /// See [`MAX_DOCUMENTS_PER_CONNECTION`].
    pub max_documents_per_connection: usize,
    /// See [`MAX_IDLE_DOCUMENTS`].
    pub max_idle_documents: usize,
    /// See [`sync_core::limits::MAX_DOCUMENT_BYTES`].
    pub max_document_bytes: u64,
    /// See [`sync_core::limits::MAX_COMMUNITY_BYTES`].
    pub max_community_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: sync_socket::MAX_CONNECTIONS,
            max_messages_per_second: sync_socket::MAX_MESSAGES_PER_SECOND,
            message_burst: sync_socket::MESSAGE_BURST,
            max_connections_per_token: sync_socket::MAX_CONNECTIONS_PER_TOKEN,
            max_connections_per_invite: sync_socket::MAX_CONNECTIONS_PER_INVITE,
            send_timeout: sync_socket::SEND_TIMEOUT,
            idle_timeout: sync_socket::IDLE_TIMEOUT,
            header_read_timeout: serve::HEADER_READ_TIMEOUT,
            max_database_bytes: None,
            max_documents_per_connection: MAX_DOCUMENTS_PER_CONNECTION,
            max_idle_documents: MAX_IDLE_DOCUMENTS,
            max_document_bytes: sync_core::limits::MAX_DOCUMENT_BYTES,
            max_community_bytes: sync_core::limits::MAX_COMMUNITY_BYTES,
        }
    }
}

/// Documents one connection may sync. Why: each costs the relay a sync state (and memory while
/// loaded); a member's app opens tens of documents, not thousands.
pub const MAX_DOCUMENTS_PER_CONNECTION: usize = 256;
/// Documents kept in memory while nobody has them open. Why: they are on disk; a bounded few
/// stay warm for people who come back, the rest are dropped so memory does not grow with history.
pub const MAX_IDLE_DOCUMENTS: usize = 128;

/// Largest request body the API reads, in bytes. Why: its bodies are an invite token or a
/// role and an expiry (under 1 KiB); axum's default of 2 MiB would let anyone make every handler
/// buffer megabytes before the token is even looked at.
pub const API_BODY_LIMIT: usize = 16 * 1024;

/// State shared by every request handler.
pub struct AppState {
    limits: Limits,
    assets: assets::AssetStore,
    access: api::Access,
    hub: hub_thread::HubHandle,
    connection_slots: Arc<tokio::sync::Semaphore>,
    /// See [`Config::secure_cookies`].
    secure_cookies: bool,
    /// Open `/sync` connections per token (see [`sync_socket::MAX_CONNECTIONS_PER_TOKEN`]).
    connections_per_token: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}

/// A relay ready to serve.
pub struct Relay {
    /// The routes: `/healthz`, `/sync`, `/api/…` and the app for every other path.
    pub router: Router,
    /// On the very first start (no community yet): the token of the first admin invite, which
    /// the operator opens as `<url>/#invite=<token>`.
    pub first_admin_invite: Option<String>,
}

/// Builds the relay: opens (or creates) its storage and keys, loads the app.
///
/// # Errors
/// [`StartError`] if the data folder, storage or keys cannot be set up or the app in
/// `dist_dir` cannot be loaded.
pub fn app(config: &Config) -> Result<Relay, StartError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::DataDir {
        path: config.data_dir.clone(),
        source,
    })?;
    let assets = assets::AssetStore::load(&config.dist_dir)?;
    let csp = headers::content_security_policy(assets.inline_script_hashes());
    let storage = storage::Storage::open_capped(&config.data_dir, config.limits.max_database_bytes)
        .map_err(StartError::Storage)?;
    let hub = hub_thread::start(
        storage,
        sync_core::hub::HubConfig {
            peer_id: format!("kehila-relay-{}", std::process::id()).into(),
            storage_id: relay_storage_id(&config.data_dir)?,
            max_documents_per_connection: config.limits.max_documents_per_connection,
            max_idle_documents: config.limits.max_idle_documents,
            max_document_bytes: config.limits.max_document_bytes,
            max_community_bytes: config.limits.max_community_bytes,
        },
    );
    let keys = access::Keys::load_or_create(&config.data_dir)?;
    let store = access::AccessStore::open(&config.data_dir)?;
    let first_admin_invite = first_start(&store, &keys)?;
    let state = Arc::new(AppState {
        limits: config.limits,
        assets,
        access: api::Access {
            keys,
            store: std::sync::Mutex::new(store),
            revocations: tokio::sync::watch::channel(0).0,
        },
        hub,
        connection_slots: Arc::new(tokio::sync::Semaphore::new(config.limits.max_connections)),
        secure_cookies: config.secure_cookies,
        connections_per_token: std::sync::Mutex::new(std::collections::HashMap::new()),
    });
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/api/time", get(relay_time))
        .route("/sync", get(sync_socket::upgrade))
        .route(
            "/api/session",
            get(api::get_session).post(api::create_session),
        )
        .route(
            "/api/invites",
            get(api::list_invites).post(api::create_invite),
        )
        .route("/api/invites/{id}", delete(api::revoke_invite))
        .route(
            "/api/device-link",
            axum::routing::post(api::create_device_link),
        )
        .layer(axum::extract::DefaultBodyLimit::max(API_BODY_LIMIT))
        .fallback(assets::serve)
        .with_state(state)
        .layer(axum::middleware::map_response(move |response| {
            headers::add_security_headers(response, csp.clone())
        }));
    Ok(Relay {
        router,
        first_admin_invite,
    })
}

/// On the first start, creates the community and its first admin invite.
fn first_start(
    store: &access::AccessStore,
    keys: &access::Keys,
) -> Result<Option<String>, StartError> {
    let wrap = |e: rusqlite::Error| StartError::Storage(storage::StorageError::from(e));
    if store.community_count().map_err(wrap)? > 0 {
        return Ok(None);
    }
    let community = store.create_community("Kehila").map_err(wrap)?;
    let invite = store
        .create_invite(
            &community,
            access::Role::Admin,
            access::now() + access::FIRST_ADMIN_INVITE_SECONDS,
            "",
        )
        .map_err(wrap)?;
    Ok(Some(keys.sign(access::TokenKind::Invite, &invite)))
}

/// The relay's storage id (a UUID string), created on first start in `data_dir/storage-id`, so
/// clients can recognise this relay's storage across restarts.
fn relay_storage_id(data_dir: &std::path::Path) -> Result<String, StartError> {
    let path = data_dir.join("storage-id");
    let io = |source| StartError::DataDir {
        path: path.clone(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(id) if !id.trim().is_empty() => Ok(id.trim().to_string()),
        _ => {
            let mut bytes = [0u8; 16];
            getrandom::fill(&mut bytes).map_err(|e| io(std::io::Error::other(e.to_string())))?;
            bytes[6] = (bytes[6] & 0x0f) | 0x40;
            bytes[8] = (bytes[8] & 0x3f) | 0x80;
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let id = format!(
                "{}-{}-{}-{}-{}",
                &hex[..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..]
            );
            std::fs::write(&path, &id).map_err(io)?;
            Ok(id)
        }
    }
}

/// Serves `router` (from [`app`]) on `listener` until `shutdown` completes, then lets open requests
/// finish; request headers must arrive within `header_timeout` ([`Limits::header_read_timeout`]).
/// See [`serve`](mod@serve) for the limits that hold before a request is authenticated.
///
/// # Errors
/// [`StartError::Serve`] if the server fails.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    header_timeout: std::time::Duration,
) -> Result<(), StartError> {
    serve::serve(listener, router, shutdown, header_timeout).await
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

/// The relay's clock (unix ms), never cached: devices count shared timers (a board's countdown)
/// against it, whatever their own clocks say.
async fn relay_time() -> impl axum::response::IntoResponse {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    (
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(serde_json::json!({ "now": now })),
    )
}

/// Peer-supplied text made safe for one log line: at most [`LOGGED_CHARS`] characters, control
/// characters and quotes escaped, so a peer can neither forge log lines nor flood the log.
pub fn loggable(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(LOGGED_CHARS)
        .collect::<String>()
        .escape_debug()
        .collect();
    if text.chars().nth(LOGGED_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// How much of a peer-supplied string a log line keeps. Why: enough to recognise a reason,
/// too little to fill a disk with one message.
pub const LOGGED_CHARS: usize = 120;

#[cfg(test)]
mod tests {
    #[test]
    fn peer_text_in_logs_is_short_and_escaped() {
        assert_eq!(
            super::loggable("a\nb\u{1b}[31m\"x\""),
            "a\\nb\\u{1b}[31m\\\"x\\\""
        );
        let long = "x".repeat(10_000);
        assert_eq!(
            super::loggable(&long).chars().count(),
            super::LOGGED_CHARS + 1
        );
    }
}

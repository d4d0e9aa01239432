//! The relay's two error types: why it could not start, and why one request failed.

use std::path::PathBuf;

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

/// Why the relay could not start. Each message tells the operator what to do.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The app has not been built into the dist folder.
    #[error("the app is not built: {path} is missing (run `cargo xtask run`, which builds it)")]
    AppNotBuilt {
        /// The `index.html` that was expected.
        path: PathBuf,
    },
    /// A file of the built app could not be read.
    #[error("cannot read the built app at {path}: {source}")]
    ReadAsset {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The data folder could not be created.
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The database in the data folder could not be opened.
    #[error("cannot open the relay's storage: {0}")]
    Storage(crate::storage::StorageError),
    /// The address could not be bound.
    #[error("cannot listen: {0}")]
    Bind(std::io::Error),
    /// The server stopped with an IO error.
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
}

/// One request's failure, as the client sees it: a status and a short plain message. Internals
/// are logged once here and never sent to the client.
#[derive(Debug)]
pub enum AppError {
    /// Nothing is served at this path.
    NotFound,
    /// Only GET and HEAD are served for static paths.
    MethodNotAllowed,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not found"),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
        };
        tracing::debug!(%status, "request refused");
        (status, message).into_response()
    }
}

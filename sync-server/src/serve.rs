//! The HTTP server loop, with the limits that hold *before* a request is authenticated.
//!
//! `axum::serve` sets no timer on hyper, so a client that sends its request headers one byte at
//! a time (slowloris) holds a connection for ever, and nothing bounds how many it opens. Here
//! every TCP connection takes one of [`MAX_HTTP_CONNECTIONS`] slots until it ends or upgrades to
//! a WebSocket (bounded separately), and a connection whose request headers are not complete
//! within the header timeout is closed — the first request's included, from the first byte.
//! WebSocket upgrades keep working (`serve_connection_with_upgrades`), and a shutdown signal lets
//! open requests finish, as `axum::serve`'s graceful shutdown does.

use std::{future::Future, sync::Arc, time::Duration};

use axum::{body::Body, extract::Request, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::Service;

use crate::StartError;

/// TCP connections served at once, authenticated or not. Why: each costs a task and buffers;
/// twice [`crate::sync_socket::MAX_CONNECTIONS`] leaves room for page loads and API calls beside
/// every sync socket, while a client opening sockets in a loop meets a ceiling, not the OS's.
pub const MAX_HTTP_CONNECTIONS: usize = 2 * crate::sync_socket::MAX_CONNECTIONS;
/// Longest a client may take to send a request's headers. Why: honest browsers send them in
/// one packet; ten seconds covers a bad mobile link while a slowloris client is cut off.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest a shutdown waits for open requests to finish. Why: a client that never reads its
/// response must not keep the relay from stopping.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// How long to wait after a failed accept (out of file descriptors and the like) before the
/// next: long enough not to spin a core on an error that repeats, short enough that a freed
/// descriptor is used almost at once.
pub const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// Serves `router` on `listener` until `shutdown` completes, then lets open requests finish.
///
/// # Errors
/// [`StartError::Serve`] if accepting connections fails for good.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    header_timeout: Duration,
) -> Result<(), StartError> {
    let slots = Arc::new(Semaphore::new(MAX_HTTP_CONNECTIONS));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(ACCEPT_RETRY).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
            router.clone().call(request.map(Body::new))
        });
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            // HTTP/1 only (all the app needs, WebSocket upgrades included): the protocol-sniffing
            // auto builder reads its first bytes with no timer at all.
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let connection = builder
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%error, "connection ended");
                    }
                }
                _ = stopped.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(permit);
        });
    }
    let _ = stop.send(true);
    // Open requests finish: wait (a bounded time) until every connection gave its slot back.
    // Upgraded WebSockets gave theirs back at the upgrade; their tasks end with the runtime.
    let _ = tokio::time::timeout(
        SHUTDOWN_GRACE,
        slots.acquire_many(MAX_HTTP_CONNECTIONS as u32),
    )
    .await;
    Ok(())
}

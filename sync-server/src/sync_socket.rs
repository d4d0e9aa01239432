//! The `/sync` WebSocket route: one task per connection between the socket and the hub thread.
//!
//! Transport rules, enforced here before anything reaches the engine: binary frames only (close
//! 1003), none larger than [`MAX_FRAME_BYTES`] (close 1009), at most [`MAX_MESSAGES_PER_SECOND`]
//! sustained (close 1008), at most [`MAX_CONNECTIONS`] at once (HTTP 503). A peer that breaks the
//! protocol gets an `error` message from the engine and close 1002. Other connections carry on.

use std::{sync::Arc, time::Duration};

use axum::{
    extract::{
        ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade},
        State,
    },
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use sync_core::{
    hub::Access,
    limits::{
        CLOSE_MESSAGE_TOO_BIG, CLOSE_POLICY, CLOSE_PROTOCOL_ERROR, CLOSE_UNSUPPORTED_DATA,
        MAX_FRAME_BYTES,
    },
};
use tokio::{sync::mpsc, time::Instant};

use crate::{
    hub_thread::{Command, HubHandle, Outgoing, OUTBOX},
    AppState,
};

/// Connections served at once. Why: each costs a task, an outbox of up to [`OUTBOX`] frames and
/// a read buffer; a community is a few hundred members with a phone and a laptop each.
pub const MAX_CONNECTIONS: usize = 512;
/// Sustained messages per second from one connection. Why: typing makes ~10 changes a second
/// per document; 200 covers a member resyncing dozens of documents after days offline, while a
/// runaway or hostile client cannot take more than a sliver of the relay.
pub const MAX_MESSAGES_PER_SECOND: f64 = 200.0;
/// Messages a connection may send in a burst above the sustained rate (reconnect catch-up).
pub const MESSAGE_BURST: f64 = 1000.0;

/// Upgrades the request if it carries a valid session cookie or Bearer token from this origin,
/// and the relay serves fewer than [`MAX_CONNECTIONS`]. The connection's scope is the token's
/// community; a viewer's connection may not write.
pub async fn upgrade(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if !crate::api::same_origin(&headers) {
        return (StatusCode::FORBIDDEN, "cross-origin connection refused").into_response();
    }
    let grant = match state.access.authenticate(&headers) {
        Ok(grant) => grant,
        Err(refusal) => return (StatusCode::UNAUTHORIZED, refusal.to_string()).into_response(),
    };
    let access = Access {
        scope: grant.community,
        can_write: grant.role.can_write(),
    };
    let Ok(permit) = state.connection_slots.clone().try_acquire_owned() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "too many connections; retry shortly",
        )
            .into_response();
    };
    let hub = state.hub.clone();
    let rate = RateLimit::new(
        state.limits.max_messages_per_second,
        state.limits.message_burst,
    );
    ws.max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| async move {
            run_connection(socket, hub, access, rate).await;
            drop(permit);
        })
}

/// Why a connection ended.
#[derive(Debug, PartialEq, Eq)]
enum Ending {
    /// The peer closed or went away.
    PeerLeft,
    /// We close with this code and reason.
    Refused(u16, String),
}

/// A token bucket: `rate` messages a second sustained, `burst` at once.
struct RateLimit {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl RateLimit {
    fn new(rate: f64, burst: f64) -> Self {
        Self {
            rate,
            burst,
            tokens: burst,
            last: Instant::now(),
        }
    }

    fn allow(&mut self) -> bool {
        let now = Instant::now();
        let elapsed = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

async fn run_connection(
    mut socket: WebSocket,
    hub: HubHandle,
    access: Access,
    mut rate: RateLimit,
) {
    let id = hub.next_connection_id();
    let (outbox, mut inbox) = mpsc::channel(OUTBOX);
    if !hub.send(Command::Connect { id, access, outbox }).await {
        return;
    }
    let ending = loop {
        tokio::select! {
            incoming = socket.recv() => match incoming {
                None | Some(Ok(Message::Close(_))) => break Ending::PeerLeft,
                Some(Ok(Message::Binary(frame))) => {
                    if !rate.allow() {
                        break Ending::Refused(CLOSE_POLICY, "too many messages; slow down".into());
                    }
                    if !hub.send(Command::Frame { id, bytes: frame.to_vec() }).await {
                        break Ending::Refused(CLOSE_PROTOCOL_ERROR, "the relay is shutting down".into());
                    }
                }
                Some(Ok(Message::Text(_))) => {
                    break Ending::Refused(CLOSE_UNSUPPORTED_DATA, "binary frames only".into())
                }
                // tungstenite answers pings itself.
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Err(error)) => break classify(error),
            },
            outgoing = inbox.recv() => match outgoing {
                Some(Outgoing::Frame(bytes)) => {
                    if socket.send(Message::Binary(bytes.into())).await.is_err() {
                        break Ending::PeerLeft;
                    }
                }
                Some(Outgoing::Close(reason)) => break Ending::Refused(CLOSE_PROTOCOL_ERROR, reason),
                None => break Ending::Refused(CLOSE_POLICY, "disconnected by the relay".into()),
            },
        }
    };
    let _ = hub.send(Command::Disconnect { id }).await;
    if let Ending::Refused(code, reason) = ending {
        tracing::info!(code, %reason, connection = id, "closing a sync connection");
        // The close reason is limited to 123 bytes by the protocol.
        let reason: String = reason.chars().take(60).collect();
        let frame = CloseFrame {
            code,
            reason: reason.into(),
        };
        // The peer may already be gone; nothing more to do then.
        let _ = tokio::time::timeout(
            Duration::from_secs(5),
            socket.send(Message::Close(Some(frame))),
        )
        .await;
    }
}

/// Maps a read error to how the connection ends.
fn classify(error: axum::Error) -> Ending {
    match error.into_inner().downcast::<tungstenite::Error>() {
        Ok(error) if matches!(*error, tungstenite::Error::Capacity(_)) => Ending::Refused(
            CLOSE_MESSAGE_TOO_BIG,
            "message larger than the relay accepts".into(),
        ),
        Ok(error) => {
            tracing::debug!(%error, "sync connection dropped");
            Ending::PeerLeft
        }
        Err(error) => {
            tracing::debug!(%error, "sync connection dropped");
            Ending::PeerLeft
        }
    }
}

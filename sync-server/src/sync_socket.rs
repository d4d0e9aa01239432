//! The `/sync` WebSocket route.
//!
//! Peers speak automerge-repo's protocol: one CBOR message per binary frame. The protocol engine
//! (`sync-core`) is wired in by issue 3; until then this route enforces the transport rules every
//! later version keeps: binary frames only, none larger than [`MAX_FRAME_BYTES`]. A peer that
//! breaks them is closed with a code that says why; other connections are unaffected.

use axum::{
    extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade},
    response::Response,
};
use sync_core::limits::{CLOSE_MESSAGE_TOO_BIG, CLOSE_UNSUPPORTED_DATA, MAX_FRAME_BYTES};

/// Upgrades the request to a WebSocket that refuses frames over [`MAX_FRAME_BYTES`].
pub async fn upgrade(ws: WebSocketUpgrade) -> Response {
    ws.max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(run_connection)
}

/// Why a connection ended.
#[derive(Debug, PartialEq, Eq)]
enum Ending {
    /// The peer closed or went away.
    PeerLeft,
    /// The peer broke a transport rule; we close with this code and reason.
    Refused(u16, &'static str),
}

async fn run_connection(mut socket: WebSocket) {
    let ending = loop {
        match socket.recv().await {
            None | Some(Ok(Message::Close(_))) => break Ending::PeerLeft,
            Some(Ok(Message::Binary(frame))) => {
                tracing::trace!(bytes = frame.len(), "sync frame received");
            }
            Some(Ok(Message::Text(_))) => {
                break Ending::Refused(CLOSE_UNSUPPORTED_DATA, "binary frames only")
            }
            // tungstenite answers pings itself.
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
            Some(Err(error)) => break classify(error),
        }
    };
    if let Ending::Refused(code, reason) = ending {
        tracing::info!(code, reason, "closing a sync connection");
        let frame = CloseFrame {
            code,
            reason: reason.into(),
        };
        // The peer may already be gone; nothing more to do then.
        let _ = socket.send(Message::Close(Some(frame))).await;
    }
}

/// Maps a read error to how the connection ends.
fn classify(error: axum::Error) -> Ending {
    match error.into_inner().downcast::<tungstenite::Error>() {
        Ok(error) if matches!(*error, tungstenite::Error::Capacity(_)) => Ending::Refused(
            CLOSE_MESSAGE_TOO_BIG,
            "message larger than the relay accepts",
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

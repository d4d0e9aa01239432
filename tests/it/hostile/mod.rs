//! Hostile peers over real sockets (issue 9), one module per attack family: inputs that made
//! Automerge panic, forged presence, access that must end on a live socket, peers that stop
//! reading or never finish a request, and storage limits. Each time the offender alone is
//! refused and an honest member keeps editing with every edit delivered.

mod http_limits;
mod live_access;
mod poison;
mod presence;
mod slow_peers;
mod storage_limits;

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use kehila_tests::{member::Socket, TestRelay};
use sync_core::{ids::DocumentId, wire::WireMessage};
use tokio_tungstenite::tungstenite::Message;

/// A hand-written protocol client: joins as `peer` and returns the socket after `peer`.
pub(super) async fn raw(relay: &TestRelay, token: &str, peer: &str) -> Socket {
    let mut socket = relay.connect_sync(Some(token)).await.expect("upgrade");
    let join = WireMessage::Join {
        sender_id: peer.into(),
        supported_protocol_versions: vec!["1".into()],
        metadata: None,
    };
    socket
        .send(Message::Binary(join.encode().into()))
        .await
        .unwrap();
    match tokio::time::timeout(Duration::from_secs(5), socket.next()).await {
        Ok(Some(Ok(Message::Binary(bytes)))) => assert!(matches!(
            WireMessage::decode(&bytes),
            Ok(WireMessage::Peer { .. })
        )),
        other => panic!("no handshake: {other:?}"),
    }
    socket
}

/// Reads until the relay closes: the `error` message it sent (if any) and the close code.
pub(super) async fn refusal(socket: &mut Socket) -> (Option<String>, Option<u16>) {
    let mut error = None;
    loop {
        match tokio::time::timeout(Duration::from_secs(10), socket.next()).await {
            Ok(Some(Ok(Message::Binary(bytes)))) => {
                if let Ok(WireMessage::Error { message }) = WireMessage::decode(&bytes) {
                    error = Some(message);
                }
            }
            Ok(Some(Ok(Message::Close(frame)))) => {
                return (error, frame.map(|f| u16::from(f.code)))
            }
            Ok(Some(Ok(_))) => {}
            Ok(Some(Err(_)) | None) => return (error, None),
            Err(_) => panic!("the relay did not close the offender (error so far: {error:?})"),
        }
    }
}

pub(super) fn sync_frame(peer: &str, document: DocumentId, data: Vec<u8>) -> Vec<u8> {
    WireMessage::Sync {
        sender_id: peer.into(),
        target_id: "relay".into(),
        document_id: document,
        data,
    }
    .encode()
}

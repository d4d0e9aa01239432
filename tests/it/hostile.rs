//! Hostile peers over real sockets (issue 9): inputs that made Automerge panic, forged presence,
//! revoked access on a live socket, one token hoarding connections. Each time the offender alone
//! is closed and an honest member keeps editing with every edit delivered.

use std::time::Duration;

use automerge::{transaction::Transactable, ReadDoc, ROOT};
use futures_util::{SinkExt, StreamExt};
use kehila_tests::{member::Socket, TestMember, TestRelay};
use reqwest::StatusCode;
use sync_core::{ids::DocumentId, wire::WireMessage};
use tokio_tungstenite::tungstenite::Message;

use super::access::{mint, status_of};

/// A hand-written protocol client: joins as `peer` and returns the socket after `peer`.
async fn raw(relay: &TestRelay, token: &str, peer: &str) -> Socket {
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
async fn refusal(socket: &mut Socket) -> (Option<String>, Option<u16>) {
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

fn sync_frame(peer: &str, document: DocumentId, data: Vec<u8>) -> Vec<u8> {
    WireMessage::Sync {
        sender_id: peer.into(),
        target_id: "relay".into(),
        document_id: document,
        data,
    }
    .encode()
}

/// Sync payloads that panic automerge 0.12 or make it allocate gigabytes.
fn poison() -> Vec<(&'static str, Vec<u8>)> {
    let bomb = {
        let body = vec![0u8; sync_core::sync_check::MAX_INFLATED_BYTES + 4096];
        let deflated = miniz_oxide::deflate::compress_to_vec(&body, 6);
        let mut chunk = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 2];
        leb(&mut chunk, deflated.len() as u64);
        chunk.extend_from_slice(&deflated);
        let mut message = vec![0x42, 0, 0, 0, 1];
        leb(&mut message, chunk.len() as u64);
        message.extend_from_slice(&chunk);
        message
    };
    vec![
        ("zero-bit bloom", vec![0x42, 0, 0, 1, 0, 3, 1, 0, 7, 0]),
        (
            "huge probe count",
            vec![
                0x42, 0, 0, 1, 0, 9, 1, 10, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0, 0,
            ],
        ),
        ("compressed chunk bomb", bomb),
    ]
}

fn leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[tokio::test]
async fn regression_9_poisoned_sync_messages_end_their_sender_and_nobody_else() {
    let relay = TestRelay::start().await;
    let document = DocumentId::from_random_bytes([91; 16]);
    let url = relay.ws_url("/sync");
    let mut writer = TestMember::connect(&url, &relay.admin_token, "writer").await;
    let mut reader = TestMember::connect(&url, &relay.admin_token, "reader").await;
    writer.open(document).await;
    reader.open(document).await;
    let (_, member) = mint(&relay, &relay.admin_token, "member").await;
    let (_, viewer) = mint(&relay, &relay.admin_token, "viewer").await;

    let mut round = 0;
    for token in [&member, &viewer] {
        let token = token["token"].as_str().unwrap();
        for (what, payload) in poison() {
            round += 1;
            let peer = format!("mallory-{round}");
            let mut offender = raw(&relay, token, &peer).await;
            offender
                .send(Message::Binary(sync_frame(&peer, document, payload).into()))
                .await
                .unwrap();
            let (error, code) = refusal(&mut offender).await;
            assert!(
                error.is_some_and(|e| e.contains("refused sync message")),
                "{what}"
            );
            assert_eq!(
                code,
                Some(sync_core::limits::CLOSE_PROTOCOL_ERROR),
                "{what}"
            );

            // The honest members never noticed: the next edit still travels.
            let key = format!("edit-{round}");
            writer
                .change(document, |d| {
                    let mut tx = d.transaction();
                    tx.put(ROOT, key.as_str(), round as i64).unwrap();
                    tx.commit();
                })
                .await;
            writer
                .pump_until(|m| m.relay_has_everything(document))
                .await;
            reader
                .pump_until(|m| m.doc(document).get(ROOT, key.as_str()).unwrap().is_some())
                .await;
        }
    }
    for round in 1..=round {
        let key = format!("edit-{round}");
        assert!(reader
            .doc(document)
            .get(ROOT, key.as_str())
            .unwrap()
            .is_some());
    }
    relay.stop().await;
}

#[tokio::test]
async fn regression_9_presence_cannot_be_sent_in_another_peers_name() {
    let relay = TestRelay::start().await;
    let document = DocumentId::from_random_bytes([92; 16]);
    let url = relay.ws_url("/sync");
    let mut alice = TestMember::connect(&url, &relay.admin_token, "alice").await;
    alice.open(document).await;
    alice
        .change(document, |d| {
            let mut tx = d.transaction();
            tx.put(ROOT, "here", true).unwrap();
            tx.commit();
        })
        .await;
    alice.pump_until(|m| m.relay_has_everything(document)).await;
    let (_, member) = mint(&relay, &relay.admin_token, "member").await;
    let mut mallory = raw(&relay, member["token"].as_str().unwrap(), "mallory").await;
    // Subscribe to the document first, as a real peer would, then forge alice's presence.
    let empty = automerge::sync::Message::decode(&[0x42, 0, 0, 0, 0])
        .unwrap()
        .encode();
    mallory
        .send(Message::Binary(
            sync_frame("mallory", document, empty).into(),
        ))
        .await
        .unwrap();
    let forged = WireMessage::Ephemeral {
        sender_id: "alice".into(),
        target_id: "relay".into(),
        document_id: document,
        count: 1,
        session_id: "forged".into(),
        data: vec![0xa0],
    };
    mallory
        .send(Message::Binary(forged.encode().into()))
        .await
        .unwrap();
    let (error, _) = refusal(&mut mallory).await;
    assert!(error.is_some_and(|e| e.contains("from its sender")));
    relay.stop().await;
}

#[tokio::test]
async fn regression_9_revoking_an_invite_closes_its_open_socket_within_seconds() {
    let relay = TestRelay::start().await;
    let (_, invite) = mint(&relay, &relay.admin_token, "member").await;
    let token = invite["token"].as_str().unwrap();
    let mut member = raw(&relay, token, "leaving").await;
    let started = tokio::time::Instant::now();
    let revoke = reqwest::Client::new()
        .delete(relay.url(&format!("/api/invites/{}", invite["id"].as_str().unwrap())))
        .bearer_auth(&relay.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), StatusCode::NO_CONTENT);
    let (_, code) = refusal(&mut member).await;
    assert_eq!(code, Some(sync_core::limits::CLOSE_POLICY));
    assert!(
        started.elapsed() <= sync_server::sync_socket::ACCESS_RECHECK + Duration::from_secs(2),
        "closed after {:?}",
        started.elapsed()
    );
    relay.stop().await;
}

#[tokio::test]
async fn one_token_holds_at_most_its_share_of_connections() {
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        max_connections_per_token: 3,
        ..Default::default()
    })
    .await;
    let (_, invite) = mint(&relay, &relay.admin_token, "member").await;
    let token = invite["token"].as_str().unwrap();
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(
            relay
                .connect_sync(Some(token))
                .await
                .expect("within the share"),
        );
    }
    assert_eq!(status_of(relay.connect_sync(Some(token)).await), 429);
    // Another member connects fine meanwhile, and the share frees when a socket closes.
    assert_eq!(
        status_of(relay.connect_sync(Some(&relay.admin_token)).await),
        101
    );
    drop(held.pop());
    let mut again = None;
    for _ in 0..50 {
        if let Ok(socket) = relay.connect_sync(Some(token)).await {
            again = Some(socket);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(again.is_some(), "a closed connection gives its share back");
    relay.stop().await;
}

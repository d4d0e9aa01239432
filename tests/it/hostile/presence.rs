//! Presence sent in another peer's name.

use automerge::{transaction::Transactable, ROOT};
use futures_util::SinkExt;
use kehila_tests::{TestMember, TestRelay};
use sync_core::{ids::DocumentId, wire::WireMessage};
use tokio_tungstenite::tungstenite::Message;

use super::{raw, refusal, sync_frame};
use crate::access::mint;

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

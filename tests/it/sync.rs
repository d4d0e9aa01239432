//! Documents syncing through the real relay over real sockets: convergence, durability across a
//! restart and a SIGKILL, and bad peers disconnected while good ones carry on.

use std::time::Duration;

use automerge::{transaction::Transactable, Automerge, ObjType, ReadDoc, ROOT};
use futures_util::{SinkExt, StreamExt};
use kehila_tests::{text_at, RelayProcess, TestMember, TestRelay};
use sync_core::{ids::DocumentId, limits::CLOSE_PROTOCOL_ERROR, wire::WireMessage};
use tokio_tungstenite::tungstenite::Message;

fn new_document(seed: u8) -> DocumentId {
    DocumentId::from_random_bytes([seed; 16])
}

fn create_text(doc: &mut Automerge, initial: &str) {
    let mut tx = doc.transaction();
    let text = tx.put_object(ROOT, "text", ObjType::Text).unwrap();
    tx.splice_text(&text, 0, 0, initial).unwrap();
    tx.commit();
}

fn append(doc: &mut Automerge, words: &str) {
    let (_, text) = doc.get(ROOT, "text").unwrap().expect("text exists");
    let len = doc.length(&text);
    let mut tx = doc.transaction();
    tx.splice_text(&text, len, 0, words).unwrap();
    tx.commit();
}

#[tokio::test]
async fn two_members_converge_through_the_relay() {
    let relay = TestRelay::start().await;
    let document = new_document(1);
    let mut alice = TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "alice").await;
    alice.open(document).await;
    alice.change(document, |d| create_text(d, "שלום")).await;
    alice.pump_until(|m| m.relay_has_everything(document)).await;

    let mut bob = TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "bob").await;
    bob.open(document).await;
    bob.pump_until(|m| text_at(m.doc(document), "text") == "שלום")
        .await;

    bob.change(document, |d| append(d, " עולם")).await;
    alice
        .pump_until(|m| text_at(m.doc(document), "text") == "שלום עולם")
        .await;
    // Concurrent edits at both ends merge; both converge to the same text.
    alice.change(document, |d| append(d, "!")).await;
    bob.change(document, |d| append(d, "?")).await;
    // Both keep reading, as running apps do, until each has the other's edit.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let has_both = |m: &TestMember| text_at(m.doc(document), "text").chars().count() == 11;
    while !(has_both(&alice) && has_both(&bob)) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the concurrent edits never merged"
        );
        alice.pump_for(Duration::from_millis(10)).await;
        bob.pump_for(Duration::from_millis(10)).await;
    }
    assert_eq!(
        alice.doc(document).get_heads(),
        bob.doc(document).get_heads()
    );
    assert_eq!(
        text_at(alice.doc(document), "text"),
        text_at(bob.doc(document), "text")
    );
    relay.stop().await;
}

#[tokio::test]
async fn a_request_for_an_unknown_document_is_unavailable_until_someone_uploads_it() {
    let relay = TestRelay::start().await;
    let document = new_document(2);
    let mut bob = TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "bob").await;
    bob.open(document).await;
    bob.pump_until(|m| m.unavailable.contains(&document)).await;

    let mut alice = TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "alice").await;
    alice.open(document).await;
    alice.change(document, |d| create_text(d, "later")).await;
    alice.pump_until(|m| m.relay_has_everything(document)).await;
    // Bob asked earlier, so the relay sends him the document when it arrives.
    bob.pump_until(|m| text_at(m.doc(document), "text") == "later")
        .await;
    relay.stop().await;
}

#[tokio::test]
async fn a_restarted_relay_has_every_acknowledged_change() {
    let relay = TestRelay::start().await;
    let document = new_document(3);
    let mut alice = TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "alice").await;
    alice.open(document).await;
    alice.change(document, |d| create_text(d, "")).await;
    for i in 0..40 {
        alice
            .change(document, |d| append(d, &format!("{i} ")))
            .await;
    }
    alice.pump_until(|m| m.relay_has_everything(document)).await;
    let expected = text_at(alice.doc(document), "text");
    drop(alice);

    let relay = relay.restart().await;
    let mut carol = TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "carol").await;
    carol.open(document).await;
    carol
        .pump_until(|m| text_at(m.doc(document), "text") == expected)
        .await;
    relay.stop().await;
}

#[tokio::test]
async fn sigkill_during_a_stream_of_edits_loses_nothing_acknowledged() {
    let relay = TestRelay::start().await; // only for its folder with a test app
    let folder = relay.folder.path().to_path_buf();
    // A fresh data folder: this process's first start prints the admin invite.
    let folder = folder.join("process");
    std::fs::create_dir_all(folder.join("dist")).unwrap();
    std::fs::copy(
        relay.folder.path().join("dist/index.html"),
        folder.join("dist/index.html"),
    )
    .unwrap();
    let process = RelayProcess::start(env!("CARGO_BIN_EXE_kehila-relay-under-test"), &folder);
    let token = process
        .first_admin_invite
        .clone()
        .expect("first start prints an admin invite");
    let document = new_document(4);
    let mut alice = TestMember::connect(&process.url, &token, "alice").await;
    alice.open(document).await;
    alice.change(document, |d| create_text(d, "")).await;
    // Stream edits without waiting for each acknowledgement, as a fast typist would.
    for i in 0..150 {
        alice
            .change(document, |d| append(d, &format!("{i},")))
            .await;
        if i % 10 == 0 {
            alice.pump_for(Duration::from_millis(5)).await;
        }
    }
    alice.pump_for(Duration::from_millis(50)).await;
    let acknowledged = alice
        .relay_heads
        .get(&document)
        .cloned()
        .expect("the relay acknowledged something");
    process.kill();

    let process = RelayProcess::start(env!("CARGO_BIN_EXE_kehila-relay-under-test"), &folder);
    assert_eq!(
        process.first_admin_invite, None,
        "only the first start prints an invite"
    );
    let mut bob = TestMember::connect(&process.url, &token, "bob").await;
    bob.open(document).await;
    bob.pump_until(|m| {
        let doc = m.doc(document);
        acknowledged
            .iter()
            .all(|head| doc.get_change_by_hash(head).is_some())
    })
    .await;
    relay.stop().await;
}

#[tokio::test]
async fn bad_peers_are_disconnected_while_good_ones_keep_syncing() {
    let relay = TestRelay::start().await;
    let document = new_document(5);
    let mut alice = TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "alice").await;
    alice.open(document).await;
    alice.change(document, |d| create_text(d, "ok")).await;

    let valid_join = WireMessage::Join {
        sender_id: "mallory".into(),
        supported_protocol_versions: vec!["1".into()],
        metadata: None,
    }
    .encode();
    let sync = WireMessage::Sync {
        sender_id: "mallory".into(),
        target_id: "relay".into(),
        document_id: document,
        data: vec![0x42, 0xff, 0xff],
    }
    .encode();
    let cases: Vec<(&str, Vec<Vec<u8>>)> = vec![
        ("not CBOR", vec![vec![0xff, 0x00, 0x13]]),
        (
            "truncated join",
            vec![valid_join[..valid_join.len() / 2].to_vec()],
        ),
        ("sync before join", vec![sync.clone()]),
        ("garbage sync data", vec![valid_join.clone(), sync]),
        (
            "unsupported version",
            vec![WireMessage::Join {
                sender_id: "mallory".into(),
                supported_protocol_versions: vec!["99".into()],
                metadata: None,
            }
            .encode()],
        ),
    ];
    for (name, frames) in cases {
        let mut mallory = relay.connect_sync(Some(&relay.admin_token)).await.unwrap();
        for frame in frames {
            mallory.send(Message::binary(frame)).await.unwrap();
        }
        let mut saw_error = false;
        let code = tokio::time::timeout(Duration::from_secs(10), async {
            while let Some(Ok(message)) = mallory.next().await {
                match message {
                    Message::Binary(bytes) => {
                        saw_error |=
                            matches!(WireMessage::decode(&bytes), Ok(WireMessage::Error { .. }));
                    }
                    Message::Close(frame) => return frame.map(|f| u16::from(f.code)),
                    _ => {}
                }
            }
            None
        })
        .await
        .expect("refused in time");
        assert_eq!(code, Some(CLOSE_PROTOCOL_ERROR), "{name}");
        assert!(saw_error, "{name}: an error message says why");
        // Alice is unaffected: her next edit still reaches the relay.
        alice.change(document, |d| append(d, ".")).await;
        alice.pump_until(|m| m.relay_has_everything(document)).await;
    }
    relay.stop().await;
}

#[tokio::test]
async fn a_connection_may_not_open_more_documents_than_the_limit() {
    let limits = sync_server::Limits {
        max_documents_per_connection: 2,
        ..Default::default()
    };
    let relay = TestRelay::start_with_limits(limits).await;
    let mut member =
        TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "hoarder").await;
    for seed in 10..12 {
        member.open(new_document(seed)).await;
    }
    member.pump_until(|m| m.unavailable.len() == 2).await;
    member.open(new_document(12)).await;
    member
        .pump_until(|m| {
            m.refused
                .as_deref()
                .is_some_and(|r| r.contains("too many documents"))
        })
        .await;
    relay.stop().await;
}

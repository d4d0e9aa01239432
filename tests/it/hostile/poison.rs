//! Sync messages that panicked Automerge or made it allocate gigabytes.

use automerge::{transaction::Transactable, ReadDoc, ROOT};
use futures_util::SinkExt;
use kehila_tests::{fuzz::leb, TestMember, TestRelay};
use sync_core::ids::DocumentId;
use tokio_tungstenite::tungstenite::Message;

use super::{raw, refusal, sync_frame};
use crate::access::mint;

/// Sync payloads that panic automerge 0.12 or make it allocate gigabytes.
fn poison() -> Vec<(&'static str, Vec<u8>)> {
    let bomb = {
        let body = vec![0u8; sync_core::sync_check::MAX_INFLATED_BYTES + 4096];
        let deflated = miniz_oxide::deflate::compress_to_vec(&body, 6);
        let mut chunk = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 2];
        chunk.extend(leb(deflated.len() as u64));
        chunk.extend_from_slice(&deflated);
        let mut message = vec![0x42, 0, 0, 0, 1];
        message.extend(leb(chunk.len() as u64));
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

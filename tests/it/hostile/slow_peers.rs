//! A peer that stops reading while others edit at full speed.

use std::time::Duration;

use automerge::{transaction::Transactable, ROOT};
use futures_util::{SinkExt, StreamExt};
use kehila_tests::{TestMember, TestRelay};
use sync_core::ids::DocumentId;
use tokio_tungstenite::tungstenite::Message;

use super::{raw, sync_frame};

#[tokio::test]
async fn regression_9_a_peer_that_stops_reading_is_dropped_and_the_others_get_every_edit() {
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        // Short, so the silent peer is dropped within the test, yet long enough for an honest
        // reader on a loaded two-core machine (the fuzz run shares the process) to drain a
        // 150 KB change: at 1 s the relay sometimes dropped the reader too.
        send_timeout: Duration::from_secs(3),
        idle_timeout: Duration::from_secs(6),
        ..Default::default()
    })
    .await;
    let document = DocumentId::from_random_bytes([93; 16]);
    let url = relay.ws_url("/sync");
    let mut writer = TestMember::connect(&url, &relay.admin_token, "writer").await;
    let mut reader = TestMember::connect(&url, &relay.admin_token, "reader").await;
    writer.open(document).await;
    reader.open(document).await;
    // A peer that subscribes and then never reads again.
    let mut silent = raw(&relay, &relay.admin_token, "silent").await;
    let hello = automerge::sync::Message::decode(&[0x42, 0, 0, 0, 0])
        .unwrap()
        .encode();
    silent
        .send(Message::Binary(
            sync_frame("silent", document, hello).into(),
        ))
        .await
        .unwrap();
    let before = rss_mib();
    // The reader reads all along, as an open tab does.
    const EDITS: usize = 24;
    let reading = tokio::spawn(async move {
        while !text_starts(&reader, document, &format!("{} ", EDITS - 1)) {
            // A closed socket would make this loop spin for ever and starve the writer.
            assert!(
                reader.pump_for(Duration::from_millis(200)).await,
                "the relay dropped the reader, an honest peer"
            );
        }
        reader
    });
    // Edits that do not compress, so the silent peer's socket buffers (a few MB) fill up.
    let mut seed: u64 = 0x2545_f491;
    for n in 0..EDITS {
        let noise: String = (0..150_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                char::from(b'a' + (seed % 26) as u8)
            })
            .collect();
        writer
            .change(document, |d| {
                let mut tx = d.transaction();
                tx.put(ROOT, "page", format!("{n} {noise}")).unwrap();
                tx.commit();
            })
            .await;
        writer
            .pump_until(|m| m.relay_has_everything(document))
            .await;
    }
    let reader = tokio::time::timeout(Duration::from_secs(90), reading)
        .await
        .expect("the reader got every edit in time")
        .expect("the reader's task");
    assert!(text_starts(&reader, document, &format!("{} ", EDITS - 1)));
    // The silent peer was dropped (it stopped answering pings, or its buffers filled and a send
    // timed out): after what its buffers held, its socket ends.
    let ended = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(Ok(_)) = silent.next().await {}
    })
    .await;
    assert!(ended.is_ok(), "the silent peer is still connected");
    let growth = rss_mib().saturating_sub(before);
    assert!(growth < 512, "memory grew by {growth} MiB");
    relay.stop().await;
}

fn text_starts(member: &TestMember, document: DocumentId, prefix: &str) -> bool {
    kehila_tests::text_at(member.doc(document), "page").starts_with(prefix)
}

fn rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / (1024 * 1024))
}

//! Hostile peers over real sockets (issue 9): inputs that made Automerge panic, forged presence,
//! revoked access on a live socket, one token hoarding connections. Each time the offender alone
//! is closed and an honest member keeps editing with every edit delivered.

use std::time::Duration;

use automerge::{transaction::Transactable, ReadDoc, ROOT};
use futures_util::{SinkExt, StreamExt};
use kehila_tests::{fuzz::leb, member::Socket, TestMember, TestRelay};
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

#[tokio::test]
async fn regression_9_a_peer_that_stops_reading_is_dropped_and_the_others_get_every_edit() {
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        send_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(3),
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
            reader.pump_for(Duration::from_millis(200)).await;
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

#[tokio::test]
async fn a_slowloris_client_is_cut_off_after_the_header_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        header_read_timeout: Duration::from_secs(1),
        ..Default::default()
    })
    .await;
    let mut tcp = tokio::net::TcpStream::connect(relay.addr).await.unwrap();
    tcp.write_all(b"GET / HTTP/1.1\r\nHost: kehila\r\n")
        .await
        .unwrap();
    let started = tokio::time::Instant::now();
    let mut closed = false;
    for _ in 0..40 {
        // One more header line every 200 ms: never finishing the request.
        if tcp.write_all(b"X-Slow: 1\r\n").await.is_err() {
            closed = true;
            break;
        }
        let mut buffer = [0u8; 256];
        match tokio::time::timeout(Duration::from_millis(200), tcp.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => {
                closed = true;
                break;
            }
            Ok(Ok(_)) => {} // a 408 may come first; the close follows
            Err(_) => {}
        }
    }
    assert!(closed, "the connection is still open");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    // A client that connects and says nothing at all is cut off the same way.
    let mut silent = tokio::net::TcpStream::connect(relay.addr).await.unwrap();
    let mut buffer = [0u8; 256];
    let outcome = tokio::time::timeout(Duration::from_secs(4), silent.read(&mut buffer)).await;
    assert!(
        matches!(outcome, Ok(Ok(0) | Err(_))),
        "a silent connection is still open: {outcome:?}"
    );
    // Honest requests still work.
    let ok = reqwest::get(relay.url("/healthz")).await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    relay.stop().await;
}

#[tokio::test]
async fn api_bodies_are_capped_before_they_are_read() {
    let relay = TestRelay::start().await;
    let huge = format!(
        r#"{{"invite":"{}"}}"#,
        "x".repeat(sync_server::API_BODY_LIMIT * 4)
    );
    let response = reqwest::Client::new()
        .post(relay.url("/api/session"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    relay.stop().await;
}

#[tokio::test]
async fn a_full_disk_refuses_changes_keeps_reads_and_recovers_losing_nothing_acknowledged() {
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        max_database_bytes: Some(4 * 1024 * 1024),
        ..Default::default()
    })
    .await;
    let document = DocumentId::from_random_bytes([94; 16]);
    let url = relay.ws_url("/sync");
    // Each write big enough to need fresh pages (a small one can fit a page already there),
    // and not compressible (stored chunks are deflated).
    let put = |key: &'static str| {
        move |d: &mut automerge::Automerge| {
            let mut seed = key.len() as u64 + 0x9e37_79b9;
            let noise: String = (0..20_000)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    format!("{:x}", seed % 16)
                })
                .collect();
            let mut tx = d.transaction();
            tx.put(ROOT, key, format!("{key} {noise}")).unwrap();
            tx.commit();
        }
    };
    let mut writer = TestMember::connect(&url, &relay.admin_token, "writer").await;
    writer.open(document).await;
    writer.change(document, put("before")).await;
    writer
        .pump_until(|m| m.relay_has_everything(document))
        .await;

    // Another program fills the disk (here: the database's quota) with a ballast table.
    let database = relay
        .folder
        .path()
        .join("data")
        .join(sync_server::storage::DATABASE_FILE);
    let ballast = rusqlite::Connection::open(&database).unwrap();
    ballast
        .execute_batch(
            "CREATE TABLE ballast (bytes BLOB); INSERT INTO ballast VALUES (zeroblob(4194304));",
        )
        .unwrap();

    writer.change(document, put("during")).await;
    writer.pump_for(Duration::from_secs(3)).await;
    let refusal = writer.refused.clone().unwrap_or_default();
    assert!(
        refusal.contains("cannot store changes"),
        "refusal: {refusal:?}"
    );
    let kept = writer.storage.clone();

    // Reads go on: a newcomer gets what was acknowledged.
    let mut reader = TestMember::connect(&url, &relay.admin_token, "reader").await;
    reader.open(document).await;
    reader
        .pump_until(|m| m.doc(document).get(ROOT, "before").unwrap().is_some())
        .await;

    // Space comes back; the writer's change, kept on its device, goes through by itself.
    ballast.execute_batch("DROP TABLE ballast;").unwrap();
    let mut delivered = false;
    for attempt in 0..20 {
        let mut again =
            TestMember::connect(&url, &relay.admin_token, &format!("writer-{attempt}")).await;
        again.storage = kept.clone();
        again.open(document).await;
        again.pump_for(Duration::from_millis(500)).await;
        if again.refused.is_none() && again.relay_has_everything(document) {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(delivered, "writes did not resume after space returned");
    reader
        .pump_until(|m| m.doc(document).get(ROOT, "during").unwrap().is_some())
        .await;
    assert!(reader.doc(document).get(ROOT, "before").unwrap().is_some());
    relay.stop().await;
}

//! Refusals about one document: a change too large to make, a document over the relay's
//! quota, changes too large to send. Each holds back only that document — nothing is lost and
//! everything else keeps syncing.

mod net;

use automerge::{transaction::Transactable, ReadDoc, ScalarValue, ROOT};
use net::Net;
use sync_core::{
    client::{Client, ClientEffect},
    ids::DocumentId,
    limits::{MAX_CHANGE_BYTES, MAX_FRAME_BYTES},
    refusal::Refusal,
};

/// Bytes that do not compress (a small xorshift generator), so sizes are what they say.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

fn put(
    client: &mut Client,
    document: DocumentId,
    key: &str,
    value: ScalarValue,
) -> Vec<ClientEffect> {
    let key = key.to_string();
    client.change(document, move |doc| {
        let mut tx = doc.transaction();
        tx.put(ROOT, key, value).unwrap();
        tx.commit();
    })
}

fn text(client: &Client, document: DocumentId, key: &str) -> Option<String> {
    let doc = client.document(&document)?;
    match doc.get(ROOT, key).ok()??.0 {
        automerge::Value::Scalar(value) => match value.as_ref() {
            ScalarValue::Str(s) => Some(s.to_string()),
            _ => Some(String::from("(bytes)")),
        },
        _ => None,
    }
}

#[test]
fn a_change_over_the_limit_is_undone_before_it_is_stored_or_sent() {
    let document = DocumentId::from_random_bytes([21; 16]);
    let mut net = Net::new();
    let mut me = Client::new("me".into(), "s1".into());
    me.open(document, &[]).unwrap();
    net.connect(&mut me, 1);
    let effects = put(&mut me, document, "title", "hello".into());
    net.run(&mut me, 1, effects);
    let actor = me.document(&document).unwrap().get_actor().clone();

    let paste = ScalarValue::Bytes(noise(MAX_CHANGE_BYTES + 1024, 1));
    let effects = put(&mut me, document, "paste", paste);
    match effects.as_slice() {
        [ClientEffect::ChangeRefused { document: d, bytes }] => {
            assert_eq!(*d, document);
            assert!(*bytes > MAX_CHANGE_BYTES);
        }
        other => panic!("expected only a refusal, got {other:?}"),
    }
    assert_eq!(text(&me, document, "paste"), None, "undone");
    assert_eq!(
        text(&me, document, "title").as_deref(),
        Some("hello"),
        "the rest stays"
    );
    assert_eq!(me.pending(&document), 0);
    assert_eq!(
        me.document(&document).unwrap().get_actor(),
        &actor,
        "same device identity"
    );

    // The next ordinary edit is stored and synced as always.
    let effects = put(&mut me, document, "title", "hello again".into());
    assert!(matches!(effects.first(), Some(ClientEffect::Store { .. })));
    net.run(&mut me, 1, effects);
    assert!(me.is_caught_up());
    let stored = net.relay.chunks(&document);
    let (relay_doc, _) = sync_core::storage::ChunkLedger::load(document, stored).unwrap();
    assert!(
        relay_doc.get(ROOT, "paste").unwrap().is_none(),
        "the relay never saw it"
    );
    assert!(relay_doc.get(ROOT, "title").unwrap().is_some());
}

#[test]
fn a_document_over_its_quota_is_held_and_everything_else_syncs() {
    let big = DocumentId::from_random_bytes([22; 16]);
    let small = DocumentId::from_random_bytes([23; 16]);
    let mut config = net::config();
    config.max_document_bytes = 8 * 1024;
    let mut net = Net::with(config);
    net.allow_close = true;
    let mut ann = Client::new("ann".into(), "s1".into());
    let mut ben = Client::new("ben".into(), "s2".into());
    for client in [&mut ann, &mut ben] {
        client.open(big, &[]).unwrap();
        client.open(small, &[]).unwrap();
    }
    net.connect(&mut ann, 1);
    net.connect(&mut ben, 2);
    let effects = put(&mut ben, big, "from-ben", "first".into());
    net.run(&mut ben, 2, effects);
    net.deliver(&mut ann, 1);
    assert_eq!(text(&ann, big, "from-ben").as_deref(), Some("first"));

    // Ann adds 16 KiB to a document the relay caps at 8 KiB: refused, and held.
    let effects = put(
        &mut ann,
        big,
        "attachment",
        ScalarValue::Bytes(noise(16 * 1024, 2)),
    );
    let seen = net.run(&mut ann, 1, effects);
    let held: Vec<&Refusal> = seen
        .iter()
        .filter_map(|e| match e {
            ClientEffect::Held(refusal) => Some(refusal),
            _ => None,
        })
        .collect();
    assert_eq!(
        held,
        [&Refusal::DocumentFull {
            document: big,
            limit: 8 * 1024
        }]
    );
    assert_eq!(
        net.closed.len(),
        1,
        "the refusal ends that connection: {:?}",
        net.closed
    );
    assert_eq!(ann.held(&big), Some(held[0]));
    assert!(ann.held(&small).is_none());
    assert_eq!(ann.pending(&big), 1, "kept on the device, still waiting");
    assert!(
        net.device_chunks.iter().any(|c| c.key.document == big),
        "and stored there"
    );

    // Reconnected: the other document syncs both ways, the held one still receives.
    let seen = net.connect(&mut ann, 3);
    assert!(
        !seen
            .iter()
            .any(|e| matches!(e, ClientEffect::Close(_) | ClientEffect::Held(_))),
        "no new refusal, no close: {seen:?}"
    );
    let effects = put(&mut ann, small, "from-ann", "note".into());
    net.run(&mut ann, 3, effects);
    net.deliver(&mut ben, 2);
    assert_eq!(text(&ben, small, "from-ann").as_deref(), Some("note"));
    // Edit after edit reaches Ann (a held document must not stall the relay's flow to her).
    for n in 0..6 {
        let value = format!("edit {n}");
        let effects = put(&mut ben, big, "from-ben", value.clone().into());
        net.run(&mut ben, 2, effects);
        let seen = net.deliver(&mut ann, 3);
        assert!(!seen
            .iter()
            .any(|e| matches!(e, ClientEffect::Close(_) | ClientEffect::Held(_))));
        assert_eq!(text(&ann, big, "from-ben"), Some(value));
    }
    assert_eq!(
        text(&ann, big, "attachment").as_deref(),
        Some("(bytes)"),
        "still here"
    );
    assert_eq!(net.closed.len(), 1, "never refused again: {:?}", net.closed);
    assert!(
        net.frames_from[&3] < 20,
        "a held document does not ping-pong with the relay: {} frames",
        net.frames_from[&3]
    );
    assert!(text(&ben, big, "attachment").is_none(), "never shared");
    let stored = net.relay.chunks(&big);
    let stored_bytes: usize = stored.iter().map(|c| c.bytes.len()).sum();
    assert!(
        stored_bytes < 8 * 1024,
        "the relay kept to its limit: {stored_bytes}"
    );
}

#[test]
fn a_community_over_its_quota_refuses_new_writes_with_its_own_reason() {
    let first = DocumentId::from_random_bytes([24; 16]);
    let second = DocumentId::from_random_bytes([25; 16]);
    let mut config = net::config();
    config.max_community_bytes = 12 * 1024;
    let mut net = Net::with(config);
    net.allow_close = true;
    let mut ann = Client::new("ann".into(), "s1".into());
    ann.open(first, &[]).unwrap();
    ann.open(second, &[]).unwrap();
    net.connect(&mut ann, 1);
    let effects = put(&mut ann, first, "a", ScalarValue::Bytes(noise(8 * 1024, 3)));
    let seen = net.run(&mut ann, 1, effects);
    assert!(
        seen.iter().all(|e| !matches!(e, ClientEffect::Held(_))),
        "{seen:?}"
    );
    let effects = put(
        &mut ann,
        second,
        "b",
        ScalarValue::Bytes(noise(8 * 1024, 4)),
    );
    let seen = net.run(&mut ann, 1, effects);
    assert!(
        seen.contains(&ClientEffect::Held(Refusal::CommunityFull {
            document: second,
            limit: 12 * 1024
        })),
        "{seen:?}"
    );
    assert!(
        ann.held(&first).is_some(),
        "a full community holds every document at once"
    );
    assert_eq!(ann.pending(&first), 0, "the first document was stored");
}

#[test]
fn changes_too_large_for_one_frame_are_held_not_sent() {
    let document = DocumentId::from_random_bytes([26; 16]);
    let mut net = Net::new();
    let mut ann = Client::new("ann".into(), "s1".into());
    let mut ben = Client::new("ben".into(), "s2".into());
    ann.open(document, &[]).unwrap();
    ben.open(document, &[]).unwrap();
    net.connect(&mut ben, 2);
    let effects = put(&mut ben, document, "from-ben", "hello".into());
    net.run(&mut ben, 2, effects);

    // Offline, Ann makes changes that are each allowed but together pass one frame.
    let piece = MAX_CHANGE_BYTES - 64 * 1024;
    for n in 0..=(MAX_FRAME_BYTES / piece) {
        let value = ScalarValue::Bytes(noise(piece, 10 + n as u64));
        let effects = put(&mut ann, document, &format!("piece-{n}"), value);
        assert!(
            matches!(effects.first(), Some(ClientEffect::Store { .. })),
            "each is made"
        );
    }
    let seen = net.connect(&mut ann, 1);
    assert!(
        seen.contains(&ClientEffect::Held(Refusal::TooLargeToSend { document })),
        "{seen:?}"
    );
    assert!(
        net.closed.is_empty(),
        "nothing the relay would refuse was sent"
    );
    assert_eq!(
        text(&ann, document, "from-ben").as_deref(),
        Some("hello"),
        "still receives"
    );
    assert!(text(&ben, document, "piece-0").is_none());
    assert!(ann.pending(&document) > 0, "kept, pending");
}

#[test]
fn another_tabs_batch_is_not_size_checked_as_if_it_were_ours() {
    let document = DocumentId::from_random_bytes([27; 16]);
    // Another member's large change (the relay took it), forwarded by this device's other tab.
    let mut other = Client::new("other".into(), "s9".into());
    other.open(document, &[]).unwrap();
    let mut big = automerge::Automerge::new();
    let mut tx = big.transaction();
    tx.put(
        ROOT,
        "paste",
        ScalarValue::Bytes(noise(MAX_CHANGE_BYTES + 4096, 7)),
    )
    .unwrap();
    tx.commit();
    let changes: Vec<Vec<u8>> = big
        .get_changes(&[])
        .into_iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    let mut tab = Client::new("tab".into(), "s1".into());
    tab.open(document, &[]).unwrap();
    let effects = tab.apply_changes(document, &changes);
    assert!(
        matches!(effects.first(), Some(ClientEffect::Store { .. })),
        "stored like any change: {:?}",
        effects
            .iter()
            .map(std::mem::discriminant)
            .collect::<Vec<_>>()
    );
    assert!(!effects
        .iter()
        .any(|e| matches!(e, ClientEffect::ChangeRefused { .. })));
    assert_eq!(text(&tab, document, "paste").as_deref(), Some("(bytes)"));
}

/// The relay's side of a conversation, by hand: a frame from "relay" to "ann".
fn from_relay(message: sync_core::wire::WireMessage) -> Vec<u8> {
    message.encode()
}

fn relay_sync(document: DocumentId, doc: &automerge::Automerge) -> Vec<u8> {
    use automerge::sync::SyncDoc;
    // A fresh state: the message carries the relay's heads and no changes, as one does when the
    // relay's news is announced before its changes are asked for (or a Bloom filter's false
    // positive left them out).
    let message = doc
        .generate_sync_message(&mut automerge::sync::State::new())
        .unwrap();
    from_relay(sync_core::wire::WireMessage::Sync {
        sender_id: "relay".into(),
        target_id: "ann".into(),
        document_id: document,
        data: message.encode(),
    })
}

/// The heads and needs of the sync messages among `effects`.
fn sent(effects: &[ClientEffect]) -> Vec<automerge::sync::Message> {
    effects
        .iter()
        .filter_map(|e| match e {
            ClientEffect::Send(bytes) => match sync_core::wire::WireMessage::decode(bytes).ok()? {
                sync_core::wire::WireMessage::Sync { data, .. } => {
                    automerge::sync::Message::decode(&data).ok()
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[test]
fn a_held_member_never_claims_to_have_nothing_while_the_relays_news_is_on_its_way() {
    let document = DocumentId::from_random_bytes([31; 16]);
    let mut ann = Client::new("ann".into(), "s1".into());
    ann.open(document, &[]).unwrap();
    let peer = || {
        from_relay(sync_core::wire::WireMessage::Peer {
            sender_id: "relay".into(),
            target_id: "ann".into(),
            selected_protocol_version: sync_core::wire::PROTOCOL_VERSION.to_string(),
            metadata: None,
        })
    };
    put(&mut ann, document, "base", "shared".into());
    // What the relay holds: the shared change, and then Ben's, which Ann has not received.
    let relay_base = ann.document(&document).unwrap().fork();
    let mut relay_now = relay_base.fork();
    {
        let mut tx = relay_now.transaction();
        tx.put(ROOT, "from-ben", "news").unwrap();
        tx.commit();
    }
    let bens = relay_now.get_heads();
    // Ann's next change is refused as over the document's limit: held from now on.
    put(
        &mut ann,
        document,
        "big",
        ScalarValue::Bytes(noise(2048, 5)),
    );
    ann.connected();
    ann.receive(&peer());
    let refused = Refusal::DocumentFull {
        document,
        limit: 1024,
    };
    let effects = ann.receive(&from_relay(sync_core::wire::WireMessage::Error {
        message: refused.message(),
    }));
    assert!(effects.iter().any(|e| matches!(e, ClientEffect::Held(_))));
    ann.disconnected();
    // Reconnected: the relay first says what they share, then announces Ben's change.
    ann.connected();
    ann.receive(&peer());
    let answer = sent(&ann.receive(&relay_sync(document, &relay_base)));
    assert_eq!(
        answer.last().map(|m| m.heads.clone()),
        Some(relay_base.get_heads())
    );
    let answer = sent(&ann.receive(&relay_sync(document, &relay_now)));
    let message = answer.last().expect("Ann answers the announcement");
    assert_eq!(
        message.heads,
        relay_base.get_heads(),
        "the heads last shared, never none (read as 'this peer lost everything')"
    );
    assert_eq!(message.need, bens, "and she asks for Ben's change");
    assert!(
        message.changes.is_empty(),
        "her held change stays on her device"
    );
}

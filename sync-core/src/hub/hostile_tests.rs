//! The hub against hostile or broken peers: every refusal ends the offender only, and the
//! honest peers of the same document keep syncing with their content intact.

use super::test_rig::{sends, sync_frame, Rig};
use super::*;
use crate::wire::PROTOCOL_VERSION;

#[test]
fn regression_9_a_ten_byte_bloom_message_ends_its_sender_only() {
    let mut rig = Rig::new();
    rig.join(1, "alice", "a");
    rig.join(2, "bob", "b");
    rig.join(3, "mallory", "m");
    rig.write(1, "before");
    assert!(rig.has(2, "before"));

    // One entry, zero bits per entry: automerge 0.12 computes `x % 0` on it.
    let bloom = vec![0x42, 0, 0, 1, 0, 3, 1, 0, 7, 0];
    rig.frame(3, sync_frame("mallory", bloom));
    assert!(
        rig.closed(3).is_some_and(|r| r.contains("Bloom")),
        "{:?}",
        rig.closed
    );
    assert_eq!(rig.closed.len(), 1, "only the sender: {:?}", rig.closed);

    rig.write(1, "after");
    assert!(rig.has(2, "after"), "the others keep syncing");
    rig.write(2, "reply");
    assert!(rig.has(1, "reply") && rig.has(1, "before"));
}

#[test]
fn regression_9_an_ephemeral_message_must_come_from_its_own_connection() {
    let mut rig = Rig::new();
    rig.join(1, "alice", "a");
    rig.join(2, "bob", "b");
    let forged = WireMessage::Ephemeral {
        sender_id: "alice".into(),
        target_id: "relay".into(),
        document_id: Rig::document(),
        count: 1,
        session_id: "x".into(),
        data: vec![0xa0],
    }
    .encode();
    let effects = rig.hub.handle(HubEvent::Frame {
        connection: 2,
        bytes: forged,
    });
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, HubEffect::Send { connection: 1, .. })),
        "nothing reaches alice as from alice"
    );
    assert!(matches!(
        effects.last(),
        Some(HubEffect::Close { connection: 2, .. })
    ));

    // Bob's own messages still go through, stamped with bob's id.
    let mut rig = Rig::new();
    rig.join(1, "alice", "a");
    rig.join(2, "bob", "b");
    let effects = rig.hub.handle(HubEvent::Frame {
        connection: 2,
        bytes: rig
            .clients
            .get_mut(&2)
            .map(|c| sends(c.broadcast(Rig::document(), vec![0xa0])))
            .unwrap()
            .remove(0),
    });
    let [HubEffect::Send {
        connection: 1,
        bytes,
    }] = &effects[..]
    else {
        panic!("{effects:?}")
    };
    assert!(matches!(
        WireMessage::decode(bytes),
        Ok(WireMessage::Ephemeral { sender_id, .. }) if sender_id == "bob"
    ));
}

#[test]
fn a_peer_id_moves_only_between_connections_of_its_holder() {
    let mut rig = Rig::new();
    rig.join(1, "alice", "a");
    // Someone else claiming alice's id is refused; alice stays.
    rig.join(2, "alice", "m");
    assert!(rig
        .closed(2)
        .is_some_and(|r| r.contains("another connection")));
    assert!(rig.closed(1).is_none());
    // Alice's own reconnect (same holder) takes the id over from the stale connection.
    rig.join(3, "alice", "a");
    assert!(rig.closed(1).is_some_and(|r| r.contains("replaced")));
    assert!(rig.closed(3).is_none());
}

#[test]
fn after_a_panic_only_the_offender_goes_and_the_document_reloads_for_the_others() {
    let mut rig = Rig::new();
    rig.join(1, "alice", "a");
    rig.join(2, "bob", "b");
    rig.join(3, "mallory", "m");
    rig.write(1, "kept");
    // As the relay's driver does when handling mallory's frame panicked.
    let effects = rig.hub.recover(Culprit::Frame {
        connection: 3,
        document: Some(Rig::document()),
    });
    assert!(effects.contains(&HubEffect::Load {
        document: Rig::document()
    }));
    rig.perform(effects);
    assert!(rig.closed(3).is_some());
    assert_eq!(rig.closed.len(), 1, "only the offender: {:?}", rig.closed);
    // Without being resubscribed, alice would never hear of bob's next change.
    rig.write(2, "after");
    assert!(rig.has(1, "after") && rig.has(1, "kept"));
    rig.write(1, "again");
    assert!(rig.has(2, "again"));
}

#[test]
fn every_kept_crasher_is_refused_cleanly() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-crashers");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&folder).expect("the crashers folder") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("sync") => {
                assert!(
                    crate::sync_check::check_sync_message(&bytes).is_err(),
                    "{} passed the check",
                    path.display()
                );
                // And through the hub: the sender is refused, nobody else is touched.
                let mut rig = Rig::new();
                rig.join(1, "honest", "h");
                rig.join(2, "mallory", "m");
                rig.frame(2, sync_frame("mallory", bytes));
                assert_eq!(
                    rig.closed.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
                    vec![2],
                    "{}",
                    path.display()
                );
            }
            Some("frame") => {
                let mut rig = Rig::new();
                rig.join(1, "honest", "h");
                rig.join(2, "mallory", "m");
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rig.frame(2, bytes)));
                assert!(outcome.is_ok(), "{} panics the hub", path.display());
                assert!(
                    rig.closed.iter().all(|(c, _)| *c == 2),
                    "{} closed someone else",
                    path.display()
                );
            }
            _ => continue,
        }
        replayed += 1;
    }
    assert!(replayed >= 5, "the report's crashers are kept: {replayed}");
}

#[test]
fn a_peer_asking_for_the_whole_document_again_and_again_is_slowed_not_served_unbounded() {
    use automerge::{
        sync::{State, SyncDoc},
        transaction::Transactable,
        ROOT,
    };
    let mut rig = Rig::new();
    rig.join(1, "alice", "a");
    // A document of 900 KiB that does not compress (one change, under the change limit).
    let mut noise = 0x9e37_79b9_7f4a_7c15_u64;
    let blob: Vec<u8> = (0..900 * 1024)
        .map(|_| {
            noise ^= noise << 13;
            noise ^= noise >> 7;
            noise ^= noise << 17;
            noise as u8
        })
        .collect();
    let frames = rig
        .clients
        .get_mut(&1)
        .map(|c| {
            sends(c.change(Rig::document(), |d| {
                let mut tx = d.transaction();
                tx.put(ROOT, "blob", blob).unwrap();
                tx.commit();
            }))
        })
        .unwrap();
    for frame in frames {
        rig.frame(1, frame);
    }
    // Mallory connects with a hand-written client: no engine remembers what it was sent.
    rig.hub.handle(HubEvent::Connected {
        connection: 2,
        access: Access {
            scope: "c".into(),
            can_write: true,
            holder: "m".into(),
        },
    });
    let join = WireMessage::Join {
        sender_id: "mallory".into(),
        supported_protocol_versions: vec![PROTOCOL_VERSION.into()],
        metadata: None,
    };
    rig.hub.handle(HubEvent::Frame {
        connection: 2,
        bytes: join.encode(),
    });
    // "I have nothing": Automerge answers it with the whole document, every time.
    let nothing = Automerge::new()
        .generate_sync_message(&mut State::new())
        .unwrap()
        .encode();
    let mut sent = 0usize;
    for _ in 0..200 {
        for effect in rig.hub.handle(HubEvent::Frame {
            connection: 2,
            bytes: sync_frame("mallory", nothing.clone()),
        }) {
            if let HubEffect::Send {
                connection: 2,
                bytes,
            } = effect
            {
                sent += bytes.len();
            }
        }
    }
    let bound = (SEND_BURST_BYTES as usize) + 2 * 1024 * 1024;
    assert!(
        sent <= bound,
        "200 requests made the relay send {sent} bytes (bound {bound})"
    );
    assert!(
        sent >= 900 * 1024,
        "the document was sent at least once: {sent}"
    );
    assert!(
        rig.closed.is_empty(),
        "slowed, not refused: {:?}",
        rig.closed
    );
    // Time passes: what it is owed arrives (one message), nothing is lost.
    let mut later = 0usize;
    for _ in 0..10 {
        for effect in rig.hub.handle(HubEvent::Tick) {
            if let HubEffect::Send {
                connection: 2,
                bytes,
            } = effect
            {
                later += bytes.len();
            }
        }
    }
    assert!(
        later >= 900 * 1024,
        "the owed answer came once refilled: {later}"
    );
    // An honest member is not slowed by another's budget.
    rig.write(1, "after");
    rig.join(3, "bob", "b");
    assert!(rig.has(3, "after") && rig.has(3, "blob"));
}

#[test]
fn a_frame_that_waited_for_a_load_is_handled_as_its_senders_own_event() {
    let mut rig = Rig::new();
    rig.join(1, "alice", "a");
    rig.write(1, "kept");
    // A relay that has the document on disk but not in memory (as after a restart).
    let document = Rig::document();
    let disk = rig.store.clone();
    let mut hub = Hub::new(rig.hub.config.clone());
    hub.handle(HubEvent::Connected {
        connection: 3,
        access: Access {
            scope: "c".into(),
            can_write: true,
            holder: "m".into(),
        },
    });
    let join = WireMessage::Join {
        sender_id: "mallory".into(),
        supported_protocol_versions: vec![PROTOCOL_VERSION.into()],
        metadata: None,
    };
    hub.handle(HubEvent::Frame {
        connection: 3,
        bytes: join.encode(),
    });
    let bloom = vec![0x42, 0, 0, 1, 0, 3, 1, 0, 7, 0];
    let effects = hub.handle_deferred(HubEvent::Frame {
        connection: 3,
        bytes: sync_frame("mallory", bloom),
    });
    assert_eq!(
        effects,
        vec![HubEffect::Load { document }],
        "it waits for the load"
    );
    let loaded = hub.handle_deferred(disk.loaded(document));
    assert!(
        !loaded.iter().any(|e| matches!(e, HubEffect::Close { .. })),
        "the load itself handles no peer's message: {loaded:?}"
    );
    let replayed = hub.next_replay().expect("mallory's frame comes back");
    assert_eq!(
        Culprit::of(&replayed),
        Culprit::Frame {
            connection: 3,
            document: Some(document)
        },
        "a panic in it would be blamed on mallory, not on the document"
    );
    let refused = hub.handle_deferred(replayed);
    assert!(
        refused.iter().any(|e| matches!(e, HubEffect::Close { .. })),
        "{refused:?}"
    );
    assert!(refused
        .iter()
        .any(|e| matches!(e, HubEffect::Close { connection: 3, .. })));
    assert!(hub.next_replay().is_none());
    assert_eq!(
        hub.documents_in_memory(),
        1,
        "the document is loaded, not broken"
    );
}

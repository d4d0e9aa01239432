//! The hub's unit tests: routing, limits, eviction, ephemeral rules, panic recovery.

use super::test_rig::sends;
use super::*;
use crate::client::{Client, ClientEffect};

fn hub() -> Hub {
    Hub::new(HubConfig {
        peer_id: "relay".into(),
        storage_id: "storage".into(),
        max_documents_per_connection: 2,
        max_idle_documents: 1,
        max_document_bytes: crate::limits::MAX_DOCUMENT_BYTES,
        max_community_bytes: crate::limits::MAX_COMMUNITY_BYTES,
    })
}

fn connect(hub: &mut Hub, connection: ConnectionId, client: &mut Client) {
    hub.handle(HubEvent::Connected {
        connection,
        access: Access {
            scope: "c".into(),
            can_write: true,
            holder: "holder".into(),
        },
    });
    let join = sends(client.connected());
    let replies = hub.handle(HubEvent::Frame {
        connection,
        bytes: join[0].clone(),
    });
    let HubEffect::Send { bytes, .. } = &replies[0] else {
        panic!("{replies:?}")
    };
    client.receive(bytes);
    assert!(client.is_handshake_done());
}

#[test]
fn a_request_for_an_unknown_document_is_answered_unavailable_after_loading() {
    let mut hub = hub();
    let mut client = Client::new("bob".into(), "s".into());
    connect(&mut hub, 1, &mut client);
    let document = DocumentId::from_random_bytes([5; 16]);
    let request = sends(client.open(document, &[]).unwrap());
    assert_eq!(request.len(), 1, "opening sends a request");
    assert!(matches!(
        WireMessage::decode(&request[0]),
        Ok(WireMessage::Request { .. })
    ));
    let effects = hub.handle(HubEvent::Frame {
        connection: 1,
        bytes: request[0].clone(),
    });
    assert_eq!(effects, vec![HubEffect::Load { document }]);
    let effects = hub.handle(HubEvent::Loaded {
        document,
        scope: None,
        chunks: vec![],
    });
    let [HubEffect::Send { bytes, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert!(matches!(
        WireMessage::decode(bytes),
        Ok(WireMessage::DocUnavailable { .. })
    ));
    assert!(client
        .receive(bytes)
        .contains(&ClientEffect::Unavailable(document)));
}

#[test]
fn limits_and_protocol_violations_close_with_an_error() {
    let mut hub = hub();
    hub.handle(HubEvent::Connected {
        connection: 1,
        access: Access {
            scope: "c".into(),
            can_write: true,
            holder: "holder".into(),
        },
    });
    let not_join = WireMessage::Leave {
        sender_id: "x".into(),
    }
    .encode();
    let effects = hub.handle(HubEvent::Frame {
        connection: 1,
        bytes: not_join,
    });
    assert!(matches!(effects.last(), Some(HubEffect::Close { .. })));

    let mut client = Client::new("bob".into(), "s".into());
    connect(&mut hub, 2, &mut client);
    for seed in 0..3u8 {
        let document = DocumentId::from_random_bytes([seed; 16]);
        let request = sends(client.open(document, &[]).unwrap());
        let effects = hub.handle(HubEvent::Frame {
            connection: 2,
            bytes: request[0].clone(),
        });
        if seed < 2 {
            assert_eq!(effects, vec![HubEffect::Load { document }]);
        } else {
            assert!(
                matches!(effects.last(), Some(HubEffect::Close { reason, .. }) if reason.contains("too many documents"))
            );
        }
    }
}

#[test]
fn idle_documents_are_evicted_down_to_the_limit_and_reload_on_demand() {
    let mut hub = hub(); // max_idle_documents: 1
    let mut stored: HashMap<DocumentId, Vec<Chunk>> = HashMap::new();
    for round in 0..2 {
        let connection = 10 + round;
        let mut client = Client::new(format!("writer{round}").into(), "s".into());
        connect(&mut hub, connection, &mut client);
        for seed in 0..2u8 {
            let document = DocumentId::from_random_bytes([seed + 20; 16]);
            let _ = client.open(document, &[]).unwrap();
            let mut queue: Vec<Vec<u8>> = sends(client.change(document, |d| {
                use automerge::transaction::Transactable;
                let mut tx = d.transaction();
                tx.put(automerge::ROOT, format!("r{round}"), 1).unwrap();
                tx.commit();
            }));
            while let Some(bytes) = queue.pop() {
                let mut effects = hub.handle(HubEvent::Frame { connection, bytes });
                while let Some(effect) = effects.pop() {
                    match effect {
                        HubEffect::Load { document } => {
                            effects.extend(hub.handle(HubEvent::Loaded {
                                document,
                                scope: stored.get(&document).map(|_| "c".into()),
                                chunks: stored.get(&document).cloned().unwrap_or_default(),
                            }))
                        }
                        HubEffect::Store {
                            document,
                            op: crate::storage::StorageOp::Compact { chunks, .. },
                            ..
                        } => {
                            stored.insert(document, chunks);
                        }
                        HubEffect::Store {
                            document,
                            op: crate::storage::StorageOp::Put(chunk),
                            ..
                        } => {
                            stored.entry(document).or_default().push(chunk);
                        }
                        HubEffect::Send { bytes, .. } => {
                            queue.extend(sends(client.receive(&bytes)))
                        }
                        HubEffect::Close { reason, .. } => panic!("{reason}"),
                    }
                }
            }
        }
        assert_eq!(
            hub.documents_in_memory(),
            2,
            "both open documents stay loaded"
        );
        hub.handle(HubEvent::Disconnected { connection });
        assert_eq!(
            hub.documents_in_memory(),
            1,
            "idle documents are evicted down to the limit"
        );
    }
    // The second round reloaded the evicted document from storage and added to it.
    for seed in 0..2u8 {
        let document = DocumentId::from_random_bytes([seed + 20; 16]);
        let (doc, _) = ChunkLedger::load(document, &stored[&document]).unwrap();
        use automerge::ReadDoc;
        assert!(
            doc.get(automerge::ROOT, "r0").unwrap().is_some()
                && doc.get(automerge::ROOT, "r1").unwrap().is_some()
        );
    }
}

#[test]
fn regression_8_a_peer_whose_heads_the_relay_reached_meanwhile_is_still_told_it_is_synced() {
    use super::test_rig::Rig;
    use automerge::transaction::Transactable;
    let mut rig = Rig::new();
    rig.join(1, "tab-one", "device");
    rig.join(2, "tab-two", "device");
    rig.write(1, "start");
    let document = Rig::document();
    assert!(rig.has(2, "start") && rig.clients[&1].is_caught_up());

    // Tab two writes; the relay's message about it to tab one is still on its way.
    let from_two = sends(rig.clients.get_mut(&2).unwrap().change(document, |d| {
        let mut tx = d.transaction();
        tx.put(automerge::ROOT, "x", 1).unwrap();
        tx.commit();
    }));
    let mut to_one = Vec::new();
    for bytes in from_two {
        for effect in rig.hub.handle(HubEvent::Frame {
            connection: 2,
            bytes,
        }) {
            match effect {
                HubEffect::Send {
                    connection: 1,
                    bytes,
                } => to_one.push(bytes),
                other => rig.perform(vec![other]),
            }
        }
    }
    // Meanwhile tab one types, then reads that message and answers it: the answer carries no
    // changes (its change already left) and heads the relay reaches once it has the change.
    let mut from_one = sends(rig.clients.get_mut(&1).unwrap().change(document, |d| {
        let mut tx = d.transaction();
        tx.put(automerge::ROOT, "typed", "ש").unwrap();
        tx.commit();
    }));
    for bytes in to_one {
        from_one.extend(sends(rig.clients.get_mut(&1).unwrap().receive(&bytes)));
    }
    // Both reach the relay in one batch (one flush), as on the relay thread under load.
    for bytes in from_one {
        let effects = rig.hub.handle_deferred(HubEvent::Frame {
            connection: 1,
            bytes,
        });
        rig.perform(effects);
    }
    let flushed = rig.hub.flush();
    for (connection, bytes) in flushed {
        rig.perform(vec![HubEffect::Send { connection, bytes }]);
    }
    assert!(
        rig.has(2, "typed") && rig.has(1, "x"),
        "the content arrived"
    );
    for tab in [1, 2] {
        let client = &rig.clients[&tab];
        assert_eq!(
            client.pending(&document),
            0,
            "tab {tab} still waits for the relay"
        );
        assert!(client.is_caught_up(), "tab {tab} is not told it is synced");
    }
}

#[test]
fn a_load_that_failed_refuses_its_waiters_and_the_next_request_loads_again() {
    let mut hub = hub();
    let mut client = Client::new("waiting".into(), "s".into());
    connect(&mut hub, 1, &mut client);
    let document = DocumentId::from_random_bytes([42; 16]);
    let request = sends(client.open(document, &[]).unwrap());
    let effects = hub.handle(HubEvent::Frame {
        connection: 1,
        bytes: request[0].clone(),
    });
    assert_eq!(effects, vec![HubEffect::Load { document }]);
    // The driver could not read it: the waiter is told why, and the document is not stuck.
    let effects = hub.load_failed(document);
    assert!(matches!(
        effects.last(),
        Some(HubEffect::Close { connection: 1, reason }) if reason == NOT_READING
    ));
    assert_eq!(hub.documents_in_memory(), 0);
    let mut again = Client::new("again".into(), "s2".into());
    connect(&mut hub, 2, &mut again);
    let request = sends(again.open(document, &[]).unwrap());
    let effects = hub.handle(HubEvent::Frame {
        connection: 2,
        bytes: request[0].clone(),
    });
    assert_eq!(
        effects,
        vec![HubEffect::Load { document }],
        "loaded again, not queued"
    );
}

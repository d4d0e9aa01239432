//! The fuzzer's seed corpus: every frame real clients send while they join, create documents,
//! co-edit text and maps, and announce presence through a hub — recorded, not hand-made.

use std::collections::{HashMap, VecDeque};

use automerge::{transaction::Transactable, ObjType, ReadDoc, ROOT};
use sync_core::{
    client::{Client, ClientEffect},
    hub::{Access, ConnectionId, Hub, HubConfig, HubEffect, HubEvent},
    ids::DocumentId,
    presence::Presence,
    testing::{self, MemoryStore},
};

/// Records the frames two members send over a short co-editing session.
pub fn record() -> Vec<Vec<u8>> {
    let mut hub = Hub::new(HubConfig {
        max_documents_per_connection: 64,
        max_idle_documents: 16,
        ..testing::hub_config()
    });
    let mut disk = MemoryStore::new();
    let mut clients: HashMap<ConnectionId, Client> = HashMap::new();
    let mut recorded = Vec::new();
    let documents = [super::document(), DocumentId::from_random_bytes([0x3c; 16])];
    for connection in [1, 2] {
        hub.handle(HubEvent::Connected {
            connection,
            access: Access {
                scope: "community".into(),
                can_write: true,
                holder: format!("member-{connection}"),
            },
        });
        let mut client = Client::new(
            format!("member-{connection}").into(),
            format!("s{connection}"),
        );
        let mut effects = client.connected();
        clients.insert(connection, client);
        pump(
            &mut hub,
            &mut disk,
            &mut clients,
            &mut recorded,
            connection,
            &mut effects,
        );
        for document in documents {
            let mut effects = clients
                .get_mut(&connection)
                .and_then(|c| c.open(document, &[]).ok())
                .unwrap_or_default();
            pump(
                &mut hub,
                &mut disk,
                &mut clients,
                &mut recorded,
                connection,
                &mut effects,
            );
        }
    }
    for round in 0..12u32 {
        let connection = 1 + u64::from(round % 2);
        let document = documents[(round % 3 == 0) as usize];
        let Some(client) = clients.get_mut(&connection) else {
            continue;
        };
        let mut effects = client.change(document, |doc| {
            let mut tx = doc.transaction();
            let text = match tx.get(ROOT, "text") {
                Ok(Some((_, id))) => id,
                _ => tx.put_object(ROOT, "text", ObjType::Text).unwrap(),
            };
            let _ = tx.splice_text(&text, 0, 0, &format!("עריכה {round} edit "));
            let list = match tx.get(ROOT, "entries") {
                Ok(Some((_, id))) => id,
                _ => tx.put_object(ROOT, "entries", ObjType::Map).unwrap(),
            };
            let _ = tx.put(&list, format!("e{round}"), i64::from(round));
            tx.commit();
        });
        let presence = Presence {
            member: format!("member-{connection}"),
            name: "חבר".into(),
            viewing: "/glossary".into(),
            writing: connection % 2 == 0,
            leaving: false,
        };
        effects.extend(client.broadcast(document, presence.encode()));
        pump(
            &mut hub,
            &mut disk,
            &mut clients,
            &mut recorded,
            connection,
            &mut effects,
        );
    }
    recorded
}

/// Carries `effects` of `from`'s client to the hub and the hub's answers back, recording every
/// frame a client sends.
fn pump(
    hub: &mut Hub,
    disk: &mut MemoryStore,
    clients: &mut HashMap<ConnectionId, Client>,
    recorded: &mut Vec<Vec<u8>>,
    from: ConnectionId,
    effects: &mut Vec<ClientEffect>,
) {
    let mut frames: VecDeque<(ConnectionId, Vec<u8>)> = effects
        .drain(..)
        .filter_map(|e| match e {
            ClientEffect::Send(bytes) => Some((from, bytes)),
            _ => None,
        })
        .collect();
    while let Some((connection, bytes)) = frames.pop_front() {
        recorded.push(bytes.clone());
        let mut events = VecDeque::from([HubEvent::Frame { connection, bytes }]);
        while let Some(event) = events.pop_front() {
            for effect in hub.handle(event) {
                match effect {
                    storage @ (HubEffect::Store { .. } | HubEffect::Load { .. }) => {
                        if let Ok(Some(loaded)) = disk.perform(storage) {
                            events.push_back(loaded);
                        }
                    }
                    HubEffect::Send { connection, bytes } => {
                        if let Some(client) = clients.get_mut(&connection) {
                            for reply in client.receive(&bytes) {
                                if let ClientEffect::Send(reply) = reply {
                                    frames.push_back((connection, reply));
                                }
                            }
                        }
                    }
                    HubEffect::Close { .. } => {}
                }
            }
        }
    }
}

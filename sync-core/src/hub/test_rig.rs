//! A hub with an in-memory disk and honest clients, driven the way the relay drives it (tests
//! only).

use std::collections::HashMap;

use automerge::{transaction::Transactable, ReadDoc, ROOT};

use super::*;
pub(super) use crate::client::{Client, ClientEffect};
use crate::testing::{self, MemoryStore};

/// A hub with the shared in-memory store ([`crate::testing`]) and honest clients, driven the way
/// the relay drives it.
pub(super) struct Rig {
    pub hub: Hub,
    pub store: MemoryStore,
    pub clients: HashMap<ConnectionId, Client>,
    /// Reasons the hub closed connections with.
    pub closed: Vec<(ConnectionId, String)>,
}

const DOC: [u8; 16] = [7; 16];

impl Rig {
    pub fn new() -> Self {
        Self {
            hub: Hub::new(testing::hub_config()),
            store: MemoryStore::new(),
            clients: HashMap::new(),
            closed: Vec::new(),
        }
    }

    pub fn document() -> DocumentId {
        DocumentId::from_random_bytes(DOC)
    }

    /// Connects `peer` as `connection` (holder `holder`) and opens the document.
    pub fn join(&mut self, connection: ConnectionId, peer: &str, holder: &str) {
        self.hub.handle(HubEvent::Connected {
            connection,
            access: Access {
                scope: testing::SCOPE.into(),
                can_write: true,
                holder: holder.into(),
            },
        });
        let mut client = Client::new(peer.into(), format!("session-{peer}"));
        let mut frames = sends(client.connected());
        self.clients.insert(connection, client);
        for frame in frames.drain(..) {
            self.frame(connection, frame);
        }
        let opened = self
            .clients
            .get_mut(&connection)
            .map(|c| sends(c.open(Self::document(), &[]).unwrap()))
            .unwrap_or_default();
        for frame in opened {
            self.frame(connection, frame);
        }
    }

    /// A frame from `connection`, and everything that follows until the network is quiet.
    pub fn frame(&mut self, connection: ConnectionId, bytes: Vec<u8>) {
        let effects = self.hub.handle(HubEvent::Frame { connection, bytes });
        self.perform(effects);
    }

    pub fn perform(&mut self, effects: Vec<HubEffect>) {
        let mut queue: std::collections::VecDeque<HubEffect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let effect = match self.store.perform(effect) {
                Ok(Some(loaded)) => {
                    queue.extend(self.hub.handle(loaded));
                    continue;
                }
                Ok(None) => continue,
                Err(effect) => effect,
            };
            match effect {
                HubEffect::Load { .. } | HubEffect::Store { .. } => {}
                HubEffect::Close { connection, reason } => {
                    self.closed.push((connection, reason));
                    self.clients.remove(&connection);
                }
                HubEffect::Send { connection, bytes } => {
                    let replies = self
                        .clients
                        .get_mut(&connection)
                        .map(|c| sends(c.receive(&bytes)))
                        .unwrap_or_default();
                    for reply in replies {
                        queue.extend(self.hub.handle(HubEvent::Frame {
                            connection,
                            bytes: reply,
                        }));
                    }
                }
            }
        }
    }

    /// `connection`'s client writes `key` and syncs.
    pub fn write(&mut self, connection: ConnectionId, key: &str) {
        let frames = self
            .clients
            .get_mut(&connection)
            .map(|c| {
                sends(c.change(Self::document(), |d| {
                    let mut tx = d.transaction();
                    tx.put(ROOT, key, 1).unwrap();
                    tx.commit();
                }))
            })
            .unwrap_or_default();
        for frame in frames {
            self.frame(connection, frame);
        }
    }

    pub fn has(&self, connection: ConnectionId, key: &str) -> bool {
        self.clients[&connection]
            .document(&Self::document())
            .is_some_and(|d| d.get(ROOT, key).unwrap().is_some())
    }

    pub fn closed(&self, connection: ConnectionId) -> Option<&str> {
        self.closed
            .iter()
            .find(|(c, _)| *c == connection)
            .map(|(_, r)| r.as_str())
    }
}

pub(super) fn sends(effects: Vec<ClientEffect>) -> Vec<Vec<u8>> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            ClientEffect::Send(b) => Some(b),
            _ => None,
        })
        .collect()
}

pub(super) fn sync_frame(sender: &str, data: Vec<u8>) -> Vec<u8> {
    WireMessage::Sync {
        sender_id: sender.into(),
        target_id: "relay".into(),
        document_id: Rig::document(),
        data,
    }
    .encode()
}

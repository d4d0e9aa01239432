//! The simulated world: members with their clients, one relay hub with its storage, and a
//! network of frames in flight that can be lost, duplicated, reordered and partitioned.

use std::collections::{HashMap, VecDeque};

use super::MAX_HEAL_DELIVERIES;
use automerge::{transaction::Transactable, ObjType, ReadDoc, ROOT};
use sync_core::{
    client::{Client, ClientEffect},
    hub::{Access, ConnectionId, Hub, HubConfig, HubEffect, HubEvent},
    ids::DocumentId,
    storage::Chunk,
    testing::{self, MemoryStore},
};

/// xorshift64*: small, seedable, and the same everywhere.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chaos {
    pub(crate) loss: u64,
    pub(crate) duplication: u64,
    pub(crate) reorder: u64,
    pub(crate) partition: u64,
}

pub(crate) struct Member {
    pub(crate) client: Client,
    pub(crate) connection: Option<ConnectionId>,
    pub(crate) storage: HashMap<DocumentId, Vec<Chunk>>,
    pub(crate) to_relay: VecDeque<Vec<u8>>,
    pub(crate) from_relay: VecDeque<Vec<u8>>,
}

pub(crate) struct World {
    pub(crate) rng: Rng,
    pub(crate) chaos: Chaos,
    /// No chaos: any close is a bug.
    pub(crate) strict: bool,
    pub(crate) hub: Hub,
    /// The relay's storage (the shared harness's): it survives relay restarts.
    pub(crate) relay_storage: MemoryStore,
    pub(crate) members: Vec<Member>,
    pub(crate) next_connection: ConnectionId,
    pub(crate) documents: Vec<DocumentId>,
    /// Every word a member wrote, and where: each must be in the converged text.
    pub(crate) written: Vec<(DocumentId, String)>,
}

fn hub_config() -> HubConfig {
    HubConfig {
        max_documents_per_connection: 64,
        max_idle_documents: 2, // small, so eviction and reloading are exercised
        ..testing::hub_config()
    }
}

impl World {
    pub(crate) fn new(seed: u64, members: usize, documents: usize, chaos: Chaos) -> World {
        let mut rng = Rng::new(seed);
        let documents: Vec<DocumentId> = (0..documents)
            .map(|_| {
                let mut bytes = [0u8; 16];
                for b in &mut bytes {
                    *b = rng.next() as u8;
                }
                DocumentId::from_random_bytes(bytes)
            })
            .collect();
        let mut world = World {
            rng,
            chaos,
            strict: chaos.loss + chaos.duplication + chaos.reorder == 0,
            hub: Hub::new(hub_config()),
            relay_storage: MemoryStore::new(),
            members: Vec::new(),
            next_connection: 1,
            documents: documents.clone(),
            written: Vec::new(),
        };
        for m in 0..members {
            let mut client = Client::new(format!("peer-{m}").into(), format!("session-{m}"));
            for document in &documents {
                // Not connected yet, so opening sends nothing.
                assert!(client.open(*document, &[]).unwrap().is_empty());
            }
            world.members.push(Member {
                client,
                connection: None,
                storage: HashMap::new(),
                to_relay: VecDeque::new(),
                from_relay: VecDeque::new(),
            });
        }
        // Member 0 creates every document with its text field, as the app would.
        for document in documents {
            let effects = world.members[0].client.change(document, |doc| {
                let mut tx = doc.transaction();
                tx.put_object(ROOT, "text", ObjType::Text).unwrap();
                tx.commit();
            });
            world.run_client_effects(0, effects);
        }
        for m in 0..members {
            world.connect(m);
        }
        world
    }

    pub(crate) fn connect(&mut self, m: usize) {
        if self.members[m].connection.is_some() {
            return;
        }
        let connection = self.next_connection;
        self.next_connection += 1;
        self.members[m].connection = Some(connection);
        let effects = self.hub.handle(HubEvent::Connected {
            connection,
            access: Access {
                scope: "community".into(),
                can_write: true,
                holder: "holder".into(),
            },
        });
        self.run_hub_effects(effects);
        let effects = self.members[m].client.connected();
        self.run_client_effects(m, effects);
    }

    pub(crate) fn disconnect(&mut self, m: usize) {
        let Some(connection) = self.members[m].connection.take() else {
            return;
        };
        self.members[m].to_relay.clear();
        self.members[m].from_relay.clear();
        self.members[m].client.disconnected();
        let effects = self.hub.handle(HubEvent::Disconnected { connection });
        self.run_hub_effects(effects);
    }

    /// The relay process restarts: memory is gone, storage remains, every connection drops.
    pub(crate) fn restart_relay(&mut self) {
        for m in 0..self.members.len() {
            if let Some(_connection) = self.members[m].connection.take() {
                self.members[m].to_relay.clear();
                self.members[m].from_relay.clear();
                self.members[m].client.disconnected();
            }
        }
        self.hub = Hub::new(hub_config());
    }

    pub(crate) fn run_client_effects(&mut self, m: usize, effects: Vec<ClientEffect>) {
        for effect in effects {
            match effect {
                ClientEffect::Send(bytes) => {
                    if self.members[m].connection.is_some() {
                        self.members[m].to_relay.push_back(bytes);
                    }
                }
                ClientEffect::Store { document, op } => {
                    op.apply_in_memory(self.members[m].storage.entry(document).or_default())
                }
                ClientEffect::Close(reason) => {
                    assert!(!self.strict, "member {m} closed: {reason}");
                    self.disconnect(m);
                }
                ClientEffect::Held(refusal) => panic!("member {m} held back: {refusal:?}"),
                ClientEffect::ChangeRefused { bytes, .. } => {
                    panic!("member {m} made a change of {bytes} bytes")
                }
                ClientEffect::Changed(..)
                | ClientEffect::Unavailable(_)
                | ClientEffect::Ephemeral { .. } => {}
            }
        }
    }

    pub(crate) fn run_hub_effects(&mut self, effects: Vec<HubEffect>) {
        let mut queue: VecDeque<HubEffect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                HubEffect::Send { connection, bytes } => {
                    if let Some(member) = self
                        .members
                        .iter_mut()
                        .find(|m| m.connection == Some(connection))
                    {
                        member.from_relay.push_back(bytes);
                    }
                }
                storage @ (HubEffect::Store { .. } | HubEffect::Load { .. }) => {
                    if let Ok(Some(loaded)) = self.relay_storage.perform(storage) {
                        queue.extend(self.hub.handle(loaded));
                    }
                }
                HubEffect::Close { connection, reason } => {
                    // On a reliable, ordered connection the relay never has a reason to close;
                    // duplicated or reordered frames (which TCP never produces) may break the
                    // protocol, and then closing and resyncing later is the right answer.
                    assert!(
                        !self.strict,
                        "relay closed connection {connection}: {reason}"
                    );
                    if let Some(m) = self
                        .members
                        .iter()
                        .position(|m| m.connection == Some(connection))
                    {
                        self.disconnect(m);
                    }
                }
            }
        }
    }

    /// Moves one frame from a random non-empty queue, with the network's chaos applied.
    pub(crate) fn deliver_one(&mut self) -> bool {
        let candidates: Vec<(usize, bool)> = (0..self.members.len())
            .flat_map(|m| [(m, true), (m, false)])
            .filter(|&(m, up)| {
                let member = &self.members[m];
                if up {
                    !member.to_relay.is_empty()
                } else {
                    !member.from_relay.is_empty()
                }
            })
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let (m, up) = candidates[self.rng.below(candidates.len())];
        let chaos = self.chaos;
        let queue = if up {
            &mut self.members[m].to_relay
        } else {
            &mut self.members[m].from_relay
        };
        if queue.len() > 1 && self.rng.chance(chaos.reorder) {
            queue.swap(0, 1);
        }
        let Some(frame) = queue.pop_front() else {
            return false;
        };
        if self.rng.chance(chaos.loss) {
            return true;
        }
        let copies = if self.rng.chance(chaos.duplication) {
            2
        } else {
            1
        };
        for _ in 0..copies {
            if up {
                let Some(connection) = self.members[m].connection else {
                    return true;
                };
                let effects = self.hub.handle(HubEvent::Frame {
                    connection,
                    bytes: frame.clone(),
                });
                self.run_hub_effects(effects);
            } else {
                let effects = self.members[m].client.receive(&frame);
                self.run_client_effects(m, effects);
            }
        }
        true
    }

    pub(crate) fn random_edit(&mut self, step: usize) {
        let m = self.rng.below(self.members.len());
        let document = self.documents[self.rng.below(self.documents.len())];
        let word = format!("m{m}s{step} ");
        let position = self.rng.next() as usize;
        let mut wrote = false;
        let effects = self.members[m].client.change(document, |doc| {
            let Some((_, text)) = doc.get(ROOT, "text").ok().flatten() else {
                return;
            };
            // Words go in between words (never inside one), so each stays whole in the merge
            // and the final check can find it.
            let current = doc.text(&text).unwrap_or_default();
            let boundaries: Vec<usize> = std::iter::once(0)
                .chain(
                    current
                        .char_indices()
                        .filter(|(_, c)| *c == ' ')
                        .map(|(i, _)| i + 1),
                )
                .collect();
            let at = boundaries[position % boundaries.len()];
            let mut tx = doc.transaction();
            tx.splice_text(&text, at, 0, &word).unwrap();
            tx.put(ROOT, format!("last-{m}"), step as i64).unwrap();
            tx.commit();
            wrote = true;
        });
        if wrote {
            self.written.push((document, word.trim_end().to_string()));
        }
        self.run_client_effects(m, effects);
    }

    /// Heals the network (reconnects everyone with fresh sync states, no more chaos) and
    /// delivers until quiet, within a bounded number of frames.
    pub(crate) fn heal(&mut self) {
        self.chaos = CALM;
        for m in 0..self.members.len() {
            self.disconnect(m);
            self.connect(m);
        }
        let mut deliveries = 0;
        while self.deliver_one() {
            deliveries += 1;
            assert!(
                deliveries <= MAX_HEAL_DELIVERIES,
                "no convergence after {deliveries} frames"
            );
        }
    }
}

/// A network that delivers every frame once and in order.
pub(crate) const CALM: Chaos = Chaos {
    loss: 0,
    duplication: 0,
    reorder: 0,
    partition: 0,
};
/// Percent chances per step: 5 lost, 5 duplicated, 10 reordered, 10 a member cut off.
pub(crate) const STORMY: Chaos = Chaos {
    loss: 5,
    duplication: 5,
    reorder: 10,
    partition: 10,
};

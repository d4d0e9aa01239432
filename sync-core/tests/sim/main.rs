//! Deterministic simulation of Kehila's sync: several members and one relay, over an in-memory
//! network that loses, duplicates, reorders and partitions, driven by a seeded generator with no
//! clock and no sleeps. Every run must end with all replicas identical, within a bounded number
//! of delivery rounds once the network heals, and with the relay's storage holding everything.

use std::collections::{HashMap, VecDeque};

use automerge::{transaction::Transactable, Automerge, ObjType, ReadDoc, ROOT};
use sync_core::{
    client::{Client, ClientEffect},
    hub::{Access, ConnectionId, Hub, HubConfig, HubEffect, HubEvent},
    ids::DocumentId,
    storage::Chunk,
    testing::{self, MemoryStore},
};

/// Seeds that once found a problem, or cover a distinct shape; kept forever.
const REGRESSION_SEEDS: &[u64] = &[1, 2, 3, 7, 42, 1234, 0xdead_beef, 31337];
/// Extra random seeds per run (deterministic: derived from the index).
const RANDOM_SEEDS: u64 = 24;
/// Frames delivered after healing before non-convergence is a failure (a loop would never end).
const MAX_HEAL_DELIVERIES: usize = 20_000;

/// xorshift64*: small, seedable, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Chaos {
    loss: u64,
    duplication: u64,
    reorder: u64,
    partition: u64,
}

struct Member {
    client: Client,
    connection: Option<ConnectionId>,
    storage: HashMap<DocumentId, Vec<Chunk>>,
    to_relay: VecDeque<Vec<u8>>,
    from_relay: VecDeque<Vec<u8>>,
}

struct World {
    rng: Rng,
    chaos: Chaos,
    /// No chaos: any close is a bug.
    strict: bool,
    hub: Hub,
    /// The relay's storage (the shared harness's): it survives relay restarts.
    relay_storage: MemoryStore,
    members: Vec<Member>,
    next_connection: ConnectionId,
    documents: Vec<DocumentId>,
    /// Every word a member wrote, and where: each must be in the converged text.
    written: Vec<(DocumentId, String)>,
}

fn hub_config() -> HubConfig {
    HubConfig {
        max_documents_per_connection: 64,
        max_idle_documents: 2, // small, so eviction and reloading are exercised
        ..testing::hub_config()
    }
}

impl World {
    fn new(seed: u64, members: usize, documents: usize, chaos: Chaos) -> World {
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

    fn connect(&mut self, m: usize) {
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

    fn disconnect(&mut self, m: usize) {
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
    fn restart_relay(&mut self) {
        for m in 0..self.members.len() {
            if let Some(_connection) = self.members[m].connection.take() {
                self.members[m].to_relay.clear();
                self.members[m].from_relay.clear();
                self.members[m].client.disconnected();
            }
        }
        self.hub = Hub::new(hub_config());
    }

    fn run_client_effects(&mut self, m: usize, effects: Vec<ClientEffect>) {
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

    fn run_hub_effects(&mut self, effects: Vec<HubEffect>) {
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
    fn deliver_one(&mut self) -> bool {
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

    fn random_edit(&mut self, step: usize) {
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
    fn heal(&mut self) {
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

fn text_of(doc: &Automerge) -> String {
    doc.get(ROOT, "text")
        .ok()
        .flatten()
        .and_then(|(_, text)| doc.text(&text).ok())
        .unwrap_or_default()
}

fn run(seed: u64, members: usize, documents: usize, chaos: Chaos) {
    let mut world = World::new(seed, members, documents, chaos);
    let mut edits = 0usize;
    for step in 0..400 {
        match world.rng.below(10) {
            0..=2 => {
                world.random_edit(step);
                edits += 1;
            }
            3 if world.rng.chance(world.chaos.partition) => {
                let m = world.rng.below(world.members.len());
                if world.members[m].connection.is_some() {
                    world.disconnect(m);
                } else {
                    world.connect(m);
                }
            }
            _ => {
                world.deliver_one();
            }
        }
        if step == 200 {
            world.restart_relay();
        }
        // A member that is offline comes back sometimes, as phones do.
        if step % 50 == 49 {
            for m in 0..world.members.len() {
                world.connect(m);
            }
        }
    }
    world.heal();

    for document in world.documents.clone() {
        let reference = world.members[0].client.document(&document).unwrap().clone();
        for (m, member) in world.members.iter().enumerate() {
            let doc = member.client.document(&document).unwrap();
            assert_eq!(
                doc.get_heads(),
                reference.get_heads(),
                "seed {seed}: member {m} differs on {document}"
            );
            assert_eq!(text_of(doc), text_of(&reference));
            // What the member stored on its device reloads to the same document.
            let (local, _) =
                sync_core::storage::ChunkLedger::load(document, &member.storage[&document])
                    .unwrap();
            assert_eq!(
                local.get_heads(),
                reference.get_heads(),
                "seed {seed}: member {m} storage lags"
            );
        }
        // The relay's storage holds the converged document.
        let chunks = world.relay_storage.chunks(&document);
        let (stored, _) = sync_core::storage::ChunkLedger::load(document, chunks).unwrap();
        assert_eq!(
            stored.get_heads(),
            reference.get_heads(),
            "seed {seed}: relay storage lags"
        );
    }
    // Not only equal: nothing anyone wrote was lost on the way.
    for (document, word) in &world.written {
        let text = text_of(world.members[0].client.document(document).unwrap());
        let words: Vec<&str> = text.split(' ').collect();
        assert!(
            words.contains(&word.as_str()),
            "seed {seed}: {word:?} is missing from {document}"
        );
    }
    assert!(edits > 0);
    assert!(
        !world.written.is_empty(),
        "seed {seed}: nobody wrote anything"
    );
}

const CALM: Chaos = Chaos {
    loss: 0,
    duplication: 0,
    reorder: 0,
    partition: 0,
};
const STORMY: Chaos = Chaos {
    loss: 5,
    duplication: 5,
    reorder: 10,
    partition: 10,
};

#[test]
fn calm_network_converges() {
    for &seed in REGRESSION_SEEDS {
        run(seed, 3, 2, CALM);
    }
}

#[test]
fn partitions_loss_duplication_and_reordering_still_converge() {
    for seed in REGRESSION_SEEDS
        .iter()
        .copied()
        .chain(1000..1000 + RANDOM_SEEDS)
    {
        let members = 3 + (seed % 3) as usize; // 3 to 5 members
        run(seed, members, 1 + (seed % 3) as usize, STORMY);
    }
}

//! Deterministic simulation of Kehila's sync: several members and one relay, over an in-memory
//! network that loses, duplicates, reorders and partitions, driven by a seeded generator with no
//! clock and no sleeps. Every run must end with all replicas identical, within a bounded number
//! of delivery rounds once the network heals, and with the relay's storage holding everything.

mod world;

use automerge::{Automerge, ReadDoc, ROOT};
use world::{Chaos, World, CALM, STORMY};

/// Seeds that once found a problem, or cover a distinct shape; kept forever.
const REGRESSION_SEEDS: &[u64] = &[1, 2, 3, 7, 42, 1234, 0xdead_beef, 31337];
/// Extra random seeds per run (deterministic: derived from the index).
const RANDOM_SEEDS: u64 = 24;
/// Frames delivered after healing before non-convergence is a failure (a loop would never end).
const MAX_HEAL_DELIVERIES: usize = 20_000;

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

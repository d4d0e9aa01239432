//! The quotas against messages whose size says nothing of what they add: compressed changes
//! that inflate, and changes that wait in memory for a dependency that never comes.

use automerge::{
    sync::{ChunkList, Message, MessageVersion},
    transaction::Transactable,
    ROOT,
};

use super::test_rig::{sync_frame, Rig};
use super::*;

const LIMIT: u64 = 64 * 1024;

fn rig_with_limit() -> Rig {
    let mut rig = Rig::new();
    let mut config = rig.hub.config.clone();
    config.max_document_bytes = LIMIT;
    rig.hub = Hub::new(config);
    rig.hub.set_scope_bytes(&"c".into(), 0);
    rig
}

fn stored(rig: &Rig) -> u64 {
    rig.store
        .chunks(&Rig::document())
        .iter()
        .map(|c| c.bytes.len() as u64)
        .sum()
}

/// A sync message carrying exactly `changes` (as a hand-written client would send them).
fn carrying(changes: Vec<Vec<u8>>) -> Vec<u8> {
    Message {
        heads: Vec::new(),
        need: Vec::new(),
        have: Vec::new(),
        changes: ChunkList::from(changes),
        flags: None,
        version: MessageVersion::V1,
    }
    .encode()
}

/// Automerge 0.12 stores changes compressed, so what a message adds to storage tracks its
/// size on the wire (measured: a 2 KB message of a 200 KB pattern stored 2 KB). This pins
/// that: the check before Automerge is a real bound. Should a later Automerge store more than
/// it received, the check after the save (see `quota.rs`) is the net.
#[test]
fn what_is_stored_never_passes_the_document_limit_whatever_the_message_weighs() {
    let mut rig = rig_with_limit();
    rig.join(1, "alice", "a");
    rig.write(1, "title");
    // 200 KB of a repeating pattern: a few KB once compressed on the wire.
    let pattern: Vec<u8> = (0..200 * 1024).map(|i| (i % 251) as u8).collect();
    let mut doc = automerge::Automerge::new();
    let mut tx = doc.transaction();
    tx.put(ROOT, "blob", pattern).unwrap();
    tx.commit();
    let mut change = doc.get_changes(&[]).pop().unwrap().clone();
    let compressed = change.bytes().to_vec();
    assert!(
        (compressed.len() as u64) < LIMIT / 4,
        "the message itself is small: {}",
        compressed.len()
    );
    rig.join(2, "mallory", "m");
    rig.frame(2, sync_frame("mallory", carrying(vec![compressed])));
    assert!(
        stored(&rig) <= LIMIT,
        "the relay stored {} bytes past its {LIMIT}-byte limit",
        stored(&rig)
    );
}

#[test]
fn changes_waiting_for_a_missing_dependency_count_against_the_quota() {
    let mut rig = rig_with_limit();
    rig.join(1, "alice", "a");
    rig.write(1, "title");
    rig.join(2, "mallory", "m");
    let mut refused_after = None;
    for n in 0..20u64 {
        // A change whose parent is never sent: Automerge keeps it in memory, waiting.
        let mut doc = automerge::Automerge::new();
        let mut tx = doc.transaction();
        tx.put(ROOT, "parent", n as i64).unwrap();
        tx.commit();
        let mut seed = n * 0x9e37_79b9 + 1;
        let noise: Vec<u8> = (0..8 * 1024)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let mut tx = doc.transaction();
        tx.put(ROOT, "orphan", noise).unwrap();
        tx.commit();
        let orphan = doc.get_changes(&[]).pop().unwrap().raw_bytes().to_vec();
        rig.frame(2, sync_frame("mallory", carrying(vec![orphan])));
        if let Some(reason) = rig.closed(2) {
            assert!(reason.contains("document-full"), "{reason}");
            refused_after = Some(n);
            break;
        }
    }
    let refused_after = refused_after.expect("orphans piled up without limit");
    assert!(
        (refused_after + 1) * 8 * 1024 <= LIMIT + 16 * 1024,
        "refused only after {} orphans",
        refused_after + 1
    );
    // The honest member goes on, and the orphans are gone with the reload.
    rig.write(1, "after");
    assert!(rig.closed(1).is_none(), "{:?}", rig.closed);
    rig.join(3, "bob", "b");
    assert!(rig.has(3, "after") && rig.has(3, "title"));
}

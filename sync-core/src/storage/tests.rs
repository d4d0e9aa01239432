//! The chunk ledger's decisions, against chunks held in memory.

use super::*;
use automerge::{transaction::Transactable, ReadDoc, ROOT};

/// 256 characters that do not compress away, so snapshots grow like real documents.
fn value(i: usize) -> String {
    (0..4)
        .map(|k| hex(&Sha256::digest(format!("{i}/{k}"))))
        .collect()
}

fn edit(doc: &mut Automerge, i: usize) {
    let mut tx = doc.transaction();
    tx.put(ROOT, format!("key{i}"), value(i)).unwrap();
    tx.commit();
}

#[test]
fn saves_reload_identically_and_compaction_bounds_the_chunk_count() {
    let id = DocumentId::from_random_bytes([1; 16]);
    let mut doc = Automerge::new();
    let mut ledger = ChunkLedger::empty(id);
    let mut store = Vec::new();
    let mut saw_incremental = false;
    let mut saw_compaction_after_incrementals = false;
    for i in 0..60 {
        edit(&mut doc, i);
        let op = ledger.save(&doc).expect("new heads need a save");
        match &op {
            StorageOp::Put(_) => saw_incremental = true,
            StorageOp::Compact { superseded, .. } if !superseded.is_empty() && saw_incremental => {
                saw_compaction_after_incrementals = true
            }
            StorageOp::Compact { .. } => {}
        }
        op.apply_in_memory(&mut store);
        assert!(ledger.save(&doc).is_none(), "nothing new, nothing to write");
        let (reloaded, reloaded_ledger) = ChunkLedger::load(id, &store).unwrap();
        assert_eq!(reloaded.get_heads(), doc.get_heads());
        assert_eq!(reloaded_ledger.chunk_count(), store.len());
        let stored = reloaded
            .get(ROOT, format!("key{i}"))
            .unwrap()
            .and_then(|(v, _)| v.as_str().map(str::to_string));
        assert_eq!(stored, Some(value(i)));
    }
    assert!(saw_incremental && saw_compaction_after_incrementals);
    assert!(
        store.len() < 20,
        "compaction keeps chunks bounded, got {}",
        store.len()
    );
}

#[test]
fn a_compaction_interrupted_before_deleting_still_loads() {
    let id = DocumentId::from_random_bytes([2; 16]);
    let mut doc = Automerge::new();
    let mut ledger = ChunkLedger::empty(id);
    let mut store = Vec::new();
    for i in 0..30 {
        edit(&mut doc, i);
        match ledger.save(&doc).unwrap() {
            // Crash between writing the snapshot and removing what it superseded.
            StorageOp::Compact { chunks, .. } => store.extend(chunks),
            op => op.apply_in_memory(&mut store),
        }
    }
    let (reloaded, _) = ChunkLedger::load(id, &store).unwrap();
    assert_eq!(reloaded.get_heads(), doc.get_heads());
}

#[test]
fn garbage_chunks_are_an_error() {
    let id = DocumentId::from_random_bytes([3; 16]);
    let chunk = Chunk {
        key: ChunkKey {
            document: id,
            kind: ChunkKind::Incremental,
            hash: "00".into(),
        },
        bytes: vec![1, 2, 3, 4, 5],
    };
    assert!(ChunkLedger::load(id, &[chunk]).is_err());
}

#[test]
fn a_segmented_ledger_compacts_into_ordered_segments_that_load_one_by_one() {
    let id = DocumentId::from_random_bytes([4; 16]);
    let mut doc = Automerge::new();
    // A snapshot stored before the ledger was segmented.
    edit(&mut doc, 0);
    let mut plain = ChunkLedger::empty(id);
    let mut store = Vec::new();
    plain.save(&doc).unwrap().apply_in_memory(&mut store);
    let (_, ledger) = ChunkLedger::load(id, &store).unwrap();
    let mut ledger = ledger.segmented(3);
    assert!(ledger.holds_unsegmented_snapshot());
    // Resegmenting at once, with nothing new: the snapshot becomes one segment.
    let mut fresh = ledger.clone();
    let op = fresh.resegment(&doc).expect("a snapshot to resegment");
    assert!(
        matches!(&op, StorageOp::Compact { chunks, superseded } if chunks.len() == 1 && superseded.len() == 1)
    );
    assert!(fresh.resegment(&doc).is_none(), "once");
    // Each edit is one change of one operation: segments of three.
    for i in 1..39 {
        edit(&mut doc, i);
        ledger.save(&doc).unwrap().apply_in_memory(&mut store);
    }
    edit(&mut doc, 39);
    let op = ledger.compact(&doc).unwrap();
    let StorageOp::Compact { chunks, superseded } = &op else {
        panic!("a compaction");
    };
    let segments = chunks.len();
    assert_eq!(
        segments,
        40_usize.div_ceil(3),
        "40 changes in segments of 3"
    );
    assert!(chunks
        .iter()
        .all(|c| c.key.kind == ChunkKind::Snapshot && c.key.hash.contains('.')));
    assert!(
        !superseded.is_empty(),
        "the old snapshot and incrementals go"
    );
    op.apply_in_memory(&mut store);
    assert!(!ledger.holds_unsegmented_snapshot());
    assert_eq!(store.len(), segments);
    // Loaded one chunk at a time, in order: each applies completely (nothing waits for a later
    // one), and the whole is the document.
    let mut loaded = Automerge::new();
    for (n, chunk) in ordered(&store).into_iter().enumerate() {
        loaded.load_incremental(&chunk.bytes).unwrap();
        assert!(
            loaded.get_missing_deps(&[]).is_empty(),
            "segment {n} stands on the ones before"
        );
    }
    assert_eq!(loaded.get_heads(), doc.get_heads());
    let value_of = |d: &Automerge, i: usize| {
        d.get(ROOT, format!("key{i}"))
            .unwrap()
            .and_then(|(v, _)| v.as_str().map(str::to_string))
    };
    assert_eq!(value_of(&loaded, 39), Some(value(39)));
    assert_eq!(value_of(&loaded, 0), Some(value(0)));
    // And the ledger of what was loaded knows it has nothing to write.
    let mut reloaded = ChunkLedger::loaded(id, &store, &loaded).segmented(3);
    assert!(reloaded.save(&loaded).is_none());
}

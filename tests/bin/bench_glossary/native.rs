//! Figures measured natively, for reference beside Chromium's: one remote edit arriving on a
//! device, and the document loaded as change segments.

use std::time::Instant;

use automerge::{transaction::CommitOptions, Automerge, AutomergeError};
use kehila_app::{
    glossary::model::{self},
    sync::text::Splice,
};
use sync_core::ids::DocumentId;

/// One member's one-character edit to one entry arriving on another device, natively: applying
/// it, asking Automerge to diff the two versions (what the app did to find what changed), and
/// the device's incremental save.
pub fn one_edit_figures(doc: &Automerge) -> serde_json::Value {
    let mut device = doc.fork();
    let mut other = doc.fork();
    let id = model::entry_ids(doc).into_iter().next().expect("an entry");
    let before = device.get_heads();
    other
        .transact_with::<_, _, AutomergeError, _>(
            |_| CommitOptions::default(),
            |tx| {
                let splice = Splice {
                    start: 0,
                    delete: 0,
                    insert: "x".into(),
                };
                model::splice_field(tx, &id, "definition_he", &splice, "m-other", 1);
                Ok(())
            },
        )
        .unwrap();
    let change = other.get_last_local_change().unwrap().clone();
    let ms = |t: Instant| (t.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0;
    let t = Instant::now();
    device.apply_changes([change]).unwrap();
    let apply = ms(t);
    let after = device.get_heads();
    let t = Instant::now();
    let patches = device.diff(&before, &after);
    let diff = ms(t);
    let t = Instant::now();
    let saved = device.save_after(&before);
    let save = ms(t);
    let t = Instant::now();
    let entry = model::read_entry(&device, &id, model::At(None));
    let read = ms(t);
    std::hint::black_box((patches, saved, entry));
    serde_json::json!({ "apply_ms": apply, "diff_ms": diff, "save_after_ms": save, "read_entry_ms": read })
}

/// Operations per segment when the document is loaded as change segments, one per task.
const SEGMENT_OPS: usize = 20_000;

/// The document's changes applied from scratch in segments of about [`SEGMENT_OPS`]
/// operations (in causal order), natively: the total, the slowest segment, and how many. What
/// a sliced load on the page could cost, against loading the compressed snapshot at once.
pub fn segment_figures(doc: &Automerge) -> serde_json::Value {
    let changes = doc.get_changes(&[]);
    let mut segments: Vec<Vec<u8>> = vec![Vec::new()];
    let mut ops = 0;
    for change in changes {
        if ops >= SEGMENT_OPS {
            segments.push(Vec::new());
            ops = 0;
        }
        ops += change.len();
        segments
            .last_mut()
            .unwrap()
            .extend_from_slice(change.raw_bytes());
    }
    let t = Instant::now();
    let mut ledger = sync_core::storage::ChunkLedger::empty(DocumentId::from_random_bytes([1; 16]))
        .segmented(sync_core::storage::SEGMENT_OPS);
    let compaction = ledger.save(doc);
    let compaction_ms = t.elapsed().as_secs_f64() * 1000.0;
    let stored: usize = match &compaction {
        Some(sync_core::storage::StorageOp::Compact { chunks, .. }) => {
            chunks.iter().map(|c| c.bytes.len()).sum()
        }
        _ => 0,
    };
    let mut loaded = Automerge::new();
    let mut slowest = 0f64;
    let started = Instant::now();
    for segment in &segments {
        let t = Instant::now();
        loaded.load_incremental(segment).unwrap();
        slowest = slowest.max(t.elapsed().as_secs_f64() * 1000.0);
    }
    let total = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(loaded.get_heads().len(), doc.get_heads().len());
    serde_json::json!({
        "segments": segments.len(),
        "ops_per_segment": SEGMENT_OPS,
        "bytes": segments.iter().map(Vec::len).sum::<usize>(),
        "total_ms": total.round(),
        "slowest_segment_ms": (slowest * 10.0).round() / 10.0,
        "device_compaction_ms": compaction_ms.round(),
        "device_compaction_bytes": stored,
    })
}

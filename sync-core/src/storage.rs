//! automerge-repo's storage chunk model, as pure decisions.
//!
//! A document is stored as chunks under `[documentId, kind, hash]`:
//! - **incremental** chunks hold the changes since the previous save, keyed by the SHA-256 of
//!   their bytes (so writing the same chunk twice is harmless);
//! - a **snapshot** holds the whole compressed document, keyed by the SHA-256 of its heads (as
//!   hex text, as automerge-repo does).
//!
//! Loading concatenates snapshots then incrementals and feeds them to `load_incremental`, so
//! any mix of chunks loads. [`ChunkLedger::save`] decides what a save writes: an incremental
//! chunk, or — when the incrementals together weigh as much as the snapshot — a
//! [`StorageOp::Compact`]: a new snapshot plus the keys it supersedes. **A storage adapter must
//! apply a `Compact` atomically, or at least write the snapshot before removing anything.**

use automerge::{Automerge, ChangeHash};
use sha2::{Digest, Sha256};

use crate::ids::DocumentId;

/// Below this size a snapshot is always rewritten instead of adding incrementals, as
/// automerge-repo does: tiny documents stay one chunk.
pub const SMALL_SNAPSHOT_BYTES: usize = 1024;

/// Which kind of chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChunkKind {
    /// The whole document.
    Snapshot,
    /// Changes since the previous save.
    Incremental,
}

impl ChunkKind {
    /// The key segment automerge-repo uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ChunkKind::Snapshot => "snapshot",
            ChunkKind::Incremental => "incremental",
        }
    }

    /// Parses a key segment.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "snapshot" => Some(ChunkKind::Snapshot),
            "incremental" => Some(ChunkKind::Incremental),
            _ => None,
        }
    }
}

/// Where a chunk is stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChunkKey {
    /// The document.
    pub document: DocumentId,
    /// Snapshot or incremental.
    pub kind: ChunkKind,
    /// Lower-case hex SHA-256 (of the bytes, or of the heads for a snapshot).
    pub hash: String,
}

/// A stored chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Its key.
    pub key: ChunkKey,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What a save must write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageOp {
    /// Add one chunk.
    Put(Chunk),
    /// Write `snapshot`, then remove `superseded` (atomically where the store allows).
    Compact {
        /// The new snapshot.
        snapshot: Chunk,
        /// Chunks the snapshot replaces.
        superseded: Vec<ChunkKey>,
    },
}

/// Why stored chunks could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("stored chunks do not load as a document: {0}")]
pub struct LoadError(#[from] automerge::AutomergeError);

/// What is on disk for one document, so the next save knows what to write.
#[derive(Debug, Clone, Default)]
pub struct ChunkLedger {
    document: Option<DocumentId>,
    chunks: Vec<(ChunkKey, usize)>,
    saved_heads: Vec<ChangeHash>,
}

impl ChunkLedger {
    /// Loads `chunks` (any order) into a document and returns it with its ledger.
    ///
    /// # Errors
    /// [`LoadError`] when the bytes are not Automerge data.
    pub fn load(document: DocumentId, chunks: &[Chunk]) -> Result<(Automerge, Self), LoadError> {
        let mut ordered: Vec<&Chunk> = chunks.iter().collect();
        ordered.sort_by_key(|c| c.key.kind); // snapshots first
        let mut doc = Automerge::new();
        for chunk in &ordered {
            doc.load_incremental(&chunk.bytes)?;
        }
        let ledger = Self {
            document: Some(document),
            chunks: ordered
                .iter()
                .map(|c| (c.key.clone(), c.bytes.len()))
                .collect(),
            saved_heads: doc.get_heads(),
        };
        Ok((doc, ledger))
    }

    /// A ledger for a document with nothing stored yet.
    pub fn empty(document: DocumentId) -> Self {
        Self {
            document: Some(document),
            ..Self::default()
        }
    }

    /// The heads as of the last save.
    pub fn saved_heads(&self) -> &[ChangeHash] {
        &self.saved_heads
    }

    /// The stored size, in bytes (every chunk together).
    pub fn stored_bytes(&self) -> u64 {
        self.chunks.iter().map(|(_, size)| *size as u64).sum()
    }

    /// How many chunks are stored.
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// What to write so that storage holds `doc`; `None` when it already does. Updates the
    /// ledger as if the write succeeded (the caller must not acknowledge anything until it has).
    pub fn save(&mut self, doc: &Automerge) -> Option<StorageOp> {
        self.write(doc, false)
    }

    /// Like [`ChunkLedger::save`], but always as one new snapshot replacing every chunk: what a
    /// store over a size limit tries before it is refused (incrementals can weigh as much as
    /// the snapshot until the next compaction).
    pub fn compact(&mut self, doc: &Automerge) -> Option<StorageOp> {
        self.write(doc, true)
    }

    fn write(&mut self, doc: &Automerge, compact: bool) -> Option<StorageOp> {
        let document = self.document?;
        let heads = doc.get_heads();
        if heads == self.saved_heads {
            return None;
        }
        let snapshot_bytes: usize = self.sizes(ChunkKind::Snapshot);
        let incremental_bytes: usize = self.sizes(ChunkKind::Incremental);
        let no_snapshot = snapshot_bytes == 0;
        let op = if compact
            || no_snapshot
            || snapshot_bytes < SMALL_SNAPSHOT_BYTES
            || incremental_bytes >= snapshot_bytes
        {
            let bytes = doc.save();
            let key = ChunkKey {
                document,
                kind: ChunkKind::Snapshot,
                hash: heads_hash(&heads),
            };
            let superseded: Vec<ChunkKey> = self
                .chunks
                .iter()
                .map(|(k, _)| k.clone())
                .filter(|k| *k != key)
                .collect();
            self.chunks = vec![(key.clone(), bytes.len())];
            StorageOp::Compact {
                snapshot: Chunk { key, bytes },
                superseded,
            }
        } else {
            let bytes = doc.save_after(&self.saved_heads);
            let key = ChunkKey {
                document,
                kind: ChunkKind::Incremental,
                hash: hex(&Sha256::digest(&bytes)),
            };
            self.chunks.push((key.clone(), bytes.len()));
            StorageOp::Put(Chunk { key, bytes })
        };
        self.saved_heads = heads;
        Some(op)
    }

    fn sizes(&self, kind: ChunkKind) -> usize {
        self.chunks
            .iter()
            .filter(|(k, _)| k.kind == kind)
            .map(|(_, size)| size)
            .sum()
    }
}

impl StorageOp {
    /// Applies the op to chunks held in memory: the reference semantics every adapter (SQLite,
    /// IndexedDB) must match — a chunk with the same key is replaced; a compaction adds its
    /// snapshot before removing what it supersedes.
    pub fn apply_in_memory(self, chunks: &mut Vec<Chunk>) {
        match self {
            StorageOp::Put(chunk) => {
                chunks.retain(|c| c.key != chunk.key);
                chunks.push(chunk);
            }
            StorageOp::Compact {
                snapshot,
                superseded,
            } => {
                chunks.retain(|c| c.key != snapshot.key);
                chunks.push(snapshot);
                chunks.retain(|c| !superseded.contains(&c.key));
            }
        }
    }
}

/// SHA-256 of the heads' hex strings, concatenated (automerge-repo's snapshot key).
fn heads_hash(heads: &[ChangeHash]) -> String {
    let mut hasher = Sha256::new();
    for head in heads {
        hasher.update(head.to_string().as_bytes());
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
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
                StorageOp::Compact { superseded, .. }
                    if !superseded.is_empty() && saw_incremental =>
                {
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
                StorageOp::Compact { snapshot, .. } => store.push(snapshot),
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
}

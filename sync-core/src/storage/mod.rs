//! automerge-repo's storage chunk model, as pure decisions.
//!
//! A document is stored as chunks under `[documentId, kind, hash]`:
//! - **incremental** chunks hold the changes since the previous save, keyed by the SHA-256 of
//!   their bytes (so writing the same chunk twice is harmless);
//! - a **snapshot** holds the whole compressed document, keyed by the SHA-256 of its heads (as
//!   hex text, as automerge-repo does).
//!
//! Loading concatenates snapshots then incrementals and feeds them to `load_incremental`, so
//! any mix of chunks loads.
//!
//! A **segmented** ledger ([`ChunkLedger::segmented`], the browser's) compacts into the
//! document's changes cut into segments of about [`SEGMENT_OPS`] operations instead of one
//! snapshot, keyed `<heads hash>.<index>` so they sort in causal order: a page can then load a
//! large document one segment per task and never freeze (see [`ordered`]). The relay keeps one
//! snapshot: nothing waits on its loads. [`ChunkLedger::save`] decides what a save writes: an incremental
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

/// Operations per segment of a segmented compaction. Why: applying 20,000 operations took
/// ~20 ms natively and about twice that in the browser (`cargo xtask bench glossary`); 8,000 keep
/// each segment's task well under the 50 ms a page may be busy before input feels stuck.
pub const SEGMENT_OPS: usize = 8_000;

/// What a save must write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageOp {
    /// Add one chunk.
    Put(Chunk),
    /// Write `chunks` (one snapshot, or a segmented ledger's segments), then remove
    /// `superseded` (atomically where the store allows).
    Compact {
        /// The new snapshot or segments.
        chunks: Vec<Chunk>,
        /// Chunks they replace.
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
    /// Compact into segments of this many operations instead of one snapshot.
    segment_ops: Option<usize>,
}

/// `chunks` in the order to load them: snapshots (and segments, by index) first, then
/// incrementals.
pub fn ordered(chunks: &[Chunk]) -> Vec<&Chunk> {
    let mut ordered: Vec<&Chunk> = chunks.iter().collect();
    ordered.sort_by(|a, b| (a.key.kind, &a.key.hash).cmp(&(b.key.kind, &b.key.hash)));
    ordered
}

impl ChunkLedger {
    /// Loads `chunks` (any order) into a document and returns it with its ledger.
    ///
    /// # Errors
    /// [`LoadError`] when the bytes are not Automerge data.
    pub fn load(document: DocumentId, chunks: &[Chunk]) -> Result<(Automerge, Self), LoadError> {
        let mut doc = Automerge::new();
        for chunk in ordered(chunks) {
            doc.load_incremental(&chunk.bytes)?;
        }
        let ledger = Self::loaded(document, chunks, &doc);
        Ok((doc, ledger))
    }

    /// The ledger of `chunks`, already loaded into `doc` by the caller (a page that loads them
    /// one per task, in [`ordered`] order).
    pub fn loaded(document: DocumentId, chunks: &[Chunk], doc: &Automerge) -> Self {
        Self {
            document: Some(document),
            chunks: ordered(chunks)
                .iter()
                .map(|c| (c.key.clone(), c.bytes.len()))
                .collect(),
            saved_heads: doc.get_heads(),
            segment_ops: None,
        }
    }

    /// This ledger, compacting into segments of `ops` operations from now on.
    pub fn segmented(mut self, ops: usize) -> Self {
        self.segment_ops = Some(ops.max(1));
        self
    }

    /// True when a segmented ledger still holds a whole-document snapshot (stored before it
    /// was segmented): the next save should compact it into segments.
    pub fn holds_unsegmented_snapshot(&self) -> bool {
        self.segment_ops.is_some()
            && self
                .chunks
                .iter()
                .any(|(k, _)| k.kind == ChunkKind::Snapshot && !k.hash.contains('.'))
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
        self.write(doc, false, false)
    }

    /// For a segmented ledger still holding a whole-document snapshot: the compaction that
    /// replaces everything with segments, even with nothing new to save. `None` otherwise.
    pub fn resegment(&mut self, doc: &Automerge) -> Option<StorageOp> {
        if !self.holds_unsegmented_snapshot() {
            return None;
        }
        self.write(doc, true, true)
    }

    /// Like [`ChunkLedger::save`], but always as one new snapshot replacing every chunk: what a
    /// store over a size limit tries before it is refused (incrementals can weigh as much as
    /// the snapshot until the next compaction).
    pub fn compact(&mut self, doc: &Automerge) -> Option<StorageOp> {
        self.write(doc, true, false)
    }

    fn write(&mut self, doc: &Automerge, compact: bool, force: bool) -> Option<StorageOp> {
        let document = self.document?;
        let heads = doc.get_heads();
        if heads == self.saved_heads && !force {
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
            let chunks = match self.segment_ops {
                None => vec![Chunk {
                    key: ChunkKey {
                        document,
                        kind: ChunkKind::Snapshot,
                        hash: heads_hash(&heads),
                    },
                    bytes: doc.save(),
                }],
                Some(ops) => segments(doc, document, &heads, ops),
            };
            let superseded: Vec<ChunkKey> = self
                .chunks
                .iter()
                .map(|(k, _)| k.clone())
                .filter(|k| !chunks.iter().any(|c| c.key == *k))
                .collect();
            self.chunks = chunks
                .iter()
                .map(|c| (c.key.clone(), c.bytes.len()))
                .collect();
            StorageOp::Compact { chunks, superseded }
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
                chunks: new,
                superseded,
            } => {
                chunks.retain(|c| !new.iter().any(|n| n.key == c.key));
                chunks.extend(new);
                chunks.retain(|c| !superseded.contains(&c.key));
            }
        }
    }
}

/// `doc`'s changes in causal order, compressed, cut into chunks of about `ops` operations (a
/// chunk holds at least one change), keyed `<heads hash>.<index>`.
fn segments(doc: &Automerge, document: DocumentId, heads: &[ChangeHash], ops: usize) -> Vec<Chunk> {
    let prefix = heads_hash(heads);
    let mut out: Vec<Chunk> = Vec::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut count = 0;
    let flush = |bytes: &mut Vec<u8>, out: &mut Vec<Chunk>| {
        if !bytes.is_empty() {
            out.push(Chunk {
                key: ChunkKey {
                    document,
                    kind: ChunkKind::Snapshot,
                    hash: format!("{prefix}.{:05}", out.len()),
                },
                bytes: std::mem::take(bytes),
            });
        }
    };
    for change in doc.get_changes(&[]) {
        if count >= ops {
            flush(&mut bytes, &mut out);
            count = 0;
        }
        count += change.len();
        bytes.extend_from_slice(&change.clone().bytes());
    }
    flush(&mut bytes, &mut out);
    out
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
mod tests;

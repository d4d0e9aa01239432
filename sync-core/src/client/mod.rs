//! A member's side of the protocol (one connection to the relay), as a state machine.
//!
//! The app (and tests, and the benchmark) own a [`Client`]: they open documents from local
//! storage, change them, and feed socket events in. Every call returns [`ClientEffect`]s to carry
//! out **in order**: a local change yields [`ClientEffect::Store`] before the
//! [`ClientEffect::Send`] that shares it, so a change is durable on the device before it leaves.
//!
//! ## Refused documents are held back, not retried in a loop
//! A local change larger than [`MAX_CHANGE_BYTES`] is undone before anything stores or sends it
//! ([`ClientEffect::ChangeRefused`]). A document the relay refuses over a size limit (a
//! [`Refusal`]), or whose waiting changes would not fit in one frame, is **held**: for the rest
//! of this engine's life its changes stay on the device and are not offered to the relay
//! (Automerge is told the relay will not apply them), while the relay's changes still arrive
//! and every other document syncs as before. A new engine (the next page load) offers them
//! again, once. Why not retry on a timer: each retry re-sends everything the relay refused.

mod network;

use std::collections::{HashMap, HashSet};

use automerge::{sync, ActorId, Automerge, Change, ChangeHash, PatchLog, ReadDoc};

use crate::{
    ids::{DocumentId, PeerId},
    limits::MAX_CHANGE_BYTES,
    refusal::Refusal,
    storage::{Chunk, ChunkLedger, LoadError, StorageOp},
    touched::{Touched, MAX_CHANGES_TO_PATCH},
};

/// Something the driver must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientEffect {
    /// Send a frame to the relay.
    Send(Vec<u8>),
    /// Write durably on this device before performing later effects.
    Store {
        /// The document.
        document: DocumentId,
        /// What to write.
        op: StorageOp,
    },
    /// The document changed (locally, from another tab or from the relay), in these places:
    /// update what shows them.
    Changed(DocumentId, Touched),
    /// The relay does not have the document (yet).
    Unavailable(DocumentId),
    /// An ephemeral message from another peer (presence).
    Ephemeral {
        /// About which document.
        document: DocumentId,
        /// From whom.
        sender: PeerId,
        /// The CBOR payload.
        data: Vec<u8>,
    },
    /// The relay broke the protocol or refused us: close and reconnect later.
    Close(String),
    /// A document is held back from now on (see the module docs): tell the member why.
    Held(Refusal),
    /// A local change (one commit) was larger than [`MAX_CHANGE_BYTES`], and the whole edit
    /// was undone: nothing of it was stored or sent. Tell the member.
    ChangeRefused {
        /// The document.
        document: DocumentId,
        /// The size of the largest commit, in bytes.
        bytes: usize,
    },
}

struct ClientDocument {
    doc: Automerge,
    ledger: ChunkLedger,
    state: sync::State,
    /// The newest heads the relay is known to hold (it replied with them, and the relay stores
    /// before it replies). Kept across reconnects; the app persists it so a reload knows too.
    confirmed: Vec<ChangeHash>,
}

/// One member's sync engine. See the module docs.
pub struct Client {
    peer_id: PeerId,
    session_id: String,
    relay: Option<PeerId>,
    documents: HashMap<DocumentId, ClientDocument>,
    ephemeral_count: u64,
    ephemeral_seen: HashMap<(PeerId, String), u64>,
    /// Actors of the changes made on this device (this engine, or another tab of it): while
    /// the relay is ahead of us, only these can be "pending".
    device_actors: HashSet<ActorId>,
    /// Documents held back, and why.
    held: HashMap<DocumentId, Refusal>,
    /// Compact device storage into segments of this many operations (see
    /// [`crate::storage::ChunkLedger::segmented`]).
    segment_ops: Option<usize>,
}

impl Client {
    /// A client with this peer id and ephemeral session id (both chosen by the caller).
    pub fn new(peer_id: PeerId, session_id: String) -> Self {
        Self {
            peer_id,
            session_id,
            relay: None,
            documents: HashMap::new(),
            ephemeral_count: 0,
            ephemeral_seen: HashMap::new(),
            device_actors: HashSet::new(),
            held: HashMap::new(),
            segment_ops: None,
        }
    }

    /// From now on, documents opened compact their device storage into segments of `ops`
    /// operations, which a page can load one per task (the browser's setting).
    pub fn set_segmented_storage(&mut self, ops: usize) {
        self.segment_ops = Some(ops);
    }

    /// Why `document` is held back, if it is.
    pub fn held(&self, document: &DocumentId) -> Option<&Refusal> {
        self.held.get(document)
    }

    /// Every held document's refusal.
    pub fn refusals(&self) -> Vec<Refusal> {
        self.held.values().cloned().collect()
    }

    /// This client's peer id.
    pub fn peer_id(&self) -> &str {
        &self.peer_id
    }

    /// True once the relay answered the handshake on the current connection.
    pub fn is_handshake_done(&self) -> bool {
        self.relay.is_some()
    }

    /// Opens `document` from its locally stored chunks (none for a new or unknown document),
    /// and starts syncing it if connected.
    ///
    /// # Errors
    /// [`LoadError`] when the stored chunks are not Automerge data.
    pub fn open(
        &mut self,
        document: DocumentId,
        chunks: &[Chunk],
    ) -> Result<Vec<ClientEffect>, LoadError> {
        if self.documents.contains_key(&document) {
            return Ok(Vec::new());
        }
        let (doc, ledger) = if chunks.is_empty() {
            (Automerge::new(), ChunkLedger::empty(document))
        } else {
            ChunkLedger::load(document, chunks)?
        };
        Ok(self.insert_open(document, doc, ledger))
    }

    /// Opens `document` from `doc`, which the caller loaded from `chunks` (in
    /// [`crate::storage::ordered`] order, a few per task, so that a large document never
    /// freezes a page); starts syncing it if connected. A segmented client that finds a
    /// whole-document snapshot there rewrites it as segments at once (a `Store` effect), so the
    /// next load is sliced too.
    pub fn open_loaded(
        &mut self,
        document: DocumentId,
        doc: Automerge,
        chunks: &[Chunk],
    ) -> Vec<ClientEffect> {
        if self.documents.contains_key(&document) {
            return Vec::new();
        }
        let ledger = ChunkLedger::loaded(document, chunks, &doc);
        self.insert_open(document, doc, ledger)
    }

    fn insert_open(
        &mut self,
        document: DocumentId,
        doc: Automerge,
        ledger: ChunkLedger,
    ) -> Vec<ClientEffect> {
        let mut ledger = match self.segment_ops {
            Some(ops) => ledger.segmented(ops),
            None => ledger,
        };
        let mut out = Vec::new();
        if let Some(op) = ledger.resegment(&doc) {
            out.push(ClientEffect::Store { document, op });
        }
        self.documents.insert(
            document,
            ClientDocument {
                doc,
                ledger,
                state: sync::State::new(),
                confirmed: Vec::new(),
            },
        );
        self.sync_out(document, &mut out);
        out
    }

    /// The document, if open.
    pub fn document(&self, document: &DocumentId) -> Option<&Automerge> {
        self.documents.get(document).map(|d| &d.doc)
    }

    /// Ids of the open documents.
    pub fn open_documents(&self) -> impl Iterator<Item = &DocumentId> {
        self.documents.keys()
    }

    /// Remembers heads the relay held earlier (persisted by the app), so [`Client::pending`]
    /// is right before the first reply of this session. Hashes this device does not know are
    /// kept too: they only ever mean "the relay has more than we do".
    pub fn set_confirmed(&mut self, document: &DocumentId, heads: Vec<ChangeHash>) {
        if let Some(entry) = self.documents.get_mut(document) {
            entry.confirmed = heads;
        }
    }

    /// The heads the relay is known to hold for `document` (empty when unknown).
    pub fn confirmed(&self, document: &DocumentId) -> &[ChangeHash] {
        self.documents
            .get(document)
            .map_or(&[], |entry| entry.confirmed.as_slice())
    }

    /// How many changes of `document` the relay is not known to hold yet: what "syncing (n
    /// pending)" counts. Exact when we know every head the relay confirmed (ancestors of those
    /// are on the relay). While the relay is ahead of us (it confirmed heads we have not
    /// received yet), only changes made on this device count, so the number never balloons
    /// with other members' changes. Zero for a document that is not open.
    pub fn pending(&self, document: &DocumentId) -> usize {
        let Some(entry) = self.documents.get(document) else {
            return 0;
        };
        if entry
            .doc
            .get_heads()
            .iter()
            .all(|head| entry.confirmed.contains(head))
        {
            return 0;
        }
        let known: Vec<ChangeHash> = entry
            .confirmed
            .iter()
            .copied()
            .filter(|hash| entry.doc.get_change_by_hash(hash).is_some())
            .collect();
        let unsent = entry.doc.get_changes(&known);
        if known.len() == entry.confirmed.len() {
            unsent.len()
        } else {
            unsent
                .iter()
                .filter(|change| self.device_actors.contains(change.actor_id()))
                .count()
        }
    }

    /// True when connected and, for every open document, the relay holds all our changes and we
    /// hold all of its: what "synced" means.
    pub fn is_caught_up(&self) -> bool {
        self.relay.is_some()
            && self.documents.iter().all(|(id, entry)| {
                let theirs_known = entry.state.their_heads.as_ref().is_some_and(|theirs| {
                    theirs
                        .iter()
                        .all(|hash| entry.doc.get_change_by_hash(hash).is_some())
                });
                (theirs_known || entry.doc.get_heads().is_empty()) && self.pending(id) == 0
            })
    }

    /// [`Client::pending`] summed over every open document.
    pub fn pending_total(&self) -> usize {
        self.documents.keys().map(|d| self.pending(d)).sum()
    }

    /// Applies changes another tab of this browser made (they arrive over a BroadcastChannel as
    /// raw change bytes); effects as for [`Client::change`]. Bytes that are not changes are
    /// skipped: a tab must not be able to break another.
    pub fn apply_changes(
        &mut self,
        document: DocumentId,
        changes: &[Vec<u8>],
    ) -> Vec<ClientEffect> {
        let parsed: Vec<Change> = changes
            .iter()
            .filter_map(|bytes| Change::from_bytes(bytes.clone()).ok())
            .collect();
        if parsed.is_empty() {
            return Vec::new();
        }
        for change in &parsed {
            self.device_actors.insert(change.actor_id().clone());
        }
        // Another tab's batch is not ours to size-check: it may carry other members' changes
        // that tab received from the relay (any size the relay took).
        self.change_checked(document, false, |doc| {
            if parsed.len() > MAX_CHANGES_TO_PATCH {
                let _ = doc.apply_changes(parsed);
                return Touched::Everything;
            }
            let mut log = PatchLog::active();
            let _ = doc.apply_changes_log_patches(parsed, &mut log);
            Touched::from_patches(&doc.make_patches(&mut log))
        })
    }

    /// True when `document` holds changes whose dependencies have not arrived (another tab's
    /// change that builds on something this tab has not seen): ask the other tabs for more.
    pub fn is_missing_changes(&self, document: &DocumentId) -> bool {
        self.documents
            .get(document)
            .is_some_and(|entry| !entry.doc.get_missing_deps(&[]).is_empty())
    }

    /// The current heads of `document` (empty if not open).
    pub fn heads(&self, document: &DocumentId) -> Vec<ChangeHash> {
        self.documents
            .get(document)
            .map(|entry| entry.doc.get_heads())
            .unwrap_or_default()
    }

    /// The changes of `document` made since `heads` (for sharing with other tabs), as bytes.
    /// Hashes this device does not know are ignored (the answer is then a superset).
    pub fn changes_since(&self, document: &DocumentId, heads: &[ChangeHash]) -> Vec<Vec<u8>> {
        self.documents.get(document).map_or_else(Vec::new, |entry| {
            let known: Vec<ChangeHash> = heads
                .iter()
                .copied()
                .filter(|hash| entry.doc.get_change_by_hash(hash).is_some())
                .collect();
            entry
                .doc
                .get_changes(&known)
                .into_iter()
                .map(|change| change.raw_bytes().to_vec())
                .collect()
        })
    }

    /// Changes `document` with `edit`; returns the effects (store, then send, then changed).
    /// Nothing happens if the document is not open.
    /// What it touched is not known: [`ClientEffect::Changed`] says everything (see
    /// [`Client::change_logged`] for views that re-read only what changed).
    pub fn change(
        &mut self,
        document: DocumentId,
        edit: impl FnOnce(&mut Automerge),
    ) -> Vec<ClientEffect> {
        self.change_checked(document, true, |doc| {
            edit(doc);
            Touched::Everything
        })
    }

    /// Like [`Client::change`], for an `edit` that records its operations in the patch log it is
    /// given (by committing transactions from `transaction_log_patches`): the effect then names
    /// the paths it touched, found without diffing the document.
    pub fn change_logged(
        &mut self,
        document: DocumentId,
        edit: impl FnOnce(&mut Automerge, &mut PatchLog),
    ) -> Vec<ClientEffect> {
        self.change_checked(document, true, |doc| {
            let mut log = PatchLog::active();
            edit(doc, &mut log);
            Touched::from_patches(&doc.make_patches(&mut log))
        })
    }

    fn change_checked(
        &mut self,
        document: DocumentId,
        check_size: bool,
        edit: impl FnOnce(&mut Automerge) -> Touched,
    ) -> Vec<ClientEffect> {
        let mut out = Vec::new();
        let Some(entry) = self.documents.get_mut(&document) else {
            return out;
        };
        let before = entry.doc.get_heads();
        let touched = edit(&mut entry.doc);
        if entry.doc.get_heads() == before {
            return out;
        }
        // Each commit on its own: an import of a thousand small entries is fine, one paste of
        // 20 MB is not.
        let actor = entry.doc.get_actor().clone();
        let bytes: usize = entry
            .doc
            .get_changes(&before)
            .iter()
            .filter(|change| *change.actor_id() == actor)
            .map(|change| change.raw_bytes().len())
            .max()
            .unwrap_or(0);
        if check_size && bytes > MAX_CHANGE_BYTES {
            // Undo it before anything stores, sends or shows it: back to the heads before
            // (`before` are this document's own heads, so `fork_at` cannot fail on them).
            if let Ok(mut undone) = entry.doc.fork_at(&before) {
                undone.set_actor(actor);
                entry.doc = undone;
            }
            out.push(ClientEffect::ChangeRefused { document, bytes });
            return out;
        }
        self.device_actors.insert(entry.doc.get_actor().clone());
        if let Some(op) = entry.ledger.save(&entry.doc) {
            out.push(ClientEffect::Store { document, op });
        }
        self.sync_out(document, &mut out);
        out.push(ClientEffect::Changed(document, touched));
        out
    }
}

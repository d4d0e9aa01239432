//! The relay's side of the protocol, as a state machine: [`Hub::handle`] takes a [`HubEvent`]
//! and returns the [`HubEffect`]s to carry out, **in order**.
//!
//! Order is the durability contract: when a peer's message changes a document, the hub emits
//! [`HubEffect::Store`] *before* any [`HubEffect::Send`] whose sync message could tell a peer the
//! relay has those changes. The driver (`sync-server`) must finish each `Store` durably before it
//! performs the effects after it. So "synced" in a client always means "on the relay's disk".
//!
//! Behaviour follows automerge-repo's reference sync server: it never announces documents; it
//! answers `request` and `sync`; a `request` for a document it does not have gets
//! `doc-unavailable` (and the requester is remembered, so it receives the document if someone
//! uploads it later); a `sync` for an unknown document creates it; every change is fanned out to
//! every peer that has asked about that document. Ephemeral messages are forwarded to the
//! document's other peers, de-duplicated by (sender, session, count).
//!
//! Each connection belongs to a **scope** (a community): a document belongs to the scope of the
//! connection that first stored it, and is unavailable to every other scope. A connection that
//! may not write has its changes refused.
//!
//! ## Hostile peers
//! Every sync message passes [`crate::sync_check`] before Automerge sees it; ephemeral messages
//! must carry the connection's own handshake peer id and pass [`ephemeral::EphemeralGate`]; a
//! peer id belongs to one live connection (a newer connection of the same holder takes it over,
//! anyone else is refused). Should Automerge still panic, the driver catches it and calls
//! [`Hub::recover`]: the offending connection is refused and the document it touched is
//! reloaded from storage, while every other connection and document carries on.

mod budget;
pub mod ephemeral;
mod flush;
mod quota;
mod recovery;

pub use budget::{SEND_BURST_BYTES, SEND_BYTES_PER_SECOND};

pub use recovery::{Culprit, NOT_READING};

use std::collections::{BTreeSet, HashMap, HashSet};

use automerge::{
    sync::{self, SyncDoc},
    Automerge,
};

use crate::{
    ids::{DocumentId, PeerId},
    storage::{Chunk, ChunkLedger, StorageOp},
    sync_check::check_sync_message,
    wire::{PeerMetadata, WireMessage, PROTOCOL_VERSION},
};
use ephemeral::EphemeralGate;

/// A connection's number, chosen by the driver; unique while the connection lives.
pub type ConnectionId = u64;

/// Limits and identity of a hub.
#[derive(Debug, Clone)]
pub struct HubConfig {
    /// The relay's peer id.
    pub peer_id: PeerId,
    /// The relay's storage id (a UUID string): lets clients know when the relay has their changes.
    pub storage_id: String,
    /// Documents one connection may open. Why: each open document costs the relay a sync state
    /// and, while loaded, memory; a community has tens of documents open at once, not thousands.
    pub max_documents_per_connection: usize,
    /// Documents kept in memory with no connection using them. Why: idle documents are on disk;
    /// keeping a bounded few avoids reloading the ones people come back to.
    pub max_idle_documents: usize,
    /// Largest stored size of one document (see [`crate::limits::MAX_DOCUMENT_BYTES`]).
    pub max_document_bytes: u64,
    /// Largest stored size of one community (see [`crate::limits::MAX_COMMUNITY_BYTES`]).
    pub max_community_bytes: u64,
}

/// What a connection may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The community the connection belongs to.
    pub scope: String,
    /// False for viewers: their changes are refused.
    pub can_write: bool,
    /// Who holds the grant (the invite it descends from): a peer id may move from one live
    /// connection to another of the same holder (a tab reconnecting before its old socket was
    /// noticed dead), never to anyone else's.
    pub holder: String,
}

/// Something that happened, for the hub to react to.
#[derive(Debug)]
pub enum HubEvent {
    /// A connection was accepted.
    Connected {
        /// Its id.
        connection: ConnectionId,
        /// What it may do.
        access: Access,
    },
    /// A binary frame arrived.
    Frame {
        /// From which connection.
        connection: ConnectionId,
        /// The frame.
        bytes: Vec<u8>,
    },
    /// The connection closed.
    Disconnected {
        /// Which one.
        connection: ConnectionId,
    },
    /// A second passed (the driver's clock): per-second rates start again.
    Tick,
    /// The answer to [`HubEffect::Load`].
    Loaded {
        /// The document.
        document: DocumentId,
        /// Its scope, if it has ever been stored.
        scope: Option<String>,
        /// Its chunks (empty for a document never stored).
        chunks: Vec<Chunk>,
    },
}

/// Something the driver must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HubEffect {
    /// Send a frame.
    Send {
        /// To whom.
        connection: ConnectionId,
        /// The frame.
        bytes: Vec<u8>,
    },
    /// Close the connection (after sending whatever came before).
    Close {
        /// Which one.
        connection: ConnectionId,
        /// Why, for the log.
        reason: String,
    },
    /// Load a document's scope and chunks, then report [`HubEvent::Loaded`].
    Load {
        /// The document.
        document: DocumentId,
    },
    /// Write durably before performing any later effect.
    Store {
        /// The document.
        document: DocumentId,
        /// Its scope (recorded the first time).
        scope: String,
        /// What to write.
        op: StorageOp,
    },
}

struct Connection {
    access: Access,
    remote: Option<PeerId>,
    documents: HashSet<DocumentId>,
}

enum Slot {
    Loading(Vec<(ConnectionId, WireMessage)>),
    Ready(Box<HubDocument>),
    /// Stored chunks did not load: the document is refused rather than overwritten.
    Broken,
}

struct HubDocument {
    scope: Option<String>,
    doc: Automerge,
    ledger: ChunkLedger,
    peers: HashMap<ConnectionId, PeerSync>,
    last_used: u64,
}

/// The relay's sync with one peer about one document.
#[derive(Default)]
struct PeerSync {
    /// Automerge's sync state.
    state: sync::State,
    /// The heads the relay last *sent* this peer. Automerge's `last_sent_heads` also takes the
    /// peer's heads when it reports heads equal to ours with no changes — true when another
    /// connection (the same member's other tab) delivered those changes first — and then never
    /// tells this peer that the relay has them: its "synced" waits for ever. We restore it from
    /// this record after each receive (see [`Hub::apply`]).
    told: Vec<automerge::ChangeHash>,
}

/// The relay's sync engine. See the module docs.
pub struct Hub {
    config: HubConfig,
    connections: HashMap<ConnectionId, Connection>,
    documents: HashMap<DocumentId, Slot>,
    ephemeral: EphemeralGate,
    /// Documents being reloaded after a panic, with the peers to resubscribe once loaded.
    resubscribe: HashMap<DocumentId, Vec<ConnectionId>>,
    /// False while the driver's storage cannot write: changes are refused, reads go on.
    writable: bool,
    /// (connection, document) pairs owed a sync message, generated by [`Hub::flush`]: under load
    /// many changes coalesce into one message per peer and document.
    owed: BTreeSet<(ConnectionId, DocumentId)>,
    quotas: quota::Quotas,
    budget: budget::SendBudget,
    clock: u64,
}

impl Hub {
    /// A hub with no connections and no documents in memory.
    pub fn new(config: HubConfig) -> Self {
        Self {
            config,
            connections: HashMap::new(),
            documents: HashMap::new(),
            ephemeral: EphemeralGate::default(),
            resubscribe: HashMap::new(),
            writable: true,
            owed: BTreeSet::new(),
            quotas: quota::Quotas::default(),
            budget: budget::SendBudget::default(),
            clock: 0,
        }
    }

    /// How many documents are in memory.
    pub fn documents_in_memory(&self) -> usize {
        self.documents.len()
    }

    /// Reacts to `event` and sends what it owes; perform the returned effects in order.
    pub fn handle(&mut self, event: HubEvent) -> Vec<HubEffect> {
        let mut out = self.handle_deferred(event);
        out.extend(
            self.flush()
                .into_iter()
                .map(|(connection, bytes)| HubEffect::Send { connection, bytes }),
        );
        out
    }

    /// Reacts to `event` but holds back sync messages until [`Hub::flush`], so a driver that
    /// handles a batch of events sends one coalesced message per peer and document. Store
    /// effects are never held back: they always precede the flush's sends.
    pub fn handle_deferred(&mut self, event: HubEvent) -> Vec<HubEffect> {
        self.clock += 1;
        let mut out = Vec::new();
        match event {
            HubEvent::Connected { connection, access } => {
                self.connections.insert(
                    connection,
                    Connection {
                        access,
                        remote: None,
                        documents: HashSet::new(),
                    },
                );
            }
            HubEvent::Frame { connection, bytes } => self.on_frame(connection, &bytes, &mut out),
            HubEvent::Disconnected { connection } => self.on_disconnected(connection),
            HubEvent::Tick => {
                self.ephemeral.tick();
                self.budget.tick();
            }
            HubEvent::Loaded {
                document,
                scope,
                chunks,
            } => self.on_loaded(document, scope, &chunks, &mut out),
        }
        self.evict_idle();
        out
    }

    fn on_frame(&mut self, connection: ConnectionId, bytes: &[u8], out: &mut Vec<HubEffect>) {
        let Some(conn) = self.connections.get_mut(&connection) else {
            return;
        };
        let message = match WireMessage::decode(bytes) {
            Ok(message) => message,
            Err(error) => return refuse(connection, &format!("malformed message: {error}"), out),
        };
        let Some(remote) = conn.remote.clone() else {
            return self.on_handshake(connection, message, out);
        };
        match message {
            WireMessage::Request {
                ref document_id, ..
            }
            | WireMessage::Sync {
                ref document_id, ..
            } => {
                let document = *document_id;
                if !conn.documents.contains(&document)
                    && conn.documents.len() >= self.config.max_documents_per_connection
                {
                    return refuse(connection, "too many documents on one connection", out);
                }
                conn.documents.insert(document);
                self.with_document(connection, document, message, out);
            }
            WireMessage::Ephemeral {
                sender_id,
                document_id,
                count,
                session_id,
                data,
                ..
            } => {
                if sender_id != remote {
                    return refuse(
                        connection,
                        "an ephemeral message must come from its sender",
                        out,
                    );
                }
                self.forward_ephemeral(
                    connection,
                    remote,
                    document_id,
                    count,
                    session_id,
                    data,
                    out,
                )
            }
            WireMessage::DocUnavailable { .. } | WireMessage::Gossip => {}
            WireMessage::Leave { .. } => out.push(HubEffect::Close {
                connection,
                reason: format!("{remote} left"),
            }),
            WireMessage::Error { message } => out.push(HubEffect::Close {
                connection,
                reason: format!("{remote} reported an error: {message}"),
            }),
            WireMessage::Join { .. } | WireMessage::Peer { .. } => {
                refuse(connection, "handshake message after the handshake", out)
            }
        }
    }

    fn on_handshake(
        &mut self,
        connection: ConnectionId,
        message: WireMessage,
        out: &mut Vec<HubEffect>,
    ) {
        let WireMessage::Join {
            sender_id,
            supported_protocol_versions,
            ..
        } = message
        else {
            return refuse(connection, "expected a join message", out);
        };
        if !supported_protocol_versions
            .iter()
            .any(|v| v == PROTOCOL_VERSION)
        {
            return refuse(connection, "unsupported protocol version", out);
        }
        let Some(holder) = self
            .connections
            .get(&connection)
            .map(|c| c.access.holder.clone())
        else {
            return;
        };
        let holders: Vec<(ConnectionId, bool)> = self
            .connections
            .iter()
            .filter(|(&id, c)| id != connection && c.remote.as_ref() == Some(&sender_id))
            .map(|(&id, c)| (id, c.access.holder == holder))
            .collect();
        if holders.iter().any(|&(_, same)| !same) {
            return refuse(
                connection,
                "that peer id belongs to another connection",
                out,
            );
        }
        for (previous, _) in holders {
            out.push(HubEffect::Close {
                connection: previous,
                reason: "replaced by a newer connection of the same peer".into(),
            });
            self.on_disconnected(previous);
        }
        if let Some(conn) = self.connections.get_mut(&connection) {
            conn.remote = Some(sender_id.clone());
        }
        out.push(HubEffect::Send {
            connection,
            bytes: WireMessage::Peer {
                sender_id: self.config.peer_id.clone(),
                target_id: sender_id,
                selected_protocol_version: PROTOCOL_VERSION.to_string(),
                metadata: Some(PeerMetadata {
                    storage_id: Some(self.config.storage_id.clone()),
                    is_ephemeral: false,
                }),
            }
            .encode(),
        });
    }

    /// Routes a request/sync to its document, loading it first if needed.
    fn with_document(
        &mut self,
        connection: ConnectionId,
        document: DocumentId,
        message: WireMessage,
        out: &mut Vec<HubEffect>,
    ) {
        match self.documents.get_mut(&document) {
            None => {
                self.documents
                    .insert(document, Slot::Loading(vec![(connection, message)]));
                out.push(HubEffect::Load { document });
            }
            Some(Slot::Loading(pending)) => pending.push((connection, message)),
            Some(Slot::Broken) => self.unavailable(connection, document, out),
            Some(Slot::Ready(_)) => self.apply(connection, document, message, out),
        }
    }

    fn on_loaded(
        &mut self,
        document: DocumentId,
        scope: Option<String>,
        chunks: &[Chunk],
        out: &mut Vec<HubEffect>,
    ) {
        let Some(Slot::Loading(pending)) = self.documents.remove(&document) else {
            return;
        };
        let slot = match ChunkLedger::load(document, chunks) {
            Ok((doc, ledger)) => Slot::Ready(Box::new(HubDocument {
                scope,
                doc,
                ledger,
                peers: HashMap::new(),
                last_used: self.clock,
            })),
            Err(_) => Slot::Broken,
        };
        self.documents.insert(document, slot);
        if let (Some(peers), Some(Slot::Ready(entry))) = (
            self.resubscribe.remove(&document),
            self.documents.get_mut(&document),
        ) {
            for connection in peers {
                if self.connections.contains_key(&connection) {
                    entry.peers.insert(connection, PeerSync::default());
                    self.owed.insert((connection, document));
                }
            }
        }
        for (connection, message) in pending {
            if self.connections.contains_key(&connection) {
                self.with_document(connection, document, message, out);
            }
        }
    }

    /// Applies a request/sync to a loaded document: store, then answer and fan out.
    fn apply(
        &mut self,
        connection: ConnectionId,
        document: DocumentId,
        message: WireMessage,
        out: &mut Vec<HubEffect>,
    ) {
        let (is_request, data) = match message {
            WireMessage::Request { data, .. } => (true, data),
            WireMessage::Sync { data, .. } => (false, data),
            _ => return,
        };
        let Some(conn) = self.connections.get(&connection) else {
            return;
        };
        let access = conn.access.clone();
        let Some(Slot::Ready(entry)) = self.documents.get_mut(&document) else {
            return;
        };
        if entry.scope.as_ref().is_some_and(|s| *s != access.scope) {
            return self.unavailable(connection, document, out);
        }
        if let Err(error) = check_sync_message(&data) {
            return refuse(connection, &format!("refused sync message: {error}"), out);
        }
        let sync_message = match sync::Message::decode(&data) {
            Ok(m) => m,
            Err(error) => {
                return refuse(connection, &format!("malformed sync message: {error}"), out)
            }
        };
        if !self.writable && !sync_message.changes.is_empty() {
            return refuse(connection, NOT_STORING, out);
        }
        if !access.can_write && !sync_message.changes.is_empty() {
            return refuse(
                connection,
                "this invitation may read but not change documents",
                out,
            );
        }
        if !sync_message.changes.is_empty() {
            let scope = entry.scope.as_deref().unwrap_or(&access.scope);
            let limits = (
                self.config.max_document_bytes,
                self.config.max_community_bytes,
            );
            let stored = entry.ledger.stored_bytes();
            if let Err(refusal) =
                self.quotas
                    .check(limits, scope, document, stored, data.len() as u64)
            {
                return refuse(connection, &refusal.message(), out);
            }
        }
        entry.last_used = self.clock;
        let heads_before = entry.doc.get_heads();
        let peer = entry.peers.entry(connection).or_default();
        if let Err(error) = entry
            .doc
            .receive_sync_message(&mut peer.state, sync_message)
        {
            return refuse(
                connection,
                &format!("sync message does not apply: {error}"),
                out,
            );
        }
        let heads_now = entry.doc.get_heads();
        // Undo Automerge taking the peer's report for our own announcement (see `PeerSync`):
        // only that case, so a peer that lost its data (`last_sent_heads` reset) still resyncs.
        if peer.state.last_sent_heads == heads_now && peer.told != heads_now {
            peer.state.last_sent_heads.clone_from(&peer.told);
        }
        let changed = heads_now != heads_before;
        if changed {
            let scope = entry
                .scope
                .get_or_insert_with(|| access.scope.clone())
                .clone();
            let before = entry.ledger.stored_bytes();
            if let Some(op) = entry.ledger.save(&entry.doc) {
                self.quotas
                    .saved(&scope, before, entry.ledger.stored_bytes());
                out.push(HubEffect::Store {
                    document,
                    scope,
                    op,
                });
            }
        }
        if entry.doc.get_heads().is_empty() && is_request {
            // Nobody has stored this document: say so now; the requester stays subscribed.
            return self.unavailable(connection, document, out);
        }
        if changed {
            self.owed
                .extend(entry.peers.keys().map(|&target| (target, document)));
        } else {
            self.owed.insert((connection, document));
        }
    }

    fn unavailable(
        &self,
        connection: ConnectionId,
        document: DocumentId,
        out: &mut Vec<HubEffect>,
    ) {
        if let Some(remote) = self
            .connections
            .get(&connection)
            .and_then(|c| c.remote.clone())
        {
            out.push(HubEffect::Send {
                connection,
                bytes: WireMessage::DocUnavailable {
                    sender_id: self.config.peer_id.clone(),
                    target_id: remote,
                    document_id: document,
                }
                .encode(),
            });
        }
    }

    fn on_disconnected(&mut self, connection: ConnectionId) {
        let Some(conn) = self.connections.remove(&connection) else {
            return;
        };
        self.owed.retain(|(c, _)| *c != connection);
        for document in conn.documents {
            if let Some(Slot::Ready(entry)) = self.documents.get_mut(&document) {
                entry.peers.remove(&connection);
            }
        }
        self.ephemeral.forget(connection);
        self.budget.forget(connection);
    }

    /// Drops the least recently used documents that nobody has open, beyond the idle limit.
    /// They are on disk: the next request loads them again.
    fn evict_idle(&mut self) {
        let mut idle: Vec<(u64, DocumentId)> = self
            .documents
            .iter()
            .filter_map(|(id, slot)| match slot {
                Slot::Ready(entry) if entry.peers.is_empty() => Some((entry.last_used, *id)),
                Slot::Broken => Some((0, *id)),
                _ => None,
            })
            .collect();
        if idle.len() <= self.config.max_idle_documents {
            return;
        }
        idle.sort_unstable();
        let excess = idle.len() - self.config.max_idle_documents;
        for (_, id) in idle.into_iter().take(excess) {
            self.documents.remove(&id);
        }
    }
}

/// Why changes are refused while storage cannot write.
pub const NOT_STORING: &str =
    "the relay cannot store changes right now; they stay on your device and sync later";

/// Sends an `error` and closes: the peer broke the protocol or a limit.
fn refuse(connection: ConnectionId, reason: &str, out: &mut Vec<HubEffect>) {
    out.push(HubEffect::Send {
        connection,
        bytes: WireMessage::Error {
            message: reason.to_string(),
        }
        .encode(),
    });
    out.push(HubEffect::Close {
        connection,
        reason: reason.to_string(),
    });
}

#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod test_rig;
#[cfg(test)]
mod tests;

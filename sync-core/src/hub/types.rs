//! What the hub is told and what it asks for: its configuration, a connection's access, the
//! events a driver feeds in and the effects it must carry out in order.

use crate::{
    ids::{DocumentId, PeerId, Scope},
    storage::{Chunk, StorageOp},
};

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
    pub scope: Scope,
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
        scope: Option<Scope>,
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
        scope: Scope,
        /// What to write.
        op: StorageOp,
    },
}

//! automerge-repo network protocol v1: one CBOR map per binary WebSocket frame.
//!
//! [`WireMessage::decode`] accepts what real peers send — JS `cbor-x` writes every map with a
//! 16-bit length header, `undefined` (0xf7) for absent optional fields, and float64 for large
//! numbers — and never panics: any malformed input is a [`DecodeError`]. [`WireMessage::encode`]
//! writes minimal CBOR, which both JS and samod read. Unknown keys are skipped; unknown message
//! types are an error (that is what samod does, and we never invent types ourselves).
//!
//! Reference: `sync-core/PROTOCOL.md` (our notes on automerge-repo 2.5 and samod).

mod decoding;
mod encoding;
#[cfg(test)]
mod tests;

use minicbor::{decode, Decoder, Encoder};

use crate::ids::{DocumentId, InvalidDocumentId, PeerId};

/// The protocol version Kehila speaks (the only one automerge-repo has).
pub const PROTOCOL_VERSION: &str = "1";

/// What a peer says about itself in `join`/`peer`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeerMetadata {
    /// The peer's storage id (a UUID string) when it stores documents durably.
    pub storage_id: Option<String>,
    /// True for a peer that keeps nothing (a browser tab without storage, a script).
    pub is_ephemeral: bool,
}

/// One protocol message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireMessage {
    /// First message from the connecting side.
    Join {
        /// The joiner's peer id.
        sender_id: PeerId,
        /// Versions the joiner speaks (JS always sends `["1"]`).
        supported_protocol_versions: Vec<String>,
        /// The joiner's metadata, if sent.
        metadata: Option<PeerMetadata>,
    },
    /// The accepting side's answer to `join`.
    Peer {
        /// The accepter's peer id.
        sender_id: PeerId,
        /// The joiner's peer id.
        target_id: PeerId,
        /// Always [`PROTOCOL_VERSION`].
        selected_protocol_version: String,
        /// The accepter's metadata.
        metadata: Option<PeerMetadata>,
    },
    /// "I do not have this document; send it if you do" (carries a sync message).
    Request {
        /// Sender.
        sender_id: PeerId,
        /// Recipient.
        target_id: PeerId,
        /// The document.
        document_id: DocumentId,
        /// An encoded `automerge::sync::Message`.
        data: Vec<u8>,
    },
    /// One step of the Automerge sync protocol for one document.
    Sync {
        /// Sender.
        sender_id: PeerId,
        /// Recipient.
        target_id: PeerId,
        /// The document.
        document_id: DocumentId,
        /// An encoded `automerge::sync::Message`.
        data: Vec<u8>,
    },
    /// "I do not have this document (or you may not have it)."
    DocUnavailable {
        /// Sender.
        sender_id: PeerId,
        /// Recipient.
        target_id: PeerId,
        /// The document.
        document_id: DocumentId,
    },
    /// A message about a document that is not stored (presence, cursors).
    Ephemeral {
        /// The peer that first sent it (kept when forwarded).
        sender_id: PeerId,
        /// Recipient.
        target_id: PeerId,
        /// The document it is about.
        document_id: DocumentId,
        /// Increases per session: with `session_id`, de-duplicates forwarded copies.
        count: u64,
        /// The sending repo's session.
        session_id: String,
        /// CBOR of the application's value.
        data: Vec<u8>,
    },
    /// Something went wrong; the sender closes the connection.
    Error {
        /// Human-readable reason.
        message: String,
    },
    /// The sender is going away.
    Leave {
        /// Sender.
        sender_id: PeerId,
    },
    /// Remote-heads gossip (`remote-subscription-change`, `remote-heads-changed`): decoded so
    /// the peer is not dropped, then ignored, as samod does.
    Gossip,
}

/// Why a frame is not a valid protocol message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not well-formed CBOR, or a value of the wrong CBOR type.
    #[error("malformed CBOR: {0}")]
    Cbor(String),
    /// The top-level value is not a map.
    #[error("a message must be a CBOR map")]
    NotAMap,
    /// A required field is missing.
    #[error("missing field `{0}`")]
    MissingField(&'static str),
    /// The `type` field names no protocol message.
    #[error("unknown message type `{0}`")]
    UnknownType(String),
    /// `documentId` is not a valid document id.
    #[error("invalid documentId: {0}")]
    DocumentId(#[from] InvalidDocumentId),
    /// Bytes follow the message.
    #[error("trailing bytes after the message")]
    TrailingBytes,
}

impl From<decode::Error> for DecodeError {
    fn from(error: decode::Error) -> Self {
        DecodeError::Cbor(error.to_string())
    }
}

impl WireMessage {
    /// The document the message is about, if it is about one.
    pub fn document(&self) -> Option<DocumentId> {
        match self {
            WireMessage::Request { document_id, .. }
            | WireMessage::Sync { document_id, .. }
            | WireMessage::DocUnavailable { document_id, .. }
            | WireMessage::Ephemeral { document_id, .. } => Some(*document_id),
            _ => None,
        }
    }

    /// Decodes one frame.
    ///
    /// # Errors
    /// [`DecodeError`] for anything that is not exactly one valid protocol message.
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut d = Decoder::new(bytes);
        let fields = decoding::read_fields(&mut d)?;
        if d.position() != bytes.len() {
            return Err(DecodeError::TrailingBytes);
        }
        let kind = fields
            .kind
            .clone()
            .ok_or(DecodeError::MissingField("type"))?;
        decoding::build(kind, fields)
    }

    /// Encodes the message as minimal CBOR.
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        // Writing into a Vec cannot fail, so the results are ignored.
        let _ = self.write(&mut e);
        e.into_writer()
    }
}

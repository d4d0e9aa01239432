//! automerge-repo network protocol v1: one CBOR map per binary WebSocket frame.
//!
//! [`WireMessage::decode`] accepts what real peers send — JS `cbor-x` writes every map with a
//! 16-bit length header, `undefined` (0xf7) for absent optional fields, and float64 for large
//! numbers — and never panics: any malformed input is a [`DecodeError`]. [`WireMessage::encode`]
//! writes minimal CBOR, which both JS and samod read. Unknown keys are skipped; unknown message
//! types are an error (that is what samod does, and we never invent types ourselves).
//!
//! Reference: `sync-core/PROTOCOL.md` (our notes on automerge-repo 2.5 and samod).

use minicbor::{data::Type, decode, Decoder, Encoder};

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

/// The fields any message may carry, gathered before the type decides which are required.
#[derive(Default)]
struct Fields {
    kind: Option<String>,
    sender_id: Option<String>,
    target_id: Option<String>,
    document_id: Option<DocumentId>,
    data: Option<Vec<u8>>,
    count: Option<u64>,
    session_id: Option<String>,
    message: Option<String>,
    supported_versions: Option<Vec<String>>,
    selected_version: Option<String>,
    metadata: Option<PeerMetadata>,
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
        let fields = read_fields(&mut d)?;
        if d.position() != bytes.len() {
            return Err(DecodeError::TrailingBytes);
        }
        let kind = fields
            .kind
            .clone()
            .ok_or(DecodeError::MissingField("type"))?;
        build(kind, fields)
    }

    /// Encodes the message as minimal CBOR.
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        // Writing into a Vec cannot fail, so the results are ignored.
        let _ = self.write(&mut e);
        e.into_writer()
    }

    fn write(
        &self,
        e: &mut Encoder<Vec<u8>>,
    ) -> Result<(), minicbor::encode::Error<std::convert::Infallible>> {
        match self {
            WireMessage::Join {
                sender_id,
                supported_protocol_versions,
                metadata,
            } => {
                e.map(3 + u64::from(metadata.is_some()))?;
                e.str("type")?.str("join")?;
                e.str("senderId")?.str(sender_id)?;
                e.str("supportedProtocolVersions")?
                    .array(supported_protocol_versions.len() as u64)?;
                for version in supported_protocol_versions {
                    e.str(version)?;
                }
                write_metadata(e, metadata.as_ref())?;
            }
            WireMessage::Peer {
                sender_id,
                target_id,
                selected_protocol_version,
                metadata,
            } => {
                e.map(4 + u64::from(metadata.is_some()))?;
                e.str("type")?.str("peer")?;
                e.str("senderId")?.str(sender_id)?;
                e.str("targetId")?.str(target_id)?;
                e.str("selectedProtocolVersion")?
                    .str(selected_protocol_version)?;
                write_metadata(e, metadata.as_ref())?;
            }
            WireMessage::Request {
                sender_id,
                target_id,
                document_id,
                data,
            }
            | WireMessage::Sync {
                sender_id,
                target_id,
                document_id,
                data,
            } => {
                let kind = if matches!(self, WireMessage::Request { .. }) {
                    "request"
                } else {
                    "sync"
                };
                e.map(5)?;
                e.str("type")?.str(kind)?;
                e.str("senderId")?.str(sender_id)?;
                e.str("targetId")?.str(target_id)?;
                e.str("documentId")?.str(&document_id.to_string())?;
                e.str("data")?.bytes(data)?;
            }
            WireMessage::DocUnavailable {
                sender_id,
                target_id,
                document_id,
            } => {
                e.map(4)?;
                e.str("type")?.str("doc-unavailable")?;
                e.str("senderId")?.str(sender_id)?;
                e.str("targetId")?.str(target_id)?;
                e.str("documentId")?.str(&document_id.to_string())?;
            }
            WireMessage::Ephemeral {
                sender_id,
                target_id,
                document_id,
                count,
                session_id,
                data,
            } => {
                e.map(7)?;
                e.str("type")?.str("ephemeral")?;
                e.str("senderId")?.str(sender_id)?;
                e.str("targetId")?.str(target_id)?;
                e.str("documentId")?.str(&document_id.to_string())?;
                e.str("count")?.u64(*count)?;
                e.str("sessionId")?.str(session_id)?;
                e.str("data")?.bytes(data)?;
            }
            WireMessage::Error { message } => {
                e.map(2)?;
                e.str("type")?.str("error")?;
                e.str("message")?.str(message)?;
            }
            WireMessage::Leave { sender_id } => {
                e.map(2)?;
                e.str("type")?.str("leave")?;
                e.str("senderId")?.str(sender_id)?;
            }
            WireMessage::Gossip => {
                // Never sent: Kehila does not gossip remote heads. An empty map keeps this total.
                e.map(0)?;
            }
        }
        Ok(())
    }
}

fn write_metadata(
    e: &mut Encoder<Vec<u8>>,
    metadata: Option<&PeerMetadata>,
) -> Result<(), minicbor::encode::Error<std::convert::Infallible>> {
    if let Some(metadata) = metadata {
        e.str("peerMetadata")?;
        e.map(1 + u64::from(metadata.storage_id.is_some()))?;
        if let Some(storage_id) = &metadata.storage_id {
            e.str("storageId")?.str(storage_id)?;
        }
        e.str("isEphemeral")?.bool(metadata.is_ephemeral)?;
    }
    Ok(())
}

/// Reads the top-level map into [`Fields`], skipping unknown keys.
fn read_fields(d: &mut Decoder<'_>) -> Result<Fields, DecodeError> {
    if d.datatype()? != Type::Map && d.datatype()? != Type::MapIndef {
        return Err(DecodeError::NotAMap);
    }
    let mut fields = Fields::default();
    let len = d.map()?;
    let mut seen = 0u64;
    loop {
        match len {
            Some(n) if seen >= n => break,
            None if d.datatype()? == Type::Break => {
                d.skip()?;
                break;
            }
            _ => {}
        }
        seen += 1;
        if d.datatype()? != Type::String {
            d.skip()?; // a non-text key: skip it and its value
            d.skip()?;
            continue;
        }
        let key = d.str()?;
        if is_absent(d)? {
            continue;
        }
        match key {
            "type" => fields.kind = Some(d.str()?.to_string()),
            "senderId" => fields.sender_id = Some(d.str()?.to_string()),
            "targetId" => fields.target_id = Some(d.str()?.to_string()),
            "documentId" => fields.document_id = Some(read_document_id(d)?),
            "data" => fields.data = Some(d.bytes()?.to_vec()),
            "count" => fields.count = Some(read_count(d)?),
            "sessionId" => fields.session_id = Some(d.str()?.to_string()),
            "message" => fields.message = Some(d.str()?.to_string()),
            "selectedProtocolVersion" => fields.selected_version = Some(d.str()?.to_string()),
            "supportedProtocolVersions" => fields.supported_versions = Some(read_strings(d)?),
            "peerMetadata" | "metadata" => fields.metadata = Some(read_metadata(d)?),
            _ => d.skip()?,
        }
    }
    Ok(fields)
}

/// `undefined` and `null` mean "absent": consume them and say so.
fn is_absent(d: &mut Decoder<'_>) -> Result<bool, DecodeError> {
    match d.datatype()? {
        Type::Undefined => {
            d.undefined()?;
            Ok(true)
        }
        Type::Null => {
            d.null()?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn read_document_id(d: &mut Decoder<'_>) -> Result<DocumentId, DecodeError> {
    match d.datatype()? {
        Type::Bytes => Ok(DocumentId::from_bytes(d.bytes()?)?),
        _ => Ok(d.str()?.parse()?),
    }
}

/// JS writes numbers ≥ 2^32 as float64; accept a whole, non-negative float as a count.
fn read_count(d: &mut Decoder<'_>) -> Result<u64, DecodeError> {
    match d.datatype()? {
        Type::F16 | Type::F32 | Type::F64 => {
            let value = d.f64()?;
            if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value < 2f64.powi(63) {
                Ok(value as u64)
            } else {
                Err(DecodeError::Cbor(format!(
                    "count {value} is not a whole number"
                )))
            }
        }
        _ => Ok(d.u64()?),
    }
}

fn read_strings(d: &mut Decoder<'_>) -> Result<Vec<String>, DecodeError> {
    let mut out = Vec::new();
    for item in d.array_iter::<&str>()? {
        out.push(item?.to_string());
    }
    Ok(out)
}

fn read_metadata(d: &mut Decoder<'_>) -> Result<PeerMetadata, DecodeError> {
    let mut metadata = PeerMetadata::default();
    let len = d
        .map()?
        .ok_or(DecodeError::Cbor("indefinite peerMetadata".into()))?;
    for _ in 0..len {
        if d.datatype()? != Type::String {
            d.skip()?;
            d.skip()?;
            continue;
        }
        let key = d.str()?;
        if is_absent(d)? {
            continue;
        }
        match key {
            "storageId" => metadata.storage_id = Some(d.str()?.to_string()),
            "isEphemeral" => metadata.is_ephemeral = d.bool()?,
            _ => d.skip()?,
        }
    }
    Ok(metadata)
}

fn build(kind: String, f: Fields) -> Result<WireMessage, DecodeError> {
    let sender = |f: &Fields| {
        f.sender_id
            .clone()
            .map(PeerId::from)
            .ok_or(DecodeError::MissingField("senderId"))
    };
    let target = |f: &Fields| {
        f.target_id
            .clone()
            .map(PeerId::from)
            .ok_or(DecodeError::MissingField("targetId"))
    };
    let document = |f: &Fields| f.document_id.ok_or(DecodeError::MissingField("documentId"));
    let data = |f: &Fields| f.data.clone().ok_or(DecodeError::MissingField("data"));
    Ok(match kind.as_str() {
        "join" => WireMessage::Join {
            sender_id: sender(&f)?,
            // JS servers treat a missing list as v1; so do we.
            supported_protocol_versions: f
                .supported_versions
                .clone()
                .unwrap_or_else(|| vec![PROTOCOL_VERSION.to_string()]),
            metadata: f.metadata.clone(),
        },
        "peer" => WireMessage::Peer {
            sender_id: sender(&f)?,
            target_id: target(&f)?,
            selected_protocol_version: f
                .selected_version
                .clone()
                .ok_or(DecodeError::MissingField("selectedProtocolVersion"))?,
            metadata: f.metadata.clone(),
        },
        "request" => WireMessage::Request {
            sender_id: sender(&f)?,
            target_id: target(&f)?,
            document_id: document(&f)?,
            data: data(&f)?,
        },
        "sync" => WireMessage::Sync {
            sender_id: sender(&f)?,
            target_id: target(&f)?,
            document_id: document(&f)?,
            data: data(&f)?,
        },
        "doc-unavailable" => WireMessage::DocUnavailable {
            sender_id: sender(&f)?,
            target_id: target(&f)?,
            document_id: document(&f)?,
        },
        "ephemeral" => WireMessage::Ephemeral {
            sender_id: sender(&f)?,
            target_id: target(&f)?,
            document_id: document(&f)?,
            count: f.count.ok_or(DecodeError::MissingField("count"))?,
            session_id: f
                .session_id
                .clone()
                .ok_or(DecodeError::MissingField("sessionId"))?,
            data: data(&f)?,
        },
        "error" => WireMessage::Error {
            message: f.message.clone().unwrap_or_default(),
        },
        "leave" => WireMessage::Leave {
            sender_id: sender(&f)?,
        },
        "remote-subscription-change" | "remote-heads-changed" => WireMessage::Gossip,
        _ => return Err(DecodeError::UnknownType(kind)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> DocumentId {
        DocumentId::from_random_bytes([3; 16])
    }

    #[test]
    fn every_message_round_trips() {
        let messages = vec![
            WireMessage::Join {
                sender_id: "peer-a".into(),
                supported_protocol_versions: vec!["1".into()],
                metadata: Some(PeerMetadata {
                    storage_id: None,
                    is_ephemeral: true,
                }),
            },
            WireMessage::Peer {
                sender_id: "relay".into(),
                target_id: "peer-a".into(),
                selected_protocol_version: "1".into(),
                metadata: Some(PeerMetadata {
                    storage_id: Some("0f7e4c2a-0000-4000-8000-000000000000".into()),
                    is_ephemeral: false,
                }),
            },
            WireMessage::Request {
                sender_id: "a".into(),
                target_id: "b".into(),
                document_id: doc(),
                data: vec![0x42, 1],
            },
            WireMessage::Sync {
                sender_id: "a".into(),
                target_id: "b".into(),
                document_id: doc(),
                data: vec![0x42, 2],
            },
            WireMessage::DocUnavailable {
                sender_id: "a".into(),
                target_id: "b".into(),
                document_id: doc(),
            },
            WireMessage::Ephemeral {
                sender_id: "a".into(),
                target_id: "b".into(),
                document_id: doc(),
                count: 9,
                session_id: "s1".into(),
                data: vec![0xa0],
            },
            WireMessage::Error {
                message: "unsupported protocol version".into(),
            },
            WireMessage::Leave {
                sender_id: "a".into(),
            },
        ];
        for message in messages {
            assert_eq!(WireMessage::decode(&message.encode()), Ok(message.clone()));
        }
    }

    /// The `join` a JS automerge-repo 2.5 client without storage sends, byte for byte as cbor-x
    /// writes it: map16 headers and `undefined` for the missing storageId.
    #[test]
    fn decodes_a_js_join_with_map16_and_undefined() {
        let mut bytes = vec![0xb9, 0x00, 0x04];
        let text = |s: &str| {
            let mut out = vec![0x60 | s.len() as u8];
            out.extend_from_slice(s.as_bytes());
            out
        };
        bytes.extend(text("type"));
        bytes.extend(text("join"));
        bytes.extend(text("senderId"));
        bytes.extend(text("peer-abc"));
        bytes.extend(text("peerMetadata"));
        bytes.extend([0xb9, 0x00, 0x02]);
        bytes.extend(text("storageId"));
        bytes.push(0xf7);
        bytes.extend(text("isEphemeral"));
        bytes.push(0xf5);
        bytes.extend([0x78, 25]);
        bytes.extend_from_slice(b"supportedProtocolVersions");
        bytes.extend([0x81, 0x61, b'1']);
        assert_eq!(
            WireMessage::decode(&bytes),
            Ok(WireMessage::Join {
                sender_id: "peer-abc".into(),
                supported_protocol_versions: vec!["1".into()],
                metadata: Some(PeerMetadata {
                    storage_id: None,
                    is_ephemeral: true
                }),
            })
        );
    }

    #[test]
    fn float_counts_and_unknown_keys_are_accepted() {
        let mut e = Encoder::new(Vec::new());
        e.map(8).unwrap();
        e.str("type").unwrap().str("ephemeral").unwrap();
        e.str("senderId").unwrap().str("a").unwrap();
        e.str("targetId").unwrap().str("b").unwrap();
        e.str("documentId")
            .unwrap()
            .str(&doc().to_string())
            .unwrap();
        e.str("count").unwrap().f64(4_294_967_296.0).unwrap();
        e.str("sessionId").unwrap().str("s").unwrap();
        e.str("data").unwrap().bytes(&[0xa0]).unwrap();
        e.str("futureField")
            .unwrap()
            .array(1)
            .unwrap()
            .u8(1)
            .unwrap();
        let decoded = WireMessage::decode(&e.into_writer()).unwrap();
        assert!(matches!(
            decoded,
            WireMessage::Ephemeral {
                count: 4_294_967_296,
                ..
            }
        ));
    }

    #[test]
    fn malformed_input_is_an_error_never_a_panic() {
        let valid = WireMessage::Sync {
            sender_id: "a".into(),
            target_id: "b".into(),
            document_id: doc(),
            data: vec![1, 2, 3],
        }
        .encode();
        // Every truncation of a valid message, and every single-byte corruption, decodes to
        // an error or a message — never a panic.
        for end in 0..valid.len() {
            assert!(
                WireMessage::decode(&valid[..end]).is_err(),
                "truncated at {end}"
            );
        }
        for i in 0..valid.len() {
            for byte in [0x00, 0x1f, 0x5f, 0x7f, 0x9f, 0xbf, 0xff, 0xf7] {
                let mut corrupt = valid.clone();
                corrupt[i] = byte;
                let _ = WireMessage::decode(&corrupt);
            }
        }
        let mut trailing = valid.clone();
        trailing.push(0);
        assert_eq!(
            WireMessage::decode(&trailing),
            Err(DecodeError::TrailingBytes)
        );
        assert_eq!(WireMessage::decode(&[0x01]), Err(DecodeError::NotAMap));
        assert!(
            matches!(WireMessage::decode(&[0xa1, 0x64, b't', b'y', b'p', b'e', 0x63, b'f', b'o', b'o']), Err(DecodeError::UnknownType(t)) if t == "foo")
        );
        // A deeply nested value under an unknown key must not overflow the stack.
        let mut deep = vec![0xa1, 0x61, b'x'];
        deep.extend(std::iter::repeat_n(0x81, 100_000));
        deep.push(0x00);
        assert!(WireMessage::decode(&deep).is_err());
    }
}

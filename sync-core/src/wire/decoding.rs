//! Reading a frame: the top-level map into [`Fields`], then the message its type asks for,
//! leniently as real peers write it (map16 headers, `undefined`, float counts), never panicking.

use minicbor::{data::Type, Decoder};

use super::{DecodeError, PeerMetadata, WireMessage, PROTOCOL_VERSION};
use crate::ids::{DocumentId, PeerId};

/// The fields any message may carry, gathered before the type decides which are required.
#[derive(Default)]
pub(super) struct Fields {
    pub(super) kind: Option<String>,
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

/// Reads the top-level map into [`Fields`], skipping unknown keys.
pub(super) fn read_fields(d: &mut Decoder<'_>) -> Result<Fields, DecodeError> {
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

pub(super) fn build(kind: String, f: Fields) -> Result<WireMessage, DecodeError> {
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

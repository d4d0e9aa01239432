//! Writing a [`WireMessage`] as minimal CBOR (what JS cbor-x and samod both read).

use minicbor::Encoder;

use super::{PeerMetadata, WireMessage};

impl WireMessage {
    pub(super) fn write(
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

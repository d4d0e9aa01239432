//! The handshake: `join` in, `peer` out, and who may hold a peer id.

use super::{refuse, ConnectionId, Hub, HubEffect};
use crate::wire::{PeerMetadata, WireMessage, PROTOCOL_VERSION};

impl Hub {
    pub(super) fn on_handshake(
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
}

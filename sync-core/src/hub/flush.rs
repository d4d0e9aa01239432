//! Sync messages owed, then generated: under load many changes coalesce into one message per
//! peer and document, and none is generated for a peer that could not take it, or that has
//! spent its send budget (`budget.rs`).

use std::collections::BTreeSet;

use automerge::sync::SyncDoc;

use super::{ConnectionId, Hub, HubEffect, Slot};
use crate::{ids::DocumentId, wire::WireMessage};

impl Hub {
    /// The sync messages owed since the last flush, as (connection, frame). They only carry data
    /// already stored: any `Store` they depend on was returned by an earlier call.
    pub fn flush(&mut self) -> Vec<(ConnectionId, Vec<u8>)> {
        self.flush_for(|_| true)
    }

    /// Like [`Hub::flush`], but only for connections `ready` says can take more frames; the rest
    /// stay owed. A slow peer thus gets one message with everything it missed once it catches up,
    /// instead of a growing queue of small ones — and no message is generated that could not be
    /// delivered (the sync state would believe it sent).
    pub fn flush_for(
        &mut self,
        ready: impl Fn(ConnectionId) -> bool,
    ) -> Vec<(ConnectionId, Vec<u8>)> {
        self.take_owed(ready)
            .into_iter()
            .filter_map(|(connection, document)| {
                self.sync_message(connection, document)
                    .map(|bytes| (connection, bytes))
            })
            .collect()
    }

    /// The first half of [`Hub::flush_for`]: the owed (connection, document) pairs whose
    /// connection is `ready`, no longer owed. A driver that guards each
    /// [`Hub::sync_message`] separately (against a panic) calls the halves itself.
    pub fn take_owed(
        &mut self,
        ready: impl Fn(ConnectionId) -> bool,
    ) -> Vec<(ConnectionId, DocumentId)> {
        let (budget, connections) = (&self.budget, &self.connections);
        let within_budget = |c: &ConnectionId| {
            connections
                .get(c)
                .is_none_or(|conn| budget.allows(&conn.access.holder))
        };
        let (now, later): (BTreeSet<_>, BTreeSet<_>) = std::mem::take(&mut self.owed)
            .into_iter()
            .partition(|(c, _)| ready(*c) && within_budget(c));
        self.owed = later;
        now.into_iter().collect()
    }

    /// The second half: the sync message `connection` is owed for `document`, if any.
    pub fn sync_message(
        &mut self,
        connection: ConnectionId,
        document: DocumentId,
    ) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        self.send_sync(connection, document, &mut out);
        out.into_iter().find_map(|effect| match effect {
            HubEffect::Send { bytes, .. } => Some(bytes),
            _ => None,
        })
    }

    /// True while some peer is owed a sync message it was not ready for.
    pub fn is_owing(&self) -> bool {
        !self.owed.is_empty()
    }

    /// Generates and sends sync messages for `document` to `connection` if it may see it.
    pub(super) fn send_sync(
        &mut self,
        connection: ConnectionId,
        document: DocumentId,
        out: &mut Vec<HubEffect>,
    ) {
        let Some(conn) = self.connections.get(&connection) else {
            return;
        };
        let (Some(remote), scope) = (conn.remote.clone(), conn.access.scope.clone()) else {
            return;
        };
        let holder = conn.access.holder.clone();
        let Some(Slot::Ready(entry)) = self.documents.get_mut(&document) else {
            return;
        };
        if entry.scope.as_ref().is_some_and(|s| *s != scope) {
            return;
        }
        let peer = entry.peers.entry(connection).or_default();
        if let Some(message) = entry.doc.generate_sync_message(&mut peer.state) {
            peer.told = entry.doc.get_heads();
            let bytes = WireMessage::Sync {
                sender_id: self.config.peer_id.clone(),
                target_id: remote,
                document_id: document,
                data: message.encode(),
            }
            .encode();
            self.budget.charge(&holder, bytes.len());
            out.push(HubEffect::Send { connection, bytes });
        }
    }
}

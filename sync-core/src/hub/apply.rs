//! Applying a peer's `request` or `sync` to a loaded document: scope, validation, access and
//! quota first; then Automerge; then the store and who is owed an answer.

use automerge::{
    sync::{self, SyncDoc},
    Automerge, ReadDoc,
};

use super::{refuse, ConnectionId, Hub, HubEffect, Slot, NOT_STORING};
use crate::{
    ids::DocumentId,
    storage::{ChunkLedger, StorageOp},
    sync_check::check_sync_message,
    wire::WireMessage,
};

impl Hub {
    /// Applies a request/sync to a loaded document: store, then answer and fan out.
    pub(super) fn apply(
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
        let limits = (
            self.config.max_document_bytes,
            self.config.max_community_bytes,
        );
        if !sync_message.changes.is_empty() {
            let scope = entry.scope.as_ref().unwrap_or(&access.scope);
            let held = entry.ledger.stored_bytes() + entry.queued;
            if let Err(refusal) =
                self.quotas
                    .check(limits, scope, document, held, data.len() as u64)
            {
                refuse(connection, &refusal.message(), out);
                if entry.queued > 0 {
                    // What waits in memory for a dependency may be the refused peer's own
                    // flood: drop it with the peer (the document reloads from disk).
                    self.on_disconnected(connection);
                    self.reload(document, out);
                }
                return;
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
        let scope = entry.scope.clone().unwrap_or_else(|| access.scope.clone());
        // Changes waiting for a dependency are in memory, not on disk: they count too.
        let queued = if entry.doc.get_missing_deps(&[]).is_empty() {
            0
        } else {
            entry.queued + data.len() as u64
        };
        let before = entry.ledger.stored_bytes() + entry.queued;
        let planned = changed.then(|| plan_save(&entry.ledger, &entry.doc, limits.0, queued));
        let after = planned
            .as_ref()
            .map_or(entry.ledger.stored_bytes(), |(ledger, _)| {
                ledger.stored_bytes()
            })
            + queued;
        let over = if after > limits.0 {
            Some(crate::refusal::Refusal::DocumentFull {
                document,
                limit: limits.0,
            })
        } else if after > before && self.quotas.total_if(&scope, before, after) > limits.1 {
            Some(crate::refusal::Refusal::CommunityFull {
                document,
                limit: limits.1,
            })
        } else {
            None
        };
        if let Some(refusal) = over {
            // Nothing of it is stored: the writer goes, the document reloads from disk.
            refuse(connection, &refusal.message(), out);
            self.on_disconnected(connection);
            return self.reload(document, out);
        }
        entry.queued = queued;
        self.quotas.saved(&scope, before, after);
        if let Some((ledger, op)) = planned {
            entry.scope.get_or_insert_with(|| scope.clone());
            entry.ledger = ledger;
            if let Some(op) = op {
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

    pub(super) fn unavailable(
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
}

/// What saving `doc` would write and the ledger after it: an ordinary save, or — when that
/// would pass `max_document` with what stays `queued` — a compaction, which may fit.
fn plan_save(
    ledger: &ChunkLedger,
    doc: &Automerge,
    max_document: u64,
    queued: u64,
) -> (ChunkLedger, Option<StorageOp>) {
    let mut planned = ledger.clone();
    let op = planned.save(doc);
    if planned.stored_bytes() + queued > max_document && matches!(op, Some(StorageOp::Put(_))) {
        let mut compacted = ledger.clone();
        let op = compacted.compact(doc);
        return (compacted, op);
    }
    (planned, op)
}

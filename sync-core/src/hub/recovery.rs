//! Containment: what the hub does after the driver caught a panic in the engine, and while the
//! driver's storage cannot write.

use super::{refuse, ConnectionId, Hub, HubEffect, HubEvent, Slot};

/// Why peers waiting for a document are refused when storage cannot read it.
pub const NOT_READING: &str = "the relay cannot read this document right now; try again shortly";
use crate::{ids::DocumentId, wire::WireMessage};

/// What the engine was doing when it panicked, for [`Hub::recover`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Culprit {
    /// Handling a frame from `connection`, about `document` if it named one.
    Frame {
        /// The sender.
        connection: ConnectionId,
        /// The document the frame was about.
        document: Option<DocumentId>,
    },
    /// Generating `connection`'s sync message for `document`.
    Flush {
        /// The peer.
        connection: ConnectionId,
        /// The document.
        document: DocumentId,
    },
    /// Loading this document's stored chunks.
    Loaded(DocumentId),
    /// Anything else (a connection opening or closing, a tick).
    Other,
}

impl Culprit {
    /// Who and what `event` concerns (decoding a frame again, which never panics).
    pub fn of(event: &HubEvent) -> Culprit {
        match event {
            HubEvent::Frame { connection, bytes } => Culprit::Frame {
                connection: *connection,
                document: WireMessage::decode(bytes)
                    .ok()
                    .and_then(|message| message.document()),
            },
            HubEvent::Loaded { document, .. } => Culprit::Loaded(*document),
            _ => Culprit::Other,
        }
    }
}

impl Hub {
    /// After the driver caught a panic in the engine while handling `culprit`: the offending
    /// connection is refused and forgotten, and the document involved is reloaded from storage
    /// (its other peers resubscribed with fresh sync states), so nothing but the offender
    /// notices. A document whose stored chunks panic Automerge is marked broken instead (it is
    /// refused, never overwritten). Perform the returned effects like any others.
    pub fn recover(&mut self, culprit: Culprit) -> Vec<HubEffect> {
        let mut out = Vec::new();
        match culprit {
            Culprit::Frame {
                connection,
                document,
            } => {
                refuse(
                    connection,
                    "the relay could not handle that message",
                    &mut out,
                );
                self.on_disconnected(connection);
                if let Some(document) = document {
                    self.reload(document, &mut out);
                }
            }
            Culprit::Flush {
                connection,
                document,
            } => {
                refuse(connection, "the relay could not answer this peer", &mut out);
                self.on_disconnected(connection);
                self.reload(document, &mut out);
            }
            Culprit::Loaded(document) => {
                self.resubscribe.remove(&document);
                self.owed.retain(|(_, d)| *d != document);
                self.documents.insert(document, Slot::Broken);
            }
            Culprit::Other => {}
        }
        out
    }

    /// Whether changes are accepted (see [`Hub::set_writable`]).
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// The driver's storage stopped (or started again) being able to write. While it cannot,
    /// every sync message carrying changes is refused with [`NOT_STORING`] — the writer keeps
    /// its changes and sends them again later — and everything else (reads, presence) goes on.
    pub fn set_writable(&mut self, writable: bool) {
        self.writable = writable;
    }

    /// Drops `document` from memory and loads it again from storage, resubscribing its peers
    /// with fresh sync states: after a write the driver could not make durable, the memory copy
    /// holds changes the disk does not. Perform the returned effects.
    pub fn reload_document(&mut self, document: DocumentId) -> Vec<HubEffect> {
        let mut out = Vec::new();
        self.reload(document, &mut out);
        out
    }

    /// The driver could not read `document` for a [`HubEffect::Load`]: the document leaves
    /// memory (so the next request loads it again instead of queueing behind a load that will
    /// never answer), and every peer waiting for it is refused with a reason — it reconnects
    /// later. Perform the returned effects.
    pub fn load_failed(&mut self, document: DocumentId) -> Vec<HubEffect> {
        let mut out = Vec::new();
        let waiting: Vec<ConnectionId> = match self.documents.remove(&document) {
            Some(Slot::Loading(pending)) => pending.into_iter().map(|(c, _)| c).collect(),
            Some(other) => {
                self.documents.insert(document, other);
                return out;
            }
            None => Vec::new(),
        };
        let resubscribed = self.resubscribe.remove(&document).unwrap_or_default();
        let mut refused: Vec<ConnectionId> = waiting.into_iter().chain(resubscribed).collect();
        refused.sort_unstable();
        refused.dedup();
        for connection in refused {
            refuse(connection, NOT_READING, &mut out);
            self.on_disconnected(connection);
        }
        out
    }

    /// Drops `document` from memory and loads it again, resubscribing its peers.
    pub(super) fn reload(&mut self, document: DocumentId, out: &mut Vec<HubEffect>) {
        let peers: Vec<ConnectionId> = match self.documents.remove(&document) {
            Some(Slot::Ready(entry)) => {
                self.forget_queued(&entry);
                entry.peers.into_keys().collect()
            }
            Some(other) => {
                self.documents.insert(document, other);
                return;
            }
            None => return,
        };
        self.owed.retain(|(_, d)| *d != document);
        self.resubscribe.insert(document, peers);
        self.documents.insert(document, Slot::Loading(Vec::new()));
        out.push(HubEffect::Load { document });
    }
}

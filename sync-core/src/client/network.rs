//! The client's half of the conversation with the relay: the handshake, each frame received,
//! holding back what the relay refused, and the sync message owed per document.

use automerge::{
    sync::{self, SyncDoc},
    PatchLog, ReadDoc,
};

use super::{Client, ClientEffect};
use crate::{
    ids::DocumentId,
    limits::MAX_FRAME_BYTES,
    refusal::Refusal,
    touched::{Touched, MAX_CHANGES_TO_PATCH},
    wire::{PeerMetadata, WireMessage, PROTOCOL_VERSION},
};

impl Client {
    /// Sends an ephemeral message (presence) about `document` to its other peers.
    pub fn broadcast(&mut self, document: DocumentId, data: Vec<u8>) -> Vec<ClientEffect> {
        let Some(relay) = self.relay.clone() else {
            return Vec::new();
        };
        self.ephemeral_count += 1;
        vec![ClientEffect::Send(
            WireMessage::Ephemeral {
                sender_id: self.peer_id.clone(),
                target_id: relay,
                document_id: document,
                count: self.ephemeral_count,
                session_id: self.session_id.clone(),
                data,
            }
            .encode(),
        )]
    }

    /// The socket opened: start the handshake.
    pub fn connected(&mut self) -> Vec<ClientEffect> {
        self.relay = None;
        vec![ClientEffect::Send(
            WireMessage::Join {
                sender_id: self.peer_id.clone(),
                supported_protocol_versions: vec![PROTOCOL_VERSION.to_string()],
                metadata: Some(PeerMetadata {
                    storage_id: None,
                    is_ephemeral: false,
                }),
            }
            .encode(),
        )]
    }

    /// The socket closed: sync resumes from scratch on the next connection.
    pub fn disconnected(&mut self) {
        self.relay = None;
        for entry in self.documents.values_mut() {
            entry.state = sync::State::new();
        }
    }

    /// A frame arrived from the relay.
    pub fn receive(&mut self, bytes: &[u8]) -> Vec<ClientEffect> {
        let mut out = Vec::new();
        let message = match WireMessage::decode(bytes) {
            Ok(message) => message,
            Err(error) => {
                out.push(ClientEffect::Close(format!(
                    "malformed message from the relay: {error}"
                )));
                return out;
            }
        };
        match message {
            WireMessage::Peer { sender_id, .. } => {
                self.relay = Some(sender_id);
                let documents: Vec<DocumentId> = self.documents.keys().copied().collect();
                for document in documents {
                    if let Some(entry) = self.documents.get_mut(&document) {
                        entry.state = sync::State::new();
                    }
                    self.sync_out(document, &mut out);
                }
            }
            WireMessage::Sync {
                document_id, data, ..
            }
            | WireMessage::Request {
                document_id, data, ..
            } => self.receive_sync(document_id, &data, &mut out),
            WireMessage::DocUnavailable { document_id, .. } => {
                out.push(ClientEffect::Unavailable(document_id))
            }
            WireMessage::Ephemeral {
                sender_id,
                document_id,
                count,
                session_id,
                data,
                ..
            } => {
                let key = (sender_id.clone(), session_id);
                if self
                    .ephemeral_seen
                    .get(&key)
                    .is_some_and(|&seen| count <= seen)
                {
                    return out;
                }
                self.ephemeral_seen.insert(key, count);
                out.push(ClientEffect::Ephemeral {
                    document: document_id,
                    sender: sender_id,
                    data,
                });
            }
            WireMessage::Error { message } => {
                if let Some(refusal) = Refusal::parse(&message) {
                    self.hold(refusal, &mut out);
                }
                out.push(ClientEffect::Close(format!("the relay refused: {message}")))
            }
            WireMessage::Join { .. } | WireMessage::Leave { .. } | WireMessage::Gossip => {}
        }
        out
    }

    fn receive_sync(&mut self, document: DocumentId, data: &[u8], out: &mut Vec<ClientEffect>) {
        let Some(entry) = self.documents.get_mut(&document) else {
            return; // not open here: ignore (the relay never announces on its own)
        };
        let message = match sync::Message::decode(data) {
            Ok(message) => message,
            Err(error) => {
                out.push(ClientEffect::Close(format!(
                    "malformed sync message: {error}"
                )));
                return;
            }
        };
        let before = entry.doc.get_heads();
        // A first sync that brings a whole glossary is not logged (see `touched`).
        let logged = message.changes.len() <= MAX_CHANGES_TO_PATCH;
        let mut log = if logged {
            PatchLog::active()
        } else {
            PatchLog::inactive()
        };
        if let Err(error) =
            entry
                .doc
                .receive_sync_message_log_patches(&mut entry.state, message, &mut log)
        {
            out.push(ClientEffect::Close(format!(
                "sync message does not apply: {error}"
            )));
            return;
        }
        let changed = entry.doc.get_heads() != before;
        if let Some(theirs) = &entry.state.their_heads {
            entry.confirmed.clone_from(theirs);
        }
        if changed {
            if let Some(op) = entry.ledger.save(&entry.doc) {
                out.push(ClientEffect::Store { document, op });
            }
        }
        self.sync_out(document, out);
        if changed {
            let touched = if logged {
                Touched::from_patches(&entry_patches(self, document, &mut log))
            } else {
                Touched::Everything
            };
            out.push(ClientEffect::Changed(document, touched));
        }
    }

    /// Holds `refusal`'s document back (see the module docs).
    fn hold(&mut self, refusal: Refusal, out: &mut Vec<ClientEffect>) {
        if let Refusal::CommunityFull { limit, .. } = refusal {
            // Every document of this community would be refused alike: hold them all at once
            // rather than learning it one refused connection at a time.
            let documents: Vec<DocumentId> = self.documents.keys().copied().collect();
            for document in documents {
                self.hold_one(Refusal::CommunityFull { document, limit }, out);
            }
            return;
        }
        self.hold_one(refusal, out);
    }

    fn hold_one(&mut self, refusal: Refusal, out: &mut Vec<ClientEffect>) {
        let document = refusal.document();
        if self.held.contains_key(&document) {
            return;
        }
        if let Some(entry) = self.documents.get_mut(&document) {
            // Forget what was offered: the next message carries our heads and no changes.
            entry.state = sync::State::new();
        }
        self.held.insert(document, refusal.clone());
        out.push(ClientEffect::Held(refusal));
    }

    /// Sends the next sync message for `document`, if connected and there is one. A message
    /// that would not fit in a frame is not sent: the document is held, and a message without
    /// its changes goes instead (so the relay's changes still arrive).
    pub(super) fn sync_out(&mut self, document: DocumentId, out: &mut Vec<ClientEffect>) {
        let Some(data) = self.next_sync_data(document) else {
            return;
        };
        let data = if data.len() + FRAME_ENVELOPE_BYTES > MAX_FRAME_BYTES {
            self.hold(Refusal::TooLargeToSend { document }, out);
            match self.next_sync_data(document) {
                Some(data) => data,
                None => return,
            }
        } else {
            data
        };
        let (Some(relay), Some(entry)) = (self.relay.clone(), self.documents.get(&document)) else {
            return;
        };
        let sender_id = self.peer_id.clone();
        out.push(ClientEffect::Send(
            if entry.doc.get_heads().is_empty() {
                WireMessage::Request {
                    sender_id,
                    target_id: relay,
                    document_id: document,
                    data,
                }
            } else {
                WireMessage::Sync {
                    sender_id,
                    target_id: relay,
                    document_id: document,
                    data,
                }
            }
            .encode(),
        ));
    }

    /// The encoded next sync message for `document`, if connected and there is one; without
    /// changes while the document is held.
    fn next_sync_data(&mut self, document: DocumentId) -> Option<Vec<u8>> {
        self.relay.as_ref()?;
        let held = self.held.contains_key(&document);
        let entry = self.documents.get_mut(&document)?;
        if !held {
            return Some(entry.doc.generate_sync_message(&mut entry.state)?.encode());
        }
        // Automerge leaves changes out of messages to a peer that will not apply them.
        entry.state.peer_read_only = true;
        let mut message = entry.doc.generate_sync_message(&mut entry.state)?;
        // And we do not advertise the held changes: heads the relay cannot have would make it ask
        // for them with every message, for ever. We claim the relay's own heads (those we have),
        // so it sends what we lack and is otherwise content.
        // While the relay's newest changes are still on their way to us, we claim the heads we
        // last had in common instead: never an empty list, which Automerge reads as "this peer
        // lost everything" and answers with the whole document again.
        if let Some(theirs) = &entry.state.their_heads {
            let known: Vec<_> = theirs
                .iter()
                .copied()
                .filter(|hash| entry.doc.get_change_by_hash(hash).is_some())
                .collect();
            message.heads = if known.len() == theirs.len() || entry.state.shared_heads.is_empty() {
                known
            } else {
                entry.state.shared_heads.clone()
            };
        }
        Some(message.encode())
    }
}

/// Bytes a `sync` frame adds around its sync message (CBOR keys, peer ids, document id), with
/// room to spare: a message is held back when the frame would pass [`MAX_FRAME_BYTES`].
const FRAME_ENVELOPE_BYTES: usize = 1024;

/// The patches `log` recorded on `document` (none if it is no longer open).
fn entry_patches(
    client: &Client,
    document: DocumentId,
    log: &mut PatchLog,
) -> Vec<automerge::Patch> {
    client
        .documents
        .get(&document)
        .map(|entry| entry.doc.make_patches(log))
        .unwrap_or_default()
}

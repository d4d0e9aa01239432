//! A connection's outbox: frames the hub thread queued for its socket task, bounded in slots
//! and in bytes.

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};

use tokio::sync::mpsc;

use super::Outgoing;

/// Frames queued towards one connection. Why: a peer that reads slowly must not make the relay
/// buffer without limit. Sync messages are only generated for a connection with room
/// ([`OUTBOX_HEADROOM`]); meanwhile its changes coalesce into one later message.
pub const OUTBOX: usize = 256;
/// Free outbox slots a connection needs before the hub generates its next sync messages.
const OUTBOX_HEADROOM: usize = 32;
/// Bytes queued towards one connection, at most. Why: frames are up to
/// [`sync_core::limits::MAX_FRAME_BYTES`] (8 MiB), so a count of frames alone would let one
/// silent peer pin 2 GiB; two full-size frames' worth is what a reader needs. A peer whose
/// outbox would exceed it is not reading, and is dropped.
pub const MAX_OUTBOX_BYTES: usize = 2 * sync_core::limits::MAX_FRAME_BYTES;

/// Where the hub thread queues a connection's frames, with the bytes queued counted (the socket
/// task subtracts what it has written).
#[derive(Clone)]
pub struct Outbox {
    sender: mpsc::Sender<Outgoing>,
    queued: Arc<AtomicUsize>,
}

impl Outbox {
    /// An outbox and the receiving end the socket task reads.
    pub fn new() -> (Outbox, mpsc::Receiver<Outgoing>, Arc<AtomicUsize>) {
        let (sender, receiver) = mpsc::channel(OUTBOX);
        let queued = Arc::new(AtomicUsize::new(0));
        (
            Outbox {
                sender,
                queued: queued.clone(),
            },
            receiver,
            queued,
        )
    }

    /// Room for the next sync messages: slots, and at most half the byte limit queued (so a
    /// full-size message still fits).
    pub fn has_room(&self) -> bool {
        self.sender.capacity() >= OUTBOX_HEADROOM
            && self.queued.load(Ordering::Relaxed) <= MAX_OUTBOX_BYTES / 2
    }

    /// Queues `message`; false when the peer is not reading (no slot, or over the byte limit).
    pub fn push(&self, message: Outgoing) -> bool {
        let size = match &message {
            Outgoing::Frame(bytes) => bytes.len(),
            Outgoing::Close(_) => 0,
        };
        if self.queued.load(Ordering::Relaxed) + size > MAX_OUTBOX_BYTES {
            return false;
        }
        self.queued.fetch_add(size, Ordering::Relaxed);
        if self.sender.try_send(message).is_err() {
            self.queued.fetch_sub(size, Ordering::Relaxed);
            return false;
        }
        true
    }
}

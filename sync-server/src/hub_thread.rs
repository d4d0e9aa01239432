//! Runs `sync_core::hub::Hub` on one dedicated thread, next to the SQLite connection.
//!
//! Connections send [`Command`]s in; the thread handles them in batches. Within a batch every
//! `Store` effect goes into one SQLite transaction, which is committed (fsync) **before** any of
//! the batch's frames are handed to the connections — group commit: one fsync covers many
//! edits, and no peer ever hears of a change the relay could still lose.
//!
//! If storage fails, nothing of that batch is sent, every connection is closed, and the hub starts
//! afresh from disk: clients still hold their unacknowledged changes and send them again.
//!
//! A panic inside the engine (a bug, or an input no check foresaw) is caught around each event
//! and each generated sync message: `Hub::recover` refuses the connection that caused it and
//! reloads the document involved from storage (inside the same transaction, so it sees this
//! batch's writes); every other connection, document and community carries on.

use std::{
    collections::{HashMap, VecDeque},
    panic::AssertUnwindSafe,
    sync::{
        atomic::{AtomicU64, AtomicUsize, Ordering},
        Arc,
    },
};

use sync_core::hub::{Access, ConnectionId, Culprit, Hub, HubConfig, HubEffect, HubEvent};
use tokio::sync::mpsc;

use crate::storage::{Storage, StorageError};

/// Commands waiting for the hub thread. Why bounded: a burst of peers cannot queue unbounded
/// memory; when full, connections wait (backpressure) instead of the relay growing.
const HUB_QUEUE: usize = 4096;
/// Most commands handled per transaction. Why: bounds the latency one batch adds to the first
/// message in it, while still letting one fsync cover many edits under load.
const MAX_BATCH: usize = 256;
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
    fn has_room(&self) -> bool {
        self.sender.capacity() >= OUTBOX_HEADROOM
            && self.queued.load(Ordering::Relaxed) <= MAX_OUTBOX_BYTES / 2
    }

    /// Queues `message`; false when the peer is not reading (no slot, or over the byte limit).
    fn push(&self, message: Outgoing) -> bool {
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
/// How often the hub looks again at peers it owes messages to, when nothing else happens.
const RETRY_OWED: std::time::Duration = std::time::Duration::from_millis(20);
/// The hub's clock for per-second rates (`HubEvent::Tick`).
const TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// What the hub thread sends to a connection.
#[derive(Debug)]
pub enum Outgoing {
    /// A binary frame.
    Frame(Vec<u8>),
    /// Close the connection, for this reason.
    Close(String),
}

/// A command for the hub thread.
pub enum Command {
    /// A connection was accepted.
    Connect {
        /// Its id.
        id: ConnectionId,
        /// What it may do.
        access: Access,
        /// Where its frames go.
        outbox: Outbox,
    },
    /// A frame from a connection.
    Frame {
        /// From whom.
        id: ConnectionId,
        /// The bytes.
        bytes: Vec<u8>,
    },
    /// A connection closed.
    Disconnect {
        /// Which.
        id: ConnectionId,
    },
}

/// A cheap, cloneable handle to the hub thread.
#[derive(Clone)]
pub struct HubHandle {
    commands: mpsc::Sender<Command>,
    next_id: Arc<AtomicU64>,
}

impl HubHandle {
    /// A fresh connection id.
    pub fn next_connection_id(&self) -> ConnectionId {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Sends a command; waits while the hub's queue is full. False when the hub has stopped.
    pub async fn send(&self, command: Command) -> bool {
        self.commands.send(command).await.is_ok()
    }
}

/// Starts the hub thread.
pub fn start(storage: Storage, config: HubConfig) -> HubHandle {
    let (commands, receiver) = mpsc::channel(HUB_QUEUE);
    std::thread::Builder::new()
        .name("kehila-hub".into())
        .spawn(move || run(receiver, storage, config))
        .map(drop)
        .unwrap_or_else(|error| tracing::error!(%error, "cannot start the hub thread"));
    HubHandle {
        commands,
        next_id: Arc::new(AtomicU64::new(1)),
    }
}

fn run(mut commands: mpsc::Receiver<Command>, mut storage: Storage, config: HubConfig) {
    let mut hub = Hub::new(config.clone());
    let mut outboxes: HashMap<ConnectionId, Outbox> = HashMap::new();
    // A small runtime of its own, only to wait for commands with a timeout.
    let Ok(waiter) = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    else {
        tracing::error!("cannot start the hub's timer");
        return;
    };
    let mut last_tick = std::time::Instant::now();
    loop {
        let wait = if hub.is_owing() { RETRY_OWED } else { TICK };
        // The timer is made inside the runtime: `timeout` needs its context when it is created.
        let next =
            match waiter.block_on(async { tokio::time::timeout(wait, commands.recv()).await }) {
                Ok(command) => command.map(Some),
                Err(_) => Some(None), // time to retry what is owed, or to tick
            };
        let Some(first) = next else { break };
        if last_tick.elapsed() >= TICK {
            last_tick = std::time::Instant::now();
            hub.handle_deferred(HubEvent::Tick);
        }
        let mut batch: Vec<Command> = first.into_iter().collect();
        while batch.len() < MAX_BATCH {
            match commands.try_recv() {
                Ok(command) => batch.push(command),
                Err(_) => break,
            }
        }
        let mut outgoing = Vec::new();
        let result = run_batch(&mut hub, &mut storage, &mut outboxes, batch, &mut outgoing);
        if let Err(failure) = result {
            tracing::error!(%failure, "sync batch failed; closing every connection and reloading from disk");
            storage.rollback();
            hub = Hub::new(config.clone());
            for (_, outbox) in outboxes.drain() {
                outbox.push(Outgoing::Close(
                    "the relay had an internal error; reconnect".into(),
                ));
            }
            continue;
        }
        for (connection, message) in outgoing {
            let Some(outbox) = outboxes.get(&connection) else {
                continue;
            };
            if !outbox.push(message) {
                // The outbox is gone, or full in slots or bytes: the peer stopped reading. Drop
                // it (it resyncs when it returns). Only the hub forgets it: nothing is flushed
                // here, so no message generated for anyone else is lost.
                outboxes.remove(&connection);
                tracing::info!(connection, "peer is not reading; disconnected");
                hub.handle_deferred(HubEvent::Disconnected { connection });
            }
        }
    }
}

/// Why a batch failed.
#[derive(Debug, thiserror::Error)]
enum BatchFailure {
    #[error(transparent)]
    Storage(#[from] StorageError),
}

fn run_batch(
    hub: &mut Hub,
    storage: &mut Storage,
    outboxes: &mut HashMap<ConnectionId, Outbox>,
    batch: Vec<Command>,
    outgoing: &mut Vec<(ConnectionId, Outgoing)>,
) -> Result<(), BatchFailure> {
    let mut in_transaction = false;
    for command in batch {
        let event = match command {
            Command::Connect { id, access, outbox } => {
                outboxes.insert(id, outbox);
                HubEvent::Connected {
                    connection: id,
                    access,
                }
            }
            Command::Frame { id, bytes } => HubEvent::Frame {
                connection: id,
                bytes,
            },
            Command::Disconnect { id } => {
                outboxes.remove(&id);
                HubEvent::Disconnected { connection: id }
            }
        };
        let effects = guarded(hub, event);
        perform(hub, storage, &mut in_transaction, effects, outgoing)?;
    }
    // One sync message per peer and document for the whole batch, for peers with room.
    let ready = |c: ConnectionId| outboxes.get(&c).is_some_and(Outbox::has_room);
    for (connection, document) in hub.take_owed(ready) {
        match std::panic::catch_unwind(AssertUnwindSafe(|| hub.sync_message(connection, document)))
        {
            Ok(Some(bytes)) => outgoing.push((connection, Outgoing::Frame(bytes))),
            Ok(None) => {}
            Err(_) => {
                tracing::error!(connection, "the sync engine panicked answering a peer; refusing it and reloading the document");
                let effects = hub.recover(Culprit::Flush {
                    connection,
                    document,
                });
                perform(hub, storage, &mut in_transaction, effects, outgoing)?;
            }
        }
    }
    if in_transaction {
        storage.commit()?;
    }
    Ok(())
}

/// Carries out effects in order: stores join the batch's transaction, loads are answered at
/// once (their own effects performed in turn), frames and closes wait for the commit.
fn perform(
    hub: &mut Hub,
    storage: &mut Storage,
    in_transaction: &mut bool,
    effects: Vec<HubEffect>,
    outgoing: &mut Vec<(ConnectionId, Outgoing)>,
) -> Result<(), BatchFailure> {
    let mut effects: VecDeque<HubEffect> = effects.into();
    while let Some(effect) = effects.pop_front() {
        match effect {
            HubEffect::Send { connection, bytes } => {
                outgoing.push((connection, Outgoing::Frame(bytes)))
            }
            HubEffect::Close { connection, reason } => {
                outgoing.push((connection, Outgoing::Close(reason)))
            }
            HubEffect::Store {
                document,
                scope,
                op,
            } => {
                if !*in_transaction {
                    storage.begin()?;
                    *in_transaction = true;
                }
                storage.apply(document, &scope, &op)?;
            }
            HubEffect::Load { document } => {
                let (scope, chunks) = storage.load(document)?;
                effects.extend(guarded(
                    hub,
                    HubEvent::Loaded {
                        document,
                        scope,
                        chunks,
                    },
                ));
            }
        }
    }
    Ok(())
}

/// Handles one event, holding its sync messages back for the batch's flush. A panic is
/// contained: the hub recovers (see the module docs) and its recovery effects are returned.
fn guarded(hub: &mut Hub, event: HubEvent) -> Vec<HubEffect> {
    let culprit = Culprit::of(&event);
    match std::panic::catch_unwind(AssertUnwindSafe(|| hub.handle_deferred(event))) {
        Ok(effects) => effects,
        Err(_) => {
            tracing::error!(
                ?culprit,
                "the sync engine panicked; refusing the sender and reloading the document"
            );
            hub.recover(culprit)
        }
    }
}

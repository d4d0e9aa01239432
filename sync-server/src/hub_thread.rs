//! Runs `sync_core::hub::Hub` on one dedicated thread, next to the SQLite connection.
//!
//! Connections send [`Command`]s in; the thread handles them in batches. Within a batch every
//! `Store` effect goes into one SQLite transaction, which is committed (fsync) **before** any of
//! the batch's frames are handed to the connections — group commit: one fsync covers many
//! edits, and no peer ever hears of a change the relay could still lose.
//!
//! If storage fails, nothing of that batch is sent, every connection is closed, and the hub starts
//! afresh from disk: clients still hold their unacknowledged changes and send them again.
//! A panic inside the engine (a bug, or an input no test foresaw) is contained the same way.

use std::{
    collections::{HashMap, VecDeque},
    panic::AssertUnwindSafe,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
};

use sync_core::hub::{Access, ConnectionId, Hub, HubConfig, HubEffect, HubEvent};
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
/// How often the hub looks again at peers it owes messages to, when nothing else happens.
const RETRY_OWED: std::time::Duration = std::time::Duration::from_millis(20);

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
        outbox: mpsc::Sender<Outgoing>,
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
    let mut outboxes: HashMap<ConnectionId, mpsc::Sender<Outgoing>> = HashMap::new();
    // A small runtime of its own, only to wait for commands with a timeout.
    let Ok(waiter) = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    else {
        tracing::error!("cannot start the hub's timer");
        return;
    };
    loop {
        let next = if hub.is_owing() {
            match waiter.block_on(tokio::time::timeout(RETRY_OWED, commands.recv())) {
                Ok(command) => command.map(Some),
                Err(_) => Some(None), // time to retry what is owed
            }
        } else {
            waiter.block_on(commands.recv()).map(Some)
        };
        let Some(first) = next else { break };
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
                let _ = outbox.try_send(Outgoing::Close(
                    "the relay had an internal error; reconnect".into(),
                ));
            }
            continue;
        }
        for (connection, message) in outgoing {
            let Some(outbox) = outboxes.get(&connection) else {
                continue;
            };
            if let Err(error) = outbox.try_send(message) {
                // Only possible when the outbox is gone or, for error replies, full: the peer
                // stopped reading. Drop it; it resyncs when it returns.
                outboxes.remove(&connection);
                let full = matches!(error, mpsc::error::TrySendError::Full(_));
                tracing::info!(connection, full, "peer is not reading; disconnected");
                let effects = hub.handle(HubEvent::Disconnected { connection });
                debug_assert!(effects.is_empty());
            }
        }
    }
}

/// Why a batch failed.
#[derive(Debug, thiserror::Error)]
enum BatchFailure {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("the sync engine panicked")]
    Panic,
}

fn run_batch(
    hub: &mut Hub,
    storage: &mut Storage,
    outboxes: &mut HashMap<ConnectionId, mpsc::Sender<Outgoing>>,
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
        let mut effects: VecDeque<HubEffect> = guarded(hub, event)?.into();
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
                    if !in_transaction {
                        storage.begin()?;
                        in_transaction = true;
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
                    )?);
                }
            }
        }
    }
    // One sync message per peer and document for the whole batch, for peers with room.
    let ready = |c: ConnectionId| {
        outboxes
            .get(&c)
            .is_some_and(|o| o.capacity() >= OUTBOX_HEADROOM)
    };
    let flushed = std::panic::catch_unwind(AssertUnwindSafe(|| hub.flush_for(ready)))
        .map_err(|_| BatchFailure::Panic)?;
    outgoing.extend(
        flushed
            .into_iter()
            .map(|(connection, bytes)| (connection, Outgoing::Frame(bytes))),
    );
    if in_transaction {
        storage.commit()?;
    }
    Ok(())
}

/// Handles one event, holding its sync messages back for the batch's flush.
fn guarded(hub: &mut Hub, event: HubEvent) -> Result<Vec<HubEffect>, BatchFailure> {
    std::panic::catch_unwind(AssertUnwindSafe(|| hub.handle_deferred(event)))
        .map_err(|_| BatchFailure::Panic)
}

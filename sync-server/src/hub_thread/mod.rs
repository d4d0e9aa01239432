//! Runs `sync_core::hub::Hub` on one dedicated thread, next to the SQLite connection.
//!
//! Connections send [`Command`]s in; the thread handles them in batches. Within a batch every
//! `Store` effect goes into one SQLite transaction, which is committed (fsync) **before** any of
//! the batch's frames are handed to the connections — group commit: one fsync covers many
//! edits, and no peer ever hears of a change the relay could still lose.
//!
//! If storage fails (a full disk, an I/O error), the batch is rolled back and none of its frames
//! about the documents it wrote leave; those documents are reloaded from disk, the members who
//! wrote are told why and closed (their changes stay on their devices), and the hub refuses
//! every further change while reads and presence go on. Every [`STORAGE_RETRY`] a small probe
//! write tells when space is back, and changes are accepted again. Logged once each way.
//!
//! A panic inside the engine (a bug, or an input no check foresaw) is caught around each event
//! and each generated sync message: `Hub::recover` refuses the connection that caused it and
//! reloads the document involved from storage (inside the same transaction, so it sees this
//! batch's writes); every other connection, document and community carries on.

mod batch;
mod outbox;

use std::{
    collections::{HashMap, VecDeque},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use sync_core::hub::{Access, ConnectionId, Hub, HubConfig, HubEvent};
use tokio::sync::mpsc;

pub use outbox::Outbox;

use crate::storage::Storage;

/// Commands waiting for the hub thread. Why bounded: a burst of peers cannot queue unbounded
/// memory; when full, connections wait (backpressure) instead of the relay growing.
const HUB_QUEUE: usize = 4096;
/// Most commands handled per transaction. Why: bounds the latency one batch adds to the first
/// message in it, while still letting one fsync cover many edits under load.
const MAX_BATCH: usize = 256;
/// How often the hub looks again at peers it owes messages to, when nothing else happens.
const RETRY_OWED: Duration = Duration::from_millis(20);
/// The hub's clock for per-second rates (`HubEvent::Tick`).
const TICK: Duration = Duration::from_secs(1);
/// How often a relay whose storage failed tries a small write to see whether it works again.
/// Why: a disk freed by an operator should be noticed within seconds, while a probe is one tiny
/// transaction.
pub const STORAGE_RETRY: Duration = Duration::from_secs(2);
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
    let mut last_tick = Instant::now();
    let mut last_probe = Instant::now();
    loop {
        let wait = if hub.is_owing() {
            RETRY_OWED
        } else if hub.is_writable() {
            TICK
        } else {
            STORAGE_RETRY.min(TICK)
        };
        // The timer is made inside the runtime: `timeout` needs its context when it is created.
        let next =
            match waiter.block_on(async { tokio::time::timeout(wait, commands.recv()).await }) {
                Ok(command) => command.map(Some),
                Err(_) => Some(None), // time to retry what is owed, or to tick
            };
        let Some(first) = next else { break };
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            hub.handle_deferred(HubEvent::Tick);
        }
        if !hub.is_writable() && last_probe.elapsed() >= STORAGE_RETRY {
            last_probe = Instant::now();
            if storage.probe().is_ok() {
                tracing::warn!("storage works again; accepting changes");
                hub.set_writable(true);
            }
        }
        let mut batch: VecDeque<Command> = first.into_iter().collect();
        while batch.len() < MAX_BATCH {
            match commands.try_recv() {
                Ok(command) => batch.push_back(command),
                Err(_) => break,
            }
        }
        // A storage failure leaves the rest of the batch for another pass, refusing changes.
        // With no command at all, one pass still runs when messages are owed (a peer whose
        // outbox had no room, or whose send budget has refilled): only a pass flushes them.
        let mut pass = !batch.is_empty() || hub.is_owing();
        while pass {
            pass = false;
            let mut outgoing = Vec::new();
            let mut log = batch::BatchLog::default();
            let result = batch::run_batch(
                &mut hub,
                &mut storage,
                &mut outboxes,
                &mut batch,
                &mut outgoing,
                &mut log,
            );
            if let Err(failure) = result {
                storage.rollback();
                if hub.is_writable() {
                    tracing::error!(%failure, "storage failed; refusing changes until it works again (reads and presence go on)");
                }
                hub.set_writable(false);
                last_probe = Instant::now();
                match batch::after_storage_failure(&mut hub, &mut storage, &outboxes, outgoing, log)
                {
                    Ok(kept) => outgoing = kept,
                    Err(failure) => {
                        // Not even reading works: start afresh from disk, as a restart would.
                        tracing::error!(%failure, "storage cannot be read either; closing every connection");
                        hub = Hub::new(config.clone());
                        hub.set_writable(false);
                        batch.clear();
                        for (_, outbox) in outboxes.drain() {
                            outbox.push(Outgoing::Close(
                                "the relay had an internal error; reconnect".into(),
                            ));
                        }
                        continue;
                    }
                }
            }
            deliver(&mut hub, &mut outboxes, outgoing);
            pass = !batch.is_empty();
        }
    }
}

/// Hands a batch's frames to the connections' outboxes. A peer whose outbox is gone or full (in
/// slots or bytes) stopped reading: it is dropped (it resyncs when it returns). Only the hub
/// forgets it; nothing is flushed here, so no message generated for anyone else is lost.
fn deliver(
    hub: &mut Hub,
    outboxes: &mut HashMap<ConnectionId, Outbox>,
    outgoing: Vec<(ConnectionId, Outgoing)>,
) {
    for (connection, message) in outgoing {
        let Some(outbox) = outboxes.get(&connection) else {
            continue;
        };
        if !outbox.push(message) {
            outboxes.remove(&connection);
            tracing::info!(connection, "peer is not reading; disconnected");
            hub.handle_deferred(HubEvent::Disconnected { connection });
        }
    }
}

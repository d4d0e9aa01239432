//! One batch of commands: every event guarded against panics, every store in one transaction,
//! one flush of sync messages, the commit before any frame leaves.

use std::{
    collections::{HashMap, HashSet, VecDeque},
    panic::AssertUnwindSafe,
};

use sync_core::{
    hub::{ConnectionId, Culprit, Hub, HubEffect, HubEvent, NOT_STORING},
    ids::{DocumentId, Scope},
    wire::WireMessage,
};

use super::{Command, Outbox, Outgoing};
use crate::storage::{Storage, StorageError};

/// Why a batch failed.
#[derive(Debug, thiserror::Error)]
pub enum BatchFailure {
    /// Storage could not read or write.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// What a batch wrote, and for whom: what must be undone if it cannot be committed.
#[derive(Debug, Default)]
pub struct BatchLog {
    /// Documents with a store in this batch.
    touched: HashSet<DocumentId>,
    /// Connections whose frames caused those stores.
    writers: HashSet<ConnectionId>,
}

/// Handles `batch`: each event guarded, stores in one transaction, one flush, then the commit.
/// The frames to send are pushed to `outgoing`; send them only if this returns `Ok`.
///
/// # Errors
/// [`BatchFailure`] when storage fails; `log` then says what the batch wrote, and the commands
/// not yet handled are still in `batch` (for another pass once the hub refuses changes).
pub fn run_batch(
    hub: &mut Hub,
    storage: &mut Storage,
    outboxes: &mut HashMap<ConnectionId, Outbox>,
    batch: &mut VecDeque<Command>,
    outgoing: &mut Vec<(ConnectionId, Outgoing)>,
    log: &mut BatchLog,
) -> Result<(), BatchFailure> {
    let mut in_transaction = false;
    while let Some(command) = batch.pop_front() {
        let event = match command {
            Command::Connect { id, access, outbox } => {
                outboxes.insert(id, outbox);
                if !hub.knows_scope(&access.scope) {
                    count_scope(hub, storage, &access.scope);
                }
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
        let writer = match &event {
            HubEvent::Frame { connection, .. } => Some(*connection),
            _ => None,
        };
        let effects = guarded(hub, event);
        let stored = effects.iter().any(|e| matches!(e, HubEffect::Store { .. }));
        if let (Some(writer), true) = (writer, stored) {
            log.writers.insert(writer);
        }
        perform(hub, storage, &mut in_transaction, effects, outgoing, log)?;
    }
    flush(hub, storage, outboxes, &mut in_transaction, outgoing, log)?;
    if in_transaction {
        storage.commit()?;
    }
    Ok(())
}

/// One sync message per peer and document for the whole batch, for peers with room; each one
/// generated under its own guard (a panic refuses that peer and reloads that document).
fn flush(
    hub: &mut Hub,
    storage: &mut Storage,
    outboxes: &HashMap<ConnectionId, Outbox>,
    in_transaction: &mut bool,
    outgoing: &mut Vec<(ConnectionId, Outgoing)>,
    log: &mut BatchLog,
) -> Result<(), BatchFailure> {
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
                perform(hub, storage, in_transaction, effects, outgoing, log)?;
            }
        }
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
    log: &mut BatchLog,
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
                log.touched.insert(document);
                if !*in_transaction {
                    storage.begin()?;
                    *in_transaction = true;
                }
                storage.apply(document, &scope, &op)?;
            }
            HubEffect::Load { document } => {
                let (scope, chunks) = match storage.load(document) {
                    Ok(loaded) => loaded,
                    Err(error) => {
                        // Nobody may wait for ever behind a load that failed.
                        for effect in hub.load_failed(document) {
                            match effect {
                                HubEffect::Send { connection, bytes } => {
                                    outgoing.push((connection, Outgoing::Frame(bytes)))
                                }
                                HubEffect::Close { connection, reason } => {
                                    outgoing.push((connection, Outgoing::Close(reason)))
                                }
                                _ => {}
                            }
                        }
                        return Err(error.into());
                    }
                };
                effects.extend(guarded(
                    hub,
                    HubEvent::Loaded {
                        document,
                        scope: scope.map(Scope::from),
                        chunks,
                    },
                ));
                // The frames that waited for this load, each under its own guard; a store
                // they cause makes their sender a writer of this batch.
                while let Some(replayed) = hub.next_replay() {
                    let writer = match &replayed {
                        HubEvent::Frame { connection, .. } => Some(*connection),
                        _ => None,
                    };
                    let replayed = guarded(hub, replayed);
                    if replayed
                        .iter()
                        .any(|e| matches!(e, HubEffect::Store { .. }))
                    {
                        log.writers.extend(writer);
                    }
                    effects.extend(replayed);
                }
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

/// After a batch could not be stored (and was rolled back): keeps the frames that reveal
/// nothing unstored (about documents the batch did not write, and presence), tells each writer
/// why and closes it — its changes stay on its device and come back once storage works —
/// and reloads the written documents from disk, so their other peers resync from what is
/// durable. Returns the frames to send.
///
/// # Errors
/// [`BatchFailure`] when even reading the documents back fails.
pub fn after_storage_failure(
    hub: &mut Hub,
    storage: &mut Storage,
    outboxes: &HashMap<ConnectionId, Outbox>,
    outgoing: Vec<(ConnectionId, Outgoing)>,
    log: BatchLog,
) -> Result<Vec<(ConnectionId, Outgoing)>, BatchFailure> {
    let mut kept: Vec<(ConnectionId, Outgoing)> = outgoing
        .into_iter()
        .filter(|(connection, message)| {
            let about = match message {
                Outgoing::Frame(bytes) => {
                    WireMessage::decode(bytes).ok().and_then(|m| m.document())
                }
                Outgoing::Close(_) => None,
            };
            !log.writers.contains(connection) && about.is_none_or(|d| !log.touched.contains(&d))
        })
        .collect();
    for writer in &log.writers {
        let refusal = WireMessage::Error {
            message: NOT_STORING.into(),
        };
        kept.push((*writer, Outgoing::Frame(refusal.encode())));
        kept.push((*writer, Outgoing::Close(NOT_STORING.into())));
        hub.handle_deferred(HubEvent::Disconnected {
            connection: *writer,
        });
    }
    let mut in_transaction = false;
    let mut reloads = BatchLog::default();
    for document in &log.touched {
        let effects = hub.reload_document(*document);
        perform(
            hub,
            storage,
            &mut in_transaction,
            effects,
            &mut kept,
            &mut reloads,
        )?;
    }
    flush(
        hub,
        storage,
        outboxes,
        &mut in_transaction,
        &mut kept,
        &mut reloads,
    )?;
    if in_transaction {
        storage.rollback(); // reloading stores nothing; never leave a transaction open
    }
    // The hub counted the rolled-back writes against their communities' quotas: count again.
    for scope in hub.known_scopes() {
        count_scope(hub, storage, &scope);
    }
    Ok(kept)
}

/// Tells the hub what storage holds for `scope` (for its quota). A failed read leaves the hub's
/// figure as it was: the quota is a bound on growth, checked again on the next count.
fn count_scope(hub: &mut Hub, storage: &Storage, scope: &Scope) {
    match storage.scope_bytes(scope) {
        Ok(bytes) => hub.set_scope_bytes(scope, bytes),
        Err(error) => tracing::warn!(%error, "cannot count a community's stored bytes"),
    }
}

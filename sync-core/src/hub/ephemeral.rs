//! What the relay lets through of ephemeral messages (presence): each connection speaks only for
//! itself, within a size, a number of sessions and a rate.
//!
//! Ephemeral messages are fanned out to every other peer of a document, so one message costs the
//! relay (and every tab) N copies; unbounded, a single peer could make a room of 100 phones do
//! N² work. The sender check (a peer may only send as its own handshake peer id) lives in the
//! hub; this gate holds the per-connection bookkeeping, which ends with the connection.

use std::collections::HashMap;

use super::{refuse, ConnectionId, HubEffect, Slot};
use crate::{
    ids::{DocumentId, PeerId},
    wire::WireMessage,
};

/// Largest ephemeral payload, in bytes. Why: presence is a member id, a name and a path (about
/// 200 bytes); 4 KiB leaves room for cursors, while every byte is copied to every peer.
pub const MAX_EPHEMERAL_BYTES: usize = 4 * 1024;
/// Ephemeral sessions one connection may use. Why: a tab has one session; each costs the
/// de-duplication table an entry, so a peer inventing sessions must not grow it.
pub const MAX_EPHEMERAL_SESSIONS: usize = 4;
/// Ephemeral messages forwarded per connection between two ticks (one second). Why: presence
/// beats every 10 s and answers newcomers (the app coalesces those to one a second); more than
/// this is dropped — ephemeral data is lossy by design and the next heartbeat repairs it.
pub const MAX_EPHEMERAL_PER_SECOND: u32 = 10;

/// What to do with one ephemeral message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Forward it to the document's other peers.
    Forward,
    /// Drop it quietly: a duplicate, a stale copy, or over this second's rate.
    Drop,
    /// Refuse the connection with this reason.
    Refuse(&'static str),
}

#[derive(Default)]
struct Sender {
    /// Highest count seen per session.
    sessions: HashMap<String, u64>,
    /// Messages forwarded since the last tick.
    this_second: u32,
}

/// Per-connection ephemeral bookkeeping. See the module docs.
#[derive(Default)]
pub struct EphemeralGate {
    senders: HashMap<ConnectionId, Sender>,
}

impl EphemeralGate {
    /// Decides about a message from `connection` (whose sender id and scope the hub checked).
    pub fn admit(
        &mut self,
        connection: ConnectionId,
        session: &str,
        count: u64,
        payload_len: usize,
    ) -> Verdict {
        if payload_len > MAX_EPHEMERAL_BYTES {
            return Verdict::Refuse("ephemeral message larger than the relay forwards");
        }
        let sender = self.senders.entry(connection).or_default();
        let known = sender.sessions.len();
        match sender.sessions.get_mut(session) {
            Some(seen) if count <= *seen => return Verdict::Drop,
            Some(seen) => *seen = count,
            None if known >= MAX_EPHEMERAL_SESSIONS => {
                return Verdict::Refuse("too many ephemeral sessions on one connection")
            }
            None => {
                sender.sessions.insert(session.to_string(), count);
            }
        }
        if sender.this_second >= MAX_EPHEMERAL_PER_SECOND {
            return Verdict::Drop;
        }
        sender.this_second += 1;
        Verdict::Forward
    }

    /// A second passed: every connection's rate starts again.
    pub fn tick(&mut self) {
        for sender in self.senders.values_mut() {
            sender.this_second = 0;
        }
    }

    /// The connection ended: its entries go with it.
    pub fn forget(&mut self, connection: ConnectionId) {
        self.senders.remove(&connection);
    }

    /// Entries held (for tests: the table is bounded and cleaned).
    pub fn sessions_held(&self) -> usize {
        self.senders.values().map(|s| s.sessions.len()).sum()
    }
}

impl super::Hub {
    /// Forwards an ephemeral message (already checked to come from `sender_id`, the connection's
    /// own peer id) to the document's other peers in the same scope, within the gate's limits.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn forward_ephemeral(
        &mut self,
        from: ConnectionId,
        sender_id: PeerId,
        document: DocumentId,
        count: u64,
        session_id: String,
        data: Vec<u8>,
        out: &mut Vec<HubEffect>,
    ) {
        let Some(scope) = self.connections.get(&from).map(|c| c.access.scope.clone()) else {
            return;
        };
        let Some(Slot::Ready(entry)) = self.documents.get(&document) else {
            return;
        };
        // Scope first: nothing about another community's document is recorded.
        if entry.scope.as_ref().is_some_and(|s| *s != scope) || !entry.peers.contains_key(&from) {
            return;
        }
        match self.ephemeral.admit(from, &session_id, count, data.len()) {
            Verdict::Forward => {}
            Verdict::Drop => return,
            Verdict::Refuse(reason) => return refuse(from, reason, out),
        }
        for target in entry.peers.keys().filter(|&&c| c != from) {
            let Some(conn) = self.connections.get(target) else {
                continue;
            };
            let Some(remote) = conn.remote.clone() else {
                continue;
            };
            if conn.access.scope != scope {
                continue;
            }
            out.push(HubEffect::Send {
                connection: *target,
                bytes: WireMessage::Ephemeral {
                    sender_id: sender_id.clone(),
                    target_id: remote,
                    document_id: document,
                    count,
                    session_id: session_id.clone(),
                    data: data.clone(),
                }
                .encode(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_stale_copies_are_dropped() {
        let mut gate = EphemeralGate::default();
        assert_eq!(gate.admit(1, "s", 1, 10), Verdict::Forward);
        assert_eq!(gate.admit(1, "s", 1, 10), Verdict::Drop);
        assert_eq!(gate.admit(1, "s", 0, 10), Verdict::Drop);
        assert_eq!(gate.admit(1, "s", 2, 10), Verdict::Forward);
        // Another connection's counts are its own.
        assert_eq!(gate.admit(2, "s", 1, 10), Verdict::Forward);
    }

    #[test]
    fn size_sessions_and_rate_are_bounded_and_the_table_is_cleaned() {
        let mut gate = EphemeralGate::default();
        assert!(matches!(
            gate.admit(1, "s", 1, MAX_EPHEMERAL_BYTES + 1),
            Verdict::Refuse(_)
        ));
        for session in 0..MAX_EPHEMERAL_SESSIONS {
            gate.tick();
            assert_eq!(gate.admit(1, &session.to_string(), 1, 10), Verdict::Forward);
        }
        assert!(matches!(
            gate.admit(1, "one more", 1, 10),
            Verdict::Refuse(_)
        ));
        assert_eq!(gate.sessions_held(), MAX_EPHEMERAL_SESSIONS);

        let mut forwarded = 0;
        for count in 2..100 {
            if gate.admit(1, "0", count, 10) == Verdict::Forward {
                forwarded += 1;
            }
        }
        assert_eq!(
            forwarded,
            MAX_EPHEMERAL_PER_SECOND - 1,
            "one was spent above"
        );
        gate.tick();
        assert_eq!(gate.admit(1, "0", 100, 10), Verdict::Forward);

        gate.forget(1);
        assert_eq!(gate.sessions_held(), 0);
    }
}

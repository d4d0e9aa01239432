//! A per-connection budget of bytes the relay sends, refilled every second.
//!
//! A peer that tells the relay it has nothing (a fresh sync state, again and again) makes
//! Automerge send it the whole document each time: a few bytes in, megabytes out. The budget
//! bounds that amplification without losing anything: a connection that has spent its budget
//! stays *owed* its messages (see `flush.rs`), and gets one message with everything once the
//! budget refills. A real member opening a community receives each document once, well within
//! the burst.

use std::collections::HashMap;

use super::ConnectionId;

/// Bytes per second of sync messages one connection may receive once its burst is spent:
/// 4 MiB. Why: a phone on a good mobile link takes about that; more only fills buffers.
pub const SEND_BYTES_PER_SECOND: i64 = 4 * 1024 * 1024;

/// Bytes one connection may receive at once: 32 MiB. Why: a member opening a community gets
/// every document once (tens of documents of 1–2 MB), which must not wait; a peer asking for
/// whole documents in a loop is slowed to [`SEND_BYTES_PER_SECOND`] after it.
pub const SEND_BURST_BYTES: i64 = 32 * 1024 * 1024;

/// Bytes left per connection; a connection not listed has the full burst.
#[derive(Debug, Default)]
pub(super) struct SendBudget {
    spent: HashMap<ConnectionId, i64>,
}

impl SendBudget {
    /// True while `connection` may be sent more (a message may overdraw the budget once).
    pub(super) fn allows(&self, connection: ConnectionId) -> bool {
        self.spent
            .get(&connection)
            .is_none_or(|&spent| spent < SEND_BURST_BYTES)
    }

    /// `connection` was sent `bytes`.
    pub(super) fn charge(&mut self, connection: ConnectionId, bytes: usize) {
        *self.spent.entry(connection).or_insert(0) += bytes as i64;
    }

    /// A second passed: every connection earns [`SEND_BYTES_PER_SECOND`] back.
    pub(super) fn tick(&mut self) {
        self.spent.retain(|_, spent| {
            *spent -= SEND_BYTES_PER_SECOND;
            *spent > 0
        });
    }

    /// The connection ended.
    pub(super) fn forget(&mut self, connection: ConnectionId) {
        self.spent.remove(&connection);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_past_its_burst_waits_for_the_refill() {
        let mut budget = SendBudget::default();
        assert!(budget.allows(1));
        budget.charge(1, SEND_BURST_BYTES as usize - 1);
        assert!(budget.allows(1), "still under the burst");
        budget.charge(1, 10 * 1024 * 1024);
        assert!(!budget.allows(1), "overdrawn");
        assert!(budget.allows(2), "others are not affected");
        budget.tick();
        assert!(
            !budget.allows(1),
            "one second's refill is less than the overdraft"
        );
        budget.tick();
        budget.tick();
        assert!(budget.allows(1));
        for _ in 0..20 {
            budget.tick();
        }
        assert!(
            budget.spent.is_empty(),
            "a refilled connection is forgotten"
        );
        budget.charge(3, 5);
        budget.forget(3);
        assert!(budget.spent.is_empty());
    }
}

//! A budget of bytes the relay sends, per holder (the token a connection authenticated with),
//! refilled every second.
//!
//! A peer that tells the relay it has nothing (a fresh sync state, again and again) makes
//! Automerge send it the whole document each time: a few bytes in, megabytes out. The budget
//! bounds that amplification without losing anything: a connection that has spent its budget
//! stays *owed* its messages (see `flush.rs`), and gets one message with everything once the
//! budget refills. A real member opening a community receives each document once, well within
//! the burst. It is kept per holder, not per connection, and outlives a disconnect until it has
//! refilled: reconnecting does not buy a fresh burst.

use std::collections::HashMap;

/// Bytes per second of sync messages one holder may receive once its burst is spent:
/// 4 MiB. Why: a phone on a good mobile link takes about that; more only fills buffers.
pub const SEND_BYTES_PER_SECOND: i64 = 4 * 1024 * 1024;

/// Bytes one holder may receive at once: 32 MiB. Why: a member opening a community gets
/// every document once (tens of documents of 1–2 MB), which must not wait; a peer asking for
/// whole documents in a loop is slowed to [`SEND_BYTES_PER_SECOND`] after it.
pub const SEND_BURST_BYTES: i64 = 32 * 1024 * 1024;

/// Bytes spent per holder; a holder not listed has the full burst.
#[derive(Debug, Default)]
pub(super) struct SendBudget {
    spent: HashMap<String, i64>,
}

impl SendBudget {
    /// True while `holder` may be sent more (a message may overdraw the budget once).
    pub(super) fn allows(&self, holder: &str) -> bool {
        self.spent
            .get(holder)
            .is_none_or(|&spent| spent < SEND_BURST_BYTES)
    }

    /// `holder` was sent `bytes`.
    pub(super) fn charge(&mut self, holder: &str, bytes: usize) {
        match self.spent.get_mut(holder) {
            Some(spent) => *spent += bytes as i64,
            None => {
                self.spent.insert(holder.to_string(), bytes as i64);
            }
        }
    }

    /// A second passed: every holder earns [`SEND_BYTES_PER_SECOND`] back (and is forgotten
    /// once refilled).
    pub(super) fn tick(&mut self) {
        self.spent.retain(|_, spent| {
            *spent -= SEND_BYTES_PER_SECOND;
            *spent > 0
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holder_past_its_burst_waits_for_the_refill() {
        let mut budget = SendBudget::default();
        assert!(budget.allows("a"));
        budget.charge("a", SEND_BURST_BYTES as usize - 1);
        assert!(budget.allows("a"), "still under the burst");
        budget.charge("a", 10 * 1024 * 1024);
        assert!(!budget.allows("a"), "overdrawn");
        assert!(budget.allows("b"), "others are not affected");
        budget.tick();
        assert!(
            !budget.allows("a"),
            "one second's refill is less than the overdraft"
        );
        budget.tick();
        budget.tick();
        assert!(budget.allows("a"));
        for _ in 0..20 {
            budget.tick();
        }
        assert!(budget.spent.is_empty(), "a refilled holder is forgotten");
    }
}

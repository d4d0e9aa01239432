//! Size limits per document and per community, checked before a change is applied.
//!
//! The hub knows each loaded document's stored size from its [`crate::storage::ChunkLedger`].
//! A community's total comes from the driver, which asks storage once per community
//! ([`Hub::knows_scope`] / [`Hub::set_scope_bytes`]); after that every save adjusts it by the
//! difference it made. A message with changes is refused when the stored size plus the
//! message's own size would pass a limit: the incoming bytes are an upper bound of what the
//! changes add, so the check needs no trial apply, and nothing refused ever reaches Automerge.

use std::collections::HashMap;

use super::Hub;
use crate::{ids::DocumentId, refusal::Refusal};

/// The limits and the running totals per community.
#[derive(Debug, Default)]
pub(super) struct Quotas {
    scopes: HashMap<String, u64>,
}

impl Quotas {
    /// Refuses a message of `incoming` bytes with changes to `document` (stored: `stored` bytes)
    /// in `scope` when it would pass a limit.
    pub(super) fn check(
        &self,
        limits: (u64, u64),
        scope: &str,
        document: DocumentId,
        stored: u64,
        incoming: u64,
    ) -> Result<(), Refusal> {
        let (max_document, max_community) = limits;
        if stored.saturating_add(incoming) > max_document {
            return Err(Refusal::DocumentFull {
                document,
                limit: max_document,
            });
        }
        let total = self.scopes.get(scope).copied().unwrap_or(0);
        if total.saturating_add(incoming) > max_community {
            return Err(Refusal::CommunityFull {
                document,
                limit: max_community,
            });
        }
        Ok(())
    }

    /// A save changed a document of `scope` from `before` to `after` stored bytes.
    pub(super) fn saved(&mut self, scope: &str, before: u64, after: u64) {
        let total = self.scopes.entry(scope.to_string()).or_insert(0);
        *total = total.saturating_sub(before).saturating_add(after);
    }
}

impl Hub {
    /// True when the hub has a stored total for `scope` (the driver then need not count it).
    pub fn knows_scope(&self, scope: &str) -> bool {
        self.quotas.scopes.contains_key(scope)
    }

    /// Sets what storage holds for `scope`, in bytes: before the community's first connection,
    /// and again after storage rolled writes back.
    pub fn set_scope_bytes(&mut self, scope: &str, bytes: u64) {
        self.quotas.scopes.insert(scope.to_string(), bytes);
    }

    /// The communities with a stored total.
    pub fn known_scopes(&self) -> Vec<String> {
        self.quotas.scopes.keys().cloned().collect()
    }
}

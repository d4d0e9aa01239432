//! Size limits per document and per community, checked before a change is applied.
//!
//! The hub knows each loaded document's stored size from its [`crate::storage::ChunkLedger`].
//! A community's total comes from the driver, which asks storage once per community
//! ([`Hub::knows_scope`] / [`Hub::set_scope_bytes`]); after that every save adjusts it by the
//! difference it made.
//!
//! Two checks, because a message's size is no bound on what it adds (compressed change chunks
//! inflate; changes whose dependencies are missing wait in memory and are written later):
//! - **before Automerge**, a message is refused when the document's bytes (stored, plus queued
//!   changes still waiting for a dependency) plus the message's own would pass a limit — cheap,
//!   and it stops most floods before any work;
//! - **after Automerge, before the store**, what the save would actually write (tried as a
//!   compaction too) plus what stays queued is checked again; past a limit nothing is stored,
//!   the writer is refused and the document is reloaded from storage, dropping what it sent.
//!   With Automerge 0.12, which stores changes compressed as they came, this second check is a
//!   net (measured in `quota_tests.rs`), not the main bound.
//!
//! A refusal drops whatever the document had queued in memory (it reloads from disk): the
//! queue may be the refused peer's own flood of changes whose parent never comes.
//!
//! Queued bytes count against both limits, so changes held back by a missing dependency
//! cannot pile up in memory beyond the quota.

use std::collections::HashMap;

use super::Hub;
use crate::{
    ids::{DocumentId, Scope},
    refusal::Refusal,
};

/// The limits and the running totals per community.
#[derive(Debug, Default)]
pub(super) struct Quotas {
    scopes: HashMap<Scope, u64>,
}

impl Quotas {
    /// Refuses a message of `incoming` bytes with changes to `document` (stored: `stored` bytes)
    /// in `scope` when it would pass a limit.
    pub(super) fn check(
        &self,
        limits: (u64, u64),
        scope: &Scope,
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

    /// A document of `scope` went from `before` to `after` bytes held (stored, or queued in
    /// memory waiting for a dependency). A community not counted yet stays uncounted: its
    /// next connection counts it from storage.
    pub(super) fn saved(&mut self, scope: &Scope, before: u64, after: u64) {
        if let Some(total) = self.scopes.get_mut(scope) {
            *total = total.saturating_sub(before).saturating_add(after);
        }
    }

    /// The community's total if a document of it went from `before` to `after` bytes.
    pub(super) fn total_if(&self, scope: &Scope, before: u64, after: u64) -> u64 {
        self.scopes
            .get(scope)
            .copied()
            .unwrap_or(0)
            .saturating_sub(before)
            .saturating_add(after)
    }
}

impl Hub {
    /// True when the hub has a stored total for `scope` (the driver then need not count it).
    pub fn knows_scope(&self, scope: &Scope) -> bool {
        self.quotas.scopes.contains_key(scope)
    }

    /// Sets what storage holds for `scope`, in bytes: before the community's first connection,
    /// and again after storage rolled writes back.
    pub fn set_scope_bytes(&mut self, scope: &Scope, bytes: u64) {
        self.quotas.scopes.insert(scope.clone(), bytes);
    }

    /// The communities with a stored total.
    pub fn known_scopes(&self) -> Vec<Scope> {
        self.quotas.scopes.keys().cloned().collect()
    }
}

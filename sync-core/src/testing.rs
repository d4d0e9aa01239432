//! The test harness every hub-driving test shares (the hub's unit tests, the client and refusal
//! tests, the simulation, the fuzzer): the relay's storage in memory and one configuration.
//! Each test still decides how frames travel (at once, through a lossy network, to an attacker
//! that never reads) — that is what it tests — but none of them re-implements what the relay's
//! driver does with `Load` and `Store`.
//!
//! Compiled for this crate's tests and, with the `testing` feature, for other crates' tests.

use std::collections::HashMap;

use crate::{
    hub::{HubConfig, HubEffect, HubEvent},
    ids::{DocumentId, Scope},
    limits,
    storage::Chunk,
};

/// The scope tests put their documents in unless they need several communities.
pub const SCOPE: &str = "c";

/// A hub configuration for tests: real limits, a fixed identity, room for a few documents.
pub fn hub_config() -> HubConfig {
    HubConfig {
        peer_id: "relay".into(),
        storage_id: "00000000-0000-4000-8000-000000000001".into(),
        max_documents_per_connection: 8,
        max_idle_documents: 8,
        max_document_bytes: limits::MAX_DOCUMENT_BYTES,
        max_community_bytes: limits::MAX_COMMUNITY_BYTES,
    }
}

/// The relay's storage, in memory: each document's scope (recorded at its first store, as the
/// relay's database does) and chunks.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    documents: HashMap<DocumentId, (Scope, Vec<Chunk>)>,
}

impl MemoryStore {
    /// Nothing stored.
    pub fn new() -> Self {
        Self::default()
    }

    /// Carries out a storage effect as the relay's driver does: a `Store` is applied (the scope
    /// kept from the first one), a `Load` answered with the `Loaded` event to feed the hub back.
    /// Any other effect is handed back for the test to route.
    pub fn perform(&mut self, effect: HubEffect) -> Result<Option<HubEvent>, HubEffect> {
        match effect {
            HubEffect::Store {
                document,
                scope,
                op,
            } => {
                let entry = self
                    .documents
                    .entry(document)
                    .or_insert_with(|| (scope, Vec::new()));
                op.apply_in_memory(&mut entry.1);
                Ok(None)
            }
            HubEffect::Load { document } => Ok(Some(self.loaded(document))),
            other => Err(other),
        }
    }

    /// The `Loaded` event for `document`: its scope and chunks, or nothing for one never stored.
    pub fn loaded(&self, document: DocumentId) -> HubEvent {
        let (scope, chunks) = match self.documents.get(&document) {
            Some((scope, chunks)) => (Some(scope.clone()), chunks.clone()),
            None => (None, Vec::new()),
        };
        HubEvent::Loaded {
            document,
            scope,
            chunks,
        }
    }

    /// What is stored for `document`.
    pub fn chunks(&self, document: &DocumentId) -> &[Chunk] {
        self.documents
            .get(document)
            .map(|(_, chunks)| chunks.as_slice())
            .unwrap_or_default()
    }

    /// Bytes stored for `scope`'s documents (what the driver counts for the community quota).
    pub fn scope_bytes(&self, scope: &Scope) -> u64 {
        self.documents
            .values()
            .filter(|(s, _)| s == scope)
            .flat_map(|(_, chunks)| chunks.iter().map(|c| c.bytes.len() as u64))
            .sum()
    }
}

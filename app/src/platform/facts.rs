//! The community facts every feature needs, from one place: who I am, what I may do, what the
//! members are called, who is looking at a page, and the community's documents by key.
//!
//! The shell provides one [`Facts`] before any feature starts; the community feature fills it (it
//! owns the session and the root document); other features read it with [`use_facts`] and never
//! reach into the community's modules.

use std::collections::{BTreeMap, HashMap};

use leptos::prelude::*;
use sync_core::roles::Role;

use crate::sync::{self, DocHandle};

/// Shared community facts, in context. Every field is reactive.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    /// The community's id, once this device has a session.
    pub community: RwSignal<Option<String>>,
    /// What this device may do, once it has a session.
    pub role: RwSignal<Option<Role>>,
    /// This device's member id.
    pub me: RwSignal<String>,
    /// Display names of the members, by member id (from the community's member list).
    pub names: RwSignal<HashMap<String, String>>,
    /// The community's open documents by key ([`sync_core::documents`]), once sync runs.
    pub documents: RwSignal<BTreeMap<String, DocHandle>>,
}

impl Facts {
    /// Empty facts (before joining; in tests).
    pub fn new() -> Self {
        Self {
            community: RwSignal::new(None),
            role: RwSignal::new(None),
            me: RwSignal::new(String::new()),
            names: RwSignal::new(HashMap::new()),
            documents: RwSignal::new(BTreeMap::new()),
        }
    }

    /// The well-known document `key`, once open (tracked).
    pub fn document(&self, key: &str) -> Option<DocHandle> {
        self.documents.with(|d| d.get(key).copied())
    }

    /// The well-known document `key`, once open (not tracked: for event handlers).
    pub fn document_untracked(&self, key: &str) -> Option<DocHandle> {
        self.documents.with_untracked(|d| d.get(key).copied())
    }

    /// True when this device may change documents (tracked).
    pub fn can_write(&self) -> bool {
        self.role.get().is_some_and(Role::can_write)
    }

    /// A member's display name, or "unnamed member" in the current language (tracked).
    pub fn name_of(&self, member: &str, unnamed: &str) -> String {
        self.names
            .with(|names| names.get(member).filter(|n| !n.is_empty()).cloned())
            .unwrap_or_else(|| unnamed.to_string())
    }
}

impl Default for Facts {
    fn default() -> Self {
        Self::new()
    }
}

/// Puts `facts` in context (the shell does, once, at the root, before any feature's `provide`).
pub fn provide_facts(facts: Facts) {
    provide_context(facts);
}

/// The facts from context.
pub fn use_facts() -> Facts {
    use_context::<Facts>().unwrap_or_default()
}

/// Names of the other members writing on `path` now (presence; tracked).
pub fn writing_now(path: &str) -> Vec<String> {
    sync::repo()
        .map(|r| r.online())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.viewing == path && p.writing)
        .map(|p| p.name)
        .collect()
}

/// Names of the other members looking at `path` now (presence; tracked: a view that reads it
/// updates when the roster does).
pub fn here_now(path: &str) -> Vec<String> {
    sync::repo()
        .map(|r| r.online())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.viewing == path)
        .map(|p| p.name)
        .collect()
}

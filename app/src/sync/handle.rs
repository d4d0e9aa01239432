//! [`DocHandle`]: what features hold of a document — a `Copy` id that reaches the engine, with
//! reactive projections, path subscriptions, reads and changes.

use std::rc::Rc;

use automerge::{transaction::Transaction, Automerge};
use leptos::prelude::*;
use sync_core::{ids::DocumentId, touched::Touched};

use super::{repo, Edit, Note, Watcher, EMPTY};

/// A document the engine keeps: a `Copy` id, so views can capture it anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocHandle {
    pub(super) id: DocumentId,
}

impl DocHandle {
    /// The document's id.
    pub fn id(&self) -> DocumentId {
        self.id
    }

    /// A reactive projection of the document, recomputed when a change touches `path` (empty:
    /// any change) and passed on only when its value differs.
    pub fn watch<T>(
        &self,
        path: &[&str],
        read: impl Fn(&Automerge) -> T + Send + Sync + 'static,
    ) -> Memo<T>
    where
        T: PartialEq + Clone + Send + Sync + 'static,
    {
        let trigger = ArcTrigger::new();
        let id = self.id;
        if let Some(repo) = repo() {
            let watcher = repo.next_watcher.get();
            repo.next_watcher.set(watcher + 1);
            if let Some(watched) = repo.docs.borrow_mut().get_mut(&id) {
                watched.watchers.push(Watcher {
                    id: watcher,
                    path: path.iter().map(|p| p.to_string()).collect(),
                    trigger: trigger.clone(),
                    callback: None,
                });
            }
            on_cleanup(move || {
                if let Some(repo) = self::repo() {
                    if let Some(watched) = repo.docs.borrow_mut().get_mut(&id) {
                        watched.watchers.retain(|w| w.id != watcher);
                    }
                }
            });
        }
        Memo::new(move |_| {
            trigger.track();
            with_document(id, &read)
        })
    }

    /// True once the device's copy is loaded (reactive).
    pub fn is_ready(&self) -> bool {
        repo()
            .and_then(|r| r.docs.borrow().get(&self.id).map(|w| w.ready.clone()))
            .is_some_and(|ready| ready.get())
    }

    /// True when the relay said it does not have the document (reactive).
    pub fn is_unavailable(&self) -> bool {
        repo()
            .and_then(|r| r.docs.borrow().get(&self.id).map(|w| w.unavailable.clone()))
            .is_some_and(|flag| flag.get())
    }

    /// Says that the views show this document as of `heads` until it loads (a cached view): edits
    /// made meanwhile are made at that version (see [`Repo::show_from`]).
    pub fn show_from(&self, heads: Vec<automerge::ChangeHash>) {
        if let Some(repo) = repo() {
            repo.show_from(self.id, heads);
        }
    }

    /// Changes the document (see [`Repo::change`]).
    pub fn change(&self, edit: impl FnOnce(&mut Transaction<'_>) + 'static) {
        if let Some(repo) = repo() {
            repo.change(self.id, edit);
        }
    }

    /// Several noted changes stored and sent together (see [`Repo::change_many`]).
    pub fn change_many(&self, edits: Vec<(Option<Note>, Edit)>) {
        if let Some(repo) = repo() {
            repo.change_many(self.id, edits);
        }
    }

    /// Changes the document with a note in the commit message (see [`Repo::change_noted`]).
    pub fn change_noted(&self, note: Note, edit: impl FnOnce(&mut Transaction<'_>) + 'static) {
        if let Some(repo) = repo() {
            repo.change_noted(self.id, Some(note), edit);
        }
    }

    /// Calls `on_change` with the changed paths whenever a change touches `path`, including the
    /// first load (every path of the document): for views that keep their own state and patch
    /// it rather than re-reading the whole document. Lives as long as the current owner.
    pub fn on_change(&self, path: &[&str], on_change: impl Fn(&[Vec<String>]) + 'static) {
        let Some(repo) = repo() else { return };
        let watcher = repo.next_watcher.get();
        repo.next_watcher.set(watcher + 1);
        let id = self.id;
        let heads = {
            let mut docs = repo.docs.borrow_mut();
            let Some(watched) = docs.get_mut(&id) else {
                return;
            };
            watched.watchers.push(Watcher {
                id: watcher,
                path: path.iter().map(|p| p.to_string()).collect(),
                trigger: ArcTrigger::new(),
                callback: Some(Rc::new(on_change)),
            });
            watched.heads.clone()
        };
        // Already loaded: catch up with what is there now.
        if !heads.is_empty() {
            let callback = repo.docs.borrow().get(&id).and_then(|w| {
                w.watchers
                    .iter()
                    .find(|w| w.id == watcher)
                    .and_then(|w| w.callback.clone())
            });
            let touched = Touched::Everything.paths();
            if let Some(callback) = callback {
                callback(&touched);
            }
        }
        on_cleanup(move || {
            if let Some(repo) = self::repo() {
                if let Some(watched) = repo.docs.borrow_mut().get_mut(&id) {
                    watched.watchers.retain(|w| w.id != watcher);
                }
            }
        });
    }

    /// Reads the document once, untracked.
    pub fn read<T>(&self, read: impl FnOnce(&Automerge) -> T) -> T {
        with_document(self.id, read)
    }
}

/// Runs `read` on the open document, or on an empty one while it is not loaded.
fn with_document<T>(id: DocumentId, read: impl FnOnce(&Automerge) -> T) -> T {
    let repo = repo();
    let client = repo.as_ref().map(|r| r.client.borrow());
    match client.as_ref().and_then(|c| c.document(&id)) {
        Some(doc) => read(doc),
        None => EMPTY.with(|empty| read(empty)),
    }
}

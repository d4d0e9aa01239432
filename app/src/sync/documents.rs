//! Opening documents (from the device, then the relay) and changing them: each edit one
//! commit with the member's id and a [`Note`], stored before it is sent.

use std::rc::Rc;

use automerge::{
    transaction::{CommitOptions, Transaction},
    Automerge,
};
use leptos::prelude::*;
use sync_core::{client::ClientEffect, ids::DocumentId, touched::Touched};

use super::{bench_record, DocHandle, Edit, Note, Repo, Watched};
use crate::browser::now_precise;

impl Repo {
    /// Opens `document` (from the device, then the relay) and returns its handle.
    pub fn open(self: &Rc<Self>, document: DocumentId) -> DocHandle {
        self.open_with_skeleton(document, None)
    }

    /// Opens `document`; once loaded, a member's device adds `skeleton` (the document's
    /// deterministic first change, see [`sync_core::schema`]) if it is not there yet, before any
    /// edit made meanwhile.
    pub fn open_with_skeleton(
        self: &Rc<Self>,
        document: DocumentId,
        skeleton: Option<Vec<u8>>,
    ) -> DocHandle {
        let fresh = {
            let mut docs = self.docs.borrow_mut();
            let fresh = !docs.contains_key(&document);
            docs.entry(document).or_insert_with(|| Watched {
                heads: Vec::new(),
                watchers: Vec::new(),
                ready: ArcRwSignal::new(false),
                unavailable: ArcRwSignal::new(false),
                confirmed_saved: Vec::new(),
                skeleton,
                waiting: Vec::new(),
            });
            fresh
        };
        if fresh {
            let repo = self.clone();
            wasm_bindgen_futures::spawn_local(async move { repo.load(document).await });
        }
        DocHandle { id: document }
    }

    pub(super) async fn load(self: Rc<Self>, document: DocumentId) {
        let started = now_precise();
        let chunks = match self.store.load(&document).await {
            Ok(chunks) => chunks,
            Err(error) => {
                self.storage_error.set(Some(error.to_string()));
                Vec::new()
            }
        };
        let confirmed = self.store.confirmed(&document).await.unwrap_or_default();
        let effects = {
            let mut client = self.client.borrow_mut();
            let effects = client.open(document, &chunks).unwrap_or_else(|error| {
                // Stored bytes that are not Automerge: start empty rather than not at all; the
                // relay's copy will arrive. Say so.
                self.storage_error.set(Some(format!(
                    "a document on this device is damaged: {error}"
                )));
                client.open(document, &[]).unwrap_or_default()
            });
            client.set_confirmed(&document, confirmed.clone());
            effects
        };
        bench_record(&format!("open-{document}"), now_precise() - started);
        bench_record(&format!("ready-{document}"), now_precise());
        let (waiting, skeleton) = {
            let mut docs = self.docs.borrow_mut();
            let Some(watched) = docs.get_mut(&document) else {
                return;
            };
            watched.confirmed_saved = confirmed;
            watched.ready.set(true);
            (
                std::mem::take(&mut watched.waiting),
                watched.skeleton.take(),
            )
        };
        self.run(effects);
        if let Some(skeleton) = skeleton {
            let initialised = self
                .client
                .borrow()
                .document(&document)
                .is_some_and(sync_core::schema::is_initialised);
            if !initialised {
                self.apply_changes(document, vec![skeleton]);
            }
        }
        self.notify(document, &Touched::Everything);
        self.change_many(document, waiting);
    }

    /// Changes `document`: `edit` runs inside one Automerge transaction, committed with this
    /// member's id as its message and the current time. Viewers cannot change anything: their
    /// edits are dropped (the UI does not offer them). Do not read signals inside `edit`.
    pub fn change(
        self: &Rc<Self>,
        document: DocumentId,
        edit: impl FnOnce(&mut Transaction<'_>) + 'static,
    ) {
        self.change_noted(document, None, edit);
    }

    /// [`Repo::change`] with a note after the member id in the commit message (`<member>\n<note>`),
    /// so history can say what the change was about.
    pub fn change_noted(
        self: &Rc<Self>,
        document: DocumentId,
        note: Option<Note>,
        edit: impl FnOnce(&mut Transaction<'_>) + 'static,
    ) {
        self.change_many(document, vec![(note, Box::new(edit))]);
    }

    /// Several changes, each its own commit (with its own note), stored and sent together: one
    /// IndexedDB write and one sync message for, say, an import of a thousand entries.
    pub fn change_many(self: &Rc<Self>, document: DocumentId, edits: Vec<(Option<Note>, Edit)>) {
        if !self.config.can_write || edits.is_empty() {
            return;
        }
        {
            let mut docs = self.docs.borrow_mut();
            if let Some(watched) = docs.get_mut(&document) {
                if !watched.ready.get_untracked() {
                    watched.waiting.extend(edits);
                    return;
                }
            }
        }
        let member = self.config.member.clone();
        let time = (js_sys::Date::now() / 1000.0) as i64;
        let (effects, shared) = {
            let mut client = self.client.borrow_mut();
            let before = client
                .document(&document)
                .map(Automerge::get_heads)
                .unwrap_or_default();
            // Each edit its own commit, its operations logged as they are made (what the views
            // are told it touched; see `sync_core::touched`).
            let effects = client.change_logged(document, move |doc, log| {
                for (note, edit) in edits {
                    let message = Note::message(&member, note.as_ref());
                    let Ok(mut tx) = doc.transaction_log_patches(log.clone()) else {
                        continue;
                    };
                    edit(&mut tx);
                    let (_, logged) = tx.commit_with(
                        CommitOptions::default()
                            .with_message(message)
                            .with_time(time),
                    );
                    *log = logged;
                }
            });
            let shared = if effects.is_empty() {
                Vec::new()
            } else {
                client.changes_since(&document, &before)
            };
            (effects, shared)
        };
        if effects
            .iter()
            .any(|e| matches!(e, ClientEffect::Store { .. }))
            && self.change_refused.get_untracked().is_some()
        {
            self.change_refused.set(None);
        }
        self.tell_tabs(document, &shared);
        self.run(effects);
    }

    /// Applies raw changes (a document's first, deterministic skeleton) unless present.
    pub fn apply_changes(self: &Rc<Self>, document: DocumentId, changes: Vec<Vec<u8>>) {
        if !self.config.can_write {
            return;
        }
        let effects = self.client.borrow_mut().apply_changes(document, &changes);
        if !effects.is_empty() {
            self.tell_tabs(document, &changes);
        }
        self.run(effects);
    }
}

//! Opening documents (from the device, then the relay) and changing them: each edit one
//! commit with the member's id and a [`Note`], stored before it is sent.

use std::rc::Rc;

use automerge::{transaction::Transaction, Automerge, ChangeHash, ReadDoc};
use leptos::prelude::*;
use sync_core::{
    client::ClientEffect,
    ids::DocumentId,
    storage::{self, Chunk, ChunkKind},
    touched::Touched,
};

use super::{bench_record, write, DocHandle, Edit, Note, Repo, Watched};
use crate::browser::{self, now_precise};

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
                shown_at: None,
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
        // A few chunks per task, yielding between: a large document's segments load without
        // freezing the page (see `sync_core::storage`).
        let (doc, chunks) = match load_sliced(&chunks).await {
            Ok(doc) => (doc, chunks),
            Err(error) => {
                // Stored bytes that are not Automerge: start empty rather than not at all; the
                // relay's copy will arrive. Say so.
                self.storage_error.set(Some(format!(
                    "a document on this device is damaged: {error}"
                )));
                (Automerge::new(), Vec::new())
            }
        };
        let effects = {
            let mut client = self.client.borrow_mut();
            let effects = client.open_loaded(document, doc, &chunks);
            client.set_confirmed(&document, confirmed.clone());
            effects
        };
        bench_record(&format!("open-{document}"), now_precise() - started);
        bench_record(&format!("ready-{document}"), now_precise());
        let (waiting, skeleton, shown_at) = {
            let mut docs = self.docs.borrow_mut();
            let Some(watched) = docs.get_mut(&document) else {
                return;
            };
            watched.confirmed_saved = confirmed;
            watched.ready.set(true);
            (
                std::mem::take(&mut watched.waiting),
                watched.skeleton.take(),
                watched.shown_at.take(),
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
        // Edits made on the shown version go in at that version (if this device has it and it
        // is not simply the current one): they merge with what came since like any concurrent
        // edit. Without it (a view from storage since lost), at the current version.
        let at = shown_at.filter(|heads| {
            let client = self.client.borrow();
            client.document(&document).is_some_and(|doc| {
                !heads.is_empty()
                    && *heads != doc.get_heads()
                    && heads.iter().all(|h| doc.get_change_by_hash(h).is_some())
            })
        });
        self.commit(document, waiting, at);
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
        {
            let mut docs = self.docs.borrow_mut();
            if let Some(watched) = docs.get_mut(&document) {
                if !watched.ready.get_untracked() {
                    if self.config.can_write {
                        watched.waiting.extend(edits);
                    }
                    return;
                }
            }
        }
        self.commit(document, edits, None);
    }

    /// Says which version the views show while `document` loads (see `Watched::shown_at`).
    /// Ignored once it has loaded.
    pub fn show_from(&self, document: DocumentId, heads: Vec<ChangeHash>) {
        if let Some(watched) = self.docs.borrow_mut().get_mut(&document) {
            if !watched.ready.get_untracked() {
                watched.shown_at = Some(heads);
            }
        }
    }

    /// Commits `edits`, each its own change; with `at`, the first at those heads and each next
    /// one on the one before (so their positions compose as they were typed).
    fn commit(
        self: &Rc<Self>,
        document: DocumentId,
        edits: Vec<(Option<Note>, Edit)>,
        at: Option<Vec<ChangeHash>>,
    ) {
        if !self.config.can_write || edits.is_empty() {
            return;
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
                write::commit_edits(doc, log, edits, at, &member, time);
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

/// Bytes of stored chunks applied per task while loading. Why: a segment of
/// [`sync_core::storage::SEGMENT_OPS`] operations is tens of kilobytes compressed and applies in
/// well under 50 ms; many small incremental chunks are grouped to about the same.
const LOAD_SLICE_BYTES: usize = 64 * 1024;

/// Loads `chunks` into a new document in storage order, yielding to the browser after each
/// snapshot or segment and every [`LOAD_SLICE_BYTES`] of incrementals.
async fn load_sliced(chunks: &[Chunk]) -> Result<Automerge, automerge::AutomergeError> {
    let mut doc = Automerge::new();
    let mut since_yield = 0;
    for chunk in storage::ordered(chunks) {
        doc.load_incremental(&chunk.bytes)?;
        since_yield += chunk.bytes.len();
        if chunk.key.kind == ChunkKind::Snapshot || since_yield >= LOAD_SLICE_BYTES {
            browser::next_task().await;
            since_yield = 0;
        }
    }
    Ok(doc)
}

//! Every write the board pages make: one commit each, noted `board:<id> <fields>`, made as this
//! device's member with its role (the model re-checks the rights on the document as it is).

use automerge::transaction::Transaction;
use leptos::prelude::*;
use sync_core::{ids::DocumentId, roles::Role};

use super::model::{self, phase::Actor};
use crate::{
    browser,
    platform::{catalog, facts::Facts},
    sync::{self, write::Note, DocHandle},
};

/// A board's handle and who is acting on it (the facts taken when the page was made: an
/// event handler has no context to look them up in).
#[derive(Clone, Copy)]
pub struct BoardRef {
    /// The board's document.
    pub handle: DocHandle,
    /// This device's member and role.
    pub facts: Facts,
}

impl BoardRef {
    /// Makes one edit as this device's member; `subject` names what it touched (for history).
    pub fn act(
        &self,
        subject: &str,
        fields: &[&str],
        edit: impl FnOnce(&mut Transaction<'_>, Actor<'_>) -> bool + 'static,
    ) {
        let me = self.facts.me.get_untracked();
        let role = self.facts.role.get_untracked().unwrap_or(Role::Viewer);
        self.handle
            .change_noted(Note::new("board", subject, fields), move |tx| {
                let _ = edit(tx, Actor { member: &me, role });
            });
    }
}

/// A fresh random id for a note, group, vote or action.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}{}", browser::random_hex(6))
}

/// Opens the board `id` on this device (from the device, then the relay).
pub fn open(id: DocumentId) -> Option<DocHandle> {
    Some(sync::repo()?.open_with_skeleton(id, Some(model::skeleton())))
}

/// Makes a board and lists it in the catalog; returns its id.
pub fn create(facts: Facts, board: model::NewBoard, meeting: model::Meeting) -> Option<DocumentId> {
    let root = facts.document_untracked(sync_core::documents::ROOT)?;
    let id = DocumentId::from_random_bytes(browser::random_bytes());
    let handle = open(id)?;
    let me = facts.me.get_untracked();
    let role = facts.role.get_untracked().unwrap_or(Role::Viewer);
    let now = browser::now_ms();
    let title = board.title.clone();
    let by = me.clone();
    handle.change_noted(Note::new("board", "board", &["created"]), move |tx| {
        if model::create(tx, &board, &me, now).is_ok() {
            model::set_meeting(tx, Actor { member: &me, role }, &meeting, "");
        }
    });
    let key = id.to_string();
    root.change(move |tx| {
        let _ = catalog::add(tx, &key, model::KIND, &title, &by, now);
    });
    Some(id)
}

/// Keeps the catalog's title in step with the board's.
pub fn retitle(facts: Facts, id: DocumentId, title: String) {
    if let Some(root) = facts.document_untracked(sync_core::documents::ROOT) {
        let key = id.to_string();
        root.change(move |tx| catalog::retitle(tx, &key, &title));
    }
}

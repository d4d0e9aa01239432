//! Every change the glossary's pages make, in one place: each one commit (or one batch) on the
//! glossary document, noted with the entry and the fields it touches ([`super::history::note`]).
//! Views call these from event handlers; none of them reads a tracked signal.

use leptos::prelude::*;
use sync_core::{documents::GLOSSARY, roles::Role};

use super::{
    history::{note, RESTORED},
    io::{self, Row},
    model::{self, EntryEdit, Status},
    review, use_glossary,
};
use crate::{
    browser::{self, now_ms},
    platform::facts::use_facts,
    sync::{text::Splice, DocHandle, Edit, Note},
};

fn glossary() -> Option<DocHandle> {
    use_facts().document_untracked(GLOSSARY)
}

fn me() -> String {
    use_facts().me.get_untracked()
}

/// Every entry as the document has it, once it has loaded (`None` before: the list may still
/// be the cached view, or half read). Export and the duplicate checks read this, not the view.
pub fn document_entries() -> Option<Vec<model::Entry>> {
    glossary()
        .filter(DocHandle::is_ready)
        .map(|handle| handle.read(model::all_entries))
}

/// The entries to check new terms against: the document's if loaded, else what is shown.
pub fn known_entries() -> Vec<model::Entry> {
    document_entries().unwrap_or_else(|| use_glossary().all_untracked())
}

/// Creates an entry from `row` (proposed) and returns its id.
pub fn create(row: &Row) -> Option<String> {
    let handle = glossary()?;
    let id = model::new_entry_id(&browser::random_hex(8));
    let edit = row.edit();
    let me = me();
    let created = id.clone();
    handle.change_noted(note(&id, &["created"]), move |tx| {
        model::create_entry(tx, &created, &edit, Status::Proposed, &me, now_ms());
    });
    Some(id)
}

/// Creates one entry per new row and applies each update, in one batch (one device write, one
/// message). Admins keep the new rows' statuses; anyone else's are proposals. An update never
/// changes a status (that is review's: see [`io::Verdict::Update`]).
fn import(rows: Vec<Row>, updates: Vec<(String, EntryEdit)>, keep_status: bool) {
    let Some(handle) = glossary() else {
        return;
    };
    let me = me();
    let now = now_ms();
    let mut edits: Vec<(Option<Note>, Edit)> = rows
        .into_iter()
        .map(|row| {
            let id = model::new_entry_id(&browser::random_hex(8));
            let edit = row.edit();
            let status = if keep_status {
                row.status
            } else {
                Status::Proposed
            };
            let me = me.clone();
            let noted = note(&id, &["created"]);
            let boxed: Edit = Box::new(move |tx| {
                model::create_entry(tx, &id, &edit, status, &me, now);
            });
            (Some(noted), boxed)
        })
        .collect();
    edits.extend(updates.into_iter().map(|(id, edit)| {
        let me = me.clone();
        let noted = note(&id, &edit.fields());
        let boxed: Edit = Box::new(move |tx| model::apply_edit(tx, &id, &edit, &me, now));
        (Some(noted), boxed)
    }));
    handle.change_many(edits);
}

/// What an import did, as the member is told: entries added, entries updated, and rows skipped
/// (already in the glossary and not updated, repeated in the file, or with an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Entries added.
    pub added: usize,
    /// Entries updated.
    pub updated: usize,
    /// Rows not imported.
    pub skipped: usize,
}

/// Imports the rows of `records` that pass the checks against the document itself (not the
/// cached view, which may be empty or old), keeping their statuses when `keep_status`, and
/// applying the updates of entries already there when `update`.
/// `None` while the document has not loaded: nothing is imported then, so nothing is doubled.
pub fn import_checked(
    records: &[io::Record],
    keep_status: bool,
    approve: bool,
    update: bool,
) -> Option<ImportOutcome> {
    let existing = document_entries()?;
    let mut rows = Vec::new();
    let mut updates = Vec::new();
    for checked in io::check(records, &existing) {
        match checked.verdict {
            io::Verdict::New if approve => rows.push(Row {
                status: Status::Approved,
                ..checked.row
            }),
            io::Verdict::New => rows.push(checked.row),
            io::Verdict::Update { id, changes } if update => {
                updates.push((id, io::update_edit(&checked.row, &changes)));
            }
            _ => {}
        }
    }
    let outcome = ImportOutcome {
        added: rows.len(),
        updated: updates.len(),
        skipped: records.len() - rows.len() - updates.len(),
    };
    import(rows, updates, keep_status);
    Some(outcome)
}

/// Starts the glossary from the customer's 40 starter terms, approved (admins; one action).
/// Terms already in the glossary are skipped, and said to be.
pub fn load_starter() -> Option<ImportOutcome> {
    import_checked(&io::starter_records(), true, true, false)
}

/// Saves an edit of entry `id`'s fields (scalars, lists, whole texts, related).
pub fn save(id: &str, edit: EntryEdit) {
    let Some(handle) = glossary() else {
        return;
    };
    let id = id.to_string();
    let me = me();
    handle.change_noted(note(&id, &edit.fields()), move |tx| {
        model::apply_edit(tx, &id, &edit, &me, now_ms())
    });
}

/// Restores an earlier version of entry `id` with `edit` ([`crate::glossary::history::restore_edit`]):
/// a change like any other, noted as a restore so its history item stands on its own.
pub fn restore(id: &str, edit: EntryEdit) {
    let Some(handle) = glossary() else {
        return;
    };
    let id = id.to_string();
    let me = me();
    let mut fields = vec![RESTORED];
    fields.extend(edit.fields());
    handle.change_noted(note(&id, &fields), move |tx| {
        model::apply_edit(tx, &id, &edit, &me, now_ms())
    });
}

/// Applies one keystroke's splice to text `field` of entry `id`.
pub fn splice(id: &str, field: &'static str, splice: Splice) {
    let Some(handle) = glossary() else {
        return;
    };
    let id = id.to_string();
    let me = me();
    handle.change_noted(note(&id, &[field]), move |tx| {
        model::splice_field(tx, &id, field, &splice, &me, now_ms());
    });
}

/// Moves entry `id` to `to` (for a deprecation, `replaced_by` names the entry to use instead),
/// if this member's role may.
pub fn move_to(id: &str, to: Status, replaced_by: String) {
    let (Some(handle), Some(role)) = (glossary(), use_facts().role.get_untracked()) else {
        return;
    };
    if role == Role::Viewer {
        return;
    }
    let id = id.to_string();
    let me = me();
    handle.change_noted(note(&id, &["status"]), move |tx| {
        let _ = review::set_status(tx, &id, role, to, &replaced_by, &me, now_ms());
    });
}

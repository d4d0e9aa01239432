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

/// Creates one entry per row, in one batch (one device write, one message). Admins keep the
/// rows' statuses; anyone else's imports are proposals.
fn import(rows: Vec<Row>, keep_status: bool) {
    let Some(handle) = glossary() else {
        return;
    };
    let me = me();
    let now = now_ms();
    let edits: Vec<(Option<Note>, Edit)> = rows
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
    handle.change_many(edits);
}

/// What an import did, as the member is told: entries added, and rows skipped (already in the
/// glossary, repeated in the file, or with an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Entries added.
    pub added: usize,
    /// Rows not imported.
    pub skipped: usize,
}

/// Imports the rows of `records` that pass the checks against the document itself (not the
/// cached view, which may be empty or old), keeping their statuses when `keep_status`.
/// `None` while the document has not loaded: nothing is imported then, so nothing is doubled.
pub fn import_checked(
    records: &[io::Record],
    keep_status: bool,
    approve: bool,
) -> Option<ImportOutcome> {
    let existing = document_entries()?;
    let checked = io::check(records, &existing);
    let skipped = checked.iter().filter(|c| c.result.is_err()).count();
    let rows: Vec<Row> = checked
        .into_iter()
        .filter_map(|c| c.result.ok())
        .map(|row| {
            if approve {
                Row {
                    status: Status::Approved,
                    ..row
                }
            } else {
                row
            }
        })
        .collect();
    let added = rows.len();
    import(rows, keep_status);
    Some(ImportOutcome { added, skipped })
}

/// Starts the glossary from the customer's 40 starter terms, approved (admins; one action).
/// Terms already in the glossary are skipped, and said to be.
pub fn load_starter() -> Option<ImportOutcome> {
    import_checked(&io::starter_records(), true, true)
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

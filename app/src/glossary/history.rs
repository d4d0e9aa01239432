//! Each entry's history: who changed which fields, and when, read from the commit notes
//! ([`crate::sync::write::Note`]) without diffing the document; a member's run of edits to the
//! same fields is one item ([`extend`]); what an item changed ([`changes`]) and the edit that
//! restores a version ([`restore_edit`]).

use automerge::{Automerge, ChangeHash};

use super::model::{Entry, EntryEdit, LIST_FIELDS, SCALAR_FIELDS, TEXT_FIELDS};
use crate::{
    platform::diff::{diff_words, Piece},
    sync::write::Note,
};

/// A member's edits to the same fields less than this apart are one history item. Why: typing
/// is one change per keystroke (each is saved and shared at once), and a person thinks of a
/// sentence typed as one edit; two minutes of quiet ends it, so coming back later is a new item.
pub const GROUP_GAP_SECONDS: i64 = 120;

/// The note's field that says a change restored an earlier version.
pub const RESTORED: &str = "restored";

/// Fields whose changes are never grouped: each creation, status move and restore is its own item.
const UNGROUPED_FIELDS: [&str; 3] = ["created", "status", RESTORED];

/// The subject of every glossary note.
pub const SUBJECT: &str = "entry";

/// The note for a change to entry `id`'s `fields`.
pub fn note(id: &str, fields: &[&str]) -> Note {
    Note::new(SUBJECT, id, fields)
}

/// One item of an entry's history: one change, or a member's run of changes to the same fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryItem {
    /// The member who made it.
    pub member: String,
    /// When its last change was made (unix seconds, as Automerge records).
    pub time: i64,
    /// Which fields.
    pub fields: Vec<String>,
    /// The document as it was right after it (to show that version).
    pub heads: Vec<ChangeHash>,
    /// The document as it was right before its first change (what it changed is the difference).
    pub before: Vec<ChangeHash>,
    /// How many changes it stands for.
    pub changes: usize,
}

/// Entry `id`'s history, oldest first, runs of edits grouped.
pub fn history(doc: &Automerge, id: &str) -> Vec<HistoryItem> {
    let mut items = Vec::new();
    extend(&mut items, history_since(doc, id, &[]));
    items
}

/// Appends `more` (oldest first) to `items`, each change joining the item of the same member's
/// last edit when that edit touched the same fields less than [`GROUP_GAP_SECONDS`] earlier and
/// the member did nothing else in between — even if others edited meanwhile (two people typing
/// at once would otherwise alternate item by item). The item then ends at the later change.
pub fn extend(items: &mut Vec<HistoryItem>, more: Vec<HistoryItem>) {
    for change in more {
        let ungrouped = change
            .fields
            .iter()
            .any(|f| UNGROUPED_FIELDS.contains(&f.as_str()));
        let mine = items
            .iter_mut()
            .rev()
            .take_while(|item| change.time - item.time < GROUP_GAP_SECONDS)
            .find(|item| item.member == change.member);
        match mine {
            Some(item) if !ungrouped && item.fields == change.fields => {
                item.time = item.time.max(change.time);
                item.heads = change.heads;
                item.changes += change.changes;
            }
            _ => items.push(change),
        }
    }
}

/// What an item changed in one field: the field and its words kept, removed and added.
pub type FieldChange = (&'static str, Vec<Piece>);

/// What changed in the entry from `before` to `after`, field by field in reading order (text
/// fields word by word; lists and single values as their joined text). Unchanged fields are left
/// out.
pub fn changes(before: &Entry, after: &Entry) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for field in SCALAR_FIELDS.iter().chain(&LIST_FIELDS).chain(&TEXT_FIELDS) {
        let (old, new) = (field_text(before, field), field_text(after, field));
        if old != new {
            out.push((*field, diff_words(&old, &new)));
        }
    }
    out
}

/// The edit that makes `current` read as `version` again (an earlier version restored as a new
/// change, so nothing in between is lost from the history). `None` when they already agree.
pub fn restore_edit(current: &Entry, version: &Entry) -> Option<EntryEdit> {
    let mut edit = EntryEdit::default();
    for field in SCALAR_FIELDS {
        if field_text(current, field) != field_text(version, field) {
            edit.scalars.push((field, field_text(version, field)));
        }
    }
    for field in LIST_FIELDS {
        if list(current, field) != list(version, field) {
            edit.lists.push((field, list(version, field).to_vec()));
        }
    }
    for field in TEXT_FIELDS {
        if field_text(current, field) != field_text(version, field) {
            edit.texts.push((field, field_text(version, field)));
        }
    }
    if current.related != version.related {
        edit.related = Some(version.related.clone());
    }
    (!edit.fields().is_empty()).then_some(edit)
}

/// A list field of `entry` by name.
fn list<'a>(entry: &'a Entry, field: &str) -> &'a [String] {
    match field {
        "synonyms_he" => &entry.synonyms_he,
        "synonyms_en" => &entry.synonyms_en,
        "abbreviations_he" => &entry.abbreviations_he,
        "abbreviations_en" => &entry.abbreviations_en,
        _ => &[],
    }
}

/// Any field of `entry` by name, as text (lists joined as they are typed, with `; `).
fn field_text(entry: &Entry, field: &str) -> String {
    match field {
        "term_he" => entry.term_he.clone(),
        "term_en" => entry.term_en.clone(),
        "source" => entry.source.clone(),
        "source_url" => entry.source_url.clone(),
        "domain" => entry.domain.clone(),
        "replaced_by" => entry.replaced_by.clone(),
        "definition_he" => entry.definition_he.clone(),
        "definition_en" => entry.definition_en.clone(),
        "example" => entry.example.clone(),
        "notes" => entry.notes.clone(),
        other => list(entry, other).join("; "),
    }
}

/// The changes made to entry `id` that are not in the history of `since` (heads read earlier),
/// one item per change, oldest first: what to [`extend`] a history already shown with, instead
/// of rescanning every change of the glossary on each keystroke.
pub fn history_since(doc: &Automerge, id: &str, since: &[ChangeHash]) -> Vec<HistoryItem> {
    doc.get_changes_meta(since)
        .into_iter()
        .filter_map(|meta| {
            let (member, note) = Note::parse(meta.message.as_deref()?)?;
            (note.subject == SUBJECT && note.id == id).then(|| HistoryItem {
                member: member.to_string(),
                time: meta.timestamp,
                fields: note.fields,
                heads: vec![meta.hash],
                before: meta.deps,
                changes: 1,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::model::{
        apply_edit, create_entry, read_entry, testing::*, At, EntryEdit, Status,
    };
    use crate::sync::write::Note;

    #[test]
    fn history_names_who_changed_which_fields_and_each_version_reads_back() {
        let mut doc = fresh();
        let e = sample();
        let message =
            |member: &str, fields: &[&str]| Note::message(member, Some(&note("e-1", fields)));
        commit(&mut doc, &message("m-a", &e.fields()), |tx| {
            create_entry(tx, "e-1", &e, Status::Proposed, "m-a", 1000)
        });
        let first = doc.get_heads();
        let change = EntryEdit {
            texts: vec![("definition_he", "שינוי עומק בשירותים".into())],
            lists: vec![("synonyms_en", vec!["DX".into(), "Digitalisation".into()])],
            ..Default::default()
        };
        commit(&mut doc, &message("m-b", &change.fields()), |tx| {
            apply_edit(tx, "e-1", &change, "m-b", 2000)
        });
        // Another subject's note with the same id is not this entry's history.
        commit(&mut doc, "m-c\ncard:e-1 text", |tx| {
            let _ = automerge::transaction::Transactable::put(tx, automerge::ROOT, "other", 1);
        });
        let past = read_entry(&doc, "e-1", At(Some(&first))).unwrap();
        assert_eq!(past.definition_he, "שינוי עומק", "the earlier version");
        let log = history(&doc, "e-1");
        assert_eq!(log.len(), 2);
        assert_eq!(log[1].member, "m-b");
        assert_eq!(log[1].fields, vec!["synonyms_en", "definition_he"]);
        assert_eq!(log[0].heads, first);
        assert!(history(&doc, "e-2").is_empty());
        // Appending from heads read earlier gives only what came since.
        let since = history_since(&doc, "e-1", &first);
        assert_eq!(since, log[1..].to_vec());
        assert!(history_since(&doc, "e-1", &doc.get_heads()).is_empty());
    }

    fn change(member: &str, time: i64, fields: &[&str], n: u8) -> HistoryItem {
        HistoryItem {
            member: member.into(),
            time,
            fields: fields.iter().map(|f| f.to_string()).collect(),
            heads: vec![ChangeHash([n; 32])],
            before: vec![ChangeHash([n.wrapping_sub(1); 32])],
            changes: 1,
        }
    }

    #[test]
    fn typing_is_one_item_until_a_pause_another_field_or_another_kind_of_change() {
        let mut items = Vec::new();
        extend(&mut items, vec![change("m-a", 1000, &["created"], 1)]);
        // Fourteen keystrokes in a second each, with the other member typing in between.
        let mut typed: Vec<HistoryItem> = (0..14)
            .map(|k| change("m-a", 1001 + k, &["definition_he"], 10 + k as u8))
            .collect();
        typed.insert(5, change("m-b", 1004, &["definition_en"], 90));
        extend(&mut items, typed);
        assert_eq!(items.len(), 3, "created, m-a's typing, m-b's: {items:?}");
        assert_eq!(items[1].changes, 14);
        assert_eq!(items[1].time, 1014);
        assert_eq!(
            items[1].heads,
            vec![ChangeHash([23; 32])],
            "ends at the last keystroke"
        );
        assert_eq!(
            items[1].before,
            vec![ChangeHash([9; 32])],
            "starts before the first"
        );
        // Extended later, one keystroke at a time (as the page does): still the same item.
        extend(
            &mut items,
            vec![change("m-a", 1015, &["definition_he"], 30)],
        );
        assert_eq!((items.len(), items[1].changes), (3, 15));
        // After a pause, in another field, or after doing something else: new items.
        extend(
            &mut items,
            vec![change(
                "m-a",
                1015 + GROUP_GAP_SECONDS,
                &["definition_he"],
                31,
            )],
        );
        extend(&mut items, vec![change("m-a", 1200, &["term_en"], 32)]);
        extend(
            &mut items,
            vec![change("m-a", 1201, &["definition_he"], 33)],
        );
        extend(&mut items, vec![change("m-a", 1202, &["status"], 34)]);
        extend(&mut items, vec![change("m-a", 1203, &["status"], 35)]);
        assert_eq!(items.len(), 8, "{items:?}");
    }

    #[test]
    fn what_changed_reads_field_by_field_and_a_version_restores_exactly() {
        let mut doc = fresh();
        commit(&mut doc, "m-a", |tx| {
            create_entry(tx, "e-1", &sample(), Status::Proposed, "m-a", 1)
        });
        let old = read_entry(&doc, "e-1", At(None)).unwrap();
        let mut new = old.clone();
        new.definition_he = format!("{} ויסודי", old.definition_he);
        new.synonyms_en.push("DX-2".into());
        new.related = vec!["e-9".into()];
        let what = changes(&old, &new);
        let fields: Vec<&str> = what.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["synonyms_en", "definition_he"]);
        assert!(
            what[1].1.contains(&Piece::Added(" ויסודי".into())),
            "{:?}",
            what[1]
        );
        assert!(changes(&new, &new).is_empty());
        assert_eq!(
            restore_edit(&new, &old).expect("they differ").fields(),
            vec!["synonyms_en", "definition_he", "related"]
        );

        // Restoring `new` onto the document as it is makes it read as `new` again.
        let restore = restore_edit(&old, &new).unwrap();
        commit(&mut doc, "m-b", |tx| {
            apply_edit(tx, "e-1", &restore, "m-b", 2)
        });
        let back = read_entry(&doc, "e-1", At(None)).unwrap();
        assert!(
            changes(&back, &new).is_empty(),
            "{:?}",
            changes(&back, &new)
        );
        assert_eq!(back.related, new.related);
        assert!(restore_edit(&back, &new).is_none());
    }
}

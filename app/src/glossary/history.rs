//! Each entry's history: who changed which fields, and when, read from the commit notes
//! ([`crate::sync::write::Note`]) without diffing the document.

use automerge::{Automerge, ChangeHash};

use crate::sync::write::Note;

/// The subject of every glossary note.
pub const SUBJECT: &str = "entry";

/// The note for a change to entry `id`'s `fields`.
pub fn note(id: &str, fields: &[&str]) -> Note {
    Note::new(SUBJECT, id, fields)
}

/// A change in an entry's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryItem {
    /// The member who made it.
    pub member: String,
    /// When (unix seconds, as Automerge records).
    pub time: i64,
    /// Which fields.
    pub fields: Vec<String>,
    /// The document as it was right after it (to show that version).
    pub heads: Vec<ChangeHash>,
}

/// The changes made to entry `id`, oldest first.
pub fn history(doc: &Automerge, id: &str) -> Vec<HistoryItem> {
    history_since(doc, id, &[])
}

/// The changes made to entry `id` that are not in the history of `since` (heads read earlier),
/// oldest first: what to append to a history already shown, instead of rescanning every change
/// of the glossary on each keystroke.
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
}

//! The glossary document (one per community): its schema, reading entries (now or at an earlier
//! version), and writing them field by field so concurrent edits merge (with
//! [`crate::sync::write`]). The review workflow is in [`super::review`], each entry's history in
//! [`super::history`]. Pure Automerge; tested natively.
//!
//! Schema version 1:
//! ```text
//! { schema: 1,
//!   entries: { <entryId>: {
//!     term_he, term_en: str,                         // preferred terms
//!     synonyms_he, synonyms_en, abbreviations_he, abbreviations_en: [str],
//!     definition_he, definition_en, example, notes: Text,   // co-edited prose
//!     source, source_url, domain: str,
//!     status: "proposed" | "review" | "approved" | "deprecated", replaced_by: str (entry id),
//!     related: { <entryId>: true },
//!     created_by, updated_by: str (member ids), created_at, updated_at: timestamp } } }
//! ```
//! Every change to an entry is committed with the note `entry:<id> <fields>` (see
//! [`super::history::note`]), which is how history finds who changed what, and when.

use automerge::{
    transaction::{Transactable, Transaction},
    Automerge, ObjId, ObjType, ROOT,
};

use crate::sync::{text::Splice, write};

/// The glossary document's schema version.
pub const SCHEMA_VERSION: u64 = 1;

/// The glossary's first change, identical on every device.
pub fn skeleton() -> Vec<u8> {
    sync_core::schema::initial_change("glossary", SCHEMA_VERSION, |tx| {
        let _ = tx.put_object(ROOT, "entries", ObjType::Map);
    })
}

/// Where an entry is in the review workflow.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Status {
    /// Suggested by a member.
    #[default]
    Proposed,
    /// Submitted for an admin's review.
    Review,
    /// The community's agreed term.
    Approved,
    /// No longer to be used (see `replaced_by`).
    Deprecated,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 4] = [
        Status::Proposed,
        Status::Review,
        Status::Approved,
        Status::Deprecated,
    ];

    /// Stored name (also in CSV/JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Review => "review",
            Status::Approved => "approved",
            Status::Deprecated => "deprecated",
        }
    }

    /// Parses a stored or imported name (a few spellings people type are accepted).
    pub fn parse(text: &str) -> Option<Status> {
        match text.trim().to_lowercase().as_str() {
            "proposed" | "proposal" | "מוצע" => Some(Status::Proposed),
            "review" | "in review" | "in-review" | "בבדיקה" => Some(Status::Review),
            "approved" | "מאושר" => Some(Status::Approved),
            "deprecated" | "מיושן" => Some(Status::Deprecated),
            _ => None,
        }
    }
}

/// One glossary entry, as read.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// Stable id (the deep link).
    pub id: String,
    /// Preferred Hebrew term.
    pub term_he: String,
    /// Preferred English term.
    pub term_en: String,
    /// Hebrew synonyms and variants.
    pub synonyms_he: Vec<String>,
    /// English synonyms and variants.
    pub synonyms_en: Vec<String>,
    /// Hebrew abbreviations.
    pub abbreviations_he: Vec<String>,
    /// English abbreviations.
    pub abbreviations_en: Vec<String>,
    /// Hebrew definition.
    pub definition_he: String,
    /// English definition.
    pub definition_en: String,
    /// Usage example.
    pub example: String,
    /// Source or reference, as text.
    pub source: String,
    /// Its link, if any.
    pub source_url: String,
    /// Domain or professional cluster.
    pub domain: String,
    /// Workflow status.
    pub status: Option<Status>,
    /// For a deprecated entry: the entry to use instead.
    pub replaced_by: String,
    /// Related entries' ids.
    pub related: Vec<String>,
    /// Notes.
    pub notes: String,
    /// Who created it (member id) and when (unix ms).
    pub created_by: String,
    /// When it was created.
    pub created_at: i64,
    /// Who changed it last, and when.
    pub updated_by: String,
    /// When it was changed last.
    pub updated_at: i64,
}

impl Entry {
    /// The entry's status (proposed when missing).
    pub fn status(&self) -> Status {
        self.status.unwrap_or(Status::Proposed)
    }

    /// The title with its language: whether it is the Hebrew term (a Hebrew term reads right to
    /// left even when it starts with Latin letters or digits: "API 2.0 של משרד הבריאות").
    pub fn title_is_hebrew(&self, hebrew_first: bool) -> bool {
        let has = |term: &str| !term.trim().is_empty();
        if hebrew_first {
            has(&self.term_he)
        } else {
            !has(&self.term_en) && has(&self.term_he)
        }
    }

    /// The title to show in `lang` ("he" or "en"), falling back to the other language.
    pub fn title(&self, hebrew_first: bool) -> &str {
        let (first, second) = if hebrew_first {
            (&self.term_he, &self.term_en)
        } else {
            (&self.term_en, &self.term_he)
        };
        if first.trim().is_empty() {
            second
        } else {
            first
        }
    }
}

/// The text fields that merge character by character.
pub const TEXT_FIELDS: [&str; 4] = ["definition_he", "definition_en", "example", "notes"];
/// The list fields (merged as sets of values).
pub const LIST_FIELDS: [&str; 4] = [
    "synonyms_he",
    "synonyms_en",
    "abbreviations_he",
    "abbreviations_en",
];
/// The single-value fields.
pub const SCALAR_FIELDS: [&str; 6] = [
    "term_he",
    "term_en",
    "source",
    "source_url",
    "domain",
    "replaced_by",
];

pub use crate::sync::read::At;

fn entries_map(doc: &Automerge, at: At<'_>) -> Option<ObjId> {
    at.object(doc, &ROOT, "entries")
}

/// Reads entry `id` (now, or at `at`).
pub fn read_entry(doc: &Automerge, id: &str, at: At<'_>) -> Option<Entry> {
    let entries = entries_map(doc, at)?;
    let obj = at.object(doc, &entries, id)?;
    let related = at
        .object(doc, &obj, "related")
        .map(|r| at.keys(doc, &r))
        .unwrap_or_default();
    Some(Entry {
        id: id.to_string(),
        term_he: at.scalar_text(doc, &obj, "term_he"),
        term_en: at.scalar_text(doc, &obj, "term_en"),
        synonyms_he: at.list(doc, &obj, "synonyms_he"),
        synonyms_en: at.list(doc, &obj, "synonyms_en"),
        abbreviations_he: at.list(doc, &obj, "abbreviations_he"),
        abbreviations_en: at.list(doc, &obj, "abbreviations_en"),
        definition_he: at.text(doc, &obj, "definition_he"),
        definition_en: at.text(doc, &obj, "definition_en"),
        example: at.text(doc, &obj, "example"),
        source: at.scalar_text(doc, &obj, "source"),
        source_url: at.scalar_text(doc, &obj, "source_url"),
        domain: at.scalar_text(doc, &obj, "domain"),
        status: Status::parse(&at.scalar_text(doc, &obj, "status")),
        replaced_by: at.scalar_text(doc, &obj, "replaced_by"),
        related,
        notes: at.text(doc, &obj, "notes"),
        created_by: at.scalar_text(doc, &obj, "created_by"),
        created_at: at.int(doc, &obj, "created_at"),
        updated_by: at.scalar_text(doc, &obj, "updated_by"),
        updated_at: at.int(doc, &obj, "updated_at"),
    })
}

/// Every entry's id, in no particular order.
pub fn entry_ids(doc: &Automerge) -> Vec<String> {
    let now = At(None);
    entries_map(doc, now)
        .map(|entries| now.keys(doc, &entries))
        .unwrap_or_default()
}

/// Every entry, in no particular order.
pub fn all_entries(doc: &Automerge) -> Vec<Entry> {
    entry_ids(doc)
        .into_iter()
        .filter_map(|id| read_entry(doc, &id, At(None)))
        .collect()
}

/// Entry `id`'s object, if it exists.
pub(super) fn entry_obj(tx: &Transaction<'_>, id: &str) -> Option<ObjId> {
    let entries = write::existing(tx, &ROOT, "entries")?;
    write::existing(tx, &entries, id)
}

/// What a new entry or an edit sets. `None` fields are left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryEdit {
    /// Single-value fields by name ([`SCALAR_FIELDS`]).
    pub scalars: Vec<(&'static str, String)>,
    /// List fields by name ([`LIST_FIELDS`]).
    pub lists: Vec<(&'static str, Vec<String>)>,
    /// Text fields by name ([`TEXT_FIELDS`]), as their whole new value.
    pub texts: Vec<(&'static str, String)>,
    /// Related entries (the whole new set), if changed.
    pub related: Option<Vec<String>>,
}

impl EntryEdit {
    /// The names of the fields this edit touches (for the commit note).
    pub fn fields(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self
            .scalars
            .iter()
            .map(|(f, _)| *f)
            .chain(self.lists.iter().map(|(f, _)| *f))
            .chain(self.texts.iter().map(|(f, _)| *f))
            .collect();
        if self.related.is_some() {
            out.push("related");
        }
        out
    }
}

/// Creates entry `id` (status proposed unless `status` says otherwise) with `edit`'s fields.
pub fn create_entry(
    tx: &mut Transaction<'_>,
    id: &str,
    edit: &EntryEdit,
    status: Status,
    member: &str,
    now_ms: i64,
) {
    let Some(entries) = write::existing(tx, &ROOT, "entries") else {
        return;
    };
    let Ok(obj) = tx.put_object(&entries, id, ObjType::Map) else {
        return;
    };
    for field in TEXT_FIELDS {
        let _ = tx.put_object(&obj, field, ObjType::Text);
    }
    for field in LIST_FIELDS {
        let _ = tx.put_object(&obj, field, ObjType::List);
    }
    let _ = tx.put_object(&obj, "related", ObjType::Map);
    let _ = tx.put(&obj, "status", status.as_str());
    let _ = tx.put(&obj, "created_by", member);
    write::set_time(tx, &obj, "created_at", now_ms);
    apply_edit(tx, id, edit, member, now_ms);
}

/// Applies `edit` to entry `id`: scalars are set, lists gain and lose items (so two members
/// adding different synonyms keep both), texts are spliced (so concurrent edits to a definition
/// merge character by character).
pub fn apply_edit(tx: &mut Transaction<'_>, id: &str, edit: &EntryEdit, member: &str, now_ms: i64) {
    let Some(obj) = entry_obj(tx, id) else {
        return;
    };
    for (field, value) in &edit.scalars {
        write::set(tx, &obj, field, value);
    }
    for (field, wanted) in &edit.lists {
        write::set_list(tx, &obj, field, wanted);
    }
    for (field, value) in &edit.texts {
        write::set_text(tx, &obj, field, value);
    }
    if let Some(related) = &edit.related {
        let others: Vec<String> = related.iter().filter(|r| *r != id).cloned().collect();
        write::set_keys(tx, &obj, "related", &others);
    }
    touch(tx, &obj, member, now_ms);
}

/// Applies one splice to a text field of entry `id` (typing in a definition).
pub fn splice_field(
    tx: &mut Transaction<'_>,
    id: &str,
    field: &str,
    splice: &Splice,
    member: &str,
    now_ms: i64,
) {
    let Some(obj) = entry_obj(tx, id) else {
        return;
    };
    write::splice(tx, &obj, field, splice);
    touch(tx, &obj, member, now_ms);
}

/// Marks entry `obj` as changed by `member` now.
pub(super) fn touch(tx: &mut Transaction<'_>, obj: &ObjId, member: &str, now_ms: i64) {
    let _ = tx.put(obj, "updated_by", member);
    write::set_time(tx, obj, "updated_at", now_ms);
}

/// Splits a typed list ("a; b, c") into its items.
pub fn split_list(typed: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in typed.split([';', ',', '\n', '،']) {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A fresh entry id.
pub fn new_entry_id(random_hex: &str) -> String {
    format!("e-{random_hex}")
}

/// Documents and commits for the glossary's native tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// An entry with just an id and its two terms.
    pub(crate) fn entry(id: &str, he: &str, en: &str) -> Entry {
        Entry {
            id: id.into(),
            term_he: he.into(),
            term_en: en.into(),
            ..Default::default()
        }
    }

    /// A glossary document with its skeleton.
    pub(crate) fn fresh() -> Automerge {
        let mut doc = Automerge::new();
        doc.apply_changes([automerge::Change::from_bytes(skeleton()).unwrap()])
            .unwrap();
        doc
    }

    /// A new entry's fields.
    pub(crate) fn sample() -> EntryEdit {
        EntryEdit {
            scalars: vec![
                ("term_he", "טרנספורמציה דיגיטלית".into()),
                ("term_en", "Digital transformation".into()),
                ("domain", "strategy".into()),
            ],
            lists: vec![("synonyms_en", vec!["DX".into()])],
            texts: vec![("definition_he", "שינוי עומק".into())],
            related: None,
        }
    }

    /// Commits `f` with `message`, as the sync engine would.
    pub(crate) fn commit(doc: &mut Automerge, message: &str, f: impl FnOnce(&mut Transaction<'_>)) {
        let message = message.to_string();
        doc.transact_with::<_, _, automerge::AutomergeError, _>(
            |_| {
                automerge::transaction::CommitOptions::default()
                    .with_message(message)
                    .with_time(7)
            },
            |tx| {
                f(tx);
                Ok(())
            },
        )
        .unwrap();
    }
}

#[cfg(test)]
mod tests;

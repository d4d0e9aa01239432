//! The glossary document (one per community, DESIGN.md §3): its schema, reading entries (now or
//! at an earlier version), writing them field by field so concurrent edits merge, the review
//! workflow, and each entry's history. Pure Automerge; tested natively.
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
//! Every change to an entry is committed with the message `entry:<id> <fields>` (after the
//! member id), which is how [`history`] finds who changed what, and when, without diffing the
//! whole document.

use automerge::{
    transaction::{Transactable, Transaction},
    Automerge, ChangeHash, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT,
};

use crate::sync::text::{splice_between, Splice};
use sync_core::roles::Role;

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

/// May a member with `role` move an entry from `from` to `to`? Members propose and submit for
/// review; admins approve, reject (back to proposed), reopen, deprecate and restore; viewers
/// change nothing.
pub fn can_transition(role: Role, from: Status, to: Status) -> bool {
    use Status::*;
    match role {
        Role::Viewer => false,
        Role::Member => matches!((from, to), (Proposed, Review) | (Review, Proposed)),
        Role::Admin => from != to,
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

/// Every entry, in no particular order.
pub fn all_entries(doc: &Automerge) -> Vec<Entry> {
    let now = At(None);
    let Some(entries) = entries_map(doc, now) else {
        return Vec::new();
    };
    now.keys(doc, &entries)
        .into_iter()
        .filter_map(|id| read_entry(doc, &id, now))
        .collect()
}

/// The commit note for a change to entry `id`'s `fields` (see [`history`]).
pub fn change_note(id: &str, fields: &[&str]) -> String {
    format!("entry:{id} {}", fields.join(","))
}

/// Who made the change, and what it was about: `(member, entry id, fields)` from a commit
/// message `<member>\n<note>`.
pub fn parse_message(message: &str) -> Option<(&str, &str, Vec<&str>)> {
    let (member, note) = message.split_once('\n')?;
    let rest = note.strip_prefix("entry:")?;
    let (id, fields) = rest.split_once(' ').unwrap_or((rest, ""));
    Some((
        member,
        id,
        fields.split(',').filter(|f| !f.is_empty()).collect(),
    ))
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
            let message = meta.message.as_deref()?;
            let (member, entry, fields) = parse_message(message)?;
            (entry == id).then(|| HistoryItem {
                member: member.to_string(),
                time: meta.timestamp,
                fields: fields.into_iter().map(str::to_string).collect(),
                heads: vec![meta.hash],
            })
        })
        .collect()
}

fn entry_obj(tx: &mut Transaction<'_>, id: &str) -> Option<ObjId> {
    let entries = match tx.get(ROOT, "entries").ok().flatten() {
        Some((Value::Object(_), obj)) => obj,
        _ => return None,
    };
    match tx.get(&entries, id).ok().flatten() {
        Some((Value::Object(_), obj)) => Some(obj),
        _ => None,
    }
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
    let entries = match tx.get(ROOT, "entries").ok().flatten() {
        Some((Value::Object(_), obj)) => obj,
        _ => return,
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
    let _ = tx.put(&obj, "created_at", ScalarValue::Timestamp(now_ms));
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
        let current = At(None).scalar_text(tx, &obj, field);
        if current != *value {
            let _ = tx.put(&obj, *field, value.as_str());
        }
    }
    for (field, wanted) in &edit.lists {
        let list = match tx.get(&obj, *field).ok().flatten() {
            Some((Value::Object(_), list)) => list,
            _ => match tx.put_object(&obj, *field, ObjType::List) {
                Ok(list) => list,
                Err(_) => continue,
            },
        };
        // Remove what is no longer wanted (from the end, so indices stay valid) …
        let mut present: Vec<String> = Vec::new();
        for i in (0..tx.length(&list)).rev() {
            let value = match tx.get(&list, i).ok().flatten() {
                Some((Value::Scalar(s), _)) => match s.as_ref() {
                    ScalarValue::Str(t) => Some(t.to_string()),
                    _ => None,
                },
                _ => None,
            };
            match value {
                Some(v) if wanted.contains(&v) && !present.contains(&v) => present.push(v),
                _ => {
                    let _ = tx.delete(&list, i);
                }
            }
        }
        // … and append what is new.
        for value in wanted {
            if !present.contains(value) {
                let end = tx.length(&list);
                let _ = tx.insert(&list, end, value.as_str());
                present.push(value.clone());
            }
        }
    }
    for (field, value) in &edit.texts {
        let text = match tx.get(&obj, *field).ok().flatten() {
            Some((Value::Object(_), text)) => text,
            _ => match tx.put_object(&obj, *field, ObjType::Text) {
                Ok(text) => text,
                Err(_) => continue,
            },
        };
        let current = tx.text(&text).unwrap_or_default();
        if let Some(splice) = splice_between(&current, value, None) {
            splice_text(tx, &text, &splice);
        }
    }
    if let Some(related) = &edit.related {
        let map = match tx.get(&obj, "related").ok().flatten() {
            Some((Value::Object(_), map)) => map,
            _ => match tx.put_object(&obj, "related", ObjType::Map) {
                Ok(map) => map,
                Err(_) => return,
            },
        };
        let existing: Vec<String> = tx.keys(&map).collect();
        for key in existing.iter().filter(|k| !related.contains(k)) {
            let _ = tx.delete(&map, key.as_str());
        }
        for key in related
            .iter()
            .filter(|k| !existing.contains(k) && k.as_str() != id)
        {
            let _ = tx.put(&map, key.as_str(), true);
        }
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
    let text = match tx.get(&obj, field).ok().flatten() {
        Some((Value::Object(_), text)) => text,
        _ => match tx.put_object(&obj, field, ObjType::Text) {
            Ok(text) => text,
            Err(_) => return,
        },
    };
    splice_text(tx, &text, splice);
    touch(tx, &obj, member, now_ms);
}

fn splice_text(tx: &mut Transaction<'_>, text: &ObjId, splice: &Splice) {
    let _ = tx.splice_text(text, splice.start, splice.delete as isize, &splice.insert);
}

fn touch(tx: &mut Transaction<'_>, obj: &ObjId, member: &str, now_ms: i64) {
    let _ = tx.put(obj, "updated_by", member);
    let _ = tx.put(obj, "updated_at", ScalarValue::Timestamp(now_ms));
}

/// Why a status change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// The role may not make this move.
    NotAllowed,
    /// No such entry.
    NoEntry,
}

/// Moves entry `id` to `to` if `role` allows it; for a deprecation, `replaced_by` names the
/// entry to use instead (empty for none).
///
/// # Errors
/// [`TransitionError`] when the role may not, or the entry does not exist.
pub fn set_status(
    tx: &mut Transaction<'_>,
    id: &str,
    role: Role,
    to: Status,
    replaced_by: &str,
    member: &str,
    now_ms: i64,
) -> Result<(), TransitionError> {
    let obj = entry_obj(tx, id).ok_or(TransitionError::NoEntry)?;
    let from = Status::parse(&At(None).scalar_text(tx, &obj, "status")).unwrap_or(Status::Proposed);
    if !can_transition(role, from, to) {
        return Err(TransitionError::NotAllowed);
    }
    let _ = tx.put(&obj, "status", to.as_str());
    let replacement = if to == Status::Deprecated {
        replaced_by
    } else {
        ""
    };
    let _ = tx.put(&obj, "replaced_by", replacement);
    touch(tx, &obj, member, now_ms);
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn fresh() -> Automerge {
        let mut doc = Automerge::new();
        doc.apply_changes([automerge::Change::from_bytes(skeleton()).unwrap()])
            .unwrap();
        doc
    }

    fn edit() -> EntryEdit {
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

    fn commit(doc: &mut Automerge, member: &str, note: &str, f: impl FnOnce(&mut Transaction<'_>)) {
        let message = format!("{member}\n{note}");
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

    #[test]
    fn an_entry_round_trips_and_keeps_its_history() {
        let mut doc = fresh();
        let e = edit();
        commit(&mut doc, "m-a", &change_note("e-1", &e.fields()), |tx| {
            create_entry(tx, "e-1", &e, Status::Proposed, "m-a", 1000)
        });
        let first = doc.get_heads();
        let change = EntryEdit {
            texts: vec![("definition_he", "שינוי עומק בשירותים".into())],
            lists: vec![("synonyms_en", vec!["DX".into(), "Digitalisation".into()])],
            ..Default::default()
        };
        commit(
            &mut doc,
            "m-b",
            &change_note("e-1", &change.fields()),
            |tx| apply_edit(tx, "e-1", &change, "m-b", 2000),
        );
        let entry = read_entry(&doc, "e-1", At(None)).unwrap();
        assert_eq!(entry.term_en, "Digital transformation");
        assert_eq!(entry.definition_he, "שינוי עומק בשירותים");
        assert_eq!(entry.synonyms_en, vec!["DX", "Digitalisation"]);
        assert_eq!(
            (entry.created_by.as_str(), entry.updated_by.as_str()),
            ("m-a", "m-b")
        );
        assert_eq!(entry.status(), Status::Proposed);

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

    #[test]
    fn concurrent_edits_to_one_definition_and_its_synonyms_merge() {
        let mut a = fresh();
        let e = edit();
        commit(&mut a, "m-a", "entry:e-1 all", |tx| {
            create_entry(tx, "e-1", &e, Status::Proposed, "m-a", 1)
        });
        let mut b = a.fork();
        let for_a = EntryEdit {
            texts: vec![("definition_he", "שינוי עומק ממשלתי".into())],
            lists: vec![("synonyms_en", vec!["DX".into(), "Digitalisation".into()])],
            ..Default::default()
        };
        let for_b = EntryEdit {
            texts: vec![("definition_he", "(הגדרה) שינוי עומק".into())],
            lists: vec![("synonyms_en", vec!["DX".into(), "DT".into()])],
            ..Default::default()
        };
        commit(&mut a, "m-a", "entry:e-1 definition_he", |tx| {
            apply_edit(tx, "e-1", &for_a, "m-a", 2)
        });
        commit(&mut b, "m-b", "entry:e-1 definition_he", |tx| {
            apply_edit(tx, "e-1", &for_b, "m-b", 2)
        });
        a.merge(&mut b).unwrap();
        let merged = read_entry(&a, "e-1", At(None)).unwrap();
        assert_eq!(merged.definition_he, "(הגדרה) שינוי עומק ממשלתי");
        let mut synonyms = merged.synonyms_en.clone();
        synonyms.sort();
        assert_eq!(synonyms, vec!["DT", "DX", "Digitalisation"]);
    }

    #[test]
    fn status_moves_follow_the_role() {
        use Status::*;
        let table = [
            (Role::Viewer, Proposed, Review, false),
            (Role::Member, Proposed, Review, true),
            (Role::Member, Review, Proposed, true),
            (Role::Member, Review, Approved, false),
            (Role::Member, Approved, Deprecated, false),
            (Role::Member, Proposed, Approved, false),
            (Role::Admin, Review, Approved, true),
            (Role::Admin, Review, Proposed, true),
            (Role::Admin, Approved, Deprecated, true),
            (Role::Admin, Deprecated, Proposed, true),
            (Role::Admin, Approved, Approved, false),
        ];
        for (role, from, to, allowed) in table {
            assert_eq!(
                can_transition(role, from, to),
                allowed,
                "{role:?} {from:?}→{to:?}"
            );
        }
        let mut doc = fresh();
        let e = edit();
        commit(&mut doc, "m-a", "x", |tx| {
            create_entry(tx, "e-1", &e, Review, "m-a", 1)
        });
        commit(&mut doc, "m-a", "x", |tx| {
            assert_eq!(
                set_status(tx, "e-1", Role::Member, Approved, "", "m-a", 2),
                Err(TransitionError::NotAllowed)
            );
            assert_eq!(
                set_status(tx, "e-9", Role::Admin, Approved, "", "m-a", 2),
                Err(TransitionError::NoEntry)
            );
            set_status(tx, "e-1", Role::Admin, Deprecated, "e-2", "m-a", 2).unwrap();
        });
        let entry = read_entry(&doc, "e-1", At(None)).unwrap();
        assert_eq!(
            (entry.status(), entry.replaced_by.as_str()),
            (Deprecated, "e-2")
        );
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("In Review"), Some(Review));
        assert_eq!(Status::parse("done"), None);
    }

    #[test]
    fn typed_lists_split_on_separators_and_drop_repeats() {
        assert_eq!(split_list("DX; DT,  DX ,\n"), vec!["DX", "DT"]);
        assert_eq!(split_list("מנמ\"ר، CIO"), vec!["מנמ\"ר", "CIO"]);
        assert!(split_list(" ; , ").is_empty());
        assert_eq!(
            parse_message("m-a\nentry:e-1 a,b"),
            Some(("m-a", "e-1", vec!["a", "b"]))
        );
        assert_eq!(parse_message("m-a"), None);
    }
}

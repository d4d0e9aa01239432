//! Writing Automerge documents for features: the counterpart of [`super::read::At`]. Objects are
//! found or created, a scalar is set only when it differs (so re-saving a form adds no
//! operation), a list is kept as a set of values (two members adding different synonyms keep
//! both), prose is spliced (concurrent edits merge character by character), and a map of keys
//! is kept as a set (related entries).
//!
//! Every feature's commits carry a [`Note`] after the member id, in one format that
//! [`Note::message`] writes and [`Note::parse`] reads: `<member>\n<subject>:<id> <field>,<field>`.
//! History views find who changed what, and when, from the notes alone.

use automerge::{
    transaction::{CommitOptions, Transactable, Transaction},
    Automerge, ChangeHash, ObjId, ObjType, PatchLog, ReadDoc, ScalarValue, Value,
};

use super::{
    read::At,
    text::{splice_between, Splice},
    Edit,
};

/// The object at `obj[key]`, if there is one.
pub fn existing(tx: &Transaction<'_>, obj: &ObjId, key: &str) -> Option<ObjId> {
    match tx.get(obj, key).ok().flatten() {
        Some((Value::Object(_), id)) => Some(id),
        _ => None,
    }
}

/// The object at `obj[key]`, created as `kind` if missing (or not an object).
pub fn object(tx: &mut Transaction<'_>, obj: &ObjId, key: &str, kind: ObjType) -> Option<ObjId> {
    existing(tx, obj, key).or_else(|| tx.put_object(obj, key, kind).ok())
}

/// Sets `obj[key]` to the string `value` unless it already is.
pub fn set(tx: &mut Transaction<'_>, obj: &ObjId, key: &str, value: &str) {
    if At(None).scalar_text(tx, obj, key) != value {
        let _ = tx.put(obj, key, value);
    }
}

/// Sets `obj[key]` to a timestamp (unix ms).
pub fn set_time(tx: &mut Transaction<'_>, obj: &ObjId, key: &str, ms: i64) {
    let _ = tx.put(obj, key, ScalarValue::Timestamp(ms));
}

/// Makes the list `obj[key]` hold exactly `wanted` (each once): what is no longer wanted is
/// deleted, what is new is appended, what stays is not touched.
pub fn set_list(tx: &mut Transaction<'_>, obj: &ObjId, key: &str, wanted: &[String]) {
    let Some(list) = object(tx, obj, key, ObjType::List) else {
        return;
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

/// Makes the map `obj[key]` have exactly the keys `keys` (each `true`).
pub fn set_keys(tx: &mut Transaction<'_>, obj: &ObjId, key: &str, keys: &[String]) {
    let Some(map) = object(tx, obj, key, ObjType::Map) else {
        return;
    };
    let existing: Vec<String> = tx.keys(&map).collect();
    for gone in existing.iter().filter(|k| !keys.contains(k)) {
        let _ = tx.delete(&map, gone.as_str());
    }
    for new in keys.iter().filter(|k| !existing.contains(k)) {
        let _ = tx.put(&map, new.as_str(), true);
    }
}

/// Makes the text `obj[key]` read `value`, by the smallest splice.
pub fn set_text(tx: &mut Transaction<'_>, obj: &ObjId, key: &str, value: &str) {
    let Some(text) = object(tx, obj, key, ObjType::Text) else {
        return;
    };
    let current = tx.text(&text).unwrap_or_default();
    if let Some(splice) = splice_between(&current, value, None) {
        let _ = tx.splice_text(&text, splice.start, splice.delete as isize, &splice.insert);
    }
}

/// Applies one splice (typing) to the text `obj[key]`.
pub fn splice(tx: &mut Transaction<'_>, obj: &ObjId, key: &str, splice: &Splice) {
    if let Some(text) = object(tx, obj, key, ObjType::Text) {
        let _ = tx.splice_text(&text, splice.start, splice.delete as isize, &splice.insert);
    }
}

/// Commits `edits` on `doc`, each its own change by `member` at `time` (unix seconds) with its
/// note, logging their operations in `log`. With `at`, the first is made at those heads and each
/// next one on the one before, so positions computed on that version (a cached view the member
/// typed into before the document loaded) mean what the member saw; the result merges with
/// anything newer like any concurrent edit. An edit's note may be `None` (just the member id).
pub fn commit_edits(
    doc: &mut Automerge,
    log: &mut PatchLog,
    edits: Vec<(Option<Note>, Edit)>,
    at: Option<Vec<ChangeHash>>,
    member: &str,
    time: i64,
) {
    let mut at = at;
    for (note, edit) in edits {
        let message = Note::message(member, note.as_ref());
        let tx = match &at {
            Some(heads) => doc.transaction_at(log.clone(), heads),
            None => doc.transaction_log_patches(log.clone()),
        };
        let Ok(mut tx) = tx else {
            continue;
        };
        edit(&mut tx);
        let (hash, logged) = tx.commit_with(
            CommitOptions::default()
                .with_message(message)
                .with_time(time),
        );
        *log = logged;
        if let (Some(heads), Some(hash)) = (at.as_mut(), hash) {
            *heads = vec![hash];
        }
    }
}

/// What a commit was about: a subject (`entry`), which one (its id), and the fields touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What kind of thing changed (`entry`, `card`, …).
    pub subject: String,
    /// Which one.
    pub id: String,
    /// The fields the change touched.
    pub fields: Vec<String>,
}

impl Note {
    /// A note about `subject` `id`'s `fields`.
    pub fn new(subject: &str, id: &str, fields: &[&str]) -> Note {
        Note {
            subject: subject.to_string(),
            id: id.to_string(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
        }
    }

    /// The commit message of a change by `member`, with this note if any.
    pub fn message(member: &str, note: Option<&Note>) -> String {
        match note {
            Some(note) => format!(
                "{member}\n{}:{} {}",
                note.subject,
                note.id,
                note.fields.join(",")
            ),
            None => member.to_string(),
        }
    }

    /// Who made a change and its note, from its commit message; `None` for a change with no
    /// note (or one not written by [`Note::message`]).
    pub fn parse(message: &str) -> Option<(&str, Note)> {
        let (member, note) = message.split_once('\n')?;
        let (head, fields) = note.split_once(' ').unwrap_or((note, ""));
        let (subject, id) = head.split_once(':')?;
        Some((
            member,
            Note {
                subject: subject.to_string(),
                id: id.to_string(),
                fields: fields
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .collect(),
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::{transaction::CommitOptions, AutomergeError, ROOT};

    fn write(doc: &mut automerge::Automerge, f: impl FnOnce(&mut Transaction<'_>)) -> usize {
        let before = doc.get_heads();
        doc.transact_with::<_, _, AutomergeError, _>(
            |_| CommitOptions::default(),
            |tx| {
                f(tx);
                Ok(())
            },
        )
        .unwrap();
        doc.get_changes(&before).iter().map(|c| c.len()).sum()
    }

    #[test]
    fn writes_find_or_create_and_change_only_what_differs() {
        let mut doc = automerge::Automerge::new();
        write(&mut doc, |tx| {
            let obj = object(tx, &ROOT, "entry", ObjType::Map).unwrap();
            set(tx, &obj, "term", "ענן");
            set_list(
                tx,
                &obj,
                "synonyms",
                &["DX".into(), "DT".into(), "DX".into()],
            );
            set_text(tx, &obj, "definition", "שינוי עומק");
            set_keys(tx, &obj, "related", &["e-2".into(), "e-3".into()]);
            set_time(tx, &obj, "at", 5);
        });
        let read = |doc: &automerge::Automerge| {
            let at = At(None);
            let obj = at.object(doc, &ROOT, "entry").unwrap();
            let related = at.object(doc, &obj, "related").unwrap();
            (
                at.scalar_text(doc, &obj, "term"),
                at.list(doc, &obj, "synonyms"),
                at.text(doc, &obj, "definition"),
                at.keys(doc, &related),
                at.int(doc, &obj, "at"),
            )
        };
        assert_eq!(
            read(&doc),
            (
                "ענן".to_string(),
                vec!["DX".to_string(), "DT".to_string()],
                "שינוי עומק".to_string(),
                vec!["e-2".to_string(), "e-3".to_string()],
                5
            )
        );
        // The same values again: no operation at all.
        let ops = write(&mut doc, |tx| {
            let obj = object(tx, &ROOT, "entry", ObjType::Map).unwrap();
            set(tx, &obj, "term", "ענן");
            set_list(tx, &obj, "synonyms", &["DX".into(), "DT".into()]);
            set_text(tx, &obj, "definition", "שינוי עומק");
            set_keys(tx, &obj, "related", &["e-2".into(), "e-3".into()]);
        });
        assert_eq!(ops, 0, "an unchanged form adds nothing to the document");
        write(&mut doc, |tx| {
            let obj = existing(tx, &ROOT, "entry").unwrap();
            set_list(tx, &obj, "synonyms", &["DT".into(), "CIO".into()]);
            splice(
                tx,
                &obj,
                "definition",
                &Splice {
                    start: 0,
                    delete: 0,
                    insert: "(הגדרה) ".into(),
                },
            );
            set_keys(tx, &obj, "related", &["e-3".into()]);
        });
        let (_, synonyms, definition, related, _) = read(&doc);
        assert_eq!(synonyms, ["DT", "CIO"]);
        assert_eq!(definition, "(הגדרה) שינוי עומק");
        assert_eq!(related, ["e-3"]);
    }

    #[test]
    fn a_note_is_written_and_parsed_in_one_format() {
        let note = Note::new("entry", "e-1", &["term_he", "definition_en"]);
        let message = Note::message("m-a", Some(&note));
        assert_eq!(message, "m-a\nentry:e-1 term_he,definition_en");
        assert_eq!(Note::parse(&message), Some(("m-a", note)));
        assert_eq!(Note::message("m-a", None), "m-a");
        assert_eq!(Note::parse("m-a"), None);
        assert_eq!(
            Note::parse("m-a\ncard:c-9"),
            Some(("m-a", Note::new("card", "c-9", &[])))
        );
        assert_eq!(Note::parse("m-a\nno subject"), None);
    }

    #[test]
    fn edits_typed_on_an_older_version_land_where_the_member_saw_them() {
        let mut doc = automerge::Automerge::new();
        write(&mut doc, |tx| {
            let entry = object(tx, &ROOT, "entry", ObjType::Map).unwrap();
            set_text(tx, &entry, "definition", "abc");
        });
        let shown = doc.get_heads();
        // Someone else's edit arrived after the cached view was written.
        write(&mut doc, |tx| {
            let entry = existing(tx, &ROOT, "entry").unwrap();
            splice(
                tx,
                &entry,
                "definition",
                &Splice {
                    start: 0,
                    delete: 0,
                    insert: "XYZ".into(),
                },
            );
        });
        // Two keystrokes typed at the end of "abc", on the cached view.
        let keystroke = |start: usize, insert: &str| -> (Option<Note>, Edit) {
            let insert = insert.to_string();
            (
                Some(Note::new("entry", "e", &["definition"])),
                Box::new(move |tx: &mut Transaction<'_>| {
                    let entry = existing(tx, &ROOT, "entry").unwrap();
                    splice(
                        tx,
                        &entry,
                        "definition",
                        &Splice {
                            start,
                            delete: 0,
                            insert,
                        },
                    );
                }),
            )
        };
        let mut log = PatchLog::active();
        commit_edits(
            &mut doc,
            &mut log,
            vec![keystroke(3, "!"), keystroke(4, "?")],
            Some(shown),
            "m-a",
            9,
        );
        let at = At(None);
        let entry = at.object(&doc, &ROOT, "entry").unwrap();
        assert_eq!(
            at.text(&doc, &entry, "definition"),
            "XYZabc!?",
            "after abc, as typed"
        );
        // The same keystrokes at the current version would have gone into the wrong place.
        let mut elsewhere = automerge::Automerge::new();
        write(&mut elsewhere, |tx| {
            let entry = object(tx, &ROOT, "entry", ObjType::Map).unwrap();
            set_text(tx, &entry, "definition", "XYZabc");
        });
        commit_edits(
            &mut elsewhere,
            &mut PatchLog::active(),
            vec![keystroke(3, "!")],
            None,
            "m-a",
            9,
        );
        let entry = at.object(&elsewhere, &ROOT, "entry").unwrap();
        assert_eq!(at.text(&elsewhere, &entry, "definition"), "XYZ!abc");
        // Every commit carries its note and time.
        let last = doc.get_changes(&[]).last().unwrap().clone();
        assert_eq!(last.message(), Some("m-a\nentry:e definition"));
        assert_eq!(last.timestamp(), 9);
    }
}

//! Checking imported records against the glossary and each other: each row is new, an update of
//! the entry already there under its term (with what would change), the same as that entry, or
//! wrong (and why). Nothing here writes; [`crate::glossary::actions::import_checked`] applies the
//! verdicts the member confirmed.

use std::collections::HashMap;

use super::{Record, Row};
use crate::glossary::model::{split_list, Entry, EntryEdit, Status};
use crate::glossary::search::fold_text;

/// What is wrong with an imported row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowError {
    /// Neither a Hebrew nor an English term.
    MissingTerm,
    /// The term is already in the glossary under another entry than the row's other term, or
    /// earlier in the file (that row's number).
    Duplicate {
        /// The term.
        term: String,
        /// The earlier row in the file, if it is there rather than in the glossary.
        earlier_row: Option<usize>,
    },
    /// The status is not one of proposed, review, approved, deprecated.
    BadStatus(String),
    /// The source link is not an http(s) address.
    BadLink(String),
}

/// One field an update would change: as the entry has it, and as the file has it (lists shown
/// `;`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The field's key.
    pub field: &'static str,
    /// The entry's value now.
    pub before: String,
    /// The file's value.
    pub after: String,
}

/// What importing a row would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Add it as a new entry.
    New,
    /// Its term names entry `id`; importing it as an update changes `changes` (the file's
    /// filled cells that differ; an empty cell never erases, and the status is left to review).
    Update {
        /// The entry.
        id: String,
        /// What would change.
        changes: Vec<Change>,
    },
    /// Its term names entry `id`, which already says everything the row says.
    Same {
        /// The entry.
        id: String,
    },
    /// It cannot be imported.
    Invalid(Vec<RowError>),
}

/// One row of an import preview: its number as the member's spreadsheet shows it, the row as
/// read (even when wrong: the preview names its term), and what importing it would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The row's number in the file ([`Record::line`]).
    pub line: usize,
    /// The row as read.
    pub row: Row,
    /// What importing it would do.
    pub verdict: Verdict,
}

impl Checked {
    /// The row, when it would be added as a new entry.
    pub fn new_row(&self) -> Option<&Row> {
        matches!(self.verdict, Verdict::New).then_some(&self.row)
    }
}

/// A field an import may update: its key, and how it reads on an entry and on a row.
type Updatable = (&'static str, fn(&Entry) -> String, fn(&Row) -> String);

/// The fields an import may update.
const UPDATABLE: [Updatable; 13] = [
    ("term_he", |e| e.term_he.clone(), |r| r.term_he.clone()),
    ("term_en", |e| e.term_en.clone(), |r| r.term_en.clone()),
    (
        "synonyms_he",
        |e| e.synonyms_he.join("; "),
        |r| r.synonyms_he.join("; "),
    ),
    (
        "synonyms_en",
        |e| e.synonyms_en.join("; "),
        |r| r.synonyms_en.join("; "),
    ),
    (
        "abbreviations_he",
        |e| e.abbreviations_he.join("; "),
        |r| r.abbreviations_he.join("; "),
    ),
    (
        "abbreviations_en",
        |e| e.abbreviations_en.join("; "),
        |r| r.abbreviations_en.join("; "),
    ),
    (
        "definition_he",
        |e| e.definition_he.clone(),
        |r| r.definition_he.clone(),
    ),
    (
        "definition_en",
        |e| e.definition_en.clone(),
        |r| r.definition_en.clone(),
    ),
    ("example", |e| e.example.clone(), |r| r.example.clone()),
    ("source", |e| e.source.clone(), |r| r.source.clone()),
    (
        "source_url",
        |e| e.source_url.clone(),
        |r| r.source_url.clone(),
    ),
    ("domain", |e| e.domain.clone(), |r| r.domain.clone()),
    ("notes", |e| e.notes.clone(), |r| r.notes.clone()),
];

/// What `row` would change in `entry`: each filled cell that differs (a term only when it is
/// another term, not the same one in other niqqud or case).
fn changes(entry: &Entry, row: &Row) -> Vec<Change> {
    UPDATABLE
        .iter()
        .filter_map(|(field, of_entry, of_row)| {
            let (before, after) = (of_entry(entry), of_row(row));
            // The term the row was matched by, written with other niqqud or case, is the same term.
            let same_term = field.starts_with("term_") && fold_text(&before) == fold_text(&after);
            (!after.is_empty() && after != before && !same_term).then_some(Change {
                field,
                before,
                after,
            })
        })
        .collect()
}

/// The edit that applies `changes` (from [`check`]) of `row` to its entry.
pub fn update_edit(row: &Row, changes: &[Change]) -> EntryEdit {
    let changed = |field: &&str| changes.iter().any(|c| c.field == *field);
    let all = row.edit();
    EntryEdit {
        scalars: all
            .scalars
            .into_iter()
            .filter(|(f, _)| changed(f))
            .collect(),
        lists: all.lists.into_iter().filter(|(f, _)| changed(f)).collect(),
        texts: all.texts.into_iter().filter(|(f, _)| changed(f)).collect(),
        related: None,
    }
}

/// Reads a record's cells into a row, noting a bad status.
fn read_row(record: &Record, errors: &mut Vec<RowError>) -> Row {
    let get = |column: &str| {
        record
            .cells
            .iter()
            .find(|(k, _)| k == column)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let status = get("status");
    let status = if status.is_empty() {
        Status::Proposed
    } else {
        Status::parse(&status).unwrap_or_else(|| {
            errors.push(RowError::BadStatus(status.clone()));
            Status::Proposed
        })
    };
    Row {
        term_he: get("term_he"),
        term_en: get("term_en"),
        synonyms_he: split_list(&get("synonyms_he")),
        synonyms_en: split_list(&get("synonyms_en")),
        abbreviations_he: split_list(&get("abbreviations_he")),
        abbreviations_en: split_list(&get("abbreviations_en")),
        definition_he: get("definition_he"),
        definition_en: get("definition_en"),
        example: get("example"),
        source: get("source"),
        source_url: get("source_url"),
        domain: get("domain"),
        status,
        notes: get("notes"),
    }
}

/// Checks records against the glossary's `existing` entries and each other. A blank status
/// means proposed. A row whose terms name one existing entry is an update of it (or the same);
/// terms naming two different entries, or repeating an earlier row, are errors.
pub fn check(records: &[Record], existing: &[Entry]) -> Vec<Checked> {
    // Folded term → its first row in the file; folded term → its entry. Maps: a 5,000-row file
    // against 2,000 entries is checked again whenever the glossary changes (the preview follows).
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut known: HashMap<String, usize> = HashMap::new();
    for (n, e) in existing.iter().enumerate() {
        for term in [&e.term_he, &e.term_en] {
            let folded = fold_text(term);
            if !folded.is_empty() {
                known.entry(folded).or_insert(n);
            }
        }
    }
    records
        .iter()
        .map(|record| {
            let mut errors = Vec::new();
            let row = read_row(record, &mut errors);
            if row.term_he.is_empty() && row.term_en.is_empty() {
                errors.push(RowError::MissingTerm);
            }
            if !row.source_url.is_empty() && !crate::browser::is_http_link(&row.source_url) {
                errors.push(RowError::BadLink(row.source_url.clone()));
            }
            let mut matched: Vec<(String, usize)> = Vec::new();
            for term in [&row.term_he, &row.term_en] {
                let folded = fold_text(term);
                if folded.is_empty() {
                    continue;
                }
                if let Some(earlier) = seen.get(&folded) {
                    errors.push(RowError::Duplicate {
                        term: term.clone(),
                        earlier_row: Some(*earlier),
                    });
                } else if let Some(n) = known.get(&folded) {
                    matched.push((term.clone(), *n));
                }
            }
            // Two terms naming two different entries: which one to update is anyone's guess.
            if let Some((term, _)) = matched.iter().find(|(_, n)| *n != matched[0].1) {
                errors.push(RowError::Duplicate {
                    term: term.clone(),
                    earlier_row: None,
                });
            }
            let verdict = if !errors.is_empty() {
                Verdict::Invalid(errors)
            } else {
                for term in [&row.term_he, &row.term_en] {
                    let folded = fold_text(term);
                    if !folded.is_empty() {
                        seen.entry(folded).or_insert(record.line);
                    }
                }
                match matched.first() {
                    None => Verdict::New,
                    Some((_, n)) => {
                        let entry = &existing[*n];
                        let changes = changes(entry, &row);
                        let id = entry.id.clone();
                        if changes.is_empty() {
                            Verdict::Same { id }
                        } else {
                            Verdict::Update { id, changes }
                        }
                    }
                }
            };
            Checked {
                line: record.line,
                row,
                verdict,
            }
        })
        .collect()
}

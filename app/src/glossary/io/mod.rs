//! Import and export: CSV (UTF-8 with a BOM, so Excel shows Hebrew), JSON and Markdown out;
//! CSV and JSON in, validated row by row, and nothing written until the member confirms.
//!
//! Columns (CSV header and JSON keys): `term_he, term_en, synonyms_he, synonyms_en,
//! abbreviations_he, abbreviations_en, definition_he, definition_en, example, source,
//! source_url, domain, status, notes`. Lists are `;`-separated in CSV and arrays in JSON.
//! The starter glossary (`starter.json`, the customer's 40 terms) is JSON with `entries` whose
//! keys are the same plus its own (`id`, `source_quote`, …), which are ignored.

pub mod encoding;
mod export;
mod import;
#[cfg(test)]
mod tests;

pub use export::{to_csv, to_json, to_markdown};
pub use import::{parse_csv, records_from_csv, records_from_json, starter_records, Record};

use crate::glossary::model::{split_list, Entry, EntryEdit, Status};
use crate::glossary::search::fold_text;

/// The columns, in order.
pub const COLUMNS: [&str; 14] = [
    "term_he",
    "term_en",
    "synonyms_he",
    "synonyms_en",
    "abbreviations_he",
    "abbreviations_en",
    "definition_he",
    "definition_en",
    "example",
    "source",
    "source_url",
    "domain",
    "status",
    "notes",
];

/// The byte-order mark that makes Excel read a CSV as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// Largest import accepted, in rows. Why: an import becomes one Automerge change and one sync
/// message; 5,000 rows stays well inside the relay's frame limit and a phone's memory.
pub const MAX_IMPORT_ROWS: usize = 5_000;

/// One entry as imported or exported: every column as text (lists already split).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// Preferred terms.
    pub term_he: String,
    /// English term.
    pub term_en: String,
    /// Lists.
    pub synonyms_he: Vec<String>,
    /// English synonyms.
    pub synonyms_en: Vec<String>,
    /// Hebrew abbreviations.
    pub abbreviations_he: Vec<String>,
    /// English abbreviations.
    pub abbreviations_en: Vec<String>,
    /// Definitions.
    pub definition_he: String,
    /// English definition.
    pub definition_en: String,
    /// Usage example.
    pub example: String,
    /// Source text.
    pub source: String,
    /// Source link.
    pub source_url: String,
    /// Domain or cluster.
    pub domain: String,
    /// Status.
    pub status: Status,
    /// Notes.
    pub notes: String,
}

impl Row {
    /// The row of an entry.
    pub fn of(entry: &Entry) -> Row {
        Row {
            term_he: entry.term_he.clone(),
            term_en: entry.term_en.clone(),
            synonyms_he: entry.synonyms_he.clone(),
            synonyms_en: entry.synonyms_en.clone(),
            abbreviations_he: entry.abbreviations_he.clone(),
            abbreviations_en: entry.abbreviations_en.clone(),
            definition_he: entry.definition_he.clone(),
            definition_en: entry.definition_en.clone(),
            example: entry.example.clone(),
            source: entry.source.clone(),
            source_url: entry.source_url.clone(),
            domain: entry.domain.clone(),
            status: entry.status(),
            notes: entry.notes.clone(),
        }
    }

    /// The edit that creates this row as an entry.
    pub fn edit(&self) -> EntryEdit {
        EntryEdit {
            scalars: vec![
                ("term_he", self.term_he.clone()),
                ("term_en", self.term_en.clone()),
                ("source", self.source.clone()),
                ("source_url", self.source_url.clone()),
                ("domain", self.domain.clone()),
            ],
            lists: vec![
                ("synonyms_he", self.synonyms_he.clone()),
                ("synonyms_en", self.synonyms_en.clone()),
                ("abbreviations_he", self.abbreviations_he.clone()),
                ("abbreviations_en", self.abbreviations_en.clone()),
            ],
            texts: vec![
                ("definition_he", self.definition_he.clone()),
                ("definition_en", self.definition_en.clone()),
                ("example", self.example.clone()),
                ("notes", self.notes.clone()),
            ],
            related: None,
        }
    }

    fn cells(&self) -> [String; 14] {
        [
            self.term_he.clone(),
            self.term_en.clone(),
            self.synonyms_he.join("; "),
            self.synonyms_en.join("; "),
            self.abbreviations_he.join("; "),
            self.abbreviations_en.join("; "),
            self.definition_he.clone(),
            self.definition_en.clone(),
            self.example.clone(),
            self.source.clone(),
            self.source_url.clone(),
            self.domain.clone(),
            self.status.as_str().to_string(),
            self.notes.clone(),
        ]
    }
}

/// What is wrong with an imported row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowError {
    /// Neither a Hebrew nor an English term.
    MissingTerm,
    /// The term is already in the glossary, or earlier in the file (its 1-based row).
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

/// One row of an import preview: its 1-based number in the file, and the row or what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// 1-based row number (data rows; the header is not counted).
    pub line: usize,
    /// The row, or why it cannot be imported.
    pub result: Result<Row, Vec<RowError>>,
}

/// The file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// Not CSV with a header row naming at least one term column.
    NoHeader,
    /// Not JSON, or not an array of objects (or `{ "entries": [...] }`).
    NotJson(String),
    /// More than [`MAX_IMPORT_ROWS`] rows.
    TooManyRows(usize),
    /// In none of the encodings an import reads ([`encoding::TextEncoding`]).
    Undecodable,
}

/// Validates records against the glossary's `existing` entries and each other. Rows are
/// numbered from 1. A blank status means proposed.
pub fn check(records: &[Record], existing: &[Entry]) -> Vec<Checked> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    let known: Vec<String> = existing
        .iter()
        .flat_map(|e| [fold_text(&e.term_he), fold_text(&e.term_en)])
        .filter(|t| !t.is_empty())
        .collect();
    records
        .iter()
        .enumerate()
        .map(|(index, record)| {
            let line = index + 1;
            let get = |column: &str| {
                record
                    .iter()
                    .find(|(k, _)| k == column)
                    .map(|(_, v)| v.trim().to_string())
                    .unwrap_or_default()
            };
            let mut errors = Vec::new();
            let row = Row {
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
                status: {
                    let status = get("status");
                    if status.is_empty() {
                        Status::Proposed
                    } else {
                        Status::parse(&status).unwrap_or_else(|| {
                            errors.push(RowError::BadStatus(status.clone()));
                            Status::Proposed
                        })
                    }
                },
                notes: get("notes"),
            };
            if row.term_he.is_empty() && row.term_en.is_empty() {
                errors.push(RowError::MissingTerm);
            }
            let web_link = crate::browser::is_http_link(&row.source_url);
            if !row.source_url.is_empty() && !web_link {
                errors.push(RowError::BadLink(row.source_url.clone()));
            }
            for term in [&row.term_he, &row.term_en] {
                let folded = fold_text(term);
                if folded.is_empty() {
                    continue;
                }
                if known.contains(&folded) {
                    errors.push(RowError::Duplicate {
                        term: term.clone(),
                        earlier_row: None,
                    });
                } else if let Some((_, earlier)) = seen.iter().find(|(t, _)| *t == folded) {
                    errors.push(RowError::Duplicate {
                        term: term.clone(),
                        earlier_row: Some(*earlier),
                    });
                }
            }
            if errors.is_empty() {
                for term in [&row.term_he, &row.term_en] {
                    let folded = fold_text(term);
                    if !folded.is_empty() {
                        seen.push((folded, line));
                    }
                }
                Checked {
                    line,
                    result: Ok(row),
                }
            } else {
                Checked {
                    line,
                    result: Err(errors),
                }
            }
        })
        .collect()
}

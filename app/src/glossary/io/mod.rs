//! Import and export: CSV (UTF-8 with a BOM, so Excel shows Hebrew), JSON and Markdown out;
//! CSV and JSON in, validated row by row ([`check`]: new, an update of an entry already there,
//! or what is wrong), and nothing written until the member confirms.
//!
//! Columns (CSV header and JSON keys): `term_he, term_en, synonyms_he, synonyms_en,
//! abbreviations_he, abbreviations_en, definition_he, definition_en, example, source,
//! source_url, domain, status, notes`. Lists are `;`-separated in CSV and arrays in JSON.
//! The starter glossary (`starter.json`, the customer's 40 terms) is JSON with `entries` whose
//! keys are the same plus its own (`id`, `source_quote`, …), which are ignored.

mod check;
pub mod encoding;
mod export;
mod import;
#[cfg(test)]
mod tests;

pub use check::{check, update_edit, Change, Checked, RowError, Verdict};
pub use export::{to_csv, to_json, to_markdown};
pub use import::{
    parse_csv, parse_csv_rows, records_from_csv, records_from_json, starter_records, Record,
};

use crate::glossary::model::{Entry, EntryEdit, Status};

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

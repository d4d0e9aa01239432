//! Import and export: CSV (UTF-8 with a BOM, so Excel shows Hebrew), JSON and Markdown out;
//! CSV and JSON in, validated row by row, and nothing written until the member confirms.
//!
//! Columns (CSV header and JSON keys): `term_he, term_en, synonyms_he, synonyms_en,
//! abbreviations_he, abbreviations_en, definition_he, definition_en, example, source,
//! source_url, domain, status, notes`. Lists are `;`-separated in CSV and arrays in JSON.
//! The starter glossary (`starter.json`, the customer's 40 terms) is JSON with `entries` whose
//! keys are the same plus its own (`id`, `source_quote`, …), which are ignored.

use serde_json::{json, Map, Value};

use super::model::{split_list, Entry, EntryEdit, Status};
use super::search::fold_text;

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
}

/// Parses CSV text (RFC 4180: quotes, doubled quotes, newlines inside quotes; `,` or `;`
/// separated; a BOM is ignored) into records.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let separator = if first_line.matches(';').count() > first_line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            c if c == separator => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                if record.iter().any(|f| !f.trim().is_empty()) {
                    records.push(std::mem::take(&mut record));
                } else {
                    record.clear();
                }
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        if record.iter().any(|f| !f.trim().is_empty()) {
            records.push(record);
        }
    }
    records
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The glossary as CSV, with a BOM and CRLF line ends (what Excel expects).
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from(BOM);
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.cells().iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The glossary as JSON: `{ "entries": [ { column: value } ] }`, lists as arrays.
pub fn to_json(rows: &[Row]) -> String {
    let entries: Vec<Value> = rows
        .iter()
        .map(|row| {
            let cells = row.cells();
            let mut map = Map::new();
            for (column, cell) in COLUMNS.iter().zip(cells) {
                let value = if is_list(column) {
                    json!(split_list(&cell))
                } else {
                    json!(cell)
                };
                map.insert((*column).to_string(), value);
            }
            Value::Object(map)
        })
        .collect();
    serde_json::to_string_pretty(&json!({ "entries": entries })).unwrap_or_default()
}

fn is_list(column: &str) -> bool {
    column.starts_with("synonyms") || column.starts_with("abbreviations")
}

fn md_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('#', "\\#")
        .replace('\n', " ")
}

/// The glossary as Markdown: one section per entry, for reading or pasting into a document.
pub fn to_markdown(rows: &[Row], title: &str) -> String {
    let mut out = format!("# {}\n", md_escape(title));
    for row in rows {
        let heading = match (row.term_he.is_empty(), row.term_en.is_empty()) {
            (false, false) => format!("{} · {}", row.term_he, row.term_en),
            (false, true) => row.term_he.clone(),
            _ => row.term_en.clone(),
        };
        out.push_str(&format!("\n## {}\n\n", md_escape(&heading)));
        let mut line = |label: &str, value: &str| {
            if !value.trim().is_empty() {
                out.push_str(&format!("- **{label}:** {}\n", md_escape(value)));
            }
        };
        line("Status", row.status.as_str());
        line("הגדרה", &row.definition_he);
        line("Definition", &row.definition_en);
        line("נרדפים", &row.synonyms_he.join("; "));
        line("Synonyms", &row.synonyms_en.join("; "));
        line("ראשי תיבות", &row.abbreviations_he.join("; "));
        line("Abbreviations", &row.abbreviations_en.join("; "));
        line("Example", &row.example);
        line("Domain", &row.domain);
        line("Notes", &row.notes);
        if !row.source.is_empty() || !row.source_url.is_empty() {
            let source = if row.source_url.is_empty() {
                md_escape(&row.source)
            } else {
                format!(
                    "[{}]({})",
                    md_escape(if row.source.is_empty() {
                        &row.source_url
                    } else {
                        &row.source
                    }),
                    row.source_url
                )
            };
            out.push_str(&format!("- **Source:** {source}\n"));
        }
    }
    out
}

/// Raw imported records, as column → text, before validation.
pub type Record = Vec<(String, String)>;

/// Reads CSV text into records.
///
/// # Errors
/// [`FileError`] when there is no usable header or too many rows.
pub fn records_from_csv(text: &str) -> Result<Vec<Record>, FileError> {
    let mut rows = parse_csv(text).into_iter();
    let header: Vec<String> = rows
        .next()
        .ok_or(FileError::NoHeader)?
        .into_iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if !header.iter().any(|h| h == "term_he" || h == "term_en") {
        return Err(FileError::NoHeader);
    }
    let records: Vec<Record> = rows
        .map(|cells| {
            header
                .iter()
                .cloned()
                .zip(cells.into_iter().chain(std::iter::repeat(String::new())))
                .collect()
        })
        .collect();
    if records.len() > MAX_IMPORT_ROWS {
        return Err(FileError::TooManyRows(records.len()));
    }
    Ok(records)
}

/// Reads JSON text (an array of objects, or `{ "entries": [...] }`) into records.
///
/// # Errors
/// [`FileError`] when it is not such JSON or has too many rows.
pub fn records_from_json(text: &str) -> Result<Vec<Record>, FileError> {
    let value: Value = serde_json::from_str(text.strip_prefix(BOM).unwrap_or(text))
        .map_err(|e| FileError::NotJson(e.to_string()))?;
    let list = match &value {
        Value::Array(list) => list,
        Value::Object(map) => match map.get("entries") {
            Some(Value::Array(list)) => list,
            _ => return Err(FileError::NotJson("no \"entries\" array".into())),
        },
        _ => return Err(FileError::NotJson("not an array of entries".into())),
    };
    if list.len() > MAX_IMPORT_ROWS {
        return Err(FileError::TooManyRows(list.len()));
    }
    list.iter()
        .map(|item| {
            let Value::Object(map) = item else {
                return Err(FileError::NotJson("an entry is not an object".into()));
            };
            Ok(map
                .iter()
                .map(|(k, v)| {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        Value::Array(items) => items
                            .iter()
                            .filter_map(|i| i.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    (k.to_lowercase(), text)
                })
                .collect())
        })
        .collect()
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

/// The customer's starter glossary (40 terms from the seed document), as records.
pub fn starter_records() -> Vec<Record> {
    records_from_json(include_str!("starter.json")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(he: &str, en: &str) -> Row {
        Row {
            term_he: he.into(),
            term_en: en.into(),
            ..Default::default()
        }
    }

    #[test]
    fn csv_handles_quotes_separators_newlines_and_the_bom() {
        let text = "\u{FEFF}term_he,term_en,definition_en\r\n\"מנמ\"\"ר\",CIO,\"line one\nline two, with comma\"\r\n,,\r\nשגרירים,Ambassadors,\n";
        let records = parse_csv(text);
        assert_eq!(records.len(), 3, "the blank line is skipped");
        assert_eq!(
            records[1],
            vec!["מנמ\"ר", "CIO", "line one\nline two, with comma"]
        );
        let semicolons = parse_csv("term_he;term_en\nא;B\n");
        assert_eq!(semicolons[1], vec!["א", "B"]);
    }

    #[test]
    fn import_validation_reports_every_bad_row_and_keeps_the_good_ones() {
        let csv = "term_he,term_en,status,source_url\n\
                   טרנספורמציה,Transformation,approved,https://gov.il\n\
                   ,,proposed,\n\
                   טְרַנְסְפוֹרְמַצְיָה,,,\n\
                   שגריר,Ambassador,finished,\n\
                   משילות,Governance,review,ftp://x\n\
                   אחריותיות,Accountability,,\n\
                   קיים,Existing,,\n";
        let records = records_from_csv(csv).unwrap();
        let existing = [Entry {
            term_en: "existing".into(),
            ..Default::default()
        }];
        let checked = check(&records, &existing);
        let errors: Vec<(usize, Vec<RowError>)> = checked
            .iter()
            .filter_map(|c| c.result.clone().err().map(|e| (c.line, e)))
            .collect();
        assert_eq!(
            errors,
            vec![
                (2, vec![RowError::MissingTerm]),
                (
                    3,
                    vec![RowError::Duplicate {
                        term: "טְרַנְסְפוֹרְמַצְיָה".into(),
                        earlier_row: Some(1)
                    }]
                ),
                (4, vec![RowError::BadStatus("finished".into())]),
                (5, vec![RowError::BadLink("ftp://x".into())]),
                (
                    7,
                    vec![RowError::Duplicate {
                        term: "Existing".into(),
                        earlier_row: None
                    }]
                ),
            ]
        );
        let good: Vec<usize> = checked
            .iter()
            .filter(|c| c.result.is_ok())
            .map(|c| c.line)
            .collect();
        assert_eq!(good, vec![1, 6]);
        assert_eq!(checked[5].result.as_ref().unwrap().status, Status::Proposed);
        assert_eq!(records_from_csv("a,b\n1,2\n"), Err(FileError::NoHeader));
        assert!(matches!(records_from_json("{"), Err(FileError::NotJson(_))));
    }

    #[test]
    fn export_then_import_gives_identical_entries() {
        let rows = vec![
            Row {
                synonyms_he: vec!["מנהל מערכות מידע".into(), "מנמ\"ר".into()],
                synonyms_en: vec!["CIO".into()],
                abbreviations_en: vec!["C.I.O.".into()],
                definition_he: "אחראי, על מערכות; מידע\n\"ראשי\"".into(),
                definition_en: "Chief information officer, the \"CIO\"".into(),
                example: "שאלנו את המנמ\"ר".into(),
                source: "Seed, line 3".into(),
                source_url: "https://example.gov.il/a?b=1,2".into(),
                domain: "ניהול".into(),
                status: Status::Approved,
                notes: "—".into(),
                ..row("מנמ\"ר", "CIO")
            },
            row("שגרירים", ""),
            Row {
                status: Status::Deprecated,
                ..row("", "Benchmark")
            },
        ];
        let csv = to_csv(&rows);
        assert!(csv.starts_with(BOM));
        let back: Vec<Row> = check(&records_from_csv(&csv).unwrap(), &[])
            .into_iter()
            .map(|c| c.result.unwrap())
            .collect();
        assert_eq!(back, rows, "CSV round trip");
        let json = to_json(&rows);
        let back: Vec<Row> = check(&records_from_json(&json).unwrap(), &[])
            .into_iter()
            .map(|c| c.result.unwrap())
            .collect();
        assert_eq!(back, rows, "JSON round trip");
        let md = to_markdown(&rows, "מילון");
        assert!(
            md.contains("## מנמ\"ר · CIO")
                && md.contains("[Seed, line 3](https://example.gov.il/a?b=1,2)")
        );
    }

    #[test]
    fn the_starter_glossary_imports_cleanly() {
        let checked = check(&starter_records(), &[]);
        assert_eq!(checked.len(), 40);
        assert!(checked.iter().all(|c| c.result.is_ok()), "{checked:?}");
        let first = checked[0].result.as_ref().unwrap();
        assert_eq!(first.term_he, "טרנספורמציה דיגיטלית");
        assert!(!first.definition_en.is_empty());
    }
}

//! Reading files in: CSV (quoted cells, CRLF or LF) and JSON into records, before [`super::check`].

use serde_json::Value;

use super::{FileError, BOM, MAX_IMPORT_ROWS};

/// Parses CSV text (RFC 4180: quotes, doubled quotes, newlines inside quotes; `,`,
/// `;` or tab separated; a BOM is ignored) into records; blank ones are left out.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    parse_csv_rows(text)
        .into_iter()
        .map(|(_, cells)| cells)
        .collect()
}

/// [`parse_csv`], each record with its row number as a spreadsheet shows it: the first record
/// is row 1 and every record counts, blank ones too, however many lines its quoted cells span
/// (Excel saves a cell's line breaks inside quotes, and an empty row as a line of separators).
pub fn parse_csv_rows(text: &str) -> Vec<(usize, Vec<String>)> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    // The header's most frequent of `,`, `;` (Excel where the decimal mark is a comma) and tab
    // (Excel's "Unicode text") separates the fields.
    let separator = [',', ';', '\t']
        .into_iter()
        .max_by_key(|s| (first_line.matches(*s).count(), *s == ','))
        .unwrap_or(',');
    let mut records = Vec::new();
    let mut number = 0;
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
                number += 1;
                if record.iter().any(|f| !f.trim().is_empty()) {
                    records.push((number, std::mem::take(&mut record)));
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
            records.push((number + 1, record));
        }
    }
    records
}

/// A raw imported record, before validation: its number and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its number as the member sees it: the spreadsheet row of a CSV (the header is row 1),
    /// the 1-based position of a JSON entry.
    pub line: usize,
    /// Column → text.
    pub cells: Vec<(String, String)>,
}

/// Reads CSV text into records.
///
/// # Errors
/// [`FileError`] when there is no usable header or too many rows.
pub fn records_from_csv(text: &str) -> Result<Vec<Record>, FileError> {
    let mut rows = parse_csv_rows(text).into_iter();
    let header: Vec<String> = rows
        .next()
        .ok_or(FileError::NoHeader)?
        .1
        .into_iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if !header.iter().any(|h| h == "term_he" || h == "term_en") {
        return Err(FileError::NoHeader);
    }
    let records: Vec<Record> = rows
        .map(|(line, cells)| Record {
            line,
            cells: header
                .iter()
                .cloned()
                .zip(cells.into_iter().chain(std::iter::repeat(String::new())))
                .collect(),
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
        .enumerate()
        .map(|(n, item)| {
            let Value::Object(map) = item else {
                return Err(FileError::NotJson("an entry is not an object".into()));
            };
            let cells = map
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
                .collect();
            Ok(Record { line: n + 1, cells })
        })
        .collect()
}

/// The customer's starter glossary (40 terms from the seed document), as records.
pub fn starter_records() -> Vec<Record> {
    records_from_json(include_str!("starter.json")).unwrap_or_default()
}

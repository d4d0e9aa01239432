//! Writing the glossary out: CSV (with a BOM, cells quoted as Excel expects), JSON, Markdown.

use serde_json::{json, Map, Value};

use super::{Row, BOM, COLUMNS};
use crate::glossary::model::split_list;

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

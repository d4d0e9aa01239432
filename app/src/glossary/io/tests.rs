//! Import and export: CSV quoting, the BOM, round trips, every row error, JSON and the starter set.

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
    // Excel's "Unicode text": tab separated, commas inside fields are text.
    let tabs = parse_csv("term_he\tterm_en\tdefinition_he\nא\tB\tעם פסיק, כאן\n");
    assert_eq!(tabs[1], vec!["א", "B", "עם פסיק, כאן"]);
}

#[test]
fn rows_are_numbered_as_the_spreadsheet_shows_them() {
    // Row 1 the header, row 2 a cell of two lines, row 3 empty, row 4 the next term.
    let csv = "term_he,definition_he\r\nא,\"שורה\nושורה\"\r\n,\r\nב,\r\n";
    let lines: Vec<usize> = records_from_csv(csv)
        .unwrap()
        .iter()
        .map(|r| r.line)
        .collect();
    assert_eq!(lines, vec![2, 4]);
    let json = r#"[{"term_he": "א"}, {"term_he": "ב"}]"#;
    let lines: Vec<usize> = records_from_json(json)
        .unwrap()
        .iter()
        .map(|r| r.line)
        .collect();
    assert_eq!(lines, vec![1, 2]);
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
               אחר,Existing,,\n\
               קיים,Existing,,\n";
    let records = records_from_csv(csv).unwrap();
    let existing = [
        Entry {
            id: "e-1".into(),
            term_en: "Existing".into(),
            ..Default::default()
        },
        Entry {
            id: "e-2".into(),
            term_he: "אחר".into(),
            ..Default::default()
        },
    ];
    let checked = check(&records, &existing);
    let errors: Vec<(usize, Vec<RowError>)> = checked
        .iter()
        .filter_map(|c| match &c.verdict {
            Verdict::Invalid(e) => Some((c.line, e.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        errors,
        vec![
            (3, vec![RowError::MissingTerm]),
            (
                4,
                vec![RowError::Duplicate {
                    term: "טְרַנְסְפוֹרְמַצְיָה".into(),
                    earlier_row: Some(2)
                }]
            ),
            (5, vec![RowError::BadStatus("finished".into())]),
            (6, vec![RowError::BadLink("ftp://x".into())]),
            (
                8,
                vec![RowError::Duplicate {
                    term: "Existing".into(),
                    earlier_row: None
                }]
            ),
        ]
    );
    // Even a wrong row names its term.
    assert_eq!(checked[3].row.term_he, "שגריר");
    let new: Vec<usize> = checked
        .iter()
        .filter(|c| c.new_row().is_some())
        .map(|c| c.line)
        .collect();
    assert_eq!(new, vec![2, 7]);
    assert_eq!(checked[5].row.status, Status::Proposed);
    // Two terms naming two entries: no guessing which one to update.
    assert_eq!(
        checked[6].verdict,
        Verdict::Invalid(vec![RowError::Duplicate {
            term: "Existing".into(),
            earlier_row: None
        }])
    );
    // A term already in the glossary: an update of that entry, with what it would change.
    assert_eq!(
        checked[7].verdict,
        Verdict::Update {
            id: "e-1".into(),
            changes: vec![Change {
                field: "term_he",
                before: String::new(),
                after: "קיים".into()
            }],
        }
    );
    assert_eq!(records_from_csv("a,b\n1,2\n"), Err(FileError::NoHeader));
    assert!(matches!(records_from_json("{"), Err(FileError::NotJson(_))));
}

#[test]
fn an_update_changes_only_filled_cells_that_differ_and_never_the_status() {
    let entry = Entry {
        id: "e-1".into(),
        term_he: "ענן".into(),
        term_en: "Cloud".into(),
        definition_he: "ישן".into(),
        domain: "תשתיות".into(),
        synonyms_en: vec!["Cloud computing".into()],
        ..Default::default()
    };
    let record = |cells: &[(&str, &str)]| Record {
        line: 2,
        cells: cells
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    let checked = check(
        &[record(&[
            ("term_he", "ענן"),
            ("definition_he", "חדש"),
            ("domain", ""),
            ("synonyms_en", "Cloud computing"),
            ("status", "approved"),
        ])],
        std::slice::from_ref(&entry),
    );
    let Verdict::Update { id, changes } = &checked[0].verdict else {
        panic!("{checked:?}");
    };
    assert_eq!(id, "e-1");
    assert_eq!(
        changes,
        &vec![Change {
            field: "definition_he",
            before: "ישן".into(),
            after: "חדש".into()
        }]
    );
    let edit = update_edit(&checked[0].row, changes);
    assert_eq!(edit.texts, vec![("definition_he", "חדש".to_string())]);
    assert!(edit.scalars.is_empty() && edit.lists.is_empty() && edit.related.is_none());
    // The same row again says nothing new.
    let same = check(
        &[record(&[("term_en", "cloud"), ("domain", "תשתיות")])],
        &[entry],
    );
    assert_eq!(same[0].verdict, Verdict::Same { id: "e-1".into() });
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
        .map(|c| c.new_row().cloned().unwrap())
        .collect();
    assert_eq!(back, rows, "CSV round trip");
    let json = to_json(&rows);
    let back: Vec<Row> = check(&records_from_json(&json).unwrap(), &[])
        .into_iter()
        .map(|c| c.new_row().cloned().unwrap())
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
    assert!(checked.iter().all(|c| c.new_row().is_some()), "{checked:?}");
    let first = &checked[0].row;
    assert_eq!(first.term_he, "טרנספורמציה דיגיטלית");
    assert!(!first.definition_en.is_empty());
}

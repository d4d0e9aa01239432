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

//! The entry model: round trips, concurrent edits merging, typed lists and statuses.

use super::{testing::*, *};

#[test]
fn an_entry_round_trips_and_reads_as_it_was() {
    let mut doc = fresh();
    let e = sample();
    commit(&mut doc, "m-a", |tx| {
        create_entry(tx, "e-1", &e, Status::Proposed, "m-a", 1000)
    });
    let first = doc.get_heads();
    let change = EntryEdit {
        texts: vec![("definition_he", "שינוי עומק בשירותים".into())],
        lists: vec![("synonyms_en", vec!["DX".into(), "Digitalisation".into()])],
        related: Some(vec!["e-2".into(), "e-1".into()]),
        ..Default::default()
    };
    commit(&mut doc, "m-b", |tx| {
        apply_edit(tx, "e-1", &change, "m-b", 2000)
    });
    let entry = read_entry(&doc, "e-1", At(None)).unwrap();
    assert_eq!(entry.term_en, "Digital transformation");
    assert_eq!(entry.definition_he, "שינוי עומק בשירותים");
    assert_eq!(entry.synonyms_en, vec!["DX", "Digitalisation"]);
    assert_eq!(
        entry.related,
        vec!["e-2"],
        "an entry is not related to itself"
    );
    assert_eq!(
        (entry.created_by.as_str(), entry.updated_by.as_str()),
        ("m-a", "m-b")
    );
    assert_eq!((entry.created_at, entry.updated_at), (1000, 2000));
    assert_eq!(entry.status(), Status::Proposed);
    let past = read_entry(&doc, "e-1", At(Some(&first))).unwrap();
    assert_eq!(past.definition_he, "שינוי עומק", "the earlier version");
    assert_eq!(all_entries(&doc), vec![entry]);
}

#[test]
fn concurrent_edits_to_one_definition_and_its_synonyms_merge() {
    let mut a = fresh();
    let e = sample();
    commit(&mut a, "m-a", |tx| {
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
    commit(&mut a, "m-a", |tx| apply_edit(tx, "e-1", &for_a, "m-a", 2));
    commit(&mut b, "m-b", |tx| apply_edit(tx, "e-1", &for_b, "m-b", 2));
    a.merge(&mut b).unwrap();
    let merged = read_entry(&a, "e-1", At(None)).unwrap();
    assert_eq!(merged.definition_he, "(הגדרה) שינוי עומק ממשלתי");
    let mut synonyms = merged.synonyms_en.clone();
    synonyms.sort();
    assert_eq!(synonyms, vec!["DT", "DX", "Digitalisation"]);
}

#[test]
fn typed_lists_split_and_statuses_parse() {
    assert_eq!(split_list("DX; DT,  DX ,\n"), vec!["DX", "DT"]);
    assert_eq!(split_list("מנמ\"ר، CIO"), vec!["מנמ\"ר", "CIO"]);
    assert!(split_list(" ; , ").is_empty());
    for status in Status::ALL {
        assert_eq!(Status::parse(status.as_str()), Some(status));
    }
    assert_eq!(Status::parse("In Review"), Some(Status::Review));
    assert_eq!(Status::parse("done"), None);
}

#[test]
fn a_hebrew_title_is_known_as_hebrew_even_when_it_starts_with_latin() {
    let mut e = entry("e-1", "API 2.0 של משרד הבריאות", "Health API 2.0");
    assert!(e.title_is_hebrew(true));
    assert!(!e.title_is_hebrew(false));
    e.term_he.clear();
    assert!(!e.title_is_hebrew(true), "falls back to the English term");
}

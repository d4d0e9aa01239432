//! The generated glossary: N entries of Hebrew and English words from a fixed seed, the same
//! every run, shaped like real entries (terms, synonyms, two definitions, a domain, statuses).

use automerge::{transaction::CommitOptions, Automerge, AutomergeError};
use kehila_app::{
    glossary::{
        history,
        model::{self, EntryEdit, Status},
    },
    sync::Note,
};

/// A small deterministic generator (no dependency, same glossary every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() as usize % items.len()]
    }
}

const HE_WORDS: [&str; 24] = [
    "טרנספורמציה",
    "דיגיטלית",
    "שירות",
    "ממשלתי",
    "אזרח",
    "תהליך",
    "נתונים",
    "מידע",
    "ארגון",
    "שינוי",
    "חדשנות",
    "משתמש",
    "מערכת",
    "ניהול",
    "אסטרטגיה",
    "בשלות",
    "עדשה",
    "קהילה",
    "ידע",
    "שיתוף",
    "מדיניות",
    "רגולציה",
    "תשתית",
    "ענן",
];
const EN_WORDS: [&str; 24] = [
    "transformation",
    "digital",
    "service",
    "government",
    "citizen",
    "process",
    "data",
    "information",
    "organisation",
    "change",
    "innovation",
    "user",
    "system",
    "management",
    "strategy",
    "maturity",
    "lens",
    "community",
    "knowledge",
    "sharing",
    "policy",
    "regulation",
    "infrastructure",
    "cloud",
];
const DOMAINS: [&str; 6] = [
    "אסטרטגיה",
    "חוויית לקוח",
    "טכנולוגיה",
    "משפט ורגולציה",
    "נתונים",
    "ארגון ותרבות",
];

fn sentence(rng: &mut Lcg, words: &[&str], length: usize) -> String {
    (0..length)
        .map(|_| rng.pick(words))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn generate(doc: &mut Automerge, entries: usize) {
    let skeleton = automerge::Change::from_bytes(model::skeleton()).unwrap();
    doc.apply_changes([skeleton]).unwrap();
    let mut rng = Lcg(2026);
    for i in 0..entries {
        let id = format!("e-{i:06x}");
        let term_he = format!("{} {} {i}", rng.pick(&HE_WORDS), rng.pick(&HE_WORDS));
        let term_en = format!("{} {} {i}", rng.pick(&EN_WORDS), rng.pick(&EN_WORDS));
        let edit = EntryEdit {
            scalars: vec![
                ("term_he", term_he),
                ("term_en", term_en),
                ("domain", rng.pick(&DOMAINS).to_string()),
                ("source", "Generated for the benchmark".into()),
            ],
            lists: vec![("synonyms_en", vec![sentence(&mut rng, &EN_WORDS, 2)])],
            texts: vec![
                ("definition_he", sentence(&mut rng, &HE_WORDS, 28)),
                ("definition_en", sentence(&mut rng, &EN_WORDS, 28)),
            ],
            related: None,
        };
        let status = [Status::Proposed, Status::Review, Status::Approved][i % 3];
        let message = Note::message("m-bench", Some(&history::note(&id, &["created"])));
        doc.transact_with::<_, _, AutomergeError, _>(
            |_| {
                CommitOptions::default()
                    .with_message(message)
                    .with_time(1_700_000_000)
            },
            |tx| {
                model::create_entry(tx, &id, &edit, status, "m-bench", 1_700_000_000_000);
                Ok(())
            },
        )
        .unwrap();
    }
}

//! The glossary folded once for fast search: a keystroke only scans it, and a change to one
//! entry re-folds that entry only ([`Index::upsert`]).

use std::collections::HashMap;

use super::{find, fold, word_forms};
use crate::glossary::model::Entry;

/// Where a match was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// A preferred term.
    Term,
    /// A synonym or abbreviation.
    Synonym,
    /// A definition, example or note.
    Definition,
}

/// One searchable string of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Indexed {
    field: Field,
    folded: Vec<char>,
}

/// The glossary, folded once for fast search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Entries in the order they were added (ties in [`Index::search`] keep it).
    entries: Vec<(String, Vec<Indexed>)>,
    /// Where each entry is in `entries`.
    positions: HashMap<String, usize>,
}

/// An entry's searchable strings, folded.
fn fields_of(e: &Entry) -> Vec<Indexed> {
    let mut fields = Vec::new();
    let mut add = |field, text: &str| {
        let folded = fold(text).chars;
        if !folded.is_empty() {
            fields.push(Indexed { field, folded });
        }
    };
    add(Field::Term, &e.term_he);
    add(Field::Term, &e.term_en);
    for s in e
        .synonyms_he
        .iter()
        .chain(&e.synonyms_en)
        .chain(&e.abbreviations_he)
        .chain(&e.abbreviations_en)
    {
        add(Field::Synonym, s);
    }
    add(Field::Definition, &e.definition_he);
    add(Field::Definition, &e.definition_en);
    add(Field::Definition, &e.example);
    fields
}

impl Index {
    /// Indexes `entries`.
    pub fn build(entries: &[Entry]) -> Index {
        let mut index = Index::default();
        for e in entries {
            index.upsert(e);
        }
        index
    }

    /// Adds `entry` or re-folds it in place; true when what search sees of it changed.
    pub fn upsert(&mut self, entry: &Entry) -> bool {
        let fields = fields_of(entry);
        match self.positions.get(&entry.id) {
            Some(&at) => {
                let changed = self.entries[at].1 != fields;
                self.entries[at].1 = fields;
                changed
            }
            None => {
                self.positions.insert(entry.id.clone(), self.entries.len());
                self.entries.push((entry.id.clone(), fields));
                true
            }
        }
    }

    /// Forgets entry `id`; true when it was indexed.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(at) = self.positions.remove(id) else {
            return false;
        };
        self.entries.swap_remove(at);
        if let Some((moved, _)) = self.entries.get(at) {
            self.positions.insert(moved.clone(), at);
        }
        true
    }

    /// How many entries are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The ids of the entries matching `query`, best first (ties keep the index order, so the
    /// caller's alphabetical order survives). An empty query matches nothing.
    pub fn search(&self, query: &str) -> Vec<(String, u32)> {
        let words: Vec<Vec<Vec<char>>> = fold(query)
            .chars
            .split(|&c| c == ' ')
            .filter(|w| !w.is_empty())
            .map(word_forms)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(usize, u32)> = Vec::new();
        for (position, (_, fields)) in self.entries.iter().enumerate() {
            let mut total = 0u32;
            let mut all = true;
            for forms in &words {
                let best = fields.iter().filter_map(|f| score(f, forms)).max();
                match best {
                    Some(s) => total += s,
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                hits.push((position, total));
            }
        }
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.into_iter()
            .map(|(p, s)| (self.entries[p].0.clone(), s))
            .collect()
    }
}

/// How well one query word (in any of its forms) matches one field: the field's weight, plus a
/// bonus for a whole-field match or a match at a word start.
fn score(field: &Indexed, forms: &[Vec<char>]) -> Option<u32> {
    let weight = match field.field {
        Field::Term => 100,
        Field::Synonym => 60,
        Field::Definition => 20,
    };
    forms
        .iter()
        .enumerate()
        .filter_map(|(form_index, form)| {
            let at = find(&field.folded, form)?;
            let whole = at == 0 && form.len() == field.folded.len();
            let word_start = at == 0 || field.folded[at - 1] == ' ';
            let bonus = if whole {
                50
            } else if at == 0 {
                30
            } else if word_start {
                15
            } else {
                0
            };
            // The literal word beats the word with its prefix removed.
            Some(weight + bonus - if form_index > 0 { 5 } else { 0 })
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::model::testing::entry;

    #[test]
    fn search_is_hebrew_aware_and_english_insensitive() {
        let index = Index::build(&[
            entry("dt", "טרנספורמציה דיגיטלית", "Digital transformation"),
            entry("bt", "טרנספורמציה עסקית", "Business transformation"),
            entry("cafe", "בית קפה", "Café"),
            Entry {
                synonyms_en: vec!["DX".into()],
                abbreviations_he: vec!["מנמ\"ר".into()],
                definition_he: "מנהל מערכות מידע ראשי".into(),
                ..entry("cio", "מנהל מערכות מידע", "Chief information officer")
            },
        ]);
        let ids = |q: &str| {
            index
                .search(q)
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        };
        // (query, expected ids in order)
        let table: [(&str, &[&str]); 11] = [
            ("טרנספורמציה", &["bt", "dt"]),
            ("טְרַנְסְפוֹרְמַצְיָה", &["bt", "dt"]),
            ("וטרנספורמציה", &["bt", "dt"]),
            ("טרנספורמציה דיגיטלית", &["dt"]),
            ("digital TRANSFORMATION", &["dt"]),
            ("cafe", &["cafe"]),
            ("CAFÉ", &["cafe"]),
            ("מנמר", &["cio"]),
            ("dx", &["cio"]),
            ("   ", &[]),
            ("zzz", &[]),
        ];
        for (query, expected) in table {
            let got = ids(query);
            let mut got_sorted = got.clone();
            let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            if query.starts_with('ט') || query.starts_with('ו') {
                // Equal scores keep index order; compare as sets there.
                got_sorted.sort();
                want.sort();
                assert_eq!(got_sorted, want, "{query}");
            } else {
                assert_eq!(got, want, "{query}");
            }
        }
    }

    #[test]
    fn an_emoji_only_term_is_found() {
        let index = Index::build(&[
            entry("rocket", "🚀", ""),
            entry("ok", "✅ מאושר", "Approved"),
        ]);
        let ids = |q: &str| {
            index
                .search(q)
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("🚀"), vec!["rocket"]);
        assert_eq!(ids("✅"), vec!["ok"]);
        assert_eq!(ids("✅️"), vec!["ok"], "with a presentation selector typed");
    }

    #[test]
    fn a_term_match_outranks_a_synonym_which_outranks_a_definition() {
        let index = Index::build(&[
            Entry {
                definition_en: "Agile ways of working".into(),
                ..entry("d", "", "Scrum")
            },
            Entry {
                synonyms_en: vec!["agile delivery".into()],
                ..entry("s", "", "Iterative delivery")
            },
            entry("t", "אג'ייל", "Agile"),
        ]);
        let ranked: Vec<String> = index
            .search("agile")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ranked, vec!["t", "s", "d"]);
        let literal = Index::build(&[entry("a", "הבית", ""), entry("b", "בית", "")]);
        assert_eq!(literal.search("הבית")[0].0, "a", "the literal word first");
    }

    #[test]
    fn one_entry_is_refolded_or_removed_without_rebuilding_the_rest() {
        let mut index = Index::build(&[entry("a", "ענן", "Cloud"), entry("b", "נתונים", "Data")]);
        assert!(
            !index.upsert(&entry("a", "ענן", "Cloud")),
            "the same text is no change"
        );
        assert!(index.upsert(&Entry {
            definition_en: "shared infrastructure".into(),
            ..entry("a", "ענן", "Cloud")
        }));
        assert_eq!(index.search("infrastructure")[0].0, "a");
        assert!(index.remove("a"));
        assert!(!index.remove("a"));
        assert!(index.search("infrastructure").is_empty());
        assert_eq!(
            index.search("data")[0].0,
            "b",
            "the entry moved into the gap is still found"
        );
        assert!(index.upsert(&entry("c", "", "Data lake")));
        assert_eq!(index.len(), 2);
        assert_eq!(
            index,
            Index::build(&[entry("b", "נתונים", "Data"), entry("c", "", "Data lake")])
        );
    }
}

//! Alphabetical order: Hebrew alef-bet or English A–Z, and the jump bar's letters.

use super::fold_text;
use crate::glossary::model::Entry;

/// The sort key for an entry in `hebrew` (alef-bet) or English (A–Z) order: entries whose
/// term in that language starts with one of its letters first, in that order; then terms that
/// start otherwise (a Latin word in the Hebrew column, a digit); then entries with no term in
/// that language, by the other one.
pub fn sort_key(entry: &Entry, hebrew: bool) -> (u8, String) {
    let (first, second) = if hebrew {
        (&entry.term_he, &entry.term_en)
    } else {
        (&entry.term_en, &entry.term_he)
    };
    let primary = fold_text(first);
    let in_script = |c: char| {
        if hebrew {
            ('א'..='ת').contains(&c)
        } else {
            c.is_ascii_lowercase()
        }
    };
    match primary.chars().next() {
        Some(c) if in_script(c) => (0, primary),
        Some(_) => (1, primary),
        None => (2, fold_text(second)),
    }
}

/// Sorts entries for display: Hebrew alef-bet or English A–Z (see [`sort_key`]).
pub fn sort_entries(entries: &mut [Entry], hebrew: bool) {
    entries.sort_by_cached_key(|e| (sort_key(e, hebrew), e.id.clone()));
}

/// The alphabet of the jump bar.
pub fn alphabet(hebrew: bool) -> Vec<char> {
    if hebrew {
        "אבגדהוזחטיכלמנסעפצקרשת".chars().collect()
    } else {
        ('a'..='z').collect()
    }
}

/// The letter an entry files under in the jump bar, if it is in [`alphabet`].
pub fn initial(entry: &Entry, hebrew: bool) -> Option<char> {
    let (rank, key) = sort_key(entry, hebrew);
    if rank != 0 {
        return None;
    }
    key.chars()
        .find(|c| *c != ' ')
        .filter(|c| alphabet(hebrew).contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::model::testing::entry;

    #[test]
    fn collation_is_alef_bet_then_english_a_to_z() {
        let mut entries = vec![
            entry("1", "תכנון", "Planning"),
            entry("2", "אג'ייל", "Agile"),
            entry("3", "", "Benchmark"),
            entry("4", "מסע לקוח", "Customer journey"),
            entry("5", "ך-סופית", "Zed"),
            entry("6", "כלי", "tool"),
        ];
        sort_entries(&mut entries, true);
        let order: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            order,
            vec!["2", "5", "6", "4", "1", "3"],
            "final kaf sorts as kaf; no Hebrew term last"
        );
        sort_entries(&mut entries, false);
        let order: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(order, vec!["2", "3", "4", "1", "6", "5"]);
        assert_eq!(initial(&entry("x", "ךלום", ""), true), Some('כ'));
        assert_eq!(initial(&entry("x", "", "Zed"), true), None);
        assert_eq!(initial(&entry("x", "", "Zed"), false), Some('z'));
        // A Latin term in the Hebrew column files after the Hebrew ones, before the empty ones.
        let mut mixed = vec![
            entry("l", "Agile (אג'ייל)", "Agile"),
            entry("h", "תכנון", ""),
            entry("e", "", "Benchmark"),
        ];
        sort_entries(&mut mixed, true);
        assert_eq!(
            mixed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            vec!["h", "l", "e"]
        );
        assert_eq!(alphabet(true).len(), 22);
    }
}

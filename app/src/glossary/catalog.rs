//! What the glossary list needs of every entry, kept up to date **one entry at a time**: both
//! alphabetical orders, the search index, each entry's status and domain, and the jump bar's
//! letters. A remote edit to one entry re-folds that entry and, only if its terms changed, moves
//! it within the orders (a binary search and one insertion), never re-sorting, re-cloning or
//! re-indexing the other 1,999. The list view asks [`Catalog::list`] for ids and renders each
//! entry from its own signal (see [`super::state`]).

use std::collections::HashMap;

use super::{
    model::{Entry, Status},
    search::{self, Index},
};

/// An entry's place in one order: its sort key, then its id (ties).
type Place = ((u8, String), String);

/// What the list filters on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Facets {
    status: Status,
    domain: String,
    initial_he: Option<char>,
    initial_en: Option<char>,
}

/// What a change did to the catalog (what the views must redo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Touched {
    /// An entry came, went, or moved in an order (titles lists must be rebuilt).
    pub order: bool,
    /// Something the list shows or filters by changed (order, status, domain, searched text).
    pub list: bool,
}

impl Touched {
    /// What either did.
    pub fn or(self, other: Touched) -> Touched {
        Touched {
            order: self.order || other.order,
            list: self.list || other.list,
        }
    }
}

/// What to list: the search box, the filters and the order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// What was typed (empty: everything, in order).
    pub text: String,
    /// Only entries with this status.
    pub status: Option<Status>,
    /// Only entries of this domain (empty: any).
    pub domain: String,
    /// Alef-bet order (else A–Z).
    pub hebrew: bool,
}

/// The list's view of every entry. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    he: Vec<Place>,
    en: Vec<Place>,
    facets: HashMap<String, Facets>,
    index: Index,
}

fn place(entry: &Entry, hebrew: bool) -> Place {
    (search::sort_key(entry, hebrew), entry.id.clone())
}

/// Puts `new` where it belongs in `order` (sorted), replacing `old` if given; true if it moved.
fn reposition(order: &mut Vec<Place>, old: Option<Place>, new: Place) -> bool {
    if old.as_ref() == Some(&new) {
        return false;
    }
    if let Some(old) = old {
        if let Ok(at) = order.binary_search(&old) {
            order.remove(at);
        }
    }
    let at = order.binary_search(&new).unwrap_or_else(|at| at);
    order.insert(at, new);
    true
}

impl Catalog {
    /// A catalog of `entries`.
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Catalog {
        let mut catalog = Catalog::default();
        for entry in entries {
            catalog.upsert(None, entry);
        }
        catalog
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.facets.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.facets.is_empty()
    }

    /// Takes in `entry`, whose previous version (if any) was `old`.
    pub fn upsert(&mut self, old: Option<&Entry>, entry: &Entry) -> Touched {
        let facets = Facets {
            status: entry.status(),
            domain: entry.domain.trim().to_string(),
            initial_he: search::initial(entry, true),
            initial_en: search::initial(entry, false),
        };
        let moved_he = reposition(
            &mut self.he,
            old.map(|o| place(o, true)),
            place(entry, true),
        );
        let moved_en = reposition(
            &mut self.en,
            old.map(|o| place(o, false)),
            place(entry, false),
        );
        let faceted = self.facets.insert(entry.id.clone(), facets.clone()) != Some(facets);
        let searched = self.index.upsert(entry);
        let order = moved_he || moved_en;
        Touched {
            order,
            list: order || faceted || searched,
        }
    }

    /// Forgets `entry` (as it was last taken in).
    pub fn remove(&mut self, entry: &Entry) -> Touched {
        if self.facets.remove(&entry.id).is_none() {
            return Touched::default();
        }
        for (order, hebrew) in [(&mut self.he, true), (&mut self.en, false)] {
            if let Ok(at) = order.binary_search(&place(entry, hebrew)) {
                order.remove(at);
            }
        }
        self.index.remove(&entry.id);
        Touched {
            order: true,
            list: true,
        }
    }

    fn order(&self, hebrew: bool) -> &[Place] {
        if hebrew {
            &self.he
        } else {
            &self.en
        }
    }

    /// Every id in alphabetical order.
    pub fn ids(&self, hebrew: bool) -> impl Iterator<Item = &str> {
        self.order(hebrew).iter().map(|(_, id)| id.as_str())
    }

    /// The ids to list for `query`: in order when nothing is typed, else best match first (ties
    /// in alphabetical order).
    pub fn list(&self, query: &ListQuery) -> Vec<String> {
        let keep = |id: &str| {
            self.facets.get(id).is_some_and(|f| {
                query.status.is_none_or(|s| f.status == s)
                    && (query.domain.is_empty() || f.domain == query.domain)
            })
        };
        if query.text.trim().is_empty() {
            return self
                .ids(query.hebrew)
                .filter(|id| keep(id))
                .map(str::to_string)
                .collect();
        }
        let position: HashMap<&str, usize> = self
            .ids(query.hebrew)
            .enumerate()
            .map(|(n, id)| (id, n))
            .collect();
        let mut hits: Vec<(String, u32)> = self
            .index
            .search(&query.text)
            .into_iter()
            .filter(|(id, _)| keep(id))
            .collect();
        hits.sort_by_key(|(id, score)| {
            (
                std::cmp::Reverse(*score),
                position.get(id.as_str()).copied(),
            )
        });
        hits.into_iter().map(|(id, _)| id).collect()
    }

    /// An entry picker's choices: the entries matching `text`, best first, leaving out
    /// `exclude`, at most `limit`. Nothing until something is typed (a picker offers what was
    /// asked for, never a list of every entry).
    pub fn find(&self, text: &str, hebrew: bool, exclude: &[String], limit: usize) -> Vec<String> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        let query = ListQuery {
            text: text.to_string(),
            hebrew,
            ..Default::default()
        };
        self.list(&query)
            .into_iter()
            .filter(|id| !exclude.contains(id))
            .take(limit)
            .collect()
    }

    /// Every domain in use, folded order, once each.
    pub fn domains(&self) -> Vec<String> {
        let mut domains: Vec<String> = self
            .facets
            .values()
            .map(|f| f.domain.clone())
            .filter(|d| !d.is_empty())
            .collect();
        domains.sort_by_key(|d| search::fold_text(d));
        domains.dedup();
        domains
    }

    /// The letter `id` files under in the jump bar, in `hebrew` or English order.
    pub fn initial(&self, id: &str, hebrew: bool) -> Option<char> {
        let facets = self.facets.get(id)?;
        if hebrew {
            facets.initial_he
        } else {
            facets.initial_en
        }
    }

    /// For a listed `ids`, the first id under each jump-bar letter, and that letter.
    pub fn letter_starts(&self, ids: &[String], hebrew: bool) -> Vec<(char, usize, String)> {
        let mut starts: Vec<(char, usize, String)> = Vec::new();
        for (position, id) in ids.iter().enumerate() {
            if let Some(letter) = self.initial(id, hebrew) {
                if !starts.iter().any(|(l, _, _)| *l == letter) {
                    starts.push((letter, position, id.clone()));
                }
            }
        }
        starts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::model::testing::entry;

    fn everything(hebrew: bool) -> ListQuery {
        ListQuery {
            hebrew,
            ..Default::default()
        }
    }

    #[test]
    fn lists_in_both_orders_and_keeps_them_as_entries_change() {
        let a = entry("a", "תכנון", "Planning");
        let b = entry("b", "אג'ייל", "Agile");
        let c = entry("c", "ענן", "Cloud");
        let mut catalog = Catalog::of([&a, &b, &c]);
        assert_eq!(catalog.list(&everything(true)), ["b", "c", "a"]);
        assert_eq!(catalog.list(&everything(false)), ["b", "c", "a"]);
        // A definition edit moves nothing; the list must still look (it is searched).
        let a2 = Entry {
            definition_en: "deciding ahead".into(),
            ..a.clone()
        };
        assert_eq!(
            catalog.upsert(Some(&a), &a2),
            Touched {
                order: false,
                list: true
            }
        );
        // A renamed term moves just that entry.
        let c2 = entry("c", "אבטחה", "Security");
        let touched = catalog.upsert(Some(&c), &c2);
        assert!(touched.order && touched.list);
        assert_eq!(catalog.list(&everything(true)), ["c", "b", "a"]);
        assert_eq!(catalog.list(&everything(false)), ["b", "a", "c"]);
        // The same version again is no change at all.
        assert_eq!(catalog.upsert(Some(&c2), &c2), Touched::default());
        assert_eq!(
            catalog.remove(&b),
            Touched {
                order: true,
                list: true
            }
        );
        assert_eq!(catalog.list(&everything(true)), ["c", "a"]);
        assert_eq!(catalog.len(), 2);
        // Built afresh from the final entries, it is the same catalog.
        let fresh = Catalog::of([&a2, &c2]);
        assert_eq!(
            fresh.list(&everything(true)),
            catalog.list(&everything(true))
        );
        assert_eq!(
            fresh.list(&everything(false)),
            catalog.list(&everything(false))
        );
    }

    #[test]
    fn filters_and_search_rank_then_keep_alphabetical_ties() {
        let mut entries = vec![
            Entry {
                status: Some(Status::Approved),
                domain: "ענן".into(),
                ..entry("z", "תשתית ענן", "Cloud infrastructure")
            },
            Entry {
                domain: " ענן ".into(),
                ..entry("y", "ענן ציבורי", "Cloud, public")
            },
            Entry {
                definition_en: "runs in the cloud".into(),
                ..entry("x", "שירות", "Service")
            },
        ];
        let mut catalog = Catalog::of(&entries);
        let q = |text: &str, status, domain: &str| ListQuery {
            text: text.into(),
            status,
            domain: domain.into(),
            hebrew: true,
        };
        // Two term matches tie on score: alef-bet order between them; the definition match last.
        assert_eq!(catalog.list(&q("cloud", None, "")), ["y", "z", "x"]);
        assert_eq!(catalog.list(&q("cloud", Some(Status::Approved), "")), ["z"]);
        assert_eq!(catalog.list(&q("", None, "ענן")), ["y", "z"]);
        assert_eq!(catalog.domains(), ["ענן"]);
        // A removed entry is gone from search and filters.
        let gone = entries.remove(0);
        catalog.remove(&gone);
        assert_eq!(catalog.list(&q("cloud", None, "")), ["y", "x"]);
        assert!(catalog.list(&q("", Some(Status::Approved), "")).is_empty());
    }

    #[test]
    fn a_picker_finds_what_was_typed_best_first_without_the_excluded() {
        let defined = |id, he, definition: &str| Entry {
            definition_he: definition.into(),
            ..entry(id, he, "")
        };
        let catalog = Catalog::of(&[
            defined("a", "ענן", "אחסון בענן ציבורי"),
            defined("b", "ענן פרטי", "ענן של ארגון אחד"),
            defined("c", "נתונים", "מידע"),
            defined("d", "מחשוב", "שירותי ענן"),
        ]);
        assert!(
            catalog.find("", true, &[], 8).is_empty(),
            "nothing before typing"
        );
        assert!(catalog.find("  ", true, &[], 8).is_empty());
        // Terms before definitions; the entry itself (excluded) is never offered.
        let found = catalog.find("ענן", true, &["a".to_string()], 8);
        assert_eq!(
            found,
            ["b", "d"],
            "the term match before the definition match"
        );
        // Hebrew-aware: a prefix letter is fine.
        assert_eq!(catalog.find("הנתונים", true, &[], 8), ["c"]);
        // At most `limit`.
        assert_eq!(catalog.find("ענן", true, &[], 1).len(), 1);
    }

    #[test]
    fn the_jump_bar_knows_each_letters_first_listed_entry() {
        let catalog = Catalog::of(&[
            entry("1", "אג'ייל", "Agile"),
            entry("2", "אבטחה", "Security"),
            entry("3", "ענן", "Cloud"),
            entry("4", "", "Zed"),
        ]);
        let ids = catalog.list(&everything(true));
        assert_eq!(ids, ["2", "1", "3", "4"]);
        assert_eq!(
            catalog.letter_starts(&ids, true),
            [('א', 0, "2".to_string()), ('ע', 2, "3".to_string())]
        );
        let en = catalog.list(&everything(false));
        assert_eq!(en, ["1", "3", "2", "4"]);
        assert_eq!(catalog.initial("4", false), Some('z'));
        assert_eq!(catalog.initial("4", true), None);
    }
}

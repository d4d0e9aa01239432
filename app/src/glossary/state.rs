//! The glossary as the views see it, in context: every entry in **its own signal**, and the
//! [`Catalog`] (orders, filters, search) patched one entry at a time.
//!
//! A change to one entry (typed here, or arriving from another member) re-reads that entry
//! from the document, sets that entry's signal (so only its row and its page re-render), and
//! re-folds it in the catalog; the list of ids is recomputed only when something it depends on
//! changed, and the `<For>` over it is keyed, so no other row is rebuilt. The map of signals
//! itself changes only when entries come or go.
//!
//! On start the entries come from the device's cached view ([`super::cache`]); when the
//! document has loaded, its entries replace them the same way — entries that did not change
//! since the cache was written are not touched at all.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use super::{
    catalog::{Catalog, ListQuery, Touched},
    model::Entry,
};

/// The glossary state, in context (see the module docs).
#[derive(Debug, Clone, Copy)]
pub struct GlossaryState {
    entries: RwSignal<HashMap<String, ArcRwSignal<Entry>>>,
    catalog: StoredValue<Catalog>,
    /// Bumped when an order changed (an entry came, went, or its terms changed).
    order: RwSignal<u64>,
    /// Bumped when anything the list shows or filters by changed.
    list: RwSignal<u64>,
    /// Bumped on every change (the cached view follows it).
    revision: RwSignal<u64>,
    /// True while the entries come from the device's cached view, before the document loaded.
    pub from_cache: RwSignal<bool>,
    /// The document's heads the cached view shows (none: no cache, or an older app's).
    pub cached_heads: RwSignal<Option<Vec<automerge::ChangeHash>>>,
}

impl GlossaryState {
    /// An empty glossary.
    pub fn new() -> Self {
        Self {
            entries: RwSignal::new(HashMap::new()),
            catalog: StoredValue::new(Catalog::default()),
            order: RwSignal::new(0),
            list: RwSignal::new(0),
            revision: RwSignal::new(0),
            from_cache: RwSignal::new(false),
            cached_heads: RwSignal::new(None),
        }
    }

    /// True while entries may be edited before the document has loaded: they come from a cached
    /// view that says which version it shows, and edits are made at that version (tracked).
    pub fn editable_before_load(&self) -> bool {
        self.from_cache.get() && self.cached_heads.with(Option::is_some)
    }

    /// Entry `id` (tracked: re-runs when that entry, and only that entry, changes).
    pub fn entry(&self, id: &str) -> Option<Entry> {
        self.entries.with(|m| m.get(id).cloned()).map(|s| s.get())
    }

    /// Entry `id`'s own signal, not tracked (for a keyed row, created once per id).
    pub fn signal_untracked(&self, id: &str) -> Option<ArcRwSignal<Entry>> {
        self.entries.with_untracked(|m| m.get(id).cloned())
    }

    /// True when there are no entries (tracked).
    pub fn is_empty(&self) -> bool {
        self.entries.with(HashMap::is_empty)
    }

    /// True when there are no entries (not tracked).
    pub fn is_empty_untracked(&self) -> bool {
        self.entries.with_untracked(HashMap::is_empty)
    }

    /// Every entry's id now (not tracked).
    pub fn all_ids_untracked(&self) -> Vec<String> {
        self.entries.with_untracked(|m| m.keys().cloned().collect())
    }

    /// Every entry now, in no order (not tracked: for actions such as export and import).
    pub fn all_untracked(&self) -> Vec<Entry> {
        self.entries
            .with_untracked(|m| m.values().map(|s| s.get_untracked()).collect())
    }

    /// The ids to list for `query` (tracked: re-runs only when the list may have changed).
    pub fn list(&self, query: &ListQuery) -> Vec<String> {
        self.list.track();
        self.catalog.with_value(|c| c.list(query))
    }

    /// Every domain in use (tracked like [`Self::list`]).
    pub fn domains(&self) -> Vec<String> {
        self.list.track();
        self.catalog.with_value(Catalog::domains)
    }

    /// For listed `ids`, each jump-bar letter's first entry: (letter, position, id).
    pub fn letter_starts(&self, ids: &[String], hebrew: bool) -> Vec<(char, usize, String)> {
        self.list.track();
        self.catalog.with_value(|c| c.letter_starts(ids, hebrew))
    }

    /// Entry `id`'s title in `hebrew` or English (tracked: that entry only).
    pub fn title(&self, id: &str, hebrew: bool) -> Option<String> {
        let signal = self.entries.with(|m| m.get(id).cloned())?;
        Some(signal.with(|e| e.title(hebrew).to_string()))
    }

    /// An entry picker's choices for what was typed: (id, title), best match first, at most
    /// `limit`, leaving out `exclude` ([`Catalog::find`]; tracked like the list).
    pub fn find(
        &self,
        text: &str,
        hebrew: bool,
        exclude: &[String],
        limit: usize,
    ) -> Vec<(String, String)> {
        self.list.track();
        let ids = self
            .catalog
            .with_value(|c| c.find(text, hebrew, exclude, limit));
        self.entries.with_untracked(|m| {
            ids.into_iter()
                .filter_map(|id| {
                    let title = m.get(&id)?.with_untracked(|e| e.title(hebrew).to_string());
                    Some((id, title))
                })
                .collect()
        })
    }

    /// The entry a `[[reference]]` names ([`super::terms::resolve`]; tracked: re-runs when
    /// terms or synonyms change, not on every keystroke in a definition).
    pub fn resolve(&self, reference: &str) -> Option<Entry> {
        self.list.track();
        self.entries.with_untracked(|m| {
            let guards: Vec<_> = m.values().map(|s| s.read_untracked()).collect();
            super::terms::resolve(reference, guards.iter().map(|g| &**g)).cloned()
        })
    }

    /// Changes since the last look (the cached view follows it).
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// [`Self::revision`], not tracked.
    pub fn revision_untracked(&self) -> u64 {
        self.revision.get_untracked()
    }

    /// Takes in new versions of some entries: `(id, Some(entry))` for an entry now so, `(id,
    /// None)` for one that is gone. Entries equal to what is shown are not touched.
    pub fn apply(&self, changes: Vec<(String, Option<Entry>)>) {
        self.stage(changes).announce();
    }

    /// [`GlossaryState::apply`] without telling the views yet: the entries, the catalog and the
    /// orders change now, and the views re-render when the result is
    /// [announced](Staged::announce). Why: the cached view of 2,000 entries takes ~30 ms to put
    /// in place and the entry page ~30 ms to render from it; staged in one task and announced in
    /// the next, neither is a long task.
    pub fn stage(&self, changes: Vec<(String, Option<Entry>)>) -> Staged {
        let mut staged = Staged {
            state: *self,
            changed: Vec::new(),
            map: false,
            touched: Touched::default(),
            any: false,
        };
        let mut added: Vec<Entry> = Vec::new();
        let mut removed: Vec<String> = Vec::new();
        for (id, new) in changes {
            let signal = self.entries.with_untracked(|m| m.get(&id).cloned());
            let old = signal.as_ref().map(ArcRwSignal::get_untracked);
            if old == new {
                continue;
            }
            staged.any = true;
            let this = self.catalog.try_update_value(|c| match (&old, &new) {
                (old, Some(new)) => c.upsert(old.as_ref(), new),
                (Some(old), None) => c.remove(old),
                (None, None) => Touched::default(),
            });
            staged.touched = staged.touched.or(this.unwrap_or_default());
            match (signal, new) {
                (Some(signal), Some(new)) => {
                    signal.update_untracked(|e| *e = new);
                    staged.changed.push(signal);
                }
                (None, Some(new)) => added.push(new),
                (Some(_), None) => removed.push(id),
                (None, None) => {}
            }
        }
        if !added.is_empty() || !removed.is_empty() {
            staged.map = true;
            self.entries.update_untracked(|m| {
                for id in &removed {
                    m.remove(id);
                }
                for entry in added {
                    m.insert(entry.id.clone(), ArcRwSignal::new(entry));
                }
            });
        }
        staged
    }

    /// Makes the glossary exactly `entries` (the cached view, or the whole document): what is
    /// not in it is removed, what differs is updated, what is equal stays untouched.
    pub fn replace_all(&self, entries: Vec<Entry>) {
        self.stage_all(entries).announce();
    }

    /// [`GlossaryState::replace_all`], [staged](GlossaryState::stage).
    pub fn stage_all(&self, entries: Vec<Entry>) -> Staged {
        let keep: HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
        let gone: Vec<(String, Option<Entry>)> = self.entries.with_untracked(|m| {
            m.keys()
                .filter(|id| !keep.contains(*id))
                .map(|id| (id.clone(), None))
                .collect()
        });
        let mut changes: Vec<(String, Option<Entry>)> = entries
            .into_iter()
            .map(|e| (e.id.clone(), Some(e)))
            .collect();
        changes.extend(gone);
        self.stage(changes)
    }
}

/// Changes made to the glossary state that the views have not been told of yet (see
/// [`GlossaryState::stage`]). Dropping it unannounced leaves views showing the old entries.
#[must_use = "views only see the change once it is announced"]
pub struct Staged {
    state: GlossaryState,
    changed: Vec<ArcRwSignal<Entry>>,
    map: bool,
    touched: Touched,
    any: bool,
}

impl Staged {
    /// Tells the views: each changed entry's row, the lists, the orders and the revision.
    pub fn announce(self) {
        for signal in &self.changed {
            signal.notify();
        }
        let state = self.state;
        if self.map {
            state.entries.notify();
        }
        if self.touched.order {
            state.order.update(|n| *n += 1);
        }
        if self.touched.list {
            state.list.update(|n| *n += 1);
        }
        if self.any {
            state.revision.update(|n| *n += 1);
        }
    }
}

impl Default for GlossaryState {
    fn default() -> Self {
        Self::new()
    }
}

/// The glossary state from context (an empty one outside a glossary, e.g. in tests).
pub fn use_glossary() -> GlossaryState {
    use_context::<GlossaryState>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::sync::{
        atomic::{AtomicU32, Ordering},
        Arc,
    };

    use super::*;

    fn entry(id: &str, he: &str, definition: &str) -> Entry {
        Entry {
            id: id.into(),
            term_he: he.into(),
            definition_he: definition.into(),
            ..Default::default()
        }
    }

    /// A memo that counts its runs.
    fn counted<T: PartialEq + Send + Sync + 'static>(
        f: impl Fn() -> T + Send + Sync + 'static,
    ) -> (Memo<T>, Arc<AtomicU32>) {
        let runs = Arc::new(AtomicU32::new(0));
        let counter = runs.clone();
        let memo = Memo::new(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            f()
        });
        (memo, runs)
    }

    #[test]
    fn one_entry_changing_reruns_only_what_reads_it() {
        let owner = Owner::new();
        owner.set();
        let state = GlossaryState::new();
        state.replace_all(vec![
            entry("a", "ענן", "אחסון"),
            entry("b", "נתונים", "מידע"),
        ]);
        // A row holds its entry's signal (as the list's rows do).
        let row_a = state.signal_untracked("a").unwrap();
        let (a, a_runs) = counted(move || Some(row_a.get()));
        let (list, list_runs) = counted(move || {
            state.list(&ListQuery {
                hebrew: true,
                ..Default::default()
            })
        });
        let (titles, title_runs) = counted(move || state.title("a", true));
        assert_eq!(list.get(), ["b", "a"]);
        assert_eq!(a.get().unwrap().definition_he, "אחסון");
        assert_eq!(titles.get().as_deref(), Some("ענן"));
        let runs = |c: &Arc<AtomicU32>| c.load(Ordering::SeqCst);
        let before = (runs(&a_runs), runs(&title_runs));

        // Another member edits b's definition: a is not re-read, a's title is not redone, and the
        // list is asked again (b's text is searched) but comes out the same.
        state.apply(vec![("b".into(), Some(entry("b", "נתונים", "מידע גולמי")))]);
        assert_eq!(a.get().unwrap().definition_he, "אחסון");
        assert_eq!(titles.get().as_deref(), Some("ענן"));
        assert_eq!(list.get(), ["b", "a"]);
        assert_eq!((runs(&a_runs), runs(&title_runs)), before);
        assert_eq!(state.entry("b").unwrap().definition_he, "מידע גולמי");

        // The same version again (a presence round, a re-read): nothing runs at all.
        let list_before = runs(&list_runs);
        state.apply(vec![("b".into(), Some(entry("b", "נתונים", "מידע גולמי")))]);
        let _ = (list.get(), titles.get(), a.get());
        assert_eq!(runs(&list_runs), list_before);

        // A rename moves b in the order; a new entry and a removal are seen.
        state.replace_all(vec![
            entry("a", "ענן", "אחסון"),
            entry("b", "תשתית", "x"),
            entry("c", "אבטחה", ""),
        ]);
        assert_eq!(list.get(), ["c", "a", "b"]);
        assert_eq!(runs(&a_runs), before.0, "a itself never changed");
        state.replace_all(vec![entry("c", "אבטחה", "")]);
        assert_eq!(list.get(), ["c"]);
        assert_eq!(state.entry("a"), None);
        assert_eq!(state.all_untracked().len(), 1);
        drop(owner);
    }

    #[test]
    fn staged_changes_reach_the_views_only_when_announced() {
        let owner = Owner::new();
        owner.set();
        let state = GlossaryState::new();
        state.replace_all(vec![entry("a", "ענן", "אחסון")]);
        let row_a = state.signal_untracked("a").unwrap();
        let (a, _) = counted(move || row_a.get().definition_he);
        let (list, _) = counted(move || {
            state.list(&ListQuery {
                hebrew: true,
                ..Default::default()
            })
        });
        let revision = Memo::new(move |_| state.revision());
        assert_eq!(
            (a.get(), list.get()),
            ("אחסון".to_string(), vec!["a".to_string()])
        );
        let before = revision.get();

        let staged = state.stage(vec![
            ("a".into(), Some(entry("a", "ענן", "אחסון מרוחק"))),
            ("b".into(), Some(entry("b", "אבטחה", ""))),
        ]);
        // In place, but the views still show what they showed.
        assert_eq!(state.all_untracked().len(), 2);
        assert_eq!(a.get(), "אחסון");
        assert_eq!(list.get(), ["a"]);
        assert_eq!(revision.get(), before);

        staged.announce();
        assert_eq!(a.get(), "אחסון מרוחק");
        assert_eq!(list.get(), ["b", "a"]);
        assert_eq!(revision.get(), before + 1);
        drop(owner);
    }
}

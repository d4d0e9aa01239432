//! The terminology glossary: the community's shared language, Hebrew and English, co-edited.
//!
//! - [`model`] — the glossary document's schema, entries, edits, review workflow, history.
//! - [`search`] — Hebrew-aware search, ranking, highlighting, alef-bet and A–Z order.
//! - [`io`] — CSV/JSON import with validation; CSV (with BOM)/JSON/Markdown export; the
//!   starter glossary.
//! - [`terms`] — `[[term]]` references in prose, rendered as links with the definition.
//! - [`feature`] — the declaration: documents, pages, navigation (registered in
//!   [`crate::features`]).
//! - [`strings`] — every string the glossary shows, Hebrew and English.
//! - [`view`] — the list, an entry (read, edit, review, history, share), a new entry, import and
//!   export.
//!
//! [`provide_glossary`] keeps a map of every entry in context, **patched** from the document's
//! changes: a change to one entry re-reads that entry only (see [`crate::sync::DocHandle::on_change`]).

pub mod cache;
pub mod feature;
pub mod io;
pub mod model;
pub mod search;
pub mod strings;
pub mod terms;
pub mod view;

pub use feature::FEATURE;

use std::collections::HashMap;

use leptos::prelude::*;

use crate::{browser, platform::facts::use_facts};
use model::{read_entry, At, Entry};
use sync_core::documents::GLOSSARY;

/// The glossary as the views see it, in context.
#[derive(Debug, Clone, Copy)]
pub struct GlossaryState {
    /// Every entry, by id.
    pub entries: RwSignal<HashMap<String, Entry>>,
    /// True while the entries come from the device's cached view, before the document loaded.
    pub from_cache: RwSignal<bool>,
}

/// The glossary state from context.
pub fn use_glossary() -> GlossaryState {
    use_context::<GlossaryState>().unwrap_or_else(|| GlossaryState {
        entries: RwSignal::new(HashMap::new()),
        from_cache: RwSignal::new(false),
    })
}

/// How long after the last change the cached view is rewritten, in milliseconds. Why: a burst
/// of typing becomes one write of the (possibly megabyte-sized) cache, not one per keystroke.
pub const CACHE_DELAY_MS: u64 = 3_000;

/// Puts the glossary in context and keeps it patched from the document. Call once, at the root
/// (from the feature declaration; it follows the community facts as they arrive).
pub fn provide_glossary() {
    let state = GlossaryState {
        entries: RwSignal::new(HashMap::new()),
        from_cache: RwSignal::new(false),
    };
    provide_context(state);
    let facts = use_facts();
    // Show the device's cached view as soon as the session is known (see `cache`).
    Effect::new(move |_| {
        let Some(community) = facts.community.get() else {
            return;
        };
        if state.entries.with_untracked(HashMap::is_empty) && !state.from_cache.get_untracked() {
            let started = browser::now_precise();
            if let Some(cached) = cache::load(&community) {
                state
                    .entries
                    .set(cached.into_iter().map(|e| (e.id.clone(), e)).collect());
                state.from_cache.set(true);
                crate::sync::bench_record("glossary-cache-ms", browser::now_precise() - started);
            }
        }
    });
    // Keep the cache a few seconds behind the document (one write per burst of edits).
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let count = state.entries.with(HashMap::len);
        if state.from_cache.get() || count == 0 {
            return;
        }
        let Some(community) = facts.community.get() else {
            return;
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() == mine {
                    let entries: Vec<Entry> = state
                        .entries
                        .with_untracked(|m| m.values().cloned().collect());
                    cache::save(&community, &entries);
                }
            },
            std::time::Duration::from_millis(CACHE_DELAY_MS),
        );
    });
    Effect::new(move |_| {
        let Some(handle) = facts.document(GLOSSARY) else {
            return;
        };
        handle.on_change(&["entries"], move |touched| {
            let whole = touched.iter().any(|path| path.len() < 2);
            let ids: Vec<String> = if whole {
                handle.read(|doc| model::all_entries(doc).into_iter().map(|e| e.id).collect())
            } else {
                let mut ids: Vec<String> = touched
                    .iter()
                    .filter(|path| path.first().map(String::as_str) == Some("entries"))
                    .filter_map(|path| path.get(1).cloned())
                    .collect();
                ids.sort();
                ids.dedup();
                ids
            };
            let fresh: Vec<(String, Option<Entry>)> = handle.read(|doc| {
                ids.into_iter()
                    .map(|id| {
                        let entry = read_entry(doc, &id, At(None));
                        (id, entry)
                    })
                    .collect()
            });
            state.from_cache.set(false);
            state.entries.update(|entries| {
                if whole {
                    entries.clear();
                }
                for (id, entry) in fresh {
                    match entry {
                        Some(entry) => {
                            entries.insert(id, entry);
                        }
                        None => {
                            entries.remove(&id);
                        }
                    }
                }
            });
        });
    });
}

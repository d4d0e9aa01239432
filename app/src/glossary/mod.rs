//! The terminology glossary: the community's shared language, Hebrew and English, co-edited.
//!
//! - [`model`] — the glossary document's schema, entries and edits.
//! - [`review`] — the review workflow: who may move an entry where, and which actions to offer.
//! - [`history`] — each entry's history, from the commit notes.
//! - [`search`] — Hebrew-aware search, ranking, highlighting, alef-bet and A–Z order.
//! - [`catalog`] — orders, filters and search over every entry, patched one entry at a time.
//! - [`state`] — the entries in context, each in its own signal.
//! - [`cache`] — the list as last shown, kept on the device so it opens at once.
//! - [`io`] — CSV/JSON import with validation; CSV (with BOM)/JSON/Markdown export; the
//!   starter glossary.
//! - [`terms`] — `[[term]]` references in prose, rendered as links with the definition.
//! - [`feature`] — the declaration: documents, pages, navigation (registered in
//!   [`crate::features`]).
//! - [`strings`] — every string the glossary shows, Hebrew and English.
//! - [`view`] — the pages: the list, an entry (read, edit, review, history, share), a new
//!   entry, import and export.
//!
//! [`provide_glossary`] keeps the entries in context ([`state`]), **patched** from the
//! document's changes: a change to one entry re-reads that entry only (see
//! [`crate::sync::DocHandle::on_change`]).

pub mod actions;
pub mod cache;
pub mod catalog;
pub mod feature;
pub mod history;
pub mod io;
pub mod model;
pub mod review;
pub mod search;
pub mod state;
pub mod strings;
pub mod terms;
pub mod view;

pub use feature::FEATURE;
pub use state::{use_glossary, GlossaryState};

use leptos::prelude::*;

use crate::{browser, platform::facts::use_facts};
use model::{read_entry, At, Entry};
use sync_core::documents::GLOSSARY;

/// How long after the last change the cached view is rewritten, in milliseconds. Why: a burst
/// of typing becomes one write of the (possibly megabyte-sized) cache, not one per keystroke.
pub const CACHE_DELAY_MS: u64 = 3_000;

/// Puts the glossary in context and keeps it patched from the document. Call once, at the root
/// (from the feature declaration; it follows the community facts as they arrive).
pub fn provide_glossary() {
    let state = GlossaryState::new();
    provide_context(state);
    let facts = use_facts();
    // The revision the device's cached view shows: nothing to write while it still does (a
    // document that loads and matches the cache writes nothing — a megabyte less to serialise).
    let cached_revision = StoredValue::new(None::<u64>);
    // Which whole-document read is current: a newer one (the document replaced again) stops an
    // older one between slices; none yet (0) lets the cached view in.
    let hydration = StoredValue::new(0u64);
    // Show the device's cached view as soon as the session is known (see `cache`): read in a
    // task of its own after the first paint, and shown in the next (each well under 50 ms for
    // 2,000 entries), unless the document got there first.
    let cache_asked = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(community) = facts.community.get() else {
            return;
        };
        if cache_asked.get_value() {
            return;
        }
        cache_asked.set_value(true);
        leptos::task::spawn_local(async move {
            browser::next_task().await;
            let started = browser::now_precise();
            let cached = cache::load(&community);
            crate::sync::bench_record("glossary-cache-parse-ms", browser::now_precise() - started);
            browser::next_task().await;
            let Some(cached) = cached else { return };
            if hydration.get_value() != 0 || !state.is_empty_untracked() {
                return;
            }
            // Put in place in one task, rendered in the next (see `GlossaryState::stage`).
            let applying = browser::now_precise();
            let heads = cached.heads();
            let staged = state.stage_all(cached.entries);
            crate::sync::bench_record("glossary-cache-apply-ms", browser::now_precise() - applying);
            browser::next_task().await;
            if hydration.get_value() == 0 {
                state.cached_heads.set(heads);
                state.from_cache.set(true);
            }
            staged.announce();
            cached_revision.set_value(Some(state.revision_untracked()));
            crate::sync::bench_record("glossary-cache-ms", browser::now_precise() - started);
        });
    });
    // Keep the cache a few seconds behind the document (one write per burst of edits).
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let revision = state.revision();
        if state.from_cache.get()
            || state.is_empty_untracked()
            || cached_revision.get_value() == Some(revision)
        {
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
                    let heads = facts
                        .document_untracked(GLOSSARY)
                        .map(|g| g.read(|doc| doc.get_heads()))
                        .unwrap_or_default();
                    cache::save(&community, &state.all_untracked(), &heads);
                    cached_revision.set_value(Some(state.revision_untracked()));
                }
            },
            std::time::Duration::from_millis(CACHE_DELAY_MS),
        );
    });
    // Edits made on the cached view before the document loads are made at its version.
    Effect::new(move |_| {
        if let (Some(handle), Some(heads)) = (facts.document(GLOSSARY), state.cached_heads.get()) {
            handle.show_from(heads);
        }
    });
    Effect::new(move |_| {
        let Some(handle) = facts.document(GLOSSARY) else {
            return;
        };
        handle.on_change(&["entries"], move |touched| {
            let whole = touched.iter().any(|path| path.len() < 2);
            if whole {
                hydration.update_value(|g| *g += 1);
                let mine = hydration.get_value();
                leptos::task::spawn_local(hydrate(state, handle, hydration, mine));
                return;
            }
            let mut ids: Vec<String> = touched
                .iter()
                .filter(|path| path.first().map(String::as_str) == Some("entries"))
                .filter_map(|path| path.get(1).cloned())
                .collect();
            ids.sort();
            ids.dedup();
            let fresh: Vec<(String, Option<Entry>)> = handle.read(|doc| {
                ids.into_iter()
                    .map(|id| {
                        let entry = read_entry(doc, &id, At(None));
                        (id, entry)
                    })
                    .collect()
            });
            state.apply(fresh);
        });
    });
}

/// Entries read from the document per task when the whole glossary is (re)read. Why: reading
/// 2,000 entries with their prose in one go is one long task that freezes the page; 100 are a
/// few milliseconds, and the page stays responsive between them.
pub const HYDRATE_BATCH: usize = 100;

/// Reads every entry of the document into the state, [`HYDRATE_BATCH`] at a time with a yield
/// to the browser between batches; then removes the entries the document no longer has.
/// Entries equal to what is shown (the cached view) are not touched. Stops if a newer read
/// started (`generation` moved past `mine`). Changes to single entries meanwhile are applied by
/// their own notifications, so whichever read comes last is the document's current state.
async fn hydrate(
    state: GlossaryState,
    handle: crate::sync::DocHandle,
    generation: StoredValue<u64>,
    mine: u64,
) {
    let ids: Vec<String> = handle.read(model::entry_ids);
    let started = browser::now_precise();
    for batch in ids.chunks(HYDRATE_BATCH) {
        if generation.get_value() != mine {
            return;
        }
        let fresh: Vec<(String, Option<Entry>)> = handle.read(|doc| {
            batch
                .iter()
                .map(|id| (id.clone(), read_entry(doc, id, At(None))))
                .collect()
        });
        state.apply(fresh);
        browser::next_task().await;
    }
    if generation.get_value() != mine {
        return;
    }
    let present: std::collections::HashSet<String> =
        handle.read(model::entry_ids).into_iter().collect();
    let gone: Vec<(String, Option<Entry>)> = state
        .all_ids_untracked()
        .into_iter()
        .filter(|id| !present.contains(id))
        .map(|id| (id, None))
        .collect();
    state.apply(gone);
    state.from_cache.set(false);
    crate::sync::bench_record("glossary-hydrate-ms", browser::now_precise() - started);
}

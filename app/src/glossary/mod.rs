//! The terminology glossary: the community's shared language, Hebrew and English, co-edited.
//!
//! - [`model`] — the glossary document's schema, entries, edits, review workflow, history.
//! - [`search`] — Hebrew-aware search, ranking, highlighting, alef-bet and A–Z order.
//! - [`io`] — CSV/JSON import with validation; CSV (with BOM)/JSON/Markdown export; the
//!   starter glossary.
//! - [`terms`] — `[[term]]` references in prose, rendered as links with the definition.
//! - [`view`] — the list, an entry (read, edit, review, history, share), a new entry, import and
//!   export.
//!
//! [`provide_glossary`] keeps a map of every entry in context, **patched** from the document's
//! changes: a change to one entry re-reads that entry only (see [`crate::sync::DocHandle::on_change`]).

pub mod io;
pub mod model;
pub mod search;
pub mod terms;
pub mod view;

use std::collections::HashMap;

use leptos::prelude::*;

use crate::community::use_community;
use model::{read_entry, At, Entry};

/// The glossary as the views see it, in context.
#[derive(Debug, Clone, Copy)]
pub struct GlossaryState {
    /// Every entry, by id.
    pub entries: RwSignal<HashMap<String, Entry>>,
}

/// The glossary state from context.
pub fn use_glossary() -> GlossaryState {
    use_context::<GlossaryState>().unwrap_or_else(|| GlossaryState {
        entries: RwSignal::new(HashMap::new()),
    })
}

/// Puts the glossary in context and keeps it patched from the document. Call once, at the root
/// (after [`crate::community::provide_community`]).
pub fn provide_glossary() {
    let state = GlossaryState {
        entries: RwSignal::new(HashMap::new()),
    };
    provide_context(state);
    let community = use_community();
    Effect::new(move |_| {
        let Some(handle) = community.glossary.get() else {
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

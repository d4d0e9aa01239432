//! The glossary list: search, then filters, order and the jump bar behind one control, and a page of entries at a time, one
//! keyed row each (a change to one entry re-renders that row only; see [`super::row`]).

use leptos::prelude::*;
use sync_core::{documents::GLOSSARY, roles::Role};

use super::{alphabet::AlphabetBar, options::ListOptions, role, row::EntryRow, status_name};
use crate::{
    browser::{self, now_precise},
    glossary::{actions, catalog::ListQuery, model::Status, strings::use_strings, use_glossary},
    i18n::{count, fill, isolate, use_language, Lang},
    platform::facts::use_facts,
    sync::bench_record,
};

/// Entries rendered at a time. Why: thousands of list items take seconds to lay out on a phone,
/// and nobody scrolls through them; search, filters and the jump bar get there.
pub(super) const PAGE: usize = 100;

/// The glossary list page.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let facts = use_facts();
    let glossary = use_glossary();
    let query = RwSignal::new(String::new());
    let status_filter = RwSignal::new(String::new());
    let domain_filter = RwSignal::new(String::new());
    let hebrew_order = RwSignal::new(lang.get_untracked() == Lang::He);
    let asked = Memo::new(move |_| ListQuery {
        text: query.get(),
        status: Status::parse(&status_filter.get()),
        domain: domain_filter.get(),
        hebrew: hebrew_order.get(),
    });
    let results = Memo::new(move |_| {
        let asked = asked.get();
        let started = now_precise();
        let ids = glossary.list(&asked);
        if !asked.text.trim().is_empty() {
            bench_record("search", now_precise() - started);
        }
        ids
    });
    let domains = Memo::new(move |_| glossary.domains());
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        asked.track();
        shown.set(PAGE);
    });
    let visible = Memo::new(move |_| {
        let limit = shown.get();
        results.with(|ids| ids.iter().take(limit).cloned().collect::<Vec<_>>())
    });
    // Each jump-bar letter's first listed entry (none while searching: results are by rank).
    let letters = Memo::new(move |_| {
        if query.with(|q| q.trim().is_empty()) {
            results.with(|ids| glossary.letter_starts(ids, hebrew_order.get()))
        } else {
            Vec::new()
        }
    });
    // Filters, order and the jump bar sit behind one control, so that on a phone the search and
    // the first results are on the first screen; the control names the filters in force.
    let options_open = RwSignal::new(false);
    let options_label = move || {
        let s = strings.get();
        let mut parts = vec![s.g_options.to_string()];
        if let Some(status) = Status::parse(&status_filter.get()) {
            parts.push(status_name(status, s).to_string());
        }
        let domain = domain_filter.get();
        if !domain.is_empty() {
            parts.push(isolate(&domain));
        }
        parts.join(" · ")
    };
    let ready =
        move || facts.document(GLOSSARY).is_some_and(|g| g.is_ready()) || glossary.from_cache.get();
    let can_write = move || role().is_some_and(Role::can_write);
    let is_admin = move || role() == Some(Role::Admin);
    let empty_state = move || {
        let s = strings.get();
        let text = if !ready() {
            s.g_loading.to_string()
        } else if glossary.is_empty() {
            s.g_empty.to_string()
        } else {
            fill(s.g_no_results, "q", query.get().trim())
        };
        // Offered once the document itself is loaded and empty: an empty cached view is no proof.
        let loaded = facts.document(GLOSSARY).is_some_and(|g| g.is_ready());
        let starter = (loaded && is_admin() && glossary.is_empty()).then(|| {
            view! {
                <button type="button" class="button" on:click=move |_| {
                    // The button goes with the empty state: focus moves to the search, and the
                    // count (a status) says how many terms there now are.
                    actions::load_starter();
                    browser::focus_soon("#glossary-search");
                }>{s.g_starter}</button>
            }
        });
        // Nothing found: the search becomes a new term, one tap away.
        let typed = query.get().trim().to_string();
        let add = (ready() && can_write() && !glossary.is_empty() && !typed.is_empty()).then(|| {
            let href = format!("/glossary/new?term={}", js_sys::encode_uri_component(&typed));
            view! { <a class="button" id="add-searched" href=href>{fill(s.g_add_searched, "q", &typed)}</a> }
        });
        view! { <div class="empty-state"><p>{text}</p>{starter}{add}</div> }
    };
    view! {
        <section class="page glossary">
            <h1 tabindex="-1">{move || strings.get().glossary_title}</h1>
            <p class="lead">{move || strings.get().glossary_about}</p>
            {move || facts.community.get().map(|_| view! {
                <div class="glossary-tools" role="search">
                    <label for="glossary-search">{move || strings.get().g_search_label}</label>
                    <input
                        id="glossary-search"
                        type="search"
                        dir="auto"
                        autocomplete="off"
                        enterkeyhint="search"
                        aria-describedby="glossary-search-hint"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                    <p class="hint" id="glossary-search-hint">{move || strings.get().g_search_hint}</p>
                </div>
                <div class="actions list-actions">
                    <button type="button" class="button button-quiet options-toggle" id="list-options-toggle"
                        aria-controls="list-options" aria-expanded=move || options_open.get().to_string()
                        on:click=move |_| options_open.update(|open| *open = !*open)>
                        {options_label}
                    </button>
                    {move || can_write().then(|| view! { <a class="button" href="/glossary/new">{move || strings.get().g_new}</a> })}
                    <a class="button button-quiet" href="/glossary/transfer">{move || strings.get().g_transfer}</a>
                </div>
                <div id="list-options" class="list-options" class:open=move || options_open.get()>
                    <ListOptions status_filter=status_filter domain_filter=domain_filter hebrew_order=hebrew_order domains=domains />
                    <AlphabetBar letters=letters hebrew=hebrew_order searching=Signal::derive(move || !query.with(|q| q.trim().is_empty())) shown=shown />
                </div>
                <p class="result-count" role="status">{move || { let s = strings.get(); count(results.with(Vec::len), s.g_terms_one, s.g_terms_other) }}</p>
                <Show when=move || results.with(|r| !r.is_empty()) fallback=empty_state>
                    <ul class="entry-list">
                        <For each=move || visible.get() key=|id| id.clone() let:id>
                            <EntryRow id=id query=query letters=letters />
                        </For>
                    </ul>
                    {move || {
                        let total = results.with(Vec::len);
                        let limit = shown.get();
                        (total > limit).then(|| view! {
                            <button type="button" class="button button-quiet show-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                                {move || fill(strings.get().g_more, "n", (total - limit).min(PAGE))}
                            </button>
                        })
                    }}
                </Show>
            })}
        </section>
    }
}

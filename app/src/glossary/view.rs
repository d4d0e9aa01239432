//! The glossary's pages: the list (search, filters, order, alphabet), an entry (read, edit,
//! review, history, share), a new entry, and import/export.

use std::collections::HashMap;

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;
use wasm_bindgen::{JsCast, JsValue};

use super::strings::{use_strings, Strings};
use super::{
    io::{self, Checked, FileError, Row, RowError},
    model::{self, At, Entry, EntryEdit, Status},
    search::{self, highlight, Index},
    terms::TermText,
    use_glossary,
};
use crate::{
    browser::{self, now_ms, now_precise},
    i18n::{fill, use_language, Lang},
    platform::{
        facts::{here_now, use_facts},
        route::use_param,
    },
    sync::{bench_record, text::Splice, DocHandle, Edit},
    ui::CollabTextarea,
};
use sync_core::{documents::GLOSSARY, roles::Role};

/// The name of a status in the current language.
pub fn status_name(status: Status, s: &'static Strings) -> &'static str {
    match status {
        Status::Proposed => s.g_status_proposed,
        Status::Review => s.g_status_review,
        Status::Approved => s.g_status_approved,
        Status::Deprecated => s.g_status_deprecated,
    }
}

fn role() -> Option<Role> {
    use_facts().role.get()
}

/// A field's name as people read it (history lines name the fields a change touched).
fn field_label(field: &str, s: &'static Strings) -> String {
    let label = match field {
        "created" => s.g_created,
        "status" => s.g_status_filter,
        "term_he" => s.g_term_he,
        "term_en" => s.g_term_en,
        "synonyms_he" | "synonyms_en" => s.g_related_synonyms,
        "abbreviations_he" => s.g_abbr_he,
        "abbreviations_en" => s.g_abbr_en,
        "definition_he" => s.g_definition_he,
        "definition_en" => s.g_definition_en,
        "example" => s.g_example,
        "source" => s.g_source,
        "source_url" => s.g_source_url,
        "domain" => s.g_domain,
        "notes" => s.g_notes,
        "related" => s.g_related,
        other => return other.to_string(),
    };
    label.to_string()
}

/// An entry as a choice in a list: (id, title).
type Choice = (String, String);

/// Text with the parts matching `query` marked.
fn marked(text: &str, query: &str) -> impl IntoView {
    highlight(text, query)
        .into_iter()
        .map(|(piece, hit)| {
            if hit {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                view! { <span>{piece}</span> }.into_any()
            }
        })
        .collect_view()
}

/// The entry's two terms, the interface language's first (the other one quieter).
fn terms_in_order(entry: &Entry, hebrew_first: bool, query: &str) -> impl IntoView {
    let he = (!entry.term_he.is_empty()).then(|| (entry.term_he.clone(), "he", "rtl"));
    let en = (!entry.term_en.is_empty()).then(|| (entry.term_en.clone(), "en", "ltr"));
    let ordered = if hebrew_first { [he, en] } else { [en, he] };
    ordered
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(n, (term, lang, dir))| {
            let class = if n == 0 { "term-main" } else { "term-other" };
            view! { <span class=class lang=lang dir=dir>{marked(&term, query)}</span> }
        })
        .collect_view()
}

/// Prose with `[[term]]` shown as just `term` (for one-line excerpts).
fn plain_references(text: &str) -> String {
    super::terms::split_references(text)
        .into_iter()
        .map(|piece| match piece {
            super::terms::Piece::Text(t) | super::terms::Piece::Reference(t) => t,
        })
        .collect()
}

/// Starts the glossary from the customer's 40 starter terms (admins; one action).
fn load_starter(handle: DocHandle) {
    let existing: Vec<Entry> = use_glossary()
        .entries
        .get_untracked()
        .into_values()
        .collect();
    let rows: Vec<Row> = io::check(&io::starter_records(), &existing)
        .into_iter()
        .filter_map(|c| c.result.ok())
        .map(|row| Row {
            status: Status::Approved,
            ..row
        })
        .collect();
    import_rows(handle, rows, true);
}

fn import_rows(handle: DocHandle, rows: Vec<Row>, keep_status: bool) {
    let me = use_facts().me.get_untracked();
    let now = now_ms();
    let edits: Vec<(Option<String>, Edit)> = rows
        .into_iter()
        .map(|row| {
            let id = model::new_entry_id(&browser::random_hex(8));
            let edit = row.edit();
            let note = model::change_note(&id, &["created"]);
            let status = if keep_status {
                row.status
            } else {
                Status::Proposed
            };
            let me = me.clone();
            let boxed: Edit = Box::new(move |tx| {
                model::create_entry(tx, &id, &edit, status, &me, now);
            });
            (Some(note), boxed)
        })
        .collect();
    handle.change_many(edits);
}

/// The glossary list: search, filters, order, alphabet, entries.
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
    let sorted = Memo::new(move |_| {
        let mut entries: Vec<Entry> = glossary.entries.with(|m| m.values().cloned().collect());
        search::sort_entries(&mut entries, hebrew_order.get());
        entries
    });
    let index = Memo::new(move |_| sorted.with(|entries| Index::build(entries)));
    let domains = Memo::new(move |_| {
        let mut domains: Vec<String> = glossary.entries.with(|m| {
            m.values()
                .map(|e| e.domain.trim().to_string())
                .filter(|d| !d.is_empty())
                .collect()
        });
        domains.sort_by_key(|d| search::fold_text(d));
        domains.dedup();
        domains
    });
    let results = Memo::new(move |_| {
        let q = query.get();
        let status = Status::parse(&status_filter.get());
        let domain = domain_filter.get();
        let keep = |e: &Entry| {
            status.is_none_or(|s| e.status() == s)
                && (domain.is_empty() || e.domain.trim() == domain)
        };
        if q.trim().is_empty() {
            return sorted.with(|entries| {
                entries
                    .iter()
                    .filter(|e| keep(e))
                    .cloned()
                    .collect::<Vec<_>>()
            });
        }
        let started = now_precise();
        let hits = index.with(|index| index.search(&q));
        bench_record("search", now_precise() - started);
        sorted.with(|entries| {
            let by_id: HashMap<&str, &Entry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
            hits.iter()
                .filter_map(|(id, _)| by_id.get(id.as_str()).copied())
                .filter(|e| keep(e))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let ready =
        move || facts.document(GLOSSARY).is_some_and(|g| g.is_ready()) || glossary.from_cache.get();
    let can_write = move || role().is_some_and(Role::can_write);
    let is_admin = move || role() == Some(Role::Admin);
    // Render a page of entries at a time: thousands of list items would take seconds to lay out
    // on a phone, and nobody scrolls through them; search, filters and the alphabet get there.
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        query.track();
        status_filter.track();
        domain_filter.track();
        hebrew_order.track();
        shown.set(PAGE);
    });
    view! {
        <section class="page glossary">
            <h1 tabindex="-1">{move || strings.get().glossary_title}</h1>
            <p class="lead">{move || strings.get().glossary_about}</p>
            {move || facts.community.get().map(|_| view! {
                <div class="actions">
                    {can_write().then(|| view! { <a class="button" href="/glossary/new">{move || strings.get().g_new}</a> })}
                    <a class="button button-quiet" href="/glossary/transfer">{move || strings.get().g_transfer}</a>
                </div>
                <div class="glossary-tools" role="search">
                    <label for="glossary-search">{move || strings.get().g_search_label}</label>
                    <p class="hint" id="glossary-search-hint">{move || strings.get().g_search_hint}</p>
                    <input
                        id="glossary-search"
                        type="search"
                        dir="auto"
                        autocomplete="off"
                        aria-describedby="glossary-search-hint"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                    <div class="filters">
                        <div>
                            <label for="glossary-status">{move || strings.get().g_status_filter}</label>
                            <select id="glossary-status" on:change=move |ev| status_filter.set(event_target_value(&ev))>
                                <option value="">{move || strings.get().g_all}</option>
                                {move || {
                                    let s = strings.get();
                                    Status::ALL.into_iter().map(|st| view! {
                                        <option value=st.as_str() selected=move || status_filter.get() == st.as_str()>{status_name(st, s)}</option>
                                    }).collect_view()
                                }}
                            </select>
                        </div>
                        <div>
                            <label for="glossary-domain">{move || strings.get().g_domain_filter}</label>
                            <select id="glossary-domain" on:change=move |ev| domain_filter.set(event_target_value(&ev))>
                                <option value="">{move || strings.get().g_all}</option>
                                {move || domains.get().into_iter().map(|d| {
                                    let value = d.clone();
                                    let label = d.clone();
                                    view! { <option value=d selected=move || domain_filter.get() == value>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <fieldset class="order">
                            <legend>{move || strings.get().g_sort_label}</legend>
                            <label class="choice">
                                <input type="radio" name="glossary-order" prop:checked=move || hebrew_order.get() on:change=move |_| hebrew_order.set(true) />
                                {move || strings.get().g_sort_he}
                            </label>
                            <label class="choice">
                                <input type="radio" name="glossary-order" prop:checked=move || !hebrew_order.get() on:change=move |_| hebrew_order.set(false) />
                                {move || strings.get().g_sort_en}
                            </label>
                        </fieldset>
                    </div>
                </div>
                <AlphabetBar entries=results hebrew=hebrew_order query=query shown=shown />
                <p class="result-count" role="status">{move || fill(strings.get().g_count, "n", results.with(Vec::len))}</p>
                {move || {
                    let s = strings.get();
                    let list = results.get();
                    if list.is_empty() {
                        let q = query.get();
                        let text = if !ready() {
                            s.g_loading.to_string()
                        } else if glossary.entries.with(|m| m.is_empty()) {
                            s.g_empty.to_string()
                        } else {
                            fill(s.g_no_results, "q", q.trim())
                        };
                        let starter = (ready() && is_admin() && glossary.entries.with(|m| m.is_empty()))
                            .then(|| view! {
                                <button type="button" class="button" on:click=move |_| {
                                    if let Some(handle) = facts.document_untracked(GLOSSARY) {
                                        load_starter(handle);
                                    }
                                }>{s.g_starter}</button>
                            });
                        return view! { <div class="empty-state"><p>{text}</p>{starter}</div> }.into_any();
                    }
                    let hebrew = hebrew_order.get();
                    let q = query.get();
                    let mut seen_letters: Vec<char> = Vec::new();
                    let total = list.len();
                    let limit = shown.get();
                    view! {
                        <ul class="entry-list">
                            {list.into_iter().take(limit).map(|entry| {
                                let letter = search::initial(&entry, hebrew).filter(|l| {
                                    let first = !seen_letters.contains(l);
                                    if first { seen_letters.push(*l); }
                                    first
                                });
                                let path = format!("/glossary/{}", entry.id);
                                let here = here_now(&path);
                                let definition = if lang.get() == Lang::He && !entry.definition_he.is_empty() || entry.definition_en.is_empty() {
                                    entry.definition_he.clone()
                                } else {
                                    entry.definition_en.clone()
                                };
                                let excerpt: String = plain_references(&definition).chars().take(180).collect();
                                view! {
                                    <li class="entry-item" id=letter.map(|l| format!("letter-{l}")) data-entry=entry.id.clone() data-status=entry.status().as_str()>
                                        <a class="entry-link" href=path>
                                            {terms_in_order(&entry, lang.get() == Lang::He, &q)}
                                        </a>
                                        <span class=format!("status-chip status-{}", entry.status().as_str())>{status_name(entry.status(), s)}</span>
                                        {(!entry.domain.is_empty()).then(|| view! { <span class="entry-domain" dir="auto">{entry.domain.clone()}</span> })}
                                        {(!excerpt.is_empty()).then(|| view! { <p class="entry-excerpt" dir="auto">{marked(&excerpt, &q)}</p> })}
                                        {(!here.is_empty()).then(|| view! { <p class="entry-here">{fill(s.g_here, "names", here.join(", "))}</p> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(total > limit).then(|| view! {
                            <button type="button" class="button button-quiet show-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                                {fill(s.g_more, "n", (total - limit).min(PAGE))}
                            </button>
                        })}
                    }.into_any()
                }}
            })}
        </section>
    }
}

/// Entries rendered at a time in the list.
const PAGE: usize = 100;

/// The alphabet jump bar: a link per letter that starts a listed entry.
#[component]
fn AlphabetBar(
    entries: Memo<Vec<Entry>>,
    hebrew: RwSignal<bool>,
    query: RwSignal<String>,
    shown: RwSignal<usize>,
) -> impl IntoView {
    let strings = use_strings();
    move || {
        if !query.get().trim().is_empty() {
            return None;
        }
        let hebrew = hebrew.get();
        let shown_count = shown;
        // The initial of every listed entry, in list order (a letter's position is then the
        // index of its first entry).
        let present: Vec<char> = entries.with(|list| {
            list.iter()
                .map(|e| search::initial(e, hebrew).unwrap_or(' '))
                .collect()
        });
        Some(view! {
            <nav class="alphabet" aria-label=strings.get().g_jump>
                <ul>
                    {search::alphabet(hebrew).into_iter().map(|letter| {
                        let shown = if hebrew { letter.to_string() } else { letter.to_ascii_uppercase().to_string() };
                        if let Some(position) = present.iter().position(|l| *l == letter) {
                            view! { <li><a href=format!("#letter-{letter}") on:click=move |ev| {
                                // Render far enough down the list for the letter's first entry.
                                if position >= shown_count.get_untracked() {
                                    shown_count.set(position + PAGE);
                                }
                                jump(ev, letter)
                            }>{shown}</a></li> }.into_any()
                        } else {
                            view! { <li><span class="letter-empty" aria-disabled="true">{shown}</span></li> }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </nav>
        })
    }
}

/// Scrolls to a letter's first entry and moves focus to its link (the router would otherwise
/// treat the fragment as a navigation).
fn jump(event: leptos::ev::MouseEvent, letter: char) {
    event.prevent_default();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(item) = document.get_element_by_id(&format!("letter-{letter}")) {
        item.scroll_into_view();
        if let Ok(Some(link)) = item.query_selector("a") {
            if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
                let _ = link.focus();
            }
        }
    }
}

/// Downloads `text` as a file named `name`.
fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        let _ = document.body().map(|b| b.append_child(&link));
        link.click();
        link.remove();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn row_error_text(error: &RowError, s: &'static Strings) -> String {
    match error {
        RowError::MissingTerm => s.g_err_missing.to_string(),
        RowError::Duplicate {
            term,
            earlier_row: None,
        } => fill(s.g_err_duplicate, "term", term),
        RowError::Duplicate {
            term,
            earlier_row: Some(n),
        } => fill(&fill(s.g_err_duplicate_row, "term", term), "n", n),
        RowError::BadStatus(status) => fill(s.g_err_status, "s", status),
        RowError::BadLink(link) => fill(s.g_err_link, "s", link),
    }
}

fn file_error_text(error: &FileError, s: &'static Strings) -> String {
    let why = match error {
        FileError::NoHeader => s.g_file_no_header.to_string(),
        FileError::NotJson(e) => e.clone(),
        FileError::TooManyRows(_) => fill(s.g_too_many, "n", io::MAX_IMPORT_ROWS),
    };
    fill(s.g_file_error, "error", why)
}

/// Import (with a preview; nothing written until confirmed) and export.
#[component]
pub fn TransferPage() -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    let glossary = use_glossary();
    let preview = RwSignal::new(None::<Result<Vec<Checked>, FileError>>);
    let imported = RwSignal::new(None::<usize>);
    let file_input = NodeRef::<html::Input>::new();
    let rows = move || -> Vec<Row> {
        let mut entries: Vec<Entry> = glossary.entries.get_untracked().into_values().collect();
        search::sort_entries(&mut entries, true);
        entries.iter().map(Row::of).collect()
    };
    let on_file = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name().to_lowercase();
        imported.set(None);
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
            let records = if name.ends_with(".json")
                || trimmed.starts_with('{')
                || trimmed.starts_with('[')
            {
                io::records_from_json(&text)
            } else {
                io::records_from_csv(&text)
            };
            let existing: Vec<Entry> = glossary.entries.get_untracked().into_values().collect();
            preview.set(Some(records.map(|r| io::check(&r, &existing))));
        });
    };
    let confirm = move |_| {
        let Some(Ok(checked)) = preview.get_untracked() else {
            return;
        };
        let good: Vec<Row> = checked.into_iter().filter_map(|c| c.result.ok()).collect();
        let n = good.len();
        if let Some(handle) = facts.document_untracked(GLOSSARY) {
            import_rows(handle, good, role() == Some(Role::Admin));
        }
        preview.set(None);
        imported.set(Some(n));
        if let Some(input) = file_input.get() {
            input.set_value("");
        }
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().g_transfer}</h1>
            <p class="lead"><a href="/glossary">{move || strings.get().g_back}</a></p>
            <section class="card" aria-labelledby="export-heading">
                <h2 id="export-heading">{move || strings.get().g_export}</h2>
                <div class="actions">
                    <button type="button" class="button" id="export-csv" on:click=move |_| download("kehila-glossary.csv", "text/csv;charset=utf-8", &io::to_csv(&rows()))>{move || strings.get().g_export_csv}</button>
                    <button type="button" class="button" id="export-json" on:click=move |_| download("kehila-glossary.json", "application/json", &io::to_json(&rows()))>{move || strings.get().g_export_json}</button>
                    <button type="button" class="button" id="export-md" on:click=move |_| download("kehila-glossary.md", "text/markdown;charset=utf-8", &io::to_markdown(&rows(), strings.get_untracked().glossary_title))>{move || strings.get().g_export_md}</button>
                </div>
            </section>
            {move || role().is_some_and(Role::can_write).then(|| view! {
                <section class="card" aria-labelledby="import-heading">
                    <h2 id="import-heading">{move || strings.get().g_import}</h2>
                    <p class="hint" id="import-hint">{move || strings.get().g_import_hint}</p>
                    <label for="import-file">{move || strings.get().g_import_file}</label>
                    <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" node_ref=file_input aria-describedby="import-hint" on:change=on_file />
                    <p class="confirmation" role="status">{move || imported.get().map(|n| fill(strings.get().g_imported, "n", n))}</p>
                    {move || preview.get().map(|outcome| {
                        let s = strings.get();
                        match outcome {
                            Err(error) => view! { <p class="field-error" role="alert">{file_error_text(&error, s)}</p> }.into_any(),
                            Ok(checked) => {
                                let ok = checked.iter().filter(|c| c.result.is_ok()).count();
                                let bad = checked.len() - ok;
                                view! {
                                    <div class="import-preview">
                                        <p role="status">{fill(&fill(s.g_preview, "ok", ok), "bad", bad)}</p>
                                        <div class="table-scroll">
                                            <table>
                                                <thead><tr>
                                                    <th scope="col">"#"</th>
                                                    <th scope="col">{s.g_term_he}</th>
                                                    <th scope="col">{s.g_term_en}</th>
                                                    <th scope="col">{s.g_status_filter}</th>
                                                </tr></thead>
                                                <tbody>
                                                    {checked.into_iter().map(|c| match c.result {
                                                        Ok(row) => view! {
                                                            <tr class="row-ok">
                                                                <td>{c.line}</td>
                                                                <td dir="auto">{row.term_he}</td>
                                                                <td dir="auto">{row.term_en}</td>
                                                                <td>{status_name(row.status, s)}</td>
                                                            </tr>
                                                        }.into_any(),
                                                        Err(errors) => view! {
                                                            <tr class="row-error">
                                                                <td>{c.line}</td>
                                                                <td colspan="3" class="field-error">
                                                                    {fill(s.g_row, "n", c.line)}": "
                                                                    {errors.iter().map(|e| row_error_text(e, s)).collect::<Vec<_>>().join("; ")}
                                                                </td>
                                                            </tr>
                                                        }.into_any(),
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                        <div class="actions">
                                            <button type="button" class="button" id="import-confirm" disabled=ok == 0 on:click=confirm>{fill(s.g_import_confirm, "n", ok)}</button>
                                            <button type="button" class="button button-quiet" on:click=move |_| preview.set(None)>{s.g_cancel}</button>
                                        </div>
                                    </div>
                                }.into_any()
                            }
                        }
                    })}
                    {move || (role() == Some(Role::Admin)).then(|| view! {
                        <p><button type="button" class="button button-quiet" id="load-starter" on:click=move |_| {
                            if let Some(handle) = facts.document_untracked(GLOSSARY) {
                                load_starter(handle);
                                imported.set(Some(40));
                            }
                        }>{move || strings.get().g_starter}</button></p>
                    })}
                </section>
            })}
        </section>
    }
}

/// A new entry: terms, definitions, domain.
#[component]
pub fn NewEntryPage() -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    let glossary = use_glossary();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let term_he = NodeRef::<html::Input>::new();
    let term_en = NodeRef::<html::Input>::new();
    let definition_he = NodeRef::<html::Textarea>::new();
    let definition_en = NodeRef::<html::Textarea>::new();
    let domain = NodeRef::<html::Input>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let s = strings.get_untracked();
        let value = |n: NodeRef<html::Input>| {
            n.get()
                .map(|i| i.value().trim().to_string())
                .unwrap_or_default()
        };
        let text = |n: NodeRef<html::Textarea>| {
            n.get()
                .map(|i| i.value().trim().to_string())
                .unwrap_or_default()
        };
        let (he, en) = (value(term_he), value(term_en));
        if he.is_empty() && en.is_empty() {
            error.set(Some(s.g_need_term.to_string()));
            if let Some(input) = term_he.get() {
                let _ = input.focus();
            }
            return;
        }
        let existing: Vec<Entry> = glossary.entries.get_untracked().into_values().collect();
        for term in [&he, &en] {
            let folded = search::fold_text(term);
            if !folded.is_empty()
                && existing.iter().any(|e| {
                    search::fold_text(&e.term_he) == folded
                        || search::fold_text(&e.term_en) == folded
                })
            {
                error.set(Some(fill(s.g_duplicate, "term", term)));
                return;
            }
        }
        let row = Row {
            term_he: he,
            term_en: en,
            definition_he: text(definition_he),
            definition_en: text(definition_en),
            domain: value(domain),
            ..Default::default()
        };
        let Some(handle) = facts.document_untracked(GLOSSARY) else {
            return;
        };
        let id = model::new_entry_id(&browser::random_hex(8));
        let edit = row.edit();
        let me = facts.me.get_untracked();
        let created = id.clone();
        handle.change_noted(model::change_note(&id, &["created"]), move |tx| {
            model::create_entry(tx, &created, &edit, Status::Proposed, &me, now_ms());
        });
        navigate(&format!("/glossary/{id}"), Default::default());
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().g_new}</h1>
            <p class="lead"><a href="/glossary">{move || strings.get().g_back}</a></p>
            <form class="card entry-form" on:submit=submit>
                <label for="new-term-he">{move || strings.get().g_term_he}</label>
                <input id="new-term-he" type="text" dir="rtl" lang="he" node_ref=term_he aria-describedby="new-error" />
                <label for="new-term-en">{move || strings.get().g_term_en}</label>
                <input id="new-term-en" type="text" dir="ltr" lang="en" node_ref=term_en />
                <label for="new-definition-he">{move || strings.get().g_definition_he}</label>
                <textarea id="new-definition-he" dir="rtl" lang="he" rows="3" node_ref=definition_he></textarea>
                <label for="new-definition-en">{move || strings.get().g_definition_en}</label>
                <textarea id="new-definition-en" dir="ltr" lang="en" rows="3" node_ref=definition_en></textarea>
                <label for="new-domain">{move || strings.get().g_domain}</label>
                <input id="new-domain" type="text" dir="auto" node_ref=domain />
                <p class="field-error" id="new-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="button">{move || strings.get().g_create}</button>
            </form>
        </section>
    }
}

/// One entry: what it says, who is here, sharing, review, editing and history.
#[component]
pub fn EntryPage() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let facts = use_facts();
    let glossary = use_glossary();
    let id = use_param();
    let entry = Memo::new(move |_| glossary.entries.with(|m| m.get(&id.get()).cloned()));
    let exists = Memo::new(move |_| entry.with(Option::is_some));
    let loaded = move || facts.document(GLOSSARY).is_some_and(|g| g.is_ready());
    view! {
        <section class="page entry-page">
            <p class="lead"><a href="/glossary">{move || strings.get().g_back}</a></p>
            {move || match entry.get() {
                None => {
                    let s = strings.get();
                    view! {
                        <h1 tabindex="-1">{s.glossary_title}</h1>
                        <p class="empty-state">{if loaded() { s.g_not_found } else { s.g_loading }}</p>
                    }.into_any()
                }
                Some(current) => {
                    let hebrew = lang.get() == Lang::He;
                    let title = current.title(hebrew).to_string();
                    let other = if hebrew { current.term_en.clone() } else { current.term_he.clone() };
                    let other_lang = if hebrew { "en" } else { "he" };
                    view! {
                        <h1 tabindex="-1" dir="auto">{title}</h1>
                        {(!other.is_empty() && other != current.title(hebrew)).then(|| view! {
                            <p class="other-term" lang=other_lang dir="auto">{other}</p>
                        })}
                    }.into_any()
                }
            }}
            // Mounted once per entry: a keystroke changes the entry, and must not rebuild the form.
            {move || exists.get().then(|| view! {
                <EntryBody id=id entry=entry />
            })}
        </section>
    }
}

#[component]
fn EntryBody(id: Memo<String>, entry: Memo<Option<Entry>>) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let facts = use_facts();
    let glossary = use_glossary();
    let copied = RwSignal::new(false);
    let field = move |f: fn(&Entry) -> String| {
        Signal::derive(move || entry.with(|e| e.as_ref().map(f).unwrap_or_default()))
    };
    let shared = crate::platform::strings::use_strings();
    let name_of = move |member: &str| facts.name_of(member, shared.get_untracked().member_unnamed);
    let date = move |ms: f64| browser::locale_date_time(ms as i64, lang.get_untracked().code());
    let version = RwSignal::new(None::<(Vec<automerge::ChangeHash>, i64)>);
    // The entry's history, extended with each change rather than rebuilt: a keystroke in a
    // definition scans only the changes since the last look, not the whole glossary's.
    let log = StoredValue::new((
        String::new(),
        Vec::<automerge::ChangeHash>::new(),
        Vec::<model::HistoryItem>::new(),
    ));
    let history = Memo::new(move |_| {
        entry.track();
        let id = id.get();
        let Some(g) = facts.document(GLOSSARY) else {
            return Vec::new();
        };
        let (seen_id, seen, mut items) = log.get_value();
        let since = if seen_id == id { seen } else { Vec::new() };
        if seen_id != id {
            items.clear();
        }
        let heads = g.read(|doc| {
            items.extend(model::history_since(doc, &id, &since));
            doc.get_heads()
        });
        log.set_value((id, heads, items.clone()));
        items
    });
    // What the review and related-terms controls need, as memos: a keystroke in a definition
    // changes the entry but not these, so those controls are not rebuilt (nor 2,000 titles
    // re-sorted) per keystroke.
    let status = Memo::new(move |_| entry.with(|e| e.as_ref().map(Entry::status)));
    let related = Memo::new(move |_| {
        entry.with(|e| e.as_ref().map(|e| e.related.clone()).unwrap_or_default())
    });
    let terms = Memo::new(move |_| {
        let mut terms: Vec<(String, String, String)> = glossary.entries.with(|m| {
            m.values()
                .map(|e| (e.id.clone(), e.term_he.clone(), e.term_en.clone()))
                .collect()
        });
        terms.sort();
        terms
    });
    // Every entry as (id, title) in the interface language's order.
    let choices = Memo::new(move |_| {
        let hebrew = lang.get() == Lang::He;
        let mut list: Vec<Entry> = terms.with(|terms| {
            terms
                .iter()
                .map(|(id, he, en)| Entry {
                    id: id.clone(),
                    term_he: he.clone(),
                    term_en: en.clone(),
                    ..Default::default()
                })
                .collect()
        });
        search::sort_entries(&mut list, hebrew);
        list.into_iter()
            .map(|e| (e.id.clone(), e.title(hebrew).to_string()))
            .collect::<Vec<_>>()
    });
    // Editing waits for the document itself (the list may come from the device's cached view).
    let can_write = move || {
        role().is_some_and(Role::can_write)
            && facts.document(GLOSSARY).is_some_and(|g| g.is_ready())
    };
    let handle = move || facts.document_untracked(GLOSSARY);
    let splice = move |field: &'static str| {
        move |splice: Splice| {
            if let Some(g) = handle() {
                let id = id.get_untracked();
                let me = facts.me.get_untracked();
                g.change_noted(model::change_note(&id, &[field]), move |tx| {
                    model::splice_field(tx, &id, field, &splice, &me, now_ms());
                });
            }
        }
    };
    // Every field edit: one commit noted with the entry and the fields it touches.
    let save = move |edit: EntryEdit| {
        if let Some(g) = handle() {
            let id = id.get_untracked();
            let me = facts.me.get_untracked();
            g.change_noted(model::change_note(&id, &edit.fields()), move |tx| {
                model::apply_edit(tx, &id, &edit, &me, now_ms())
            });
        }
    };
    let set_scalar = move |field: &'static str, value: String| {
        save(EntryEdit {
            scalars: vec![(field, value.trim().to_string())],
            ..Default::default()
        })
    };
    let set_list = move |field: &'static str, value: String| {
        save(EntryEdit {
            lists: vec![(field, model::split_list(&value))],
            ..Default::default()
        })
    };
    let set_related = move |related: Vec<String>| {
        save(EntryEdit {
            related: Some(related),
            ..Default::default()
        })
    };
    let move_to = move |to: Status, replaced_by: String| {
        let (Some(g), Some(role)) = (handle(), role()) else {
            return;
        };
        let id = id.get_untracked();
        let me = facts.me.get_untracked();
        g.change_noted(model::change_note(&id, &["status"]), move |tx| {
            let _ = model::set_status(tx, &id, role, to, &replaced_by, &me, now_ms());
        });
    };
    let replacement = NodeRef::<html::Select>::new();
    let add_related = NodeRef::<html::Select>::new();
    let scalar_input = move |key: &'static str,
                             label: fn(&'static Strings) -> &'static str,
                             read: fn(&Entry) -> String,
                             dir: &'static str| {
        let input_id = format!("entry-{key}");
        view! {
            <label for=input_id.clone()>{move || label(strings.get())}</label>
            <input
                id=input_id
                type="text"
                dir=dir
                prop:value=move || entry.with(|e| e.as_ref().map(read).unwrap_or_default())
                prop:readOnly=move || !can_write()
                on:change=move |ev| set_scalar(key, event_target_value(&ev))
            />
        }
    };
    let list_input = move |key: &'static str,
                           label: fn(&'static Strings) -> &'static str,
                           read: fn(&Entry) -> Vec<String>,
                           dir: &'static str| {
        let input_id = format!("entry-{key}");
        view! {
            <label for=input_id.clone()>{move || label(strings.get())}</label>
            <input
                id=input_id
                type="text"
                dir=dir
                prop:value=move || entry.with(|e| e.as_ref().map(read).unwrap_or_default().join("; "))
                prop:readOnly=move || !can_write()
                on:change=move |ev| set_list(key, event_target_value(&ev))
            />
        }
    };
    let text_field = move |key: &'static str,
                           label: fn(&'static Strings) -> &'static str,
                           read: fn(&Entry) -> String| {
        let area_id: &'static str = match key {
            "definition_he" => "entry-definition_he",
            "definition_en" => "entry-definition_en",
            "example" => "entry-example",
            _ => "entry-notes",
        };
        view! {
            <label for=area_id>{move || label(strings.get())}</label>
            <CollabTextarea
                id=area_id
                value=field(read)
                read_only=Signal::derive(move || !can_write())
                ready=Signal::derive(move || entry.with(Option::is_some))
                on_splice=splice(key)
            />
        }
    };
    view! {
        {move || {
            let s = strings.get();
            let current = entry.get()?;
            let path = format!("/glossary/{}", current.id);
            let here = here_now(&path);
            let status = current.status();
            let replaced = (status == Status::Deprecated && !current.replaced_by.is_empty())
                .then(|| glossary.entries.with(|m| m.get(&current.replaced_by).cloned()))
                .flatten();
            let hebrew = lang.get() == Lang::He;
            Some(view! {
                <p class="entry-meta">
                    <span class=format!("status-chip status-{}", status.as_str()) data-status=status.as_str()>{status_name(status, s)}</span>
                    {(!current.domain.is_empty()).then(|| view! { <span class="entry-domain" dir="auto">{current.domain.clone()}</span> })}
                </p>
                {(status == Status::Deprecated).then(|| view! {
                    <p class="notice notice-error">
                        {s.g_deprecated_notice}" "
                        {replaced.map(|r| view! { {s.g_use_x}" "<a href=format!("/glossary/{}", r.id)>{r.title(hebrew).to_string()}</a> })}
                    </p>
                })}
                {(!here.is_empty()).then(|| view! { <p class="entry-here" role="status">{fill(s.g_here, "names", here.join(", "))}</p> })}
                <dl class="entry-read">
                    {(!current.definition_he.is_empty()).then(|| view! {
                        <dt>{s.g_definition_he}</dt>
                        <dd lang="he" dir="rtl" class="definition"><TermText text=field(|e| e.definition_he.clone()) /></dd>
                    })}
                    {(!current.definition_en.is_empty()).then(|| view! {
                        <dt>{s.g_definition_en}</dt>
                        <dd lang="en" dir="ltr" class="definition"><TermText text=field(|e| e.definition_en.clone()) /></dd>
                    })}
                    {(!current.synonyms_he.is_empty() || !current.synonyms_en.is_empty()).then(|| view! {
                        <dt>{s.g_synonyms_heading}</dt>
                        <dd dir="auto">{current.synonyms_he.iter().chain(&current.synonyms_en).cloned().collect::<Vec<_>>().join(" · ")}</dd>
                    })}
                    {(!current.abbreviations_he.is_empty() || !current.abbreviations_en.is_empty()).then(|| view! {
                        <dt>{s.g_abbr_heading}</dt>
                        <dd dir="auto">{current.abbreviations_he.iter().chain(&current.abbreviations_en).cloned().collect::<Vec<_>>().join(" · ")}</dd>
                    })}
                    {(!current.example.is_empty()).then(|| view! { <dt>{s.g_example}</dt><dd dir="auto"><TermText text=field(|e| e.example.clone()) /></dd> })}
                    {(!current.source.is_empty() || !current.source_url.is_empty()).then(|| {
                        let label = if current.source.is_empty() { current.source_url.clone() } else { current.source.clone() };
                        let safe = browser::is_http_link(&current.source_url);
                        view! {
                            <dt>{s.g_source}</dt>
                            <dd dir="auto">{if safe {
                                view! { <a href=current.source_url.clone() rel="noopener noreferrer" target="_blank">{label}</a> }.into_any()
                            } else {
                                view! { <span>{label}</span> }.into_any()
                            }}</dd>
                        }
                    })}
                    {(!current.related.is_empty()).then(|| view! {
                        <dt>{s.g_related}</dt>
                        <dd><ul class="related-list">
                            {current.related.iter().filter_map(|r| glossary.entries.with(|m| m.get(r).cloned())).map(|r| view! {
                                <li><a href=format!("/glossary/{}", r.id) dir="auto">{r.title(hebrew).to_string()}</a></li>
                            }).collect_view()}
                        </ul></dd>
                    })}
                    {(!current.notes.is_empty()).then(|| view! { <dt>{s.g_notes}</dt><dd dir="auto">{current.notes.clone()}</dd> })}
                </dl>
                {(!current.updated_by.is_empty()).then(|| view! {
                    <p class="hint">{fill(&fill(s.g_updated, "who", name_of(&current.updated_by)), "date", date(current.updated_at as f64))}</p>
                })}
            })
        }}
        <div class="actions share">
            {move || {
                let s = strings.get();
                let current = entry.get()?;
                let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
                let url = format!("{origin}/glossary/{}", current.id);
                let title = current.title(lang.get() == Lang::He).to_string();
                let share = browser::whatsapp_share_url(&format!("{title} — {url}"));
                Some(view! {
                    <a class="button" id="share-whatsapp" href=share target="_blank" rel="noopener noreferrer">{s.g_share}</a>
                    <button type="button" class="button button-quiet" on:click=move |_| {
                        browser::copy_to_clipboard(&url);
                        copied.set(true);
                    }>{s.g_copy_link}</button>
                    <span class="confirmation" role="status">{move || copied.get().then(|| strings.get().g_link_copied)}</span>
                })
            }}
        </div>
        {move || {
            let s = strings.get();
            let role = role()?;
            let from = status.get()?;
            let actions: Vec<(Status, &'static str, &'static str)> = [
                (Status::Review, s.g_submit_review, "submit"),
                (Status::Approved, s.g_approve, "approve"),
                (Status::Proposed, if from == Status::Deprecated { s.g_restore } else { s.g_reject }, "reject"),
                (Status::Review, s.g_reopen, "reopen"),
            ]
            .into_iter()
            .filter(|(to, _, key)| {
                model::can_transition(role, from, *to)
                    && match *key {
                        "submit" => from == Status::Proposed,
                        "reopen" => from == Status::Approved || from == Status::Deprecated,
                        _ => true,
                    }
            })
            .collect();
            let can_deprecate = model::can_transition(role, from, Status::Deprecated);
            if actions.is_empty() && !can_deprecate {
                return None;
            }
            let this = id.get();
            let others: Vec<(String, String)> = choices.with(|c| c.iter().filter(|(i, _)| *i != this).cloned().collect());
            Some(view! {
                <section class="card" aria-labelledby="workflow-heading">
                    <h2 id="workflow-heading">{s.g_workflow}</h2>
                    <p class="hint">{s.g_workflow_member}</p>
                    <div class="actions">
                        {actions.into_iter().map(|(to, label, key)| view! {
                            <button type="button" class="button" data-action=key on:click=move |_| move_to(to, String::new())>{label}</button>
                        }).collect_view()}
                    </div>
                    {can_deprecate.then(|| view! {
                        <div class="deprecate">
                            <label for="replacement">{s.g_use_instead}</label>
                            <select id="replacement" node_ref=replacement>
                                <option value="">{s.g_none}</option>
                                {others.into_iter().map(|(id, title)| view! { <option value=id>{title}</option> }).collect_view()}
                            </select>
                            <button type="button" class="button button-quiet" data-action="deprecate" on:click=move |_| {
                                let to = replacement.get().map(|r| r.value()).unwrap_or_default();
                                move_to(Status::Deprecated, to);
                            }>{s.g_deprecate}</button>
                        </div>
                    })}
                </section>
            })
        }}
        {move || can_write().then(|| view! {
            <details class="card entry-edit" open>
                <summary><h2>{move || strings.get().g_edit}</h2></summary>
                <p class="hint">{move || strings.get().g_edit_hint}</p>
                {scalar_input("term_he", |s| s.g_term_he, |e| e.term_he.clone(), "rtl")}
                {scalar_input("term_en", |s| s.g_term_en, |e| e.term_en.clone(), "ltr")}
                {list_input("synonyms_he", |s| s.g_synonyms_he, |e| e.synonyms_he.clone(), "rtl")}
                {list_input("synonyms_en", |s| s.g_synonyms_en, |e| e.synonyms_en.clone(), "ltr")}
                {list_input("abbreviations_he", |s| s.g_abbr_he, |e| e.abbreviations_he.clone(), "rtl")}
                {list_input("abbreviations_en", |s| s.g_abbr_en, |e| e.abbreviations_en.clone(), "ltr")}
                {text_field("definition_he", |s| s.g_definition_he, |e| e.definition_he.clone())}
                {text_field("definition_en", |s| s.g_definition_en, |e| e.definition_en.clone())}
                {text_field("example", |s| s.g_example, |e| e.example.clone())}
                {scalar_input("source", |s| s.g_source, |e| e.source.clone(), "auto")}
                {scalar_input("source_url", |s| s.g_source_url, |e| e.source_url.clone(), "ltr")}
                {scalar_input("domain", |s| s.g_domain, |e| e.domain.clone(), "auto")}
                {text_field("notes", |s| s.g_notes, |e| e.notes.clone())}
                <fieldset class="related-edit">
                    <legend>{move || strings.get().g_related}</legend>
                    {move || {
                        let s = strings.get();
                        let this = id.get();
                        let related = related.get();
                        let (titles, candidates): (Vec<Choice>, Vec<Choice>) = choices.with(|c| {
                            let titles = related
                                .iter()
                                .map(|r| {
                                    let title = c.iter().find(|(i, _)| i == r).map_or_else(|| r.clone(), |(_, t)| t.clone());
                                    (r.clone(), title)
                                })
                                .collect();
                            let candidates = c.iter().filter(|(i, _)| *i != this && !related.contains(i)).cloned().collect();
                            (titles, candidates)
                        });
                        view! {
                            <ul class="related-list">
                                {titles.into_iter().map(|(rid, title)| {
                                    let without: Vec<String> = related.iter().filter(|r| **r != rid).cloned().collect();
                                    view! {
                                        <li>
                                            <span dir="auto">{title.clone()}</span>
                                            <button type="button" class="button button-quiet" on:click=move |_| set_related(without.clone())>
                                                {fill(s.g_remove, "item", &title)}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <label for="related-add">{s.g_related_add}</label>
                            <div class="inline-field">
                                <select id="related-add" node_ref=add_related>
                                    {candidates.into_iter().map(|(cid, title)| view! { <option value=cid>{title}</option> }).collect_view()}
                                </select>
                                <button type="button" class="button" on:click=move |_| {
                                    if let Some(choice) = add_related.get().map(|s| s.value()).filter(|v| !v.is_empty()) {
                                        let mut next = related.clone();
                                        next.push(choice);
                                        set_related(next);
                                    }
                                }>{s.g_related_add}</button>
                            </div>
                        }
                    }}
                </fieldset>
            </details>
        })}
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{move || strings.get().g_history}</h2>
            <ol class="history">
                {move || {
                    let s = strings.get();
                    history.get().into_iter().rev().map(|item| {
                        let when = date(item.time as f64 * 1000.0);
                        let heads = item.heads.clone();
                        let time = item.time;
                        view! {
                            <li>
                                <span>{fill(&fill(s.g_history_item, "who", name_of(&item.member)), "fields", item.fields.iter().map(|f| field_label(f, s)).collect::<Vec<_>>().join(", "))}</span>
                                " · "<time>{when}</time>" "
                                <button type="button" class="button button-quiet" on:click=move |_| version.set(Some((heads.clone(), time)))>{s.g_show_version}</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
            {move || version.get().map(|(heads, time)| {
                let s = strings.get();
                let old = facts.document_untracked(GLOSSARY).and_then(|g| g.read(|doc| model::read_entry(doc, &id.get_untracked(), At(Some(&heads)))));
                view! {
                    <div class="old-version" role="region" aria-label=fill(s.g_version_of, "date", date(time as f64 * 1000.0))>
                        <h3>{fill(s.g_version_of, "date", date(time as f64 * 1000.0))}</h3>
                        {old.map(|e| {
                            let status = status_name(e.status(), s);
                            view! {
                            <dl>
                                <dt>{s.g_term_he}</dt><dd dir="rtl">{e.term_he}</dd>
                                <dt>{s.g_term_en}</dt><dd dir="ltr">{e.term_en}</dd>
                                <dt>{s.g_definition_he}</dt><dd dir="rtl" class="old-definition-he">{e.definition_he}</dd>
                                <dt>{s.g_definition_en}</dt><dd dir="ltr">{e.definition_en}</dd>
                                <dt>{s.g_status_filter}</dt><dd>{status}</dd>
                            </dl>
                        }})}
                        <button type="button" class="button button-quiet" on:click=move |_| version.set(None)>{s.g_close}</button>
                    </div>
                }
            })}
        </section>
    }
}

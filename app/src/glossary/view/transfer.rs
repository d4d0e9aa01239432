//! Import (a preview first; nothing is written until confirmed) and export (CSV with a BOM,
//! JSON, Markdown).

use leptos::{html, prelude::*};
use sync_core::{documents::GLOSSARY, roles::Role};
use wasm_bindgen::{JsCast, JsValue};

use super::{
    preview::{PreviewRow, Tally},
    role,
};
use crate::{
    glossary::{
        actions,
        io::{self, Checked, FileError, Row},
        model::Entry,
        search,
        strings::{use_strings, Strings},
    },
    i18n::{count, fill},
    platform::facts::use_facts,
};

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

fn file_error_text(error: &FileError, s: &'static Strings) -> String {
    let why = match error {
        FileError::NoHeader => s.g_file_no_header.to_string(),
        FileError::NotJson(e) => e.clone(),
        FileError::TooManyRows(_) => fill(s.g_too_many, "n", io::MAX_IMPORT_ROWS),
        FileError::Undecodable => s.g_file_undecodable.to_string(),
    };
    fill(s.g_file_error, "error", why)
}

/// A file read for import: its records, their checks, and the encoding it was in.
#[derive(Debug, Clone, PartialEq)]
struct Preview {
    records: Vec<io::Record>,
    checked: Vec<Checked>,
    encoding: io::encoding::TextEncoding,
}

/// Import (with a preview; nothing written until confirmed) and export.
#[component]
pub fn TransferPage() -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    // The file's records, their checks and its encoding; or why it cannot be read.
    let preview = RwSignal::new(None::<Result<Preview, FileError>>);
    // Whether the file's rows update the entries already there (off: they are skipped).
    let update = RwSignal::new(false);
    let imported = RwSignal::new(None::<String>);
    let file_input = NodeRef::<html::Input>::new();
    // Export waits for the document itself: the list may still be the cached view, or half read.
    let loaded = move || facts.document(GLOSSARY).is_some_and(|g| g.is_ready());
    // What the last export wrote, said (a download alone is silent to a screen reader).
    let exported = RwSignal::new(String::new());
    let export = move |name: &'static str, mime: &str, text: String, count_of: usize| {
        download(name, mime, &text);
        let s = strings.get_untracked();
        exported.set(fill(
            &fill(
                s.g_exported,
                "terms",
                count(count_of, s.g_terms_one, s.g_terms_other),
            ),
            "file",
            name,
        ));
    };
    let rows = move || -> Vec<Row> {
        let mut entries: Vec<Entry> = actions::document_entries().unwrap_or_default();
        search::sort_entries(&mut entries, true);
        entries.iter().map(Row::of).collect()
    };
    // A file chosen before the document has loaded was checked against the cached view, which
    // may lack recent terms: checked again once the document is there, and whenever the glossary
    // changes (a term synced in a moment later, or added by someone else meanwhile), so the
    // preview tells new terms from updates truly.
    let glossary = crate::glossary::use_glossary();
    Effect::new(move |_| {
        glossary.revision();
        if loaded() {
            preview.update(|p| {
                if let Some(Ok(read)) = p {
                    read.checked = io::check(&read.records, &actions::known_entries());
                }
            });
        }
    });
    let on_file = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name().to_lowercase();
        // A new file replaces whatever the last one (or the starter) said.
        imported.set(None);
        preview.set(None);
        update.set(false);
        // Read here, in the handler: the task below runs outside the component, where the
        // glossary's context is not found (it would check against no entries at all).
        let known = actions::known_entries();
        leptos::task::spawn_local(async move {
            let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                .unwrap_or_default();
            let read = io::encoding::decode(&bytes).and_then(|(text, encoding)| {
                let trimmed = text.trim_start();
                let records = if name.ends_with(".json")
                    || trimmed.starts_with('{')
                    || trimmed.starts_with('[')
                {
                    io::records_from_json(&text)
                } else {
                    io::records_from_csv(&text)
                }?;
                let checked = io::check(&records, &known);
                Ok(Preview {
                    records,
                    checked,
                    encoding,
                })
            });
            preview.set(Some(read));
        });
    };
    // What an import did, in words: a file's skipped are rows, the starter's are terms.
    let said = move |outcome: Option<actions::ImportOutcome>, starter: bool| {
        let s = strings.get_untracked();
        outcome.map(|o| {
            let terms = |n| count(n, s.g_terms_one, s.g_terms_other);
            let (template, skipped) = if starter {
                (s.g_starter_result, terms(o.skipped))
            } else {
                (
                    s.g_import_result,
                    count(o.skipped, s.g_rows_one, s.g_rows_other),
                )
            };
            let said = fill(&fill(template, "added", terms(o.added)), "skipped", skipped);
            fill(&said, "updated", terms(o.updated))
        })
    };
    let confirm = move |_| {
        let Some(Ok(read)) = preview.get_untracked() else {
            return;
        };
        // Checked again against the document as it is now: someone may have added a term since.
        let outcome = actions::import_checked(
            &read.records,
            facts.role.get_untracked() == Some(Role::Admin),
            false,
            update.get_untracked(),
        );
        if outcome.is_none() {
            return;
        }
        preview.set(None);
        imported.set(said(outcome, false));
        if let Some(input) = file_input.get() {
            input.set_value("");
        }
        crate::browser::focus_soon("#import-result");
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().g_transfer}</h1>
            <p class="lead"><a class="back-link" href="/glossary">{move || strings.get().g_back}</a></p>
            <section class="card" aria-labelledby="export-heading">
                <h2 id="export-heading">{move || strings.get().g_export}</h2>
                <div class="actions">
                    <button type="button" class="button" id="export-csv" disabled=move || !loaded() on:click=move |_| { let r = rows(); export("kehila-glossary.csv", "text/csv;charset=utf-8", io::to_csv(&r), r.len()) }>{move || strings.get().g_export_csv}</button>
                    <button type="button" class="button" id="export-json" disabled=move || !loaded() on:click=move |_| { let r = rows(); export("kehila-glossary.json", "application/json", io::to_json(&r), r.len()) }>{move || strings.get().g_export_json}</button>
                    <button type="button" class="button" id="export-md" disabled=move || !loaded() on:click=move |_| { let r = rows(); export("kehila-glossary.md", "text/markdown;charset=utf-8", io::to_markdown(&r, strings.get_untracked().glossary_title), r.len()) }>{move || strings.get().g_export_md}</button>
                </div>
                <p class="confirmation" id="export-said" role="status">{move || exported.get()}</p>
            </section>
            {move || role().is_some_and(Role::can_write).then(|| view! {
                <section class="card" aria-labelledby="import-heading">
                    <h2 id="import-heading">{move || strings.get().g_import}</h2>
                    <p class="hint" id="import-hint">{move || strings.get().g_import_hint}</p>
                    // The browser's own file button speaks the browser's language ("Choose File")
                    // and is 21 px tall; this one is a 44 px button in the interface's language,
                    // and the input under it keeps the keyboard and screen readers working.
                    <div class="file-picker">
                        <input id="import-file" type="file" accept=".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,text/plain,application/json" node_ref=file_input aria-describedby="import-hint" on:change=on_file />
                        <label for="import-file" class="button">{move || strings.get().g_import_file}</label>
                    </div>
                    <p class="confirmation" id="import-result" role="status" tabindex="-1">{move || imported.get()}</p>
                    // On the page before a file is chosen, so that a screen reader hears the
                    // summary when it appears (a live region born with its text often is not read).
                    <p id="import-summary" role="status">{move || {
                        let s = strings.get();
                        preview.with(|p| match p {
                            Some(Ok(read)) => {
                                let tally = Tally::of(&read.checked);
                                let rows = |n| count(n, s.g_rows_one, s.g_rows_other);
                                fill(&fill(s.g_preview, "ok", rows(tally.new)), "bad", rows(tally.bad))
                            }
                            _ => String::new(),
                        })
                    }}</p>
                    {move || preview.get().map(|outcome| {
                        let s = strings.get();
                        match outcome {
                            Err(error) => view! { <p class="field-error" role="alert">{file_error_text(&error, s)}</p> }.into_any(),
                            Ok(Preview { checked, encoding, .. }) => {
                                let tally = Tally::of(&checked);
                                let rows = |n| count(n, s.g_rows_one, s.g_rows_other);
                                let terms = |n| count(n, s.g_terms_one, s.g_terms_other);
                                let confirm_label = move || {
                                    let s = strings.get();
                                    let new = count(tally.new, s.g_terms_one, s.g_terms_other);
                                    if update.get() && tally.changed > 0 {
                                        fill(&fill(s.g_import_confirm_update, "terms", new), "updated", count(tally.changed, s.g_terms_one, s.g_terms_other))
                                    } else {
                                        fill(s.g_import_confirm, "terms", new)
                                    }
                                };
                                view! {
                                    <div class="import-preview">
                                        {(tally.existing > 0).then(|| view! {
                                            <p id="import-existing">{fill(&fill(s.g_preview_existing, "n", rows(tally.existing)), "changed", rows(tally.changed))}</p>
                                        })}
                                        {(tally.changed > 0).then(|| view! {
                                            <div class="choice-row">
                                                <input type="checkbox" id="import-update" aria-describedby="import-update-hint"
                                                    prop:checked=move || update.get()
                                                    on:change=move |ev| update.set(event_target_checked(&ev)) />
                                                <label for="import-update">{fill(s.g_import_update, "n", terms(tally.changed))}</label>
                                            </div>
                                            <p class="hint" id="import-update-hint">{s.g_import_update_hint}</p>
                                        })}
                                        <p class="hint" id="import-encoding">{fill(s.g_encoding, "encoding", encoding.name())}</p>
                                        <div class="table-scroll">
                                            <table>
                                                <thead><tr>
                                                    <th scope="col">{s.g_row}</th>
                                                    <th scope="col">{s.g_term_he}</th>
                                                    <th scope="col">{s.g_term_en}</th>
                                                    <th scope="col">{s.g_import_outcome}</th>
                                                </tr></thead>
                                                <tbody>
                                                    {checked.into_iter().map(|c| view! { <PreviewRow checked=c update=update /> }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                        <div class="actions">
                                            <button type="button" class="button" id="import-confirm"
                                                disabled=move || (tally.new == 0 && !(update.get() && tally.changed > 0)) || !loaded()
                                                on:click=confirm>{confirm_label}</button>
                                            <button type="button" class="button button-quiet" on:click=move |_| preview.set(None)>{s.g_cancel}</button>
                                        </div>
                                    </div>
                                }.into_any()
                            }
                        }
                    })}
                    {move || (role() == Some(Role::Admin)).then(|| view! {
                        <p><button type="button" class="button button-quiet" id="load-starter" disabled=move || !loaded() on:click=move |_| {
                            preview.set(None);
                            imported.set(said(actions::load_starter(), true));
                            crate::browser::focus_soon("#import-result");
                        }>{move || strings.get().g_starter}</button></p>
                    })}
                </section>
            })}
        </section>
    }
}

//! What an entry says: status, domain, deprecation notice, who is here ([`EntryMeta`]); then
//! definitions, synonyms, abbreviations, example, source, related entries, notes, and who
//! changed it last ([`EntryRead`], which the edit form takes the place of while editing).

use leptos::prelude::*;

use wasm_bindgen::JsCast;

use super::{
    edit::{field_key, EditAt},
    status_chip,
};
use crate::{
    browser,
    glossary::{
        model::{Entry, Status},
        strings::use_strings,
        terms::TermText,
        use_glossary,
    },
    i18n::{fill, isolate, use_language, Lang},
    platform::facts::{here_now, use_facts},
};

/// The entry's status, domain, deprecation notice and who else is here: shown while reading and
/// while editing.
#[component]
pub fn EntryMeta(entry: Memo<Option<Entry>>) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let glossary = use_glossary();
    move || {
        let s = strings.get();
        let current = entry.get()?;
        let here = here_now(&format!("/glossary/{}", current.id));
        let status = current.status();
        let hebrew = lang.get() == Lang::He;
        let replaced = (status == Status::Deprecated && !current.replaced_by.is_empty())
            .then(|| glossary.entry(&current.replaced_by))
            .flatten()
            .map(|e| (e.id.clone(), e.title(hebrew).to_string()));
        Some(view! {
            <p class="entry-meta">
                {status_chip(status, s)}
                {(!current.domain.is_empty()).then(|| view! { <span class="entry-domain" dir="auto">{current.domain.clone()}</span> })}
            </p>
            {(status == Status::Deprecated).then(|| view! {
                <p class="notice notice-error">
                    {s.g_deprecated_notice}" "
                    {replaced.map(|(id, title)| view! { {s.g_use_x}" "<a href=format!("/glossary/{id}")>{title}</a> })}
                </p>
            })}
            {(!here.is_empty()).then(|| view! { <p class="entry-here" role="status">{fill(s.g_here, "names", here.join(", "))}</p> })}
        })
    }
}

/// What the entry says. For a member who may edit, a tap on a field's text opens the edit form
/// with the caret on the character tapped (`on_edit`); the form's button does the same from the
/// keyboard.
#[component]
pub fn EntryRead(
    entry: Memo<Option<Entry>>,
    /// Whether this member may edit now.
    #[prop(into)]
    editable: Signal<bool>,
    /// Opens the edit form at a field.
    on_edit: Callback<EditAt>,
) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let facts = use_facts();
    let glossary = use_glossary();
    let shared = crate::platform::strings::use_strings();
    let field = move |f: fn(&Entry) -> String| {
        Signal::derive(move || entry.with(|e| e.as_ref().map(f).unwrap_or_default()))
    };
    // A tap on a field's text (not on a link in it, not the end of a selection) edits it there.
    let tapped = move |ev: web_sys::MouseEvent| {
        if !editable.get_untracked() || browser::selecting() {
            return;
        }
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if target
            .closest("a, button, .term-ref")
            .ok()
            .flatten()
            .is_some()
        {
            return;
        }
        let field = target
            .closest("[data-field]")
            .ok()
            .flatten()
            .and_then(|f| f.get_attribute("data-field"))
            .and_then(|key| field_key(&key));
        if let Some(field) = field {
            let caret = browser::caret_at_point(ev.client_x(), ev.client_y());
            on_edit.run(EditAt { field, caret });
        }
    };
    move || {
        let s = strings.get();
        let current = entry.get()?;
        let hebrew = lang.get() == Lang::He;
        let title_of = move |id: &str| {
            glossary
                .entry(id)
                .map(|e| (e.id.clone(), e.title(hebrew).to_string()))
        };
        let updated = (!current.updated_by.is_empty()).then(|| {
            let who = facts.name_of(&current.updated_by, shared.get().member_unnamed);
            let when = browser::locale_date_time(current.updated_at, lang.get().code());
            fill(
                &fill(s.g_updated, "who", isolate(&who)),
                "date",
                isolate(&when),
            )
        });
        let join =
            |a: &[String], b: &[String]| a.iter().chain(b).cloned().collect::<Vec<_>>().join(" · ");
        Some(view! {
            <dl class="entry-read" class:editable=move || editable.get() on:click=tapped>
                {(!current.definition_he.is_empty()).then(|| view! {
                    <dt>{s.g_definition_he}</dt>
                    <dd lang="he" dir="rtl" class="definition" data-field="definition_he"><TermText text=field(|e| e.definition_he.clone()) /></dd>
                })}
                {(!current.definition_en.is_empty()).then(|| view! {
                    <dt>{s.g_definition_en}</dt>
                    <dd lang="en" dir="ltr" class="definition" data-field="definition_en"><TermText text=field(|e| e.definition_en.clone()) /></dd>
                })}
                {(!current.synonyms_he.is_empty() || !current.synonyms_en.is_empty()).then(|| view! {
                    <dt>{s.g_synonyms_heading}</dt>
                    <dd dir="auto" data-field="synonyms_he">{join(&current.synonyms_he, &current.synonyms_en)}</dd>
                })}
                {(!current.abbreviations_he.is_empty() || !current.abbreviations_en.is_empty()).then(|| view! {
                    <dt>{s.g_abbr_heading}</dt>
                    <dd dir="auto" data-field="abbreviations_he">{join(&current.abbreviations_he, &current.abbreviations_en)}</dd>
                })}
                {(!current.example.is_empty()).then(|| view! { <dt>{s.g_example}</dt><dd dir="auto" data-field="example"><TermText text=field(|e| e.example.clone()) /></dd> })}
                {(!current.source.is_empty() || !current.source_url.is_empty()).then(|| {
                    let label = if current.source.is_empty() { current.source_url.clone() } else { current.source.clone() };
                    let link = browser::is_http_link(&current.source_url).then(|| current.source_url.clone());
                    view! {
                        <dt>{s.g_source}</dt>
                        <dd dir="auto" data-field="source">{match link {
                            Some(href) => view! { <a href=href rel="noopener noreferrer" target="_blank">{label}</a> }.into_any(),
                            None => view! { <span>{label}</span> }.into_any(),
                        }}</dd>
                    }
                })}
                {(!current.related.is_empty()).then(|| view! {
                    <dt>{s.g_related}</dt>
                    <dd><ul class="related-list">
                        {current.related.iter().filter_map(|r| title_of(r)).map(|(id, title)| view! {
                            <li><a href=format!("/glossary/{id}") dir="auto">{title}</a></li>
                        }).collect_view()}
                    </ul></dd>
                })}
                {(!current.notes.is_empty()).then(|| view! { <dt>{s.g_notes}</dt><dd dir="auto" data-field="notes"><span data-at="0">{current.notes.clone()}</span></dd> })}
            </dl>
            {updated.map(|line| view! { <p class="hint">{line}</p> })}
        })
    }
}

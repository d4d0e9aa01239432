//! One entry in the list, keyed by its id and rendered from the entry's own signal: an edit to
//! this entry re-renders this row; an edit to another entry, or a presence round, does not.

use leptos::prelude::*;

use super::{status_chip, terms_in_order};
use crate::{
    glossary::{strings::use_strings, terms::plain_text, use_glossary},
    i18n::{fill, use_language, Lang},
    platform::facts::here_now,
};

/// Characters of the definition shown under a term.
const EXCERPT_CHARS: usize = 180;

/// A list row for entry `id`; `letters` says which rows start a jump-bar letter.
#[component]
pub fn EntryRow(
    id: String,
    query: RwSignal<String>,
    letters: Memo<Vec<(char, usize, String)>>,
) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let Some(entry) = use_glossary().signal_untracked(&id) else {
        return ().into_any();
    };
    let path = format!("/glossary/{id}");
    // Who is on this entry's page: a memo, so a presence round that changes nothing here
    // re-renders nothing here.
    let here = Memo::new({
        let path = path.clone();
        move |_| here_now(&path)
    });
    let anchor = {
        let id = id.clone();
        move || {
            letters.with(|starts| {
                starts
                    .iter()
                    .find(|(_, _, first)| *first == id)
                    .map(|(letter, _, _)| format!("letter-{letter}"))
            })
        }
    };
    let status = {
        let entry = entry.clone();
        move || entry.with(|e| e.status().as_str())
    };
    view! {
        <li class="entry-item" id=anchor data-entry=id data-status=status>
            {move || {
                let s = strings.get();
                let hebrew = lang.get() == Lang::He;
                let q = query.get();
                entry.with(|e| {
                    let definition = if hebrew && !e.definition_he.is_empty() || e.definition_en.is_empty() {
                        &e.definition_he
                    } else {
                        &e.definition_en
                    };
                    let excerpt: String = plain_text(definition).chars().take(EXCERPT_CHARS).collect();
                    view! {
                        <a class="entry-link" href=path.clone()>{terms_in_order(e, hebrew, &q)}</a>
                        {status_chip(e.status(), s)}
                        {(!e.domain.is_empty()).then(|| view! { <span class="entry-domain" dir="auto">{e.domain.clone()}</span> })}
                        {(!excerpt.is_empty()).then(|| view! { <p class="entry-excerpt" dir="auto">{super::marked(&excerpt, &q)}</p> })}
                    }
                })
            }}
            {move || here.with(|names| (!names.is_empty()).then(|| view! {
                <p class="entry-here">{fill(strings.get().g_here, "names", names.join(", "))}</p>
            }))}
        </li>
    }
    .into_any()
}

//! A new entry: terms, definitions, domain. Checked the way an import row is
//! ([`crate::glossary::io::check`]): a term is needed, and no term may already be in the glossary.

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;

use crate::{
    glossary::{
        actions,
        io::{self, Record, RowError},
        strings::use_strings,
    },
    i18n::fill,
};

/// The new-entry page.
#[component]
pub fn NewEntryPage() -> impl IntoView {
    let strings = use_strings();
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
        let input = |n: NodeRef<html::Input>| n.get().map(|i| i.value()).unwrap_or_default();
        let area = |n: NodeRef<html::Textarea>| n.get().map(|i| i.value()).unwrap_or_default();
        let record: Record = vec![
            ("term_he".into(), input(term_he)),
            ("term_en".into(), input(term_en)),
            ("definition_he".into(), area(definition_he)),
            ("definition_en".into(), area(definition_en)),
            ("domain".into(), input(domain)),
        ];
        let checked = io::check(&[record], &actions::known_entries()).remove(0);
        let row = match checked.result {
            Ok(row) => row,
            Err(errors) => {
                let message = match errors.first() {
                    Some(RowError::Duplicate { term, .. }) => fill(s.g_duplicate, "term", term),
                    _ => s.g_need_term.to_string(),
                };
                error.set(Some(message));
                if let Some(input) = term_he.get() {
                    let _ = input.focus();
                }
                return;
            }
        };
        if let Some(id) = actions::create(&row) {
            navigate(&format!("/glossary/{id}"), Default::default());
        }
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

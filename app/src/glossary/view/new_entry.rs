//! A new entry: terms, definitions, domain. Checked the way an import row is
//! ([`crate::glossary::io::check`]): a term is needed, and no term may already be in the glossary.

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;

use crate::{
    glossary::{
        actions,
        io::{self, Record, RowError, Verdict},
        strings::use_strings,
        use_glossary,
    },
    i18n::fill,
};

/// Where a search carried over from the list goes: (Hebrew term, English term). Text with a
/// Hebrew letter is a Hebrew term; anything else (Latin, digits) an English one.
pub fn terms_from_search(query: &str) -> (String, String) {
    let query = query.trim().to_string();
    if query
        .chars()
        .any(|c| ('\u{05D0}'..='\u{05EA}').contains(&c))
    {
        (query, String::new())
    } else {
        (String::new(), query)
    }
}

/// The new-entry page; `?term=` (from a search that found nothing) fills in the term.
#[component]
pub fn NewEntryPage() -> impl IntoView {
    let strings = use_strings();
    let navigate = use_navigate();
    let query = leptos_router::hooks::use_query_map();
    let (given_he, given_en) =
        terms_from_search(&query.with_untracked(|q| q.get("term").unwrap_or_default()));
    let error = RwSignal::new(None::<String>);
    let term_he = NodeRef::<html::Input>::new();
    let glossary = use_glossary();
    let term_en = NodeRef::<html::Input>::new();
    let definition_he = NodeRef::<html::Textarea>::new();
    let definition_en = NodeRef::<html::Textarea>::new();
    let domain = NodeRef::<html::Input>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let s = strings.get_untracked();
        let input = |n: NodeRef<html::Input>| n.get().map(|i| i.value()).unwrap_or_default();
        let area = |n: NodeRef<html::Textarea>| n.get().map(|i| i.value()).unwrap_or_default();
        let record = Record {
            line: 1,
            cells: vec![
                ("term_he".into(), input(term_he)),
                ("term_en".into(), input(term_en)),
                ("definition_he".into(), area(definition_he)),
                ("definition_en".into(), area(definition_en)),
                ("domain".into(), input(domain)),
            ],
        };
        let checked = io::check(&[record], &actions::known_entries()).remove(0);
        let message = match &checked.verdict {
            Verdict::New => None,
            // Already there: the form makes new entries only (an import may update).
            Verdict::Update { id, .. } | Verdict::Same { id } => {
                let term = glossary.title(id, true).unwrap_or_default();
                Some(fill(s.g_duplicate, "term", term))
            }
            Verdict::Invalid(errors) => Some(match errors.first() {
                Some(RowError::Duplicate { term, .. }) => fill(s.g_duplicate, "term", term),
                _ => s.g_need_term.to_string(),
            }),
        };
        if let Some(message) = message {
            error.set(Some(message));
            if let Some(input) = term_he.get() {
                let _ = input.focus();
            }
            return;
        }
        let row = checked.row;
        if let Some(id) = actions::create(&row) {
            navigate(&format!("/glossary/{id}"), Default::default());
        }
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().g_new}</h1>
            <p class="lead"><a class="back-link" href="/glossary">{move || strings.get().g_back}</a></p>
            <form class="card entry-form" on:submit=submit>
                <label for="new-term-he">{move || strings.get().g_term_he}</label>
                <input id="new-term-he" type="text" dir="rtl" lang="he" node_ref=term_he aria-describedby="new-error"
                    prop:value=given_he aria-invalid=move || error.with(Option::is_some).then_some("true") />
                <label for="new-term-en">{move || strings.get().g_term_en}</label>
                <input id="new-term-en" type="text" dir="ltr" lang="en" node_ref=term_en aria-describedby="new-error"
                    prop:value=given_en aria-invalid=move || error.with(Option::is_some).then_some("true") />
                // Under the terms it is about, not at the end of the form.
                <p class="field-error" id="new-error" role="alert">{move || error.get()}</p>
                <label for="new-definition-he">{move || strings.get().g_definition_he}</label>
                <textarea id="new-definition-he" dir="rtl" lang="he" rows="3" node_ref=definition_he></textarea>
                <label for="new-definition-en">{move || strings.get().g_definition_en}</label>
                <textarea id="new-definition-en" dir="ltr" lang="en" rows="3" node_ref=definition_en></textarea>
                <label for="new-domain">{move || strings.get().g_domain}</label>
                <input id="new-domain" type="text" dir="auto" node_ref=domain />
                <button type="submit" class="button">{move || strings.get().g_create}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::terms_from_search;

    #[test]
    fn a_search_becomes_the_term_in_its_language() {
        assert_eq!(
            terms_from_search(" ממשל זמין "),
            ("ממשל זמין".into(), String::new())
        );
        assert_eq!(
            terms_from_search("API 2.0 של משרד"),
            ("API 2.0 של משרד".into(), String::new())
        );
        assert_eq!(
            terms_from_search("Open data"),
            (String::new(), "Open data".into())
        );
        assert_eq!(terms_from_search(""), (String::new(), String::new()));
    }
}

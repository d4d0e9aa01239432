//! One entry's page: its title, then what it says (or, on demand, the form that edits it in its
//! place), sharing, review and history, each its own component over the same entry memo.

use leptos::prelude::*;
use sync_core::documents::GLOSSARY;

use super::{
    edit::{editable, EditAt, EditCard},
    history::HistoryCard,
    read::{EntryMeta, EntryRead},
    share::ShareActions,
    workflow::WorkflowCard,
};
use crate::{
    browser,
    glossary::{model::Entry, strings::use_strings, use_glossary},
    i18n::{use_language, Lang},
    platform::{facts::use_facts, route::use_param},
};

/// One entry: what it says, who is here, sharing, review, editing and history.
#[component]
pub fn EntryPage() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let facts = use_facts();
    let glossary = use_glossary();
    let id = use_param();
    let entry = Memo::new(move |_| glossary.entry(&id.get()));
    let exists = Memo::new(move |_| entry.with(Option::is_some));
    let loaded = move || facts.document(GLOSSARY).is_some_and(|g| g.is_ready());
    view! {
        <section class="page entry-page">
            <p class="lead"><a class="back-link" href="/glossary">{move || strings.get().g_back}</a></p>
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
                    // Each term in its own language's direction, whatever it starts with.
                    let title_he = current.title_is_hebrew(hebrew);
                    let (title_lang, title_dir) = if title_he { ("he", "rtl") } else { ("en", "ltr") };
                    let (other_lang, other_dir) = if hebrew { ("en", "ltr") } else { ("he", "rtl") };
                    view! {
                        <h1 tabindex="-1" lang=title_lang dir=title_dir>{title.clone()}</h1>
                        {(!other.is_empty() && other != title).then(|| view! {
                            <p class="other-term" lang=other_lang dir=other_dir>{other}</p>
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

/// The sections of an existing entry's page. It opens to read; a member who may edit taps a
/// field's text (the caret lands on the character tapped) or presses "edit" for the form, which
/// takes the read view's place — the definition is never shown twice — and "done" reads again.
#[component]
fn EntryBody(id: Memo<String>, entry: Memo<Option<Entry>>) -> impl IntoView {
    let strings = use_strings();
    let editable = editable();
    // None while reading; where the form opened while editing.
    let editing = RwSignal::new(None::<EditAt>);
    let open = Memo::new(move |_| editing.with(Option::is_some) && editable.get());
    let on_edit = Callback::new(move |at: EditAt| editing.set(Some(at)));
    let on_done = Callback::new(move |()| {
        editing.set(None);
        browser::focus_soon("#entry-edit-toggle");
    });
    view! {
        <EntryMeta entry=entry />
        {move || editable.get().then(|| view! {
            <p class="entry-edit-toggle">
                <button type="button" class="button button-quiet" id="entry-edit-toggle"
                    aria-expanded=move || open.get().to_string() aria-controls="entry-fields"
                    on:click=move |_| if open.get_untracked() { on_done.run(()) } else { editing.set(Some(EditAt { field: "term_he", caret: None })) }>
                    {move || strings.get().g_edit}
                </button>
            </p>
        })}
        {move || if open.get() {
            view! { <EditCard id=id entry=entry at=editing.get_untracked() on_done=on_done /> }.into_any()
        } else {
            view! { <EntryRead entry=entry editable=editable on_edit=on_edit /> }.into_any()
        }}
        <ShareActions entry=entry />
        <WorkflowCard id=id entry=entry />
        <HistoryCard id=id entry=entry />
    }
}

//! The community's co-edited description and its document catalog.

use leptos::{html, prelude::*};
use sync_core::ids::DocumentId;

use crate::community::{
    identity, root,
    strings::{use_strings, Strings},
};
use crate::{
    browser::{self, now_ms},
    platform::strings::use_strings as use_platform_strings,
    sync::DocHandle,
    ui::CollabTextarea,
};

/// The community's description, co-edited as Automerge text (see [`CollabTextarea`]).
#[component]
pub fn About(root: DocHandle, can_write: bool) -> impl IntoView {
    let strings = use_strings();
    let about = root.watch(&["about"], root::about);
    view! {
        <section class="card" aria-labelledby="about-heading">
            <h2 id="about-heading">{move || strings.get().about_heading}</h2>
            <label for="about-text">{move || strings.get().about_label}</label>
            {(!can_write).then(|| view! { <p class="hint" id="about-read-only">{move || use_platform_strings().get().read_only}</p> })}
            <CollabTextarea
                id="about-text"
                value=about
                rows=5
                read_only=Signal::derive(move || !can_write || !root.is_ready())
                ready=Signal::derive(move || root.is_ready())
                described_by=(!can_write).then_some("about-read-only")
                on_splice=move |splice| root.change(move |tx| root::edit_about(tx, &splice))
            />
        </section>
    }
}

fn kind_name(kind: root::DocKind, s: &'static Strings) -> &'static str {
    match kind {
        root::DocKind::Article => s.kind_article,
        root::DocKind::Tool => s.kind_tool,
        root::DocKind::Practice => s.kind_practice,
        root::DocKind::Case => s.kind_case,
    }
}

fn new_document_id() -> DocumentId {
    DocumentId::from_random_bytes(browser::random_bytes())
}

/// The community's document catalog, and a form to add to it.
#[component]
pub fn Catalog(root: DocHandle, can_write: bool) -> impl IntoView {
    let strings = use_strings();
    let catalog = root.watch(&["catalog"], root::catalog);
    let title = NodeRef::<html::Input>::new();
    let kind = NodeRef::<html::Select>::new();
    let error = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(title_input), Some(kind_select)) = (title.get(), kind.get()) else {
            return;
        };
        let typed = title_input.value();
        if typed.trim().is_empty() {
            error.set(true);
            let _ = title_input.focus();
            return;
        }
        error.set(false);
        let chosen = root::DocKind::parse(&kind_select.value()).unwrap_or(root::DocKind::Article);
        let id = new_document_id().to_string();
        let me = identity::identity().id;
        root.change(move |tx| {
            let _ = root::add_to_catalog(tx, &id, chosen, &typed, &me, now_ms());
        });
        title_input.set_value("");
    };
    view! {
        <section class="card" aria-labelledby="catalog-heading">
            <h2 id="catalog-heading">{move || strings.get().catalog_heading}</h2>
            {move || {
                let s = strings.get();
                let entries = catalog.get();
                if entries.is_empty() {
                    return view! { <p class="empty-state">{s.catalog_empty}</p> }.into_any();
                }
                view! {
                    <ul class="catalog-list">
                        {entries.into_iter().map(|entry| view! {
                            <li class="catalog-entry">
                                <span class="catalog-title" dir="auto">{entry.title}</span>
                                <span class="catalog-kind">{kind_name(entry.kind, s)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {can_write.then(|| view! {
                <form class="catalog-form" on:submit=submit>
                    <label for="catalog-title">{move || strings.get().catalog_title_label}</label>
                    <input
                        id="catalog-title"
                        node_ref=title
                        type="text"
                        dir="auto"
                        maxlength=root::MAX_TITLE_CHARS.to_string()
                        aria-invalid=move || error.get().to_string()
                        aria-describedby="catalog-error"
                    />
                    <label for="catalog-kind">{move || strings.get().catalog_kind_label}</label>
                    <select id="catalog-kind" node_ref=kind>
                        {move || {
                            let s = strings.get();
                            root::DocKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str()>{kind_name(k, s)}</option>
                            }).collect_view()
                        }}
                    </select>
                    <p class="field-error" id="catalog-error" role="alert">
                        {move || error.get().then(|| strings.get().catalog_no_title)}
                    </p>
                    <button type="submit" class="button">{move || strings.get().catalog_add}</button>
                </form>
            })}
        </section>
    }
}

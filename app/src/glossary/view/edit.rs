//! Editing an entry, on demand in the read view's place: each field saves on its own (scalars and lists when the field is left,
//! prose keystroke by keystroke so concurrent edits merge), and related entries.

use leptos::prelude::*;
use sync_core::{documents::GLOSSARY, roles::Role};

use super::{
    fields::{field_dir, field_lang},
    picker::EntryPicker,
};
use crate::{
    browser,
    glossary::{
        actions,
        model::{self, Entry, EntryEdit},
        strings::{use_strings, Strings},
        use_glossary,
    },
    i18n::{fill, use_language, Lang},
    platform::facts::use_facts,
    ui::CollabTextarea,
};

/// Where the edit form opens: a field, and the caret in it when the member tapped its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EditAt {
    /// The field's key (one of [`FIELDS`]).
    pub field: &'static str,
    /// A UTF-16 offset into the field's text.
    pub caret: Option<u32>,
}

/// The field whose key is `key`, as the form knows it.
pub fn field_key(key: &str) -> Option<&'static str> {
    FIELDS.iter().map(|(k, _, _)| *k).find(|k| *k == key)
}

/// True when this member may edit the entry now: a member or admin, once the document has
/// loaded, or before, on a cached view that says which version it shows (edits wait for the
/// document and are made at that version; see [`crate::glossary::cache`]).
pub fn editable() -> Signal<bool> {
    let facts = use_facts();
    let glossary = use_glossary();
    let role = facts.role;
    Signal::derive(move || {
        role.get().is_some_and(Role::can_write)
            && (facts.document(GLOSSARY).is_some_and(|g| g.is_ready())
                || glossary.editable_before_load())
    })
}

/// How a field is edited.
#[derive(Clone, Copy)]
enum Kind {
    /// One line, one value.
    Scalar(fn(&Entry) -> String),
    /// One line, values separated by `;`.
    List(fn(&Entry) -> Vec<String>),
    /// Co-edited prose.
    Text(fn(&Entry) -> String),
}

/// A field's label in the current language.
type Label = fn(&'static Strings) -> &'static str;

/// The editable fields in the order the form shows them: (key, label, kind).
const FIELDS: [(&str, Label, Kind); 13] = [
    (
        "term_he",
        |s| s.g_term_he,
        Kind::Scalar(|e| e.term_he.clone()),
    ),
    (
        "term_en",
        |s| s.g_term_en,
        Kind::Scalar(|e| e.term_en.clone()),
    ),
    (
        "synonyms_he",
        |s| s.g_synonyms_he,
        Kind::List(|e| e.synonyms_he.clone()),
    ),
    (
        "synonyms_en",
        |s| s.g_synonyms_en,
        Kind::List(|e| e.synonyms_en.clone()),
    ),
    (
        "abbreviations_he",
        |s| s.g_abbr_he,
        Kind::List(|e| e.abbreviations_he.clone()),
    ),
    (
        "abbreviations_en",
        |s| s.g_abbr_en,
        Kind::List(|e| e.abbreviations_en.clone()),
    ),
    (
        "definition_he",
        |s| s.g_definition_he,
        Kind::Text(|e| e.definition_he.clone()),
    ),
    (
        "definition_en",
        |s| s.g_definition_en,
        Kind::Text(|e| e.definition_en.clone()),
    ),
    (
        "example",
        |s| s.g_example,
        Kind::Text(|e| e.example.clone()),
    ),
    ("source", |s| s.g_source, Kind::Scalar(|e| e.source.clone())),
    (
        "source_url",
        |s| s.g_source_url,
        Kind::Scalar(|e| e.source_url.clone()),
    ),
    ("domain", |s| s.g_domain, Kind::Scalar(|e| e.domain.clone())),
    ("notes", |s| s.g_notes, Kind::Text(|e| e.notes.clone())),
];

/// The edit form, in the read view's place while the member edits: every field, each saving on
/// its own, then related entries. Opens with focus on `at` (the field tapped, the caret where it
/// was tapped) or the first field; "done" goes back to reading.
#[component]
pub fn EditCard(
    id: Memo<String>,
    entry: Memo<Option<Entry>>,
    /// Where to start.
    at: Option<EditAt>,
    /// Back to reading.
    on_done: Callback<()>,
) -> impl IntoView {
    let strings = use_strings();
    let editable = editable();
    let read_only = Signal::derive(move || !editable.get());
    let start = at.unwrap_or(EditAt {
        field: FIELDS[0].0,
        caret: None,
    });
    browser::focus_at(&format!("#entry-{}", start.field), start.caret);
    let field = move |(key, label, kind): (&'static str, Label, Kind)| {
        let input_id = format!("entry-{key}");
        // Its language said (WCAG 3.1.2: an English definition read in English in the
        // Hebrew interface), and its direction set.
        let lang = field_lang(key);
        let dir = field_dir(key);
        let label = view! { <label for=input_id.clone()>{move || label(strings.get())}</label> };
        let control = match kind {
            Kind::Scalar(read) => view! {
                <input id=input_id type="text" dir=dir lang=lang
                    prop:value=move || entry.with(|e| e.as_ref().map(read).unwrap_or_default())
                    prop:readOnly=move || read_only.get()
                    on:change=move |ev| actions::save(&id.get_untracked(), EntryEdit {
                        scalars: vec![(key, event_target_value(&ev).trim().to_string())],
                        ..Default::default()
                    }) />
            }.into_any(),
            Kind::List(read) => view! {
                <input id=input_id type="text" dir=dir lang=lang
                    prop:value=move || entry.with(|e| e.as_ref().map(read).unwrap_or_default().join("; "))
                    prop:readOnly=move || read_only.get()
                    on:change=move |ev| actions::save(&id.get_untracked(), EntryEdit {
                        lists: vec![(key, model::split_list(&event_target_value(&ev)))],
                        ..Default::default()
                    }) />
            }.into_any(),
            Kind::Text(read) => view! {
                <CollabTextarea
                    id=input_id
                    lang=lang
                    dir=dir
                    value=Signal::derive(move || entry.with(|e| e.as_ref().map(read).unwrap_or_default()))
                    read_only=read_only
                    ready=Signal::derive(move || entry.with(Option::is_some))
                    on_splice=move |splice| actions::splice(&id.get_untracked(), key, splice)
                />
            }.into_any(),
        };
        view! { {label}{control} }
    };
    view! {
        <section class="card entry-edit" id="entry-fields" aria-labelledby="entry-edit-title">
            <h2 id="entry-edit-title">{move || strings.get().g_edit}</h2>
            <p class="hint">{move || strings.get().g_edit_hint}</p>
            {FIELDS.into_iter().map(field).collect_view()}
            <RelatedEdit id=id entry=entry />
            <p><button type="button" class="button" id="entry-edit-done" on:click=move |_| on_done.run(())>
                {move || strings.get().g_edit_done}
            </button></p>
        </section>
    }
}

/// Related entries: the list with a remove button each, and a picker to add one.
#[component]
fn RelatedEdit(id: Memo<String>, entry: Memo<Option<Entry>>) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let glossary = use_glossary();
    let related = Memo::new(move |_| {
        entry.with(|e| e.as_ref().map(|e| e.related.clone()).unwrap_or_default())
    });
    let set_related = move |related: Vec<String>| {
        actions::save(
            &id.get_untracked(),
            EntryEdit {
                related: Some(related),
                ..Default::default()
            },
        )
    };
    // Not offered: the entry itself and those already related.
    let exclude = Signal::derive(move || {
        let mut ids = related.get();
        ids.push(id.get());
        ids
    });
    let add = Callback::new(move |(choice, _): (String, String)| {
        let mut next = related.get_untracked();
        if !next.contains(&choice) {
            next.push(choice);
            set_related(next);
        }
    });
    view! {
        <fieldset class="related-edit">
            <legend>{move || strings.get().g_related}</legend>
            {move || {
                let s = strings.get();
                let hebrew = lang.get() == Lang::He;
                let related = related.get();
                view! {
                    <ul class="related-list">
                        {related.iter().map(|rid| {
                            let title = glossary.title(rid, hebrew).unwrap_or_else(|| rid.clone());
                            let without: Vec<String> = related.iter().filter(|r| *r != rid).cloned().collect();
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
                }
            }}
            <EntryPicker id="related-add" label=Signal::derive(move || strings.get().g_related_add)
                exclude=exclude on_pick=add />
        </fieldset>
    }
}

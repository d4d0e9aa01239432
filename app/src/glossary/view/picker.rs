//! Choosing one entry out of thousands: a search box and the few entries that match it, each a
//! button ([`crate::glossary::GlossaryState::find`]). It replaces a `<select>` of every title:
//! 2,000 options are no way to choose on a phone, and building them was a third of the entry
//! page's first render. Keyboard: type, Tab to a result, Enter; a screen reader hears how many
//! were found.

use leptos::prelude::*;

use crate::{
    glossary::{strings::use_strings, use_glossary},
    i18n::{fill, use_language, Lang},
};

/// How many matches a picker shows. Why: the best few are what a member picks from; more is a
/// list to scroll on a phone — typing another letter narrows it instead.
pub const PICKER_RESULTS: usize = 8;

/// A search box that offers matching entries; `on_pick(id, title)` when one is chosen (the box
/// is then cleared). `exclude` are never offered (the entry itself, those already chosen).
#[component]
pub fn EntryPicker(
    /// The search box's id (also the prefix of its hint's id).
    id: &'static str,
    /// The search box's label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// Entries not to offer.
    #[prop(into)]
    exclude: Signal<Vec<String>>,
    /// What to do with the chosen entry: (id, title).
    on_pick: Callback<(String, String)>,
) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let glossary = use_glossary();
    let query = RwSignal::new(String::new());
    let found = Memo::new(move |_| {
        query.with(|q| {
            exclude.with(|ex| glossary.find(q, lang.get() == Lang::He, ex, PICKER_RESULTS))
        })
    });
    let hint_id = format!("{id}-hint");
    let status = move || {
        let s = strings.get();
        if query.with(|q| q.trim().is_empty()) {
            s.g_pick_hint.to_string()
        } else if found.with(Vec::is_empty) {
            s.g_pick_nothing.to_string()
        } else {
            fill(s.g_pick_found, "n", found.with(Vec::len).to_string())
        }
    };
    view! {
        <div class="picker">
            <label for=id>{move || label.get()}</label>
            <input id=id type="search" autocomplete="off" enterkeyhint="search"
                aria-describedby=hint_id.clone()
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev)) />
            <p class="hint" id=hint_id role="status">{status}</p>
            <ul class="picker-results">
                // At most PICKER_RESULTS buttons, redrawn per keystroke (a keyed list would add
                // code to the first download and save nothing at this size).
                {move || found.get().into_iter().map(|(entry, title)| {
                    let choice = (entry.clone(), title.clone());
                    view! {
                        <li>
                            <button type="button" class="button button-quiet" dir="auto" data-entry=entry
                                on:click=move |_| {
                                    on_pick.run(choice.clone());
                                    query.set(String::new());
                                }>
                                {title}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

//! Sharing an entry: its deep link to WhatsApp, or copied.

use leptos::prelude::*;

use crate::{
    browser,
    glossary::{model::Entry, strings::use_strings},
    i18n::{use_language, Lang},
};

/// The share actions of an entry.
#[component]
pub fn ShareActions(entry: Memo<Option<Entry>>) -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let copied = RwSignal::new(false);
    // Only the id and the title: typing in a definition does not rebuild these buttons.
    let target = Memo::new(move |_| {
        let hebrew = lang.get() == Lang::He;
        entry.with(|e| {
            e.as_ref()
                .map(|e| (e.id.clone(), e.title(hebrew).to_string()))
        })
    });
    view! {
        <div class="actions share">
            {move || {
                let s = strings.get();
                let (id, title) = target.get()?;
                let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
                let url = format!("{origin}/glossary/{id}");
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
    }
}

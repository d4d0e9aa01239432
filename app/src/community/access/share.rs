//! A link to pass on — an invitation, or this member's link for another device: the link in a
//! read-only field, copy (said when done) and WhatsApp.

use leptos::prelude::*;

use super::strings::{use_strings, Strings};
use crate::browser;

/// The link `url`, with copy and WhatsApp buttons. `id` is the field's id; `label` and `message`
/// (the text sent before the link) are chosen from the table.
#[component]
pub fn LinkToShare(
    id: &'static str,
    url: String,
    label: fn(&'static Strings) -> &'static str,
    message: fn(&'static Strings) -> &'static str,
) -> impl IntoView {
    let strings = use_strings();
    let copied = RwSignal::new(false);
    let text = url.clone();
    let copy = move |_| {
        browser::copy_to_clipboard(&text);
        copied.set(true);
    };
    view! {
        <div class="invite-link">
            <label for=id>{move || label(strings.get())}</label>
            <input id=id type="text" readonly dir="ltr" prop:value=url.clone() />
            <div class="actions">
                <button type="button" class="button" on:click=copy>{move || strings.get().invite_copy}</button>
                <a class="button" href=move || browser::whatsapp_share_url(&format!("{} {url}", message(strings.get())))
                    target="_blank" rel="noopener noreferrer">{move || strings.get().invite_whatsapp}</a>
            </div>
            <p class="confirmation" role="status">{move || copied.get().then(|| strings.get().invite_copied)}</p>
        </div>
    }
}

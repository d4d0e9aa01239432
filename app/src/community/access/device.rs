//! "Use Kehila on another device": a one-time link from the relay (`POST /api/device-link`)
//! that carries this member's identity in its fragment (`#invite=…&member=…&name=…`), so the
//! other device joins as the same member rather than as a second one with the same name (see
//! [`crate::community::identity::carried_in_fragment`]).

use leptos::prelude::*;

use super::{errors::answer_text, share::LinkToShare, strings::use_strings};
use crate::{
    browser,
    community::{identity, session},
    i18n::{fill, isolate, use_language},
};

/// The link for another device.
#[component]
pub fn OtherDevice() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    let link = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let said = RwSignal::new(String::new());
    let make = move |_| {
        said.set(String::new());
        leptos::task::spawn_local(async move {
            let s = strings.get_untracked();
            match session::call("POST", "/api/device-link", None).await {
                Ok((200, json)) => {
                    let token = js_sys::Reflect::get(&json, &"token".into())
                        .ok()
                        .and_then(|t| t.as_string())
                        .unwrap_or_default();
                    let expires = js_sys::Reflect::get(&json, &"expires".into())
                        .ok()
                        .and_then(|t| t.as_f64())
                        .unwrap_or_default();
                    let me = identity::identity();
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    let name = String::from(js_sys::encode_uri_component(&me.name));
                    link.set(Some(format!(
                        "{origin}/#invite={token}&member={}&name={name}",
                        me.id
                    )));
                    let until = browser::locale_date_time(
                        (expires * 1000.0) as i64,
                        lang.get_untracked().code(),
                    );
                    said.set(fill(s.device_created, "time", isolate(&until)));
                    failure.set(None);
                    browser::focus_soon("#device-link");
                }
                Ok((status, json)) => failure.set(Some(answer_text(status, &json, s))),
                Err(_) => failure.set(Some(s.device_offline.to_string())),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="device-heading">
            <h2 id="device-heading">{move || strings.get().device_heading}</h2>
            <p class="hint" id="device-hint">{move || strings.get().device_hint}</p>
            <button type="button" class="button" id="device-create" aria-describedby="device-hint" on:click=make>
                {move || strings.get().device_create}
            </button>
            <p class="field-error" role="alert">
                {move || failure.get().map(|e| fill(strings.get().invite_failed, "error", e))}
            </p>
            <p class="confirmation" id="device-said" role="status">{move || said.get()}</p>
            {move || link.get().map(|url| view! {
                <LinkToShare id="device-link" url=url label=|s| s.device_link_label message=|s| s.device_message />
            })}
        </section>
    }
}

//! The language setting: a radio group, one choice per language, each in its own language.

use leptos::prelude::*;

use super::{strings::use_strings, use_language, Lang};

/// The device's language choice (shown on the community and settings page).
#[component]
pub fn LanguageSettings() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    view! {
        <fieldset class="setting">
            <legend>{move || strings.get().language_heading}</legend>
            <p class="hint" id="language-hint">{move || strings.get().language_hint}</p>
            {[Lang::He, Lang::En]
                .into_iter()
                .map(|option| {
                    view! {
                        <label class="choice" lang=option.code()>
                            <input
                                type="radio"
                                name="language"
                                value=option.code()
                                aria-describedby="language-hint"
                                prop:checked=move || lang.get() == option
                                on:change=move |_| lang.set(option)
                            />
                            {option.native_name()}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

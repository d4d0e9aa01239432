//! The pages the shell owns: home, the features' empty states, community settings, 404.

use leptos::prelude::*;
use leptos_router::components::A;

use super::Section;
use crate::{
    community::view::{CommunityPanels, JoinNotice, NamePrompt},
    i18n::{use_language, use_strings, Lang},
};

/// The home page: what Kehila is and a way into each section.
#[component]
pub fn Home() -> impl IntoView {
    let strings = use_strings();
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().home_title}</h1>
            <p class="lead">{move || strings.get().home_lead}</p>
            <JoinNotice />
            <NamePrompt />
            <h2>{move || strings.get().home_sections}</h2>
            <ul class="section-cards">
                {Section::ALL[1..]
                    .iter()
                    .map(|&section| {
                        view! {
                            <li class="section-card">
                                <A href=section.path()>
                                    {section.icon()}
                                    <span class="card-title">{move || section.title(strings.get())}</span>
                                </A>
                                <p>{move || section.about(strings.get())}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A feature that is not built yet: its heading, what it is for, and an honest "coming" notice.
#[component]
pub fn Feature(section: Section) -> impl IntoView {
    let strings = use_strings();
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || section.title(strings.get())}</h1>
            <p class="lead">{move || section.about(strings.get())}</p>
            <p class="empty-state" role="status">{move || strings.get().coming}</p>
        </section>
    }
}

/// Community and settings: the community (name, members, about, catalog, invitations) and this
/// device's preferences.
#[component]
pub fn Community() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().community_title}</h1>
            <p class="lead">{move || strings.get().community_about}</p>
            <JoinNotice />
            <CommunityPanels />
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
        </section>
    }
}

/// The 404 view for any path the router does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let strings = use_strings();
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().not_found_title}</h1>
            <p class="lead">{move || strings.get().not_found_body}</p>
            <A href="/" attr:class="button">{move || strings.get().not_found_home}</A>
        </section>
    }
}

//! The pages the shell owns: home and 404.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{icon, strings::use_strings};
use crate::{community::NamePrompt, features::FEATURES, i18n::use_language};

/// The home page: what Kehila is and a way into each feature.
#[component]
pub fn Home() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().home_title}</h1>
            <p class="lead">{move || strings.get().home_lead}</p>
            <NamePrompt />
            <h2>{move || strings.get().home_sections}</h2>
            <ul class="section-cards">
                {FEATURES
                    .iter()
                    .map(|feature| {
                        let (title, about) = (feature.title, feature.about);
                        view! {
                            <li class="section-card">
                                <A href=format!("/{}", feature.key)>
                                    {feature.nav.as_ref().map(|nav| icon(nav.icon))}
                                    <span class="card-title">{move || title(lang.get())}</span>
                                </A>
                                <p>{move || about(lang.get())}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
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

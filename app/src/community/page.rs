//! The community and settings page: the community (name, members, about, catalog, invitations)
//! and this device's preferences.

use leptos::prelude::*;

use super::{strings::use_strings, view::CommunityPanels};
use crate::i18n::settings::LanguageSettings;

/// The community and settings page.
#[component]
pub fn CommunityPage() -> impl IntoView {
    let strings = use_strings();
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || strings.get().community_title}</h1>
            <p class="lead">{move || strings.get().community_about}</p>
            <CommunityPanels />
            <LanguageSettings />
        </section>
    }
}

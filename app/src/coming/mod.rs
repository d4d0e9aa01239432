//! The sections still to come (knowledge documents, assessments): each is a
//! feature with a navigation entry and an honest empty page, so the app's shape is visible from
//! day one. When a section is built, its own folder's `FEATURE` replaces its line here and in
//! [`crate::features::FEATURES`].

pub mod strings;

use leptos::prelude::*;

use crate::{
    i18n::Lang,
    platform::{route::Page, Feature, Nav},
};
use strings::use_strings;

/// Knowledge documents.
pub static DOCUMENTS: Feature = placeholder(
    "documents",
    |lang| strings::of(lang).nav_documents,
    "M6 3h8l5 5v13H6zM14 3v5h5M9 13h7M9 17h7",
    |lang| strings::of(lang).documents_title,
    |lang| strings::of(lang).documents_about,
);

/// 7-lenses maturity assessments.
pub static ASSESSMENTS: Feature = placeholder(
    "assessments",
    |lang| strings::of(lang).nav_assessments,
    "M12 3l8 5v8l-8 5-8-5V8zM12 8l4 2.5v3L12 16l-4-2.5v-3z",
    |lang| strings::of(lang).assessments_title,
    |lang| strings::of(lang).assessments_about,
);

/// A section with a navigation entry, no documents, and one honest empty page.
const fn placeholder(
    key: &'static str,
    label: fn(Lang) -> &'static str,
    icon: &'static str,
    title: fn(Lang) -> &'static str,
    about: fn(Lang) -> &'static str,
) -> Feature {
    Feature {
        key,
        nav: Some(Nav { label, icon }),
        title,
        about,
        documents: &[],
        pages: &[Page {
            path: "",
            view: coming,
        }],
        provide: || {},
        forget: || {},
    }
}

/// The page of a section that is not built yet: its heading, what it is for, and an honest
/// "coming" notice. Which section is the first segment of the path.
fn coming() -> AnyView {
    let strings = use_strings();
    let lang = crate::i18n::use_language();
    let location = leptos_router::hooks::use_location();
    let registry = crate::platform::registry();
    let feature = move || {
        let path = location.pathname.get();
        registry.find(path.trim_matches('/').split('/').next().unwrap_or_default())
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || feature().map(|f| (f.title)(lang.get()))}</h1>
            <p class="lead">{move || feature().map(|f| (f.about)(lang.get()))}</p>
            <p class="empty-state" role="status">{move || strings.get().coming}</p>
        </section>
    }
    .into_any()
}

//! The sections still to come (knowledge documents, assessments, workshop boards): each is a
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
pub static DOCUMENTS: Feature = Feature {
    key: "documents",
    nav: Some(Nav {
        label: |lang| strings::of(lang).nav_documents,
        icon: "M6 3h8l5 5v13H6zM14 3v5h5M9 13h7M9 17h7",
    }),
    title: |lang| strings::of(lang).documents_title,
    about: |lang| strings::of(lang).documents_about,
    documents: &[],
    pages: &[Page {
        path: "",
        view: || coming(DOCUMENTS.title, DOCUMENTS.about),
    }],
    provide: || {},
    forget: || {},
};

/// 7-lenses maturity assessments.
pub static ASSESSMENTS: Feature = Feature {
    key: "assessments",
    nav: Some(Nav {
        label: |lang| strings::of(lang).nav_assessments,
        icon: "M12 3l8 5v8l-8 5-8-5V8zM12 8l4 2.5v3L12 16l-4-2.5v-3z",
    }),
    title: |lang| strings::of(lang).assessments_title,
    about: |lang| strings::of(lang).assessments_about,
    documents: &[],
    pages: &[Page {
        path: "",
        view: || coming(ASSESSMENTS.title, ASSESSMENTS.about),
    }],
    provide: || {},
    forget: || {},
};

/// Workshop boards.
pub static BOARDS: Feature = Feature {
    key: "boards",
    nav: Some(Nav {
        label: |lang| strings::of(lang).nav_boards,
        icon: "M4 4h7v7H4zM13 4h7v5h-7zM13 11h7v9h-7zM4 13h7v7H4z",
    }),
    title: |lang| strings::of(lang).boards_title,
    about: |lang| strings::of(lang).boards_about,
    documents: &[],
    pages: &[Page {
        path: "",
        view: || coming(BOARDS.title, BOARDS.about),
    }],
    provide: || {},
    forget: || {},
};

/// A section that is not built yet: its heading, what it is for, and an honest "coming" notice.
fn coming(title: fn(Lang) -> &'static str, about: fn(Lang) -> &'static str) -> AnyView {
    let strings = use_strings();
    let lang = crate::i18n::use_language();
    view! {
        <section class="page">
            <h1 tabindex="-1">{move || title(lang.get())}</h1>
            <p class="lead">{move || about(lang.get())}</p>
            <p class="empty-state" role="status">{move || strings.get().coming}</p>
        </section>
    }
    .into_any()
}

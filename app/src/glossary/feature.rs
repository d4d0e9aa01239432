//! The glossary, as the platform sees it: one well-known document, four pages, a navigation
//! entry, and the cached view it provides at start.

use leptos::prelude::*;

use super::{
    cache, model, strings,
    view::{EntryPage, GlossaryPage, NewEntryPage, TransferPage},
};
use crate::platform::{route::Page, DocumentSpec, Feature, Nav, Per};

/// The glossary feature.
pub static FEATURE: Feature = Feature {
    key: "glossary",
    nav: Some(Nav {
        label: |lang| strings::of(lang).nav_glossary,
        icon: "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 21V5M8 7h7M8 11h5",
    }),
    title: |lang| strings::of(lang).glossary_title,
    about: |lang| strings::of(lang).glossary_about,
    documents: &[DocumentSpec {
        key: sync_core::documents::GLOSSARY,
        per: Per::Community,
        schema: model::SCHEMA_VERSION,
        skeleton: model::skeleton,
        migrations: &[],
    }],
    pages: &[
        Page {
            path: "",
            view: || view! { <GlossaryPage /> }.into_any(),
        },
        Page {
            path: "new",
            view: || view! { <NewEntryPage /> }.into_any(),
        },
        Page {
            path: "transfer",
            view: || view! { <TransferPage /> }.into_any(),
        },
        Page {
            path: ":id",
            view: || view! { <EntryPage /> }.into_any(),
        },
    ],
    provide: super::provide_glossary,
    forget: cache::clear_all,
};

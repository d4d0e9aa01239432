//! The community, as the platform sees it: its root document, its page, its navigation entry,
//! and the facts it provides to every other feature.

use leptos::prelude::*;

use super::{page::CommunityPage, root, strings};
use crate::platform::{route::Page, DocumentSpec, Feature, Nav, Per};

/// The community feature.
pub static FEATURE: Feature = Feature {
    key: "community",
    nav: Some(Nav {
        label: |lang| strings::of(lang).nav_community,
        icon: "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3 3-5 6-5s6 2 6 5M16 5a3 3 0 0 1 0 6M18 15c2 .5 3 2 3 5",
    }),
    title: |lang| strings::of(lang).community_title,
    about: |lang| strings::of(lang).community_about,
    documents: &[DocumentSpec {
        key: sync_core::documents::ROOT,
        per: Per::Community,
        schema: root::SCHEMA_VERSION,
        skeleton: root::skeleton,
        migrations: &[],
    }],
    pages: &[Page {
        path: "",
        view: || view! { <CommunityPage /> }.into_any(),
    }],
    provide: super::provide_community,
    forget: || {},
};

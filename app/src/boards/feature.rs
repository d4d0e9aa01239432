//! Workshop boards, as the platform sees them: one document per board (listed in the catalog),
//! the list of meetings and boards, a form for a new one, and the board itself.

use leptos::prelude::*;

use super::{
    model, strings,
    view::{BoardPage, BoardsPage, NewBoardPage},
};
use crate::platform::{route::Page, DocumentSpec, Feature, Nav, Per};

/// The boards feature.
pub static FEATURE: Feature = Feature {
    key: "boards",
    nav: Some(Nav {
        label: |lang| strings::of(lang).nav_boards,
        icon: "M4 4h7v7H4zM13 4h7v5h-7zM13 11h7v9h-7zM4 13h7v7H4z",
    }),
    title: |lang| strings::of(lang).boards_title,
    about: |lang| strings::of(lang).boards_about,
    documents: &[DocumentSpec {
        key: model::KIND,
        per: Per::Item,
        schema: model::SCHEMA_VERSION,
        skeleton: model::skeleton,
        migrations: &[],
    }],
    pages: &[
        Page {
            path: "",
            view: || view! { <BoardsPage /> }.into_any(),
        },
        Page {
            path: "new",
            view: || view! { <NewBoardPage /> }.into_any(),
        },
        Page {
            path: ":id",
            view: || view! { <BoardPage /> }.into_any(),
        },
    ],
    provide: || {},
    forget: || {},
};

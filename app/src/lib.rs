//! # kehila-app — the Kehila web app
//!
//! A Leptos client-side app compiled to wasm, bundled by Trunk and served by the relay. It opens
//! from a shared link, in Hebrew (right-to-left) unless the device chose English.
//!
//! ## Layout
//! - [`i18n`] — the language (Hebrew default, English), every UI string in one table per language,
//!   and applying the language to `<html lang dir>`.
//! - [`sync`] — the browser side of sync: IndexedDB, WebSocket, tabs, reactive documents.
//! - [`community`] — joining, identity, the root document (members, about, catalog), its views.
//! - [`glossary`] — the terminology glossary: entries, search, review, history, import/export.
//! - [`ui`] — components features share (the co-edited text field).
//! - [`shell`] — the frame around every page: header, navigation (bottom bar on phones, top bar on
//!   wide screens), the router, the home, settings and 404 views, and the empty states of features
//!   that are not built yet.
//!
//! Features arrive as folders (`glossary/`, `documents/` …, each with a `model.rs` of pure,
//! natively tested operations and its views), and replace their empty state in [`shell::Section`].

pub mod community;
pub mod glossary;
pub mod i18n;
pub mod shell;
pub mod sync;
pub mod ui;

pub use shell::App;

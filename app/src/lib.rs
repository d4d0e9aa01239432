//! # kehila-app — the Kehila web app
//!
//! A Leptos client-side app compiled to wasm, bundled by Trunk and served by the relay. It opens
//! from a shared link, in Hebrew (right-to-left) unless the device chose English.
//!
//! ## Layout (each layer imports only the ones above it)
//! - [`browser`] — browser utilities, once (device storage, randomness, clocks, clipboard,
//!   sharing, dates, link checks). A leaf.
//! - [`i18n`] — the language (Hebrew default, English), the [`strings!`] macro every feature's
//!   strings are written with, and the language setting.
//! - [`sync`] — the browser side of sync: IndexedDB, WebSocket, tabs, reactive documents.
//! - [`platform`] — what a feature declares ([`platform::Feature`]) and what every feature may
//!   rely on: community facts, the page parameter, schema migrations, shared strings.
//! - [`ui`] — components features share (the co-edited text field).
//! - Features, one folder each: [`community`] (joining, identity, the root document, members,
//!   catalog, invitations; it fills the platform's facts), [`glossary`] (the terminology
//!   glossary), [`coming`] (the sections still to be built). Features never import each other.
//! - [`features`] — the registry: one line per feature.
//! - [`shell`] — the frame around every page: header, navigation (bottom bar on phones, top bar on
//!   wide screens), the router over the registry, the home and 404 pages.

pub mod boards;
pub mod browser;
pub mod coming;
pub mod community;
pub mod features;
pub mod glossary;
pub mod i18n;
pub mod platform;
pub mod shell;
pub mod sync;
pub mod ui;

pub use shell::App;

//! The feature platform: what a feature declares, and what every feature may rely on.
//!
//! A feature is a folder (`glossary/`, `community/` …) with a `feature.rs` that declares one
//! [`Feature`]: its key (the first segment of its pages' paths), its navigation entry, title and
//! one-line description, its documents ([`DocumentSpec`]: well-known per community or one per
//! catalog item, each with its deterministic skeleton, schema version and forward migrations),
//! its pages ([`route::Page`]) and what it provides at start (its cached views). It is registered
//! with one line in [`crate::features::FEATURES`]. The shell builds the navigation, the routes and
//! the home page's cards from that list; the community opens every declared well-known document
//! when sync starts, so it is on the device for offline.
//!
//! Features do not import each other. What they share comes from here: [`facts`] (me, my role,
//! member names, who is here, the community's documents by key), [`route`] (the page's path
//! parameter) and [`strings`] (the words for those facts).

pub mod catalog;
pub mod diff;
pub mod facts;
pub mod migrate;
pub mod route;
pub mod strings;

use leptos::prelude::*;

use crate::i18n::Lang;

/// A feature, as declared in its own folder.
pub struct Feature {
    /// The first segment of its pages' paths (`glossary` → `/glossary/…`), unique.
    pub key: &'static str,
    /// Its entry in the main navigation, if it has one.
    pub nav: Option<Nav>,
    /// Its page heading, in `lang`.
    pub title: fn(Lang) -> &'static str,
    /// One sentence on what it is for, in `lang` (the home page's card).
    pub about: fn(Lang) -> &'static str,
    /// The documents it keeps.
    pub documents: &'static [DocumentSpec],
    /// Its pages, matched in order against the path after the key.
    pub pages: &'static [route::Page],
    /// Runs once at the root, before any page: puts the feature's state (cached views, patched
    /// projections) in context.
    pub provide: fn(),
    /// Clears what the feature keeps on the device outside its documents (its cached views), when
    /// this device leaves the community.
    pub forget: fn(),
}

/// A navigation entry.
pub struct Nav {
    /// The short label, in `lang` (a phone's bottom bar has room for about eight letters).
    pub label: fn(Lang) -> &'static str,
    /// An SVG path in a 24×24 box, drawn with the text colour (decorative: the label names it).
    pub icon: &'static str,
}

/// Where a feature's document lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// One per community, with a well-known id (its key is in
    /// [`sync_core::documents::WELL_KNOWN`]).
    Community,
    /// One per item listed in the community's catalog, with a random id.
    Item,
}

/// A kind of document a feature keeps.
pub struct DocumentSpec {
    /// Its key: the well-known key (`glossary`), or the catalog kind of per-item documents.
    pub key: &'static str,
    /// One per community or one per item.
    pub per: Per,
    /// The schema version this build writes.
    pub schema: u64,
    /// The deterministic first change (see [`sync_core::schema`]).
    pub skeleton: fn() -> Vec<u8>,
    /// Forward migrations, oldest first (see [`migrate`]).
    pub migrations: &'static [migrate::Migration],
}

/// The registry, in context (the shell provides [`crate::features::FEATURES`]), so the platform
/// and features reach every feature without importing the list.
#[derive(Clone, Copy)]
pub struct Registry(pub &'static [&'static Feature]);

impl Registry {
    /// The feature whose key is `key`.
    pub fn find(&self, key: &str) -> Option<&'static Feature> {
        self.0.iter().copied().find(|f| f.key == key)
    }

    /// Every well-known (per-community) document the features declare.
    pub fn well_known(&self) -> impl Iterator<Item = &'static DocumentSpec> {
        self.0
            .iter()
            .flat_map(|f| f.documents.iter())
            .filter(|d| d.per == Per::Community)
    }
}

/// Puts `features` in context. Call once, at the root.
pub fn provide_registry(features: &'static [&'static Feature]) {
    provide_context(Registry(features));
}

/// The registry from context (empty outside the app, e.g. in a unit test).
pub fn registry() -> Registry {
    use_context::<Registry>().unwrap_or(Registry(&[]))
}

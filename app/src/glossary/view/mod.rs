//! The glossary's pages, one file each, and the pieces they share. The logic they call lives in
//! models with native tests ([`super::catalog`], [`super::review`], [`super::history`]) and
//! their writes in [`super::actions`]; these files only lay things out.
//!
//! - [`list`] — the list: search, filters, order, the jump bar ([`alphabet`]), and one keyed
//!   [`row`] per entry.
//! - [`entry`] — one entry: what it says ([`read`]), sharing ([`share`]), review
//!   ([`workflow`]), editing ([`edit`]) and history ([`history`]).
//! - [`new_entry`] — a new entry. [`transfer`] — import and export.
//! - [`picker`] — choosing one entry out of thousands (review's replacement, related terms).

mod alphabet;
mod edit;
mod entry;
mod fields;
mod history;
mod list;
mod new_entry;
mod options;
mod picker;
mod preview;
mod read;
mod row;
mod share;
mod transfer;
mod workflow;

pub use entry::EntryPage;
pub use list::GlossaryPage;
pub use new_entry::NewEntryPage;
pub use transfer::TransferPage;

use leptos::prelude::*;
use sync_core::roles::Role;

use super::{
    model::{Entry, Status},
    search::highlight,
    strings::Strings,
};
use crate::platform::facts::use_facts;

/// The name of a status in the current language.
pub fn status_name(status: Status, s: &'static Strings) -> &'static str {
    match status {
        Status::Proposed => s.g_status_proposed,
        Status::Review => s.g_status_review,
        Status::Approved => s.g_status_approved,
        Status::Deprecated => s.g_status_deprecated,
    }
}

/// This device's role (tracked).
fn role() -> Option<Role> {
    use_facts().role.get()
}

/// Text with the parts matching `query` marked.
fn marked(text: &str, query: &str) -> impl IntoView {
    highlight(text, query)
        .into_iter()
        .map(|(piece, hit)| {
            if hit {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                view! { <span>{piece}</span> }.into_any()
            }
        })
        .collect_view()
}

/// The entry's two terms, the interface language's first (the other one quieter).
fn terms_in_order(entry: &Entry, hebrew_first: bool, query: &str) -> impl IntoView {
    let he = (!entry.term_he.is_empty()).then(|| (entry.term_he.clone(), "he", "rtl"));
    let en = (!entry.term_en.is_empty()).then(|| (entry.term_en.clone(), "en", "ltr"));
    let ordered = if hebrew_first { [he, en] } else { [en, he] };
    ordered
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(n, (term, lang, dir))| {
            let class = if n == 0 { "term-main" } else { "term-other" };
            view! { <span class=class lang=lang dir=dir>{marked(&term, query)}</span> }
        })
        .collect_view()
}

/// The status chip.
fn status_chip(status: Status, s: &'static Strings) -> impl IntoView {
    view! {
        <span class=format!("status-chip status-{}", status.as_str()) data-status=status.as_str()>{status_name(status, s)}</span>
    }
}

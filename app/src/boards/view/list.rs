//! The boards page: every board of the community, by meeting date (newest first), each with its
//! meeting, phase and a link; and the button for a new one.

use leptos::prelude::*;
use sync_core::ids::DocumentId;

use crate::{
    boards::{actions, model, strings::use_strings},
    platform::{catalog, facts::use_facts},
};

/// The list of boards.
#[component]
pub fn BoardsPage() -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    let entries = Memo::new(move |_| {
        facts
            .document(sync_core::documents::ROOT)
            .map(|root| root.watch(&["catalog"], |doc| catalog::of_kind(doc, model::KIND)))
    });
    let can_write = move || facts.can_write();
    view! {
        <section class="page boards">
            <h1 tabindex="-1">{move || strings.get().boards_title}</h1>
            <p class="lead">{move || strings.get().boards_about}</p>
            {move || can_write().then(|| view! {
                <p class="actions"><a class="button" href="/boards/new" id="new-board">{move || strings.get().new_board}</a></p>
            })}
            <h2>{move || strings.get().meetings_heading}</h2>
            {move || {
                let list = entries.get().map(|m| m.get()).unwrap_or_default();
                if list.is_empty() {
                    return view! { <p class="empty-state">{move || strings.get().no_boards}</p> }.into_any();
                }
                view! {
                    <ul class="board-list">
                        {list.into_iter().filter_map(|e| e.id.parse::<DocumentId>().ok().map(|id| view! { <BoardCard id title=e.title /> })).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One board in the list: its title, meeting and phase, read from its own document (opening it
/// also keeps it on the device for offline).
#[component]
fn BoardCard(id: DocumentId, title: String) -> impl IntoView {
    let strings = use_strings();
    let board = actions::open(id).map(|h| h.watch(&[], model::read));
    let read = move || board.map(|b| b.get()).unwrap_or_default();
    let href = format!("/boards/{id}");
    view! {
        <li class="board-card">
            <a href=href dir="auto" class="board-card-title">{move || { let b = read(); if b.title.is_empty() { title.clone() } else { b.title } }}</a>
            <p class="hint">
                {move || {
                    let b = read();
                    let s = strings.get();
                    let date = if b.meeting.date.is_empty() { s.no_date.to_string() } else { b.meeting.date.clone() };
                    let mut parts = vec![date];
                    if !b.meeting.place.is_empty() { parts.push(b.meeting.place.clone()); }
                    parts.push(super::bar::phase_name(b.phase, s).to_string());
                    parts.join(" · ")
                }}
            </p>
        </li>
    }
}

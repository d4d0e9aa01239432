//! One column: its groups, then its other notes. A drop target on desktop (a note dragged here
//! moves here); the note's menu does the same by tap or keyboard.

use leptos::prelude::*;

use super::{group::GroupView, note::NoteView, Ctx};
use crate::boards::{model, strings::use_strings};

/// The note id a drag carries.
pub const DRAG_TYPE: &str = "text/plain";

/// The note id of a drop, if it carries one of this board's notes.
pub fn dropped_note(event: &web_sys::DragEvent, ctx: Ctx) -> Option<String> {
    let id = event.data_transfer()?.get_data(DRAG_TYPE).ok()?;
    ctx.board
        .with_untracked(|b| b.note(&id).is_some())
        .then_some(id)
}

/// A column of the board.
#[component]
pub fn ColumnView(ctx: Ctx, column: String) -> impl IntoView {
    let strings = use_strings();
    let heading = format!("column-{column}");
    let title = {
        let column = column.clone();
        move || {
            ctx.board.with(|b| {
                b.columns
                    .iter()
                    .find(|c| c.id == column)
                    .map(|c| c.title.clone())
                    .unwrap_or_default()
            })
        }
    };
    let groups = {
        let column = column.clone();
        Memo::new(move |_| {
            ctx.board.with(|b| {
                b.groups
                    .iter()
                    .filter(|g| g.column == column)
                    .map(|g| g.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let notes = {
        let column = column.clone();
        Memo::new(move |_| {
            ctx.board.with(|b| {
                b.notes
                    .iter()
                    .filter(|n| n.column == column && n.group.is_empty())
                    .map(|n| n.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let heading_id = heading.clone();
    let drop_column = column.clone();
    let on_drop = move |event: web_sys::DragEvent| {
        event.prevent_default();
        if let Some(note) = dropped_note(&event, ctx) {
            let to = drop_column.clone();
            ctx.target
                .act(&note.clone(), &["column"], move |tx, actor| {
                    model::move_note(tx, actor, &note, &to)
                });
        }
    };
    view! {
        <section class="board-column" aria-labelledby=heading.clone() data-column=column.clone()
            on:dragover=|e: web_sys::DragEvent| e.prevent_default()
            on:drop=on_drop>
            <h2 id=heading_id dir="auto">{title}</h2>
            <For each=move || groups.get() key=|id| id.clone() let:group>
                <GroupView ctx group />
            </For>
            {move || (!groups.get().is_empty() && !notes.get().is_empty()).then(|| view! { <h3 class="ungrouped">{move || strings.get().ungrouped}</h3> })}
            <ul class="notes">
                <For each=move || notes.get() key=|id| id.clone() let:note>
                    <NoteView ctx note />
                </For>
            </ul>
        </section>
    }
}

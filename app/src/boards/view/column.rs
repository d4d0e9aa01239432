//! One column: its groups, then its other notes. A drop target on desktop (a note dragged here
//! moves here); the note's menu does the same by tap or keyboard.

use leptos::prelude::*;

use automerge::transaction::Transaction;

use super::{group::GroupView, note::NoteView, Ctx};
use crate::boards::{
    model::{self, phase::Actor},
    strings::use_strings,
};

/// The note id a drag carries.
pub const DRAG_TYPE: &str = "text/plain";

/// What a drop target does with a note of this board dropped on it: `edit` it (one commit
/// noting `field`). Drops that carry anything else are ignored.
pub fn on_note_drop(
    ctx: Ctx,
    field: &'static str,
    edit: impl Fn(&mut Transaction<'_>, Actor<'_>, &str) -> bool + Clone + 'static,
) -> impl Fn(web_sys::DragEvent) + Clone + 'static {
    move |event: web_sys::DragEvent| {
        event.prevent_default();
        event.stop_propagation();
        let note = event
            .data_transfer()
            .and_then(|data| data.get_data(DRAG_TYPE).ok())
            .filter(|id| ctx.board.with_untracked(|b| b.note(id).is_some()));
        if let Some(note) = note {
            let edit = edit.clone();
            ctx.target.act(&note.clone(), &[field], move |tx, actor| {
                edit(tx, actor, &note)
            });
        }
    }
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
    let to = column.clone();
    let on_drop = on_note_drop(ctx, "column", move |tx, actor, note| {
        model::move_note(tx, actor, note, &to)
    });
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

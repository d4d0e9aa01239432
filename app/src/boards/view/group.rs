//! A group: its name, its dots, its notes, and a menu to rename it, merge it into another or
//! dissolve it. A note dragged onto it joins it.

use leptos::prelude::*;

use super::{
    column::on_note_drop,
    note::{NoteView, Votes},
    Ctx,
};
use crate::{
    boards::{model::groups, strings::use_strings},
    i18n::fill,
};

/// A group of notes.
#[component]
pub fn GroupView(ctx: Ctx, group: String) -> impl IntoView {
    let strings = use_strings();
    let id = group.clone();
    let found = Memo::new(move |_| ctx.board.with(|b| b.group(&id).cloned()));
    let id = group.clone();
    let notes = Memo::new(move |_| {
        ctx.board.with(|b| {
            b.notes_in(&id)
                .iter()
                .map(|n| n.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let heading = format!("group-{group}");
    let heading_id = heading.clone();
    let into = group.clone();
    let on_drop = on_note_drop(ctx, "group", move |tx, actor, note| {
        groups::add_to_group(tx, actor, note, &into)
    });
    let name = RwSignal::new(String::new());
    let merge = RwSignal::new(String::new());
    let (g1, g2, g3) = (group.clone(), group.clone(), group.clone());
    let rename = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (group, typed) = (g1.clone(), name.get_untracked());
        ctx.target.act(&group.clone(), &["name"], move |tx, actor| {
            groups::rename_group(tx, actor, &group, &typed)
        });
    };
    let do_merge = move |_| {
        let (from, into) = (g2.clone(), merge.get_untracked());
        if into.is_empty() {
            return;
        }
        ctx.target
            .act(&from.clone(), &["merged"], move |tx, actor| {
                groups::merge_groups(tx, actor, &into, &from)
            });
    };
    let dissolve = move |_| {
        let group = g3.clone();
        ctx.target
            .act(&group.clone(), &["dissolved"], move |tx, actor| {
                groups::delete_group(tx, actor, &group)
            });
    };
    let others = {
        let group = group.clone();
        move || {
            ctx.board.with(|b| {
                b.groups
                    .iter()
                    .filter(|g| g.id != group)
                    .map(|g| (g.id.clone(), g.name.clone()))
                    .collect::<Vec<_>>()
            })
        }
    };
    let menu_id = format!("group-menu-{group}");
    view! {
        <section class="group" id=format!("g-{group}") aria-labelledby=heading.clone()
            on:dragover=|e: web_sys::DragEvent| e.prevent_default() on:drop=on_drop>
            <h3 id=heading_id dir="auto">{move || found.get().map(|g| g.name).unwrap_or_default()}</h3>
            <p class="hint">{move || fill(strings.get().group_notes, "n", notes.with(Vec::len))}</p>
            <Votes ctx unit=group.clone() />
            {let menu_id = menu_id.clone(); move || ctx.rights.get().group.then(|| view! {
                <details class="menu">
                    <summary>{move || strings.get().note_menu}</summary>
                    <form class="menu-row" on:submit=rename.clone()>
                        <label for=format!("{menu_id}-name")>{move || strings.get().group_name}</label>
                        <input id=format!("{menu_id}-name") dir="auto" maxlength="80"
                            prop:value=move || found.get().map(|g| g.name).unwrap_or_default()
                            on:input=move |e| name.set(event_target_value(&e)) />
                        <button type="submit" class="button button-quiet">{move || strings.get().rename}</button>
                    </form>
                    {let others = others.clone(); let do_merge = do_merge.clone(); let menu_id = menu_id.clone(); move || { let list = others(); (!list.is_empty()).then(|| view! {
                        <div class="menu-row">
                            <label for=format!("{menu_id}-merge")>{move || strings.get().merge_into}</label>
                            <select id=format!("{menu_id}-merge") on:change=move |e| merge.set(event_target_value(&e))>
                                <option value="">{move || strings.get().choose}</option>
                                {list.into_iter().map(|(id, name)| view! { <option value=id dir="auto">{name}</option> }).collect_view()}
                            </select>
                            <button type="button" class="button button-quiet" on:click=do_merge.clone()>{move || strings.get().apply}</button>
                        </div>
                    }) }}
                    <button type="button" class="button button-quiet" on:click=dissolve.clone()>{move || strings.get().dissolve}</button>
                </details>
            })}
            <ul class="notes">
                <For each=move || notes.get() key=|id| id.clone() let:note>
                    <NoteView ctx note />
                </For>
            </ul>
        </section>
    }
}

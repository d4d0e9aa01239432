//! A note: its text in its own direction, its author (unless the board is anonymous), its dots,
//! and a menu that does by tap or keyboard everything a drag does — move to a column, add to a
//! group, start a group — plus edit, colour and delete. A note hidden while writing shows as a
//! placeholder.

use leptos::prelude::*;

use super::Ctx;
use crate::{
    boards::{
        actions,
        model::{
            self, groups,
            phase::{shows_note, Rights},
            Phase,
        },
        strings::{use_strings, Strings},
    },
    browser,
    i18n::fill,
    platform::facts::use_facts,
    sync::text::splice_between,
};

/// A colour's name.
pub fn colour_name(colour: &str, s: &'static Strings) -> &'static str {
    match colour {
        "blue" => s.colour_blue,
        "green" => s.colour_green,
        "pink" => s.colour_pink,
        "orange" => s.colour_orange,
        _ => s.colour_yellow,
    }
}

/// One note of the board.
#[component]
pub fn NoteView(ctx: Ctx, note: String) -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    let id = note.clone();
    let found = Memo::new(move |_| ctx.board.with(|b| b.note(&id).cloned()));
    let visible = Memo::new(move |_| {
        let me = ctx.me.get();
        ctx.board
            .with(|b| found.get().is_some_and(|n| shows_note(b, &me, &n.author)))
    });
    let colour = move || {
        found
            .get()
            .map(|n| n.colour)
            .filter(|c| model::COLOURS.contains(&c.as_str()))
            .unwrap_or_else(|| "yellow".into())
    };
    let drag_id = note.clone();
    let on_drag = move |event: web_sys::DragEvent| {
        if let Some(data) = event.data_transfer() {
            let _ = data.set_data(super::column::DRAG_TYPE, &drag_id);
        }
    };
    let author = move || {
        let n = found.get()?;
        let anonymous = ctx.board.with(|b| b.settings.anonymous);
        let s = strings.get();
        Some(if anonymous {
            s.anonymous.to_string()
        } else {
            facts.name_of(&n.author, s.unnamed)
        })
    };
    let unit = note.clone();
    let menu_note = note.clone();
    view! {
        <li class=move || format!("note note-{}", colour()) id=format!("note-{note}") data-note=note.clone() tabindex="-1"
            class:hidden-note=move || !visible.get()
            draggable=move || (visible.get() && ctx.rights.get().group).then_some("true")
            on:dragstart=on_drag>
            {move || if visible.get() {
                view! {
                    <p class="note-text" dir="auto">{found.get().map(|n| n.text).unwrap_or_default()}</p>
                    <p class="note-author hint" dir="auto">{author()}</p>
                }.into_any()
            } else {
                view! { <p class="note-text" aria-label=strings.get().hidden_note><span aria-hidden="true">"••••••"</span></p> }.into_any()
            }}
            {let unit = unit.clone(); move || (visible.get() && ctx.board.with(|b| b.phase >= Phase::Vote && found.get().is_some_and(|n| n.group.is_empty()))).then(|| view! { <Votes ctx unit=unit.clone() /> })}
            {let menu_note = menu_note.clone(); move || visible.get().then(|| view! { <NoteMenu ctx note=menu_note.clone() /> })}
        </li>
    }
}

/// A unit's dots: the count (unless hidden until voting ends), this member's, and + / −.
#[component]
pub fn Votes(ctx: Ctx, unit: String) -> impl IntoView {
    let strings = use_strings();
    let u = unit.clone();
    let tally = Memo::new(move |_| ctx.tally.with(|t| t.total(&u)));
    let u = unit.clone();
    let mine = Memo::new(move |_| {
        let me = ctx.me.get();
        ctx.tally.with(|t| t.mine(&me, &u))
    });
    let u = unit.clone();
    let may_add = Memo::new(move |_| {
        let me = ctx.me.get();
        ctx.rights.get().vote && ctx.tally.with(|t| t.may_vote(&me, &u))
    });
    let hidden = move || {
        ctx.board
            .with(|b| b.settings.hide_tally && b.phase == Phase::Vote)
    };
    let (add_unit, remove_unit) = (unit.clone(), unit.clone());
    let add = move |_| {
        let (unit, id, now) = (add_unit.clone(), actions::new_id("v"), browser::now_ms());
        ctx.target.act(&unit.clone(), &["vote"], move |tx, actor| {
            model::vote(tx, actor, &id, &unit, now)
        });
    };
    let remove = move |_| {
        let unit = remove_unit.clone();
        ctx.target
            .act(&unit.clone(), &["unvote"], move |tx, actor| {
                model::unvote(tx, actor, &unit)
            });
    };
    view! {
        <div class="votes" data-unit=unit.clone()>
            <span class="dot-count" data-dots=move || (!hidden()).then(|| tally.get().to_string())>{move || {
                let s = strings.get();
                if hidden() { return s.tally_hidden.to_string(); }
                let n = tally.get();
                if n == 1 { s.one_dot.to_string() } else { fill(s.dots, "n", n) }
            }}</span>
            {move || (mine.get() > 0).then(|| view! { <span class="my-dots" data-mine=mine.get().to_string()>{fill(strings.get().my_dots, "n", mine.get())}</span> })}
            {move || ctx.rights.get().vote.then(|| view! {
                <button type="button" class="button button-quiet dot-button vote-add" aria-label=move || strings.get().add_dot disabled=move || !may_add.get() on:click=add.clone()>"+"</button>
                <button type="button" class="button button-quiet dot-button vote-remove" aria-label=move || strings.get().remove_dot disabled=move || mine.get() == 0 on:click=remove.clone()>"−"</button>
            })}
        </div>
    }
}

/// The note's menu: what this member may do to it now.
#[component]
fn NoteMenu(ctx: Ctx, note: String) -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    let id = note.clone();
    let found = Memo::new(move |_| ctx.board.with(|b| b.note(&id).cloned()));
    let may_edit = Memo::new(move |_| {
        let role = facts.role.get().unwrap_or(sync_core::roles::Role::Viewer);
        let me = ctx.me.get();
        ctx.board.with(|b| {
            found.get().is_some_and(|n| {
                Rights::may_edit_note(b, model::phase::Actor { member: &me, role }, &n.author)
            })
        })
    });
    let may_move = move || ctx.rights.get().group || may_edit.get();
    let open = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let choice_group = RwSignal::new(String::new());
    let new_group = RwSignal::new(String::new());
    let column_to = RwSignal::new(String::new());
    let base = format!("menu-{note}");
    let n = note.clone();
    let save = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (note, typed) = (n.clone(), draft.get_untracked());
        let old = found.get_untracked().map(|f| f.text).unwrap_or_default();
        if let Some(splice) = splice_between(&old, typed.trim(), None) {
            ctx.target.act(&note.clone(), &["text"], move |tx, actor| {
                model::edit_note(tx, actor, &note, &splice)
            });
        }
        editing.set(false);
    };
    let n = note.clone();
    let move_to = move |_| {
        let (note, to) = (n.clone(), column_to.get_untracked());
        if !to.is_empty() {
            ctx.target
                .act(&note.clone(), &["column"], move |tx, actor| {
                    model::move_note(tx, actor, &note, &to)
                });
        }
    };
    let n = note.clone();
    let group_it = move |_| {
        let (note, chosen, name) = (
            n.clone(),
            choice_group.get_untracked(),
            new_group.get_untracked(),
        );
        if chosen.is_empty() && !name.trim().is_empty() {
            let (id, now) = (actions::new_id("g"), browser::now_ms());
            ctx.target.act(&id.clone(), &["created"], move |tx, actor| {
                groups::make_group(tx, actor, &id, &name, &[note], now)
            });
            new_group.set(String::new());
        } else if !chosen.is_empty() {
            ctx.target.act(&note.clone(), &["group"], move |tx, actor| {
                groups::add_to_group(tx, actor, &note, &chosen)
            });
        }
    };
    let n = note.clone();
    let ungroup = move |_| {
        let note = n.clone();
        ctx.target.act(&note.clone(), &["group"], move |tx, actor| {
            groups::ungroup(tx, actor, &note)
        });
    };
    let n = note.clone();
    let delete = move |_| {
        let note = n.clone();
        ctx.target
            .act(&note.clone(), &["deleted"], move |tx, actor| {
                model::delete_note(tx, actor, &note)
            });
    };
    let n = note.clone();
    let recolour = move |e: leptos::ev::Event| {
        let (note, colour) = (n.clone(), event_target_value(&e));
        ctx.target
            .act(&note.clone(), &["colour"], move |tx, actor| {
                model::colour_note(tx, actor, &note, &colour)
            });
    };
    let ids = (
        format!("{base}-text"),
        format!("{base}-column"),
        format!("{base}-group"),
        format!("{base}-new-group"),
        format!("{base}-colour"),
    );
    view! {
        <details class="menu" on:toggle=move |e| {
            open.set(event_target::<web_sys::Element>(&e).has_attribute("open"));
            draft.set(found.get_untracked().map(|f| f.text).unwrap_or_default());
        }>
            <summary aria-label=move || strings.get().note_menu><span aria-hidden="true">"⋯"</span></summary>
            // Built when opened: a closed menu shows nothing, and 300 notes' menus (selects of
            // every column and group) were most of a board's first render.
            {move || open.get().then(|| { let (ids, save, move_to, group_it, ungroup, delete, recolour) = (ids.clone(), save.clone(), move_to.clone(), group_it.clone(), ungroup.clone(), delete.clone(), recolour.clone()); view! { <>
            {let ids = ids.clone(); let save = save.clone(); move || (may_edit.get() && editing.get()).then(|| view! {
                <form class="menu-row" on:submit=save.clone()>
                    <label for=ids.0.clone()>{move || strings.get().note_text}</label>
                    <textarea id=ids.0.clone() dir="auto" rows="3" maxlength="500" prop:value=move || draft.get() on:input=move |e| draft.set(event_target_value(&e))></textarea>
                    <button type="submit" class="button">{move || strings.get().save}</button>
                    <button type="button" class="button button-quiet" on:click=move |_| editing.set(false)>{move || strings.get().cancel}</button>
                </form>
            })}
            {move || (may_edit.get() && !editing.get()).then(|| view! {
                <button type="button" class="button button-quiet menu-edit" on:click=move |_| editing.set(true)>{move || strings.get().edit}</button>
            })}
            {let ids = ids.clone(); let recolour = recolour.clone(); move || may_edit.get().then(|| view! {
                <div class="menu-row">
                    <label for=ids.4.clone()>{move || strings.get().colour_label}</label>
                    <select id=ids.4.clone() on:change=recolour.clone()>
                        {move || model::COLOURS.into_iter().map(|c| view! { <option value=c selected=found.get().is_some_and(|n| n.colour == c)>{colour_name(c, strings.get())}</option> }).collect_view()}
                    </select>
                </div>
            })}
            {let ids = ids.clone(); let move_to = move_to.clone(); move || may_move().then(|| view! {
                <div class="menu-row">
                    <label for=ids.1.clone()>{move || strings.get().move_to}</label>
                    <select id=ids.1.clone() class="move-to" on:change=move |e| column_to.set(event_target_value(&e))>
                        <option value="">{move || strings.get().choose}</option>
                        {move || ctx.board.with(|b| b.columns.iter().filter(|c| found.get().is_none_or(|n| n.column != c.id)).map(|c| view! { <option value=c.id.clone() dir="auto">{c.title.clone()}</option> }).collect_view())}
                    </select>
                    <button type="button" class="button button-quiet move-apply" on:click=move_to.clone()>{move || strings.get().apply}</button>
                </div>
            })}
            {let ids = ids.clone(); let group_it = group_it.clone(); let ungroup = ungroup.clone(); move || ctx.rights.get().group.then(|| view! {
                <div class="menu-row">
                    <label for=ids.2.clone()>{move || strings.get().add_to_group}</label>
                    <select id=ids.2.clone() class="group-choice" on:change=move |e| choice_group.set(event_target_value(&e))>
                        <option value="">{move || strings.get().new_group}</option>
                        {move || ctx.board.with(|b| b.groups.iter().filter(|g| found.get().is_none_or(|n| n.group != g.id)).map(|g| view! { <option value=g.id.clone() dir="auto">{g.name.clone()}</option> }).collect_view())}
                    </select>
                    {let ids = ids.clone(); move || choice_group.get().is_empty().then(|| view! {
                        <label for=ids.3.clone()>{move || strings.get().group_name}</label>
                        <input id=ids.3.clone() class="group-name" dir="auto" maxlength="80" prop:value=move || new_group.get() on:input=move |e| new_group.set(event_target_value(&e)) />
                    })}
                    <button type="button" class="button button-quiet group-apply" on:click=group_it.clone()>{move || strings.get().apply}</button>
                </div>
                {let ungroup = ungroup.clone(); move || found.get().is_some_and(|n| !n.group.is_empty()).then(|| view! {
                    <button type="button" class="button button-quiet ungroup" on:click=ungroup.clone()>{move || strings.get().ungroup}</button>
                })}
            })}
            <NoteLink ctx note=note.clone() />
            {let delete = delete.clone(); move || may_edit.get().then(|| view! {
                <button type="button" class="button button-quiet button-danger note-delete" on:click=delete.clone()>{move || strings.get().delete}</button>
            })}
            </> } })}
        </details>
    }
}

/// A note's own link (`/boards/<id>#note-<note>`), copied or shared on WhatsApp: the board
/// opens on that note.
#[component]
fn NoteLink(ctx: Ctx, note: String) -> impl IntoView {
    let strings = use_strings();
    let copied = RwSignal::new(false);
    let url = {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}/boards/{}#note-{note}", ctx.target.handle.id())
    };
    let copy_url = url.clone();
    let share = move |_| {
        let text = ctx
            .board
            .with_untracked(|b| b.note(&note).map(|n| n.text.clone()))
            .unwrap_or_default();
        let short: String = text.chars().take(80).collect();
        if let Some(window) = web_sys::window() {
            let message = format!("{short} {url}");
            let _ =
                window.open_with_url_and_target(&browser::whatsapp_share_url(&message), "_blank");
        }
    };
    view! {
        <div class="menu-row">
            <button type="button" class="button button-quiet note-link-copy" on:click=move |_| {
                browser::copy_to_clipboard(&copy_url);
                copied.set(true);
            }>{move || strings.get().note_link_copy}</button>
            <button type="button" class="button button-quiet note-link-share" on:click=share>{move || strings.get().note_link_share}</button>
            <p class="hint" role="status">{move || copied.get().then(|| strings.get().note_link_copied)}</p>
        </div>
    }
}

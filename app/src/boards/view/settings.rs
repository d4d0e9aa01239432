//! The facilitator's settings: anonymity, hidden writing, hidden tally, locked grouping, the
//! dots, the title, and handing the board to another member.

use leptos::prelude::*;

use super::Ctx;
use crate::{
    boards::{
        model::{self, Setting},
        strings::use_strings,
    },
    platform::facts::use_facts,
};

/// The settings, behind one disclosure.
#[component]
pub fn Settings(ctx: Ctx, on_title: impl Fn(String) + Copy + 'static) -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    let set = move |setting: Setting| {
        ctx.target.act("board", &["settings"], move |tx, actor| {
            model::set_setting(tx, actor, setting)
        });
    };
    let toggle = move |id: &'static str,
                       label: fn(&'static crate::boards::strings::Strings) -> &'static str,
                       on: fn(&model::Settings) -> bool,
                       make: fn(bool) -> Setting| {
        view! {
            <div class="check-row">
                <input type="checkbox" id=id prop:checked=move || ctx.board.with(|b| on(&b.settings))
                    on:change=move |e| set(make(event_target_checked(&e))) />
                <label for=id>{move || label(strings.get())}</label>
            </div>
        }
    };
    let title = RwSignal::new(String::new());
    let save_title = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let typed = title.get_untracked();
        if typed.trim().is_empty() {
            return;
        }
        let t = typed.clone();
        ctx.target.act("board", &["title"], move |tx, actor| {
            model::set_title(tx, actor, &t)
        });
        on_title(typed);
    };
    let hand = move |e: leptos::ev::Event| {
        let member = event_target_value(&e);
        if !member.is_empty() {
            ctx.target.act("board", &["facilitator"], move |tx, actor| {
                model::hand_to(tx, actor, &member)
            });
        }
    };
    let members = move || {
        let me = ctx.me.get();
        let mut list: Vec<(String, String)> = facts
            .names
            .get()
            .into_iter()
            .filter(|(id, name)| *id != me && !name.is_empty())
            .collect();
        list.sort_by(|a, b| a.1.cmp(&b.1));
        list
    };
    view! {
        <details class="card settings" id="board-settings">
            <summary>{move || strings.get().settings}</summary>
            <form class="menu-row" on:submit=save_title>
                <label for="settings-title">{move || strings.get().title_label}</label>
                <input id="settings-title" dir="auto" maxlength="120" prop:value=move || ctx.board.with(|b| b.title.clone()) on:input=move |e| title.set(event_target_value(&e)) />
                <button type="submit" class="button button-quiet">{move || strings.get().save}</button>
            </form>
            {toggle("set-anonymous", |s| s.set_anonymous, |s| s.anonymous, Setting::Anonymous)}
            {toggle("set-hidden", |s| s.set_hidden, |s| s.hide_while_writing, Setting::HideWhileWriting)}
            {toggle("set-hide-tally", |s| s.set_hide_tally, |s| s.hide_tally, Setting::HideTally)}
            {toggle("set-lock", |s| s.set_lock, |s| s.lock_grouping, Setting::LockGrouping)}
            <div class="menu-row">
                <label for="set-budget">{move || strings.get().set_budget}</label>
                <input id="set-budget" type="number" min="1" max=model::MAX_BUDGET.to_string() inputmode="numeric"
                    prop:value=move || ctx.board.with(|b| b.settings.budget.to_string())
                    on:change=move |e| { if let Ok(n) = event_target_value(&e).parse::<u32>() { set(Setting::Budget(n)) } } />
            </div>
            <div class="menu-row">
                <label for="set-cap">{move || strings.get().set_cap}</label>
                <input id="set-cap" type="number" min="1" max=model::MAX_BUDGET.to_string() inputmode="numeric"
                    prop:value=move || ctx.board.with(|b| b.settings.cap.to_string())
                    on:change=move |e| { if let Ok(n) = event_target_value(&e).parse::<u32>() { set(Setting::Cap(n)) } } />
            </div>
            <div class="menu-row">
                <label for="hand-off">{move || strings.get().hand_off}</label>
                <select id="hand-off" on:change=hand>
                    <option value="">{move || strings.get().choose}</option>
                    {move || members().into_iter().map(|(id, name)| view! { <option value=id dir="auto">{name}</option> }).collect_view()}
                </select>
            </div>
        </details>
    }
}

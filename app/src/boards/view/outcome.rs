//! The outcome, from the discuss phase: the results in vote order, the action items, and the
//! summary as Markdown to copy, share on WhatsApp or print.

use leptos::prelude::*;

use super::Ctx;
use crate::{
    boards::{
        actions,
        model::{self, summary},
        strings::use_strings,
    },
    browser,
    i18n::fill,
    platform::facts::use_facts,
};

/// The outcome section.
#[component]
pub fn Outcome(ctx: Ctx) -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    let results = Memo::new(move |_| {
        let order = ctx.tally.with(|t| t.order.clone());
        ctx.board.with(|b| {
            order
                .into_iter()
                .map(|(unit, n)| {
                    let name = b
                        .group(&unit)
                        .map(|g| g.name.clone())
                        .or_else(|| b.note(&unit).map(|n| n.text.clone()))
                        .unwrap_or_default();
                    (unit, name, n)
                })
                .collect::<Vec<_>>()
        })
    });
    let text = Memo::new(move |_| {
        let s = strings.get();
        let labels = summary::Labels {
            question: s.summary_question,
            meeting: s.summary_meeting,
            results: s.results,
            actions: s.actions,
            dots: s.dots,
            one_dot: s.one_dot,
            ungrouped: s.ungrouped,
            due: s.due,
        };
        ctx.board
            .with(|b| summary::markdown(b, &labels, |m| facts.name_of(m, s.unnamed)))
    });
    let copied = RwSignal::new(false);
    let copy = move |_| {
        browser::copy_to_clipboard(&text.get_untracked());
        copied.set(true);
    };
    let share = move || browser::whatsapp_share_url(&text.get());
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let (action_text, owner, due) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let add = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (id, now) = (actions::new_id("a"), browser::now_ms());
        let (t, o, d) = (
            action_text.get_untracked(),
            owner.get_untracked(),
            due.get_untracked(),
        );
        if t.trim().is_empty() {
            return;
        }
        ctx.target.act(&id.clone(), &["added"], move |tx, actor| {
            model::add_action(tx, actor, &id, &t, &o, &d, now)
        });
        action_text.set(String::new());
        owner.set(String::new());
        due.set(String::new());
    };
    view! {
        <section class="card outcome" aria-labelledby="results-heading">
            <h2 id="results-heading">{move || strings.get().results}</h2>
            <ol class="results" id="results">
                {move || results.get().into_iter().map(|(unit, name, n)| view! {
                    <li data-unit=unit><span dir="auto">{name}</span>" — "{let s = strings.get(); if n == 1 { s.one_dot.to_string() } else { fill(s.dots, "n", n) }}</li>
                }).collect_view()}
            </ol>
            <h2 id="actions-heading">{move || strings.get().actions}</h2>
            {move || ctx.board.with(|b| b.actions.is_empty()).then(|| view! { <p class="empty-state">{move || strings.get().no_actions}</p> })}
            <ul class="actions-list">
                {move || ctx.board.with(|b| b.actions.clone()).into_iter().map(|a| {
                    let (id, done) = (a.id.clone(), a.done);
                    let check_id = format!("action-{}", a.id);
                    let toggle = move |_| {
                        let id = id.clone();
                        ctx.target.act(&id.clone(), &["done"], move |tx, actor| model::set_action_done(tx, actor, &id, !done));
                    };
                    let detail = [a.owner.clone(), a.due.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                    view! {
                        <li>
                            <input type="checkbox" id=check_id.clone() prop:checked=done on:change=toggle disabled=move || !facts.can_write() />
                            <label for=check_id dir="auto">{a.text.clone()}</label>
                            {(!detail.is_empty()).then(|| view! { <span class="hint" dir="auto">" — "{detail}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || ctx.rights.get().act.then(|| view! {
                <form class="form add-action" on:submit=add>
                    <label for="action-text">{move || strings.get().action_text}</label>
                    <input id="action-text" dir="auto" prop:value=move || action_text.get() on:input=move |e| action_text.set(event_target_value(&e)) />
                    <label for="action-owner">{move || strings.get().owner}</label>
                    <input id="action-owner" dir="auto" prop:value=move || owner.get() on:input=move |e| owner.set(event_target_value(&e)) />
                    <label for="action-due">{move || strings.get().due_label}</label>
                    <input id="action-due" type="date" prop:value=move || due.get() on:input=move |e| due.set(event_target_value(&e)) />
                    <button type="submit" class="button" id="add-action">{move || strings.get().add_action}</button>
                </form>
            })}
            <h2 id="summary-heading">{move || strings.get().summary}</h2>
            <label for="summary-text" class="visually-hidden">{move || strings.get().summary}</label>
            <textarea id="summary-text" readonly rows="10" dir="auto" prop:value=move || text.get()></textarea>
            <div class="actions">
                <button type="button" class="button" id="copy-summary" on:click=copy>{move || if copied.get() { strings.get().copied } else { strings.get().copy_summary }}</button>
                <a class="button button-quiet" id="share-summary" href=share target="_blank" rel="noopener noreferrer">{move || strings.get().share_whatsapp}</a>
                <button type="button" class="button button-quiet" id="print-summary" on:click=print>{move || strings.get().print}</button>
            </div>
        </section>
    }
}

//! A board's page: its header (title, question, meeting, who is here, share), the phases and
//! timer, the note form, the columns, and — from the discuss phase — the outcome.

use leptos::prelude::*;
use sync_core::{ids::DocumentId, roles::Role};

use super::{bar, column::ColumnView, outcome::Outcome, settings::Settings, Ctx};
use crate::{
    boards::{
        actions::{self, BoardRef},
        model::{
            self,
            phase::{shows_note, Actor, Rights},
            Phase,
        },
        strings::use_strings,
    },
    browser,
    i18n::fill,
    platform::{
        facts::{here_now, use_facts, writing_now},
        route::use_param,
    },
    sync::{self, DocHandle},
};

/// The board page (`/boards/<id>`).
#[component]
pub fn BoardPage() -> impl IntoView {
    let strings = use_strings();
    let param = use_param();
    let facts = use_facts();
    move || {
        // The community's documents are known once sync has started: until then, loading.
        let started = facts.documents.with(|d| !d.is_empty());
        let id = param.get().parse::<DocumentId>().ok();
        if id.is_some() && !started {
            return view! { <section class="page board"><p class="hint" role="status">{move || strings.get().loading}</p></section> }.into_any();
        }
        match id.and_then(actions::open) {
            Some(handle) => view! { <BoardBody handle /> }.into_any(),
            None => view! {
                <section class="page board">
                    <h1 tabindex="-1">{move || strings.get().boards_title}</h1>
                    <p class="notice-error">{move || strings.get().not_found}</p>
                    <p><a href="/boards">{move || strings.get().back}</a></p>
                </section>
            }
            .into_any(),
        }
    }
}

#[component]
fn BoardBody(handle: DocHandle) -> impl IntoView {
    let strings = use_strings();
    let facts = use_facts();
    sync::clock::learn();
    let board = handle.watch(&[], model::read);
    let me = Signal::derive(move || facts.me.get());
    let rights = Memo::new(move |_| {
        let role = facts.role.get().unwrap_or(Role::Viewer);
        let me = facts.me.get();
        Rights::of(&board.get(), Actor { member: &me, role })
    });
    let ctx = Ctx {
        board,
        tally: Memo::new(move |_| board.with(model::votes::Tally::of)),
        rights,
        me,
        target: BoardRef { handle, facts },
    };
    let ready = move || handle.is_ready();
    let missing = move || handle.is_unavailable() && board.with(|b| b.title.is_empty());
    let path = format!("/boards/{}", handle.id());
    // The others on this page, and this member.
    let here = {
        let path = path.clone();
        move || here_now(&path).len() + 1
    };
    let writing = move || writing_now(&path);
    // Leaving the page ends "writing" here, wherever focus was.
    on_cleanup(|| {
        if let Some(repo) = sync::repo() {
            repo.set_writing(false);
        }
    });
    let share = move |_| {
        let s = strings.get_untracked();
        let url = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let text = format!(
            "{} {url}",
            fill(
                s.share_text,
                "title",
                board.with_untracked(|b| b.title.clone())
            )
        );
        if let Some(window) = web_sys::window() {
            let _ = window.open_with_url_and_target(&browser::whatsapp_share_url(&text), "_blank");
        }
    };
    // A note's link (`#note-<id>`): once that note is on the board, it gets focus (scrolled
    // into view, ringed), once.
    let linked = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| h.strip_prefix("#note-").map(str::to_string))
        .filter(|n| !n.is_empty());
    if let Some(note) = linked {
        let done = StoredValue::new(false);
        Effect::new(move |_| {
            if !done.get_value() && board.with(|b| b.note(&note).is_some()) {
                done.set_value(true);
                browser::focus_soon(&format!("[data-note=\"{note}\"]"));
            }
        });
    }
    // Keep the catalog's title in step when the facilitator renames the board.
    let id = handle.id();
    view! {
        <section class="page board" data-phase=move || board.with(|b| b.phase.as_str())>
            <p><a href="/boards">{move || strings.get().back}</a></p>
            {move || (!ready() && !missing()).then(|| view! { <p class="hint" role="status">{move || strings.get().loading}</p> })}
            {move || missing().then(|| view! { <p class="notice-error">{move || strings.get().not_found}</p> })}
            <h1 tabindex="-1" dir="auto" id="board-title-heading">{move || board.with(|b| b.title.clone())}</h1>
            {move || board.with(|b| (!b.question.is_empty()).then(|| view! { <p class="lead board-question" dir="auto">{b.question.clone()}</p> }))}
            <p class="hint board-meeting">{move || board.with(|b| {
                [b.meeting.date.as_str(), b.meeting.place.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
            })}
            {move || board.with(|b| browser::is_http_link(&b.meeting.link).then(|| view! { " " <a href=b.meeting.link.clone() rel="noopener noreferrer" target="_blank" dir="ltr">{b.meeting.link.clone()}</a> }))}
            </p>
            <div class="board-bar">
                <p class="hint" id="board-here" role="status">{move || fill(strings.get().here, "n", here())}</p>
                // Not a live region: a room starting and stopping to write would talk over the
                // board for a screen-reader user.
                {move || {
                    let names = writing();
                    (!names.is_empty()).then(|| view! { <p class="hint" id="board-writing">{fill(strings.get().writing_names, "names", names.iter().map(|n| crate::i18n::isolate(n)).collect::<Vec<_>>().join(", "))}</p> })
                }}
                <p class="hint">{move || {
                    let b = board.get();
                    let runner = if b.facilitator.is_empty() { b.created_by.clone() } else { b.facilitator.clone() };
                    fill(strings.get().facilitated_by, "name", facts.name_of(&runner, strings.get().unnamed))
                }}</p>
                <button type="button" class="button button-quiet" id="share-board" on:click=share>{move || strings.get().share_board}</button>
            </div>
            <bar::Phases ctx />
            <bar::Timer ctx />
            {move || (!facts.can_write()).then(|| view! { <p class="hint">{move || strings.get().read_only}</p> })}
            {move || rights.get().add_notes.then(|| view! { <AddNote ctx /> })}
            {move || rights.get().vote.then(|| view! { <p class="dots-left" role="status" id="dots-left">{move || {
                let b = board.get();
                let left = ctx.tally.with(|t| t.left(&me.get()));
                fill(&fill(strings.get().dots_left, "n", left), "budget", b.settings.budget)
            }}</p> })}
            {move || {
                let b = board.get();
                let me = me.get();
                let hidden = b.notes.iter().filter(|n| !shows_note(&b, &me, &n.author)).count();
                (hidden > 0).then(|| view! { <p class="hint" id="hidden-count" role="status">{fill(strings.get().hidden_notes, "n", hidden)}</p> })
            }}
            <div class="board-columns">
                {move || board.with(|b| b.columns.iter().map(|c| c.id.clone()).collect::<Vec<_>>()).into_iter().map(|column| view! { <ColumnView ctx column /> }).collect_view()}
            </div>
            {move || (board.with(|b| b.phase) >= Phase::Discuss).then(|| view! { <Outcome ctx /> })}
            {move || rights.get().facilitate.then(|| view! { <Settings ctx on_title=move |t: String| actions::retitle(facts, id, t) /> })}
        </section>
    }
}

/// The form that adds a note: its text, column and colour. Focus in it tells the others this
/// member is writing.
#[component]
fn AddNote(ctx: Ctx) -> impl IntoView {
    let strings = use_strings();
    let text = RwSignal::new(String::new());
    let column = RwSignal::new(String::new());
    let colour = RwSignal::new(model::COLOURS[0].to_string());
    // Focus in the note's text tells the others on the board this member is writing.
    let writing = |on: bool| {
        if let Some(repo) = sync::repo() {
            repo.set_writing(on);
        }
    };
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = text.get_untracked();
        if typed.trim().is_empty() {
            return;
        }
        let first = ctx
            .board
            .with_untracked(|b| b.columns.first().map(|c| c.id.clone()).unwrap_or_default());
        let chosen = Some(column.get_untracked())
            .filter(|c| !c.is_empty())
            .unwrap_or(first);
        let id = actions::new_id("n");
        let colour = colour.get_untracked();
        let now = browser::now_ms();
        ctx.target.act(&id.clone(), &["added"], move |tx, actor| {
            model::add_note(tx, actor, &id, &typed, &chosen, &colour, now)
        });
        text.set(String::new());
    };
    view! {
        <form class="form add-note" on:submit=add>
            <label for="note-new">{move || strings.get().note_label}</label>
            <textarea id="note-new" dir="auto" rows="2" maxlength="500"
                prop:value=move || text.get()
                on:input=move |e| text.set(event_target_value(&e))
                on:focus=move |_| writing(true)
                on:blur=move |_| writing(false)
                on:keydown=move |e: leptos::ev::KeyboardEvent| {
                    // Enter adds (as a chat does); Shift+Enter is a new line.
                    if e.key() == "Enter" && !e.shift_key() && !e.is_composing() {
                        e.prevent_default();
                        if let Some(form) = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok()).and_then(|t| t.closest("form").ok().flatten()) {
                            if let Ok(form) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(form) { let _ = form.request_submit(); }
                        }
                    }
                }></textarea>
            <div class="add-note-options">
                <span>
                    <label for="note-column">{move || strings.get().column_label}</label>
                    <select id="note-column" on:change=move |e| column.set(event_target_value(&e))>
                        {move || ctx.board.with(|b| b.columns.iter().map(|c| view! { <option value=c.id.clone() dir="auto">{c.title.clone()}</option> }).collect_view())}
                    </select>
                </span>
                <span>
                    <label for="note-colour">{move || strings.get().colour_label}</label>
                    <select id="note-colour" on:change=move |e| colour.set(event_target_value(&e))>
                        {move || model::COLOURS.into_iter().map(|c| view! { <option value=c>{super::note::colour_name(c, strings.get())}</option> }).collect_view()}
                    </select>
                </span>
                <button type="submit" class="button" id="add-note">{move || strings.get().add_note}</button>
            </div>
        </form>
    }
}

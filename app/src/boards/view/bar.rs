//! The phases (where the workshop is, and the facilitator's next/back) and the shared timer.

use leptos::prelude::*;

use super::Ctx;
use crate::{
    boards::{
        model::{self, timer, Phase},
        strings::{use_strings, Strings},
    },
    i18n::fill,
    sync::clock,
};

/// A phase's name.
pub fn phase_name(phase: Phase, s: &'static Strings) -> &'static str {
    match phase {
        Phase::Write => s.phase_write,
        Phase::Group => s.phase_group,
        Phase::Vote => s.phase_vote,
        Phase::Discuss => s.phase_discuss,
        Phase::Done => s.phase_done,
    }
}

/// The five phases, the current one marked; next and back for the facilitator.
#[component]
pub fn Phases(ctx: Ctx) -> impl IntoView {
    let strings = use_strings();
    let phase = Memo::new(move |_| ctx.board.with(|b| b.phase));
    let go = move |to: Phase| {
        ctx.target.act("board", &["phase"], move |tx, actor| {
            model::set_phase(tx, actor, to)
        });
    };
    view! {
        <nav class="phases" aria-label=move || strings.get().phases_label>
            <ol>
                {move || Phase::ALL.into_iter().map(|p| {
                    let current = phase.get() == p;
                    view! { <li class:current=current aria-current=current.then_some("step")>{phase_name(p, strings.get())}</li> }
                }).collect_view()}
            </ol>
            {move || ctx.rights.get().facilitate.then(|| view! {
                <div class="actions phase-actions">
                    {move || phase.get().previous().map(|p| view! {
                        <button type="button" class="button button-quiet" id="phase-back" on:click=move |_| go(p)>{fill(strings.get().previous_phase, "phase", phase_name(p, strings.get()))}</button>
                    })}
                    {move || phase.get().next().map(|p| view! {
                        <button type="button" class="button" id="phase-next" on:click=move |_| go(p)>{fill(strings.get().next_phase, "phase", phase_name(p, strings.get()))}</button>
                    })}
                </div>
            })}
        </nav>
    }
}

/// The countdown everyone sees (counted on the relay's clock), and the facilitator's controls.
#[component]
pub fn Timer(ctx: Ctx) -> impl IntoView {
    let strings = use_strings();
    let now = RwSignal::new(clock::relay_now_ms());
    let tick = set_interval_with_handle(
        move || now.set(clock::relay_now_ms()),
        std::time::Duration::from_millis(500),
    );
    on_cleanup(move || {
        if let Ok(handle) = tick {
            handle.clear();
        }
    });
    let left = move || timer::remaining(ctx.board.with(|b| b.timer_ends_at), now.get());
    let minutes = RwSignal::new(5i64);
    let start = move |_| {
        let seconds = minutes.get_untracked() * 60;
        let at = clock::relay_now_ms();
        ctx.target.act("board", &["timer"], move |tx, actor| {
            model::set_timer(tx, actor, seconds, at)
        });
    };
    let stop = move |_| {
        ctx.target.act("board", &["timer"], move |tx, actor| {
            model::set_timer(tx, actor, 0, 0)
        });
    };
    view! {
        <div class="board-timer">
            {move || left().map(|seconds| view! {
                <p class="timer" class:ended=seconds == 0>
                    <span>{move || strings.get().timer_label}": "</span>
                    <span role="timer" id="timer-left" dir="ltr">{timer::clock(seconds)}</span>
                    {(seconds == 0).then(|| view! { <span role="status">" · "{strings.get().timer_ended}</span> })}
                </p>
            })}
            {move || ctx.rights.get().facilitate.then(|| view! {
                <div class="actions timer-actions">
                    <label for="timer-minutes">{move || strings.get().timer_minutes}</label>
                    <input id="timer-minutes" type="number" min="1" max="240" inputmode="numeric"
                        prop:value=move || minutes.get().to_string()
                        on:change=move |e| minutes.set(event_target_value(&e).parse::<i64>().unwrap_or(5).clamp(1, 240)) />
                    <button type="button" class="button button-quiet" id="timer-start" on:click=start>{move || strings.get().timer_start}</button>
                    {move || left().is_some().then(|| view! { <button type="button" class="button button-quiet" id="timer-stop" on:click=stop>{move || strings.get().timer_stop}</button> })}
                </div>
            })}
        </div>
    }
}

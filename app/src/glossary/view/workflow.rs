//! The review card: the status moves this member's role may make on this entry
//! ([`crate::glossary::review::actions`]), and deprecation with a replacement.

use leptos::prelude::*;

use super::{picker::EntryPicker, role, status_name};
use crate::glossary::{
    actions,
    model::{Entry, Status},
    review::{self, Action},
    strings::{use_strings, Strings},
};
use crate::i18n::fill;

/// A button's label for `action` on an entry that is `from`.
fn label(action: Action, s: &'static Strings) -> &'static str {
    match action {
        Action::Submit => s.g_submit_review,
        Action::Approve => s.g_approve,
        Action::Reject => s.g_reject,
        Action::Restore => s.g_restore,
        Action::Reopen => s.g_reopen,
        Action::Deprecate => s.g_deprecate,
    }
}

/// The workflow card (absent when this role has no move to make).
#[component]
pub fn WorkflowCard(id: Memo<String>, entry: Memo<Option<Entry>>) -> impl IntoView {
    let strings = use_strings();
    // A keystroke in a definition changes the entry but not its status: the card is not rebuilt.
    let status = Memo::new(move |_| entry.with(|e| e.as_ref().map(Entry::status)));
    // The term to use instead, once picked: (id, title).
    let replacement = RwSignal::new(None::<(String, String)>);
    // What the last move did. Said in a live region outside the card (which is drawn again with
    // the new status's buttons), and focus goes to it: the button pressed is gone or now means
    // something else, so a second Enter must not land on it (it would undo the first).
    let said = RwSignal::new(String::new());
    let moved = move |to: Status| {
        said.set(fill(
            strings.get_untracked().g_status_now,
            "status",
            status_name(to, strings.get_untracked()),
        ));
        crate::browser::focus_soon("#workflow-said");
    };
    let card = move || {
        let s = strings.get();
        let offered = review::actions(role()?, status.get()?);
        if offered.is_empty() {
            return None;
        }
        let (buttons, deprecate): (Vec<Action>, Vec<Action>) =
            offered.into_iter().partition(|a| *a != Action::Deprecate);
        Some(view! {
            <section class="card" aria-labelledby="workflow-heading">
                <h2 id="workflow-heading">{s.g_workflow}</h2>
                <p class="hint">{s.g_workflow_member}</p>
                <div class="actions">
                    {buttons.into_iter().map(|action| view! {
                        <button type="button" class="button" data-action=action.key() on:click=move |_| {
                            actions::move_to(&id.get_untracked(), action.to(), String::new());
                            moved(action.to());
                        }>{label(action, s)}</button>
                    }).collect_view()}
                </div>
                {(!deprecate.is_empty()).then(|| view! {
                    <div class="deprecate">
                        <EntryPicker id="replacement" label=s.g_use_instead
                            exclude=Signal::derive(move || vec![id.get()])
                            on_pick=Callback::new(move |choice| replacement.set(Some(choice))) />
                        {move || replacement.get().map(|(_, title)| view! {
                            <p class="chosen">
                                <span dir="auto">{fill(s.g_chosen, "item", &title)}</span>" "
                                <button type="button" class="button button-quiet" on:click=move |_| replacement.set(None)>
                                    {fill(s.g_remove, "item", &title)}
                                </button>
                            </p>
                        })}
                        <button type="button" class="button button-quiet" data-action=Action::Deprecate.key() on:click=move |_| {
                            let to = replacement.get_untracked().map(|(to, _)| to).unwrap_or_default();
                            actions::move_to(&id.get_untracked(), Status::Deprecated, to);
                            replacement.set(None);
                            moved(Status::Deprecated);
                        }>{s.g_deprecate}</button>
                    </div>
                })}
            </section>
        })
    };
    view! {
        {card}
        <p class="confirmation" id="workflow-said" role="status" tabindex="-1">{move || said.get()}</p>
    }
}

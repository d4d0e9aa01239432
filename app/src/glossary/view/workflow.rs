//! The review card: the status moves this member's role may make on this entry
//! ([`crate::glossary::review::actions`]), and deprecation with a replacement.

use leptos::{html, prelude::*};

use super::role;
use crate::glossary::{
    actions,
    model::{Entry, Status},
    review::{self, Action},
    strings::{use_strings, Strings},
    use_glossary,
};
use crate::i18n::{use_language, Lang};

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
    let lang = use_language();
    let glossary = use_glossary();
    // A keystroke in a definition changes the entry but not its status: the card is not rebuilt.
    let status = Memo::new(move |_| entry.with(|e| e.as_ref().map(Entry::status)));
    let replacement = NodeRef::<html::Select>::new();
    move || {
        let s = strings.get();
        let offered = review::actions(role()?, status.get()?);
        if offered.is_empty() {
            return None;
        }
        let (buttons, deprecate): (Vec<Action>, Vec<Action>) =
            offered.into_iter().partition(|a| *a != Action::Deprecate);
        let this = id.get();
        let others: Vec<(String, String)> = glossary
            .titles(lang.get() == Lang::He)
            .into_iter()
            .filter(|(i, _)| *i != this)
            .collect();
        Some(view! {
            <section class="card" aria-labelledby="workflow-heading">
                <h2 id="workflow-heading">{s.g_workflow}</h2>
                <p class="hint">{s.g_workflow_member}</p>
                <div class="actions">
                    {buttons.into_iter().map(|action| view! {
                        <button type="button" class="button" data-action=action.key() on:click=move |_| actions::move_to(&id.get_untracked(), action.to(), String::new())>{label(action, s)}</button>
                    }).collect_view()}
                </div>
                {(!deprecate.is_empty()).then(|| view! {
                    <div class="deprecate">
                        <label for="replacement">{s.g_use_instead}</label>
                        <select id="replacement" node_ref=replacement>
                            <option value="">{s.g_none}</option>
                            {others.into_iter().map(|(id, title)| view! { <option value=id>{title}</option> }).collect_view()}
                        </select>
                        <button type="button" class="button button-quiet" data-action=Action::Deprecate.key() on:click=move |_| {
                            let to = replacement.get().map(|r| r.value()).unwrap_or_default();
                            actions::move_to(&id.get_untracked(), Status::Deprecated, to);
                        }>{s.g_deprecate}</button>
                    </div>
                })}
            </section>
        })
    }
}

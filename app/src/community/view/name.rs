//! The member's display name: the prompt on the home page and the form.

use leptos::{html, prelude::*};

use crate::community::{identity, rename, strings::use_strings, use_community};

/// Asks a member without a display name to choose one (shown on the home page); once chosen,
/// the welcome takes its place and focus moves to it.
#[component]
pub fn NamePrompt() -> impl IntoView {
    let community = use_community();
    move || {
        community.session()?;
        Some(if community.name.get().is_empty() {
            view! { <NameForm prompt=true /> }.into_any()
        } else {
            view! { <super::Welcome /> }.into_any()
        })
    }
}

/// The display-name form.
#[component]
pub fn NameForm(
    /// True for the home page's prompt (its own element ids).
    #[prop(optional)]
    prompt: bool,
) -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    let input = NodeRef::<html::Input>::new();
    let saved = RwSignal::new(false);
    // An empty name is said, not silently ignored.
    let empty = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(input) = input.get() {
            let value = identity::clean_name(&input.value());
            empty.set(value.is_empty());
            if value.is_empty() {
                saved.set(false);
                let _ = input.focus();
                return;
            }
            rename(community, &value);
            input.set_value(&value);
            saved.set(true);
            if prompt {
                crate::browser::focus_soon("#welcome-heading");
            }
        }
    };
    let id = if prompt { "name-prompt" } else { "name" };
    view! {
        <form class="card name-form" on:submit=submit aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{move || strings.get().name_heading}</h2>
            <p class="hint" id=format!("{id}-hint")>{move || strings.get().name_prompt}</p>
            <label for=format!("{id}-input")>{move || strings.get().name_label}</label>
            <div class="inline-field">
                <input
                    id=format!("{id}-input")
                    node_ref=input
                    type="text"
                    dir="auto"
                    autocomplete="nickname"
                    maxlength=identity::MAX_NAME_CHARS.to_string()
                    aria-describedby=format!("{id}-hint")
                    aria-errormessage=format!("{id}-error")
                    aria-invalid=move || empty.get().then_some("true")
                    prop:value=move || community.name.get_untracked()
                    on:input=move |_| saved.set(false)
                />
                <button type="submit" class="button">{move || strings.get().name_save}</button>
            </div>
            <p class="field-error" id=format!("{id}-error") role="alert">
                {move || empty.get().then(|| strings.get().name_empty)}
            </p>
            <p class="confirmation" role="status">
                {move || saved.get().then(|| strings.get().name_saved)}
            </p>
        </form>
    }
}

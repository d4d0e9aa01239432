//! The jump bar: a link per letter that starts a listed entry; the others are shown, disabled.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::list::PAGE;
use crate::glossary::{search, strings::use_strings};

/// The alphabet jump bar, hidden while searching (results are by rank, not by letter).
#[component]
pub fn AlphabetBar(
    letters: Memo<Vec<(char, usize, String)>>,
    hebrew: RwSignal<bool>,
    searching: Signal<bool>,
    shown: RwSignal<usize>,
) -> impl IntoView {
    let strings = use_strings();
    move || {
        if searching.get() {
            return None;
        }
        let hebrew = hebrew.get();
        let starts = letters.get();
        Some(view! {
            <nav class="alphabet" aria-label=strings.get().g_jump>
                <ul>
                    {search::alphabet(hebrew).into_iter().map(|letter| {
                        let label = if hebrew { letter.to_string() } else { letter.to_ascii_uppercase().to_string() };
                        match starts.iter().find(|(l, _, _)| *l == letter) {
                            Some(&(_, position, _)) => view! { <li><a href=format!("#letter-{letter}") on:click=move |ev| {
                                ev.prevent_default();
                                // Render far enough down the list for the letter's first entry,
                                // then go there once it is drawn.
                                if position >= shown.get_untracked() {
                                    shown.set(position + PAGE);
                                    set_timeout(move || jump(letter), std::time::Duration::ZERO);
                                } else {
                                    jump(letter);
                                }
                            }>{label}</a></li> }.into_any(),
                            None => view! { <li><span class="letter-empty" aria-disabled="true">{label}</span></li> }.into_any(),
                        }
                    }).collect_view()}
                </ul>
            </nav>
        })
    }
}

/// Scrolls to a letter's first entry and moves focus to its link (the router would otherwise
/// treat the fragment as a navigation).
fn jump(letter: char) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(item) = document.get_element_by_id(&format!("letter-{letter}")) {
        item.scroll_into_view();
        if let Ok(Some(link)) = item.query_selector("a") {
            if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
                let _ = link.focus();
            }
        }
    }
}

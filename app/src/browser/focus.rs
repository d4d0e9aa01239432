//! Focus and the caret: where focus goes after an action, and which character a tap on rendered
//! text points to.

use wasm_bindgen::JsCast;

/// Moves focus to the first element matching `selector`, once the view has drawn it (the next
/// animation frame). Used after an action that replaces the button it was pressed on, so focus
/// lands on its result and never falls back to `<body>`.
pub fn focus_soon(selector: &str) {
    focus_at(selector, None);
}

/// [`focus_soon`], and when `caret` is given and the element is a text field, the caret placed
/// there (a UTF-16 offset, clamped to the text).
pub fn focus_at(selector: &str, caret: Option<u32>) {
    let selector = selector.to_string();
    leptos::prelude::request_animation_frame(move || {
        let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let _ = element.focus();
        let Some(caret) = caret else { return };
        if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            let caret = caret.min(area.value().encode_utf16().count() as u32);
            let _ = area.set_selection_range(caret, caret);
        } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            let caret = caret.min(input.value().encode_utf16().count() as u32);
            let _ = input.set_selection_range(caret, caret);
        }
    });
}

/// The character a tap at viewport point (`x`, `y`) points to, as a UTF-16 offset into the
/// source text of what it landed on: rendered text sits in `<span data-at="n">`, `n` being where
/// that span's text starts in the source. None off such text.
pub fn caret_at_point(x: i32, y: i32) -> Option<u32> {
    let document = web_sys::window()?.document()?;
    let position = document.caret_position_from_point(x as f32, y as f32)?;
    let node = position.offset_node()?;
    if node.node_type() != web_sys::Node::TEXT_NODE {
        return None;
    }
    let at: u32 = node
        .parent_element()?
        .get_attribute("data-at")?
        .parse()
        .ok()?;
    Some(at + position.offset())
}

/// True while the person has text selected (a tap that ends a selection is not a request to edit).
pub fn selecting() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

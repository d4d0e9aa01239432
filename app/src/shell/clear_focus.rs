//! Focus never hides under the phone's fixed bottom bar (WCAG 2.4.11): when something inside the
//! page gets focus and the bar covers any of it, the page scrolls just enough to show it. The
//! CSS's `scroll-padding` does this where the browser honours it for focus; this covers the rest
//! (focus moved by a script, text fields the browser scrolls its own way).

use wasm_bindgen::{closure::Closure, JsCast};

/// Room left between a focused element and the bar, in CSS pixels.
const GAP_PX: f64 = 12.0;

/// Installs the focus listener, once, at the app's start.
pub fn keep_focus_clear_of_bar() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(target) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(bar) = window
            .document()
            .and_then(|d| d.query_selector(".main-nav").ok().flatten())
        else {
            return;
        };
        if bar.contains(Some(&target)) || target.tag_name() == "MAIN" {
            return;
        }
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let bar_top = bar.get_bounding_client_rect().top();
        // Only where the bar is the bottom one (phones, or a zoomed-in laptop).
        if bar_top < height / 2.0 {
            return;
        }
        // A control, link or field; not a region taller than the room above the bar (`main`,
        // focused by a tap on its text, would otherwise scroll the page under the finger).
        let rect = target.get_bounding_client_rect();
        if rect.height() + GAP_PX < bar_top && rect.bottom() > bar_top {
            window.scroll_by_with_x_and_y(0.0, rect.bottom() - bar_top + GAP_PX);
        }
    });
    let _ = document.add_event_listener_with_callback("focusin", listener.as_ref().unchecked_ref());
    // Lives as long as the page.
    listener.forget();
}

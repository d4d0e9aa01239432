//! Small components several features share.

use leptos::{html, prelude::*};

use crate::{
    platform::strings::use_strings,
    sync::text::{self, Splice},
};

/// A `<textarea>` bound to co-edited Automerge text. `value` is the text as the document has it
/// (a reactive projection); each edit the person makes is handed to `on_splice` as one splice.
/// When someone else's edit arrives, the field is updated and the caret stays on the same
/// character (it moves only if text was inserted or removed before it).
#[component]
pub fn CollabTextarea(
    /// The element id (the `<label for>` points at it).
    #[prop(into)]
    id: String,
    /// The document's current text.
    #[prop(into)]
    value: Signal<String>,
    /// Applies one of this person's edits to the document.
    on_splice: impl Fn(Splice) + 'static,
    /// True when the person may not edit (viewers, or not loaded yet).
    #[prop(into)]
    read_only: Signal<bool>,
    /// True once the document is loaded (`data-ready`, which tests wait for).
    #[prop(into)]
    ready: Signal<bool>,
    /// `aria-describedby`, if any.
    #[prop(default = None)]
    described_by: Option<&'static str>,
    /// Visible rows (the field grows with its text beyond them).
    #[prop(default = 4)]
    rows: u32,
    /// The text's language, when it has one (`lang`).
    #[prop(default = None)]
    lang: Option<&'static str>,
    /// The text's direction: its language's, or `auto` from the text.
    #[prop(default = "auto")]
    dir: &'static str,
) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    let strings = use_strings();
    // The size of a paste just refused as too large (shown under the field until the next edit).
    let refused = RwSignal::new(None::<usize>);
    // The text as this field last knew it: the document's, or what was typed since. Each
    // keystroke is a splice from it — not from the document, which does not change while edits
    // wait for it to load (they would be sent twice).
    let known = StoredValue::new(value.get_untracked());
    Effect::new(move |_| {
        let incoming = value.get();
        known.set_value(incoming.clone());
        let Some(area) = area.get() else { return };
        let current = area.value();
        if current == incoming {
            return;
        }
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|active| {
                let element: &web_sys::Element = &area;
                active == *element
            });
        let selection = (
            area.selection_start().ok().flatten(),
            area.selection_end().ok().flatten(),
        );
        let splice = text::splice_between(&current, &incoming, None);
        // Only the run that changed is replaced: setting the whole value again makes the
        // browser lay out all of a long text for one remote keystroke.
        let replaced = splice.as_ref().is_some_and(|s| {
            let start = text::chars_to_utf16(&current, s.start) as u32;
            let end = start + text::chars_to_utf16_len(&current, s.start, s.delete) as u32;
            area.set_range_text_with_start_and_end(&s.insert, start, end)
                .is_ok()
        });
        if !replaced || area.value() != incoming {
            area.set_value(&incoming);
        }
        if let (true, Some(splice), (Some(start), Some(end))) = (focused, splice, selection) {
            let place = |utf16: u32| {
                let chars = text::utf16_to_chars(&current, utf16 as usize);
                text::chars_to_utf16(&incoming, text::move_caret(chars, &splice)) as u32
            };
            let _ = area.set_selection_range(place(start), place(end));
        }
    });
    let on_input = move |_| {
        let Some(area) = area.get() else { return };
        let typed = area.value();
        let before = known.get_value();
        // A huge paste is refused before it is even compared character by character.
        let grown = typed.len().saturating_sub(before.len());
        if grown > sync_core::limits::MAX_CHANGE_BYTES {
            area.set_value(&before);
            refused.set(Some(grown));
            return;
        }
        let caret = area
            .selection_start()
            .ok()
            .flatten()
            .map(|u| text::utf16_to_chars(&typed, u as usize));
        if let Some(splice) = text::splice_between(&before, &typed, caret) {
            if let Some(bytes) = text::oversized(&splice) {
                area.set_value(&before);
                refused.set(Some(bytes));
                return;
            }
            refused.set(None);
            known.set_value(typed);
            on_splice(splice);
        }
    };
    let error_id = format!("{id}-too-large");
    view! {
        <textarea
            id=id
            node_ref=area
            dir=dir
            lang=lang
            rows=rows.to_string()
            prop:readOnly=move || read_only.get()
            data-ready=move || ready.get().to_string()
            aria-describedby=described_by
            aria-errormessage=error_id.clone()
            aria-invalid=move || refused.get().is_some().then_some("true")
            on:input=on_input
        ></textarea>
        {move || refused.get().map(|bytes| view! {
            <p class="field-error" id=error_id.clone() role="alert" data-notice="too-large">
                {text::too_large_message(strings.get().change_too_large, bytes)}
            </p>
        })}
    }
}

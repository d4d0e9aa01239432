//! The list's options: status and domain filters and the order, shown by one control (see
//! [`super::list`]).

use leptos::prelude::*;

use super::status_name;
use crate::glossary::{model::Status, strings::use_strings};

/// Status and domain filters and the order of the list.
#[component]
pub fn ListOptions(
    status_filter: RwSignal<String>,
    domain_filter: RwSignal<String>,
    hebrew_order: RwSignal<bool>,
    domains: Memo<Vec<String>>,
) -> impl IntoView {
    let strings = use_strings();
    view! {
        <div class="filters">
            <div>
                <label for="glossary-status">{move || strings.get().g_status_filter}</label>
                <select id="glossary-status" on:change=move |ev| status_filter.set(event_target_value(&ev))>
                    <option value="">{move || strings.get().g_all}</option>
                    {move || {
                        let s = strings.get();
                        Status::ALL.into_iter().map(|st| view! {
                            <option value=st.as_str() selected=move || status_filter.get() == st.as_str()>{status_name(st, s)}</option>
                        }).collect_view()
                    }}
                </select>
            </div>
            <div>
                <label for="glossary-domain">{move || strings.get().g_domain_filter}</label>
                <select id="glossary-domain" on:change=move |ev| domain_filter.set(event_target_value(&ev))>
                    <option value="">{move || strings.get().g_all}</option>
                    {move || domains.get().into_iter().map(|d| {
                        let value = d.clone();
                        let label = d.clone();
                        view! { <option value=d selected=move || domain_filter.get() == value>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="order">
                <legend>{move || strings.get().g_sort_label}</legend>
                <label class="choice">
                    <input type="radio" name="glossary-order" prop:checked=move || hebrew_order.get() on:change=move |_| hebrew_order.set(true) />
                    {move || strings.get().g_sort_he}
                </label>
                <label class="choice">
                    <input type="radio" name="glossary-order" prop:checked=move || !hebrew_order.get() on:change=move |_| hebrew_order.set(false) />
                    {move || strings.get().g_sort_en}
                </label>
            </fieldset>
        </div>
    }
}

//! Routes `/<key>/…` to the registered feature's page (see [`crate::platform::route`]); a path no
//! feature claims gets the 404 page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::pages::NotFound;
use crate::{
    features::FEATURES,
    platform::route::{match_path, PageParam},
};

/// The page a feature declares for the current path.
#[component]
pub fn FeaturePage() -> impl IntoView {
    let location = use_location();
    let matched = Memo::new(move |_| {
        let path = location.pathname.get();
        match_path(
            &path,
            FEATURES
                .iter()
                .map(|f| (f.key, f.pages.iter().map(|p| p.path).collect())),
        )
    });
    let param = Memo::new(move |_| {
        matched
            .with(|m| m.as_ref().map(|m| m.param.clone()))
            .unwrap_or_default()
    });
    provide_context(PageParam(param));
    // Re-render only when the page itself changes, not when its parameter does.
    let page =
        Memo::new(move |_| matched.with(|m| m.as_ref().map(|m| (m.feature.clone(), m.page))));
    move || {
        let Some((key, index)) = page.get() else {
            return view! { <NotFound /> }.into_any();
        };
        FEATURES
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| f.pages.get(index))
            .map_or_else(|| view! { <NotFound /> }.into_any(), |p| (p.view)())
    }
}

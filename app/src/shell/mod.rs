//! The frame around every page: skip link, header with the language switch, main navigation,
//! and the router that picks the page.

mod clear_focus;
mod pages;
mod router;

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes, A},
    hooks::use_location,
    path,
};

use crate::{
    community::{follow_route_in_presence, CaughtUpNotice, JoinNotice, SyncBadge},
    features::FEATURES,
    i18n::{provide_language, use_language},
    platform::{
        self,
        facts::{provide_facts, Facts},
        provide_registry,
    },
};
use strings::use_strings;

pub mod strings;

/// The home page's navigation icon.
const HOME_ICON: &str = "M3 11 12 3l9 8M5 10v10h5v-6h4v6h5V10";

/// The whole app: language, registry, every feature's state, router, frame.
#[component]
pub fn App() -> impl IntoView {
    provide_language();
    provide_registry(FEATURES);
    // Before any feature: the community fills the facts, every other feature reads them.
    provide_facts(Facts::new());
    for feature in FEATURES {
        (feature.provide)();
    }
    let strings = use_strings();
    clear_focus::keep_focus_clear_of_bar();
    view! {
        <Router>
            <Community />
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || strings.get().skip_to_content}
            </a>
            <Header />
            <main id="main" tabindex="-1">
                <div class="frame-notices">
                    <JoinNotice />
                    <CaughtUpNotice />
                </div>
                <Routes fallback=router::FeaturePage>
                    <Route path=path!("/") view=pages::Home />
                </Routes>
            </main>
            <FocusOnNavigate />
        </Router>
    }
}

/// Tells presence which page this tab shows (needs the router, so it lives inside it).
#[component]
fn Community() -> impl IntoView {
    follow_route_in_presence();
}

/// The skip link moves focus itself: the router would otherwise treat `#main` as a navigation and
/// leave focus where it was.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = main.focus();
    }
}

/// Header: the product name (a link home), the sync badge, the switch to the other language and
/// then the navigation: at the end of the top bar on wide screens, fixed at the bottom on phones
/// (CSS only, one `<nav>` either way, so assistive technology sees a single landmark). Last in
/// the header so that the keyboard meets things in the order they are drawn on both: brand,
/// language, navigation, then the page (the skip link passes the navigation by).
#[component]
fn Header() -> impl IntoView {
    let strings = use_strings();
    let lang = use_language();
    view! {
        <header class="top-bar">
            <A href="/" attr:class="brand">{move || strings.get().app_name}</A>
            <SyncBadge />
            <button
                type="button"
                class="language-switch"
                lang=move || lang.get().other().code()
                aria-label=move || strings.get().switch_language
                on:click=move |_| lang.update(|l| *l = l.other())
            >
                {move || lang.get().other().native_name()}
            </button>
            <nav class="main-nav" aria-label=move || strings.get().main_navigation>
                <ul>
                    <li>
                        <A href="/" exact=true attr:class="nav-link">
                            {icon(HOME_ICON)}
                            <span>{move || platform::strings::of(lang.get()).nav_home}</span>
                        </A>
                    </li>
                    {FEATURES
                        .iter()
                        .filter_map(|feature| Some((feature.key, feature.nav.as_ref()?)))
                        .map(|(key, nav)| {
                            let label = nav.label;
                            view! {
                                <li>
                                    <A href=format!("/{key}") exact=true attr:class="nav-link">
                                        {icon(nav.icon)}
                                        <span>{move || label(lang.get())}</span>
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// After an in-app navigation, moves keyboard and screen-reader focus to the new page's heading
/// and updates the tab title; the first render keeps the browser's own focus.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    let strings = use_strings();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let app_name = strings.get().app_name;
        let navigated = previous.as_ref().is_some_and(|p| *p != path);
        request_animation_frame(move || {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let heading = document.query_selector("main h1").ok().flatten();
            let title = heading
                .as_ref()
                .and_then(|h| h.text_content())
                .map(|t| format!("{t} · {app_name}"))
                .unwrap_or_else(|| app_name.to_string());
            document.set_title(&title);
            if navigated {
                if let Some(Ok(heading)) =
                    heading.map(wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>)
                {
                    let _ = heading.focus();
                }
            }
        });
        path
    });
}

/// A navigation icon: decorative (the label names the link), drawn with the text colour.
pub(crate) fn icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path />
        </svg>
    }
}

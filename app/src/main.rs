//! The wasm entry point: install the panic hook, mount the app. Everything else lives in the library.

fn main() {
    console_error_panic_hook::set_once();
    // The page's first paint (index.html's #boot) gives way to the app.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(kehila_app::App);
    // The relay serves /sw.js: it keeps the app openable offline (see sync-server's assets).
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().service_worker().register("/sw.js");
    }
}

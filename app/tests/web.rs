//! Browser unit tests: run by wasm-bindgen-test in headless Chromium (`cargo xtask test`).
//! They exercise what only a browser has: localStorage, `<html>` attributes, the mounted shell.
#![cfg(target_arch = "wasm32")]

use kehila_app::i18n::{self, Lang, LANGUAGE_STORAGE_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn html_attribute(name: &str) -> Option<String> {
    document().document_element().unwrap().get_attribute(name)
}

/// Lets Leptos run its scheduled effects (they run on the microtask/task queue).
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn the_language_choice_is_remembered_on_the_device() {
    storage().remove_item(LANGUAGE_STORAGE_KEY).unwrap();
    assert_eq!(
        i18n::stored_language(),
        Lang::He,
        "Hebrew when nothing is stored"
    );
    i18n::remember_language(Lang::En);
    assert_eq!(
        storage().get_item(LANGUAGE_STORAGE_KEY).unwrap().as_deref(),
        Some("en")
    );
    assert_eq!(i18n::stored_language(), Lang::En);
    storage().set_item(LANGUAGE_STORAGE_KEY, "xx").unwrap();
    assert_eq!(
        i18n::stored_language(),
        Lang::He,
        "an unknown value falls back to Hebrew"
    );
    storage().remove_item(LANGUAGE_STORAGE_KEY).unwrap();
}

#[wasm_bindgen_test]
fn applying_a_language_sets_html_lang_and_dir() {
    i18n::apply_to_document(Lang::En);
    assert_eq!(html_attribute("lang").as_deref(), Some("en"));
    assert_eq!(html_attribute("dir").as_deref(), Some("ltr"));
    i18n::apply_to_document(Lang::He);
    assert_eq!(html_attribute("lang").as_deref(), Some("he"));
    assert_eq!(html_attribute("dir").as_deref(), Some("rtl"));
}

#[wasm_bindgen_test]
async fn the_mounted_shell_switches_language_and_direction() {
    storage().remove_item(LANGUAGE_STORAGE_KEY).unwrap();
    leptos::mount::mount_to_body(kehila_app::App);
    next_tick().await;
    assert_eq!(html_attribute("dir").as_deref(), Some("rtl"));
    let nav_links = document().query_selector_all("nav a").unwrap();
    assert_eq!(nav_links.length(), 6, "one navigation link per section");

    let switch: web_sys::HtmlElement = document()
        .query_selector("button.language-switch")
        .unwrap()
        .expect("the header has a language switch")
        .dyn_into()
        .unwrap();
    assert_eq!(switch.text_content().as_deref(), Some("English"));
    switch.click();
    next_tick().await;
    assert_eq!(html_attribute("lang").as_deref(), Some("en"));
    assert_eq!(html_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(switch.text_content().as_deref(), Some("עברית"));
    assert_eq!(
        storage().get_item(LANGUAGE_STORAGE_KEY).unwrap().as_deref(),
        Some("en")
    );
    storage().remove_item(LANGUAGE_STORAGE_KEY).unwrap();
}

/// The device store in real IndexedDB holds exactly what the reference semantics say after a
/// stream of saves (incremental chunks and compactions), and the document loads back whole.
#[wasm_bindgen_test]
async fn indexeddb_keeps_chunks_as_the_reference_semantics_say() {
    use automerge::{transaction::Transactable, Automerge, ReadDoc, ROOT};
    use kehila_app::sync::ChunkStore;
    use sync_core::{ids::DocumentId, storage::ChunkLedger};

    let name = format!("kehila-test-{}", kehila_app::browser::random_hex(6));
    let store = ChunkStore::open(&name).await.expect("IndexedDB opens");
    let document = DocumentId::from_random_bytes([5; 16]);
    let other = DocumentId::from_random_bytes([6; 16]);
    let mut doc = Automerge::new();
    let mut ledger = ChunkLedger::empty(document);
    let mut reference = Vec::new();
    let mut compactions = 0;
    for i in 0..60 {
        let mut tx = doc.transaction();
        tx.put(ROOT, format!("k{}", i % 7), "ערך ".repeat(i + 1))
            .unwrap();
        tx.commit();
        if let Some(op) = ledger.save(&doc) {
            if matches!(op, sync_core::storage::StorageOp::Compact { .. }) {
                compactions += 1;
            }
            store.apply(&op).await.expect("durable write");
            op.apply_in_memory(&mut reference);
        }
    }
    assert!(compactions > 0, "the stream exercised compaction");
    // Another document's chunks never leak into this one's.
    let mut other_doc = Automerge::new();
    let mut tx = other_doc.transaction();
    tx.put(ROOT, "x", 1).unwrap();
    tx.commit();
    let op = ChunkLedger::empty(other).save(&other_doc).unwrap();
    store.apply(&op).await.unwrap();

    let mut stored = store.load(&document).await.unwrap();
    stored.sort_by(|a, b| a.key.cmp(&b.key));
    reference.sort_by(|a, b| a.key.cmp(&b.key));
    assert_eq!(stored, reference);
    let (loaded, _) = ChunkLedger::load(document, &stored).unwrap();
    assert_eq!(loaded.get_heads(), doc.get_heads());
    assert_eq!(
        loaded.get(ROOT, "k3").unwrap().map(|(v, _)| v.to_string()),
        doc.get(ROOT, "k3").unwrap().map(|(v, _)| v.to_string())
    );

    let heads = doc.get_heads();
    store.set_confirmed(&document, &heads).await.unwrap();
    assert_eq!(store.confirmed(&document).await.unwrap(), heads);
    assert!(store.confirmed(&other).await.unwrap().is_empty());
}

/// Dates are written as the browser writes them (the same text as `Date.toLocaleString`), in
/// each language, from the formatter kept per language.
#[wasm_bindgen_test]
fn dates_are_written_as_the_browser_writes_them_in_each_language() {
    let when = 1_764_700_000_000_i64;
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(when as f64));
    for lang in ["he", "en"] {
        let expected: String = date
            .to_locale_string(lang, &wasm_bindgen::JsValue::UNDEFINED)
            .into();
        assert_eq!(kehila_app::browser::locale_date_time(when, lang), expected);
        // The second call uses the kept formatter and says the same.
        assert_eq!(kehila_app::browser::locale_date_time(when, lang), expected);
        let day: String = date
            .to_locale_date_string(lang, &wasm_bindgen::JsValue::UNDEFINED)
            .into();
        assert_eq!(kehila_app::browser::locale_date(when, lang), day);
    }
    assert_ne!(
        kehila_app::browser::locale_date_time(when, "he"),
        kehila_app::browser::locale_date_time(when, "en")
    );
}

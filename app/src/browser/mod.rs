//! Browser utilities, once: device storage, randomness, clocks, the clipboard, sharing, dates and
//! link checks, focus and the caret ([`focus`]). A leaf module: it imports nothing of the app, so every feature and the engine may
//! use it. Where the browser refuses (private mode, no permission), these do nothing and say so
//! in their return value; callers decide whether that matters.

mod focus;
pub use focus::{caret_at_point, focus_at, focus_soon, selecting};

use wasm_bindgen::JsValue;

/// The device's localStorage, when the browser lets us have it.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text stored under `key` on this device.
pub fn stored(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Stores `value` under `key`; false when storage is unavailable or full (the value then lasts
/// for this visit only).
pub fn store(key: &str, value: &str) -> bool {
    local_storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes `key` from this device.
pub fn unstore(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// Every stored key that starts with `prefix`.
pub fn stored_keys(prefix: &str) -> Vec<String> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

/// Fills `bytes` from the browser's CSPRNG; without Web Crypto (a very old or locked-down
/// browser) from `Math.random`, so ids still differ per device.
fn fill_random(bytes: &mut [u8]) {
    let from_crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(bytes).is_ok());
    if !from_crypto {
        for byte in bytes.iter_mut() {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
}

/// `N` random bytes.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    fill_random(&mut bytes);
    bytes
}

/// `n` random bytes as lower-case hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    fill_random(&mut bytes);
    hex(&bytes)
}

/// Bytes as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Unix time in milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Milliseconds since the page started (`performance.now()`), for measuring.
pub fn now_precise() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// True when the browser believes it has a network.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Copies `text` to the clipboard (the browser may refuse without a user gesture).
pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// A WhatsApp "share" link that opens the app (or wa.me) with `text` ready to send.
pub fn whatsapp_share_url(text: &str) -> String {
    format!(
        "https://wa.me/?text={}",
        String::from(js_sys::encode_uri_component(text))
    )
}

/// A date in the language `lang` (a BCP 47 code), as the browser writes dates there.
pub fn locale_date(unix_ms: i64, lang: &str) -> String {
    format_date(unix_ms, lang, false)
}

/// A date and time in the language `lang`.
pub fn locale_date_time(unix_ms: i64, lang: &str) -> String {
    format_date(unix_ms, lang, true)
}

thread_local! {
    /// One `Intl.DateTimeFormat` per (language, with time), made once. Why: `Date.toLocaleString`
    /// builds a new formatter on every call (about a millisecond each, measured in the entry
    /// page's first render, where a history of 15 rows spent 16 ms on it).
    static FORMATTERS: std::cell::RefCell<std::collections::HashMap<(String, bool), js_sys::Function>> =
        Default::default();
}

/// `unix_ms` written as the browser writes dates (and times) in `lang`.
fn format_date(unix_ms: i64, lang: &str, with_time: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(unix_ms as f64));
    let format = FORMATTERS.with(|cache| {
        cache
            .borrow_mut()
            .entry((lang.to_string(), with_time))
            .or_insert_with(|| {
                let options = js_sys::Object::new();
                let mut fields = vec!["year", "month", "day"];
                if with_time {
                    fields.extend(["hour", "minute", "second"]);
                }
                for field in fields {
                    let _ = js_sys::Reflect::set(&options, &field.into(), &"numeric".into());
                }
                let locales = js_sys::Array::of1(&lang.into());
                js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
            })
            .clone()
    });
    format
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// True for links that may be shown as links: `http://` and `https://` only (never
/// `javascript:` or `data:`). Pure; the check every feature uses for a URL a member typed.
pub fn is_http_link(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Waits `ms` milliseconds.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the browser run whatever is waiting (input, rendering) before going on: a long job
/// awaits this between slices so no slice is a long task.
pub async fn next_task() {
    sleep_ms(0).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_links() {
        assert!(is_http_link("https://gov.il/a"));
        assert!(is_http_link("HTTP://gov.il"));
        assert!(!is_http_link("javascript:alert(1)"));
        assert!(!is_http_link("data:text/html,x"));
        assert!(!is_http_link("gov.il"));
    }

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }
}

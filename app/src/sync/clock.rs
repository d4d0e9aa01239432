//! The relay's clock, as this device estimates it. Shared timers (a board's countdown) store
//! moments on the relay's clock; each device counts against `now + offset`, so phones whose
//! clocks disagree by minutes still show the same time left. The offset is learnt from one
//! `GET /api/time` (the middle of its round trip: [`offset`]) and kept on the device for
//! offline starts.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser;

static OFFSET_MS: AtomicI64 = AtomicI64::new(0);
static LEARNT: AtomicBool = AtomicBool::new(false);
const STORED: &str = "kehila.relay-clock-offset";

/// The relay's time now (unix ms), as best known.
pub fn relay_now_ms() -> i64 {
    if !LEARNT.load(Ordering::Relaxed) {
        if let Some(stored) = browser::stored(STORED).and_then(|s| s.parse().ok()) {
            OFFSET_MS.store(stored, Ordering::Relaxed);
        }
    }
    browser::now_ms() + OFFSET_MS.load(Ordering::Relaxed)
}

/// Asks the relay for its time once per page (again after a failure); keeps the offset.
pub fn learn() {
    if LEARNT.swap(true, Ordering::Relaxed) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        match ask().await {
            Some(offset) => {
                OFFSET_MS.store(offset, Ordering::Relaxed);
                browser::store(STORED, &offset.to_string());
            }
            None => LEARNT.store(false, Ordering::Relaxed),
        }
    });
}

async fn ask() -> Option<i64> {
    let window = web_sys::window()?;
    let sent = js_sys::Date::now();
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str("/api/time"))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let json = JsFuture::from(response.json().ok()?).await.ok()?;
    let received = js_sys::Date::now();
    let relay = js_sys::Reflect::get(&json, &"now".into()).ok()?.as_f64()?;
    Some(offset(sent, received, relay))
}

/// How far the relay's clock is ahead of this device's: the relay said `relay_ms` somewhere
/// between `sent_ms` and `received_ms` on this device's clock; the middle is the best guess
/// (the error is at most half the round trip).
pub fn offset(sent_ms: f64, received_ms: f64, relay_ms: f64) -> i64 {
    (relay_ms - (sent_ms + received_ms) / 2.0).round() as i64
}

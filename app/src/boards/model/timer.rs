//! The shared countdown. Its end lives in the document as a moment on the **relay's** clock, so a
//! reload, a second device or a phone that slept all show the same remaining time, whatever the
//! phones' own clocks say: each device learns how far its clock is from the relay's
//! ([`offset`], from one request's round trip, in `sync::clock`) and counts down against the relay's time.

/// Longest timer: 4 hours (a workshop day). Why: bounds what a typo can set.
pub const MAX_SECONDS: i64 = 4 * 60 * 60;

pub use crate::sync::clock::offset;

/// Whole seconds left (rounded up, so "0:01" shows until the end), or `None` when no timer
/// runs. Zero once it has ended.
pub fn remaining(ends_at: Option<i64>, relay_now_ms: i64) -> Option<i64> {
    let ends = ends_at?;
    let left = ends - relay_now_ms;
    Some(if left <= 0 { 0 } else { (left + 999) / 1000 })
}

/// `m:ss` (or `h:mm:ss`), with Western digits in both languages.
pub fn clock(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

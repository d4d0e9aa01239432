//! The engine's pure decisions, tested natively: what the sync badge says, which watchers a
//! change concerns, and how long to wait before reconnecting.

/// What the always-visible sync badge shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncState {
    /// No connection and nothing waiting.
    Offline,
    /// No connection, but `n` changes are safe on this device and will sync later.
    SavedOnDevice(usize),
    /// Connected and exchanging: `n` of our changes the relay has not confirmed yet.
    Syncing(usize),
    /// Connected, and the relay has (durably) everything this device has, and vice versa.
    Synced,
    /// This device's storage failed: `n` changes are only in this tab's memory. Nothing is sent
    /// until they are stored; the engine keeps retrying. Shown before anything else.
    NotSaved(usize),
    /// A document is held back (the relay refused it over a size limit, or its changes are too
    /// large to send): `n` changes are kept on this device and not shared.
    Held(usize),
}

/// What the badge is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Link {
    /// The relay answered the handshake on the current connection.
    pub connected: bool,
    /// Changes the relay has not confirmed.
    pub pending: usize,
    /// Every open document is caught up both ways.
    pub caught_up: bool,
    /// A device write failed and is being retried.
    pub unsaved: bool,
    /// Some document is held back.
    pub held: bool,
}

impl SyncState {
    /// The state for `link`.
    pub fn of(link: Link) -> SyncState {
        let Link {
            connected,
            pending,
            caught_up,
            unsaved,
            held,
        } = link;
        if unsaved {
            return SyncState::NotSaved(pending);
        }
        if held {
            return SyncState::Held(pending);
        }
        match (connected, pending) {
            (false, 0) => SyncState::Offline,
            (false, n) => SyncState::SavedOnDevice(n),
            (true, n) if n > 0 || !caught_up => SyncState::Syncing(n),
            (true, _) => SyncState::Synced,
        }
    }

    /// A stable name for styling and tests (`data-state`).
    pub fn code(self) -> &'static str {
        match self {
            SyncState::Offline => "offline",
            SyncState::SavedOnDevice(_) => "saved",
            SyncState::Syncing(_) => "syncing",
            SyncState::Synced => "synced",
            SyncState::NotSaved(_) => "unsaved",
            SyncState::Held(_) => "held",
        }
    }
}

/// How long "syncing" or "synced" must hold before the badge says so. Why: typing online is a
/// round trip per keystroke, so the raw state flips between the two every ~100 ms; a person
/// needs neither the flicker nor a screen reader announcing it. A change that takes longer than
/// this to confirm does show as syncing.
pub const BADGE_SETTLE_MS: f64 = 1_000.0;

/// What the badge shows, steadied: offline, not saved and held show at once (they are news);
/// between syncing and synced it changes only once the new state has held [`BADGE_SETTLE_MS`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SteadyBadge {
    shown: SyncState,
    /// A state waiting to be shown, and since when.
    next: Option<(SyncState, f64)>,
}

impl SteadyBadge {
    /// A badge that shows `state` now.
    pub fn new(state: SyncState) -> Self {
        Self {
            shown: state,
            next: None,
        }
    }

    /// What the badge shows.
    pub fn shown(&self) -> SyncState {
        self.shown
    }

    /// Takes the engine's state at `now_ms`; returns when to call again (the time a waiting
    /// state would be shown), if one is waiting.
    pub fn update(&mut self, raw: SyncState, now_ms: f64) -> Option<f64> {
        let calm = |s: SyncState| matches!(s, SyncState::Syncing(_) | SyncState::Synced);
        if !calm(raw) || !calm(self.shown) {
            self.shown = raw;
            self.next = None;
            return None;
        }
        if raw.code() == self.shown.code() {
            self.next = None;
            return None;
        }
        let since = match self.next {
            Some((waiting, since)) if waiting.code() == raw.code() => since,
            _ => now_ms,
        };
        if now_ms - since >= BADGE_SETTLE_MS {
            self.shown = raw;
            self.next = None;
            None
        } else {
            self.next = Some((raw, since));
            Some(since + BADGE_SETTLE_MS)
        }
    }
}

/// A size for people: `16 MB`, `1.5 MB`, `900 KB` (decimal-free below 10, one decimal under).
pub fn size_label(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let bytes = bytes as f64;
    if bytes >= KB * KB {
        let mb = bytes / (KB * KB);
        if mb >= 10.0 || mb.fract() < 0.05 {
            format!("{mb:.0} MB")
        } else {
            format!("{mb:.1} MB")
        }
    } else {
        format!("{:.0} KB", (bytes / KB).ceil())
    }
}

/// Delay before reconnect attempt number `attempt` (0-based), in milliseconds: doubling from one
/// second up to [`MAX_RECONNECT_MS`], scaled by `jitter` in [0, 1) to between half and all of it,
/// so a relay restart is not met by every member at the same instant.
pub fn reconnect_delay_ms(attempt: u32, jitter: f64) -> u32 {
    let base = FIRST_RECONNECT_MS.saturating_mul(1 << attempt.min(MAX_DOUBLINGS));
    let capped = base.min(MAX_RECONNECT_MS);
    (f64::from(capped) * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))) as u32
}

/// Longest wait between reconnect attempts: 30 s. Why: long enough not to drain a phone that is
/// offline for hours (the browser's `online` event reconnects at once anyway), short enough that
/// a relay restart is healed within half a minute.
pub const MAX_RECONNECT_MS: u32 = 30_000;

/// The first reconnect waits about a second. Why: a dropped Wi-Fi or a relay restart is often
/// back by then, and an instant retry would only fail again.
pub const FIRST_RECONNECT_MS: u32 = 1_000;

/// Doublings counted before the cap: 2^15 s is far past [`MAX_RECONNECT_MS`], and counting
/// further would overflow the shift.
const MAX_DOUBLINGS: u32 = 15;

/// Hidden this long, a page that shows again starts a fresh connection at once: 30 s, the
/// presence timeout. Why: by then the others have forgotten this tab, and a phone that slept
/// may hold a socket that looks open but is dead (the browser learns it only minutes later).
/// Shorter absences only make sure a connection is there.
pub const WAKE_RECONNECT_MS: f64 = sync_core::presence::TIMEOUT_MS as f64;

/// What to do when the page shows again (`visibilitychange`, `pageshow`) or the network is back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Make sure a connection is open (it usually is).
    Resume,
    /// Drop the old connection, open a new one now, and say "caught up" once synced.
    Reconnect,
}

/// Since when the page has been away (hidden, or offline), to decide what waking does.
#[derive(Debug, Clone, Copy, Default)]
pub struct Away {
    since: Option<f64>,
}

impl Away {
    /// The page went away at `now` (ms); the first time counts.
    pub fn left(&mut self, now: f64) {
        self.since.get_or_insert(now);
    }

    /// The page is back at `now`: what to do.
    pub fn back(&mut self, now: f64) -> Wake {
        match self.since.take() {
            Some(since) if now - since >= WAKE_RECONNECT_MS => Wake::Reconnect,
            _ => Wake::Resume,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sleep_reconnects_at_once_and_a_glance_away_only_resumes() {
        let mut away = Away::default();
        assert_eq!(away.back(1_000.0), Wake::Resume, "never away");
        away.left(1_000.0);
        assert_eq!(away.back(5_000.0), Wake::Resume, "a glance at another app");
        away.left(10_000.0);
        // Hidden, then offline too: the first departure counts.
        away.left(20_000.0);
        assert_eq!(away.back(10_000.0 + WAKE_RECONNECT_MS), Wake::Reconnect);
        assert_eq!(away.back(90_000.0), Wake::Resume, "back once, not twice");
    }

    #[test]
    fn the_badge_does_not_flicker_while_typing_but_says_what_matters_at_once() {
        let mut badge = SteadyBadge::new(SyncState::Synced);
        // Typing online: syncing and synced every 100 ms for three seconds.
        let mut changes = 0;
        let mut shown = badge.shown();
        for k in 0..30 {
            let raw = if k % 2 == 0 {
                SyncState::Syncing(1)
            } else {
                SyncState::Synced
            };
            badge.update(raw, f64::from(k) * 100.0);
            if badge.shown() != shown {
                changes += 1;
                shown = badge.shown();
            }
        }
        assert_eq!(changes, 0, "steady through the typing");
        // A change the relay takes long to confirm does show, once it has lasted.
        let again = badge.update(SyncState::Syncing(1), 5_000.0).expect("waits");
        assert_eq!(badge.shown(), SyncState::Synced);
        assert_eq!(again, 5_000.0 + BADGE_SETTLE_MS);
        assert_eq!(badge.update(SyncState::Syncing(1), again), None);
        assert_eq!(badge.shown().code(), "syncing");
        // Going offline, a storage failure or a held document: at once.
        for urgent in [
            SyncState::SavedOnDevice(3),
            SyncState::NotSaved(1),
            SyncState::Held(2),
            SyncState::Offline,
        ] {
            badge.update(urgent, 6_000.0);
            assert_eq!(badge.shown(), urgent);
        }
        // Back online: the first state shows at once (leaving offline is news too).
        badge.update(SyncState::Syncing(2), 7_000.0);
        assert_eq!(badge.shown().code(), "syncing");
    }

    fn link(connected: bool, pending: usize, caught_up: bool) -> Link {
        Link {
            connected,
            pending,
            caught_up,
            ..Link::default()
        }
    }

    #[test]
    fn the_badge_covers_every_state() {
        assert_eq!(SyncState::of(link(false, 0, false)), SyncState::Offline);
        assert_eq!(
            SyncState::of(link(false, 3, false)),
            SyncState::SavedOnDevice(3)
        );
        assert_eq!(SyncState::of(link(true, 2, false)), SyncState::Syncing(2));
        assert_eq!(SyncState::of(link(true, 0, false)), SyncState::Syncing(0));
        assert_eq!(SyncState::of(link(true, 0, true)), SyncState::Synced);
        let codes: Vec<_> = [
            SyncState::Offline,
            SyncState::SavedOnDevice(1),
            SyncState::Syncing(1),
            SyncState::Synced,
            SyncState::NotSaved(1),
            SyncState::Held(1),
        ]
        .map(SyncState::code)
        .to_vec();
        assert_eq!(
            codes,
            ["offline", "saved", "syncing", "synced", "unsaved", "held"]
        );
    }

    #[test]
    fn a_failed_device_write_outranks_everything_then_a_held_document() {
        let unsaved = Link {
            unsaved: true,
            held: true,
            ..link(true, 2, true)
        };
        assert_eq!(SyncState::of(unsaved), SyncState::NotSaved(2));
        let offline_unsaved = Link {
            unsaved: true,
            ..link(false, 1, false)
        };
        assert_eq!(SyncState::of(offline_unsaved), SyncState::NotSaved(1));
        let held = Link {
            held: true,
            ..link(true, 4, false)
        };
        assert_eq!(SyncState::of(held), SyncState::Held(4));
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_label(16 * 1024 * 1024), "16 MB");
        assert_eq!(size_label(1024 * 1024), "1 MB");
        assert_eq!(size_label(1536 * 1024), "1.5 MB");
        assert_eq!(size_label(900 * 1024), "900 KB");
        assert_eq!(size_label(1), "1 KB");
        assert_eq!(size_label(1024 * 1024 * 1024), "1024 MB");
    }

    #[test]
    fn reconnect_delays_double_up_to_the_cap_with_jitter() {
        assert_eq!(reconnect_delay_ms(0, 0.999_999), 999);
        assert_eq!(reconnect_delay_ms(0, 0.0), 500);
        assert_eq!(reconnect_delay_ms(1, 0.0), 1_000);
        assert_eq!(reconnect_delay_ms(3, 0.0), 4_000);
        assert_eq!(reconnect_delay_ms(10, 0.0), MAX_RECONNECT_MS / 2);
        assert!(reconnect_delay_ms(40, 1.0) <= MAX_RECONNECT_MS);
    }
}

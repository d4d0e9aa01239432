//! Where this device stands: the sync badge in the header, and the notices while joining or
//! when storage or the relay holds something back.

use leptos::prelude::*;
use sync_core::refusal::Refusal;

use crate::community::{
    session::Joining,
    strings::{use_strings, Strings},
    use_community,
};
use crate::{
    browser,
    i18n::fill,
    platform::strings::use_strings as use_platform_strings,
    sync::{self, model::SteadyBadge, SyncState},
};

/// The sync badge in the header, calmly: offline (and, when there are changes, that they are
/// saved on this device) · syncing · synced; not saved and held when storage or the relay says
/// so. No counts (a count of keystrokes means nothing to a person), and steadied
/// ([`SteadyBadge`]) so typing online does not flicker it or fill a screen reader's queue.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    let raw = move || {
        community.root.get()?;
        sync::repo().map(|repo| repo.state())
    };
    let shown = RwSignal::new(None::<SyncState>);
    let steady = StoredValue::new(None::<SteadyBadge>);
    // Bumped when a waiting state is due, so the badge looks again.
    let due = RwSignal::new(0u32);
    Effect::new(move |_| {
        due.track();
        let Some(raw) = raw() else {
            return;
        };
        let now = browser::now_precise();
        let mut badge = steady.get_value().unwrap_or_else(|| SteadyBadge::new(raw));
        let recheck = badge.update(raw, now);
        steady.set_value(Some(badge));
        if shown.get_untracked() != Some(badge.shown()) {
            shown.set(Some(badge.shown()));
        }
        if let Some(at) = recheck {
            let wait = std::time::Duration::from_millis((at - now).max(0.0) as u64);
            set_timeout(move || due.update(|n| *n = n.wrapping_add(1)), wait);
        }
    });
    // What is shown is `data-state`; what the engine knows this instant is `data-engine` (tests
    // wait on it: "synced" there means the relay has confirmed everything).
    move || {
        shown.get().map(|current| {
            let s = strings.get();
            let text = match current {
                SyncState::Offline => s.sync_offline,
                SyncState::SavedOnDevice(_) => s.sync_saved,
                SyncState::Syncing(_) => s.sync_syncing,
                SyncState::Synced => s.sync_synced,
                SyncState::NotSaved(_) => s.sync_unsaved,
                SyncState::Held(_) => s.sync_held,
            };
            view! {
                <p class="sync-badge" role="status" data-state=current.code() data-engine=move || raw().map(SyncState::code) aria-label=s.sync_label>
                    <span class="sync-dot" aria-hidden="true"></span>
                    <span class="sync-text">{text}</span>
                </p>
            }
        })
    }
}

/// "Caught up", once, when a phone that slept or lost the network has everything again: the
/// board or entry on screen is the room's, not what it was before the phone slept.
#[component]
pub fn CaughtUpNotice() -> impl IntoView {
    let strings = use_strings();
    let community = use_community();
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        // Tracked first: the engine starts after this view, with the community's documents.
        if community.root.get().is_none() {
            return;
        }
        let Some(repo) = sync::repo() else {
            return;
        };
        if repo.woke() && repo.state() == SyncState::Synced {
            repo.caught_up_told();
            shown.set(true);
            set_timeout(move || shown.set(false), std::time::Duration::from_secs(8));
        }
    });
    move || {
        shown
            .get()
            .then(|| view! { <p class="notice" role="status" id="caught-up">{strings.get().caught_up}</p> })
    }
}

/// Where joining stands, when it is not simply "joined": checking, how to join, refused, ended,
/// device-storage trouble, documents held back and a change refused as too large.
#[component]
pub fn JoinNotice() -> impl IntoView {
    let strings = use_strings();
    let access_strings = crate::community::access::strings::use_strings();
    let community = use_community();
    move || {
        let s = strings.get();
        // Set once the engine runs: read it so this re-renders then (the engine is no signal).
        let _engine_up = community.root.get();
        let storage = sync::repo().and_then(|r| r.storage_error());
        let refused = sync::repo().is_some_and(|r| r.refused());
        let notice = match community.joining.get() {
            Joining::Checking => Some(("notice", s.join_checking.to_string())),
            Joining::NotJoined => None,
            // A device link opened twice says so; any other refused link, that it is not valid.
            Joining::InviteRefused(_, Some(code)) if code == sync_core::api_error::LINK_USED => {
                Some((
                    "notice notice-error",
                    access_strings.get().err_link_used.to_string(),
                ))
            }
            Joining::InviteRefused(..) => {
                Some(("notice notice-error", s.invite_refused.to_string()))
            }
            Joining::Ended => Some(("notice notice-error", s.session_ended.to_string())),
            Joining::Joined(_) if refused => {
                Some(("notice notice-error", s.session_ended.to_string()))
            }
            Joining::Joined(_) => storage.map(|error| {
                let said = storage_error_words(&error, s);
                ("notice notice-error", fill(s.storage_failed, "error", said))
            }),
        };
        let held = sync::repo()
            .map(|r| held_notices(&r.refusals(), s))
            .unwrap_or_default();
        let too_large = sync::repo().and_then(|r| r.change_refused()).map(|bytes| {
            sync::text::too_large_message(use_platform_strings().get().change_too_large, bytes)
        });
        let not_joined = matches!(community.joining.get(), Joining::NotJoined | Joining::Ended);
        view! {
            {notice.map(|(class, text)| view! { <p class=class role="status">{text}</p> })}
            {held.into_iter().map(|text| view! {
                <p class="notice notice-error" role="status" data-notice="held">{text}</p>
            }).collect_view()}
            {too_large.map(|text| view! {
                <p class="notice notice-error" role="alert" data-notice="too-large">{text}</p>
            })}
            {not_joined.then(|| view! {
                <section class="join-needed" aria-labelledby="join-needed-title">
                    <h2 id="join-needed-title">{s.join_needed_title}</h2>
                    <p>{s.join_needed_body}</p>
                </section>
            })}
        }
    }
}

/// A device-storage error in words for the member: a full device in their language, anything
/// else as the browser said it, isolated so English inside Hebrew reads in its own direction.
fn storage_error_words(error: &str, s: &Strings) -> String {
    if error.contains("QuotaExceeded") {
        s.storage_full.to_string()
    } else {
        format!("\u{2068}{error}\u{2069}")
    }
}

/// One line per kind of refusal (several documents refused alike say it once).
fn held_notices(refusals: &[Refusal], s: &Strings) -> Vec<String> {
    let mut lines: Vec<String> = refusals
        .iter()
        .map(|refusal| {
            let template = match refusal {
                Refusal::DocumentFull { .. } => s.held_document_full,
                Refusal::CommunityFull { .. } => s.held_community_full,
                Refusal::TooLargeToSend { .. } => s.held_too_large,
            };
            fill(template, "limit", sync::size_label(refusal.limit()))
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::strings::{EN, HE};
    use sync_core::ids::DocumentId;

    #[test]
    fn refusals_read_once_per_kind_with_their_limit() {
        let a = DocumentId::from_random_bytes([1; 16]);
        let b = DocumentId::from_random_bytes([2; 16]);
        let full = |document| Refusal::DocumentFull {
            document,
            limit: 16 * 1024 * 1024,
        };
        let lines = held_notices(
            &[full(a), full(b), Refusal::TooLargeToSend { document: a }],
            &EN,
        );
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("size limit (16 MB)")));
        assert!(lines
            .iter()
            .any(|l| l.contains("too large to send") && l.contains("8 MB")));
        let hebrew = held_notices(&[full(a)], &HE);
        assert!(hebrew[0].contains("16 MB") && hebrew[0].contains("מגבלת הגודל"));
    }

    #[test]
    fn a_full_device_is_said_in_the_members_language() {
        let quota = "device storage: QuotaExceededError: the quota has been exceeded";
        assert_eq!(storage_error_words(quota, &HE), HE.storage_full);
        assert_eq!(storage_error_words(quota, &EN), EN.storage_full);
        let other = storage_error_words("UnknownError: disk", &HE);
        assert_eq!(
            other, "\u{2068}UnknownError: disk\u{2069}",
            "isolated for RTL"
        );
    }
}

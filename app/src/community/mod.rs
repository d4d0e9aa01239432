//! The community: joining from an invite link, this device's identity, the root document
//! (members, about, catalog), presence, and the views that show them.
//!
//! - [`session`] — invite link → session cookie; the remembered session for offline starts.
//! - [`identity`] — the member id and display name on this device (no account).
//! - [`root`] — the root document's schema and pure reads/writes.
//! - [`view`] — the sync badge, the name form, members, about, catalog, invitations.
//!
//! [`provide_community`] runs once at the root: it works out the session, starts the sync engine
//! and puts a [`CommunityState`] in context.

pub mod identity;
pub mod root;
pub mod session;
pub mod view;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::sync::{self, DocHandle, RepoConfig};
use session::{Joining, Session};

/// What the app knows about the community, in context.
#[derive(Debug, Clone, Copy)]
pub struct CommunityState {
    /// Where joining stands.
    pub joining: RwSignal<Joining>,
    /// The root document, once the engine runs.
    pub root: RwSignal<Option<DocHandle>>,
    /// The glossary document, once the engine runs.
    pub glossary: RwSignal<Option<DocHandle>>,
    /// This device's display name (mirrors [`identity`]).
    pub name: RwSignal<String>,
}

impl CommunityState {
    /// The session, when joined.
    pub fn session(&self) -> Option<Session> {
        match self.joining.get() {
            Joining::Joined(session) | Joining::InviteRefused(Some(session)) => Some(session),
            _ => None,
        }
    }
}

/// The community state from context.
pub fn use_community() -> CommunityState {
    use_context::<CommunityState>().unwrap_or_else(|| CommunityState {
        joining: RwSignal::new(Joining::NotJoined),
        root: RwSignal::new(None),
        glossary: RwSignal::new(None),
        name: RwSignal::new(String::new()),
    })
}

/// Works out the session and starts sync. Call once, at the root.
pub fn provide_community() -> CommunityState {
    let state = CommunityState {
        joining: RwSignal::new(Joining::Checking),
        root: RwSignal::new(None),
        glossary: RwSignal::new(None),
        name: RwSignal::new(
            identity::stored_identity()
                .map(|i| i.name)
                .unwrap_or_default(),
        ),
    };
    provide_context(state);
    leptos::task::spawn_local(async move {
        let joining = session::bootstrap().await;
        state.joining.set(joining.clone());
        let session = match joining {
            Joining::Joined(session) | Joining::InviteRefused(Some(session)) => session,
            _ => return,
        };
        start_sync(state, session).await;
    });
    state
}

/// Keeps presence told which page this tab shows. Call once, inside the router.
pub fn follow_route_in_presence() {
    let state = use_community();
    let location = use_location();
    Effect::new(move |_| {
        let path = location.pathname.get();
        if state.root.get().is_some() {
            if let Some(repo) = sync::repo() {
                repo.set_viewing(&path);
            }
        }
    });
}

async fn start_sync(state: CommunityState, session: Session) {
    let me = identity::identity();
    let config = RepoConfig {
        community: session.community.clone(),
        root: session.root,
        member: me.id.clone(),
        name: me.name.clone(),
        can_write: session.role.can_write(),
        sync_url: sync_url(),
    };
    let repo = match sync::start(config).await {
        Ok(repo) => repo,
        Err(error) => {
            web_sys::console::warn_1(&error.to_string().into());
            return;
        }
    };
    if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
        // Ask the browser not to evict the community's data under storage pressure.
        let _ = storage.persist();
    }
    let root = repo.open_with_skeleton(session.root, Some(root::skeleton()));
    if session.role.can_write() {
        let role = session.role.as_str();
        root.change(move |tx| root::upsert_member(tx, &me.id, &me.name, role, now_ms()));
    }
    // The glossary is opened at start, not when its page is, so it is on the device for offline.
    let glossary =
        repo.open_with_skeleton(session.glossary, Some(crate::glossary::model::skeleton()));
    state.glossary.set(Some(glossary));
    state.root.set(Some(root));
}

/// Saves a new display name on this device and in the member list.
pub fn rename(state: CommunityState, typed: &str) {
    let me = identity::set_name(typed);
    state.name.set(me.name.clone());
    let (Some(root), Some(session)) = (state.root.get_untracked(), state.session()) else {
        return;
    };
    if session.role.can_write() {
        let role = session.role.as_str();
        root.change(move |tx| root::upsert_member(tx, &me.id, &me.name, role, now_ms()));
    }
    if let Some(repo) = sync::repo() {
        repo.announce(false);
    }
}

/// Unix time in milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn sync_url() -> String {
    let location = web_sys::window().map(|w| w.location());
    let host = location
        .as_ref()
        .and_then(|l| l.host().ok())
        .unwrap_or_default();
    let secure = location
        .as_ref()
        .and_then(|l| l.protocol().ok())
        .is_some_and(|p| p == "https:");
    format!("{}://{host}/sync", if secure { "wss" } else { "ws" })
}

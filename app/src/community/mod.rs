//! The community: joining from an invite link, this device's identity, the root document
//! (members, about, catalog), presence, and the views that show them.
//!
//! - [`session`] — invite link → session cookie; the remembered session for offline starts.
//! - [`identity`] — the member id and display name on this device (no account).
//! - [`root`] — the root document's schema and pure reads/writes.
//! - [`view`] — the sync badge, the name form, members, about, catalog, invitations.
//! - [`page`] — the community and settings page.
//! - [`feature`] — the declaration (registered in [`crate::features`]).
//! - [`strings`] — every string the community shows, Hebrew and English.
//!
//! [`provide_community`] runs once at the root: it works out the session, starts the sync engine,
//! opens every well-known document the registered features declare, and fills the platform's
//! [`Facts`] (me, my role, member names, documents by key) that other features read.

pub mod access;
pub mod feature;
pub mod identity;
pub mod page;
pub mod root;
pub mod session;
pub mod strings;
pub mod view;

pub use feature::FEATURE;
pub use view::{CaughtUpNotice, JoinNotice, NamePrompt, SyncBadge};

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    browser::now_ms,
    platform::{
        self,
        facts::{use_facts, Facts},
        migrate, Registry,
    },
    sync::{self, DocHandle, RepoConfig},
};
use session::{Joining, Session};

/// What the app knows about the community, in context.
#[derive(Debug, Clone, Copy)]
pub struct CommunityState {
    /// Where joining stands.
    pub joining: RwSignal<Joining>,
    /// The root document, once the engine runs.
    pub root: RwSignal<Option<DocHandle>>,
    /// This device's display name (mirrors [`identity`]).
    pub name: RwSignal<String>,
}

impl CommunityState {
    /// The session, when joined.
    pub fn session(&self) -> Option<Session> {
        match self.joining.get() {
            Joining::Joined(session) | Joining::InviteRefused(Some(session), _) => Some(session),
            _ => None,
        }
    }
}

/// The community state from context.
pub fn use_community() -> CommunityState {
    use_context::<CommunityState>().unwrap_or_else(|| CommunityState {
        joining: RwSignal::new(Joining::NotJoined),
        root: RwSignal::new(None),
        name: RwSignal::new(String::new()),
    })
}

/// Works out the session, starts sync and fills the platform's facts. Call once, at the root
/// (the feature declaration does).
pub fn provide_community() {
    let state = CommunityState {
        joining: RwSignal::new(Joining::Checking),
        root: RwSignal::new(None),
        name: RwSignal::new(
            identity::stored_identity()
                .map(|i| i.name)
                .unwrap_or_default(),
        ),
    };
    provide_context(state);
    // The shell provides the facts before any feature's `provide`, so every feature holds the
    // same signals whatever the registry's order; the community fills them.
    let facts = use_facts();
    facts.me.set(identity::identity().id);
    Effect::new(move |_| {
        let session = state.session();
        facts
            .community
            .set(session.as_ref().map(|s| s.community.clone()));
        facts.role.set(session.map(|s| s.role));
    });
    Effect::new(move |_| {
        let Some(root) = state.root.get() else {
            return;
        };
        let names = root.watch(&["members"], |doc| {
            root::members(doc)
                .into_iter()
                .map(|m| (m.id, m.name))
                .collect::<std::collections::HashMap<_, _>>()
        });
        Effect::new(move |_| facts.names.set(names.get()));
    });
    let registry = platform::registry();
    leptos::task::spawn_local(async move {
        let joining = session::bootstrap(registry).await;
        // A device link may have made this device another member's (see `access`).
        let me = identity::identity();
        facts.me.set(me.id);
        state.name.set(me.name);
        state.joining.set(joining.clone());
        let session = match joining {
            Joining::Joined(session) | Joining::InviteRefused(Some(session), _) => session,
            _ => return,
        };
        start_sync(state, facts, registry, session).await;
    });
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

async fn start_sync(state: CommunityState, facts: Facts, registry: Registry, session: Session) {
    let me = identity::identity();
    let config = RepoConfig {
        community: session.community.clone(),
        root: session.root,
        member: me.id.clone(),
        name: me.name.clone(),
        current_name: || identity::stored_identity().map(|i| i.name),
        session_refused: || Box::pin(session::session_refused()),
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
    // Every well-known document is opened at start, not when its page is, so it is on the device
    // for offline. One the remembered session does not name yet (stored by an older version)
    // arrives with the relay's next answer to `/api/session`, on the next online start.
    let mut opened = std::collections::BTreeMap::new();
    for spec in registry.well_known() {
        let Some(id) = session.document(spec.key) else {
            continue;
        };
        let handle = repo.open_with_skeleton(id, Some((spec.skeleton)()));
        if session.role.can_write() && !spec.migrations.is_empty() {
            let steps = spec.migrations;
            handle.change(move |tx| {
                migrate::run(tx, steps);
            });
        }
        opened.insert(spec.key.to_string(), handle);
    }
    let Some(root) = opened.get(sync_core::documents::ROOT).copied() else {
        return;
    };
    if session.role.can_write() {
        let role = session.role.as_str();
        root.change(move |tx| root::upsert_member(tx, &me.id, &me.name, role, now_ms()));
    }
    facts.documents.set(opened);
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

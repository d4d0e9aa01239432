//! The browser side of sync: drives [`sync_core::client::Client`] with IndexedDB, a WebSocket
//! and a BroadcastChannel, and hands features reactive documents.
//!
//! ## How a change travels
//! 1. A feature calls [`DocHandle::change`]; the engine commits it (message = the member id,
//!    time = now) and gets back effects: `Store`, `Send`, `Changed`.
//! 2. `Changed` updates the UI at once. `Store` and `Send` go into one ordered queue that a single
//!    task drains: a chunk is written to IndexedDB (strict durability) **before** any frame after
//!    it leaves, so what the relay confirms was on the device first. A write that fails (quota,
//!    a browser error) **holds the queue**: the same write is retried with growing waits, the
//!    badge says "not saved on this device", and nothing behind it — no frame, no later chunk
//!    — goes anywhere until it is stored. The chunk ledger (see `sync_core::storage`) describes
//!    storage once every write it planned has landed in order, and holding the queue is what
//!    keeps that true: a later chunk never lands before one it builds on.
//! 3. The raw change also goes to the other tabs of this browser over a BroadcastChannel, so they
//!    update instantly even offline.
//! 4. The relay stores the change and replies with heads that include it; the badge's pending
//!    count drops (see [`model::SyncState`]).
//!
//! ## Reactive documents, patched not rebuilt
//! [`DocHandle::watch`] gives a `Memo` of some projection of a document, registered under a path
//! (`["members"]`). After every change the engine asks Automerge for the patches between the old
//! and new heads and re-runs only the watchers whose path the patches touched; a `Memo` then
//! tells its dependents only if the projected value really changed. Editing the community's
//! description does not re-render its member list, and a remote edit to one glossary entry does
//! not rebuild the others.
//!
//! ## Connection
//! One WebSocket per tab to `/sync` (the session cookie authenticates it). It reconnects with
//! doubling, jittered backoff ([`model::reconnect_delay_ms`]), at once on the browser's `online`
//! event, and closes on `offline` (a phone that lost its network would otherwise wait for TCP to
//! notice). If the relay refuses the session (revoked, expired), [`Repo::refused`] turns true and
//! the engine stops retrying; the app shows how to get back in.
//!
//! The engine lives in a thread-local (the browser has one thread): [`repo`] finds it, and
//! [`DocHandle`] is a `Copy` id that reaches it, so views can capture handles freely.
//!
//! ## Files
//! This file holds the engine's state and starts it; `documents` opens and changes documents,
//! `effects` carries out what the engine asks (the ordered queue, watchers), `socket` keeps the
//! connection and presence, `tabs` talks to the other tabs, `handle` is [`DocHandle`]. Features
//! read documents with [`read::At`] and write them with [`write`].

pub mod clock;
mod documents;
mod effects;
mod handle;
pub mod idb;
pub mod model;
pub mod read;
mod socket;
mod tabs;
pub mod text;
pub mod write;

use std::{
    cell::{Cell, RefCell},
    collections::{HashMap, VecDeque},
    rc::Rc,
};

use automerge::{transaction::Transaction, Automerge, ChangeHash};
use js_sys::{Array, Reflect};
use leptos::prelude::*;

use crate::browser::random_hex;
use sync_core::{
    client::Client,
    ids::DocumentId,
    presence::{Greeter, Presence, Roster},
    refusal::Refusal,
    storage::StorageOp,
};
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use web_sys::{BroadcastChannel, WebSocket};

pub use handle::DocHandle;
pub use idb::{ChunkStore, IdbError};
pub use model::{size_label, SyncState};
pub use write::Note;

thread_local! {
    static REPO: RefCell<Option<Rc<Repo>>> = const { RefCell::new(None) };
    static EMPTY: Automerge = Automerge::new();
}

/// The running engine, once [`start`]ed.
pub fn repo() -> Option<Rc<Repo>> {
    REPO.with(|r| r.borrow().clone())
}

/// Who this device is and where to sync.
#[derive(Debug, Clone)]
pub struct RepoConfig {
    /// The community (names the IndexedDB database and the tab channel).
    pub community: String,
    /// The community's root document: presence travels on it.
    pub root: DocumentId,
    /// The member's id on this device and their display name.
    pub member: String,
    /// Display name.
    pub name: String,
    /// The display name set most recently in any tab of this browser (presence reads it at
    /// each announcement, so a rename in another tab is heard); `None` falls back to `name`.
    pub current_name: fn() -> Option<String>,
    /// Asks the relay whether this device's session has ended (revoked, expired), after the
    /// socket closed: true stops the engine from reconnecting.
    pub session_refused: fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = bool>>>,
    /// False for viewers: the engine then never makes a change (the relay would refuse it).
    pub can_write: bool,
    /// `ws(s)://host/sync`.
    pub sync_url: String,
}

enum Work {
    Store(StorageOp),
    Send { epoch: u64, bytes: Vec<u8> },
    Confirm(DocumentId, Vec<ChangeHash>),
}

struct Watcher {
    id: u64,
    path: Vec<String>,
    trigger: ArcTrigger,
    /// Told which paths changed (for views that patch their own state).
    callback: Option<PathCallback>,
}

struct Watched {
    heads: Vec<ChangeHash>,
    watchers: Vec<Watcher>,
    ready: ArcRwSignal<bool>,
    unavailable: ArcRwSignal<bool>,
    confirmed_saved: Vec<ChangeHash>,
    skeleton: Option<Vec<u8>>,
    waiting: Vec<(Option<Note>, Edit)>,
    /// The version the views show while the document loads (a feature's cached view): edits
    /// made meanwhile are made at it, so their positions mean what the member saw.
    shown_at: Option<Vec<ChangeHash>>,
}

/// Told which paths of a document changed.
type PathCallback = Rc<dyn Fn(&[Vec<String>])>;
/// One edit (a closure over a transaction), boxed so several can wait or travel together.
pub type Edit = Box<dyn FnOnce(&mut Transaction<'_>)>;
/// A JS event handler kept alive as long as the engine.
type Handler = Closure<dyn FnMut(JsValue)>;

struct Socket {
    ws: WebSocket,
    handshake_seen: bool,
    _handlers: Vec<Handler>,
}

/// The sync engine of this tab. See the module docs.
pub struct Repo {
    config: RepoConfig,
    client: RefCell<Client>,
    store: ChunkStore,
    queue: RefCell<VecDeque<Work>>,
    draining: Cell<bool>,
    epoch: Cell<u64>,
    attempts: Cell<u32>,
    socket: RefCell<Option<Socket>>,
    docs: RefCell<HashMap<DocumentId, Watched>>,
    next_watcher: Cell<u64>,
    roster: RefCell<Roster>,
    greeter: RefCell<Greeter>,
    viewing: RefCell<String>,
    writing: std::cell::Cell<bool>,
    away: Cell<model::Away>,
    woke: ArcRwSignal<bool>,
    tabs: Option<BroadcastChannel>,
    _listeners: RefCell<Vec<Handler>>,
    connected: ArcRwSignal<bool>,
    pending: ArcRwSignal<usize>,
    caught_up: ArcRwSignal<bool>,
    online: ArcRwSignal<Vec<Presence>>,
    refused: ArcRwSignal<bool>,
    storage_error: ArcRwSignal<Option<String>>,
    /// A device write failed and is being retried (the queue is held).
    unsaved: ArcRwSignal<bool>,
    /// True while the connection is closed because the held queue grew past
    /// [`MAX_QUEUED_WHILE_UNSAVED`]: it opens again once storage works.
    paused_for_storage: Cell<bool>,
    /// Documents held back, and why.
    refusals: ArcRwSignal<Vec<Refusal>>,
    /// The size of the last change refused as too large (until the next change is made).
    change_refused: ArcRwSignal<Option<usize>>,
}

/// Starts the engine (once per tab): opens the device database and connects.
///
/// # Errors
/// When IndexedDB cannot be opened: Kehila then cannot keep anything on this device.
pub async fn start(config: RepoConfig) -> Result<Rc<Repo>, IdbError> {
    if let Some(existing) = repo() {
        return Ok(existing);
    }
    let store = ChunkStore::open(&format!("kehila-{}", config.community)).await?;
    let peer = format!("kehila-{}", random_hex(8));
    let tabs = BroadcastChannel::new(&format!("kehila-{}", config.community)).ok();
    let repo = Rc::new(Repo {
        client: RefCell::new({
            let mut client = Client::new(peer.into(), random_hex(8));
            client.set_segmented_storage(sync_core::storage::SEGMENT_OPS);
            client
        }),
        store,
        queue: RefCell::new(VecDeque::new()),
        draining: Cell::new(false),
        epoch: Cell::new(0),
        attempts: Cell::new(0),
        socket: RefCell::new(None),
        docs: RefCell::new(HashMap::new()),
        next_watcher: Cell::new(0),
        roster: RefCell::new(Roster::new()),
        greeter: RefCell::new(Greeter::default()),
        viewing: RefCell::new(String::new()),
        writing: std::cell::Cell::new(false),
        away: Cell::new(model::Away::default()),
        woke: ArcRwSignal::new(false),
        tabs,
        _listeners: RefCell::new(Vec::new()),
        connected: ArcRwSignal::new(false),
        pending: ArcRwSignal::new(0),
        caught_up: ArcRwSignal::new(false),
        online: ArcRwSignal::new(Vec::new()),
        refused: ArcRwSignal::new(false),
        storage_error: ArcRwSignal::new(None),
        unsaved: ArcRwSignal::new(false),
        paused_for_storage: Cell::new(false),
        refusals: ArcRwSignal::new(Vec::new()),
        change_refused: ArcRwSignal::new(None),
        config,
    });
    REPO.with(|r| *r.borrow_mut() = Some(repo.clone()));
    repo.listen();
    repo.connect();
    Ok(repo)
}

impl Repo {
    /// The engine's configuration.
    pub fn config(&self) -> &RepoConfig {
        &self.config
    }

    /// What the sync badge shows (reactive).
    pub fn state(&self) -> SyncState {
        SyncState::of(model::Link {
            connected: self.connected.get(),
            pending: self.pending.get(),
            caught_up: self.caught_up.get(),
            unsaved: self.unsaved.get(),
            held: !self.refusals.with(Vec::is_empty),
        })
    }

    /// Documents held back, and why (reactive).
    pub fn refusals(&self) -> Vec<Refusal> {
        self.refusals.get()
    }

    /// The size of a change just refused as too large, if any (reactive).
    pub fn change_refused(&self) -> Option<usize> {
        self.change_refused.get()
    }

    /// Who else is online now (reactive); this tab's member is not in it.
    pub fn online(&self) -> Vec<Presence> {
        let me = &self.config.member;
        self.online
            .get()
            .into_iter()
            .filter(|p| p.member != *me)
            .collect()
    }

    /// True after waking from a long sleep or an offline spell, until [`Repo::caught_up_told`]
    /// (reactive): the view says "caught up" once synced.
    pub fn woke(&self) -> bool {
        self.woke.get()
    }

    /// The "caught up" notice was shown.
    pub fn caught_up_told(&self) {
        self.woke.set(false);
    }

    /// True once the relay refused this session (revoked or expired) (reactive).
    pub fn refused(&self) -> bool {
        self.refused.get()
    }

    /// The last device-storage failure, if any (reactive).
    pub fn storage_error(&self) -> Option<String> {
        self.storage_error.get()
    }
}

/// Records a figure for `cargo xtask bench glossary` when the page was opened for it
/// (`window.kehilaBench` exists): appended if the key holds an array, else set. Otherwise does
/// nothing, so production pays one property lookup.
pub fn bench_record(key: &str, value: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(bench) = Reflect::get(&window, &"kehilaBench".into()) else {
        return;
    };
    if bench.is_undefined() || bench.is_null() {
        return;
    }
    match Reflect::get(&bench, &key.into()) {
        Ok(list) if list.is_instance_of::<Array>() => {
            list.unchecked_into::<Array>().push(&value.into());
        }
        _ => {
            let _ = Reflect::set(&bench, &key.into(), &value.into());
        }
    }
}

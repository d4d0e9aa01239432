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

pub mod idb;
pub mod model;
pub mod read;
pub mod text;

use std::{
    cell::{Cell, RefCell},
    collections::{HashMap, VecDeque},
    rc::Rc,
};

use automerge::{
    transaction::{CommitOptions, Transaction},
    Automerge, AutomergeError, ChangeHash,
};
use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;

use crate::browser::{self, now_precise, random_hex};
use sync_core::{
    client::{Client, ClientEffect},
    ids::DocumentId,
    presence::{Greet, Greeter, Presence, Roster, HEARTBEAT_MS},
    refusal::Refusal,
    storage::StorageOp,
};
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent, WebSocket};

pub use idb::{ChunkStore, IdbError};
pub use model::{size_label, SyncState};

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
    waiting: Vec<(Option<String>, Edit)>,
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
        client: RefCell::new(Client::new(peer, random_hex(8))),
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

    /// True once the relay refused this session (revoked or expired) (reactive).
    pub fn refused(&self) -> bool {
        self.refused.get()
    }

    /// The last device-storage failure, if any (reactive).
    pub fn storage_error(&self) -> Option<String> {
        self.storage_error.get()
    }

    /// Opens `document` (from the device, then the relay) and returns its handle.
    pub fn open(self: &Rc<Self>, document: DocumentId) -> DocHandle {
        self.open_with_skeleton(document, None)
    }

    /// Opens `document`; once loaded, a member's device adds `skeleton` (the document's
    /// deterministic first change, see [`sync_core::schema`]) if it is not there yet, before any
    /// edit made meanwhile.
    pub fn open_with_skeleton(
        self: &Rc<Self>,
        document: DocumentId,
        skeleton: Option<Vec<u8>>,
    ) -> DocHandle {
        let fresh = {
            let mut docs = self.docs.borrow_mut();
            let fresh = !docs.contains_key(&document);
            docs.entry(document).or_insert_with(|| Watched {
                heads: Vec::new(),
                watchers: Vec::new(),
                ready: ArcRwSignal::new(false),
                unavailable: ArcRwSignal::new(false),
                confirmed_saved: Vec::new(),
                skeleton,
                waiting: Vec::new(),
            });
            fresh
        };
        if fresh {
            let repo = self.clone();
            wasm_bindgen_futures::spawn_local(async move { repo.load(document).await });
        }
        DocHandle { id: document }
    }

    async fn load(self: Rc<Self>, document: DocumentId) {
        let started = now_precise();
        let chunks = match self.store.load(&document).await {
            Ok(chunks) => chunks,
            Err(error) => {
                self.storage_error.set(Some(error.to_string()));
                Vec::new()
            }
        };
        let confirmed = self.store.confirmed(&document).await.unwrap_or_default();
        let effects = {
            let mut client = self.client.borrow_mut();
            let effects = client.open(document, &chunks).unwrap_or_else(|error| {
                // Stored bytes that are not Automerge: start empty rather than not at all; the
                // relay's copy will arrive. Say so.
                self.storage_error.set(Some(format!(
                    "a document on this device is damaged: {error}"
                )));
                client.open(document, &[]).unwrap_or_default()
            });
            client.set_confirmed(&document, confirmed.clone());
            effects
        };
        bench_record(&format!("open-{document}"), now_precise() - started);
        bench_record(&format!("ready-{document}"), now_precise());
        let (waiting, skeleton) = {
            let mut docs = self.docs.borrow_mut();
            let Some(watched) = docs.get_mut(&document) else {
                return;
            };
            watched.confirmed_saved = confirmed;
            watched.ready.set(true);
            (
                std::mem::take(&mut watched.waiting),
                watched.skeleton.take(),
            )
        };
        self.run(effects);
        if let Some(skeleton) = skeleton {
            let initialised = self
                .client
                .borrow()
                .document(&document)
                .is_some_and(sync_core::schema::is_initialised);
            if !initialised {
                self.apply_changes(document, vec![skeleton]);
            }
        }
        self.notify(document);
        self.change_many(document, waiting);
    }

    /// Changes `document`: `edit` runs inside one Automerge transaction, committed with this
    /// member's id as its message and the current time. Viewers cannot change anything: their
    /// edits are dropped (the UI does not offer them). Do not read signals inside `edit`.
    pub fn change(
        self: &Rc<Self>,
        document: DocumentId,
        edit: impl FnOnce(&mut Transaction<'_>) + 'static,
    ) {
        self.change_noted(document, None, edit);
    }

    /// [`Repo::change`] with a note after the member id in the commit message (`<member>\n<note>`),
    /// so history can say what the change was about.
    pub fn change_noted(
        self: &Rc<Self>,
        document: DocumentId,
        note: Option<String>,
        edit: impl FnOnce(&mut Transaction<'_>) + 'static,
    ) {
        self.change_many(document, vec![(note, Box::new(edit))]);
    }

    /// Several changes, each its own commit (with its own note), stored and sent together: one
    /// IndexedDB write and one sync message for, say, an import of a thousand entries.
    pub fn change_many(self: &Rc<Self>, document: DocumentId, edits: Vec<(Option<String>, Edit)>) {
        if !self.config.can_write || edits.is_empty() {
            return;
        }
        {
            let mut docs = self.docs.borrow_mut();
            if let Some(watched) = docs.get_mut(&document) {
                if !watched.ready.get_untracked() {
                    watched.waiting.extend(edits);
                    return;
                }
            }
        }
        let member = self.config.member.clone();
        let time = (js_sys::Date::now() / 1000.0) as i64;
        let (effects, shared) = {
            let mut client = self.client.borrow_mut();
            let before = client
                .document(&document)
                .map(Automerge::get_heads)
                .unwrap_or_default();
            let effects = client.change(document, move |doc| {
                for (note, edit) in edits {
                    let message = match note {
                        Some(note) => format!("{member}\n{note}"),
                        None => member.clone(),
                    };
                    let _ = doc.transact_with::<_, _, AutomergeError, _>(
                        |_| {
                            CommitOptions::default()
                                .with_message(message)
                                .with_time(time)
                        },
                        |tx| {
                            edit(tx);
                            Ok(())
                        },
                    );
                }
            });
            let shared = if effects.is_empty() {
                Vec::new()
            } else {
                client.changes_since(&document, &before)
            };
            (effects, shared)
        };
        if effects
            .iter()
            .any(|e| matches!(e, ClientEffect::Store { .. }))
            && self.change_refused.get_untracked().is_some()
        {
            self.change_refused.set(None);
        }
        self.tell_tabs(document, &shared);
        self.run(effects);
    }

    /// Applies raw changes (a document's first, deterministic skeleton) unless present.
    pub fn apply_changes(self: &Rc<Self>, document: DocumentId, changes: Vec<Vec<u8>>) {
        if !self.config.can_write {
            return;
        }
        let effects = self.client.borrow_mut().apply_changes(document, &changes);
        if !effects.is_empty() {
            self.tell_tabs(document, &changes);
        }
        self.run(effects);
    }

    /// Says what this tab is looking at (an app path), for the others' presence lists.
    pub fn set_viewing(self: &Rc<Self>, path: &str) {
        if *self.viewing.borrow() == path {
            return;
        }
        *self.viewing.borrow_mut() = path.to_string();
        self.announce(false);
    }

    fn presence(&self, leaving: bool) -> Presence {
        Presence {
            member: self.config.member.clone(),
            name: (self.config.current_name)().unwrap_or_else(|| self.config.name.clone()),
            viewing: self.viewing.borrow().clone(),
            leaving,
        }
    }

    /// Sends this tab's presence (or its goodbye) to the others.
    pub fn announce(self: &Rc<Self>, leaving: bool) {
        self.greeter
            .borrow_mut()
            .announced(js_sys::Date::now() as u64);
        let data = self.presence(leaving).encode();
        let effects = self.client.borrow_mut().broadcast(self.config.root, data);
        if leaving {
            // The page is going away: no time for the queue.
            if let Some(socket) = self.socket.borrow().as_ref() {
                for effect in effects {
                    if let ClientEffect::Send(bytes) = effect {
                        let _ = socket.ws.send_with_u8_array(&bytes);
                    }
                }
            }
            return;
        }
        self.run(effects);
    }

    /// Carries out the engine's effects: UI updates now, storage and sending in order.
    fn run(self: &Rc<Self>, effects: Vec<ClientEffect>) {
        let epoch = self.epoch.get();
        let mut greet = false;
        for effect in effects {
            match effect {
                ClientEffect::Send(bytes) => self
                    .queue
                    .borrow_mut()
                    .push_back(Work::Send { epoch, bytes }),
                ClientEffect::Store { op, .. } => {
                    self.queue.borrow_mut().push_back(Work::Store(op))
                }
                ClientEffect::Changed(document) => self.notify(document),
                ClientEffect::Unavailable(document) => {
                    if let Some(watched) = self.docs.borrow().get(&document) {
                        watched.unavailable.set(true);
                    }
                }
                ClientEffect::Ephemeral { sender, data, .. } => {
                    if let Ok(presence) = Presence::decode(&data) {
                        let newcomer = !presence.leaving && !self.roster.borrow().knows(&sender);
                        let changed = self.roster.borrow_mut().heard(
                            &sender,
                            presence,
                            js_sys::Date::now() as u64,
                        );
                        if changed {
                            self.online.set(self.roster.borrow().online());
                        }
                        if newcomer {
                            greet = true;
                        }
                    }
                }
                ClientEffect::Close(reason) => {
                    web_sys::console::warn_1(&format!("Kehila sync: {reason}").into());
                    self.drop_connection();
                }
                ClientEffect::Held(refusal) => {
                    web_sys::console::warn_1(
                        &format!("Kehila sync: holding back {}", refusal.message()).into(),
                    );
                    self.refusals.update(|all| all.push(refusal));
                }
                ClientEffect::ChangeRefused { bytes, .. } => self.change_refused.set(Some(bytes)),
            }
        }
        self.refresh();
        if self.unsaved.get_untracked() && self.queue.borrow().len() > MAX_QUEUED_WHILE_UNSAVED {
            // Every frame from the relay queues more behind the failed write: go offline until
            // storage works (the relay keeps everything; nothing is lost, nothing grows).
            self.paused_for_storage.set(true);
            self.drop_connection();
        }
        self.drain();
        if greet {
            self.greet();
        }
    }

    /// Answers newcomers with this tab's presence: at once, or once at the end of the greeting
    /// interval for everyone who arrived meanwhile (see [`Greeter`]).
    fn greet(self: &Rc<Self>) {
        let now = js_sys::Date::now() as u64;
        let decision = self.greeter.borrow_mut().newcomer(now);
        match decision {
            Greet::Now => self.announce(false),
            Greet::At(when) => {
                let repo = self.clone();
                let later = Closure::once_into_js(move || repo.announce(false));
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                        later.unchecked_ref(),
                        when.saturating_sub(now) as i32,
                    );
                }
            }
            Greet::Planned => {}
        }
    }

    /// Updates the badge's numbers and queues newly confirmed heads for the device.
    fn refresh(&self) {
        let (pending, caught_up, confirmations) = {
            let client = self.client.borrow();
            let mut docs = self.docs.borrow_mut();
            let mut confirmations = Vec::new();
            for (id, watched) in docs.iter_mut() {
                let confirmed = client.confirmed(id);
                if !confirmed.is_empty() && confirmed != watched.confirmed_saved.as_slice() {
                    watched.confirmed_saved = confirmed.to_vec();
                    confirmations.push(Work::Confirm(*id, confirmed.to_vec()));
                }
            }
            (client.pending_total(), client.is_caught_up(), confirmations)
        };
        self.queue.borrow_mut().extend(confirmations);
        if self.pending.get_untracked() != pending {
            self.pending.set(pending);
        }
        if self.caught_up.get_untracked() != caught_up {
            self.caught_up.set(caught_up);
        }
    }

    /// Drains the work queue in order, one item at a time, on a single task.
    fn drain(self: &Rc<Self>) {
        if self.draining.replace(true) {
            return;
        }
        let repo = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut failures = 0u32;
            loop {
                let next = repo.queue.borrow_mut().pop_front();
                let Some(work) = next else { break };
                match work {
                    Work::Store(op) => {
                        if let Err(error) = repo.store.apply(&op).await {
                            // Hold the queue: this write first, then everything behind it.
                            web_sys::console::warn_1(&error.to_string().into());
                            repo.queue.borrow_mut().push_front(Work::Store(op));
                            repo.storage_error.set(Some(error.to_string()));
                            repo.unsaved.set(true);
                            let wait = model::reconnect_delay_ms(failures, js_sys::Math::random());
                            failures = failures.saturating_add(1);
                            sleep_ms(wait).await;
                            continue;
                        }
                        failures = 0;
                        if repo.unsaved.get_untracked() {
                            repo.unsaved.set(false);
                            repo.storage_error.set(None);
                        }
                        if repo.paused_for_storage.replace(false) {
                            repo.connect();
                        }
                    }
                    Work::Send { epoch, bytes } => {
                        if epoch == repo.epoch.get() {
                            if let Some(socket) = repo.socket.borrow().as_ref() {
                                let _ = socket.ws.send_with_u8_array(&bytes);
                            }
                        }
                    }
                    Work::Confirm(document, heads) => {
                        let _ = repo.store.set_confirmed(&document, &heads).await;
                    }
                }
            }
            repo.draining.set(false);
        });
    }

    /// Re-runs the watchers of `document` whose paths the latest changes touched, and tells
    /// path subscribers which paths those were.
    fn notify(&self, document: DocumentId) {
        let (triggers, callbacks, touched) = {
            let client = self.client.borrow();
            let Some(doc) = client.document(&document) else {
                return;
            };
            let mut docs = self.docs.borrow_mut();
            let Some(watched) = docs.get_mut(&document) else {
                return;
            };
            let after = doc.get_heads();
            if after == watched.heads {
                return;
            }
            let touched = model::touched_paths(&doc.diff(&watched.heads, &after));
            watched.heads = after;
            let concerned: Vec<&Watcher> = watched
                .watchers
                .iter()
                .filter(|w| touched.iter().any(|t| model::overlaps(&w.path, t)))
                .collect();
            (
                concerned
                    .iter()
                    .map(|w| w.trigger.clone())
                    .collect::<Vec<_>>(),
                concerned
                    .iter()
                    .filter_map(|w| w.callback.clone())
                    .collect::<Vec<_>>(),
                touched,
            )
        };
        for callback in callbacks {
            callback(&touched);
        }
        for trigger in triggers {
            trigger.notify();
        }
    }

    /// Tells the other tabs of this browser about changes (`kind` "changes"), or answers a tab
    /// that asked for what it was missing (`kind` "answer").
    fn tell_tabs(&self, document: DocumentId, changes: &[Vec<u8>]) {
        self.post_to_tabs("changes", document, changes, &[]);
    }

    fn post_to_tabs(
        &self,
        kind: &str,
        document: DocumentId,
        changes: &[Vec<u8>],
        heads: &[ChangeHash],
    ) {
        let Some(channel) = &self.tabs else {
            return;
        };
        if changes.is_empty() && kind != "need" {
            return;
        }
        let message = Object::new();
        let list = Array::new();
        for change in changes {
            list.push(&Uint8Array::from(change.as_slice()));
        }
        let heads: Array = heads
            .iter()
            .map(|h| JsValue::from_str(&h.to_string()))
            .collect();
        let _ = Reflect::set(&message, &"kind".into(), &kind.into());
        let _ = Reflect::set(&message, &"doc".into(), &document.to_string().into());
        let _ = Reflect::set(&message, &"changes".into(), &list);
        let _ = Reflect::set(&message, &"heads".into(), &heads);
        let _ = channel.post_message(&message);
    }

    /// A message from another tab: changes to apply, or a request for changes. A tab that cannot
    /// apply a change yet (it builds on one this tab has not seen) asks once, with its heads;
    /// any tab that has the document answers with everything since.
    fn from_tab(self: &Rc<Self>, data: JsValue) {
        let field = |key: &str| Reflect::get(&data, &key.into()).ok();
        let kind = field("kind")
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        let document = field("doc")
            .and_then(|d| d.as_string())
            .and_then(|d| DocumentId::from_url(&format!("automerge:{d}")).ok());
        let Some(document) = document else { return };
        if !self.docs.borrow().contains_key(&document) {
            return; // this tab does not show it; it will load from the device when it does
        }
        if kind == "need" {
            let heads: Vec<ChangeHash> = field("heads")
                .and_then(|h| h.dyn_into::<Array>().ok())
                .map(|list| {
                    list.iter()
                        .filter_map(|h| h.as_string()?.parse().ok())
                        .collect()
                })
                .unwrap_or_default();
            let answer = self.client.borrow().changes_since(&document, &heads);
            self.post_to_tabs("answer", document, &answer, &[]);
            return;
        }
        let changes: Vec<Vec<u8>> = field("changes")
            .and_then(|c| c.dyn_into::<Array>().ok())
            .map(|list| {
                list.iter()
                    .filter_map(|c| c.dyn_into::<Uint8Array>().ok())
                    .map(|c| c.to_vec())
                    .collect()
            })
            .unwrap_or_default();
        let effects = self.client.borrow_mut().apply_changes(document, &changes);
        self.run(effects);
        let missing = self.client.borrow().is_missing_changes(&document);
        if missing && kind == "changes" {
            let heads = self.client.borrow().heads(&document);
            self.post_to_tabs("need", document, &[], &heads);
        }
    }

    /// Window and channel listeners: online/offline, page hide, other tabs, heartbeat.
    fn listen(self: &Rc<Self>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let mut listeners = Vec::new();
        let weak = Rc::downgrade(self);
        let on_online = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade() {
                repo.attempts.set(0);
                repo.connect();
            }
        });
        let _ =
            window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        listeners.push(on_online);
        let weak = Rc::downgrade(self);
        let on_offline = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade() {
                repo.drop_connection();
            }
        });
        let _ =
            window.add_event_listener_with_callback("offline", on_offline.as_ref().unchecked_ref());
        listeners.push(on_offline);
        let weak = Rc::downgrade(self);
        let on_hide = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade() {
                repo.announce(true);
            }
        });
        let _ =
            window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
        listeners.push(on_hide);
        if let Some(channel) = &self.tabs {
            let weak = Rc::downgrade(self);
            let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                if let (Some(repo), Ok(event)) = (weak.upgrade(), event.dyn_into::<MessageEvent>())
                {
                    repo.from_tab(event.data());
                }
            });
            channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            listeners.push(on_message);
        }
        let weak = Rc::downgrade(self);
        let heartbeat = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade() {
                if repo.roster.borrow_mut().expire(js_sys::Date::now() as u64) {
                    repo.online.set(repo.roster.borrow().online());
                }
                repo.announce(false);
            }
        });
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            heartbeat.as_ref().unchecked_ref(),
            HEARTBEAT_MS as i32,
        );
        listeners.push(heartbeat);
        *self._listeners.borrow_mut() = listeners;
    }

    /// Opens the WebSocket unless one is open, the browser is offline, or the relay refused us.
    pub fn connect(self: &Rc<Self>) {
        if self.socket.borrow().is_some()
            || self.refused.get_untracked()
            || self.paused_for_storage.get()
            || !browser::online()
        {
            return;
        }
        let Ok(ws) = WebSocket::new(&self.config.sync_url) else {
            self.schedule_reconnect();
            return;
        };
        ws.set_binary_type(web_sys::BinaryType::Arraybuffer);
        let epoch = self.epoch.get() + 1;
        self.epoch.set(epoch);
        let mut handlers = Vec::new();
        let weak = Rc::downgrade(self);
        let on_open = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade().filter(|r| r.epoch.get() == epoch) {
                let effects = repo.client.borrow_mut().connected();
                repo.run(effects);
            }
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        handlers.push(on_open);
        let weak = Rc::downgrade(self);
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let Some(repo) = weak.upgrade().filter(|r| r.epoch.get() == epoch) else {
                return;
            };
            let Ok(event) = event.dyn_into::<MessageEvent>() else {
                return;
            };
            let bytes = Uint8Array::new(&event.data()).to_vec();
            let effects = repo.client.borrow_mut().receive(&bytes);
            repo.run(effects);
            repo.after_frame();
        });
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        handlers.push(on_message);
        let weak = Rc::downgrade(self);
        let on_close = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade().filter(|r| r.epoch.get() == epoch) {
                repo.drop_connection();
            }
        });
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        handlers.push(on_close);
        *self.socket.borrow_mut() = Some(Socket {
            ws,
            handshake_seen: false,
            _handlers: handlers,
        });
    }

    /// After a frame: notices the handshake completing (connected, presence, backoff reset).
    fn after_frame(self: &Rc<Self>) {
        let newly = {
            let mut socket = self.socket.borrow_mut();
            match socket.as_mut() {
                Some(s) if !s.handshake_seen && self.client.borrow().is_handshake_done() => {
                    s.handshake_seen = true;
                    true
                }
                _ => false,
            }
        };
        if newly {
            self.attempts.set(0);
            self.connected.set(true);
            self.refresh();
            self.announce(false);
        }
    }

    /// The connection ended (or must): forget it, stop its queued frames, retry later.
    fn drop_connection(self: &Rc<Self>) {
        let Some(socket) = self.socket.borrow_mut().take() else {
            return;
        };
        let reached_relay = socket.handshake_seen;
        socket.ws.set_onclose(None);
        socket.ws.set_onmessage(None);
        socket.ws.set_onopen(None);
        let _ = socket.ws.close();
        self.epoch.set(self.epoch.get() + 1);
        self.client.borrow_mut().disconnected();
        self.roster.borrow_mut().clear();
        self.online.set(Vec::new());
        self.connected.set(false);
        self.refresh();
        if reached_relay {
            self.schedule_reconnect();
        } else {
            // Never got through: the network, or the relay refusing the session. Ask which.
            let repo = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if (repo.config.session_refused)().await {
                    repo.refused.set(true);
                } else {
                    repo.schedule_reconnect();
                }
            });
        }
    }

    fn schedule_reconnect(self: &Rc<Self>) {
        let attempt = self.attempts.get();
        self.attempts.set(attempt.saturating_add(1));
        let delay = model::reconnect_delay_ms(attempt, js_sys::Math::random());
        let weak = Rc::downgrade(self);
        set_timeout(
            move || {
                if let Some(repo) = weak.upgrade() {
                    repo.connect();
                }
            },
            std::time::Duration::from_millis(u64::from(delay)),
        );
    }
}

/// A document the engine keeps: a `Copy` id, so views can capture it anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocHandle {
    id: DocumentId,
}

impl DocHandle {
    /// The document's id.
    pub fn id(&self) -> DocumentId {
        self.id
    }

    /// A reactive projection of the document, recomputed when a change touches `path` (empty:
    /// any change) and passed on only when its value differs.
    pub fn watch<T>(
        &self,
        path: &[&str],
        read: impl Fn(&Automerge) -> T + Send + Sync + 'static,
    ) -> Memo<T>
    where
        T: PartialEq + Clone + Send + Sync + 'static,
    {
        let trigger = ArcTrigger::new();
        let id = self.id;
        if let Some(repo) = repo() {
            let watcher = repo.next_watcher.get();
            repo.next_watcher.set(watcher + 1);
            if let Some(watched) = repo.docs.borrow_mut().get_mut(&id) {
                watched.watchers.push(Watcher {
                    id: watcher,
                    path: path.iter().map(|p| p.to_string()).collect(),
                    trigger: trigger.clone(),
                    callback: None,
                });
            }
            on_cleanup(move || {
                if let Some(repo) = self::repo() {
                    if let Some(watched) = repo.docs.borrow_mut().get_mut(&id) {
                        watched.watchers.retain(|w| w.id != watcher);
                    }
                }
            });
        }
        Memo::new(move |_| {
            trigger.track();
            with_document(id, &read)
        })
    }

    /// True once the device's copy is loaded (reactive).
    pub fn is_ready(&self) -> bool {
        repo()
            .and_then(|r| r.docs.borrow().get(&self.id).map(|w| w.ready.clone()))
            .is_some_and(|ready| ready.get())
    }

    /// True when the relay said it does not have the document (reactive).
    pub fn is_unavailable(&self) -> bool {
        repo()
            .and_then(|r| r.docs.borrow().get(&self.id).map(|w| w.unavailable.clone()))
            .is_some_and(|flag| flag.get())
    }

    /// Changes the document (see [`Repo::change`]).
    pub fn change(&self, edit: impl FnOnce(&mut Transaction<'_>) + 'static) {
        if let Some(repo) = repo() {
            repo.change(self.id, edit);
        }
    }

    /// Several noted changes stored and sent together (see [`Repo::change_many`]).
    pub fn change_many(&self, edits: Vec<(Option<String>, Edit)>) {
        if let Some(repo) = repo() {
            repo.change_many(self.id, edits);
        }
    }

    /// Changes the document with a note in the commit message (see [`Repo::change_noted`]).
    pub fn change_noted(&self, note: String, edit: impl FnOnce(&mut Transaction<'_>) + 'static) {
        if let Some(repo) = repo() {
            repo.change_noted(self.id, Some(note), edit);
        }
    }

    /// Calls `on_change` with the changed paths whenever a change touches `path`, including the
    /// first load (every path of the document): for views that keep their own state and patch
    /// it rather than re-reading the whole document. Lives as long as the current owner.
    pub fn on_change(&self, path: &[&str], on_change: impl Fn(&[Vec<String>]) + 'static) {
        let Some(repo) = repo() else { return };
        let watcher = repo.next_watcher.get();
        repo.next_watcher.set(watcher + 1);
        let id = self.id;
        let heads = {
            let mut docs = repo.docs.borrow_mut();
            let Some(watched) = docs.get_mut(&id) else {
                return;
            };
            watched.watchers.push(Watcher {
                id: watcher,
                path: path.iter().map(|p| p.to_string()).collect(),
                trigger: ArcTrigger::new(),
                callback: Some(Rc::new(on_change)),
            });
            watched.heads.clone()
        };
        // Already loaded: catch up with what is there now.
        if !heads.is_empty() {
            let callback = repo.docs.borrow().get(&id).and_then(|w| {
                w.watchers
                    .iter()
                    .find(|w| w.id == watcher)
                    .and_then(|w| w.callback.clone())
            });
            let touched = with_document(id, |doc| {
                model::touched_paths(&doc.diff(&[], &doc.get_heads()))
            });
            if let Some(callback) = callback {
                callback(&touched);
            }
        }
        on_cleanup(move || {
            if let Some(repo) = self::repo() {
                if let Some(watched) = repo.docs.borrow_mut().get_mut(&id) {
                    watched.watchers.retain(|w| w.id != watcher);
                }
            }
        });
    }

    /// Reads the document once, untracked.
    pub fn read<T>(&self, read: impl FnOnce(&Automerge) -> T) -> T {
        with_document(self.id, read)
    }
}

/// Runs `read` on the open document, or on an empty one while it is not loaded.
fn with_document<T>(id: DocumentId, read: impl FnOnce(&Automerge) -> T) -> T {
    let repo = repo();
    let client = repo.as_ref().map(|r| r.client.borrow());
    match client.as_ref().and_then(|c| c.document(&id)) {
        Some(doc) => read(doc),
        None => EMPTY.with(|empty| read(empty)),
    }
}

/// Work items the queue may hold behind a failed device write before the connection closes
/// until storage works. Why: each frame from the relay adds a write and an answer behind the
/// held one; a thousand is minutes of a busy meeting, and past it waiting offline costs nothing
/// (the relay keeps everything) while staying connected would grow memory without bound.
const MAX_QUEUED_WHILE_UNSAVED: usize = 1000;

/// Waits `ms` milliseconds.
async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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

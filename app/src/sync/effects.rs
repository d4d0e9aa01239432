//! Carrying out the engine's effects: UI updates at once; device writes, frames and
//! confirmations through one ordered queue drained by a single task (a failed write holds it),
//! and re-running the watchers a change concerns.

use std::rc::Rc;

use leptos::prelude::*;
use sync_core::{client::ClientEffect, ids::DocumentId, presence::Presence, touched::Touched};

use super::{model, Repo, Watcher, Work};

impl Repo {
    /// Carries out the engine's effects: UI updates now, storage and sending in order.
    pub(super) fn run(self: &Rc<Self>, effects: Vec<ClientEffect>) {
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
                ClientEffect::Changed(document, touched) => self.notify(document, &touched),
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

    /// Updates the badge's numbers and queues newly confirmed heads for the device.
    pub(super) fn refresh(&self) {
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
    pub(super) fn drain(self: &Rc<Self>) {
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
                            crate::browser::sleep_ms(wait).await;
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

    /// Re-runs the watchers of `document` whose paths `touched` concerns, and tells path
    /// subscribers which paths those were (the client found them while applying the change:
    /// nothing here diffs the document).
    pub(super) fn notify(&self, document: DocumentId, touched: &Touched) {
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
            // Nothing seen before: whatever the change, everything is new to the views.
            let touched = if watched.heads.is_empty() {
                Touched::Everything
            } else {
                touched.clone()
            };
            watched.heads = after;
            let concerned: Vec<&Watcher> = watched
                .watchers
                .iter()
                .filter(|w| touched.concerns(&w.path))
                .collect();
            let touched = touched.paths();
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
}

/// Work items the queue may hold behind a failed device write before the connection closes
/// until storage works. Why: each frame from the relay adds a write and an answer behind the
/// held one; a thousand is minutes of a busy meeting, and past it waiting offline costs nothing
/// (the relay keeps everything) while staying connected would grow memory without bound.
const MAX_QUEUED_WHILE_UNSAVED: usize = 1000;

//! The connection: one WebSocket to the relay, reconnected with backoff; presence
//! announcements and greetings; the window's online/offline/pagehide events and the heartbeat.

use std::rc::Rc;

use js_sys::Uint8Array;
use leptos::prelude::*;
use sync_core::{
    client::ClientEffect,
    presence::{Greet, Presence, HEARTBEAT_MS},
};
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use web_sys::{MessageEvent, WebSocket};

use super::{model, Repo, Socket};
use crate::browser;

impl Repo {
    /// Says what this tab is looking at (an app path), for the others' presence lists.
    pub fn set_viewing(self: &Rc<Self>, path: &str) {
        if *self.viewing.borrow() == path {
            return;
        }
        *self.viewing.borrow_mut() = path.to_string();
        self.announce(false);
    }

    /// Says whether this tab is writing on the page it views (see [`Presence::writing`]).
    pub fn set_writing(self: &Rc<Self>, writing: bool) {
        if self.writing.replace(writing) != writing {
            self.announce(false);
        }
    }

    pub(super) fn presence(&self, leaving: bool) -> Presence {
        Presence {
            member: self.config.member.clone(),
            name: (self.config.current_name)().unwrap_or_else(|| self.config.name.clone()),
            viewing: self.viewing.borrow().clone(),
            writing: self.writing.get(),
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

    /// Answers newcomers with this tab's presence: at once, or once at the end of the greeting
    /// interval for everyone who arrived meanwhile (see [`Greeter`]).
    pub(super) fn greet(self: &Rc<Self>) {
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

    /// Window and channel listeners: online/offline, page hide, other tabs, heartbeat.
    pub(super) fn listen(self: &Rc<Self>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let mut listeners = Vec::new();
        let weak = Rc::downgrade(self);
        let on_online = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade() {
                repo.back();
            }
        });
        let _ =
            window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        listeners.push(on_online);
        let weak = Rc::downgrade(self);
        let on_offline = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade() {
                repo.went_away();
                repo.drop_connection();
            }
        });
        let _ =
            window.add_event_listener_with_callback("offline", on_offline.as_ref().unchecked_ref());
        listeners.push(on_offline);
        // A phone waking: the page shows again (or comes back from the back-forward cache).
        let weak = Rc::downgrade(self);
        let on_visibility = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            if let Some(repo) = weak.upgrade() {
                if hidden {
                    repo.went_away();
                } else {
                    repo.back();
                }
            }
        });
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                on_visibility.as_ref().unchecked_ref(),
            );
        }
        listeners.push(on_visibility);
        let weak = Rc::downgrade(self);
        let on_show = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(repo) = weak.upgrade() {
                repo.back();
            }
        });
        let _ =
            window.add_event_listener_with_callback("pageshow", on_show.as_ref().unchecked_ref());
        listeners.push(on_show);
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

    fn went_away(&self) {
        let mut away = self.away.get();
        away.left(js_sys::Date::now());
        self.away.set(away);
    }

    /// Back from hidden or offline: after a long absence a fresh connection at once (the old
    /// one may be dead without knowing it) and "caught up" once synced; otherwise only making
    /// sure one is open. Either way now, not at the next backoff step.
    fn back(self: &Rc<Self>) {
        let mut away = self.away.get();
        let wake = away.back(js_sys::Date::now());
        self.away.set(away);
        self.attempts.set(0);
        if wake == model::Wake::Reconnect {
            self.woke.set(true);
            self.drop_connection();
        }
        self.connect();
        self.announce(false);
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
    pub(super) fn after_frame(self: &Rc<Self>) {
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
    pub(super) fn drop_connection(self: &Rc<Self>) {
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

    pub(super) fn schedule_reconnect(self: &Rc<Self>) {
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

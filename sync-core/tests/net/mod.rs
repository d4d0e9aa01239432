#![allow(dead_code)] // each test file uses the part of the harness it needs
//! Members' engines against the relay's, in memory: frames routed to each connection, the
//! relay's storage and one device's storage as plain chunk lists.

use std::collections::HashMap;

use sync_core::{
    client::{Client, ClientEffect},
    hub::{Access, Hub, HubConfig, HubEffect, HubEvent},
    ids::Scope,
    storage::Chunk,
    testing::{self, MemoryStore},
};

pub struct Net {
    pub hub: Hub,
    /// The relay's storage (the shared harness's).
    pub relay: MemoryStore,
    /// The first device's storage (tests with one member look at it).
    pub device_chunks: Vec<Chunk>,
    /// Frames the relay sent each connection, not yet delivered.
    inbox: HashMap<u64, Vec<Vec<u8>>>,
    /// Connections the relay closed, with its reason.
    pub closed: Vec<(u64, String)>,
    /// False: a close by either side fails the test (most tests expect none).
    pub allow_close: bool,
    /// Frames each connection sent the relay.
    pub frames_from: HashMap<u64, usize>,
}

/// The shared test configuration ([`sync_core::testing::hub_config`]).
pub fn config() -> HubConfig {
    testing::hub_config()
}

impl Net {
    pub fn new() -> Self {
        Self::with(config())
    }

    pub fn with(config: HubConfig) -> Self {
        Net {
            hub: Hub::new(config),
            relay: MemoryStore::new(),
            device_chunks: Vec::new(),
            inbox: HashMap::new(),
            closed: Vec::new(),
            allow_close: false,
            frames_from: HashMap::new(),
        }
    }

    pub fn connect(&mut self, client: &mut Client, connection: u64) -> Vec<ClientEffect> {
        // As the relay's driver does: count the community's stored bytes on first sight.
        let scope: Scope = testing::SCOPE.into();
        if !self.hub.knows_scope(&scope) {
            let stored = self.relay.scope_bytes(&scope);
            self.hub.set_scope_bytes(&scope, stored);
        }
        let effects = self.hub.handle(HubEvent::Connected {
            connection,
            access: Access {
                scope: "c".into(),
                can_write: true,
                holder: format!("holder-{connection}"),
            },
        });
        assert!(effects.is_empty());
        let effects = client.connected();
        self.run(client, connection, effects)
    }

    /// Carries out a client's effects, and the relay's answers to it, until both are quiet.
    /// Frames for other connections wait in their inbox ([`Net::deliver`]). Returns the
    /// client's effects other than sending and storing.
    pub fn run(
        &mut self,
        client: &mut Client,
        connection: u64,
        effects: Vec<ClientEffect>,
    ) -> Vec<ClientEffect> {
        let mut seen = Vec::new();
        let mut pending = effects;
        while !pending.is_empty() {
            let mut to_relay = Vec::new();
            let mut client_closed = false;
            for effect in pending.drain(..) {
                match effect {
                    ClientEffect::Send(bytes) if !client_closed => to_relay.push(bytes),
                    ClientEffect::Send(_) => {}
                    ClientEffect::Store { op, .. } => op.apply_in_memory(&mut self.device_chunks),
                    ClientEffect::Close(reason) => {
                        assert!(self.allow_close, "client closed: {reason}");
                        client_closed = true;
                        seen.push(ClientEffect::Close(reason));
                    }
                    other => seen.push(other),
                }
            }
            for bytes in to_relay {
                *self.frames_from.entry(connection).or_insert(0) += 1;
                let effects = self.hub.handle(HubEvent::Frame { connection, bytes });
                self.relay(effects);
            }
            if client_closed {
                return self.hang_up(client, connection, seen);
            }
            for bytes in self.inbox.remove(&connection).unwrap_or_default() {
                pending.extend(client.receive(&bytes));
            }
            if self.closed.iter().any(|(c, _)| *c == connection) {
                // The relay's last frames (its `error`) arrived; the socket is gone.
                for effect in pending.drain(..) {
                    match effect {
                        ClientEffect::Send(_) => {}
                        ClientEffect::Store { op, .. } => {
                            op.apply_in_memory(&mut self.device_chunks)
                        }
                        other => seen.push(other),
                    }
                }
                return self.hang_up(client, connection, seen);
            }
        }
        seen
    }

    fn hang_up(
        &mut self,
        client: &mut Client,
        connection: u64,
        seen: Vec<ClientEffect>,
    ) -> Vec<ClientEffect> {
        self.inbox.remove(&connection);
        self.hub.handle(HubEvent::Disconnected { connection });
        client.disconnected();
        seen
    }

    /// Hands `client` what the relay sent its connection meanwhile (and runs the answers).
    pub fn deliver(&mut self, client: &mut Client, connection: u64) -> Vec<ClientEffect> {
        let effects: Vec<ClientEffect> = self
            .inbox
            .remove(&connection)
            .unwrap_or_default()
            .iter()
            .flat_map(|bytes| client.receive(bytes))
            .collect();
        self.run(client, connection, effects)
    }

    fn relay(&mut self, effects: Vec<HubEffect>) {
        let mut queue: std::collections::VecDeque<HubEffect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                HubEffect::Send { connection, bytes } => {
                    if !self.closed.iter().any(|(c, _)| *c == connection) {
                        self.inbox.entry(connection).or_default().push(bytes);
                    }
                }
                storage @ (HubEffect::Store { .. } | HubEffect::Load { .. }) => {
                    if let Ok(Some(loaded)) = self.relay.perform(storage) {
                        queue.extend(self.hub.handle(loaded));
                    }
                }
                HubEffect::Close { connection, reason } => {
                    assert!(self.allow_close, "relay closed {connection}: {reason}");
                    // The frames before the close (the `error`) still reach the peer.
                    self.closed.push((connection, reason));
                }
            }
        }
    }
}

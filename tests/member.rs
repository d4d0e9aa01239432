//! A member's client for tests and benchmarks: `sync_core::client::Client` over a real
//! WebSocket, with an in-memory "device storage".

use std::{collections::HashMap, time::Duration};

use automerge::Automerge;
use futures_util::{SinkExt, StreamExt};
use sync_core::{
    client::{Client, ClientEffect},
    ids::DocumentId,
    storage::Chunk,
    wire::WireMessage,
};
use tokio_tungstenite::{tungstenite::Message, MaybeTlsStream, WebSocketStream};

/// A client WebSocket.
pub type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// How long a member waits for something to arrive before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// One member connected to a relay.
pub struct TestMember {
    /// The sync engine.
    pub client: Client,
    socket: Socket,
    /// What this member's device has stored, per document.
    pub storage: HashMap<DocumentId, Vec<Chunk>>,
    /// Heads the relay has reported, per document (from its sync messages): what it acknowledged.
    pub relay_heads: HashMap<DocumentId, Vec<automerge::ChangeHash>>,
    /// Documents the relay said it does not have.
    pub unavailable: Vec<DocumentId>,
    /// Documents changed by frames from the relay since the caller last cleared this.
    pub remote_changes: Vec<DocumentId>,
    /// Set when the relay refused this member (an `error` message), with its reason.
    pub refused: Option<String>,
    /// Documents the engine holds back (over a size limit), and why.
    pub held: Vec<sync_core::refusal::Refusal>,
}

impl TestMember {
    /// Connects to `ws_url` with `token` as `name` and completes the handshake.
    ///
    /// # Panics
    /// If the relay cannot be reached or does not answer `join` with `peer` in time.
    pub async fn connect(ws_url: &str, token: &str, name: &str) -> TestMember {
        let socket = crate::connect_sync(ws_url, Some(token))
            .await
            .expect("connect to the relay");
        let mut member = TestMember {
            client: Client::new(name.into(), format!("{name}-session")),
            socket,
            storage: HashMap::new(),
            relay_heads: HashMap::new(),
            unavailable: Vec::new(),
            remote_changes: Vec::new(),
            refused: None,
            held: Vec::new(),
        };
        let effects = member.client.connected();
        member.run(effects).await;
        member.pump_until(|m| m.client.is_handshake_done()).await;
        member
    }

    /// Connects again after the relay closed this member's connection, keeping the engine (and
    /// so what it holds back), as the app does after a refusal.
    ///
    /// # Panics
    /// If the relay cannot be reached or does not answer `join` with `peer` in time.
    pub async fn reconnect(&mut self, ws_url: &str, token: &str) {
        self.client.disconnected();
        self.socket = crate::connect_sync(ws_url, Some(token))
            .await
            .expect("connect to the relay");
        self.refused = None;
        let effects = self.client.connected();
        self.run(effects).await;
        self.pump_until(|m| m.client.is_handshake_done()).await;
    }

    /// Opens `document` (from this member's storage, if it has it).
    pub async fn open(&mut self, document: DocumentId) {
        let chunks = self.storage.get(&document).cloned().unwrap_or_default();
        let effects = self
            .client
            .open(document, &chunks)
            .expect("stored chunks load");
        self.run(effects).await;
    }

    /// Changes `document`.
    pub async fn change(&mut self, document: DocumentId, edit: impl FnOnce(&mut Automerge)) {
        let effects = self.client.change(document, edit);
        self.run(effects).await;
    }

    /// The member's copy of `document`.
    ///
    /// # Panics
    /// If the document is not open.
    pub fn doc(&self, document: DocumentId) -> &Automerge {
        self.client.document(&document).expect("document is open")
    }

    /// True when the relay has acknowledged exactly this member's current heads of `document`.
    pub fn relay_has_everything(&self, document: DocumentId) -> bool {
        let mut ours = self.doc(document).get_heads();
        let mut theirs = self.relay_heads.get(&document).cloned().unwrap_or_default();
        ours.sort();
        theirs.sort();
        !ours.is_empty() && ours == theirs
    }

    /// Receives and handles frames until `done` holds.
    ///
    /// # Panics
    /// After [`PATIENCE`] without `done` holding, or if the connection breaks.
    pub async fn pump_until(&mut self, done: impl Fn(&TestMember) -> bool) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while !done(self) {
            if let Some(reason) = &self.refused {
                panic!("{} was refused: {reason}", self.client.peer_id());
            }
            let frame = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .expect("condition reached in time")
                .expect("connection open")
                .expect("connection healthy");
            self.handle_frame(frame).await;
        }
    }

    /// Handles the next frame if one arrives before `deadline`; returns whether one did.
    ///
    /// # Panics
    /// If the connection breaks.
    pub async fn pump_once(&mut self, deadline: tokio::time::Instant) -> bool {
        match tokio::time::timeout_at(deadline, self.socket.next()).await {
            Ok(frame) => {
                let frame = frame.expect("connection open").expect("connection healthy");
                self.handle_frame(frame).await;
                true
            }
            Err(_) => false,
        }
    }

    /// Handles whatever arrives within `quiet`, then returns whether the connection is still
    /// open (the relay closes it after some refusals; a loop waiting for data must check).
    pub async fn pump_for(&mut self, quiet: Duration) -> bool {
        loop {
            match tokio::time::timeout(quiet, self.socket.next()).await {
                Ok(Some(Ok(frame))) => self.handle_frame(frame).await,
                Ok(_) => return false,
                Err(_) => return true,
            }
        }
    }

    async fn handle_frame(&mut self, frame: Message) {
        let Message::Binary(bytes) = frame else {
            return;
        };
        if let Ok(WireMessage::Sync {
            document_id, data, ..
        }) = WireMessage::decode(&bytes)
        {
            if let Ok(message) = automerge::sync::Message::decode(&data) {
                self.relay_heads.insert(document_id, message.heads.clone());
            }
        }
        let effects = self.client.receive(&bytes);
        for effect in &effects {
            if let ClientEffect::Changed(document, _) = effect {
                self.remote_changes.push(*document);
            }
        }
        self.run(effects).await;
    }

    async fn run(&mut self, effects: Vec<ClientEffect>) {
        for effect in effects {
            match effect {
                ClientEffect::Send(bytes) => self
                    .socket
                    .send(Message::binary(bytes))
                    .await
                    .expect("send to the relay"),
                ClientEffect::Store { document, op } => {
                    op.apply_in_memory(self.storage.entry(document).or_default())
                }
                ClientEffect::Unavailable(document) => self.unavailable.push(document),
                ClientEffect::Close(reason) => self.refused = Some(reason),
                ClientEffect::Held(refusal) => self.held.push(refusal),
                ClientEffect::ChangeRefused { bytes, .. } => {
                    panic!("a test member made a change of {bytes} bytes")
                }
                ClientEffect::Changed(..) | ClientEffect::Ephemeral { .. } => {}
            }
        }
    }
}

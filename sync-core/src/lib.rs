//! # sync-core — the one sync engine both sides of Kehila share
//!
//! Kehila keeps every community document as an Automerge document on each member's device and on
//! the relay. This crate is the part of that machinery which must behave *identically* in the
//! browser (compiled to wasm) and in the relay (native): wire limits today; the automerge-repo
//! protocol state machines, document ids and the storage chunk model as they land (issue 3).
//!
//! It is **sans-IO**: no tokio, no web-sys, no clocks. Adapters in `app/src/sync/` and
//! `sync-server` own sockets, timers and disks, and feed this crate events.
//!
//! ## Layout
//! - [`documents`] — the well-known documents every community has, by key (relay and app).
//! - [`ids`] — document ids and `automerge:` URLs, exactly as automerge-repo makes them.
//! - [`wire`] — the protocol's CBOR messages; decoding never panics.
//! - [`storage`] — the chunk model (incremental chunks, snapshots, compaction) as pure decisions.
//! - [`client`] — a member's state machine: open, change, receive (store locally before send).
//! - [`hub`] — the relay's state machine: events in, ordered effects out (store before send).
//! - [`sync_check`] — structural checks of a peer's sync message before Automerge sees it.
//! - [`presence`] — who is here now: presence payloads over ephemeral messages, heartbeat roster.
//! - [`roles`] — viewer, member, admin: what an invitation allows (shared by app and relay).
//! - [`schema`] — the identical first change every device makes to a new document.
//! - [`limits`] — protocol-wide limits both peers agree on, each with its reason.
//! - [`refusal`] — refusals about one document (over a size limit) that the app holds back.
//!
//! ## Typical flow (relay)
//! The relay owns a [`hub::Hub`]. For each socket event it calls [`hub::Hub::handle`] and carries
//! out the returned effects in order: `Store` durably, then `Send`, `Close`, `Load` (whose answer
//! comes back as another event).

pub mod api_error;
pub mod client;
pub mod documents;
pub mod hub;
pub mod ids;
pub mod limits;
pub mod presence;
pub mod refusal;
pub mod roles;
pub mod schema;
pub mod storage;
pub mod sync_check;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod touched;
pub mod wire;

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
//! - [`limits`] — protocol-wide limits both peers agree on, each with its reason.

pub mod limits;

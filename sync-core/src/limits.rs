//! Limits that both ends of a Kehila connection agree on.
//!
//! They live here, not in the relay, so that the app never produces a frame the relay would refuse.

/// Largest WebSocket message (and frame) a peer may send, in bytes: 8 MiB.
///
/// Why this number: the first sync of a document sends it whole in one automerge-repo `sync`
/// message. The largest document we plan for — a 2,000-entry glossary — is 1–2 MB as compressed
/// Automerge, so 8 MiB leaves ample headroom, while refusing anything larger bounds the memory one
/// connection can make the relay buffer before a single byte of it is parsed.
pub const MAX_FRAME_BYTES: usize = 8 * 1024 * 1024;

/// WebSocket close code sent when a peer exceeds [`MAX_FRAME_BYTES`]: 1009, "Message Too Big"
/// (RFC 6455 §7.4.1), so a client can tell "too big" apart from a network drop.
pub const CLOSE_MESSAGE_TOO_BIG: u16 = 1009;

/// WebSocket close code for a peer that sends a text frame: 1003, "Unsupported Data". The
/// automerge-repo protocol is CBOR in binary frames only.
pub const CLOSE_UNSUPPORTED_DATA: u16 = 1003;

// The limit must hold the largest planned document (2 MB) twice over, and stay small enough that a
// few hundred connections cannot exhaust the relay's memory: checked at compile time.
const _: () = assert!(MAX_FRAME_BYTES >= 4 * 1024 * 1024 && MAX_FRAME_BYTES <= 16 * 1024 * 1024);

/// WebSocket close code after the relay sent an `error` message because the peer broke the
/// protocol: 1002, "Protocol Error".
pub const CLOSE_PROTOCOL_ERROR: u16 = 1002;

/// WebSocket close code for a peer that exceeded a rate or count limit: 1008, "Policy Violation".
pub const CLOSE_POLICY: u16 = 1008;

/// Largest stored size of one document on the relay, in bytes: 16 MiB. Past it, changes to
/// that document are refused with [`crate::refusal::Refusal::DocumentFull`] (they stay on the
/// writer's device).
///
/// Why this number: the largest document we plan for (a 2,000-entry glossary) stores as 1–2 MB,
/// so 16 MiB is ample for real use, while one member cannot grow a document without bound.
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// Largest stored size of one community's documents together on the relay, in bytes: 1 GiB.
/// Past it, writes are refused with [`crate::refusal::Refusal::CommunityFull`].
///
/// Why this number: a community of practice has hundreds of documents of text, well under
/// 100 MB; 1 GiB leaves room for years while one community cannot fill the disk that every
/// other community shares.
pub const MAX_COMMUNITY_BYTES: u64 = 1024 * 1024 * 1024;

/// Largest single local change, in bytes of its Automerge encoding: 1 MiB. The app refuses an
/// edit past it before anything is committed (a 20 MB paste), with a clear message.
///
/// Why this number: a glossary entry or a page of Markdown is a few KiB; 1 MiB is a long book
/// chapter, and it keeps every change far below [`MAX_FRAME_BYTES`] so that one edit can never
/// make the changes waiting to be sent unsendable.
pub const MAX_CHANGE_BYTES: usize = 1024 * 1024;

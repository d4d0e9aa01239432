//! The `/sync` WebSocket route: one task per connection between the socket and the hub thread.
//!
//! Transport rules, enforced here before anything reaches the engine: binary frames only (close
//! 1003), none larger than [`MAX_FRAME_BYTES`] (close 1009), at most [`MAX_MESSAGES_PER_SECOND`]
//! sustained (close 1008), at most [`MAX_CONNECTIONS`] at once (HTTP 503) and
//! [`MAX_CONNECTIONS_PER_TOKEN`] per token (HTTP 429). A peer that breaks the protocol gets an
//! `error` message from the engine and close 1002. Other connections carry on.
//!
//! Access holds for the life of a connection: when an invite is revoked or a session expires,
//! its open connections close (1008) within [`ACCESS_RECHECK`], not at their next reconnect.

use std::{sync::Arc, time::Duration};

use sha2::{Digest, Sha256};

use axum::{
    extract::{
        ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade},
        State,
    },
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use sync_core::{
    hub::Access,
    limits::{
        CLOSE_MESSAGE_TOO_BIG, CLOSE_POLICY, CLOSE_PROTOCOL_ERROR, CLOSE_UNSUPPORTED_DATA,
        MAX_FRAME_BYTES,
    },
};
use tokio::time::Instant;

use crate::{
    access::Grant,
    hub_thread::{Command, HubHandle, Outbox, Outgoing},
    AppState,
};

/// Connections served at once. Why: each costs a task, an outbox bounded in bytes (`MAX_OUTBOX_BYTES`)
/// and a read buffer; a community is a few hundred members with a phone and a laptop each.
pub const MAX_CONNECTIONS: usize = 512;
/// Sustained messages per second from one connection. Why: typing makes ~10 changes a second
/// per document; 200 covers a member resyncing dozens of documents after days offline, while a
/// runaway or hostile client cannot take more than a sliver of the relay.
pub const MAX_MESSAGES_PER_SECOND: f64 = 200.0;
/// Messages a connection may send in a burst above the sustained rate (reconnect catch-up).
pub const MESSAGE_BURST: f64 = 1000.0;
/// Connections one token (a session, or an invite used directly by a script) may hold at once.
/// Why: a member's device has a few tabs open; a token opening sockets in a loop must not take
/// the slots every other member needs (32 of [`MAX_CONNECTIONS`]).
pub const MAX_CONNECTIONS_PER_TOKEN: usize = 32;
/// Connections all the sessions of one invite may hold at once. Why: trading an invite for a
/// session is free, so a per-token share alone is no bound (mint sessions in a loop). But one
/// invite link is shared in a WhatsApp group and every member who opened it has a session
/// descending from it, so its cap must hold a whole group's phones and laptops: half of
/// [`MAX_CONNECTIONS`], which leaves the other half to everyone else.
pub const MAX_CONNECTIONS_PER_INVITE: usize = MAX_CONNECTIONS / 2;
/// How often an open connection re-checks its grant (revocation, expiry). Why: "access ended"
/// must bite within seconds on a live socket, while a check is a small SQLite read done only
/// after a revocation happened somewhere (or at the grant's expiry).
pub const ACCESS_RECHECK: Duration = Duration::from_secs(2);
/// Longest the relay waits to hand one frame to a peer's socket. Why: a peer that stops reading
/// fills its TCP window and then blocks the send; after this long it is dropped (it resyncs when
/// it reads again), so it pins no more than its outbox meanwhile.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(20);
/// Longest a connection may stay silent, pongs included, before it is taken for dead. The relay
/// pings every third of it. Why: a phone that lost its network leaves a half-open socket that
/// TCP alone notices only after many minutes; the slot and its sync states should go sooner.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(45);
/// Longest close reason sent, in bytes. Why: the protocol allows 123 (RFC 6455 §5.5: a control
/// frame's 125 bytes less the code); the reasons are the relay's own words, cut at a character.
pub const MAX_CLOSE_REASON_BYTES: usize = 123;
/// How long the relay waits to send a close frame. Why: the peer may have stopped reading; the
/// connection's slot is freed either way, this only bounds how long it lingers.
pub const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// Upgrades the request if it carries a valid session cookie or Bearer token from this origin,
/// and the relay serves fewer than [`MAX_CONNECTIONS`]. The connection's scope is the token's
/// community; a viewer's connection may not write.
pub async fn upgrade(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if !crate::api::same_origin(&headers) {
        return (StatusCode::FORBIDDEN, "cross-origin connection refused").into_response();
    }
    let grant = match state.access.authenticate(&headers) {
        Ok(grant) => grant,
        Err(refusal) => return (StatusCode::UNAUTHORIZED, refusal.to_string()).into_response(),
    };
    // A fingerprint of the token, never the token itself, names its holder.
    let holder = crate::api::token(&headers)
        .map(|token| {
            Sha256::digest(token.as_bytes())[..12]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        })
        .unwrap_or_default();
    let access = Access {
        scope: grant.community.clone().into(),
        can_write: grant.role.can_write(),
        holder: holder.clone(),
    };
    let per_token = state.limits.max_connections_per_token;
    let Some(share) = TokenShare::take(state.clone(), format!("token {holder}"), per_token) else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            "too many connections with one token",
        )
            .into_response();
    };
    let per_invite = state.limits.max_connections_per_invite;
    // Device links' sessions count against the invite they came from: minting links in a loop
    // must not mint connections beyond that invite's share.
    let listed = state
        .access
        .store
        .lock()
        .ok()
        .and_then(|store| store.listed_invite(&grant.invite).ok())
        .unwrap_or_else(|| grant.invite.clone());
    let invite_key = format!("invite {listed}");
    let Some(invite_share) = TokenShare::take(state.clone(), invite_key, per_invite) else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            "too many connections from one invitation",
        )
            .into_response();
    };
    let Ok(permit) = state.connection_slots.clone().try_acquire_owned() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "too many connections; retry shortly",
        )
            .into_response();
    };
    let hub = state.hub.clone();
    let timeouts = (state.limits.send_timeout, state.limits.idle_timeout);
    let rate = RateLimit::new(
        state.limits.max_messages_per_second,
        state.limits.message_burst,
    );
    ws.max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| async move {
            let watch = Watch {
                state: state.clone(),
                grant,
                revocations: state.access.revocations.subscribe(),
            };
            run_connection(socket, hub, access, rate, watch, timeouts).await;
            drop(permit);
            drop(share);
            drop(invite_share);
        })
}

/// One of a token's [`MAX_CONNECTIONS_PER_TOKEN`] (or an invite's
/// [`MAX_CONNECTIONS_PER_INVITE`]) connections, given back when dropped.
struct TokenShare {
    state: Arc<AppState>,
    holder: String,
}

impl TokenShare {
    fn take(state: Arc<AppState>, holder: String, limit: usize) -> Option<TokenShare> {
        let mut counts = state.connections_per_token.lock().ok()?;
        let count = counts.entry(holder.clone()).or_insert(0);
        if *count >= limit {
            return None;
        }
        *count += 1;
        drop(counts);
        Some(TokenShare { state, holder })
    }
}

impl Drop for TokenShare {
    fn drop(&mut self) {
        if let Ok(mut counts) = self.state.connections_per_token.lock() {
            if let Some(count) = counts.get_mut(&self.holder) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(&self.holder);
                }
            }
        }
    }
}

/// What a live connection re-checks its grant against.
struct Watch {
    state: Arc<AppState>,
    grant: Grant,
    revocations: tokio::sync::watch::Receiver<u64>,
}

impl Watch {
    /// True while the grant holds. Looks at the database only after a revocation happened.
    fn holds(&mut self) -> bool {
        let revoked_somewhere = self.revocations.has_changed().unwrap_or(false);
        if revoked_somewhere {
            self.revocations.mark_unchanged();
        } else if self.grant.expires > crate::access::now() {
            return true;
        }
        self.state.access.still_valid(&self.grant).is_ok()
    }
}

/// Why a connection ended.
#[derive(Debug, PartialEq, Eq)]
enum Ending {
    /// The peer closed or went away.
    PeerLeft,
    /// We close with this code and reason.
    Refused(u16, String),
}

/// A token bucket: `rate` messages a second sustained, `burst` at once.
struct RateLimit {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl RateLimit {
    fn new(rate: f64, burst: f64) -> Self {
        Self {
            rate,
            burst,
            tokens: burst,
            last: Instant::now(),
        }
    }

    fn allow(&mut self) -> bool {
        let now = Instant::now();
        let elapsed = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

async fn run_connection(
    mut socket: WebSocket,
    hub: HubHandle,
    access: Access,
    mut rate: RateLimit,
    mut watch: Watch,
    (send_timeout, idle_timeout): (Duration, Duration),
) {
    let id = hub.next_connection_id();
    let (outbox, mut inbox, queued) = Outbox::new();
    if !hub.send(Command::Connect { id, access, outbox }).await {
        return;
    }
    let mut recheck = tokio::time::interval(ACCESS_RECHECK);
    // The first ping after a third of the idle time, not at once: the relay's first frame to a
    // peer is its answer to `join`.
    let ping_every = idle_timeout / 3;
    let mut ping = tokio::time::interval_at(Instant::now() + ping_every, ping_every);
    let mut last_heard = Instant::now();
    let ending = loop {
        tokio::select! {
            _ = recheck.tick() => {
                if !watch.holds() {
                    break Ending::Refused(CLOSE_POLICY, "your access to this community ended".into());
                }
            }
            _ = ping.tick() => {
                if last_heard.elapsed() >= idle_timeout {
                    tracing::info!(connection = id, "peer silent past the idle timeout; dropped");
                    break Ending::PeerLeft;
                }
                if send_within(&mut socket, Message::Ping(Vec::new().into()), send_timeout).await.is_err() {
                    break Ending::PeerLeft;
                }
            }
            incoming = socket.recv() => {
                last_heard = Instant::now();
                match incoming {
                None | Some(Ok(Message::Close(_))) => break Ending::PeerLeft,
                Some(Ok(Message::Binary(frame))) => {
                    if !rate.allow() {
                        break Ending::Refused(CLOSE_POLICY, "too many messages; slow down".into());
                    }
                    if !hub.send(Command::Frame { id, bytes: frame.to_vec() }).await {
                        break Ending::Refused(CLOSE_PROTOCOL_ERROR, "the relay is shutting down".into());
                    }
                }
                Some(Ok(Message::Text(_))) => {
                    break Ending::Refused(CLOSE_UNSUPPORTED_DATA, "binary frames only".into())
                }
                // tungstenite answers pings itself.
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Err(error)) => break classify(error),
                }
            },
            outgoing = inbox.recv() => match outgoing {
                Some(Outgoing::Frame(bytes)) => {
                    let size = bytes.len();
                    let sent = send_within(&mut socket, Message::Binary(bytes.into()), send_timeout).await;
                    queued.fetch_sub(size, std::sync::atomic::Ordering::Relaxed);
                    if let Err(stalled) = sent {
                        if stalled {
                            tracing::info!(connection = id, "peer not reading within the send timeout; dropped");
                        }
                        break Ending::PeerLeft;
                    }
                }
                Some(Outgoing::Close(reason)) => break Ending::Refused(CLOSE_PROTOCOL_ERROR, reason),
                None => break Ending::Refused(CLOSE_POLICY, "disconnected by the relay".into()),
            },
        }
    };
    let _ = hub.send(Command::Disconnect { id }).await;
    if let Ending::Refused(code, reason) = ending {
        tracing::info!(code, reason = %crate::loggable(&reason), connection = id, "closing a sync connection");
        let reason = truncate_at_char(&reason, MAX_CLOSE_REASON_BYTES);
        let frame = CloseFrame {
            code,
            reason: reason.into(),
        };
        // The peer may already be gone; nothing more to do then.
        let _ = tokio::time::timeout(CLOSE_TIMEOUT, socket.send(Message::Close(Some(frame)))).await;
    }
}

/// The longest start of `text` that fits in `max` bytes without splitting a character.
fn truncate_at_char(text: &str, max: usize) -> String {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// Sends `message`, giving up after `timeout`. `Err(true)` when it timed out (the peer is not
/// reading), `Err(false)` when the socket failed.
async fn send_within(
    socket: &mut WebSocket,
    message: Message,
    timeout: Duration,
) -> Result<(), bool> {
    match tokio::time::timeout(timeout, socket.send(message)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err(false),
        Err(_) => Err(true),
    }
}

/// Maps a read error to how the connection ends.
fn classify(error: axum::Error) -> Ending {
    match error.into_inner().downcast::<tungstenite::Error>() {
        Ok(error) if matches!(*error, tungstenite::Error::Capacity(_)) => Ending::Refused(
            CLOSE_MESSAGE_TOO_BIG,
            "message larger than the relay accepts".into(),
        ),
        Ok(error) => {
            tracing::debug!(%error, "sync connection dropped");
            Ending::PeerLeft
        }
        Err(error) => {
            tracing::debug!(%error, "sync connection dropped");
            Ending::PeerLeft
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_reasons_fit_the_protocol_without_splitting_a_character() {
        let hebrew = "מסמך גדול מדי ".repeat(20);
        let cut = truncate_at_char(&hebrew, MAX_CLOSE_REASON_BYTES);
        assert!(cut.len() <= MAX_CLOSE_REASON_BYTES && cut.len() >= MAX_CLOSE_REASON_BYTES - 3);
        assert!(hebrew.starts_with(&cut));
        let emoji = "🙂".repeat(40);
        let cut = truncate_at_char(&emoji, MAX_CLOSE_REASON_BYTES);
        assert_eq!(cut, "🙂".repeat(MAX_CLOSE_REASON_BYTES / 4));
        assert_eq!(truncate_at_char("short", MAX_CLOSE_REASON_BYTES), "short");
    }
}

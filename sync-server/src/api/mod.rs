//! The small JSON API the app uses for access: exchange an invite for a session, see who you are,
//! and (admins) mint, list and revoke invites. Also the check every `/sync` upgrade passes.

use std::sync::{Arc, Mutex};

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;
use sync_core::api_error;

use crate::{
    access::{self, AccessStore, Grant, Keys, Refusal, Role, TokenKind},
    AppState,
};

mod error;
pub use error::ApiError;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "kehila_session";
/// The shortest session the relay grants, even from an invite about to expire. Why: opening the
/// app and its first sync take seconds on a phone; a session that ends mid-load helps no one, and
/// a minute past an invite's end is no new access (the invite was valid when it was used).
pub const MIN_SESSION_SECONDS: u64 = 60;
/// Seconds in an hour: invites are asked for in hours.
const SECONDS_PER_HOUR: u64 = 3600;

/// Keys and the access tables, shared by the handlers.
pub struct Access {
    /// The signing key.
    pub keys: Keys,
    /// Communities and invites (SQLite; short, synchronous queries).
    pub store: Mutex<AccessStore>,
    /// Bumped on every revocation, so open `/sync` connections re-check their grant at once
    /// instead of at their next reconnect.
    pub revocations: tokio::sync::watch::Sender<u64>,
}

impl Access {
    /// The grant behind a request: a Bearer token (invite or session) or the session cookie,
    /// verified and checked against revocation.
    ///
    /// # Errors
    /// [`Refusal::InvalidToken`] when there is none or it is not valid.
    pub fn authenticate(&self, headers: &HeaderMap) -> Result<Grant, Refusal> {
        let now = access::now();
        let grant = if let Some(token) = bearer(headers) {
            match self.keys.verify(TokenKind::Invite, token, now) {
                // A one-time device link is exchanged for a session, never used as a key.
                Ok(grant) => {
                    let store = self.store.lock().map_err(|_| Refusal::InvalidToken)?;
                    if store.single_use(&grant.invite)? {
                        return Err(Refusal::InvalidToken);
                    }
                    grant
                }
                Err(_) => self.keys.verify(TokenKind::Session, token, now)?,
            }
        } else {
            let token = session_cookie(headers).ok_or(Refusal::InvalidToken)?;
            self.keys.verify(TokenKind::Session, token, now)?
        };
        self.still_valid(&grant)?;
        Ok(grant)
    }

    /// True while `grant` has not expired and its invite is not revoked.
    ///
    /// # Errors
    /// [`Refusal::InvalidToken`] when it no longer holds.
    pub fn still_valid(&self, grant: &Grant) -> Result<(), Refusal> {
        if grant.expires <= access::now() {
            return Err(Refusal::InvalidToken);
        }
        self.store
            .lock()
            .map_err(|_| Refusal::InvalidToken)?
            .check(grant)
    }
}

/// The token a request authenticates with (Bearer first, then the session cookie).
pub fn token(headers: &HeaderMap) -> Option<&str> {
    bearer(headers).or_else(|| session_cookie(headers))
}

/// True when a browser's `Origin` (if any) is this very host: blocks cross-site WebSocket
/// hijacking and cross-site API calls. Non-browser clients send no Origin.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, authority)| authority.trim_end_matches('/') == host)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(SESSION_COOKIE)?.strip_prefix('='))
}

/// Body of `POST /api/session`.
#[derive(Deserialize)]
pub struct ExchangeInvite {
    invite: String,
}

/// `POST /api/session`: trades an invite token for a session cookie.
pub async fn create_session(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Json(body): Json<ExchangeInvite>,
) -> Result<Response, ApiError> {
    if !same_origin(&headers) {
        return Err(Refusal::Forbidden.into());
    }
    let access = &state.access;
    let now = access::now();
    let grant = access
        .keys
        .verify(TokenKind::Invite, body.invite.trim(), now)?;
    let longest = now + access::SESSION_SECONDS;
    let (until, (name, listed)) = {
        let store = access.store.lock().map_err(ApiError::internal)?;
        store.check(&grant)?;
        // A device link's session lasts as its parent invite's would, not the link's half hour.
        let until = store
            .spend(&grant.invite, longest)?
            .unwrap_or(grant.expires);
        (until, described(&store, &grant)?)
    };
    let session = Grant {
        expires: until.min(longest).max(now + MIN_SESSION_SECONDS),
        ..grant.clone()
    };
    let token = access.keys.sign(TokenKind::Session, &session);
    // `Secure` when the relay is reached over HTTPS (`--secure-cookies`; behind a proxy the
    // relay itself speaks plain HTTP, so only the operator can say so).
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
        session.expires.saturating_sub(now)
    );
    let mut response = Json(whoami(&access.keys, &session, &name, &listed)).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// `GET /api/session`: who the session is (community, role, well-known documents). A request
/// with no credentials at all is answered `200 {"joined": false}`: "nobody yet" is the normal
/// state of a first visit, not an error (browsers log every 4xx as one). Credentials that are
/// present but invalid, expired or revoked get 401.
pub async fn get_session(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if bearer(&headers).is_none() && session_cookie(&headers).is_none() {
        return Ok(Json(serde_json::json!({ "joined": false })).into_response());
    }
    let grant = state.access.authenticate(&headers)?;
    let (name, listed) = {
        let store = state.access.store.lock().map_err(ApiError::internal)?;
        described(&store, &grant)?
    };
    Ok(Json(whoami(&state.access.keys, &grant, &name, &listed)).into_response())
}

/// The community's name and the invite (as admins list it) behind `grant`, for [`whoami`].
///
/// # Errors
/// [`ApiError::Internal`] when the database fails.
fn described(store: &AccessStore, grant: &Grant) -> Result<(String, String), ApiError> {
    let name = store
        .community_name(&grant.community)
        .ok()
        .flatten()
        .unwrap_or_default();
    let listed = store
        .listed_invite(&grant.invite)
        .map_err(ApiError::internal)?;
    Ok((name, listed))
}

/// What the app needs to know about its session: the community, the role, the ids of the
/// community's well-known documents ([`sync_core::documents::WELL_KNOWN`], by key), and the
/// invite (as admins see it) the session descends from, so an admin is warned before revoking
/// their own.
fn whoami(keys: &Keys, grant: &Grant, name: &str, invite: &str) -> serde_json::Value {
    let documents: serde_json::Map<String, serde_json::Value> = sync_core::documents::WELL_KNOWN
        .iter()
        .map(|key| {
            let id = keys.well_known_document(&grant.community, key);
            ((*key).to_string(), id.to_string().into())
        })
        .collect();
    serde_json::json!({
        "joined": true,
        "community": grant.community,
        "communityName": name,
        "documents": documents,
        "role": grant.role.as_str(),
        "expires": grant.expires,
        "invite": invite,
    })
}

/// Body of `POST /api/invites`.
#[derive(Deserialize)]
pub struct NewInvite {
    role: String,
    #[serde(rename = "expiresInHours")]
    expires_in_hours: u64,
    /// What the admin calls it ("for the meeting of 5 Jan"); optional.
    #[serde(default)]
    label: String,
}

/// An invite's name as stored: whitespace collapsed, control characters (which could hide text
/// or break a line) refused, at most [`access::MAX_INVITE_LABEL_CHARS`].
///
/// # Errors
/// [`ApiError::BadRequest`] for a label too long or with control characters.
pub fn clean_label(label: &str) -> Result<String, ApiError> {
    if label.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(ApiError::BadRequest(
            "the invitation's name has control characters",
            api_error::BAD_LABEL,
        ));
    }
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.chars().count() > access::MAX_INVITE_LABEL_CHARS {
        return Err(ApiError::BadRequest(
            "the invitation's name is longer than 80 characters",
            api_error::BAD_LABEL,
        ));
    }
    Ok(label)
}

fn admin(state: &AppState, headers: &HeaderMap) -> Result<Grant, Refusal> {
    if !same_origin(headers) {
        return Err(Refusal::Forbidden);
    }
    let grant = state.access.authenticate(headers)?;
    if grant.role != Role::Admin {
        return Err(Refusal::Forbidden);
    }
    Ok(grant)
}

/// `POST /api/invites` (admins): mints an invite; returns its id and token.
pub async fn create_invite(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Json(body): Json<NewInvite>,
) -> Result<Response, ApiError> {
    let grant = admin(&state, &headers)?;
    let role = Role::parse(&body.role).ok_or(ApiError::BadRequest(
        "role must be viewer, member or admin",
        api_error::BAD_REQUEST,
    ))?;
    let label = clean_label(&body.label)?;
    let seconds = body.expires_in_hours.saturating_mul(SECONDS_PER_HOUR);
    if seconds == 0 || seconds > access::MAX_INVITE_SECONDS {
        return Err(ApiError::BadRequest(
            "expiry must be between 1 hour and 90 days",
            api_error::BAD_REQUEST,
        ));
    }
    let invite = state
        .access
        .store
        .lock()
        .map_err(ApiError::internal)?
        .create_invite(&grant.community, role, access::now() + seconds, &label)
        .map_err(ApiError::internal)?;
    Ok(Json(serde_json::json!({
        "id": invite.invite,
        "role": role.as_str(),
        "expires": invite.expires,
        "label": label,
        "token": state.access.keys.sign(TokenKind::Invite, &invite),
    }))
    .into_response())
}

/// `GET /api/invites` (admins): the community's invites.
pub async fn list_invites(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let grant = admin(&state, &headers)?;
    let invites = state
        .access
        .store
        .lock()
        .map_err(ApiError::internal)?
        .invites(&grant.community)
        .map_err(ApiError::internal)?;
    Ok(Json(invites).into_response())
}

/// `DELETE /api/invites/{id}` (admins): revokes an invite and every session made from it.
pub async fn revoke_invite(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let grant = admin(&state, &headers)?;
    let revoked = state
        .access
        .store
        .lock()
        .map_err(ApiError::internal)?
        .revoke(&grant.community, &id)
        .map_err(ApiError::internal)?;
    if !revoked {
        return Err(ApiError::NotFound("no such invite"));
    }
    state
        .access
        .revocations
        .send_modify(|generation| *generation += 1);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/device-link` (any member, viewers too): a one-time link that opens this member's
/// own membership on another device ([`AccessStore::create_device_link`]): the same role, valid
/// [`access::DEVICE_LINK_SECONDS`], spent by its first exchange.
pub async fn create_device_link(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !same_origin(&headers) {
        return Err(Refusal::Forbidden.into());
    }
    let grant = state.access.authenticate(&headers)?;
    let now = access::now();
    let expires = (now + access::DEVICE_LINK_SECONDS).min(grant.expires);
    let link = state
        .access
        .store
        .lock()
        .map_err(ApiError::internal)?
        .create_device_link(&grant, now, expires)
        .map_err(ApiError::internal)?
        .ok_or(ApiError::BadRequest(
            "too many device links are open: use one, or wait half an hour",
            api_error::TOO_MANY_LINKS,
        ))?;
    Ok(Json(serde_json::json!({
        "expires": link.expires,
        "token": state.access.keys.sign(TokenKind::Invite, &link),
    }))
    .into_response())
}

//! Joining a community and staying in it: the invite link, the session, and the small JSON API.
//!
//! An invite link is `https://relay/#invite=<token>`: the token travels in the fragment, which
//! browsers never send, so it stays out of every log. On load the app trades it (once) for the
//! relay's HttpOnly session cookie with `POST /api/session`, then removes it from the address bar
//! so it is not bookmarked or shared by accident. What the relay said about the session (community,
//! role, document ids) is kept in localStorage, so a reload with no network still opens the
//! community from the device.

use js_sys::{Reflect, JSON};
use sync_core::ids::DocumentId;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit, Response};

/// localStorage key of the last session the relay confirmed.
pub const SESSION_STORAGE_KEY: &str = "kehila.session";

pub use sync_core::roles::Role;

/// This device's place in a community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The community's id.
    pub community: String,
    /// Its name.
    pub community_name: String,
    /// What this device may do.
    pub role: Role,
    /// The community's root document (members, catalog, about).
    pub root: DocumentId,
    /// The community's glossary document.
    pub glossary: DocumentId,
}

/// Where joining stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Joining {
    /// Asking the relay.
    Checking,
    /// In the community.
    Joined(Session),
    /// No session on this device, and no invite in the link.
    NotJoined,
    /// The link's invite was refused (expired, revoked, mistyped); `Some` if an earlier session
    /// still works.
    InviteRefused(Option<Session>),
    /// This device's session was ended by the relay (invite revoked or expired).
    Ended,
}

/// Parses the relay's `/api/session` answer.
pub fn parse_session(json: &JsValue) -> Option<Session> {
    let text = |v: &JsValue, key: &str| Reflect::get(v, &key.into()).ok()?.as_string();
    let documents = Reflect::get(json, &"documents".into()).ok()?;
    let id = |key: &str| {
        text(&documents, key).and_then(|t| DocumentId::from_url(&format!("automerge:{t}")).ok())
    };
    Some(Session {
        community: text(json, "community")?,
        community_name: text(json, "communityName").unwrap_or_default(),
        role: Role::parse(&text(json, "role")?)?,
        root: id("root")?,
        glossary: id("glossary")?,
    })
}

/// The invite token in a location fragment (`#invite=…`), if any.
pub fn invite_in_fragment(hash: &str) -> Option<String> {
    let token = hash.strip_prefix('#')?.strip_prefix("invite=")?;
    let token = token.split('&').next()?.trim();
    (!token.is_empty()).then(|| token.to_string())
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remember(json: &JsValue) {
    if let (Some(storage), Ok(text)) = (local_storage(), JSON::stringify(json)) {
        let _ = storage.set_item(SESSION_STORAGE_KEY, &String::from(text));
    }
}

fn forget() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(SESSION_STORAGE_KEY);
    }
    crate::glossary::cache::clear_all();
}

/// The session this device last had, if any.
pub fn remembered() -> Option<Session> {
    let text = local_storage()?.get_item(SESSION_STORAGE_KEY).ok()??;
    parse_session(&JSON::parse(&text).ok()?)
}

/// A JSON API call's outcome: the HTTP status and body, or `Err` when the network failed.
pub async fn call(
    method: &str,
    path: &str,
    body: Option<&JsValue>,
) -> Result<(u16, JsValue), String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(|e| format!("{e:?}"))?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        let text = JSON::stringify(body).map_err(|e| format!("{e:?}"))?;
        init.set_body(&text.into());
    }
    init.set_headers(&headers);
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|e| format!("{e:?}"))?;
    let status = response.status();
    let json = match response.json() {
        Ok(promise) => JsFuture::from(promise).await.unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    };
    Ok((status, json))
}

/// Finds out where this device stands: trades an invite in the link for a session, or checks
/// the existing one, falling back to the remembered session when the relay cannot be reached.
pub async fn bootstrap() -> Joining {
    let location = web_sys::window().map(|w| w.location());
    let hash = location
        .as_ref()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    if let Some(token) = invite_in_fragment(&hash) {
        clear_fragment();
        let body = js_sys::Object::new();
        let _ = Reflect::set(&body, &"invite".into(), &token.into());
        return match call("POST", "/api/session", Some(&body)).await {
            Ok((200, json)) => match parse_session(&json) {
                Some(session) => {
                    remember(&json);
                    Joining::Joined(session)
                }
                None => Joining::InviteRefused(remembered()),
            },
            Ok(_) => Joining::InviteRefused(remembered()),
            // Offline with an invite: we cannot join yet; an earlier session still works.
            Err(_) => remembered().map_or(Joining::NotJoined, Joining::Joined),
        };
    }
    match call("GET", "/api/session", None).await {
        Ok((200, json)) => match parse_session(&json) {
            Some(session) => {
                remember(&json);
                Joining::Joined(session)
            }
            None => {
                // The relay knows no session here (cookie gone): start over.
                forget();
                Joining::NotJoined
            }
        },
        Ok((401 | 403, _)) => {
            let had = remembered().is_some();
            forget();
            if had {
                Joining::Ended
            } else {
                Joining::NotJoined
            }
        }
        // Offline or the relay is down: the device's copy is the community for now.
        _ => remembered().map_or(Joining::NotJoined, Joining::Joined),
    }
}

/// True when the relay answers that this device's session is no longer valid (not when it
/// cannot be reached).
pub async fn session_refused() -> bool {
    match call("GET", "/api/session", None).await {
        Ok((401 | 403, _)) => true,
        Ok((200, json)) => parse_session(&json).is_none(),
        _ => false,
    }
}

fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_else(|_| "/".into()),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invite_is_read_from_the_fragment_only() {
        assert_eq!(
            invite_in_fragment("#invite=abc.def"),
            Some("abc.def".into())
        );
        assert_eq!(invite_in_fragment("#invite=abc&x=1"), Some("abc".into()));
        assert_eq!(invite_in_fragment("#invite="), None);
        assert_eq!(invite_in_fragment("#other=abc"), None);
        assert_eq!(invite_in_fragment(""), None);
    }
}

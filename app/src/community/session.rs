//! Joining a community and staying in it: the invite link, the session, and the small JSON API.
//!
//! An invite link is `https://relay/#invite=<token>`: the token travels in the fragment, which
//! browsers never send, so it stays out of every log. On load the app trades it (once) for the
//! relay's HttpOnly session cookie with `POST /api/session`, then removes it from the address bar
//! so it is not bookmarked or shared by accident. What the relay said about the session (community,
//! role, document ids) is kept in localStorage, so a reload with no network still opens the
//! community from the device.

use std::collections::BTreeMap;

use js_sys::{Reflect, JSON};

use crate::{browser, platform::Registry};
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
    /// Every well-known document the relay named, by key ([`sync_core::documents`]), root
    /// included. A session stored by an older version may lack keys added since: their features
    /// wait for the next online start, which stores the relay's fresh answer. Keys this version
    /// does not know are kept, so a newer relay's answer is not an error.
    pub documents: BTreeMap<String, DocumentId>,
    /// The invitation this device's session descends from, as admins see it in their list
    /// (empty from an older relay): an admin is warned before revoking it.
    pub invite: String,
}

impl Session {
    /// The well-known document `key`, if the relay named it to this device.
    pub fn document(&self, key: &str) -> Option<DocumentId> {
        self.documents.get(key).copied()
    }
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
    /// The link's invite was refused (expired, revoked, mistyped, a device link used already);
    /// `Some` if an earlier session still works; then the relay's code
    /// ([`sync_core::api_error`]), if it gave one.
    InviteRefused(Option<Session>, Option<String>),
    /// This device's session was ended by the relay (invite revoked or expired).
    Ended,
}

/// Parses the relay's `/api/session` answer.
pub fn parse_session(json: &JsValue) -> Option<Session> {
    parse_session_text(&String::from(JSON::stringify(json).ok()?))
}

/// Parses the relay's `/api/session` answer as JSON text: the community, a known role and the
/// root document are required; every other document key is optional (see [`Session::documents`]).
pub fn parse_session_text(text: &str) -> Option<Session> {
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    let text = |key: &str| json.get(key)?.as_str().map(str::to_string);
    let documents: BTreeMap<String, DocumentId> = json
        .get("documents")?
        .as_object()?
        .iter()
        .filter_map(|(key, id)| {
            let id = DocumentId::from_url(&format!("automerge:{}", id.as_str()?)).ok()?;
            Some((key.clone(), id))
        })
        .collect();
    Some(Session {
        community: text("community")?,
        community_name: text("communityName").unwrap_or_default(),
        role: Role::parse(&text("role")?)?,
        root: *documents.get(sync_core::documents::ROOT)?,
        documents,
        invite: text("invite").unwrap_or_default(),
    })
}

/// The invite token in a location fragment (`#invite=…`), if any.
pub fn invite_in_fragment(hash: &str) -> Option<String> {
    let token = hash.strip_prefix('#')?.strip_prefix("invite=")?;
    let token = token.split('&').next()?.trim();
    (!token.is_empty()).then(|| token.to_string())
}

fn remember(json: &JsValue) {
    if let Ok(text) = JSON::stringify(json) {
        browser::store(SESSION_STORAGE_KEY, &String::from(text));
    }
}

/// Forgets the session and what every feature keeps on the device beside its documents.
fn forget(registry: Registry) {
    browser::unstore(SESSION_STORAGE_KEY);
    for feature in registry.0 {
        (feature.forget)();
    }
}

/// The session this device last had, if any.
pub fn remembered() -> Option<Session> {
    parse_session_text(&browser::stored(SESSION_STORAGE_KEY)?)
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
pub async fn bootstrap(registry: Registry) -> Joining {
    let location = web_sys::window().map(|w| w.location());
    let hash = location
        .as_ref()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    if let Some(token) = invite_in_fragment(&hash) {
        let carried = crate::community::identity::carried_in_fragment(&hash);
        clear_fragment();
        let body = js_sys::Object::new();
        let _ = Reflect::set(&body, &"invite".into(), &token.into());
        return match call("POST", "/api/session", Some(&body)).await {
            Ok((200, json)) => match parse_session(&json) {
                Some(session) => {
                    remember(&json);
                    // A device link: this device becomes the member who made it.
                    if let Some(carried) = carried {
                        crate::community::identity::adopt(&carried);
                    }
                    Joining::Joined(session)
                }
                None => Joining::InviteRefused(remembered(), None),
            },
            Ok((_, json)) => Joining::InviteRefused(
                remembered(),
                Reflect::get(&json, &"code".into())
                    .ok()
                    .and_then(|c| c.as_string()),
            ),
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
                forget(registry);
                Joining::NotJoined
            }
        },
        Ok((401 | 403, _)) => {
            let had = remembered().is_some();
            forget(registry);
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

    fn id(byte: u8) -> String {
        DocumentId::from_random_bytes([byte; 16]).to_string()
    }

    fn answer(documents: &str) -> String {
        format!(
            r#"{{"joined":true,"community":"c1","communityName":"קהילה","role":"member","documents":{documents}}}"#
        )
    }

    #[test]
    fn a_session_stored_by_an_older_version_still_opens() {
        // Before the glossary existed the relay named only the root document.
        let root = id(1);
        let old = parse_session_text(&answer(&format!(r#"{{"root":"{root}"}}"#)))
            .expect("an older session parses");
        assert_eq!(old.root.to_string(), root);
        assert_eq!(
            old.document("glossary"),
            None,
            "gained on the next online start"
        );
        assert_eq!(old.role, Role::Member);
        assert_eq!(old.community_name, "קהילה");
    }

    #[test]
    fn keys_this_version_does_not_know_are_kept() {
        let (root, glossary) = (id(1), id(2));
        let newer = parse_session_text(&answer(&format!(
            r#"{{"root":"{root}","glossary":"{glossary}","future":"{glossary}"}}"#
        )))
        .expect("a newer relay's answer parses");
        assert_eq!(
            newer.document("glossary").map(|d| d.to_string()).as_deref(),
            Some(glossary.as_str())
        );
        assert!(newer.document("future").is_some());
    }

    #[test]
    fn a_session_without_root_or_role_is_refused() {
        let glossary = id(2);
        assert!(parse_session_text(&answer(&format!(r#"{{"glossary":"{glossary}"}}"#))).is_none());
        assert!(parse_session_text(r#"{"community":"c1","documents":{}}"#).is_none());
        assert!(parse_session_text("not json").is_none());
    }
}

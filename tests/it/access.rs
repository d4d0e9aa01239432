//! Access over real sockets: invites, sessions and the `/sync` upgrade's checks — no token,
//! tampered, expired, revoked, another community's, a cross-site origin, and a viewer's changes
//! are all refused.

use automerge::{transaction::Transactable, ReadDoc, ROOT};
use kehila_tests::{TestMember, TestRelay};
use reqwest::{header, StatusCode};
use sync_core::ids::DocumentId;
use sync_server::access::{AccessStore, Grant, Keys, Role, TokenKind};
use tokio_tungstenite::tungstenite;

fn keys(relay: &TestRelay) -> Keys {
    let bytes = std::fs::read(
        relay
            .folder
            .path()
            .join("data")
            .join(sync_server::access::SECRET_FILE),
    )
    .unwrap();
    Keys::from_secret(bytes.try_into().unwrap())
}

pub(crate) fn status_of(result: Result<kehila_tests::member::Socket, tungstenite::Error>) -> u16 {
    match result {
        Err(tungstenite::Error::Http(response)) => response.status().as_u16(),
        Err(other) => panic!("expected an HTTP refusal, got {other}"),
        Ok(_) => 101,
    }
}

pub(crate) async fn mint(
    relay: &TestRelay,
    bearer: &str,
    role: &str,
) -> (StatusCode, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(relay.url("/api/invites"))
        .bearer_auth(bearer)
        .json(&serde_json::json!({ "role": role, "expiresInHours": 24 }))
        .send()
        .await
        .unwrap();
    let status = response.status();
    (
        status,
        response.json().await.unwrap_or(serde_json::Value::Null),
    )
}

async fn session_of(relay: &TestRelay, bearer: &str) -> serde_json::Value {
    let response = reqwest::Client::new()
        .get(relay.url("/api/session"))
        .bearer_auth(bearer)
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

async fn community_of(relay: &TestRelay, bearer: &str) -> String {
    session_of(relay, bearer).await["community"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn members_of_a_community_share_its_well_known_documents_and_others_cannot_guess_them() {
    let relay = TestRelay::start().await;
    let (_, invite) = mint(&relay, &relay.admin_token, "viewer").await;
    let admin = session_of(&relay, &relay.admin_token).await;
    let viewer = session_of(&relay, invite["token"].as_str().unwrap()).await;
    assert_eq!(admin["joined"], true);
    let root = admin["documents"]["root"].as_str().unwrap();
    let glossary = admin["documents"]["glossary"].as_str().unwrap();
    assert_eq!(viewer["documents"], admin["documents"]);
    assert_ne!(root, glossary);
    for id in [root, glossary] {
        DocumentId::from_url(&format!("automerge:{id}")).expect("an automerge-repo id");
    }

    let store = AccessStore::open(&relay.folder.path().join("data")).unwrap();
    let other = store.create_community("Other ministry").unwrap();
    let grant = store
        .create_invite(&other, Role::Member, sync_server::access::now() + 3600, "")
        .unwrap();
    let outsider = session_of(&relay, &keys(&relay).sign(TokenKind::Invite, &grant)).await;
    assert_ne!(outsider["documents"]["root"].as_str().unwrap(), root);
    // No credentials: a plain "not joined" (a first visit is not an error); bad ones: 401.
    let anonymous = reqwest::get(relay.url("/api/session")).await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::OK);
    assert_eq!(
        anonymous.json::<serde_json::Value>().await.unwrap()["joined"],
        false
    );
    let tampered = reqwest::Client::new()
        .get(relay.url("/api/session"))
        .bearer_auth(format!("{}x", relay.admin_token))
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status(), StatusCode::UNAUTHORIZED);
    // Derived from the relay's secret: another relay's keys give other ids.
    assert_ne!(
        Keys::from_secret([1; 32])
            .well_known_document(&other, "root")
            .to_string(),
        outsider["documents"]["root"].as_str().unwrap()
    );
    relay.stop().await;
}

#[tokio::test]
async fn the_upgrade_refuses_missing_tampered_expired_and_cross_site_tokens() {
    let relay = TestRelay::start().await;
    assert_eq!(
        status_of(relay.connect_sync(Some(&relay.admin_token)).await),
        101
    );
    assert_eq!(status_of(relay.connect_sync(None).await), 401, "no token");

    let mut tampered = relay.admin_token.clone().into_bytes();
    let middle = tampered.len() / 3;
    tampered[middle] = if tampered[middle] == b'x' { b'y' } else { b'x' };
    assert_eq!(
        status_of(
            relay
                .connect_sync(Some(&String::from_utf8(tampered).unwrap()))
                .await
        ),
        401,
        "tampered"
    );

    let community = community_of(&relay, &relay.admin_token).await;
    let expired = keys(&relay).sign(
        TokenKind::Invite,
        &Grant {
            community,
            role: Role::Admin,
            invite: "whatever".into(),
            expires: sync_server::access::now() - 10,
        },
    );
    assert_eq!(
        status_of(relay.connect_sync(Some(&expired)).await),
        401,
        "expired"
    );

    // A browser page on another site may not open a socket with the user's cookie.
    use tokio_tungstenite::tungstenite::{client::IntoClientRequest, http::HeaderValue};
    let mut request = relay.ws_url("/sync").into_client_request().unwrap();
    let headers = request.headers_mut();
    headers.insert(
        "authorization",
        HeaderValue::from_str(&format!("Bearer {}", relay.admin_token)).unwrap(),
    );
    headers.insert("origin", HeaderValue::from_static("http://evil.example"));
    let refused = tokio_tungstenite::connect_async(request)
        .await
        .map(|(s, _)| s);
    assert_eq!(status_of(refused), 403, "cross-site origin");
    relay.stop().await;
}

#[tokio::test]
async fn an_invite_becomes_an_httponly_session_cookie_and_revoking_the_invite_ends_it() {
    let relay = TestRelay::start().await;
    let (status, invite) = mint(&relay, &relay.admin_token, "member").await;
    assert_eq!(status, StatusCode::OK);
    let token = invite["token"].as_str().unwrap().to_string();

    let response = reqwest::Client::new()
        .post(relay.url("/api/session"))
        .json(&serde_json::json!({ "invite": token }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_string();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["role"], "member");

    // The cookie opens the socket, as the browser's would.
    use tokio_tungstenite::tungstenite::{client::IntoClientRequest, http::HeaderValue};
    let with_cookie = || {
        let mut request = relay.ws_url("/sync").into_client_request().unwrap();
        request
            .headers_mut()
            .insert("cookie", HeaderValue::from_str(&session).unwrap());
        request
    };
    assert_eq!(
        status_of(
            tokio_tungstenite::connect_async(with_cookie())
                .await
                .map(|(s, _)| s)
        ),
        101
    );
    // A member may not mint invites.
    assert_eq!(mint(&relay, &token, "admin").await.0, StatusCode::FORBIDDEN);

    let revoke = reqwest::Client::new()
        .delete(relay.url(&format!("/api/invites/{}", invite["id"].as_str().unwrap())))
        .bearer_auth(&relay.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        status_of(relay.connect_sync(Some(&token)).await),
        401,
        "revoked invite"
    );
    assert_eq!(
        status_of(
            tokio_tungstenite::connect_async(with_cookie())
                .await
                .map(|(s, _)| s)
        ),
        401,
        "sessions made from a revoked invite end too"
    );
    relay.stop().await;
}

#[tokio::test]
async fn another_community_cannot_reach_our_documents_and_a_viewer_cannot_change_them() {
    let relay = TestRelay::start().await;
    let document = DocumentId::from_random_bytes([9; 16]);
    let mut admin = TestMember::connect(&relay.ws_url("/sync"), &relay.admin_token, "admin").await;
    admin.open(document).await;
    admin
        .change(document, |d| {
            let mut tx = d.transaction();
            tx.put(ROOT, "secret", "community A only").unwrap();
            tx.commit();
        })
        .await;
    admin.pump_until(|m| m.relay_has_everything(document)).await;

    // A second community on the same relay.
    let store = AccessStore::open(&relay.folder.path().join("data")).unwrap();
    let other = store.create_community("Other ministry").unwrap();
    let outsider_grant = store
        .create_invite(&other, Role::Admin, sync_server::access::now() + 3600, "")
        .unwrap();
    let outsider_token = keys(&relay).sign(TokenKind::Invite, &outsider_grant);
    let mut outsider =
        TestMember::connect(&relay.ws_url("/sync"), &outsider_token, "outsider").await;
    outsider.open(document).await;
    outsider
        .pump_until(|m| m.unavailable.contains(&document))
        .await;
    assert!(outsider
        .doc(document)
        .get(ROOT, "secret")
        .unwrap()
        .is_none());
    // Nor can the outsider write into it.
    outsider
        .change(document, |d| {
            let mut tx = d.transaction();
            tx.put(ROOT, "secret", "overwritten").unwrap();
            tx.commit();
        })
        .await;
    outsider
        .pump_for(std::time::Duration::from_millis(300))
        .await;
    admin.pump_for(std::time::Duration::from_millis(300)).await;
    let secret = admin
        .doc(document)
        .get(ROOT, "secret")
        .unwrap()
        .unwrap()
        .0
        .as_str()
        .map(str::to_string);
    assert_eq!(secret.as_deref(), Some("community A only"));

    // A viewer reads, but its changes are refused.
    let (_, viewer_invite) = mint(&relay, &relay.admin_token, "viewer").await;
    let viewer_token = viewer_invite["token"].as_str().unwrap();
    let mut viewer = TestMember::connect(&relay.ws_url("/sync"), viewer_token, "viewer").await;
    viewer.open(document).await;
    viewer
        .pump_until(|m| m.doc(document).get(ROOT, "secret").unwrap().is_some())
        .await;
    viewer
        .change(document, |d| {
            let mut tx = d.transaction();
            tx.put(ROOT, "viewer-was-here", true).unwrap();
            tx.commit();
        })
        .await;
    viewer.pump_until(|m| m.refused.is_some()).await;
    admin.pump_for(std::time::Duration::from_millis(300)).await;
    assert!(admin
        .doc(document)
        .get(ROOT, "viewer-was-here")
        .unwrap()
        .is_none());
    relay.stop().await;
}

#[tokio::test]
async fn invites_carry_their_names_and_a_device_link_opens_the_same_membership_once() {
    let relay = TestRelay::start().await;
    let client = reqwest::Client::new();
    let named = |label: String| {
        client
            .post(relay.url("/api/invites"))
            .bearer_auth(&relay.admin_token)
            .json(&serde_json::json!({ "role": "member", "expiresInHours": 24, "label": label }))
            .send()
    };
    let invite: serde_json::Value = named("  לפגישה   של 5 בינואר ".into())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(invite["label"], "לפגישה של 5 בינואר");
    for bad in ["x".repeat(81), "a\u{0}b".into(), "a\u{202e}b\u{7}".into()] {
        let refused = named(bad).await.unwrap();
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        assert!(refused.json::<serde_json::Value>().await.unwrap()["error"]
            .as_str()
            .unwrap()
            .contains("name"));
    }
    let listed: serde_json::Value = client
        .get(relay.url("/api/invites"))
        .bearer_auth(&relay.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == invite["id"] && i["label"] == "לפגישה של 5 בינואר"));

    // The member asks for a device link; it carries the member's role and parent invite.
    let member = invite["token"].as_str().unwrap();
    let link: serde_json::Value = client
        .post(relay.url("/api/device-link"))
        .bearer_auth(member)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = link["token"].as_str().unwrap();
    assert!(
        link["expires"].as_u64().unwrap()
            <= sync_server::access::now() + sync_server::access::DEVICE_LINK_SECONDS
    );
    // Never a key in itself.
    assert_eq!(status_of(relay.connect_sync(Some(token)).await), 401);
    let exchange = || {
        client
            .post(relay.url("/api/session"))
            .json(&serde_json::json!({ "invite": token }))
            .send()
    };
    let first = exchange().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let cookie = first.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let body: serde_json::Value = first.json().await.unwrap();
    assert_eq!(
        (body["role"].as_str(), body["invite"].as_str()),
        (Some("member"), invite["id"].as_str())
    );
    // The other device stays signed in as the invite allows (a day here), not for the link's
    // half hour.
    assert!(body["expires"].as_u64().unwrap() > sync_server::access::now() + 23 * 3600);
    // Once only: the second device hears why.
    let second = exchange().await.unwrap();
    assert_eq!(second.status(), StatusCode::GONE);
    assert_eq!(
        second.json::<serde_json::Value>().await.unwrap()["error"],
        "this device link was already used"
    );
    // Device links are their makers' own: the admin's list does not grow.
    let listed_again: serde_json::Value = client
        .get(relay.url("/api/invites"))
        .bearer_auth(&relay.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed_again.as_array().unwrap().len(),
        listed.as_array().unwrap().len()
    );
    // Revoking the invite ends the session the device link made.
    let on_device = || {
        client
            .get(relay.url("/api/session"))
            .header(header::COOKIE, cookie.clone())
            .send()
    };
    assert_eq!(on_device().await.unwrap().status(), StatusCode::OK);
    let revoke = client
        .delete(relay.url(&format!("/api/invites/{}", invite["id"].as_str().unwrap())))
        .bearer_auth(&relay.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        on_device().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    relay.stop().await;
}

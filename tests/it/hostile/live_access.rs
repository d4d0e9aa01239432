//! Access ends on open sockets: a revoked invite, an expired session; one token's share of
//! the connection slots.

use std::time::Duration;

use kehila_tests::TestRelay;
use reqwest::StatusCode;

use crate::access::{mint, status_of};

use super::{raw, refusal};

#[tokio::test]
async fn regression_9_revoking_an_invite_closes_its_open_socket_within_seconds() {
    let relay = TestRelay::start().await;
    let (_, invite) = mint(&relay, &relay.admin_token, "member").await;
    let token = invite["token"].as_str().unwrap();
    let mut member = raw(&relay, token, "leaving").await;
    let started = tokio::time::Instant::now();
    let revoke = reqwest::Client::new()
        .delete(relay.url(&format!("/api/invites/{}", invite["id"].as_str().unwrap())))
        .bearer_auth(&relay.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), StatusCode::NO_CONTENT);
    let (_, code) = refusal(&mut member).await;
    assert_eq!(code, Some(sync_core::limits::CLOSE_POLICY));
    assert!(
        started.elapsed() <= sync_server::sync_socket::ACCESS_RECHECK + Duration::from_secs(2),
        "closed after {:?}",
        started.elapsed()
    );
    relay.stop().await;
}

#[tokio::test]
async fn one_token_holds_at_most_its_share_of_connections() {
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        max_connections_per_token: 3,
        ..Default::default()
    })
    .await;
    let (_, invite) = mint(&relay, &relay.admin_token, "member").await;
    let token = invite["token"].as_str().unwrap();
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(
            relay
                .connect_sync(Some(token))
                .await
                .expect("within the share"),
        );
    }
    assert_eq!(status_of(relay.connect_sync(Some(token)).await), 429);
    // Another member connects fine meanwhile, and the share frees when a socket closes.
    assert_eq!(
        status_of(relay.connect_sync(Some(&relay.admin_token)).await),
        101
    );
    drop(held.pop());
    let mut again = None;
    for _ in 0..50 {
        if let Ok(socket) = relay.connect_sync(Some(token)).await {
            again = Some(socket);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(again.is_some(), "a closed connection gives its share back");
    relay.stop().await;
}

#[tokio::test]
async fn an_expiring_session_closes_its_open_socket_within_seconds() {
    use sync_server::access::{Keys, TokenKind};
    let relay = TestRelay::start().await;
    // A session that ends three seconds from now, signed as the relay signs them (its key is
    // in its data folder); the shortest a real session gets is a minute.
    let keys = Keys::load_or_create(&relay.folder.path().join("data")).expect("the relay's key");
    let now = sync_server::access::now();
    let admin = keys
        .verify(TokenKind::Invite, &relay.admin_token, now)
        .expect("the admin invite");
    let ends = now + 3;
    let session = keys.sign(
        TokenKind::Session,
        &sync_server::access::Grant {
            expires: ends,
            ..admin
        },
    );
    let mut member = raw(&relay, &session, "expiring").await;
    let (_, code) = refusal(&mut member).await;
    assert_eq!(code, Some(sync_core::limits::CLOSE_POLICY));
    let closed_at = sync_server::access::now();
    assert!(closed_at >= ends, "closed before the session ended");
    assert!(
        closed_at <= ends + sync_server::sync_socket::ACCESS_RECHECK.as_secs() + 2,
        "closed {} s after the session ended",
        closed_at - ends
    );
    // The same session cannot come back.
    assert_eq!(status_of(relay.connect_sync(Some(&session)).await), 401);
    relay.stop().await;
}

#[tokio::test]
async fn sessions_minted_in_a_loop_from_one_invite_share_that_invites_cap() {
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        max_connections_per_token: 3,
        max_connections_per_invite: 5,
        ..Default::default()
    })
    .await;
    // An invite that outlives a session (60 days): each session then ends 30 days after it was
    // made, so every second of minting gives a new token, each with its own share.
    let invite: serde_json::Value = reqwest::Client::new()
        .post(relay.url("/api/invites"))
        .bearer_auth(&relay.admin_token)
        .json(&serde_json::json!({ "role": "member", "expiresInHours": 60 * 24 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let invite = invite["token"].as_str().unwrap().to_string();
    // Trading the invite for a session is free.
    let session = || async {
        let response = reqwest::Client::new()
            .post(relay.url("/api/session"))
            .json(&serde_json::json!({ "invite": invite }))
            .send()
            .await
            .unwrap();
        let cookie = response.headers()[reqwest::header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_string();
        cookie
            .split(';')
            .next()
            .and_then(|pair| pair.split_once('='))
            .map(|(_, token)| token.to_string())
            .unwrap()
    };
    // Five sockets from two sessions (3 + 2) fill the invite's cap of 5.
    let mut held = Vec::new();
    let first = session().await;
    for _ in 0..3 {
        held.push(
            relay
                .connect_sync(Some(&first))
                .await
                .expect("within the token's share"),
        );
    }
    assert_eq!(status_of(relay.connect_sync(Some(&first)).await), 429);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let second = session().await;
    assert_ne!(first, second, "a fresh session token");
    for _ in 0..2 {
        held.push(
            relay
                .connect_sync(Some(&second))
                .await
                .expect("within the invite's cap"),
        );
    }
    let refused = relay.connect_sync(Some(&second)).await;
    assert_eq!(
        status_of(refused),
        429,
        "the invite's cap holds across its sessions"
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let third = session().await;
    assert_eq!(status_of(relay.connect_sync(Some(&third)).await), 429);
    // Nor does a device link minted from it (its sessions count against the same invite).
    let client = reqwest::Client::new();
    let link: serde_json::Value = client
        .post(relay.url("/api/device-link"))
        .bearer_auth(&third)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let exchanged = client
        .post(relay.url("/api/session"))
        .json(&serde_json::json!({ "invite": link["token"] }))
        .send()
        .await
        .unwrap();
    let device = exchanged.headers()[reqwest::header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, token)| token.to_string())
        .unwrap();
    assert_eq!(
        status_of(relay.connect_sync(Some(&device)).await),
        429,
        "a device link's session shares its invite's cap"
    );
    // Another invitation's members are not affected.
    assert_eq!(
        status_of(relay.connect_sync(Some(&relay.admin_token)).await),
        101
    );
    drop(held);
    relay.stop().await;
}

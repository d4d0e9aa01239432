//! Tokens and grants: tampering, expiry and kind; revoked and foreign invites; the secret file.

use super::*;

fn grant(role: Role, expires: u64) -> Grant {
    Grant {
        community: "c1".into(),
        role,
        invite: "i1".into(),
        expires,
    }
}

#[test]
fn tokens_verify_only_untampered_unexpired_and_of_their_kind() {
    let keys = Keys::from_secret([7; 32]);
    let token = keys.sign(TokenKind::Invite, &grant(Role::Member, 1000));
    assert_eq!(
        keys.verify(TokenKind::Invite, &token, 999),
        Ok(grant(Role::Member, 1000))
    );
    assert_eq!(
        keys.verify(TokenKind::Invite, &token, 1000),
        Err(Refusal::InvalidToken),
        "expired"
    );
    assert_eq!(
        keys.verify(TokenKind::Session, &token, 0),
        Err(Refusal::InvalidToken),
        "wrong kind"
    );
    let other = Keys::from_secret([8; 32]);
    assert_eq!(
        other.verify(TokenKind::Invite, &token, 0),
        Err(Refusal::InvalidToken),
        "other key"
    );
    // Flip one character anywhere: refused.
    for i in 0..token.len() {
        let mut bytes = token.clone().into_bytes();
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(bytes).unwrap();
        if tampered != token {
            assert_eq!(
                keys.verify(TokenKind::Invite, &tampered, 0),
                Err(Refusal::InvalidToken),
                "at {i}"
            );
        }
    }
    // Upgrading the role in the payload without the key is refused.
    let (_, mac) = token.split_once('.').unwrap();
    let forged = format!("{}.{mac}", URL_SAFE_NO_PAD.encode("i.i1.c1.admin.1000"));
    assert_eq!(
        keys.verify(TokenKind::Invite, &forged, 0),
        Err(Refusal::InvalidToken)
    );
    for junk in ["", ".", "a.b", "not-a-token", "....."] {
        assert_eq!(
            keys.verify(TokenKind::Invite, junk, 0),
            Err(Refusal::InvalidToken)
        );
    }
}

#[test]
fn revoked_and_foreign_invites_fail_the_store_check() {
    let folder = tempfile::tempdir().unwrap();
    let store = AccessStore::open(folder.path()).unwrap();
    let community = store.create_community("Digital transformation").unwrap();
    let other = store.create_community("Another").unwrap();
    let g = store
        .create_invite(&community, Role::Member, u64::MAX / 2)
        .unwrap();
    assert_eq!(store.check(&g), Ok(()));
    let foreign = Grant {
        community: other.clone(),
        ..g.clone()
    };
    assert_eq!(store.check(&foreign), Err(Refusal::InvalidToken));
    assert!(
        !store.revoke(&other, &g.invite).unwrap(),
        "another community cannot revoke it"
    );
    assert!(store.revoke(&community, &g.invite).unwrap());
    assert_eq!(store.check(&g), Err(Refusal::InvalidToken));
    assert!(store.invites(&community).unwrap()[0].revoked);
}

#[test]
fn the_secret_file_is_private_and_stable() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().unwrap();
    let first = Keys::load_or_create(folder.path()).unwrap();
    let mode = std::fs::metadata(folder.path().join(SECRET_FILE))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let again = Keys::load_or_create(folder.path()).unwrap();
    let g = grant(Role::Admin, u64::MAX);
    assert_eq!(
        again.verify(TokenKind::Session, &first.sign(TokenKind::Session, &g), 0),
        Ok(g)
    );
}

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
        .create_invite(&community, Role::Member, u64::MAX / 2, "")
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

#[test]
fn a_device_link_works_once_grants_its_makers_role_and_dies_with_its_parent() {
    let folder = tempfile::tempdir().unwrap();
    let store = AccessStore::open(folder.path()).unwrap();
    let community = store.create_community("c").unwrap();
    let parent = store
        .create_invite(&community, Role::Viewer, u64::MAX / 2, "לפגישה של 5 בינואר")
        .unwrap();
    let link = store
        .create_device_link(&parent, 10, 10 + DEVICE_LINK_SECONDS)
        .unwrap()
        .unwrap();
    assert_eq!((link.role, &link.community), (Role::Viewer, &community));
    assert_eq!(store.check(&link), Ok(()));
    assert_eq!(store.single_use(&link.invite), Ok(true));
    assert_eq!(store.single_use(&parent.invite), Ok(false));
    // Spent once; a second exchange is told so; an ordinary invite is never spent.
    // Its session lasts as the parent's would (capped at the longest session), not half an hour.
    assert_eq!(store.spend(&link.invite, 5_000), Ok(Some(5_000)));
    assert_eq!(store.spend(&link.invite, 5_000), Err(Refusal::LinkUsed));
    assert_eq!(store.spend(&parent.invite, 5_000), Ok(None));
    assert_eq!(store.spend(&parent.invite, 5_000), Ok(None));
    // The session made from it still checks, and a link minted from that session has the same
    // parent; admins see only the parent, with its name.
    assert_eq!(store.check(&link), Ok(()));
    let again = store.create_device_link(&link, 10, 20).unwrap().unwrap();
    assert_eq!(store.listed_invite(&again.invite).unwrap(), parent.invite);
    let listed = store.invites(&community).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].label, "לפגישה של 5 בינואר");
    // Revoking the parent ends every device link made under it.
    assert!(store.revoke(&community, &parent.invite).unwrap());
    assert_eq!(store.check(&link), Err(Refusal::InvalidToken));
    assert_eq!(store.check(&again), Err(Refusal::InvalidToken));
}

#[test]
fn open_device_links_are_bounded_and_expired_ones_cleared() {
    let folder = tempfile::tempdir().unwrap();
    let store = AccessStore::open(folder.path()).unwrap();
    let community = store.create_community("c").unwrap();
    let parent = store
        .create_invite(&community, Role::Member, u64::MAX / 2, "")
        .unwrap();
    for _ in 0..MAX_OPEN_DEVICE_LINKS {
        assert!(store
            .create_device_link(&parent, 100, 200)
            .unwrap()
            .is_some());
    }
    assert_eq!(
        store.create_device_link(&parent, 100, 200).unwrap(),
        None,
        "at the bound"
    );
    // Once they have expired, they are cleared and new ones may be made.
    assert!(store
        .create_device_link(&parent, 200, 300)
        .unwrap()
        .is_some());
}

#[test]
fn a_database_from_before_invite_names_is_upgraded_in_place() {
    let folder = tempfile::tempdir().unwrap();
    {
        let db =
            rusqlite::Connection::open(folder.path().join(crate::storage::DATABASE_FILE)).unwrap();
        db.execute_batch(
            "CREATE TABLE communities (id TEXT PRIMARY KEY, name TEXT NOT NULL);
             CREATE TABLE invites (id TEXT PRIMARY KEY, community TEXT NOT NULL REFERENCES communities(id),
                 role TEXT NOT NULL, expires INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
             INSERT INTO communities VALUES ('c', 'Old');
             INSERT INTO invites (id, community, role, expires) VALUES ('i', 'c', 'admin', 99999999999);",
        )
        .unwrap();
    }
    let store = AccessStore::open(folder.path()).unwrap();
    let old = store.invites("c").unwrap();
    assert_eq!(
        (old.len(), old[0].label.as_str(), old[0].revoked),
        (1, "", false)
    );
    let grant = Grant {
        community: "c".into(),
        role: Role::Admin,
        invite: "i".into(),
        expires: 99_999_999_999,
    };
    assert_eq!(store.check(&grant), Ok(()));
    assert!(store.create_device_link(&grant, 0, 10).unwrap().is_some());
    drop(store);
    // Opening it again adds nothing twice.
    assert_eq!(
        AccessStore::open(folder.path())
            .unwrap()
            .invites("c")
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn links_minted_and_spent_in_a_loop_stay_bounded_and_go_when_their_sessions_end() {
    let folder = tempfile::tempdir().unwrap();
    let store = AccessStore::open(folder.path()).unwrap();
    let community = store.create_community("c").unwrap();
    let parent = store
        .create_invite(&community, Role::Member, 10_000, "")
        .unwrap();
    for _ in 0..MAX_DEVICE_LINKS_PER_INVITE {
        let link = store
            .create_device_link(&parent, 100, 200)
            .unwrap()
            .unwrap();
        assert_eq!(store.spend(&link.invite, 5_000), Ok(Some(5_000)));
    }
    // Each used link lives as long as its session: no more until those end.
    assert_eq!(store.create_device_link(&parent, 100, 200).unwrap(), None);
    assert_eq!(
        store.create_device_link(&parent, 4_999, 5_100).unwrap(),
        None
    );
    // Their sessions over, their rows are gone, and the invite may make links again.
    assert!(store
        .create_device_link(&parent, 5_000, 5_100)
        .unwrap()
        .is_some());
}

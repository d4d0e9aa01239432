//! A full disk and the quotas: writes refused with a clear reason, reads go on, nothing
//! acknowledged is lost.

use std::time::Duration;

use automerge::{transaction::Transactable, ReadDoc, ROOT};
use kehila_tests::{TestMember, TestRelay};
use sync_core::{ids::DocumentId, refusal::Refusal};

#[tokio::test]
async fn a_full_disk_refuses_changes_keeps_reads_and_recovers_losing_nothing_acknowledged() {
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        max_database_bytes: Some(4 * 1024 * 1024),
        ..Default::default()
    })
    .await;
    let document = DocumentId::from_random_bytes([94; 16]);
    let url = relay.ws_url("/sync");
    // Each write big enough to need fresh pages (a small one can fit a page already there),
    // and not compressible (stored chunks are deflated).
    let put = |key: &'static str| {
        move |d: &mut automerge::Automerge| {
            let mut seed = key.len() as u64 + 0x9e37_79b9;
            let noise: String = (0..20_000)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    format!("{:x}", seed % 16)
                })
                .collect();
            let mut tx = d.transaction();
            tx.put(ROOT, key, format!("{key} {noise}")).unwrap();
            tx.commit();
        }
    };
    let mut writer = TestMember::connect(&url, &relay.admin_token, "writer").await;
    writer.open(document).await;
    writer.change(document, put("before")).await;
    writer
        .pump_until(|m| m.relay_has_everything(document))
        .await;

    // Another program fills the disk (here: the database's quota) with a ballast table.
    let database = relay
        .folder
        .path()
        .join("data")
        .join(sync_server::storage::DATABASE_FILE);
    let ballast = rusqlite::Connection::open(&database).unwrap();
    ballast
        .execute_batch(
            "CREATE TABLE ballast (bytes BLOB); INSERT INTO ballast VALUES (zeroblob(4194304));",
        )
        .unwrap();

    writer.change(document, put("during")).await;
    writer.pump_for(Duration::from_secs(3)).await;
    let refusal = writer.refused.clone().unwrap_or_default();
    assert!(
        refusal.contains("cannot store changes"),
        "refusal: {refusal:?}"
    );
    let kept = writer.storage.clone();

    // Reads go on: a newcomer gets what was acknowledged.
    let mut reader = TestMember::connect(&url, &relay.admin_token, "reader").await;
    reader.open(document).await;
    reader
        .pump_until(|m| m.doc(document).get(ROOT, "before").unwrap().is_some())
        .await;

    // Space comes back; the writer's change, kept on its device, goes through by itself.
    ballast.execute_batch("DROP TABLE ballast;").unwrap();
    let mut delivered = false;
    for attempt in 0..20 {
        let mut again =
            TestMember::connect(&url, &relay.admin_token, &format!("writer-{attempt}")).await;
        again.storage = kept.clone();
        again.open(document).await;
        again.pump_for(Duration::from_millis(500)).await;
        if again.refused.is_none() && again.relay_has_everything(document) {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(delivered, "writes did not resume after space returned");
    reader
        .pump_until(|m| m.doc(document).get(ROOT, "during").unwrap().is_some())
        .await;
    assert!(reader.doc(document).get(ROOT, "before").unwrap().is_some());
    relay.stop().await;
}

/// An edit putting `bytes` of noise (it does not compress) under `key`.
fn noise(key: &'static str, bytes: usize) -> impl FnOnce(&mut automerge::Automerge) {
    move |d: &mut automerge::Automerge| {
        let mut seed = key.len() as u64 * 0x9e37_79b9 + 1;
        let value: Vec<u8> = (0..bytes)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let mut tx = d.transaction();
        tx.put(ROOT, key, value).unwrap();
        tx.commit();
    }
}

fn note(key: &'static str, text: &'static str) -> impl FnOnce(&mut automerge::Automerge) {
    move |d: &mut automerge::Automerge| {
        let mut tx = d.transaction();
        tx.put(ROOT, key, text).unwrap();
        tx.commit();
    }
}

fn has(member: &TestMember, document: DocumentId, key: &str) -> bool {
    member.doc(document).get(ROOT, key).unwrap().is_some()
}

#[tokio::test]
async fn a_document_over_its_quota_is_refused_by_name_and_everything_else_keeps_syncing() {
    let limit = 64 * 1024;
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        max_document_bytes: limit,
        ..Default::default()
    })
    .await;
    let big = DocumentId::from_random_bytes([95; 16]);
    let small = DocumentId::from_random_bytes([96; 16]);
    let url = relay.ws_url("/sync");
    let mut ann = TestMember::connect(&url, &relay.admin_token, "ann").await;
    let mut ben = TestMember::connect(&url, &relay.admin_token, "ben").await;
    for member in [&mut ann, &mut ben] {
        member.open(big).await;
        member.open(small).await;
    }
    ann.change(big, note("title", "first")).await;
    ann.pump_until(|m| m.relay_has_everything(big)).await;

    // Ann pastes 100 KB into a document the relay caps at 64 KiB.
    ann.change(big, noise("paste", 100_000)).await;
    ann.pump_for(Duration::from_secs(2)).await;
    assert_eq!(
        ann.held,
        [Refusal::DocumentFull {
            document: big,
            limit
        }]
    );
    let reason = ann.refused.clone().unwrap_or_default();
    assert!(reason.contains("size limit"), "a readable reason: {reason}");
    assert!(has(&ann, big, "paste"), "the paste stays on Ann's device");

    // Ben keeps editing both documents; a newcomer gets all of it, and never the paste. Ben
    // first has Ann's title, so his is a later edit and not a concurrent one (which Automerge
    // would settle either way, by actor id: the test failed one run in three before).
    ben.pump_until(|m| kehila_tests::text_at(m.doc(big), "title") == "first")
        .await;
    ben.change(small, note("from-ben", "hello")).await;
    ben.change(big, note("title", "second")).await;
    ben.pump_until(|m| m.relay_has_everything(big) && m.relay_has_everything(small))
        .await;
    let mut cat = TestMember::connect(&url, &relay.admin_token, "cat").await;
    cat.open(big).await;
    cat.open(small).await;
    cat.pump_until(|m| {
        has(m, small, "from-ben") && kehila_tests::text_at(m.doc(big), "title") == "second"
    })
    .await;
    cat.pump_for(Duration::from_millis(500)).await;
    assert!(!has(&cat, big, "paste"), "the relay kept to its limit");
    assert!(cat.refused.is_none() && ben.refused.is_none());
    relay.stop().await;
}

/// The app's path after a refusal: the same engine connects again, still holding the paste back,
/// and must go on receiving the others' edits of that very document — whether they were made
/// before it came back or after. (An e2e run once waited 30 s for such an edit.)
#[tokio::test]
async fn a_member_holding_a_document_back_still_receives_its_edits_after_reconnecting() {
    let limit = 32 * 1024;
    let relay = TestRelay::start_with_limits(sync_server::Limits {
        max_document_bytes: limit,
        ..Default::default()
    })
    .await;
    let big = DocumentId::from_random_bytes([97; 16]);
    let url = relay.ws_url("/sync");
    let mut ann = TestMember::connect(&url, &relay.admin_token, "ann").await;
    let mut ben = TestMember::connect(&url, &relay.admin_token, "ben").await;
    ann.open(big).await;
    ben.open(big).await;
    ann.change(big, note("title", "first")).await;
    ann.pump_until(|m| m.relay_has_everything(big)).await;
    ben.pump_until(|m| kehila_tests::text_at(m.doc(big), "title") == "first")
        .await;

    ann.change(big, noise("paste", 100_000)).await;
    // Ben edits as the relay refuses the paste and reloads the document …
    ben.change(big, note("while-away", "one")).await;
    while ann.pump_for(Duration::from_millis(300)).await && ann.held.is_empty() {}
    assert_eq!(ann.held.len(), 1, "the paste is held back");
    ben.pump_until(|m| m.relay_has_everything(big)).await;
    ann.reconnect(&url, &relay.admin_token).await;
    ann.pump_until(|m| kehila_tests::text_at(m.doc(big), "while-away") == "one")
        .await;
    // … and after she is back, several times, each reaching her.
    for round in ["two", "three", "four"] {
        ben.change(big, note("after", round)).await;
        ann.pump_until(|m| kehila_tests::text_at(m.doc(big), "after") == round)
            .await;
    }
    // Ben types while Ann's connection is refused again and comes back (her next load offers
    // the paste once more): every keystroke reaches her.
    for attempt in 0..20 {
        let typed = format!("typed-{attempt}-");
        let ann_side = async {
            ann.reconnect(&url, &relay.admin_token).await;
            ann.pump_until(|m| kehila_tests::text_at(m.doc(big), "typing") == typed)
                .await;
        };
        let ben_side = async {
            for end in 1..=typed.len() {
                let so_far = typed[..end].to_string();
                ben.change(big, move |d: &mut automerge::Automerge| {
                    let mut tx = d.transaction();
                    tx.put(ROOT, "typing", so_far).unwrap();
                    tx.commit();
                })
                .await;
                ben.pump_for(Duration::from_millis(3)).await;
            }
        };
        tokio::join!(ann_side, ben_side);
    }
    assert!(has(&ann, big, "paste"), "the paste stays on Ann's device");
    assert!(ann.refused.is_none(), "held back, not refused again");
    relay.stop().await;
}

#[tokio::test]
async fn a_community_over_its_quota_refuses_new_writes_even_after_a_restart() {
    let limits = sync_server::Limits {
        max_community_bytes: 96 * 1024,
        ..Default::default()
    };
    let relay = TestRelay::start_with_limits(limits).await;
    let [first, second, third] = [97u8, 98, 99].map(|b| DocumentId::from_random_bytes([b; 16]));
    let url = relay.ws_url("/sync");
    let mut ann = TestMember::connect(&url, &relay.admin_token, "ann").await;
    ann.open(first).await;
    ann.change(first, noise("a", 60_000)).await;
    ann.pump_until(|m| m.relay_has_everything(first)).await;
    ann.open(second).await;
    ann.change(second, noise("b", 60_000)).await;
    ann.pump_for(Duration::from_secs(2)).await;
    // A full community holds every document Ann has open (any write to any of them would be
    // refused), the one she wrote to among them.
    let mut held: Vec<DocumentId> = ann
        .held
        .iter()
        .map(|refusal| match refusal {
            Refusal::CommunityFull { document, limit } => {
                assert_eq!(*limit, 96 * 1024);
                *document
            }
            other => panic!("not a community refusal: {other:?}"),
        })
        .collect();
    held.sort_by_key(|d| d.to_string());
    held.dedup();
    assert!(held.contains(&second), "{:?}", ann.held);
    assert!(
        held.iter().all(|d| *d == first || *d == second),
        "{:?}",
        ann.held
    );

    // After a restart the relay counts what the community stores again: still full.
    let relay = relay.restart_with(limits).await;
    let url = relay.ws_url("/sync");
    let mut again = TestMember::connect(&url, &relay.admin_token, "ann-again").await;
    again.open(third).await;
    again.change(third, noise("c", 60_000)).await;
    again.pump_for(Duration::from_secs(2)).await;
    assert!(
        matches!(again.held.as_slice(), [Refusal::CommunityFull { document, .. }] if *document == third),
        "{:?}",
        again.held
    );
    // Reading goes on: what was stored is all there.
    let mut reader = TestMember::connect(&url, &relay.admin_token, "reader").await;
    reader.open(first).await;
    reader.pump_until(|m| has(m, first, "a")).await;
    relay.stop().await;
}

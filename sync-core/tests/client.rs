//! A member's engine against the relay's, in memory: what the app's sync status and its
//! tab-to-tab channel rely on.

mod net;

use automerge::{transaction::Transactable, ReadDoc, ROOT};
use net::Net;
use sync_core::{
    client::{Client, ClientEffect},
    ids::DocumentId,
    touched::{Touched, MAX_CHANGES_TO_PATCH},
};

fn edit(client: &mut Client, document: DocumentId, key: &str) -> Vec<ClientEffect> {
    client.change(document, |doc| {
        let mut tx = doc.transaction();
        tx.put(ROOT, key, "value").unwrap();
        tx.commit();
    })
}

#[test]
fn pending_counts_changes_until_the_relay_confirms_them() {
    let document = DocumentId::from_random_bytes([7; 16]);
    let mut net = Net::new();
    let mut client = Client::new("tab-1".into(), "s1".into());
    client.open(document, &[]).unwrap();
    assert_eq!(
        client.pending_total(),
        0,
        "an empty document has nothing to send"
    );

    // Offline: two changes wait on the device.
    let first = edit(&mut client, document, "a");
    assert!(
        matches!(first[0], ClientEffect::Store { .. }),
        "stored first"
    );
    assert!(
        !first.iter().any(|e| matches!(e, ClientEffect::Send(_))),
        "offline: nothing sent"
    );
    net.run(&mut client, 1, first);
    let second = edit(&mut client, document, "b");
    net.run(&mut client, 1, second);
    assert_eq!(client.pending(&document), 2);

    // Online: the relay stores them and says so.
    assert!(!client.is_caught_up(), "offline is never caught up");
    net.connect(&mut client, 1);
    assert_eq!(client.pending(&document), 0);
    assert!(client.is_caught_up());
    assert_eq!(
        client.confirmed(&document),
        client.document(&document).unwrap().get_heads().as_slice()
    );

    // The connection drops: what the relay had confirmed stays confirmed, a new change pends.
    client.disconnected();
    let third = edit(&mut client, document, "c");
    net.run(&mut client, 1, third);
    assert_eq!(client.pending(&document), 1);
    assert!(!client.is_caught_up());

    // A reload: a new engine learns the confirmed heads the app persisted.
    let confirmed = client.confirmed(&document).to_vec();
    let mut reloaded = Client::new("tab-1b".into(), "s2".into());
    reloaded.open(document, &net.device_chunks).unwrap();
    assert_eq!(reloaded.pending(&document), 3, "unknown: everything counts");
    reloaded.set_confirmed(&document, confirmed);
    assert_eq!(reloaded.pending(&document), 1);
}

#[test]
fn another_tabs_changes_apply_store_and_notify() {
    let document = DocumentId::from_random_bytes([9; 16]);
    let mut tab1 = Client::new("tab-1".into(), "s1".into());
    let mut tab2 = Client::new("tab-2".into(), "s2".into());
    tab1.open(document, &[]).unwrap();
    tab2.open(document, &[]).unwrap();
    edit(&mut tab1, document, "from-tab-1");
    let shared = tab1.changes_since(&document, &[]);
    assert_eq!(shared.len(), 1);

    let effects = tab2.apply_changes(document, &shared);
    assert!(matches!(effects.first(), Some(ClientEffect::Store { .. })));
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(
        effects.contains(&ClientEffect::Changed(
            document,
            Touched::Paths(vec![path(&["from-tab-1"])])
        )),
        "another tab's change names what it touched: {effects:?}"
    );
    let doc = tab2.document(&document).unwrap();
    assert!(doc.get(ROOT, "from-tab-1").unwrap().is_some());

    // The same changes again (the channel may repeat): nothing to do.
    assert!(tab2.apply_changes(document, &shared).is_empty());
    // Garbage from a broken tab: ignored, nothing breaks.
    assert!(tab2.apply_changes(document, &[vec![1, 2, 3]]).is_empty());
}

#[test]
fn a_tab_missing_what_a_change_builds_on_can_tell_and_catch_up() {
    let document = DocumentId::from_random_bytes([11; 16]);
    let mut tab1 = Client::new("tab-1".into(), "s1".into());
    let mut tab2 = Client::new("tab-2".into(), "s2".into());
    tab1.open(document, &[]).unwrap();
    tab2.open(document, &[]).unwrap();
    edit(&mut tab1, document, "first");
    let before = tab1.heads(&document);
    edit(&mut tab1, document, "second");
    // tab 2 is sent only the newest change: it cannot apply it yet.
    let newest = tab1.changes_since(&document, &before);
    assert!(tab2.apply_changes(document, &newest).is_empty());
    assert!(tab2.is_missing_changes(&document));
    // It asks with its heads; tab 1 answers with everything since (unknown hashes ignored).
    let mut asked = tab2.heads(&document);
    asked.push(automerge::ChangeHash([9; 32]));
    let answer = tab1.changes_since(&document, &asked);
    assert_eq!(answer.len(), 2);
    assert!(!tab2.apply_changes(document, &answer).is_empty());
    assert!(!tab2.is_missing_changes(&document));
    assert_eq!(tab2.heads(&document), tab1.heads(&document));
}

#[test]
fn while_the_relay_is_ahead_only_this_devices_changes_are_pending() {
    let document = DocumentId::from_random_bytes([12; 16]);
    let mut net = Net::new();
    let mut me = Client::new("me".into(), "s1".into());
    me.open(document, &[]).unwrap();
    net.connect(&mut me, 1);
    let effects = edit(&mut me, document, "mine");
    net.run(&mut me, 1, effects);
    assert_eq!(me.pending(&document), 0);
    // Someone else's changes arrive without the relay's latest heads being known to us…
    let mut other = Client::new("other".into(), "s2".into());
    other.open(document, &[]).unwrap();
    let theirs = other.changes_since(&document, &[]);
    assert!(theirs.is_empty());
    edit(&mut other, document, "theirs-1");
    edit(&mut other, document, "theirs-2");
    let remote: Vec<automerge::Change> = other
        .changes_since(&document, &[])
        .into_iter()
        .map(|bytes| automerge::Change::from_bytes(bytes).unwrap())
        .collect();
    // Applied as a sync message would apply them: not made on this device.
    let _ = me.change(document, |doc| {
        doc.apply_changes(remote).unwrap();
    });
    // The relay confirms a head we do not have: "ahead of us".
    let mut ahead = me.confirmed(&document).to_vec();
    ahead.push(automerge::ChangeHash([7; 32]));
    me.set_confirmed(&document, ahead);
    let local = edit(&mut me, document, "mine-2");
    drop(local);
    // Only this device's unconfirmed change counts, not the other member's two.
    assert_eq!(me.pending(&document), 1);
}

/// What a change touched, as the views are told: from the patches logged while applying it,
/// for a local commit, another tab's changes and a sync message alike; "everything" for a batch
/// too large to log.
#[test]
fn changes_say_what_they_touched_without_a_diff() {
    let document = DocumentId::from_random_bytes([13; 16]);
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let changed = |effects: &[ClientEffect]| {
        effects
            .iter()
            .find_map(|e| match e {
                ClientEffect::Changed(_, touched) => Some(touched.clone()),
                _ => None,
            })
            .expect("a Changed effect")
    };
    let mut net = Net::new();
    let mut writer = Client::new("writer".into(), "s1".into());
    let mut reader = Client::new("reader".into(), "s2".into());
    writer.open(document, &[]).unwrap();
    reader.open(document, &[]).unwrap();
    // A local commit logged as it is made.
    let effects = writer.change_logged(document, |doc, log| {
        let mut tx = doc.transaction_log_patches(log.clone()).unwrap();
        let members = tx
            .put_object(ROOT, "members", automerge::ObjType::Map)
            .unwrap();
        tx.put(&members, "ann", "Ann").unwrap();
        let (_, logged) = tx.commit();
        *log = logged;
    });
    let touched = changed(&effects);
    assert!(touched.concerns(&path(&["members"])), "{touched:?}");
    assert!(touched.concerns(&path(&["members", "ann"])));
    assert!(!touched.concerns(&path(&["about"])));
    // The same change reaching another member through the relay names the same place.
    net.connect(&mut writer, 1);
    let seen = net.connect(&mut reader, 2);
    let remote = changed(&seen);
    assert!(remote.concerns(&path(&["members", "ann"])), "{remote:?}");
    assert!(!remote.concerns(&path(&["about"])));
    assert_eq!(
        reader.document(&document).unwrap().get_heads(),
        writer.document(&document).unwrap().get_heads()
    );
    // An unlogged change, or a batch past the limit, is everything.
    assert_eq!(
        changed(&edit(&mut writer, document, "x")),
        Touched::Everything
    );
    let mut many = Client::new("many".into(), "s3".into());
    many.open(document, &[]).unwrap();
    for n in 0..=MAX_CHANGES_TO_PATCH {
        edit(&mut writer, document, &format!("k{n}"));
    }
    let all = writer.changes_since(&document, &[]);
    assert_eq!(
        changed(&many.apply_changes(document, &all)),
        Touched::Everything
    );
    let few = reader.apply_changes(
        document,
        &writer.changes_since(&document, &reader.heads(&document))[..1],
    );
    assert!(matches!(changed(&few), Touched::Paths(_)));
}

/// The browser's device storage is segmented: a document opened from chunks loaded a few at a
/// time is the same document, and a whole-document snapshot left by an older version is
/// rewritten as segments on open.
#[test]
fn a_segmented_device_reopens_from_chunks_loaded_one_by_one() {
    use sync_core::storage::{ordered, ChunkKind, StorageOp};
    let document = DocumentId::from_random_bytes([15; 16]);
    let store = |effects: &[ClientEffect], chunks: &mut Vec<sync_core::storage::Chunk>| {
        for effect in effects {
            if let ClientEffect::Store { op, .. } = effect {
                op.clone().apply_in_memory(chunks);
            }
        }
    };
    // An older version's device: one plain snapshot.
    let mut old = Client::new("old".into(), "s0".into());
    old.open(document, &[]).unwrap();
    let mut chunks = Vec::new();
    for n in 0..30 {
        let effects = edit(&mut old, document, &format!("k{n}"));
        store(&effects, &mut chunks);
    }
    let heads = old.heads(&document);
    // This version's tab loads them one by one and opens the result.
    let mut tab = Client::new("tab".into(), "s1".into());
    tab.set_segmented_storage(4);
    let mut doc = automerge::Automerge::new();
    for chunk in ordered(&chunks) {
        doc.load_incremental(&chunk.bytes).unwrap();
    }
    let effects = tab.open_loaded(document, doc, &chunks);
    assert_eq!(tab.heads(&document), heads);
    let resegmented = effects.iter().find_map(|e| match e {
        ClientEffect::Store {
            op: op @ StorageOp::Compact { .. },
            ..
        } => Some(op.clone()),
        _ => None,
    });
    let Some(StorageOp::Compact {
        chunks: segments, ..
    }) = resegmented
    else {
        panic!("the old snapshot is rewritten as segments: {effects:?}");
    };
    assert!(
        segments.len() > 1,
        "30 changes in segments of 4 ops: {}",
        segments.len()
    );
    assert!(segments.iter().all(|c| c.key.kind == ChunkKind::Snapshot));
    store(&effects, &mut chunks);
    // Everything the device holds now loads, a segment at a time, into the same document.
    let mut again = automerge::Automerge::new();
    for chunk in ordered(&chunks) {
        again.load_incremental(&chunk.bytes).unwrap();
        assert!(again.get_missing_deps(&[]).is_empty());
    }
    assert_eq!(again.get_heads(), heads);
    assert!(again.get(ROOT, "k29").unwrap().is_some());
}

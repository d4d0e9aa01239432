//! The first change of a shared document, made identically on every device.
//!
//! Two members who create the same well-known document (the community's root document, its
//! glossary) while offline must not end up with two competing `members` maps, where Automerge
//! would keep one and hide the other's contents. So a document's skeleton is built by
//! [`initial_change`] with a fixed actor, a fixed time and no dependencies: every device makes a
//! byte-identical change with the same hash, and merging two copies is a no-op. Later changes use
//! each tab's own random actor.

use automerge::{transaction::Transactable, ActorId, Automerge, ChangeHash, ReadDoc, ROOT};
use sha2::{Digest, Sha256};

/// Root key holding the schema version; its presence means "initialised".
pub const SCHEMA_KEY: &str = "schema";

/// The skeleton change for documents of kind `label` at schema `version`, as raw change bytes.
/// `build` puts the skeleton's objects; it must be deterministic (no clocks, no randomness).
pub fn initial_change(
    label: &str,
    version: u64,
    build: impl FnOnce(&mut automerge::transaction::Transaction<'_>),
) -> Vec<u8> {
    let digest = Sha256::digest(format!("kehila/schema/{label}/{version}").as_bytes());
    let mut doc = Automerge::new();
    doc.set_actor(ActorId::from(&digest[..16]));
    let mut tx = doc.transaction();
    // Infallible on a fresh document.
    let _ = tx.put(ROOT, SCHEMA_KEY, version);
    build(&mut tx);
    tx.commit_with(automerge::transaction::CommitOptions::default().with_time(0));
    doc.get_last_local_change()
        .map(|change| change.raw_bytes().to_vec())
        .unwrap_or_default()
}

/// True when `doc` already has a skeleton (its own or another device's).
pub fn is_initialised(doc: &Automerge) -> bool {
    matches!(doc.get(ROOT, SCHEMA_KEY), Ok(Some(_)))
}

/// The hash of a change given as bytes (to tell whether a document contains it).
pub fn change_hash(bytes: &[u8]) -> Option<ChangeHash> {
    automerge::Change::from_bytes(bytes.to_vec())
        .ok()
        .map(|c| c.hash())
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::{transaction::Transactable, ObjType};

    fn skeleton() -> Vec<u8> {
        initial_change("community", 1, |tx| {
            let _ = tx.put_object(ROOT, "members", ObjType::Map);
            let _ = tx.put_object(ROOT, "about", ObjType::Text);
        })
    }

    #[test]
    fn every_device_makes_the_same_change() {
        assert_eq!(skeleton(), skeleton());
        assert!(!skeleton().is_empty());
        assert_ne!(
            skeleton(),
            initial_change("glossary", 1, |_| {}),
            "different kinds differ"
        );
    }

    #[test]
    fn two_offline_creations_merge_into_one_skeleton() {
        let mut a = Automerge::new();
        let mut b = Automerge::new();
        for doc in [&mut a, &mut b] {
            let change = automerge::Change::from_bytes(skeleton()).unwrap();
            doc.apply_changes([change]).unwrap();
            assert!(is_initialised(doc));
        }
        // Each adds a member to *its* members map while apart.
        for (doc, who) in [(&mut a, "ann"), (&mut b, "ben")] {
            let mut tx = doc.transaction();
            let (_, members) = tx.get(ROOT, "members").unwrap().unwrap();
            tx.put(&members, who, "here").unwrap();
            tx.commit();
        }
        a.merge(&mut b).unwrap();
        let (_, members) = a.get(ROOT, "members").unwrap().unwrap();
        let keys: Vec<String> = a.keys(&members).collect();
        assert_eq!(
            keys,
            vec!["ann".to_string(), "ben".to_string()],
            "nothing hidden"
        );
        assert_eq!(
            change_hash(&skeleton()),
            a.get_changes(&[]).first().map(|c| c.hash())
        );
    }
}

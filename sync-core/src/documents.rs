//! The documents every community has from its first day, named once for the relay and the app.
//!
//! A well-known document's id is derived by the relay from the community and the key (see the
//! relay's `Keys::well_known_document`), so every member's device opens the same document with no
//! coordination. The relay hands the ids out in `/api/session` under these keys; the app's
//! features declare which key they use. Adding a feature with a document of its own is adding its
//! key here (and to that feature's declaration, which a test checks against this list).
//!
//! Keys are never renamed or removed: a device that stored a session names its documents by key.

/// Keys of the well-known documents, in the order `/api/session` lists them.
pub const WELL_KNOWN: &[&str] = &[ROOT, GLOSSARY];

/// The community's root document: members, about, the catalog of per-item documents.
pub const ROOT: &str = "root";

/// The terminology glossary.
pub const GLOSSARY: &str = "glossary";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_root_comes_first() {
        let mut keys = WELL_KNOWN.to_vec();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), WELL_KNOWN.len());
        assert_eq!(WELL_KNOWN[0], ROOT);
    }
}

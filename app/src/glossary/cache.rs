//! The glossary as last shown, kept on the device so it opens at once.
//!
//! Loading the Automerge document of a large glossary takes about a second (2,000 entries with
//! two definitions each are ~2 million text operations; see the glossary benchmark). So the
//! list is also kept as plain JSON in localStorage, written a few seconds after it changes;
//! on start the app shows (and searches) it immediately while the document loads, then replaces
//! it with the document's own entries. Editing waits for the document. The cache is a view,
//! never a source: it is never synced and never merged, and leaving the community clears it.

use super::model::Entry;
use crate::browser;

/// localStorage key prefix of cached views (one per community).
pub const CACHE_PREFIX: &str = "kehila.view.glossary.";

/// Serialises entries for the cache.
pub fn encode(entries: &[Entry]) -> String {
    serde_json::to_string(entries).unwrap_or_default()
}

/// Reads a cache; `None` if it is not one (an older app version's, or damaged).
pub fn decode(text: &str) -> Option<Vec<Entry>> {
    serde_json::from_str(text).ok()
}

/// The cached entries of `community`, if any.
pub fn load(community: &str) -> Option<Vec<Entry>> {
    decode(&browser::stored(&format!("{CACHE_PREFIX}{community}"))?)
}

/// Replaces the cache of `community`. A full storage quota just means no cache next time.
pub fn save(community: &str, entries: &[Entry]) {
    browser::store(&format!("{CACHE_PREFIX}{community}"), &encode(entries));
}

/// Forgets every community's cache (leaving the community).
pub fn clear_all() {
    for key in browser::stored_keys(CACHE_PREFIX) {
        browser::unstore(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::model::Status;

    #[test]
    fn entries_round_trip_and_damage_is_ignored() {
        let entries = vec![Entry {
            id: "e-1".into(),
            term_he: "טרנספורמציה".into(),
            synonyms_en: vec!["DX".into()],
            status: Some(Status::Approved),
            updated_at: 5,
            ..Default::default()
        }];
        assert_eq!(decode(&encode(&entries)), Some(entries));
        assert_eq!(decode("{not json"), None);
        assert_eq!(decode("[]"), Some(Vec::new()));
    }
}

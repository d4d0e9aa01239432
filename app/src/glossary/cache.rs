//! The glossary as last shown, kept on the device so it opens at once.
//!
//! Loading the Automerge document of a large glossary takes about a second (2,000 entries with
//! two definitions each are ~2 million text operations; see the glossary benchmark). So the
//! list is also kept as plain JSON in localStorage, written a few seconds after it changes;
//! on start the app shows (and searches) it immediately while the document loads, then replaces
//! it with the document's own entries. The cache is a view, never a source: it is never synced
//! and never merged, and leaving the community clears it.
//!
//! It records the document's heads it shows, so that a member can edit an entry before the
//! document has loaded: those edits are made at that version
//! ([`crate::sync::DocHandle::show_from`]) and merge with anything newer like concurrent edits.

use automerge::ChangeHash;

use super::model::Entry;
use crate::browser;

/// localStorage key prefix of cached views (one per community).
pub const CACHE_PREFIX: &str = "kehila.view.glossary.";

/// A cached view: the entries, and the document's heads they are (none from an older app).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Cached {
    /// The document's heads, as hex.
    pub heads: Vec<String>,
    /// Every entry.
    pub entries: Vec<Entry>,
}

impl Cached {
    /// The heads, if every one reads as a change hash (and there are any).
    pub fn heads(&self) -> Option<Vec<ChangeHash>> {
        let heads: Vec<ChangeHash> = self.heads.iter().filter_map(|h| h.parse().ok()).collect();
        (!heads.is_empty() && heads.len() == self.heads.len()).then_some(heads)
    }
}

/// Serialises a view for the cache.
pub fn encode(entries: &[Entry], heads: &[ChangeHash]) -> String {
    serde_json::to_string(&Cached {
        heads: heads.iter().map(ToString::to_string).collect(),
        entries: entries.to_vec(),
    })
    .unwrap_or_default()
}

/// Reads a cache; an older app's (a bare list of entries) has no heads; `None` if damaged.
pub fn decode(text: &str) -> Option<Cached> {
    serde_json::from_str::<Cached>(text).ok().or_else(|| {
        serde_json::from_str::<Vec<Entry>>(text)
            .ok()
            .map(|entries| Cached {
                heads: Vec::new(),
                entries,
            })
    })
}

/// The cached view of `community`, if any.
pub fn load(community: &str) -> Option<Cached> {
    decode(&browser::stored(&format!("{CACHE_PREFIX}{community}"))?)
}

/// Replaces the cache of `community`. A full storage quota just means no cache next time.
pub fn save(community: &str, entries: &[Entry], heads: &[ChangeHash]) {
    browser::store(
        &format!("{CACHE_PREFIX}{community}"),
        &encode(entries, heads),
    );
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
        let heads = vec![ChangeHash([7; 32])];
        let cached = decode(&encode(&entries, &heads)).unwrap();
        assert_eq!(cached.entries, entries);
        assert_eq!(cached.heads(), Some(heads));
        assert_eq!(decode("{not json"), None);
        // An older app's cache: the entries, with no version to edit at.
        let older = decode(&serde_json::to_string(&entries).unwrap()).unwrap();
        assert_eq!(older.heads(), None);
        assert_eq!(older.entries, entries);
        assert_eq!(decode("[]").map(|c| c.entries.len()), Some(0));
    }
}

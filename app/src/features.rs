//! The registry: every feature of Kehila, one line each, in navigation order.
//!
//! Adding a feature is making its folder (with a `feature.rs` declaring its
//! [`Feature`](crate::platform::Feature)), adding `pub mod` for it in `lib.rs`, and adding its line
//! here; a well-known document's key also goes in `sync_core::documents::WELL_KNOWN`, which the
//! test below holds to the declarations.

use crate::platform::Feature;

/// Every feature, in navigation order.
pub static FEATURES: &[&Feature] = &[
    &crate::glossary::FEATURE,
    &crate::coming::DOCUMENTS,
    &crate::coming::ASSESSMENTS,
    &crate::boards::FEATURE,
    &crate::community::FEATURE,
];

#[cfg(test)]
mod tests {
    use super::FEATURES;
    use crate::{
        i18n::Lang,
        platform::{Per, Registry},
    };

    #[test]
    fn keys_and_page_paths_are_unique() {
        let mut keys: Vec<&str> = FEATURES.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), FEATURES.len());
        for feature in FEATURES {
            assert!(!feature.key.is_empty() && !feature.key.contains('/'));
            let mut paths: Vec<&str> = feature.pages.iter().map(|p| p.path).collect();
            paths.sort_unstable();
            paths.dedup();
            assert_eq!(paths.len(), feature.pages.len(), "{}", feature.key);
            assert!(
                feature
                    .pages
                    .iter()
                    .filter(|p| p.path.starts_with(':'))
                    .count()
                    <= 1,
                "{}: one parameter page at most",
                feature.key
            );
        }
    }

    /// The relay hands out exactly the well-known documents the app's features declare.
    #[test]
    fn declared_well_known_documents_are_the_relays_list() {
        let mut declared: Vec<&str> = Registry(FEATURES).well_known().map(|d| d.key).collect();
        declared.sort_unstable();
        let mut relay = sync_core::documents::WELL_KNOWN.to_vec();
        relay.sort_unstable();
        assert_eq!(declared, relay);
        for spec in Registry(FEATURES).well_known() {
            assert_eq!(spec.per, Per::Community);
            let skeleton = (spec.skeleton)();
            assert_eq!(skeleton, (spec.skeleton)(), "{}: deterministic", spec.key);
            assert!(!skeleton.is_empty());
        }
    }

    #[test]
    fn every_feature_names_itself_in_both_languages() {
        for feature in FEATURES {
            for lang in [Lang::He, Lang::En] {
                assert!(!(feature.title)(lang).is_empty());
                assert_ne!((feature.title)(lang), (feature.about)(lang));
                if let Some(nav) = &feature.nav {
                    assert!(!(nav.label)(lang).is_empty());
                }
            }
            assert_ne!((feature.title)(Lang::He), (feature.title)(Lang::En));
        }
    }
}

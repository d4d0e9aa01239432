//! The app's top-level sections: where they live, what the navigation calls them, their icons.

use leptos::prelude::*;

use crate::i18n::Strings;

/// A top-level section of Kehila, one per navigation entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The home page.
    Home,
    /// The terminology glossary.
    Glossary,
    /// Shared knowledge documents.
    Documents,
    /// 7-lenses maturity assessments.
    Assessments,
    /// Workshop boards.
    Boards,
    /// Community members, invitations and device settings.
    Community,
}

impl Section {
    /// Every section, in navigation order.
    pub const ALL: [Section; 6] = [
        Section::Home,
        Section::Glossary,
        Section::Documents,
        Section::Assessments,
        Section::Boards,
        Section::Community,
    ];

    /// The section's URL path (what a shared link points at).
    pub fn path(self) -> &'static str {
        match self {
            Section::Home => "/",
            Section::Glossary => "/glossary",
            Section::Documents => "/documents",
            Section::Assessments => "/assessments",
            Section::Boards => "/boards",
            Section::Community => "/community",
        }
    }

    /// The short label in the navigation bar.
    pub fn nav_label(self, s: &'static Strings) -> &'static str {
        match self {
            Section::Home => s.nav_home,
            Section::Glossary => s.nav_glossary,
            Section::Documents => s.nav_documents,
            Section::Assessments => s.nav_assessments,
            Section::Boards => s.nav_boards,
            Section::Community => s.nav_community,
        }
    }

    /// The page heading.
    pub fn title(self, s: &'static Strings) -> &'static str {
        match self {
            Section::Home => s.home_title,
            Section::Glossary => s.glossary_title,
            Section::Documents => s.documents_title,
            Section::Assessments => s.assessments_title,
            Section::Boards => s.boards_title,
            Section::Community => s.community_title,
        }
    }

    /// One sentence on what the section is for.
    pub fn about(self, s: &'static Strings) -> &'static str {
        match self {
            Section::Home => s.home_lead,
            Section::Glossary => s.glossary_about,
            Section::Documents => s.documents_about,
            Section::Assessments => s.assessments_about,
            Section::Boards => s.boards_about,
            Section::Community => s.community_about,
        }
    }

    /// The navigation icon: decorative (the label names the link), drawn with the text colour.
    pub fn icon(self) -> impl IntoView {
        let d = match self {
            Section::Home => "M3 11 12 3l9 8M5 10v10h5v-6h4v6h5V10",
            Section::Glossary => "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 21V5M8 7h7M8 11h5",
            Section::Documents => "M6 3h8l5 5v13H6zM14 3v5h5M9 13h7M9 17h7",
            Section::Assessments => "M12 3l8 5v8l-8 5-8-5V8zM12 8l4 2.5v3L12 16l-4-2.5v-3z",
            Section::Boards => "M4 4h7v7H4zM13 4h7v5h-7zM13 11h7v9h-7zM4 13h7v7H4z",
            Section::Community => "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3 3-5 6-5s6 2 6 5M16 5a3 3 0 0 1 0 6M18 15c2 .5 3 2 3 5",
        };
        view! {
            <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d=d />
            </svg>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, HE};

    #[test]
    fn every_section_has_a_distinct_path_and_labels() {
        let mut paths: Vec<_> = Section::ALL.iter().map(|s| s.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), Section::ALL.len());
        for section in Section::ALL {
            assert!(section.path().starts_with('/'));
            for strings in [&HE, &EN] {
                assert!(!section.nav_label(strings).is_empty());
                assert_ne!(section.title(strings), section.about(strings));
            }
        }
    }
}

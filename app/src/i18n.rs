//! Languages and UI strings.
//!
//! Every string the UI shows lives in [`HE`] or [`EN`], two values of one struct, so the compiler
//! refuses a string that exists in one language only. Components read the current table through
//! [`use_strings`]; the language itself is a signal in context ([`provide_language`]) that is
//! remembered per device (localStorage) and mirrored onto `<html lang dir>`.

use leptos::prelude::*;

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Hebrew, right-to-left: the default, the community's working language.
    #[default]
    He,
    /// English, left-to-right.
    En,
}

impl Lang {
    /// The BCP 47 code, as used in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::He => "he",
            Lang::En => "en",
        }
    }

    /// The writing direction, as used in `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::He => "rtl",
            Lang::En => "ltr",
        }
    }

    /// The other language (what the header's switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::He => Lang::En,
            Lang::En => Lang::He,
        }
    }

    /// The language's own name for itself, shown on switches.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::He => "עברית",
            Lang::En => "English",
        }
    }

    /// Parses a stored code; anything unknown is `None` (and the caller falls back to Hebrew).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "he" => Some(Lang::He),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The string table for this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::He => &HE,
            Lang::En => &EN,
        }
    }
}

/// Every string the UI shows, in one language.
#[derive(Debug)]
pub struct Strings {
    /// The product's name.
    pub app_name: &'static str,
    /// The skip link's text.
    pub skip_to_content: &'static str,
    /// The accessible name of the main navigation.
    pub main_navigation: &'static str,
    /// Accessible name of the header's language switch (its text is the other language's name).
    pub switch_language: &'static str,
    /// Navigation labels, short enough for a phone's bottom bar.
    pub nav_home: &'static str,
    /// Navigation label of the glossary.
    pub nav_glossary: &'static str,
    /// Navigation label of the documents.
    pub nav_documents: &'static str,
    /// Navigation label of the assessments.
    pub nav_assessments: &'static str,
    /// Navigation label of the workshop boards.
    pub nav_boards: &'static str,
    /// Navigation label of the community and settings page.
    pub nav_community: &'static str,
    /// Home page heading.
    pub home_title: &'static str,
    /// Home page introduction.
    pub home_lead: &'static str,
    /// Heading above the list of sections on the home page.
    pub home_sections: &'static str,
    /// Page headings and one-line descriptions of each feature.
    pub glossary_title: &'static str,
    /// What the glossary is for.
    pub glossary_about: &'static str,
    /// Documents heading.
    pub documents_title: &'static str,
    /// What documents are for.
    pub documents_about: &'static str,
    /// Assessments heading.
    pub assessments_title: &'static str,
    /// What assessments are for.
    pub assessments_about: &'static str,
    /// Boards heading.
    pub boards_title: &'static str,
    /// What boards are for.
    pub boards_about: &'static str,
    /// Community and settings heading.
    pub community_title: &'static str,
    /// What the community page is for.
    pub community_about: &'static str,
    /// The honest empty state of a feature that is not built yet.
    pub coming: &'static str,
    /// Settings: heading of the language choice.
    pub language_heading: &'static str,
    /// Settings: the language choice's explanation.
    pub language_hint: &'static str,
    /// 404 heading.
    pub not_found_title: &'static str,
    /// 404 explanation.
    pub not_found_body: &'static str,
    /// 404 link back home.
    pub not_found_home: &'static str,
}

/// Hebrew: the default.
pub const HE: Strings = Strings {
    app_name: "קהילה",
    skip_to_content: "דילוג לתוכן",
    main_navigation: "ניווט ראשי",
    switch_language: "Switch to English",
    nav_home: "בית",
    nav_glossary: "מונחים",
    nav_documents: "מסמכים",
    nav_assessments: "הערכות",
    nav_boards: "לוחות",
    nav_community: "קהילה",
    home_title: "ברוכים הבאים לקהילה",
    home_lead: "מרחב העבודה המשותף של קהילת הטרנספורמציה הדיגיטלית בממשלה: ידע, שפה משותפת והערכת בשלות — בטלפון, גם בלי חיבור.",
    home_sections: "מה יש כאן",
    glossary_title: "מילון מונחים",
    glossary_about: "השפה המשותפת של הקהילה, בעברית ובאנגלית, בעריכה משותפת.",
    documents_title: "מסמכי ידע",
    documents_about: "מאמרים, כלים מעשיים, פרקטיקות מומלצות וניתוחי הצלחות וכישלונות.",
    assessments_title: "הערכות בשלות",
    assessments_about: "דירוג פרויקט בשבע עדשות ובחמש רמות, והצעד הבא לכל עדשה.",
    boards_title: "לוחות סדנה",
    boards_about: "פתקים, קיבוץ והצבעה בנקודות — למפגשי הקהילה.",
    community_title: "קהילה והגדרות",
    community_about: "חברי הקהילה, הזמנות והעדפות המכשיר הזה.",
    coming: "החלק הזה של קהילה עדיין בבנייה ויופיע כאן בקרוב.",
    language_heading: "שפה",
    language_hint: "הבחירה נשמרת במכשיר הזה.",
    not_found_title: "הדף לא נמצא",
    not_found_body: "ייתכן שהקישור שגוי או שהדף הועבר.",
    not_found_home: "חזרה לדף הבית",
};

/// English.
pub const EN: Strings = Strings {
    app_name: "Kehila",
    skip_to_content: "Skip to content",
    main_navigation: "Main",
    switch_language: "החלפה לעברית",
    nav_home: "Home",
    nav_glossary: "Glossary",
    nav_documents: "Docs",
    nav_assessments: "Maturity",
    nav_boards: "Boards",
    nav_community: "Community",
    home_title: "Welcome to Kehila",
    home_lead: "The shared workspace of the government's digital transformation community: knowledge, a common language and maturity assessments — on your phone, even offline.",
    home_sections: "What is here",
    glossary_title: "Glossary",
    glossary_about: "The community's shared language, in Hebrew and English, co-edited.",
    documents_title: "Knowledge documents",
    documents_about: "Articles, practical tools, best practices and analyses of successes and failures.",
    assessments_title: "Maturity assessments",
    assessments_about: "Rate a project on seven lenses and five levels, and see the next step for each lens.",
    boards_title: "Workshop boards",
    boards_about: "Sticky notes, grouping and dot voting — for community meetings.",
    community_title: "Community & settings",
    community_about: "The community's members, invitations, and this device's preferences.",
    coming: "This part of Kehila is still being built and will appear here soon.",
    language_heading: "Language",
    language_hint: "Your choice is remembered on this device.",
    not_found_title: "Page not found",
    not_found_body: "The link may be wrong, or the page has moved.",
    not_found_home: "Back to the home page",
};

/// The localStorage key holding the device's language choice.
pub const LANGUAGE_STORAGE_KEY: &str = "kehila.lang";

/// The device's remembered language, or Hebrew when none (or an unknown one) is stored.
pub fn stored_language() -> Lang {
    local_storage()
        .and_then(|storage| storage.get_item(LANGUAGE_STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Remembers `lang` on this device. Storage can be unavailable (private mode, quota): the choice
/// then lasts for this visit only, which is the best we can do.
pub fn remember_language(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANGUAGE_STORAGE_KEY, lang.code());
    }
}

/// Sets `<html lang dir>` to `lang`, so the browser, screen readers and CSS logical properties
/// all follow the language.
pub fn apply_to_document(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Puts the language signal in context, starting from the device's stored choice, and keeps
/// `<html>` and storage in step with it. Call once, at the root.
pub fn provide_language() -> RwSignal<Lang> {
    let lang = RwSignal::new(stored_language());
    provide_context(lang);
    Effect::new(move |_| {
        let current = lang.get();
        apply_to_document(current);
        remember_language(current);
    });
    lang
}

/// The language signal provided at the root.
pub fn use_language() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// The current string table, reactive: read it inside a closure in `view!`.
pub fn use_strings() -> Signal<&'static Strings> {
    let lang = use_language();
    Signal::derive(move || lang.get().strings())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for lang in [Lang::He, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn hebrew_is_the_rtl_default() {
        assert_eq!(Lang::default(), Lang::He);
        assert_eq!(Lang::He.dir(), "rtl");
        assert_eq!(Lang::En.dir(), "ltr");
        assert_eq!(Lang::He.other(), Lang::En);
    }

    /// A table with a blank string would show an empty label; with a string left in the other
    /// language (other than the switch, which names the other language on purpose) it would mix
    /// scripts. Hebrew strings must contain Hebrew letters; English ones must not.
    #[test]
    fn every_string_is_filled_in_its_own_language() {
        let fields = |s: &'static Strings| -> Vec<&'static str> {
            vec![
                s.app_name,
                s.skip_to_content,
                s.main_navigation,
                s.nav_home,
                s.nav_glossary,
                s.nav_documents,
                s.nav_assessments,
                s.nav_boards,
                s.nav_community,
                s.home_title,
                s.home_lead,
                s.home_sections,
                s.glossary_title,
                s.glossary_about,
                s.documents_title,
                s.documents_about,
                s.assessments_title,
                s.assessments_about,
                s.boards_title,
                s.boards_about,
                s.community_title,
                s.community_about,
                s.coming,
                s.language_heading,
                s.language_hint,
                s.not_found_title,
                s.not_found_body,
                s.not_found_home,
            ]
        };
        let is_hebrew = |c: char| ('\u{0590}'..='\u{05FF}').contains(&c);
        for text in fields(&HE) {
            assert!(text.chars().any(is_hebrew), "not Hebrew: {text:?}");
        }
        for text in fields(&EN) {
            assert!(!text.trim().is_empty());
            assert!(
                !text.chars().any(is_hebrew),
                "Hebrew in the English table: {text:?}"
            );
        }
    }
}
